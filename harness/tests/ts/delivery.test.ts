// How the generated TypeScript emitters deliver and count: several rooms in one emit, the
// events' own budgets and critical actions, volatile actions, and connection state recovery that
// still authenticates. Real socket.io 4.7.5 server and socket.io-client 4.7.5 clients on loopback.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  EVENT_BUDGETS,
  connectionStateRecovery,
  createCompanyRateLimiter,
  createSocketEmitter,
  setupCompanyNamespaces,
  type RateLimitedEmit,
} from "../../generated/chatia/backend/src/libs/socket/emitters";
import { companyNamespace } from "../../generated/chatia/shared/socket/events";
import { campaign, contact, ticket } from "./chatia-samples";
import { chatiaHandlers } from "./client-event-servers";
import { closeAll, connectTo, memoryLogger, record, request, startServer, tokenTable, waitUntil, type Loopback, type Received } from "./support";

const users = { "token-a1": { companyId: 1, userId: 11 }, "token-a2": { companyId: 1, userId: 12 } };
const clientEvents = { authorize: () => true, handlers: chatiaHandlers() };

let server: Loopback;
let sockets: Socket[];
let logger: ReturnType<typeof memoryLogger>;

beforeEach(async () => {
  server = await startServer();
  sockets = [];
  logger = memoryLogger();
  setupCompanyNamespaces(server.io, { verifyToken: tokenTable(users), canJoinRoom: () => true, ...clientEvents, logger });
});

afterEach(async () => {
  closeAll(sockets);
  await server.close();
});

async function client(token: keyof typeof users): Promise<{ socket: Socket; received: Received[] }> {
  const socket = await connectTo(server.url, companyNamespace(1), token);
  sockets.push(socket);
  return { socket, received: record(socket) };
}

/** Sends a sentinel to the whole company and waits for it: what was sent before has arrived by then. */
async function settle(listeners: { received: Received[] }[]): Promise<void> {
  createSocketEmitter(server.io, 1, 1, { rateLimiter: createCompanyRateLimiter() }).contact.update({ contact: { ...contact, id: -1 } });
  for (const { received } of listeners) {
    await waitUntil(() => received.some((r) => (r.payload as { contact?: { id: number } }).contact?.id === -1), "the sentinel");
  }
}

const events = (received: Received[]) => received.filter((r) => r.event !== "company-1-contact").map((r) => r.event);

describe("several rooms in one emit", () => {
  it("reaches each client in any of the rooms once, and costs one unit of budget", async () => {
    const inBoth = await client("token-a1");
    const inOne = await client("token-a2");
    expect(await request(inBoth.socket, "room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
    expect(await request(inBoth.socket, "room:join", { room: "status", status: "pending" })).toEqual({ ok: true });
    expect(await request(inOne.socket, "room:join", { room: "status", status: "open" })).toEqual({ ok: true });
    const emitter = createSocketEmitter(server.io, 1, 11, { rateLimiter: createCompanyRateLimiter({ events: 2 }), logger });
    const rooms = [
      { room: "ticket", ticketId: 5 },
      { room: "status", status: "pending" },
      { room: "status", status: "open" },
      { room: "ticket", ticketId: 5 },
    ] as const;
    expect(emitter.ticket.statusChange({ ticket, oldStatus: "pending" }, rooms)).toBe("sent");
    expect(emitter.ticket.update({ ticket }, rooms)).toBe("sent");
    expect(emitter.ticket.update({ ticket }, { room: "ticket", ticketId: 5 })).toBe("rate-limited");
    await settle([inBoth, inOne]);
    expect(events(inBoth.received)).toEqual(["company-1-ticket", "company-1-ticket"]);
    expect(events(inOne.received)).toEqual(["company-1-ticket", "company-1-ticket"]);
  });

  it("refuses an empty list of rooms, which socket.io would read as the whole company", async () => {
    const outside = await client("token-a2");
    const emitter = createSocketEmitter(server.io, 1, 11, { logger });
    expect(emitter.ticket.update({ ticket }, [])).toBe("failed");
    expect(emitter.typing.update({ ticketId: 5, typing: true }, [])).toBe("failed");
    expect(logger.entries.map((e) => e.level)).toEqual(["error", "error"]);
    await settle([outside]);
    expect(events(outside.received)).toEqual([]);
  });
});

describe("budgets", () => {
  it("drops a flood of one event by its own budget before it can starve the others", async () => {
    const listener = await client("token-a1");
    expect(EVENT_BUDGETS).toEqual({ campaign: { events: 120, windowSeconds: 60 } });
    const dropped: RateLimitedEmit[] = [];
    const emitter = createSocketEmitter(server.io, 1, 11, {
      rateLimiter: createCompanyRateLimiter({ events: 130 }),
      logger,
      onRateLimited: (d) => dropped.push(d),
    });
    const flood = Array.from({ length: 500 }, (_, i) => emitter.campaign.update({ campaign: { ...campaign, id: i } }));
    expect(flood.filter((o) => o === "sent")).toHaveLength(120);
    expect(dropped).toHaveLength(380);
    expect(dropped[0]).toMatchObject({ budget: "event", limit: 120, windowSeconds: 60, droppedInWindow: 1, event: "company-1-campaign" });
    expect(dropped.at(-1)).toMatchObject({ budget: "event", droppedInWindow: 380 });
    // The flood used 120 of the company's 130: the other events still have 10.
    const others = Array.from({ length: 11 }, () => emitter.ticket.update({ ticket }));
    expect(others).toEqual([...Array(10).fill("sent"), "rate-limited"]);
    expect(dropped.at(-1)).toMatchObject({ budget: "company", limit: 130, droppedInWindow: 1, event: "company-1-ticket" });
    expect(logger.entries.filter((e) => e.level === "warn").map((e) => e.message)).toEqual([
      "socket emits dropped: the event reached its rate limit for this window",
      "socket emits dropped: the company reached its rate limit for this window",
    ]);
    await settle([listener]);
    expect(events(listener.received)).toHaveLength(130);
  });

  it("always sends a critical action (every delete by default), and never counts it", async () => {
    const listener = await client("token-a1");
    let now = 0;
    const emitter = createSocketEmitter(server.io, 1, 11, { rateLimiter: createCompanyRateLimiter({ events: 3, now: () => now }), logger });
    expect([1, 2, 3, 4].map(() => emitter.ticket.update({ ticket }))).toEqual(["sent", "sent", "sent", "rate-limited"]);
    expect(emitter.ticket.delete({ ticketId: 5 })).toBe("sent");
    expect(emitter.campaign.delete({ campaignId: 9 })).toBe("sent");
    expect(emitter.appMessage.delete({ messageId: 1 }, { room: "ticket", ticketId: 5 })).toBe("sent");
    now += 60_000;
    // A new window: the deletes took none of it.
    expect([1, 2, 3, 4].map(() => emitter.contact.update({ contact }))).toEqual(["sent", "sent", "sent", "rate-limited"]);
    await settle([listener]);
    const deletes = listener.received.filter((r) => (r.payload as { action: string }).action === "delete");
    expect(deletes.map((r) => r.event)).toEqual(["company-1-ticket", "company-1-campaign"]);
  });

  it("takes the events' budgets from the options at run time", () => {
    const limiter = createCompanyRateLimiter({ eventBudgets: { campaign: { events: 2, windowSeconds: 1 } } });
    expect(limiter.eventBudgets).toEqual({ campaign: { events: 2, windowSeconds: 1 } });
    const emitter = createSocketEmitter(server.io, 1, 11, { rateLimiter: limiter, logger });
    expect([1, 2, 3].map(() => emitter.campaign.progress({ campaignId: 9, sent: 1, total: 2 }))).toEqual(["sent", "sent", "rate-limited"]);
  });
});

describe("volatile actions", () => {
  it("are dropped for a client whose connection is busy, where the other actions are queued", async () => {
    const listener = await client("token-a1");
    const emitter = createSocketEmitter(server.io, 1, 11, { rateLimiter: createCompanyRateLimiter(), logger });
    // The first emit of a tick leaves the websocket writing: the volatile ticks after it in the same tick are dropped.
    emitter.ticket.update({ ticket });
    for (let i = 0; i < 5; i++) {
      expect(emitter.campaign.progress({ campaignId: 9, sent: i, total: 10 })).toBe("sent");
    }
    emitter.ticket.update({ ticket });
    for (let i = 0; i < 5; i++) {
      emitter.campaign.update({ campaign: { ...campaign, id: i } });
    }
    await settle([listener]);
    const progress = () => listener.received.filter((r) => (r.payload as { action: string }).action === "progress");
    expect(progress()).toEqual([]);
    expect(listener.received.filter((r) => r.event === "company-1-campaign")).toHaveLength(5);
    // On an idle connection a tick arrives.
    emitter.campaign.progress({ campaignId: 9, sent: 7, total: 10 });
    await waitUntil(() => progress().length === 1, "a tick on an idle connection");
  });
});

describe("connection state recovery", () => {
  async function recoveringServer(recovery: object): Promise<{ io: Server; url: string; close(): Promise<void> }> {
    const http = createServer();
    const io = new Server(http, { transports: ["websocket"], connectionStateRecovery: recovery });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const { port } = http.address() as AddressInfo;
    return { io, url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => io.close(() => resolve())) };
  }

  it("is refused when it would skip the company middleware, socket.io's default", async () => {
    const skipping = await recoveringServer({});
    try {
      expect(() => setupCompanyNamespaces(skipping.io, { verifyToken: () => null, canJoinRoom: () => false, ...clientEvents })).toThrow(
        /connectionStateRecovery skips middlewares/,
      );
    } finally {
      await skipping.close();
    }
  });

  it("gives back missed events and rooms, and re-checks the token on every recovery", async () => {
    const recovering = await recoveringServer(connectionStateRecovery());
    const tokens: Record<string, { companyId: number; userId: number }> = { ...users };
    setupCompanyNamespaces(recovering.io, { verifyToken: (token) => tokens[token] ?? null, canJoinRoom: () => true, ...clientEvents, logger });
    const socket = connect(recovering.url + companyNamespace(1), { transports: ["websocket"], forceNew: true, auth: { token: "token-a1" }, reconnectionDelay: 50 });
    sockets.push(socket);
    const received = record(socket);
    const refusals: string[] = [];
    socket.on("connect_error", (error) => refusals.push(error.message));
    try {
      await waitUntil(() => socket.connected, "the first connection");
      expect(await request(socket, "room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
      const emitter = createSocketEmitter(recovering.io, 1, 11, { logger });
      // A client recovers from the last event it received: it needs one first.
      emitter.contact.update({ contact });
      await waitUntil(() => received.length === 1, "a first event");

      socket.io.engine.close();
      await waitUntil(() => !socket.connected, "the drop");
      emitter.ticket.update({ ticket }, { room: "ticket", ticketId: 5 });
      await waitUntil(() => socket.connected, "the recovery");
      expect(socket.recovered).toBe(true);
      await waitUntil(() => received.length === 2, "the missed event");
      expect(received[1]!.payload).toMatchObject({ action: "update", ticket: { id: 5 } });

      delete tokens["token-a1"];
      socket.io.engine.close();
      await waitUntil(() => refusals.length > 0, "the refusal");
      expect(refusals[0]).toBe("unauthorized");
      expect(socket.connected).toBe(false);
    } finally {
      socket.close();
      await recovering.close();
    }
  });
});
