// Sample payloads of the ChatIA catalog: one per action of every event that may be broadcast. The
// table's type makes tsc refuse it unless it names every such event and every action the
// emitters offer.
import type { EmitOutcome, SocketEmitter } from "../../generated/chatia/backend/src/libs/socket/emitters";
import type {
  AppMessagePayload,
  AutomationRulePayload,
  Campaign,
  CampaignPayload,
  Contact,
  ContactPayload,
  Message,
  PayloadBase,
  Ticket,
  TicketPayload,
  WhatsappSessionPayload,
} from "../../generated/chatia/shared/socket/events";

/** A payload as the caller describes it: its action and the fields it carries. */
export type Body<P> = P extends unknown ? Omit<P, keyof PayloadBase> : never;

type Cases<E, P> = { [Method in keyof E]: Body<P> };

export const contact: Contact = {
  id: 12,
  name: "Ana Souza",
  number: "5511999990000",
  profilePicUrl: null,
  isGroup: false,
  extraInfo: { cpf: "123.456.789-00" },
  tags: [{ id: 1, name: "VIP", color: "#2196f3" }],
};

export const ticket: Ticket = {
  id: 5,
  status: "open",
  contactId: 12,
  userId: null,
  queueId: 3,
  whatsappId: 1,
  unreadMessages: 2,
  lastMessage: "Olá! \"aspas\" e \\ barra",
  isGroup: false,
  contact,
  createdAt: "2024-05-01T12:00:00.000Z",
  updatedAt: "2024-05-01T12:34:56.789Z",
};

export const message: Message = {
  id: 4021,
  wid: "3EB0C767D26A1D2E5F1A",
  ticketId: 5,
  contactId: 12,
  body: "emoji 😀 and </script>",
  fromMe: false,
  read: false,
  ack: "delivered",
  mediaUrl: null,
  createdAt: "2024-05-01T12:35:00.000Z",
};

export const campaign: Campaign = {
  id: 9,
  name: "Black Friday",
  status: "EM_ANDAMENTO",
  scheduledAt: null,
  completedAt: null,
  whatsappId: 1,
  contactListId: 4,
};

export const chatiaCases = {
  ticket: {
    create: { action: "create", ticket },
    update: { action: "update", ticket: { ...ticket, unreadMessages: 0 } },
    delete: { action: "delete", ticketId: 5 },
    statusChange: { action: "status-change", ticket: { ...ticket, status: "pending" }, oldStatus: "open" },
    removeFromList: { action: "removeFromList", ticketId: 5 },
  } satisfies Cases<SocketEmitter["ticket"], TicketPayload>,
  appMessage: {
    create: { action: "create", message, ticket, contact },
    update: { action: "update", message: { ...message, ack: "read", read: true } },
    delete: { action: "delete", messageId: 77 },
  } satisfies Cases<SocketEmitter["appMessage"], AppMessagePayload>,
  contact: {
    create: { action: "create", contact },
    update: { action: "update", contact: { ...contact, email: "ana@example.com" } },
    delete: { action: "delete", contactId: 12 },
  } satisfies Cases<SocketEmitter["contact"], ContactPayload>,
  whatsappSession: {
    update: {
      action: "update",
      whatsappSession: { id: 1, name: "Suporte", status: "CONNECTED", qrcode: null, isDefault: true, updatedAt: "2024-05-01T12:00:00.000Z" },
    },
    delete: { action: "delete", whatsappSessionId: 1 },
    qrcode: {
      action: "qrcode",
      whatsappSession: { id: 1, name: "Suporte", status: "qrcode", qrcode: "2@abc", battery: 80, isDefault: true, updatedAt: "2024-05-01T12:00:01.000Z" },
    },
  } satisfies Cases<SocketEmitter["whatsappSession"], WhatsappSessionPayload>,
  campaign: {
    create: {
      action: "create",
      campaign: { id: 9, name: "Black Friday", status: "PROGRAMADA", scheduledAt: "2024-11-29T09:00:00.000Z", completedAt: null, whatsappId: 1, contactListId: 4 },
    },
    update: {
      action: "update",
      campaign: { id: 9, name: "Black Friday 2", status: "PROGRAMADA", scheduledAt: null, completedAt: null, whatsappId: 1, contactListId: 4 },
    },
    delete: { action: "delete", campaignId: 9 },
    statusChange: {
      action: "status-change",
      campaign: { id: 9, name: "Black Friday", status: "EM_ANDAMENTO", scheduledAt: null, completedAt: null, whatsappId: 1, contactListId: 4 },
    },
    progress: { action: "progress", campaignId: 9, sent: 120, total: 1000 },
  } satisfies Cases<SocketEmitter["campaign"], CampaignPayload>,
  automationRule: {
    create: { action: "create", automationRule: { id: 3, name: "Boas-vindas", trigger: "ticket-created", enabled: true, conditions: { queue: "3" } } },
    update: {
      action: "update",
      automationRule: { id: 3, name: "Boas-vindas", trigger: "ticket-created", enabled: false, conditions: {}, lastRunAt: null },
    },
    delete: { action: "delete", automationRuleId: 3 },
    executed: { action: "executed", automationRuleId: 3, ticketId: 5, success: true },
  } satisfies Cases<SocketEmitter["automationRule"], AutomationRulePayload>,
} satisfies { [Resource in BroadcastResource]: { [Method in keyof SocketEmitter[Resource]]: unknown } };

/** Events that may go to the whole namespace; `typing` only goes to a ticket's room. */
type BroadcastResource = Exclude<keyof SocketEmitter, "typing">;

export type ChatiaResource = keyof typeof chatiaCases;

/** Sends one case through the emitter method of the same name, without a room. */
export function sendCase(emitter: SocketEmitter, resource: ChatiaResource, method: string, body: { action: string }): EmitOutcome {
  const { action: _action, ...data } = body;
  const group = emitter[resource] as unknown as Record<string, (data: unknown) => EmitOutcome>;
  const send = group[method];
  if (send === undefined) {
    throw new Error(`no emitter ${resource}.${method}`);
  }
  return send.call(emitter[resource], data);
}

/** The actions the catalog marks `volatile`: a client whose connection is busy misses them. */
const volatileActions = new Set(["campaign.progress"]);

/** Every (resource, method, body) of the table. */
export function allCases(): { resource: ChatiaResource; method: string; body: { action: string }; volatile: boolean }[] {
  return (Object.keys(chatiaCases) as ChatiaResource[]).flatMap((resource) =>
    Object.entries(chatiaCases[resource]).map(([method, body]) => ({
      resource,
      method,
      body: body as { action: string },
      volatile: volatileActions.has(`${resource}.${method}`),
    })),
  );
}
