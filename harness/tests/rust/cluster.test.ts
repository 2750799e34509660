// Two generated Rust servers joined by socketioxide-redis on a real Redis (REDIS_URL, which
// scripts/test.sh starts): what server A emits reaches company 1's clients on server B — to the
// namespace and to rooms — also when no client of the company ever connected to A, and never
// reaches another company. A namespace that A opened to forward an emit still authenticates.
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ClientToServerEvents, ServerToClientEvents } from "../../generated/chatia/shared/socket/events";
import { client, connected, recorder, refusal, startRustServer, token, until, type RustServer } from "./harness";

type ChatiaSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const url = process.env["REDIS_URL"];
if (url === undefined) {
  throw new Error("REDIS_URL is not set: run scripts/test.sh, which starts a Redis for the tests, or set it to one");
}
// socketioxide-redis needs RESP3, which the redis crate reads from the URL, in lower case.
const redis = `${url}${url.includes("?") ? "&" : "?"}protocol=resp3`;

function chatiaClient(server: RustServer, company: number, user: number): ChatiaSocket {
  return client<ServerToClientEvents, ClientToServerEvents>(server, `/workspace-${company}`, token(company, user));
}

/** Waits until server B hears what A emits for `company`: A's namespace opens on its first emit. */
async function emitUntilHeard(a: RustServer, log: Array<[string, any]>, company: number): Promise<void> {
  const deadline = Date.now() + 10000;
  while (!log.some(([event]) => event === `company-${company}-contact`)) {
    if (Date.now() > deadline) {
      throw new Error(`company ${company} never heard server A`);
    }
    expect(await a.emit({ companyId: company, userId: 1, event: "contact", action: "delete", inputs: { contactId: 1 } })).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  log.length = 0;
}

describe("two Rust servers on one Redis (socketioxide-redis)", () => {
  let a: RustServer;
  let b: RustServer;
  const sockets: ChatiaSocket[] = [];

  beforeAll(async () => {
    [a, b] = await Promise.all([startRustServer("chatia", ["--redis", redis]), startRustServer("chatia", ["--redis", redis])]);
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it("delivers what A emits to the company's clients on B, when no client of it is on A", async () => {
    const company = 101;
    const agent = chatiaClient(b, company, 10);
    sockets.push(agent);
    const log = recorder(agent);
    await connected(agent);
    // The first emit of A opens the namespace and waits for its subscription: it is not lost.
    const answer = await a.emit({ companyId: company, userId: 7, event: "ticket", action: "delete", inputs: { ticketId: 5 } });
    expect(answer).toMatchObject({ ok: true });
    await until(() => log.length === 1, "the ticket delete on server B");
    expect(log[0]![0]).toBe(`company-${company}-ticket`);
    expect(log[0]![1]).toMatchObject({ action: "delete", ticketId: 5, companyId: company, userId: 7 });
  });

  it("delivers to rooms across servers, once to a client in several, and never to another company", async () => {
    const [company, other] = [102, 103];
    // One after another: socketioxide 0.18 on socketioxide-redis drops all but the last of
    // several clients that open a new namespace at the same moment (they reconnect; these don't).
    const opened: ChatiaSocket[] = [];
    for (const [id, user] of [[company, 10], [company, 11], [other, 10]] as const) {
      const socket = chatiaClient(b, id, user);
      sockets.push(socket);
      opened.push(socket);
      await connected(socket);
    }
    const [inRoom, , stranger] = opened as [ChatiaSocket, ChatiaSocket, ChatiaSocket];
    const logs = opened.map(recorder);
    expect(await inRoom.emitWithAck("room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
    expect(await inRoom.emitWithAck("room:join", { room: "ticket", ticketId: 6 })).toEqual({ ok: true });
    // Company `other`'s own room of the same name must stay silent.
    expect(await stranger.emitWithAck("room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
    await emitUntilHeard(a, logs[0]!, company);
    logs.forEach((log) => (log.length = 0));

    const rooms = [{ room: "ticket", ticketId: 5 }, { room: "ticket", ticketId: 6 }];
    const answer = await a.emit({ companyId: company, userId: 7, event: "ticket", action: "delete", rooms, inputs: { ticketId: 5 } });
    expect(answer).toMatchObject({ ok: true });
    await a.emit({ companyId: company, userId: 7, event: "contact", action: "delete", inputs: { contactId: 2 } });
    await a.emit({ companyId: other, userId: 7, event: "contact", action: "delete", inputs: { contactId: 3 } });
    for (const log of logs) {
      await until(() => log.some(([event]) => event.endsWith("-contact")), "the closing event");
    }
    expect(logs[0]!.map(([event]) => event)).toEqual([`company-${company}-ticket`, `company-${company}-contact`]);
    expect(logs[1]!.map(([event]) => event)).toEqual([`company-${company}-contact`]);
    expect(logs[2]!.map(([event]) => event)).toEqual([`company-${other}-contact`]);
  });

  it("authenticates clients on a namespace server A opened to forward", async () => {
    const company = 104;
    const agent = chatiaClient(b, company, 10);
    sockets.push(agent);
    const log = recorder(agent);
    await connected(agent);
    await emitUntilHeard(a, log, company);
    // A now has the namespace open: a token of another company is still refused there.
    expect(await refusal(client(a, `/workspace-${company}`, token(105, 10)))).toBe("forbidden");
    expect(await refusal(client(a, `/workspace-${company}`, { token: "nobody" }))).toBe("unauthorized");
    // A client that connects to A with a valid token hears what B emits, through the adapter.
    const onA = chatiaClient(a, company, 11);
    sockets.push(onA);
    const logA = recorder(onA);
    await connected(onA);
    expect(await b.emit({ companyId: company, userId: 7, event: "ticket", action: "delete", inputs: { ticketId: 9 } })).toMatchObject({ ok: true });
    await until(() => logA.length === 1 && log.length === 1, "the ticket delete on both servers");
    expect(logA[0]![0]).toBe(`company-${company}-ticket`);
    expect(log[0]![0]).toBe(`company-${company}-ticket`);
  });
});
