// Client events on the generated Rust server (harness/rust, socketioxide 0.18) with real
// socket.io-client 4.7.5 clients: every refusal class answers its code through the
// acknowledgement, never reaches the handler, and logs exactly one line with the context; the
// successes join rooms, run handlers and return typed data. The test application's rules are in
// harness/rust/src/client_events.rs (ids ≥ 1000 are not owned, 999 fails the ownership check,
// 998 panics in it; markAsRead 404 / 500 / 501 are not found / an internal error / a panic).
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type * as Chatia from "../../generated/chatia/shared/socket/events";
import { ack, client, connected, recorder, startRustServer, token, until, type Calls, type LogRecord, type RustServer } from "./harness";

// Client events are sent as any client may, not only as the generated types allow.
type ChatiaSocket = Socket<Chatia.ServerToClientEvents, Record<string, (...args: any[]) => void>>;

const COMPANY = 1;
const USER = 7;

async function agent(server: RustServer, userId = USER): Promise<ChatiaSocket> {
  const socket: ChatiaSocket = client(server, `/workspace-${COMPANY}`, token(COMPANY, userId));
  await connected(socket);
  return socket;
}

/** Polls the server's log until `count` lines arrived: for events that get no answer to wait for. */
async function logLines(server: RustServer, count: number): Promise<LogRecord[]> {
  const lines: LogRecord[] = [];
  const deadline = Date.now() + 3000;
  while (lines.length < count && Date.now() < deadline) {
    lines.push(...(await server.logs()));
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return lines;
}

/** What changed in the handler counts. */
function delta(before: Calls, after: Calls): Partial<Calls> {
  const changed: Partial<Calls> = {};
  for (const key of Object.keys(after) as Array<keyof Calls>) {
    if (after[key] !== before[key]) {
      changed[key] = after[key] - before[key];
    }
  }
  return changed;
}

interface RefusalCase {
  name: string;
  event: string;
  args: unknown[];
  code: string;
  level: "WARN" | "ERROR";
  /** What ran before the refusal; nothing unless said. */
  ran?: Partial<Calls>;
}

const refusals: RefusalCase[] = [
  { name: "wrong type", event: "markAsRead", args: ["5"], code: "invalid-payload", level: "WARN" },
  { name: "a fraction for an integer", event: "joinChatBox", args: [5.5], code: "invalid-payload", level: "WARN" },
  { name: "too few arguments", event: "markAsRead", args: [], code: "invalid-payload", level: "WARN" },
  { name: "too many arguments", event: "joinChatBox", args: [5, 6], code: "invalid-payload", level: "WARN" },
  { name: "unknown field", event: "typing", args: [{ ticketId: 5, typing: true, by: 7 }], code: "invalid-payload", level: "WARN" },
  { name: "missing field", event: "typing", args: [{ ticketId: 5 }], code: "invalid-payload", level: "WARN" },
  { name: "null where not nullable", event: "typing", args: [{ ticketId: 5, typing: null }], code: "invalid-payload", level: "WARN" },
  { name: "an enum value out of the catalog", event: "joinTickets", args: ["archived"], code: "invalid-payload", level: "WARN" },
  { name: "oversize (typing takes 256 bytes)", event: "typing", args: [{ ticketId: 5, typing: true, pad: "x".repeat(300) }], code: "invalid-payload", level: "WARN" },
  { name: "unknown event", event: "deleteEverything", args: [5], code: "not-found", level: "WARN" },
  { name: "forbidden: the ownership check says no", event: "markAsRead", args: [1000], code: "forbidden", level: "WARN", ran: { authorize: 1 } },
  { name: "forbidden: the ownership check fails", event: "joinChatBox", args: [999], code: "forbidden", level: "ERROR", ran: { authorize: 1 } },
  { name: "forbidden: the ownership check panics", event: "typing", args: [{ ticketId: 998, typing: true }], code: "forbidden", level: "ERROR", ran: { authorize: 1 } },
  { name: "the handler refuses on purpose", event: "markAsRead", args: [404], code: "not-found", level: "WARN", ran: { authorize: 1, markAsRead: 1 } },
  { name: "the handler fails", event: "markAsRead", args: [500], code: "internal", level: "ERROR", ran: { authorize: 1, markAsRead: 1 } },
  { name: "the handler panics", event: "markAsRead", args: [501], code: "internal", level: "ERROR", ran: { authorize: 1, markAsRead: 1 } },
];

describe("chatia: every refusal of a client event on the Rust server", () => {
  let server: RustServer;
  beforeAll(async () => {
    server = await startRustServer("chatia");
  });
  afterAll(async () => {
    await server.stop();
  });

  for (const c of refusals) {
    it(`${c.name}: answers ${c.code}, logs one ${c.level} line, and the handler does not run`, async () => {
      const socket = await agent(server);
      await server.logs();
      const before = await server.calls();

      const reply = await ack(socket, c.event, c.args);

      expect(reply).toEqual({ ok: false, error: { code: c.code, message: expect.any(String) } });
      expect(delta(before, await server.calls())).toEqual(c.ran ?? {});
      const logs = await server.logs();
      expect(logs).toEqual([
        expect.objectContaining({
          level: c.level,
          message: "client event refused",
          companyId: COMPANY,
          userId: USER,
          socketId: socket.id,
          event: c.event,
          reason: c.code,
          detail: expect.any(String),
        }),
      ]);
      // The log says why, never the payload.
      expect(JSON.stringify(logs)).not.toContain("x".repeat(300));
      socket.disconnect();
    });
  }

  it("an event whose acknowledgement is required, sent without a callback: refused and logged, nothing answered", async () => {
    const socket = await agent(server);
    await server.logs();
    const before = await server.calls();
    socket.emit("markAsRead", 5);
    const logs = await logLines(server, 1);
    expect(logs).toEqual([expect.objectContaining({ level: "WARN", event: "markAsRead", reason: "invalid-payload" })]);
    expect(delta(before, await server.calls())).toEqual({});
    socket.disconnect();
  });

  it("unknown events: each answered not-found, logged once per socket", async () => {
    const socket = await agent(server);
    await server.logs();
    for (const event of ["nope", "nope", "stillNope"]) {
      expect(await ack(socket, event, [])).toMatchObject({ ok: false, error: { code: "not-found" } });
    }
    expect((await server.logs()).map((line) => line.event)).toEqual(["nope"]);
    const other = await agent(server);
    expect(await ack(other, "nope", [])).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect((await server.logs()).map((line) => line.socketId)).toEqual([other.id]);
    socket.disconnect();
    other.disconnect();
  });

  it("rate limit: per socket and event, garbage counts, one log line per window, a new window on the clock", async () => {
    await server.setClock("2024-05-01T10:00:00.000Z");
    const socket = await agent(server);
    const neighbour = await agent(server, 8);
    await server.logs();
    const before = await server.calls();
    // typing allows 5 per second: 2 invalid and 3 valid arrivals use the window up.
    for (const indicator of [{ ticketId: "x" }, null]) {
      expect(await ack(socket, "typing", [indicator])).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    }
    // Successes of typing get no answer: the events after them arrive, and are counted, later.
    for (let i = 0; i < 3; i++) {
      socket.emit("typing", { ticketId: 5, typing: true });
    }
    for (let i = 0; i < 3; i++) {
      expect(await ack(socket, "typing", [{ ticketId: 5, typing: true }])).toMatchObject({ ok: false, error: { code: "rate-limited" } });
    }
    // Another event of the same socket, and the same event of another socket, have their own windows.
    expect(await ack(socket, "markAsRead", [5])).toMatchObject({ ok: true });
    expect(await ack(neighbour, "typing", [{ ticketId: "x" }])).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    const refusedLines = (await server.logs()).filter((line) => line.reason === "rate-limited");
    expect(refusedLines).toEqual([expect.objectContaining({ level: "WARN", event: "typing", socketId: socket.id })]);
    expect(delta(before, await server.calls())).toEqual({ typing: 3, authorize: 4, markAsRead: 1 });

    await server.advanceClock(999);
    expect(await ack(socket, "typing", [{ ticketId: 5, typing: true }])).toMatchObject({ ok: false, error: { code: "rate-limited" } });
    await server.advanceClock(1);
    expect(await ack(socket, "typing", [{ ticketId: "x" }])).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    socket.disconnect();
    neighbour.disconnect();
  });
});

describe("chatia: client events the Rust server serves", () => {
  let server: RustServer;
  let reader: ChatiaSocket;
  let writer: ChatiaSocket;
  let readerLog: Array<[string, any]>;
  beforeAll(async () => {
    server = await startRustServer("chatia");
    [reader, writer] = await Promise.all([agent(server, 7), agent(server, 8)]);
    readerLog = recorder(reader);
  });
  afterAll(async () => {
    reader.disconnect();
    writer.disconnect();
    await server.stop();
  });

  it("joinChatBox joins the ticket room: the typing handler's emit to the room reaches it", async () => {
    expect(await ack(reader, "joinChatBox", [5])).toEqual({ ok: true });
    const before = await server.calls();
    writer.emit("typing", { ticketId: 5, typing: true });
    await until(() => readerLog.some(([event]) => event === "company-1-typing"), "the typing event");
    expect(readerLog).toEqual([
      ["company-1-typing", { action: "update", companyId: COMPANY, userId: 8, timestamp: expect.any(String), ticketId: 5, typing: true }],
    ]);
    expect(delta(before, await server.calls())).toEqual({ authorize: 1, typing: 1 });
    readerLog.length = 0;
  });

  it("a success of an event without an acknowledgement in the catalog is not answered", async () => {
    let answered = false;
    writer.emit("typing", { ticketId: 5, typing: false }, () => {
      answered = true;
    });
    await until(() => readerLog.length > 0, "the typing event");
    expect(await ack(writer, "markAsRead", [5])).toMatchObject({ ok: true });
    expect(answered).toBe(false);
    readerLog.length = 0;
  });

  it("leaveChatBox leaves it", async () => {
    expect(await ack(reader, "leaveChatBox", [5])).toEqual({ ok: true });
    writer.emit("typing", { ticketId: 5, typing: true });
    expect(await ack(writer, "joinChatBox", [6])).toEqual({ ok: true });
    writer.emit("typing", { ticketId: 6, typing: true });
    const writerLog = recorder(writer);
    await until(() => writerLog.length > 0, "the typing event in ticket 6");
    expect(readerLog).toEqual([]);
  });

  it("markAsRead answers typed data", async () => {
    expect(await ack(reader, "markAsRead", [41])).toEqual({ ok: true, data: { ticketId: 41, unreadMessages: 0 } });
  });

  it("an integral float is an integer, as JavaScript cannot tell 5.0 from 5", async () => {
    expect(await ack(reader, "markAsRead", [9_007_199_254_740_991])).toEqual({
      ok: false,
      error: { code: "forbidden", message: expect.any(String) },
    });
  });

  it("joins rooms without parameters and with an enum parameter", async () => {
    expect(await ack(reader, "joinNotification", [])).toEqual({ ok: true });
    expect(await ack(reader, "joinTickets", ["pending"])).toEqual({ ok: true });
    await server.emit({ companyId: COMPANY, userId: 1, event: "ticket", action: "delete", rooms: [{ room: "status", status: "pending" }], inputs: { ticketId: 3 } });
    await server.emit({ companyId: COMPANY, userId: 1, event: "appMessage", action: "delete", rooms: [{ room: "notification" }], inputs: { messageId: 4 } });
    await until(() => readerLog.length === 2, "the room events");
    expect(readerLog.map(([event]) => event)).toEqual(["company-1-ticket", "company-1-appMessage"]);
    expect(await ack(reader, "leaveTickets", ["pending"])).toEqual({ ok: true });
    expect(await ack(reader, "leaveNotification", [])).toEqual({ ok: true });
    readerLog.length = 0;
  });

  it("an event without a callback is served all the same", async () => {
    reader.emit("joinChatBox", 12);
    const room = { companyId: COMPANY, userId: 1, event: "ticket", action: "delete", rooms: [{ room: "ticket", ticketId: 12 }], inputs: { ticketId: 12 } };
    // Nothing says when the join happened: emit to the room until the reader hears it.
    for (let tries = 0; tries < 100 && !readerLog.some(([, payload]) => payload.ticketId === 12); tries++) {
      await server.emit(room);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(readerLog.some(([, payload]) => payload.ticketId === 12)).toBe(true);
  });
});

describe("chatia: client limits set at run time", () => {
  let server: RustServer;
  beforeAll(async () => {
    server = await startRustServer("chatia", ["--client-limit", "markAsRead=2/1/16384", "--client-limit", "joinChatBox=20/1/3"]);
  });
  afterAll(async () => {
    await server.stop();
  });

  it("replace the catalog's rate limit and size of an event", async () => {
    const socket = await agent(server);
    expect(await ack(socket, "markAsRead", [1])).toMatchObject({ ok: true });
    expect(await ack(socket, "markAsRead", [2])).toMatchObject({ ok: true });
    expect(await ack(socket, "markAsRead", [3])).toMatchObject({ ok: false, error: { code: "rate-limited" } });
    // `[5]` is 3 bytes, `[10]` is 4.
    expect(await ack(socket, "joinChatBox", [5])).toEqual({ ok: true });
    expect(await ack(socket, "joinChatBox", [10])).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    socket.disconnect();
  });
});

describe("awkward: a catalog without client events", () => {
  let server: RustServer;
  beforeAll(async () => {
    server = await startRustServer("awkward");
  });
  afterAll(async () => {
    await server.stop();
  });

  it("refuses every event but room:join and room:leave with not-found", async () => {
    const socket = client(server, "/workspace-4", token(4, 1));
    await connected(socket);
    expect(await ack(socket, "markAsRead", [1])).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(await ack(socket, "room:join", [{ room: "for", type: "quote\"d", self: 1 }])).toEqual({ ok: true });
    expect((await server.logs()).map((line) => [line.event, line.reason])).toEqual([["markAsRead", "not-found"]]);
    socket.disconnect();
  });
});
