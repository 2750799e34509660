// Type-level tests of the ChatIA catalog's generated TypeScript. tsc checks this file (the harness
// tsconfig includes it): each `@ts-expect-error` must meet an error, and `types.test.ts` compiles
// it again without the directives to check that each line fails with the error code written
// next to its directive, and that every other line compiles. Nothing here runs.
import type { Server } from "socket.io";
import type { Socket as ClientSocket } from "socket.io-client";
import { createSocketEmitter, roomName } from "../../generated/chatia/backend/src/libs/socket/emitters";
import type {
  ClientToServerEvents,
  ContactPayload,
  ServerToClientEvents,
  SocketData,
  Ticket,
  TicketCreatePayload,
  TicketDeletePayload,
  TicketPayload,
} from "../../generated/chatia/shared/socket/events";
import { eventNames } from "../../generated/chatia/shared/socket/events";
import { applyTicketEvent, useTicketEvents } from "../../generated/chatia/frontend/src/hooks/socketEvents";

declare const io: Server<ClientToServerEvents, ServerToClientEvents, {}, SocketData>;
declare const client: ClientSocket<ServerToClientEvents, ClientToServerEvents>;
declare const ticket: Ticket;
declare const ticketPayload: TicketPayload;
declare const contactPayload: ContactPayload;
const base = { companyId: 1, userId: 2, timestamp: "2024-05-01T12:00:00.000Z" };

export function emitterChecks(): void {
  const emit = createSocketEmitter(io, 1, 2);
  emit.ticket.create({ ticket });
  emit.ticket.statusChange({ ticket, oldStatus: "open" });
  emit.ticket.update({ ticket }, { room: "status", status: "pending" });
  emit.appMessage.delete({ messageId: 1 }, { room: "notification" });
  // @ts-expect-error TS2339 a wrong action
  emit.ticket.progress({ ticketId: 1 });
  // @ts-expect-error TS2551 a wrong event
  emit.tickets.create({ ticket });
  // @ts-expect-error TS2345 a missing field
  emit.ticket.create({});
  // @ts-expect-error TS2322 a field of the wrong enum value
  emit.ticket.statusChange({ ticket, oldStatus: "archived" });
  // @ts-expect-error TS2561 a field the action does not carry
  emit.ticket.delete({ ticketId: 1, ticket });
  // @ts-expect-error TS2554 a room for an event that has none
  emit.contact.delete({ contactId: 1 }, { room: "ticket", ticketId: 1 });
  // @ts-expect-error TS2345 a room the event may not target
  emit.appMessage.delete({ messageId: 1 }, { room: "user", userId: 1 });
  // @ts-expect-error TS2345 a room without its parameter
  emit.ticket.update({ ticket }, { room: "ticket" });
  // @ts-expect-error TS2322 a room parameter of the wrong type
  roomName({ room: "ticket", ticketId: "5" });
}

export function payloadChecks(): void {
  const created: TicketCreatePayload = { ...base, action: "create", ticket };
  const deleted: TicketDeletePayload = { ...base, action: "delete", ticketId: 5 };
  const any: TicketPayload = { ...base, action: "removeFromList", ticketId: 5 };
  void [created, deleted, any];
  // @ts-expect-error TS2322 a wrong action for the variant
  const wrongAction: TicketCreatePayload = { ...base, action: "delete", ticket };
  // @ts-expect-error TS2741 a missing field
  const missingId: TicketDeletePayload = { ...base, action: "delete" };
  // @ts-expect-error TS2322 an action the event does not have
  const unknownAction: TicketPayload = { ...base, action: "progress", ticketId: 5 };
  // @ts-expect-error TS2561 the delete variant does not carry the ticket
  const mixed: TicketPayload = { ...base, action: "delete", ticket };
  void [wrongAction, missingId, unknownAction, mixed];
}

export function socketIoChecks(): void {
  io.of("/workspace-1").emit("company-1-ticket", ticketPayload);
  io.of("/workspace-1").emit(eventNames.contact(1), contactPayload);
  // @ts-expect-error TS2345 a wrong event name on the typed server
  io.of("/workspace-1").emit("company-1-tickets", ticketPayload);
  // @ts-expect-error TS2345 another event's payload
  io.of("/workspace-1").emit("company-1-ticket", contactPayload);
  client.on("company-1-ticket", (payload) => {
    const typed: TicketPayload = payload;
    void typed;
  });
  // @ts-expect-error TS2345 a wrong event name on the typed client
  client.on("company-1-tikcet", () => {});
  // @ts-expect-error TS2345 a listener for another event's payload
  client.on("company-1-ticket", (payload: ContactPayload) => void payload);
  client.emit("room:join", { room: "ticket", ticketId: 5 }, (result) => void result.ok);
  // @ts-expect-error TS2322 a room clients may not join
  client.emit("room:join", { room: "user", userId: 1 });
}

export function hookChecks(): void {
  useTicketEvents(client, { statusChange: (payload) => void payload.oldStatus });
  useTicketEvents(client, (payload) => void payload.action);
  // @ts-expect-error TS2353 a handler for a wrong action
  useTicketEvents(client, { craete: () => {} });
  // @ts-expect-error TS2551 the delete handler gets the delete payload
  useTicketEvents(client, { delete: (payload) => void payload.ticket });
  const tickets: Ticket[] = applyTicketEvent([ticket], ticketPayload);
  void tickets;
  // @ts-expect-error TS2769 another event's payload
  applyTicketEvent([ticket], contactPayload);
}
