// The generated TypeScript server of the bundled catalog on two and three real socket.io 4.7.5
// servers joined by a real Redis (REDIS_URL, which scripts/test.sh starts): with
// @socket.io/redis-adapter, and with @socket.io/redis-streams-adapter for recovery on another
// server. Clients reach the servers through a small TCP balancer, as behind a load balancer.
import { createServer, type Server as HttpServer } from "node:http";
import { createServer as createTcpServer, connect as tcpConnect, type AddressInfo, type Socket as TcpSocket } from "node:net";
import { createAdapter } from "@socket.io/redis-adapter";
import { createAdapter as createStreamsAdapter } from "@socket.io/redis-streams-adapter";
import { createClient } from "redis";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import {
  ADAPTER_CHANNEL,
  connectionStateRecovery,
  createCompanyRateLimiter,
  createSocketEmitter,
  setupCompanyNamespaces,
} from "../../generated/chatia/backend/src/libs/socket/emitters";
import { companyNamespace } from "../../generated/chatia/shared/socket/events";
import { contact, ticket } from "./chatia-samples";
import { chatiaHandlers } from "./client-event-servers";
import { closeAll, connectTo, memoryLogger, record, request, waitUntil, type Received } from "./support";

const url = process.env["REDIS_URL"];
if (url === undefined) {
  throw new Error("REDIS_URL is not set: run scripts/test.sh, which starts a Redis for the tests, or set it to one");
}

type RedisClient = ReturnType<typeof createClient>;
interface Node {
  io: Server;
  http: HttpServer;
  url: string;
  port: number;
}

const tokens = { "token-a1": { companyId: 1, userId: 11 }, "token-a2": { companyId: 1, userId: 12 }, "token-b1": { companyId: 2, userId: 21 } };
let redisClients: RedisClient[] = [];
let nodes: Node[] = [];
let sockets: Socket[] = [];
let closers: (() => Promise<void>)[] = [];
/** One channel per test, so that tests and runs never hear each other. */
let channel = "";

async function redis(): Promise<RedisClient> {
  const client = createClient({ url });
  redisClients.push(client);
  await client.connect();
  return client;
}

async function startNode(adapter: "pubsub" | "streams", revoked: Set<string> = new Set()): Promise<Node> {
  const pub = await redis();
  let io: Server;
  const http = createServer();
  if (adapter === "pubsub") {
    const sub = pub.duplicate();
    redisClients.push(sub);
    await sub.connect();
    io = new Server(http, { transports: ["websocket"], adapter: createAdapter(pub, sub, { key: channel }) });
  } else {
    io = new Server(http, {
      transports: ["websocket"],
      adapter: createStreamsAdapter(pub, { streamName: channel }),
      connectionStateRecovery: connectionStateRecovery(),
    });
  }
  setupCompanyNamespaces(io, {
    verifyToken: (token) => (revoked.has(token) ? null : (tokens[token as keyof typeof tokens] ?? null)),
    canJoinRoom: () => true,
    authorize: () => true,
    handlers: chatiaHandlers(),
    logger: memoryLogger(),
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  const node = { io, http, url: `http://127.0.0.1:${port}`, port };
  nodes.push(node);
  return node;
}

/** Kills a server at once: its clients see their connection drop, as when a process dies. */
function kill(node: Node): void {
  node.http.closeAllConnections();
  node.io.close();
  nodes = nodes.filter((n) => n !== node);
}

/** A TCP balancer: each new connection goes to the next live server, round robin. */
async function balancer(): Promise<string> {
  let next = 0;
  const open = new Set<TcpSocket>();
  const server = createTcpServer((downstream) => {
    const target = nodes[next++ % nodes.length];
    if (target === undefined) {
      downstream.destroy();
      return;
    }
    const upstream = tcpConnect(target.port, "127.0.0.1");
    for (const [from, to] of [[downstream, upstream], [upstream, downstream]] as const) {
      open.add(from);
      from.pipe(to);
      from.on("error", () => to.destroy());
      from.on("close", () => {
        open.delete(from);
        to.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => {
    open.forEach((s) => s.destroy());
    return new Promise((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function client(node: Node | string, companyId: number, token: keyof typeof tokens): Promise<{ socket: Socket; received: Received[] }> {
  const socket = await connectTo(typeof node === "string" ? node : node.url, companyNamespace(companyId), token);
  sockets.push(socket);
  return { socket, received: record(socket) };
}

function emitter(node: Node, companyId: number) {
  return createSocketEmitter(node.io, companyId, 1, { rateLimiter: createCompanyRateLimiter({ events: 1_000_000 }), logger: memoryLogger() });
}

const ids = (received: Received[]) => received.map((r) => (r.payload as { contact?: { id: number }; ticket?: { id: number } }).contact?.id ?? (r.payload as { ticket?: { id: number } }).ticket?.id);

afterEach(async () => {
  closeAll(sockets);
  sockets = [];
  for (const node of nodes) {
    node.io.close();
  }
  nodes = [];
  await Promise.all(closers.map((close) => close()));
  closers = [];
  await Promise.all(redisClients.map((client) => client.quit().catch(() => undefined)));
  redisClients = [];
});

describe("@socket.io/redis-adapter", () => {
  it("delivers what one server emits to the company's clients on the others, also from a server none of them reached", async () => {
    channel = `${ADAPTER_CHANNEL}-test-${process.pid}-${Date.now()}-1`;
    const [a, b, c] = [await startNode("pubsub"), await startNode("pubsub"), await startNode("pubsub")];
    const onB = await client(b!, 1, "token-a1");
    const onC = await client(c!, 1, "token-a2");
    const otherCompany = await client(b!, 2, "token-b1");
    expect(await request(onC.socket, "room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
    // No client of company 1 ever connected to server A: its namespace does not exist there yet.
    expect(a!.io._nsps.has(companyNamespace(1))).toBe(false);
    expect(emitter(a!, 1).contact.update({ contact: { ...contact, id: 1 } })).toBe("sent");
    expect(emitter(a!, 1).ticket.update({ ticket: { ...ticket, id: 5 } }, { room: "ticket", ticketId: 5 })).toBe("sent");
    expect(emitter(c!, 1).contact.update({ contact: { ...contact, id: 2 } })).toBe("sent");
    expect(emitter(a!, 2).contact.update({ contact: { ...contact, id: 3 } })).toBe("sent");
    await waitUntil(() => onB.received.length === 2 && onC.received.length === 3 && otherCompany.received.length === 1, "every delivery");
    // Order holds per sending server, not across servers.
    expect(ids(onB.received).sort()).toEqual([1, 2]);
    expect(ids(onC.received).sort()).toEqual([1, 2, 5]);
    expect(otherCompany.received.map((r) => [r.event, (r.payload as { companyId: number }).companyId])).toEqual([["company-2-contact", 2]]);
  });

  it("keeps companies apart across servers over many emits", async () => {
    channel = `${ADAPTER_CHANNEL}-test-${process.pid}-${Date.now()}-2`;
    const [a, b] = [await startNode("pubsub"), await startNode("pubsub")];
    const listeners = [
      { companyId: 1, ...(await client(a!, 1, "token-a1")) },
      { companyId: 1, ...(await client(b!, 1, "token-a2")) },
      { companyId: 2, ...(await client(b!, 2, "token-b1")) },
    ];
    const sent = { 1: 0, 2: 0 };
    for (let i = 0; i < 300; i++) {
      const companyId = ((i * 7) % 3 === 0 ? 2 : 1) as 1 | 2;
      emitter(i % 2 === 0 ? a! : b!, companyId).contact.update({ contact: { ...contact, id: i } });
      sent[companyId] += 1;
    }
    for (const { companyId, received } of listeners) {
      await waitUntil(() => received.length === sent[companyId as 1 | 2], `company ${companyId}'s events`);
      const foreign = received.filter((r) => (r.payload as { companyId: number }).companyId !== companyId || !r.event.startsWith(`company-${companyId}-`));
      expect(foreign).toEqual([]);
    }
  });

  it("a server killed mid-stream: its clients reconnect through the balancer to another server and receive again", async () => {
    channel = `${ADAPTER_CHANNEL}-test-${process.pid}-${Date.now()}-3`;
    const [a, b] = [await startNode("pubsub"), await startNode("pubsub")];
    const front = await balancer();
    const socket = connect(front + companyNamespace(1), { transports: ["websocket"], forceNew: true, auth: { token: "token-a1" }, reconnectionDelay: 20, reconnectionDelayMax: 50 });
    sockets.push(socket);
    const received = record(socket);
    await waitUntil(() => socket.connected, "the connection");
    const [first, other] = b!.io.of(companyNamespace(1)).sockets.size === 1 ? [b!, a!] : [a!, b!];
    let n = 0;
    const stream = setInterval(() => emitter(other, 1).contact.update({ contact: { ...contact, id: n++ } }), 5);
    try {
      await waitUntil(() => received.length >= 5, "the stream before");
      kill(first);
      await waitUntil(() => !socket.connected, "the drop");
      await waitUntil(() => socket.connected, "the reconnection to the other server");
      expect(other.io.of(companyNamespace(1)).sockets.size).toBe(1);
      const before = received.length;
      await waitUntil(() => received.length >= before + 5, "the stream after");
    } finally {
      clearInterval(stream);
    }
    const seen = ids(received) as number[];
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
  });
});

describe("@socket.io/redis-streams-adapter", () => {
  it("recovers a client on another server with the events it missed, and refuses a token revoked meanwhile", async () => {
    channel = `${ADAPTER_CHANNEL}-test-${process.pid}-${Date.now()}-4`;
    const revoked = new Set<string>();
    const [a, b] = [await startNode("streams", revoked), await startNode("streams", revoked)];
    const front = await balancer();
    const socket = connect(front + companyNamespace(1), { transports: ["websocket"], forceNew: true, auth: { token: "token-a1" }, reconnectionDelay: 20 });
    sockets.push(socket);
    const received = record(socket);
    const refusals: string[] = [];
    socket.on("connect_error", (error) => refusals.push(error.message));
    await waitUntil(() => socket.connected, "the connection");
    const first = a!.io.of(companyNamespace(1)).sockets.size === 1 ? a! : b!;
    const other = first === a ? b! : a!;
    expect(await request(socket, "room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
    emitter(other, 1).contact.update({ contact: { ...contact, id: 1 } });
    await waitUntil(() => received.length === 1, "a first event");

    kill(first);
    await waitUntil(() => !socket.connected, "the drop");
    emitter(other, 1).ticket.update({ ticket: { ...ticket, id: 5 } }, { room: "ticket", ticketId: 5 });
    await waitUntil(() => socket.connected, "the recovery on the other server");
    expect(socket.recovered).toBe(true);
    await waitUntil(() => received.length === 2, "the missed event");
    expect(ids(received)).toEqual([1, 5]);
    // The room came back with the session.
    emitter(other, 1).ticket.update({ ticket: { ...ticket, id: 6 } }, { room: "ticket", ticketId: 5 });
    await waitUntil(() => received.length === 3, "a room event after the recovery");

    revoked.add("token-a1");
    socket.io.engine.close();
    await waitUntil(() => refusals.length > 0, "the refusal on recovery");
    expect(refusals[0]).toBe("unauthorized");
  });
});
