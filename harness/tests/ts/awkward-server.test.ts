// The generated server emitters of the awkward catalog (reserved words, hyphens, an event that
// may not broadcast, enum room parameters with spaces and quotes, a 5-per-second rate limit),
// against a real socket.io 4.7.5 server and real socket.io-client 4.7.5 clients on loopback.
import type { Socket } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createCompanyRateLimiter,
  createSocketEmitter,
  roomName,
  setupCompanyNamespaces,
} from "../../generated/awkward/out/server/emitters";
import type { EmitOutcome, RateLimitedEmit, SocketEmitter } from "../../generated/awkward/out/server/emitters";
import { companyNamespace, eventNames } from "../../generated/awkward/out/types/events";
import type {
  AppEventPayload,
  OptionPayload,
  QuickMessagePayload,
  Record_,
  RoomRequest,
} from "../../generated/awkward/out/types/events";
import type { Body } from "./chatia-samples";
import { awkwardHandlers } from "./client-event-servers";
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

const hostile = "*/ `${companyId}` \u2028 </script> \"quoted\" \\ back";

const record_: Record_ = {
  type: hostile,
  self: 1,
  enum: "two words",
  delete: null,
  async: null,
  matrix: [[1, 2], [3]],
  lookup: { "key with space": [] },
  nested: { a: { b: 1.5 } },
  when: "2024-05-01T12:00:00.000Z",
  maybeWhen: null,
  price: 9.99,
  _private: "x",
  snake_case_field: 3,
};

type Cases<E, P> = { [Method in keyof E]: Body<P> };

const cases = {
  appEvent: {
    create: { action: "create", appEvent: record_ },
    update: { action: "update", appEvent: { ...record_, enum: "Ünïcödé" } },
    delete: { action: "delete", appEventId: 1 },
    statusChange: { action: "status-change", appEvent: record_, previous: "quote\"d" },
    reOpen: { action: "re-open", appEventId: 1, reason: hostile },
    typeof: { action: "typeof", appEventId: 2, ["__proto__"]: "an own field, not the prototype" },
  } satisfies Cases<SocketEmitter["appEvent"], AppEventPayload>,
  quickMessage: {
    delete: { action: "delete", quickMessageId: 4 },
    customThing: { action: "custom-thing", quickMessageId: 4, payload: { "${x}": "`y`" } },
  } satisfies Cases<SocketEmitter["quickMessage"], QuickMessagePayload>,
  option: {
    update: { action: "update", option: { some: record_, none: [record_] } },
  } satisfies Cases<SocketEmitter["option"], OptionPayload>,
} satisfies { [Resource in keyof SocketEmitter]: { [Method in keyof SocketEmitter[Resource]]: unknown } };

const users = { "token-1": { companyId: 1, userId: 10 }, "token-2": { companyId: 2, userId: 20 } };

let server: Loopback;
let sockets: Socket[];

/** Everyone may join `for` rooms of `self` 1; nobody any other. */
function canJoinRoom(request: RoomRequest): boolean {
  return request.self === 1;
}

beforeEach(async () => {
  server = await startServer();
  sockets = [];
  setupCompanyNamespaces(server.io, { verifyToken: tokenTable(users), canJoinRoom, authorize: () => true, handlers: awkwardHandlers(), logger: memoryLogger() });
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

/** Joins a room that clients cannot ask for (`in-queue`), as the application would on the server. */
async function joinOnServer(companyId: number, room: string): Promise<void> {
  for (const socket of await server.io.of(companyNamespace(companyId)).fetchSockets()) {
    socket.join(room);
  }
}

function send(emitter: SocketEmitter, resource: keyof typeof cases, method: string, body: { action: string }, target?: unknown): EmitOutcome {
  const { action: _action, ...data } = body;
  const group = emitter[resource] as unknown as Record<string, (data: unknown, target?: unknown) => EmitOutcome>;
  return group[method]!.call(emitter[resource], data, target);
}

describe("awkward catalog", () => {
  it("delivers every action with the exact payload, hostile text included", async () => {
    const listener = await client(1, "token-1");
    const queue = { room: "in-queue", queueId: "fila `1` ${x}" } as const;
    await joinOnServer(1, roomName(queue));
    const emitter = createSocketEmitter(server.io, 1, 10, { rateLimiter: createCompanyRateLimiter({ events: 100 }) });
    const all = (Object.keys(cases) as (keyof typeof cases)[]).flatMap((resource) =>
      Object.entries(cases[resource]).map(([method, body]) => ({ resource, method, body: body as { action: string } })),
    );
    const before = Date.now();
    for (const { resource, method, body } of all) {
      const target = resource === "quickMessage" ? queue : undefined;
      expect(send(emitter, resource, method, body, target)).toBe("sent");
    }
    const after = Date.now();
    await waitUntil(() => listener.received.length === all.length, "every case");
    all.forEach(({ resource, body }, i) => {
      const got = listener.received[i]!;
      expect(got.event).toBe(eventNames[resource](1));
      const { timestamp, ...rest } = got.payload as { timestamp: unknown };
      expect(rest).toEqual({ ...body, companyId: 1, userId: 10 });
      expect(isTimestampBetween(timestamp, before, after)).toBe(true);
    });
    expect(all.map((c) => c.body.action)).toEqual(["create", "update", "delete", "status-change", "re-open", "typeof", "delete", "custom-thing", "update"]);
    expect(eventNames.appEvent(1)).toBe("company-1-app-event");
  });

  it("sends a field named __proto__ as an own field of the payload, as the Rust emitter does", async () => {
    const listener = await client(1, "token-1");
    const emitter = createSocketEmitter(server.io, 1, 10);
    const data = { appEventId: 5, ["__proto__"]: "kept" };
    expect(Object.prototype.hasOwnProperty.call(data, "__proto__")).toBe(true);
    expect(emitter.appEvent.typeof(data)).toBe("sent");
    await waitUntil(() => listener.received.length === 1, "the emit");
    const payload = listener.received[0]!.payload as object;
    expect(Object.getOwnPropertyDescriptor(payload, "__proto__")?.value).toBe("kept");
    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    expect(Object.keys(payload)).toEqual(["action", "companyId", "userId", "timestamp", "appEventId", "__proto__"]);
  });

  it("sends an event that may not broadcast only to rooms, never to the whole company", async () => {
    const member = await client(1, "token-1");
    const outsider = await client(1, "token-1");
    const queue = { room: "in-queue", queueId: "q" } as const;
    for (const socket of await server.io.of("/workspace-1").fetchSockets()) {
      if (socket.id === member.socket.id) {
        socket.join(roomName(queue));
      }
    }
    const logger = memoryLogger();
    const emitter = createSocketEmitter(server.io, 1, 10, { logger });
    expect(emitter.quickMessage.delete({ quickMessageId: 1 }, queue)).toBe("sent");
    // Untyped code that leaves the room out gets `failed`, not a broadcast.
    const untyped = emitter.quickMessage as unknown as { delete(data: unknown): EmitOutcome };
    expect(untyped.delete({ quickMessageId: 2 })).toBe("failed");
    expect(logger.entries[0]).toMatchObject({ level: "error", context: { companyId: 1, userId: 10, event: "company-1-quickMessage" } });
    emitter.option.update({ option: { none: [] } });
    await waitUntil(() => member.received.length === 2 && outsider.received.length === 1, "sentinels");
    expect(member.received.map((r) => (r.payload as { quickMessageId?: number }).quickMessageId)).toEqual([1, undefined]);
    expect(outsider.received.map((r) => r.event)).toEqual(["company-1-option"]);
  });

  it("joins rooms whose enum parameter has spaces, quotes and accents, after the ownership check", async () => {
    const member = await client(1, "token-1");
    const other = await client(1, "token-1");
    for (const type of ["two words", "quote\"d", "Ünïcödé", "default"] as const) {
      expect(await request(member.socket, "room:join", { room: "for", type, self: 1 })).toEqual({ ok: true });
    }
    expect(await request(other.socket, "room:join", { room: "for", type: "new", self: 2 })).toEqual({ ok: false, error: { code: "forbidden", message: "the ownership check refused the room" } });
    expect(await request(other.socket, "room:join", { room: "for", type: "old", self: 1 })).toEqual({ ok: false, error: { code: "invalid-payload", message: "invalid room request" } });
    expect(await request(other.socket, "room:join", { room: "in-queue", queueId: "q" })).toEqual({ ok: false, error: { code: "invalid-payload", message: "invalid room request" } });
    const [serverSide] = (await server.io.of("/workspace-1").fetchSockets()).filter((s) => s.id === member.socket.id);
    expect([...serverSide!.rooms].sort()).toEqual(
      [serverSide!.id, "for-two words-1", "for-quote\"d-1", "for-Ünïcödé-1", "for-default-1"].sort(),
    );
    const emitter = createSocketEmitter(server.io, 1, 10);
    expect(emitter.appEvent.typeof({ appEventId: 3, ["__proto__"]: "p" }, { room: "for", type: "quote\"d", self: 1 })).toBe("sent");
    emitter.option.update({ option: { none: [] } });
    await waitUntil(() => member.received.length === 2 && other.received.length === 1, "sentinels");
    expect(member.received[0]!.payload).toMatchObject({ action: "typeof", appEventId: 3 });
    expect(other.received.map((r) => r.event)).toEqual(["company-1-option"]);
  });

  it("lets exactly the catalog's 5 emits per 1 s window through and reports the rest", async () => {
    const listener = await client(1, "token-1");
    let now = 0;
    const limiter = createCompanyRateLimiter({ now: () => now });
    expect([limiter.events, limiter.windowSeconds]).toEqual([5, 1]);
    const dropped: RateLimitedEmit[] = [];
    const emitter = createSocketEmitter(server.io, 1, 10, { rateLimiter: limiter, onRateLimited: (d) => dropped.push(d), logger: memoryLogger() });
    const windows: EmitOutcome[][] = [];
    for (const start of [0, 1000, 2500]) {
      now = start;
      const outcomes: EmitOutcome[] = [];
      for (let i = 0; i < 8; i++) {
        outcomes.push(emitter.appEvent.reOpen({ appEventId: start + i }));
        now += 100;
      }
      windows.push(outcomes);
    }
    const expected = [...Array(5).fill("sent"), ...Array(3).fill("rate-limited")];
    expect(windows).toEqual([expected, expected, expected]);
    expect(dropped.map((d) => d.droppedInWindow)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3]);
    await waitUntil(() => listener.received.length === 15, "the 15 emits that passed");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(listener.received.map((r) => (r.payload as { appEventId: number }).appEventId)).toEqual([
      0, 1, 2, 3, 4, 1000, 1001, 1002, 1003, 1004, 2500, 2501, 2502, 2503, 2504,
    ]);
  });

  it("keeps companies apart on the awkward event names too", async () => {
    const one = await client(1, "token-1");
    const two = await client(2, "token-2");
    await expect(connectTo(server.url, "/workspace-2", "token-1")).rejects.toThrow("forbidden");
    const emitters = [createSocketEmitter(server.io, 1, 10), createSocketEmitter(server.io, 2, 20)];
    for (let i = 0; i < 4; i++) {
      emitters[i % 2]!.appEvent.reOpen({ appEventId: i });
    }
    await waitUntil(() => one.received.length === 2 && two.received.length === 2, "two each");
    expect(one.received.map((r) => [r.event, (r.payload as { appEventId: number }).appEventId])).toEqual([
      ["company-1-app-event", 0],
      ["company-1-app-event", 2],
    ]);
    expect(two.received.map((r) => [r.event, (r.payload as { appEventId: number }).appEventId])).toEqual([
      ["company-2-app-event", 1],
      ["company-2-app-event", 3],
    ]);
  });
});
