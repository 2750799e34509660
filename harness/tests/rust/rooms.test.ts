// Rooms through the generated setup: `room:join` / `room:leave` with a RoomRequest and an
// acknowledgement, the application's ownership check, and room-targeted emits.
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type * as Awkward from "../../generated/awkward/out/types/events";
import type * as Chatia from "../../generated/chatia/shared/socket/events";
import { client, connected, recorder, startRustServer, token, until, type RustServer } from "./harness";

type ChatiaSocket = Socket<Chatia.ServerToClientEvents, Chatia.ClientToServerEvents>;
type AwkwardSocket = Socket<Awkward.ServerToClientEvents, Awkward.ClientToServerEvents>;

/** Emits a company-wide closing event and waits for it on every socket: what precedes it arrived. */
async function settle(server: RustServer, company: number, logs: Array<Array<[string, any]>>): Promise<void> {
  expect(await server.emit({ companyId: company, userId: 1, event: "contact", action: "delete", inputs: { contactId: 999 } })).toMatchObject({ ok: true });
  for (const log of logs) {
    await until(() => log.some(([event]) => event === `company-${company}-contact`), "the closing event");
  }
}

/** The events of a log before its closing event, then the log emptied. */
function drain(log: Array<[string, any]>): Array<[string, any]> {
  const before = log.slice(0, log.findIndex(([event]) => event.endsWith("-contact")));
  log.length = 0;
  return before;
}

describe("chatia: joining rooms and emitting to them", () => {
  let server: RustServer;
  let agent: ChatiaSocket;
  let other: ChatiaSocket;
  let agentLog: Array<[string, any]>;
  let otherLog: Array<[string, any]>;

  beforeAll(async () => {
    server = await startRustServer("chatia");
    // One at a time: socketioxide 0.18 keeps only the last of several namespaces created for
    // clients that open a new one at the same moment (README, "Rust target").
    agent = client(server, "/workspace-1", token(1, 7));
    agentLog = recorder(agent);
    await connected(agent);
    other = client(server, "/workspace-1", token(1, 8));
    otherLog = recorder(other);
    await connected(other);
  });
  afterAll(async () => {
    agent.disconnect();
    other.disconnect();
    await server.stop();
  });

  it("joins a ticket room the ownership check allows, and only its members get the room's events", async () => {
    expect(await agent.emitWithAck("room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
    const answer = await server.emit({ companyId: 1, userId: 7, event: "ticket", action: "removeFromList", rooms: [{ room: "ticket", ticketId: 5 }], inputs: { ticketId: 5 } });
    expect(answer).toMatchObject({ ok: true });
    await settle(server, 1, [agentLog, otherLog]);
    expect(drain(agentLog)).toEqual([["company-1-ticket", expect.objectContaining({ action: "removeFromList", ticketId: 5 })]]);
    expect(drain(otherLog)).toEqual([]);
  });

  it("answers forbidden when the ownership check refuses", async () => {
    expect(await other.emitWithAck("room:join", { room: "ticket", ticketId: 1000 })).toEqual({ ok: false, error: { code: "forbidden", message: expect.any(String) } });
    await server.emit({ companyId: 1, userId: 7, event: "ticket", action: "delete", rooms: [{ room: "ticket", ticketId: 1000 }], inputs: { ticketId: 1000 } });
    await settle(server, 1, [agentLog, otherLog]);
    expect(drain(otherLog)).toEqual([]);
    drain(agentLog);
  });

  it("refuses requests for rooms clients may not join, or malformed ones", async () => {
    const requests = [
      { room: "user", userId: 8 },
      { room: "ticket", ticketId: "5" },
      { room: "ticket" },
      { room: "status", status: "archived" },
      { room: "nowhere" },
      "ticket-5",
    ];
    for (const request of requests) {
      const result = await other.emitWithAck("room:join", request as unknown as Chatia.RoomRequest);
      expect(result, JSON.stringify(request)).toEqual({ ok: false, error: { code: "invalid-payload", message: expect.any(String) } });
    }
  });

  it("joins rooms with an enum parameter and without parameters", async () => {
    expect(await other.emitWithAck("room:join", { room: "status", status: "pending" })).toEqual({ ok: true });
    expect(await other.emitWithAck("room:join", { room: "notification" })).toEqual({ ok: true });
    await server.emit({ companyId: 1, userId: 7, event: "ticket", action: "delete", rooms: [{ room: "status", status: "pending" }], inputs: { ticketId: 6 } });
    await server.emit({ companyId: 1, userId: 7, event: "appMessage", action: "delete", rooms: [{ room: "notification" }], inputs: { messageId: 9 } });
    await settle(server, 1, [agentLog, otherLog]);
    expect(drain(otherLog).map(([event]) => event)).toEqual(["company-1-ticket", "company-1-appMessage"]);
    expect(drain(agentLog)).toEqual([]);
  });

  it("sends once to a socket that is in several of the targeted rooms", async () => {
    const rooms = [
      { room: "status", status: "pending" },
      { room: "notification" },
      { room: "ticket", ticketId: 5 },
    ];
    await server.emit({ companyId: 1, userId: 7, event: "ticket", action: "delete", rooms, inputs: { ticketId: 5 } });
    await settle(server, 1, [agentLog, otherLog]);
    expect(drain(otherLog).map(([event]) => event)).toEqual(["company-1-ticket"]);
    expect(drain(agentLog).map(([event]) => event)).toEqual(["company-1-ticket"]);
  });

  it("leaves a room and stops hearing it", async () => {
    expect(await agent.emitWithAck("room:leave", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
    await server.emit({ companyId: 1, userId: 7, event: "ticket", action: "delete", rooms: [{ room: "ticket", ticketId: 5 }], inputs: { ticketId: 5 } });
    await settle(server, 1, [agentLog, otherLog]);
    expect(drain(agentLog)).toEqual([]);
    drain(otherLog);
  });

  it("joins without an acknowledgement callback too", async () => {
    agent.emit("room:join", { room: "ticket", ticketId: 12 });
    // The next acknowledged request is handled after the first: the join has happened by then.
    expect(await agent.emitWithAck("room:join", { room: "notification" })).toEqual({ ok: true });
    await server.emit({ companyId: 1, userId: 7, event: "ticket", action: "delete", rooms: [{ room: "ticket", ticketId: 12 }], inputs: { ticketId: 12 } });
    await settle(server, 1, [agentLog, otherLog]);
    expect(drain(agentLog).map(([, payload]) => payload.ticketId)).toEqual([12]);
    drain(otherLog);
  });

  it("reaches the user room the application joined on connect", async () => {
    await server.emit({ companyId: 1, userId: 7, event: "ticket", action: "delete", rooms: [{ room: "user", userId: 8 }], inputs: { ticketId: 80 } });
    await settle(server, 1, [agentLog, otherLog]);
    expect(drain(otherLog).map(([, payload]) => payload.ticketId)).toEqual([80]);
    expect(drain(agentLog)).toEqual([]);
  });

  it("a room of one company is not the same room in another company", async () => {
    const stranger = client<Chatia.ServerToClientEvents, Chatia.ClientToServerEvents>(server, "/workspace-2", token(2, 7));
    const strangerLog = recorder(stranger);
    await connected(stranger);
    expect(await stranger.emitWithAck("room:join", { room: "notification" })).toEqual({ ok: true });
    await server.emit({ companyId: 1, userId: 7, event: "appMessage", action: "delete", rooms: [{ room: "notification" }], inputs: { messageId: 1 } });
    await settle(server, 1, [agentLog, otherLog]);
    await settle(server, 2, [strangerLog]);
    expect(drain(strangerLog)).toEqual([]);
    expect(drain(agentLog).map(([event]) => event)).toEqual(["company-1-appMessage"]);
    drain(otherLog);
    stranger.disconnect();
  });

  it("refuses an emit to an empty list of rooms instead of reaching the whole company", async () => {
    const answer = await server.emit({ companyId: 1, userId: 7, event: "ticket", action: "delete", rooms: [], inputs: { ticketId: 1 } });
    expect(answer).toMatchObject({ ok: false, kind: "no-rooms" });
    await settle(server, 1, [agentLog, otherLog]);
    expect(drain(agentLog)).toEqual([]);
    expect(drain(otherLog)).toEqual([]);
  });
});

describe("awkward: rooms with keyword parameters", () => {
  let server: RustServer;
  let socket: AwkwardSocket;
  beforeAll(async () => {
    server = await startRustServer("awkward");
    socket = client(server, "/workspace-4", token(4, 1));
    await connected(socket);
  });
  afterAll(async () => {
    socket.disconnect();
    await server.stop();
  });

  it("joins `for` rooms named by an enum `type` and an integer `self`", async () => {
    expect(await socket.emitWithAck("room:join", { room: "for", type: "quote\"d", self: -1 })).toEqual({ ok: true });
    expect(await socket.emitWithAck("room:join", { room: "for", type: "two words", self: 1000 })).toEqual({ ok: false, error: { code: "forbidden", message: expect.any(String) } });
    expect(await socket.emitWithAck("room:join", { room: "in-queue", queueId: "x" } as unknown as Awkward.RoomRequest)).toEqual({
      ok: false,
      error: { code: "invalid-payload", message: expect.any(String) },
    });
    const received = new Promise<number>((resolve) => socket.once("company-4-app-event", (payload) => resolve(payload.action === "typeof" ? payload.appEventId : -1)));
    const answer = await server.emit({ companyId: 4, userId: 1, event: "app-event", action: "typeof", rooms: [{ room: "for", type: "quote\"d", self: -1 }], inputs: { appEventId: 41, ["__proto__"]: "p" } });
    expect(answer).toMatchObject({ ok: true });
    expect(await received).toBe(41);
  });

  it("events without company-wide delivery go to their rooms only", async () => {
    const answer = await server.emit({ companyId: 4, userId: 1, event: "quickMessage", action: "delete", inputs: { quickMessageId: 1 } });
    expect(answer).toMatchObject({ ok: false, kind: "bad-command" });
    const received = new Promise((resolve) => socket.once("company-4-quickMessage", resolve));
    expect(await server.emit({ companyId: 4, userId: 1, event: "quickMessage", action: "delete", rooms: [{ room: "in-queue", queueId: "main" }], inputs: { quickMessageId: 2 } })).toMatchObject({ ok: true });
    expect(await received).toMatchObject({ action: "delete", quickMessageId: 2 });
  });
});
