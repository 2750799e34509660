// The generated client emit helpers of the ChatIA catalog against a hand-written socket.io 4.7.5
// server that answers per the contract: a reply resolves (a refusal too), no reply rejects with
// NoReplyError, and events without an ack in the catalog return nothing.
import { io as connect } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  clientEventDefaults,
  joinChatBox,
  joinNotification,
  markAsRead,
  NoReplyError,
  typing,
  type ClientEventOptions,
  type CompanyClientSocket,
} from "../../generated/chatia/frontend/src/hooks/socketEvents";
import type { Ack, ClientEventArgs, ReadReceipt } from "../../generated/chatia/shared/socket/events";
import { waitUntil } from "../ts/support";
import { FORBIDDEN_TICKET, SILENT_TICKET, startChatServer, type ChatServer } from "./chat-server";

let server: ChatServer;
let socket: CompanyClientSocket;

beforeEach(async () => {
  server = await startChatServer();
  socket = connect(`${server.url}/workspace-1`, { transports: ["websocket"], forceNew: true, reconnection: false });
  await waitUntil(() => socket.connected, "the socket to connect");
});

afterEach(async () => {
  socket.close();
  await server.close();
});

describe("client emit helpers", () => {
  it("take the catalog's arguments and return the reply's type, or nothing without an ack", () => {
    expectTypeOf(joinChatBox).parameters.toEqualTypeOf<
      [socket: CompanyClientSocket, ...ClientEventArgs["joinChatBox"], options?: ClientEventOptions]
    >();
    expectTypeOf(joinChatBox).returns.toEqualTypeOf<Promise<Ack>>();
    expectTypeOf(markAsRead).returns.toEqualTypeOf<Promise<Ack<ReadReceipt>>>();
    expectTypeOf(joinNotification).parameters.toEqualTypeOf<[socket: CompanyClientSocket, options?: ClientEventOptions]>();
    expectTypeOf(typing).parameters.toEqualTypeOf<[socket: CompanyClientSocket, ...ClientEventArgs["typing"]]>();
    expectTypeOf(typing).returns.toEqualTypeOf<void>();
  });

  it("resolve with the server's reply: success, success with data, and a refusal", async () => {
    await expect(joinChatBox(socket, 5)).resolves.toEqual({ ok: true });
    await expect(markAsRead(socket, 5)).resolves.toEqual({ ok: true, data: { ticketId: 5, unreadMessages: 0 } });
    await expect(joinChatBox(socket, FORBIDDEN_TICKET)).resolves.toEqual({
      ok: false,
      error: { code: "forbidden", message: "this ticket belongs to another queue" },
    });
    await expect(joinNotification(socket)).resolves.toEqual({ ok: true });
    expect(server.log).toEqual(["joinChatBox 5", "markAsRead 5", `joinChatBox ${FORBIDDEN_TICKET}`, "joinNotification"]);
  });

  it("emit an event without an ack and return nothing", async () => {
    expect(typing(socket, { ticketId: 5, typing: true })).toBeUndefined();
    await waitUntil(() => server.log.length === 1, "the event");
    expect(server.log).toEqual(['typing {"ticketId":5,"typing":true}']);
  });

  it("reject with NoReplyError after options.timeout, or clientEventDefaults.timeout", async () => {
    const started = Date.now();
    const error = await joinChatBox(socket, SILENT_TICKET, { timeout: 100 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(error).toBeInstanceOf(NoReplyError);
    expect(error).toMatchObject({ name: "NoReplyError", event: "joinChatBox", timeout: 100 });
    const timeout = clientEventDefaults.timeout;
    clientEventDefaults.timeout = 120;
    try {
      await expect(joinChatBox(socket, SILENT_TICKET)).rejects.toMatchObject({ timeout: 120 });
    } finally {
      clientEventDefaults.timeout = timeout;
    }
  });

  it("reject with NoReplyError when the connection drops before the reply", async () => {
    const pending = joinChatBox(socket, SILENT_TICKET).catch((e: unknown) => e);
    await waitUntil(() => server.log.length === 1, "the event to arrive");
    socket.disconnect();
    const error = await pending;
    expect(error).toBeInstanceOf(NoReplyError);
    expect((error as NoReplyError).message).toBe('no reply to "joinChatBox": socket has been disconnected');
  });
});
