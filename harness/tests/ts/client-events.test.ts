// The client events of the generated ChatIA server, against a real socket.io 4.7.5 server and real
// socket.io-client 4.7.5 clients on loopback: each refusal class answers its code, reaches no
// handler and logs one line with its context; valid events join rooms, answer typed data and
// run their handlers with the authenticated user and a bound emitter.
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ClientEventError,
  clientRateLimits,
  createCompanyRateLimiter,
  createSocketEmitter,
  setupCompanyNamespaces,
  type AuthorizeRequest,
  type ClientEventContext,
  type CompanyNamespacesOptions,
} from "../../generated/chatia/backend/src/libs/socket/emitters";
import type { Ack, ClientToServerEvents, ReadReceipt, ServerToClientEvents } from "../../generated/chatia/shared/socket/events";
import { deniedByIds } from "../../corpus/rule";
import { ticket } from "./chatia-samples";
import { closeAll, memoryLogger, record, startServer, tokenTable, waitUntil, type Loopback } from "./support";

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const users = {
  "token-a1": { companyId: 1, userId: 11 },
  "token-a2": { companyId: 1, userId: 12 },
};

let server: Loopback;
let sockets: Socket[];
let logger: ReturnType<typeof memoryLogger>;
/** Every handler call, in order. */
let calls: { event: string; ctx: ClientEventContext; args: unknown[] }[];
let authorized: AuthorizeRequest[];
let clock: number;

const argNames: Record<AuthorizeRequest["event"], string[]> = {
  joinChatBox: ["ticketId"],
  typing: ["indicator"],
  markAsRead: ["ticketId"],
};

/** Tickets of 1000 and more belong to nobody (the corpus rule); asking about 666 breaks the check. */
function authorize(request: AuthorizeRequest): boolean {
  authorized.push(request);
  if (request.args[0] === 666) {
    throw new Error("ownership store down");
  }
  return !deniedByIds(request.args, argNames[request.event]);
}

const handlers: CompanyNamespacesOptions["handlers"] = {
  typing(ctx, indicator) {
    calls.push({ event: "typing", ctx, args: [indicator] });
    ctx.emitter.typing.update({ ticketId: indicator.ticketId, typing: indicator.typing }, { room: "ticket", ticketId: indicator.ticketId });
  },
  markAsRead(ctx, ticketId) {
    calls.push({ event: "markAsRead", ctx, args: [ticketId] });
    if (ticketId === 13) {
      throw new Error("database down");
    }
    if (ticketId === 404) {
      throw new ClientEventError("not-found", "there is no ticket 404");
    }
    if (ticketId === 7) {
      return Promise.resolve({ ticketId, unreadMessages: 2 });
    }
    return { ticketId, unreadMessages: 0 };
  },
};

async function setup(extra: Partial<CompanyNamespacesOptions> = {}) {
  server = await startServer();
  return setupCompanyNamespaces(server.io, {
    verifyToken: tokenTable(users),
    canJoinRoom: () => true,
    authorize,
    handlers,
    logger,
    now: () => clock,
    ...extra,
  });
}

beforeEach(() => {
  sockets = [];
  calls = [];
  authorized = [];
  logger = memoryLogger();
  clock = 1_000_000;
});

afterEach(async () => {
  closeAll(sockets);
  await server.close();
});

async function client(token: keyof typeof users): Promise<Client> {
  const socket: Client = connect(`${server.url}/workspace-1`, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token } });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}

const NO_REPLY = "no reply";

/**
 * Sends any event with any arguments and a callback, as a hostile client could, and resolves with
 * the reply, or with `NO_REPLY` when none came by the time the server had read what followed.
 */
async function send(socket: Client, event: string, ...args: unknown[]): Promise<unknown> {
  let reply: unknown = NO_REPLY;
  const answered = new Promise<void>((resolve) =>
    (socket as unknown as Socket).emit(event, ...args, (answer: unknown) => {
      reply = answer;
      resolve();
    }),
  );
  const quiet = roundTrip(socket).then(() => new Promise((resolve) => setTimeout(resolve, 20)));
  await Promise.race([answered, quiet]);
  return reply;
}

/** Resolves once the server has read everything sent before: it answers `room:join` at once. */
function roundTrip(socket: Client): Promise<void> {
  return new Promise((resolve) => (socket as unknown as Socket).emit("room:join", null, () => resolve()));
}

function refused(code: string) {
  return { ok: false, error: { code, message: expect.any(String) } };
}

/** The one log line of a refusal, with its context. */
function expectOneLogLine(socket: Client, event: string, reason: string, level: "warn" | "error" = "warn") {
  expect(logger.entries).toHaveLength(1);
  expect(logger.entries[0]).toMatchObject({
    level,
    context: { companyId: 1, userId: 11, socketId: serverSocketId(socket), event, reason },
  });
}

/** Both ends of a connection share its id. */
function serverSocketId(socket: Client): string {
  return socket.id ?? "not connected";
}

async function serverSocket(userId: number) {
  const all = await server.io.of("/workspace-1").fetchSockets();
  const found = all.find((s) => s.data.userId === userId);
  if (found === undefined) {
    throw new Error(`no socket of user ${userId}`);
  }
  return found;
}

describe("refusals", () => {
  beforeEach(() => setup());

  it("refuses an argument of the wrong type", async () => {
    const socket = await client("token-a1");
    expect(await send(socket, "markAsRead", "5")).toEqual(refused("invalid-payload"));
    expect(calls).toEqual([]);
    expectOneLogLine(socket, "markAsRead", "invalid-payload");
    expect(logger.entries[0]!.context["detail"]).toBe("argument 1 (ticketId) is not a valid integer");
  });

  it("refuses too many or too few arguments", async () => {
    const socket = await client("token-a1");
    expect(await send(socket, "markAsRead", 5, 6)).toEqual(refused("invalid-payload"));
    expect(calls).toEqual([]);
    expectOneLogLine(socket, "markAsRead", "invalid-payload");
    expect(logger.entries[0]!.context["detail"]).toBe("it takes 1 argument, got 2");
    expect(await send(socket, "joinChatBox")).toEqual(refused("invalid-payload"));
    expect(authorized).toEqual([]);
  });

  it("refuses a key the DTO does not declare, and a missing one", async () => {
    const socket = await client("token-a1");
    expect(await send(socket, "typing", { ticketId: 5, typing: true, extra: 1 })).toEqual(refused("invalid-payload"));
    expect(calls).toEqual([]);
    expectOneLogLine(socket, "typing", "invalid-payload");
    expect(await send(socket, "typing", { ticketId: 5 })).toEqual(refused("invalid-payload"));
    expect(await send(socket, "typing", { ticketId: 5.5, typing: true })).toEqual(refused("invalid-payload"));
    expect(calls).toEqual([]);
  });

  it("refuses arguments whose JSON is over maxBytes, counted in UTF-8 bytes, before their shape", async () => {
    const socket = await client("token-a1");
    // 2-byte characters: about 190 characters but over 256 bytes.
    expect(await send(socket, "typing", { ticketId: 5, typing: true, note: "é".repeat(110) })).toEqual(refused("invalid-payload"));
    expect(calls).toEqual([]);
    expectOneLogLine(socket, "typing", "invalid-payload");
    expect(logger.entries[0]!.context["detail"]).toMatch(/^its arguments are 2\d\d bytes of JSON, more than 256$/);
  });

  it("refuses an unknown event with not-found and logs it once per socket", async () => {
    const socket = await client("token-a1");
    expect(await send(socket, "joinChatbox", 5)).toEqual({ ok: false, error: { code: "not-found", message: 'unknown event "joinChatbox"' } });
    expect(await send(socket, "constructor", 5)).toEqual(refused("not-found"));
    expect(await send(socket, "__proto__")).toEqual(refused("not-found"));
    expect(calls).toEqual([]);
    expectOneLogLine(socket, "joinChatbox", "not-found");
  });

  it("refuses events beyond the per-socket limit, valid or not, and logs the first of the window", async () => {
    const socket = await client("token-a1");
    const indicator = { ticketId: 5, typing: true };
    expect(clientRateLimits.typing).toEqual({ events: 5, windowSeconds: 1 });
    for (let i = 0; i < 4; i++) {
      expect(await send(socket, "typing", indicator)).toBe(NO_REPLY);
    }
    expect(await send(socket, "typing", "garbage counts too")).toEqual(refused("invalid-payload"));
    logger.entries.length = 0;
    expect(await send(socket, "typing", indicator)).toEqual(refused("rate-limited"));
    expect(await send(socket, "typing", indicator)).toEqual(refused("rate-limited"));
    expect(calls.map((c) => c.event)).toEqual(["typing", "typing", "typing", "typing"]);
    expectOneLogLine(socket, "typing", "rate-limited");
    // Another event keeps its own budget; the next window lets typing through again.
    expect(await send(socket, "markAsRead", 5)).toEqual({ ok: true, data: { ticketId: 5, unreadMessages: 0 } });
    clock += 1000;
    expect(await send(socket, "typing", indicator)).toBe(NO_REPLY);
    expect(calls).toHaveLength(6);
  });

  it("refuses what the ownership check denies, and what it throws on", async () => {
    const socket = await client("token-a1");
    expect(await send(socket, "markAsRead", 1000)).toEqual(refused("forbidden"));
    expect(authorized).toEqual([{ event: "markAsRead", args: [1000] }]);
    expect(calls).toEqual([]);
    expectOneLogLine(socket, "markAsRead", "forbidden");
    logger.entries.length = 0;
    expect(await send(socket, "markAsRead", 666)).toEqual(refused("forbidden"));
    expectOneLogLine(socket, "markAsRead", "forbidden", "error");
    expect(logger.entries[0]!.context["err"]).toBeInstanceOf(Error);
    expect(calls).toEqual([]);
  });

  it("refuses a join the ownership check denies, and the room stays closed", async () => {
    const socket = await client("token-a1");
    expect(await send(socket, "joinChatBox", 4242)).toEqual(refused("forbidden"));
    expectOneLogLine(socket, "joinChatBox", "forbidden");
    expect([...(await serverSocket(11)).rooms]).toEqual([serverSocketId(socket)]);
  });

  it("answers internal when a handler throws, and the handler's code when it refuses on purpose", async () => {
    const socket = await client("token-a1");
    expect(await send(socket, "markAsRead", 13)).toEqual({ ok: false, error: { code: "internal", message: "the server failed to serve the event" } });
    expectOneLogLine(socket, "markAsRead", "internal", "error");
    expect((logger.entries[0]!.context["err"] as Error).message).toBe("database down");
    logger.entries.length = 0;
    expect(await send(socket, "markAsRead", 404)).toEqual({ ok: false, error: { code: "not-found", message: "there is no ticket 404" } });
    expectOneLogLine(socket, "markAsRead", "not-found");
  });

  it("refuses an event whose required acknowledgement is missing, with nothing to answer", async () => {
    const socket = await client("token-a1");
    (socket as unknown as Socket).emit("markAsRead", 5);
    await roundTrip(socket);
    expect(calls).toEqual([]);
    expectOneLogLine(socket, "markAsRead", "invalid-payload");
    expect(logger.entries[0]!.context["detail"]).toBe("it needs an acknowledgement callback");
  });

  it("never throws into socket.io, even when the logger does", async () => {
    await server.close();
    await setup({
      logger: {
        warn: () => {
          throw new Error("logger down");
        },
        error: () => {
          throw new Error("logger down");
        },
      },
    });
    const socket = await client("token-a1");
    expect(await send(socket, "markAsRead", "5")).toEqual(refused("invalid-payload"));
    expect(await send(socket, "nope")).toEqual(refused("not-found"));
    expect(await send(socket, "markAsRead", 13)).toEqual(refused("internal"));
  });
});

describe("served events", () => {
  beforeEach(() => setup());

  it("joins the ticket room: an emit to that room arrives, and stops after leaving", async () => {
    const socket = await client("token-a1");
    const received = record(socket as unknown as Socket);
    expect(await socket.emitWithAck("joinChatBox", 5)).toEqual({ ok: true });
    expect(authorized).toEqual([{ event: "joinChatBox", args: [5] }]);
    const emitter = createSocketEmitter(server.io, 1, 99, { rateLimiter: createCompanyRateLimiter({ events: 1000 }) });
    emitter.ticket.update({ ticket }, { room: "ticket", ticketId: 5 });
    await waitUntil(() => received.length === 1, "the room's emit");
    expect(received[0]).toMatchObject({ event: "company-1-ticket", payload: { action: "update", ticket: { id: 5 } } });
    expect(await socket.emitWithAck("leaveChatBox", 5)).toEqual({ ok: true });
    emitter.ticket.update({ ticket }, { room: "ticket", ticketId: 5 });
    emitter.contact.delete({ contactId: 1 });
    await waitUntil(() => received.length === 2, "the sentinel");
    expect(received[1]!.event).toBe("company-1-contact");
    expect(logger.entries).toEqual([]);
  });

  it("joins the status and notification rooms without an ownership check the catalog does not ask for", async () => {
    const socket = await client("token-a1");
    expect(await socket.emitWithAck("joinTickets", "open")).toEqual({ ok: true });
    expect(await socket.emitWithAck("joinNotification")).toEqual({ ok: true });
    expect([...(await serverSocket(11)).rooms].sort()).toEqual([serverSocketId(socket), "notification", "status-open"].sort());
    expect(authorized).toEqual([]);
    expect(await send(socket, "joinTickets", "archived")).toEqual(refused("invalid-payload"));
  });

  it("answers markAsRead with the handler's typed data, returned or resolved", async () => {
    const socket = await client("token-a1");
    const reply: Ack<ReadReceipt> = await socket.emitWithAck("markAsRead", 5);
    expect(reply).toEqual({ ok: true, data: { ticketId: 5, unreadMessages: 0 } });
    expect(await socket.emitWithAck("markAsRead", 7)).toEqual({ ok: true, data: { ticketId: 7, unreadMessages: 2 } });
    expect(calls.map((c) => [c.event, c.args])).toEqual([
      ["markAsRead", [5]],
      ["markAsRead", [7]],
    ]);
  });

  it("runs typing's handler with the sender and a bound emitter: the ticket's room sees it", async () => {
    const watcher = await client("token-a1");
    const typist = await client("token-a2");
    const received = record(watcher as unknown as Socket);
    expect(await watcher.emitWithAck("joinChatBox", 5)).toEqual({ ok: true });
    typist.emit("typing", { ticketId: 5, typing: true });
    await waitUntil(() => received.length === 1, "the typing event");
    expect(received[0]).toMatchObject({ event: "company-1-typing", payload: { action: "update", ticketId: 5, typing: true, companyId: 1, userId: 12 } });
    expect(calls[0]!.ctx.user).toEqual({ companyId: 1, userId: 12 });
    expect(calls[0]!.ctx.socket.id).toBe(typist.id);
  });

  it("does not answer a success of an event whose catalog declares no acknowledgement", async () => {
    const socket = await client("token-a1");
    expect(await send(socket, "typing", { ticketId: 5, typing: false })).toBe(NO_REPLY);
    expect(calls).toHaveLength(1);
  });
});

describe("setup options", () => {
  it("takes rate limits as a Map too, for events named like Object.prototype members", async () => {
    await setup({ clientRateLimits: new Map([["markAsRead", { events: 1, windowSeconds: 60 }]]) });
    const socket = await client("token-a1");
    expect(await send(socket, "markAsRead", 5)).toEqual({ ok: true, data: { ticketId: 5, unreadMessages: 0 } });
    expect(await send(socket, "markAsRead", 5)).toEqual(refused("rate-limited"));
  });

  it("takes the client rate limits at run time, and never calls the application's own listeners of client events", async () => {
    const parent = await setup({ clientRateLimits: { markAsRead: { events: 1, windowSeconds: 60 } } });
    let listened = 0;
    parent.on("connection", (serverSide) => serverSide.on("markAsRead", () => (listened += 1)));
    const socket = await client("token-a1");
    expect(await send(socket, "markAsRead", 5)).toEqual({ ok: true, data: { ticketId: 5, unreadMessages: 0 } });
    expect(await send(socket, "markAsRead", 5)).toEqual(refused("rate-limited"));
    expect(await send(socket, "typing", { ticketId: 5, typing: true })).toBe(NO_REPLY);
    expect(listened).toBe(0);
    expect(calls.map((c) => c.event)).toEqual(["markAsRead", "typing"]);
  });
});
