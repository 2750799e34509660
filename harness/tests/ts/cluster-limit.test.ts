// The rate limits of a `scope: cluster` catalog, shared by two real socket.io 4.7.5 servers
// through a real Redis (REDIS_URL, which scripts/test.sh starts), with @socket.io/redis-adapter
// joining the servers. Each test uses company ids of its own: the budgets' keys are global.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { Server } from "socket.io";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADAPTER_CHANNEL,
  createClusterRateLimiter,
  createSocketEmitter,
  setupCompanyNamespaces,
  type ClusterRateLimiter,
  type EmitOutcome,
  type RateLimitedEmit,
} from "../../generated/cluster/server/emitters";
import { companyNamespace } from "../../generated/cluster/types/events";
import { closeAll, connectTo, memoryLogger, record, waitUntil } from "./support";

const url = process.env["REDIS_URL"];
if (url === undefined) {
  throw new Error("REDIS_URL is not set: run scripts/test.sh, which starts a Redis for the tests, or set it to one");
}

type RedisClient = ReturnType<typeof createClient>;
interface Node {
  io: Server;
  url: string;
  limiter: ClusterRateLimiter;
  close(): Promise<void>;
}

const clients: RedisClient[] = [];
let nodes: Node[];
let logger: ReturnType<typeof memoryLogger>;
/** Company ids no other test (or earlier run) has counted for. */
let nextCompany = 100_000 + (Date.now() % 1_000_000) * 10;

async function redis(): Promise<RedisClient> {
  const client = createClient({ url });
  clients.push(client);
  await client.connect();
  return client;
}

/** node-redis 4 as the generated `RedisScriptRunner`. */
function runner(client: RedisClient) {
  return (script: string, keys: string[], args: string[]) => client.eval(script, { keys, arguments: args });
}

async function startNode(): Promise<Node> {
  const pub = await redis();
  const sub = pub.duplicate();
  clients.push(sub);
  await sub.connect();
  const http = createServer();
  const io = new Server(http, { transports: ["websocket"], adapter: createAdapter(pub, sub, { key: `${ADAPTER_CHANNEL}-${process.pid}` }) });
  const limiter = createClusterRateLimiter({ run: runner(pub) });
  setupCompanyNamespaces(io, { verifyToken: (token) => ({ companyId: Number(token), userId: 1 }), canJoinRoom: () => true, rateLimiter: limiter, logger });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return { io, url: `http://127.0.0.1:${port}`, limiter, close: () => new Promise<void>((resolve) => io.close(() => resolve())) };
}

beforeAll(async () => {
  logger = memoryLogger();
  nodes = [await startNode(), await startNode()];
});

afterAll(async () => {
  await Promise.all(nodes.map((node) => node.close()));
  await Promise.all(clients.map((client) => client.quit().catch(() => undefined)));
});

const count = (outcomes: EmitOutcome[], outcome: EmitOutcome) => outcomes.filter((o) => o === outcome).length;

describe("a cluster-scope budget", () => {
  it("lets exactly the company's budget through two servers together, and delivers it to the clients of both", async () => {
    const companyId = nextCompany++;
    const sockets: Socket[] = [await connectTo(nodes[0]!.url, companyNamespace(companyId), String(companyId))];
    sockets.push(await connectTo(nodes[1]!.url, companyNamespace(companyId), String(companyId)));
    const received = sockets.map(record);
    try {
      const dropped: RateLimitedEmit[] = [];
      const [a, b] = nodes.map((node) => createSocketEmitter(node.io, companyId, 1, { logger, onRateLimited: (d) => dropped.push(d) }));
      const ticket = (id: number) => ({ ticket: { id, status: "open" } });
      const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? a! : b!).ticket.update(ticket(i))));
      expect(count(outcomes, "sent")).toBe(40);
      expect(count(outcomes, "rate-limited")).toBe(10);
      expect(dropped.map((d) => d.droppedInWindow).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(dropped[0]).toMatchObject({ budget: "company", limit: 40, windowSeconds: 60 });
      // Each client, on either server, receives every emit that passed, whichever server sent it.
      for (const list of received) {
        await waitUntil(() => list.length === 40, "the 40 emits that passed");
      }
    } finally {
      closeAll(sockets);
    }
  });

  it("shares an event's own budget too, so a flood of it leaves the company's budget to the others", async () => {
    const companyId = nextCompany++;
    const [a, b] = nodes.map((node) => createSocketEmitter(node.io, companyId, 1, { logger }));
    const flood = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? a! : b!).campaign.update({ campaignId: 1, sent: i })));
    expect(count(flood, "sent")).toBe(10);
    const others = await Promise.all(Array.from({ length: 31 }, (_, i) => (i % 2 === 0 ? b! : a!).ticket.update({ ticket: { id: i, status: "open" } })));
    // 10 of the company's 40 went to the campaign: 30 are left for the others.
    expect(count(others, "sent")).toBe(30);
    // A critical action (the delete) is sent with the budgets spent, and counts against none.
    expect(await a!.ticket.delete({ ticketId: 1 })).toBe("sent");
    const client = await redis();
    expect(await client.get(`chatia-socket:rate:${companyId}`)).toBe("41");
    expect(await client.get(`chatia-socket:rate:${companyId}:campaign`)).toBe("30");
    const ttl = await client.pTTL(`chatia-socket:rate:${companyId}`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it("sends uncounted, and logs, when Redis cannot be reached", async () => {
    const companyId = nextCompany++;
    const local = memoryLogger();
    const unreachable = createClusterRateLimiter({ run: () => Promise.reject(new Error("ECONNREFUSED")) });
    const emitter = createSocketEmitter(nodes[0]!.io, companyId, 1, { rateLimiter: unreachable, logger: local });
    expect(await emitter.ticket.update({ ticket: { id: 1, status: "open" } })).toBe("sent");
    expect(local.entries).toMatchObject([{ level: "error", message: "rate limit store unreachable; the emit is sent uncounted" }]);
  });

  it("fails, and logs, an emit of a server that was given no limiter", async () => {
    // Attached to no HTTP server: nothing to close.
    const bare = new Server();
    const local = memoryLogger();
    expect(await createSocketEmitter(bare, nextCompany++, 1, { logger: local }).ticket.delete({ ticketId: 1 })).toBe("failed");
    expect(local.entries[0]?.context["err"]).toMatchObject({ message: expect.stringContaining("pass `rateLimiter` to setupCompanyNamespaces") });
  });
});
