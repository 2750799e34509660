// Type-level tests of the client events of the ChatIA catalog: the typed client, the handlers, the
// ownership check and what the setup returns. tsc checks this file; `types.test.ts` compiles it
// again without the directives and checks each marked line fails with the code written next to
// it, and that no other line fails. Nothing here runs.
import type { Namespace, Server } from "socket.io";
import type { Socket as ClientSocket } from "socket.io-client";
import {
  ClientEventError,
  setupCompanyNamespaces,
  type AuthorizeRequest,
  type ClientEventHandlers,
  type CompanyParentNamespace,
} from "../../generated/chatia/backend/src/libs/socket/emitters";
import type { Ack, ClientEventArgs, ClientToServerEvents, ReadReceipt, ServerToClientEvents, Typing } from "../../generated/chatia/shared/socket/events";
import type { ClientToServerEvents as AwkwardClientToServerEvents, Record_ } from "../../generated/awkward/out/types/events";
import type { ClientRateLimitOverrides as AwkwardRateLimitOverrides } from "../../generated/awkward/out/server/emitters";

declare const io: Server;
declare const client: ClientSocket<ServerToClientEvents, ClientToServerEvents>;
declare const awkwardClient: ClientSocket<ServerToClientEvents, AwkwardClientToServerEvents>;
declare const record: Record_;
declare const verifyToken: () => null;

const handlers: ClientEventHandlers = {
  typing(ctx, indicator) {
    ctx.emitter.typing.update({ ticketId: indicator.ticketId, typing: indicator.typing }, { room: "ticket", ticketId: indicator.ticketId });
  },
  async markAsRead(ctx, ticketId) {
    return { ticketId, unreadMessages: ctx.user.userId };
  },
};

export function clientChecks(): void {
  client.emit("joinChatBox", 5);
  client.emit("joinChatBox", 5, (reply) => void reply.ok);
  client.emit("markAsRead", 5, (reply: Ack<ReadReceipt>) => void (reply.ok && reply.data?.unreadMessages));
  client.emit("typing", { ticketId: 5, typing: true });
  void client.emitWithAck("markAsRead", 5).then((reply) => (reply.ok ? reply.data?.ticketId : reply.error.code));
  // @ts-expect-error TS2345 a wrong argument type
  client.emit("joinChatBox", "5");
  // @ts-expect-error TS2554 a missing required acknowledgement
  client.emit("markAsRead", 5);
  // @ts-expect-error TS2345 an emit of a client event the catalog does not have
  client.emit("joinChatbox", 5);
  // @ts-expect-error TS2353 a field the DTO does not declare
  client.emit("typing", { ticketId: 5, typing: true, extra: 1 });
  // @ts-expect-error TS2345 an enum value the catalog does not list
  client.emit("joinTickets", "archived");
  // @ts-expect-error TS2554 an argument too many
  client.emit("leaveNotification", 1, () => {});
}

export function rateLimitChecks(): void {
  setupCompanyNamespaces(io, { verifyToken, canJoinRoom: () => true, authorize: () => true, handlers, clientRateLimits: { typing: { events: 10, windowSeconds: 1 } } });
  // @ts-expect-error TS2353 a limit for an event the catalog does not have
  setupCompanyNamespaces(io, { verifyToken, canJoinRoom: () => true, authorize: () => true, handlers, clientRateLimits: { typo: { events: 10, windowSeconds: 1 } } });
  const awkwardLimits: AwkwardRateLimitOverrides = new Map([["constructor", { events: 1, windowSeconds: 1 }]]);
  void awkwardLimits;
}

export function optionalArgumentChecks(): void {
  // After optional arguments, the acknowledgement comes where the arguments end.
  awkwardClient.emit("constructor", record, (reply) => void reply.ok);
  awkwardClient.emit("constructor", record, null, (reply) => void reply.ok);
  awkwardClient.emit("bulk-tag", 5);
  awkwardClient.emit("bulk-tag", 5, null, ["2024-05-01T12:00:00Z"]);
  // @ts-expect-error TS2345 a required acknowledgement after optional arguments is still required
  awkwardClient.emit("constructor", record, "note");
}

export function handlerChecks(): void {
  setupCompanyNamespaces(io, { verifyToken, canJoinRoom: () => true, authorize: () => true, handlers });
  // @ts-expect-error TS2741 a missing handler
  const missing: ClientEventHandlers = { typing() {} };
  const wrongArgument: ClientEventHandlers = {
    // @ts-expect-error TS2322 a handler whose argument is not the event's
    typing(_ctx, indicator: string) {
      void indicator;
    },
    markAsRead: (_ctx, ticketId) => ({ ticketId, unreadMessages: 0 }),
  };
  const wrongReturn: ClientEventHandlers = {
    typing() {},
    // @ts-expect-error TS2322 a handler that does not return the ack's data
    markAsRead: () => ({ ticketId: 5 }),
  };
  void [missing, wrongArgument, wrongReturn];
  // @ts-expect-error TS2345 an ownership check is required when the catalog authorizes an event
  setupCompanyNamespaces(io, { verifyToken, canJoinRoom: () => true, handlers });
  // @ts-expect-error TS2345 an error code outside the contract
  throw new ClientEventError("gone", "no such ticket");
}

export function authorizeChecks(request: AuthorizeRequest): void {
  switch (request.event) {
    case "joinChatBox":
    case "markAsRead": {
      const ticketId: number = request.args[0];
      void ticketId;
      break;
    }
    case "typing": {
      const indicator: Typing = request.args[0];
      void indicator;
      break;
    }
  }
  const joined: ClientEventArgs["joinChatBox"] = [5];
  void joined;
  // @ts-expect-error TS2367 a leave does not ask the ownership check
  if (request.event === "leaveChatBox") return;
}

export function parentChecks(): void {
  const parent: CompanyParentNamespace = setupCompanyNamespaces(io, { verifyToken, canJoinRoom: () => true, authorize: () => true, handlers });
  // What the setup returns is a typed namespace as it is: no cast.
  const plain: Namespace<ClientToServerEvents, ServerToClientEvents> = parent;
  const untyped: Namespace = parent;
  void [plain, untyped];
  parent.use((socket, next) => {
    const userId: number = socket.data.userId;
    void userId;
    next();
  });
  parent.on("connection", (socket) => {
    socket.emit("company-1-contact", { action: "delete", contactId: 1, companyId: 1, userId: 2, timestamp: "" });
    // @ts-expect-error TS2345 the namespace knows the catalog's server events
    socket.emit("company-1-contacts", {});
  });
}
