// The generated server emitters and namespace setup of the ChatIA catalog, against a real
// socket.io 4.7.5 server and real socket.io-client 4.7.5 clients on loopback.
import type { Socket } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  COMPANY_NAMESPACE_PATTERN,
  companyIdOfNamespace,
  createCompanyRateLimiter,
  createSocketEmitter,
  roomName,
  setupCompanyNamespaces,
} from "../../generated/chatia/backend/src/libs/socket/emitters";
import type { RateLimitedEmit } from "../../generated/chatia/backend/src/libs/socket/emitters";
import { companyNamespace, eventNames } from "../../generated/chatia/shared/socket/events";
import type { RoomRequest, SocketData } from "../../generated/chatia/shared/socket/events";
import { allCases, contact, sendCase, ticket } from "./chatia-samples";
import { chatiaHandlers } from "./client-event-servers";
import {
  closeAll,
  connectTo,
  isTimestampBetween,
  memoryLogger,
  record,
  request,
  startServer,
  tokenTable,
  waitUntil,
  type Loopback,
  type Received,
} from "./support";

const users = {
  "token-a1": { companyId: 1, userId: 11 },
  "token-a2": { companyId: 1, userId: 12 },
  "token-b1": { companyId: 2, userId: 21 },
  "token-c1": { companyId: 3, userId: 31 },
};

/** The client events are not what these tests are about: client-events.test.ts is. */
const clientEvents = { authorize: () => true, handlers: chatiaHandlers() };

let server: Loopback;
let sockets: Socket[];
let joinChecks: { request: RoomRequest; user: SocketData }[];
let logger: ReturnType<typeof memoryLogger>;

/** The ownership check of these tests: user 11 owns ticket 5 and the `open` tab; nobody owns anything else. */
function canJoinRoom(request: RoomRequest, user: SocketData): boolean {
  joinChecks.push({ request, user });
  switch (request.room) {
    case "ticket":
      return user.userId === 11 ? request.ticketId === 5 : user.userId === 21 && request.ticketId === 5;
    case "status":
      return request.status === "open";
    case "notification":
      return user.userId !== 12;
  }
}

beforeEach(async () => {
  server = await startServer();
  sockets = [];
  joinChecks = [];
  logger = memoryLogger();
  setupCompanyNamespaces(server.io, { verifyToken: tokenTable(users), canJoinRoom, ...clientEvents, logger });
});

afterEach(async () => {
  closeAll(sockets);
  await server.close();
});

async function client(companyId: number, token: keyof typeof users): Promise<{ socket: Socket; received: Received[] }> {
  const socket = await connectTo(server.url, companyNamespace(companyId), token);
  sockets.push(socket);
  return { socket, received: record(socket) };
}

/** An emitter that no rate limit gets in the way of, for the tests that are not about it. */
function emitterFor(companyId: number, userId: number) {
  return createSocketEmitter(server.io, companyId, userId, { rateLimiter: createCompanyRateLimiter({ events: 1_000_000 }), logger });
}

describe("namespaces", () => {
  it("builds the namespace regex from the catalog's pattern", () => {
    expect(COMPANY_NAMESPACE_PATTERN.test("/workspace-42")).toBe(true);
    expect(companyIdOfNamespace("/workspace-42")).toBe(42);
    expect(companyIdOfNamespace("/workspace-042")).toBeUndefined();
    expect(companyIdOfNamespace("/workspace-4x")).toBeUndefined();
    expect(companyIdOfNamespace("/workspace-")).toBeUndefined();
    expect(companyIdOfNamespace("/other-4")).toBeUndefined();
  });

  it("accepts a token of the namespace's company and records who connected", async () => {
    const { socket } = await client(1, "token-a1");
    expect(socket.connected).toBe(true);
    const serverSockets = await server.io.of("/workspace-1").fetchSockets();
    expect(serverSockets.map((s) => s.data)).toEqual([{ companyId: 1, userId: 11 }]);
  });

  it("refuses a client whose token belongs to company A on /workspace-B", async () => {
    await expect(connectTo(server.url, "/workspace-2", "token-a1")).rejects.toThrow("forbidden");
    expect(logger.entries).toContainEqual(
      expect.objectContaining({ level: "warn", context: { companyId: 2, userId: 11, tokenCompanyId: 1 } }),
    );
  });

  it("still authenticates a company whose namespace an emit created before any client came", async () => {
    expect(emitterFor(2, 21).ticket.delete({ ticketId: 5 })).toBe("sent");
    await expect(connectTo(server.url, "/workspace-2", "token-a1")).rejects.toThrow("forbidden");
    const { received } = await client(2, "token-b1");
    expect(emitterFor(2, 21).ticket.delete({ ticketId: 6 })).toBe("sent");
    await waitUntil(() => received.length === 1, "the delete reaches company 2");
    expect(received[0]?.payload).toMatchObject({ action: "delete", ticketId: 6, companyId: 2 });
  });

  it("refuses a missing, unknown or throwing token", async () => {
    await expect(connectTo(server.url, "/workspace-1")).rejects.toThrow("unauthorized");
    await expect(connectTo(server.url, "/workspace-1", "token-nobody")).rejects.toThrow("unauthorized");
    const throwing = await startServer();
    try {
      setupCompanyNamespaces(throwing.io, {
        ...clientEvents,
        verifyToken: () => {
          throw new Error("jwt malformed");
        },
        canJoinRoom: () => true,
        logger,
      });
      await expect(connectTo(throwing.url, "/workspace-1", "token-a1")).rejects.toThrow("unauthorized");
    } finally {
      await throwing.close();
    }
  });

  it("does not serve namespaces outside the pattern", async () => {
    await expect(connectTo(server.url, "/workspace-01", "token-a1")).rejects.toThrow("Invalid namespace");
    await expect(connectTo(server.url, "/workspace-abc", "token-a1")).rejects.toThrow("Invalid namespace");
  });

  it("refuses to set up after a company namespace was already created without authentication", async () => {
    const early = await startServer();
    try {
      createSocketEmitter(early.io, 4, 1).contact.delete({ contactId: 1 });
      expect(() => setupCompanyNamespaces(early.io, { verifyToken: () => null, canJoinRoom: () => false, ...clientEvents })).toThrow(
        /workspace-4 exists before setupCompanyNamespaces/,
      );
    } finally {
      await early.close();
    }
  });
});

describe("emitters", () => {
  it("delivers every action of every event to the company's clients with the exact payload", async () => {
    const first = await client(1, "token-a1");
    const second = await client(1, "token-a2");
    const emitter = emitterFor(1, 11);
    // A volatile action is dropped for a client whose connection is busy writing, as in a burst:
    // it is sent once the others arrived.
    const cases = [...allCases().filter((c) => !c.volatile), ...allCases().filter((c) => c.volatile)];
    const before = Date.now();
    for (const [i, { resource, method, body, volatile }] of cases.entries()) {
      if (volatile) {
        await waitUntil(() => first.received.length === i && second.received.length === i, "the cases before");
      }
      expect(sendCase(emitter, resource, method, body)).toBe("sent");
    }
    const after = Date.now();
    for (const { received } of [first, second]) {
      await waitUntil(() => received.length === cases.length, "every case");
      cases.forEach(({ resource, body }, i) => {
        const got = received[i]!;
        expect(got.event).toBe(eventNames[resource](1));
        const { timestamp, ...rest } = got.payload as { timestamp: unknown };
        expect(rest).toEqual({ ...body, companyId: 1, userId: 11 });
        expect(isTimestampBetween(timestamp, before, after)).toBe(true);
      });
    }
    expect(cases.length).toBe(23);
  });

  it("never lets an event reach another company, over many emits", async () => {
    const companies = [1, 2, 3] as const;
    const tokens = { 1: "token-a1", 2: "token-b1", 3: "token-c1" } as const;
    const listeners = await Promise.all(companies.map(async (companyId) => ({ companyId, ...(await client(companyId, tokens[companyId])) })));
    const emitters = { 1: emitterFor(1, 11), 2: emitterFor(2, 21), 3: emitterFor(3, 31) };
    // Volatile actions may be dropped in a burst; every other one must arrive.
    const cases = allCases().filter((c) => !c.volatile);
    const sent: Record<number, number> = { 1: 0, 2: 0, 3: 0 };
    for (let i = 0; i < 600; i++) {
      const companyId = companies[(i * 7 + (i >> 3)) % 3]!;
      const { resource, method, body } = cases[i % cases.length]!;
      sendCase(emitters[companyId], resource, method, body);
      sent[companyId]! += 1;
    }
    // A last event per company: order is kept per connection, so once it arrives nothing else is on its way.
    for (const companyId of companies) {
      emitters[companyId].contact.delete({ contactId: -1 });
    }
    for (const { companyId, received } of listeners) {
      await waitUntil(() => received.length === sent[companyId]! + 1, `company ${companyId}'s events`);
      const foreign = received.filter(({ event, payload }) => {
        const stamped = (payload as { companyId?: unknown }).companyId;
        return stamped !== companyId || !event.startsWith(`company-${companyId}-`);
      });
      expect(foreign).toEqual([]);
      expect(received.at(-1)?.payload).toMatchObject({ action: "delete", contactId: -1 });
    }
  });

  it("sends room-targeted emits only to that room of that company", async () => {
    const inRoom = await client(1, "token-a1");
    const sameCompany = await client(1, "token-a2");
    const otherCompanyInSameRoom = await client(2, "token-b1");
    expect(await request(inRoom.socket, "room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
    expect(await request(otherCompanyInSameRoom.socket, "room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
    const emitter = emitterFor(1, 11);
    expect(emitter.ticket.update({ ticket }, { room: "ticket", ticketId: 5 })).toBe("sent");
    expect(emitter.appMessage.delete({ messageId: 1 }, { room: "ticket", ticketId: 6 })).toBe("sent");
    // Sentinels to the whole company: once they arrive, the room emits were delivered or never will be.
    emitter.contact.create({ contact });
    await waitUntil(() => inRoom.received.some((r) => r.event === "company-1-contact"), "sentinel in room");
    await waitUntil(() => sameCompany.received.some((r) => r.event === "company-1-contact"), "sentinel outside room");
    createSocketEmitter(server.io, 2, 21).contact.create({ contact });
    await waitUntil(() => otherCompanyInSameRoom.received.length === 1, "other company's sentinel");
    expect(inRoom.received.map((r) => r.event)).toEqual(["company-1-ticket", "company-1-contact"]);
    expect(inRoom.received[0]!.payload).toMatchObject({ action: "update", companyId: 1, ticket: { id: 5 } });
    expect(sameCompany.received.map((r) => r.event)).toEqual(["company-1-contact"]);
    expect(otherCompanyInSameRoom.received.map((r) => r.event)).toEqual(["company-2-contact"]);
  });

  it("names rooms from the catalog's patterns", () => {
    expect(roomName({ room: "ticket", ticketId: 5 })).toBe("ticket-5");
    expect(roomName({ room: "status", status: "pending" })).toBe("status-pending");
    expect(roomName({ room: "user", userId: 7 })).toBe("user-7");
    expect(roomName({ room: "notification" })).toBe("notification");
  });

  it("does not throw and reports `sent` when no client is connected", () => {
    const emitter = createSocketEmitter(server.io, 99, 1, { logger });
    expect(() => emitter.ticket.create({ ticket })).not.toThrow();
    expect(emitter.ticket.delete({ ticketId: 5 }, { room: "ticket", ticketId: 5 })).toBe("sent");
    expect(logger.entries).toEqual([]);
  });

  it("catches a failing emit, logs it with company, user and event, and returns `failed`", () => {
    const emitter = createSocketEmitter(server.io, 1, 11, { logger });
    // socket.io cannot serialise a BigInt: the emit throws inside socket.io.
    const unserialisable = { ...ticket, id: 10n as unknown as number };
    let outcome: unknown;
    expect(() => {
      outcome = emitter.ticket.update({ ticket: unserialisable });
    }).not.toThrow();
    expect(outcome).toBe("failed");
    expect(logger.entries).toHaveLength(1);
    expect(logger.entries[0]).toMatchObject({ level: "error", context: { companyId: 1, userId: 11, event: "company-1-ticket" } });
    expect(logger.entries[0]!.context["err"]).toBeInstanceOf(TypeError);
  });

  it("never throws even when the logger does, or when called from untyped code with bad arguments", () => {
    const throwingLogger = {
      warn: () => {
        throw new Error("logger down");
      },
      error: () => {
        throw new Error("logger down");
      },
    };
    const emitter = createSocketEmitter(server.io, 1, 11, { logger: throwingLogger });
    const untyped = emitter.ticket as unknown as Record<string, (...args: unknown[]) => unknown>;
    expect(untyped["create"]!(undefined)).toBe("failed");
    expect(untyped["update"]!({ ticket }, { room: "nope" })).toBe("failed");
    expect(untyped["update"]!({ ticket }, null)).toBe("failed");
    const notACompany = createSocketEmitter(server.io, Number.NaN, 11, { logger });
    expect(notACompany.contact.create({ contact })).toBe("failed");
    expect(logger.entries[0]?.context).toMatchObject({ companyId: Number.NaN, event: "company-NaN-contact" });
  });
});

describe("room joins", () => {
  it("joins only after the application's ownership check allows it, with the verified user", async () => {
    const { socket } = await client(1, "token-a1");
    expect(await request(socket, "room:join", { room: "status", status: "open" })).toEqual({ ok: true });
    expect(joinChecks).toEqual([{ request: { room: "status", status: "open" }, user: { companyId: 1, userId: 11 } }]);
    const [serverSocket] = await server.io.of("/workspace-1").fetchSockets();
    expect(serverSocket!.rooms.has("status-open")).toBe(true);
  });

  it("refuses a join the ownership check denies, and the room's emits do not reach the client", async () => {
    const denied = await client(1, "token-a2");
    const allowed = await client(1, "token-a1");
    expect(await request(denied.socket, "room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: false, error: { code: "forbidden", message: "the ownership check refused the room" } });
    expect(await request(denied.socket, "room:join", { room: "notification" })).toEqual({ ok: false, error: { code: "forbidden", message: "the ownership check refused the room" } });
    expect(await request(allowed.socket, "room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
    const emitter = emitterFor(1, 11);
    emitter.ticket.update({ ticket }, { room: "ticket", ticketId: 5 });
    emitter.contact.delete({ contactId: 1 });
    await waitUntil(() => denied.received.length === 1 && allowed.received.length === 2, "sentinels");
    expect(denied.received.map((r) => r.event)).toEqual(["company-1-contact"]);
    const [deniedOnServer] = (await server.io.of("/workspace-1").fetchSockets()).filter((s) => s.data.userId === 12);
    expect([...deniedOnServer!.rooms]).toEqual([deniedOnServer!.id]);
  });

  it("refuses malformed requests and rooms clients may not join without asking the ownership check", async () => {
    const { socket } = await client(1, "token-a1");
    const invalid = { ok: false, error: { code: "invalid-payload", message: "invalid room request" } };
    expect(await request(socket, "room:join", { room: "ticket", ticketId: "5" })).toEqual(invalid);
    expect(await request(socket, "room:join", { room: "ticket", ticketId: 5.5 })).toEqual(invalid);
    expect(await request(socket, "room:join", { room: "status", status: "archived" })).toEqual(invalid);
    expect(await request(socket, "room:join", { room: "user", userId: 11 })).toEqual(invalid);
    expect(await request(socket, "room:join", { room: "__proto__" })).toEqual(invalid);
    expect(await request(socket, "room:join", null)).toEqual(invalid);
    expect(await request(socket, "room:join", "ticket-5")).toEqual(invalid);
    expect(joinChecks).toEqual([]);
  });

  it("refuses the join when the ownership check throws, and logs it", async () => {
    const other = await startServer();
    try {
      const otherLogger = memoryLogger();
      setupCompanyNamespaces(other.io, {
        ...clientEvents,
        verifyToken: tokenTable(users),
        canJoinRoom: async () => {
          throw new Error("database down");
        },
        logger: otherLogger,
      });
      const socket = await connectTo(other.url, "/workspace-1", "token-a1");
      sockets.push(socket);
      expect(await request(socket, "room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: false, error: { code: "forbidden", message: "the ownership check refused the room" } });
      expect(otherLogger.entries).toEqual([
        expect.objectContaining({ level: "error", context: expect.objectContaining({ companyId: 1, userId: 11, room: "ticket-5" }) }),
      ]);
    } finally {
      await other.close();
    }
  });

  it("leaves a room on request", async () => {
    const member = await client(1, "token-a1");
    expect(await request(member.socket, "room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
    expect(await request(member.socket, "room:leave", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
    const emitter = emitterFor(1, 11);
    emitter.ticket.update({ ticket }, { room: "ticket", ticketId: 5 });
    emitter.contact.delete({ contactId: 1 });
    await waitUntil(() => member.received.length === 1, "sentinel");
    expect(member.received.map((r) => r.event)).toEqual(["company-1-contact"]);
  });
});

describe("rate limit", () => {
  it("lets exactly the catalog's 1000 emits per 60 s window through per company and reports the rest", async () => {
    const listener = await client(1, "token-a1");
    let now = 1_000_000;
    const limiter = createCompanyRateLimiter({ now: () => now });
    expect([limiter.events, limiter.windowSeconds]).toEqual([1000, 60]);
    const dropped: RateLimitedEmit[] = [];
    const emitter = createSocketEmitter(server.io, 1, 11, { rateLimiter: limiter, logger, onRateLimited: (d) => dropped.push(d) });
    const outcomes = Array.from({ length: 1005 }, (_, i) => emitter.contact.update({ contact: { ...contact, id: i } }));
    expect(outcomes.filter((o) => o === "sent")).toHaveLength(1000);
    expect(outcomes.slice(1000)).toEqual(Array(5).fill("rate-limited"));
    expect(dropped.map((d) => [d.droppedInWindow, (d.payload as unknown as { contact: { id: number } }).contact.id])).toEqual([
      [1, 1000],
      [2, 1001],
      [3, 1002],
      [4, 1003],
      [5, 1004],
    ]);
    expect(dropped[0]).toMatchObject({ companyId: 1, userId: 11, event: "company-1-contact", limit: 1000, windowSeconds: 60 });
    expect(logger.entries.filter((e) => e.level === "warn")).toHaveLength(1);

    // Another company has its own budget in the same limiter.
    expect(createSocketEmitter(server.io, 2, 21, { rateLimiter: limiter }).contact.update({ contact })).toBe("sent");

    now += 59_999;
    expect(emitter.contact.update({ contact: { ...contact, id: -2 } })).toBe("rate-limited");
    now += 1;
    expect(emitter.contact.update({ contact: { ...contact, id: -3 } })).toBe("sent");

    await waitUntil(() => listener.received.length === 1001, "the emits that passed");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const ids = listener.received.map((r) => (r.payload as { contact: { id: number } }).contact.id);
    expect(ids).toEqual([...Array.from({ length: 1000 }, (_, i) => i), -3]);
  });

  it("shares one limit per company across the emitters of one server by default", () => {
    const first = createSocketEmitter(server.io, 5, 1, { logger });
    const second = createSocketEmitter(server.io, 5, 2, { logger });
    const outcomes = [
      ...Array.from({ length: 600 }, () => first.contact.update({ contact })),
      ...Array.from({ length: 401 }, () => second.contact.update({ contact })),
    ];
    expect(outcomes.filter((o) => o === "sent")).toHaveLength(1000);
    expect(outcomes.at(-1)).toBe("rate-limited");
  });
});
