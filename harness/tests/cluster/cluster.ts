// Several socket.io servers in one process joined by a real Redis, each serving the generated
// ChatIA company namespaces, and a TCP round-robin balancer in front of them.
//
// Redis comes from REDIS_URL: scripts/test.sh starts a private redis-server and sets it. Without
// it these tests fail on purpose rather than skip, so that a run without Redis cannot pass as green.
import { createServer as createHttpServer } from "node:http";
import { connect as connectTcp, createServer as createTcpServer } from "node:net";
import type { AddressInfo, Socket as TcpSocket } from "node:net";
import { createAdapter as createRedisAdapter } from "@socket.io/redis-adapter";
import { createAdapter as createStreamsAdapter } from "@socket.io/redis-streams-adapter";
import { createClient } from "redis";
import { Server } from "socket.io";
import type { ServerOptions } from "socket.io";
import { io as connect } from "socket.io-client";
import type { Socket } from "socket.io-client";
import { setupCompanyNamespaces } from "../../generated/chatia/backend/src/libs/socket/emitters";
import type { CompanyNamespacesOptions } from "../../generated/chatia/backend/src/libs/socket/emitters";
import type { RoomRequest, SocketData } from "../../generated/chatia/shared/socket/events";
import { chatiaHandlers } from "../ts/client-event-servers";

export type Redis = ReturnType<typeof createClient>;

/** The Redis of the run: REDIS_URL, or a failure that says how to get one. */
export function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (url === undefined || url === "") {
    throw new Error(
      "REDIS_URL is not set: these tests need a real Redis. Run scripts/test.sh (it starts a private redis-server " +
        "and sets REDIS_URL), or start one yourself and run e.g. REDIS_URL=redis://127.0.0.1:6379 npx vitest run tests/cluster",
    );
  }
  return url;
}

export async function redisClient(): Promise<Redis> {
  const client = createClient({ url: redisUrl() });
  client.on("error", () => {
    // Reported through the failing command; a closing test must not crash on a late socket error.
  });
  await client.connect();
  return client;
}

/** A prefix of Redis keys and channels that no other test file or run shares. */
export function uniqueKey(name: string): string {
  return `chatia-test:${name}:${process.pid}:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 8)}`;
}

/** Who each token belongs to; the tests add and revoke tokens while servers run. */
export type Tokens = Map<string, SocketData>;

export type AdapterKind = "redis" | "redis-streams";

export interface NodeOptions {
  adapter: AdapterKind;
  /** The channel prefix (redis) or stream name (redis-streams) the servers of one test share. */
  key: string;
  tokens: Tokens;
  /** Rooms the ownership check allows; every room when omitted. */
  canJoinRoom?: (request: RoomRequest, user: SocketData) => boolean;
  connectionStateRecovery?: ServerOptions["connectionStateRecovery"];
  setup?: Partial<CompanyNamespacesOptions>;
}

export interface ClusterNode {
  name: string;
  io: Server;
  port: number;
  url: string;
  /** Stops the server gracefully: clients are told, Redis connections are closed. */
  close(): Promise<void>;
  /** Kills the server as a crash would: its TCP connections are cut, nothing is said to clients. */
  kill(): Promise<void>;
}

const quietLogger = { warn: () => {}, error: () => {} };

let nodeCount = 0;

export async function startNode(options: NodeOptions): Promise<ClusterNode> {
  const name = `node-${++nodeCount}`;
  const http = createHttpServer();
  const connections = new Set<TcpSocket>();
  http.on("connection", (socket) => {
    connections.add(socket);
    socket.once("close", () => connections.delete(socket));
  });
  const redis: Redis[] = [];
  let adapter: ServerOptions["adapter"];
  if (options.adapter === "redis") {
    const pub = await redisClient();
    const sub = pub.duplicate();
    sub.on("error", () => {});
    // The adapter listens on both clients once per namespace, and here every company has one.
    pub.setMaxListeners(0);
    sub.setMaxListeners(0);
    await sub.connect();
    redis.push(pub, sub);
    adapter = createRedisAdapter(pub, sub, { key: options.key });
  } else {
    const client = await redisClient();
    redis.push(client);
    // Frequent heartbeats let startCluster see when every server reads the stream (see there).
    adapter = createStreamsAdapter(client, {
      streamName: options.key,
      sessionKeyPrefix: `${options.key}:session:`,
      heartbeatInterval: 100,
      heartbeatTimeout: 2000,
    });
  }
  const io = new Server(http, {
    transports: ["websocket"],
    adapter,
    ...(options.connectionStateRecovery === undefined ? {} : { connectionStateRecovery: options.connectionStateRecovery }),
  });
  setupCompanyNamespaces(io, {
    verifyToken: (token) => options.tokens.get(token) ?? null,
    canJoinRoom: options.canJoinRoom ?? (() => true),
    authorize: () => true,
    handlers: chatiaHandlers(),
    logger: quietLogger,
    ...options.setup,
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;

  let stopped: Promise<void> | undefined;
  const shutdown = async () => {
    await new Promise<void>((resolve) => io.close(() => resolve()));
    if (options.adapter === "redis-streams") {
      // The adapter's reader blocks in XREAD for up to 5 s; an entry of no namespace wakes it to see it was closed.
      await redis[0]!.xAdd(options.key, "*", { wake: "1" }).catch(() => undefined);
    }
    await Promise.all(redis.map((client) => client.quit().catch(() => client.disconnect().catch(() => undefined))));
  };
  return {
    name,
    io,
    port,
    url: `http://127.0.0.1:${port}`,
    close: () => (stopped ??= shutdown()),
    kill: () =>
      (stopped ??= (async () => {
        http.close();
        for (const socket of connections) {
          socket.destroy();
        }
        await shutdown();
      })()),
  };
}

/** Starts `count` servers on one Redis and closes them all on `close`. */
export async function startCluster(count: number, options: NodeOptions): Promise<ClusterNode[]> {
  const nodes = await Promise.all(Array.from({ length: count }, () => startNode(options)));
  if (options.adapter === "redis-streams" && count > 1) {
    // A server reads the stream from its first XREAD on ("$"): what is added before that, it never
    // sees, so a client that connects to a server just started may miss the first events. Once each
    // server has heard every other's heartbeat, each of them reads the stream.
    const deadline = Date.now() + 5000;
    for (const node of nodes) {
      while ((await node.io.of("/").adapter.serverCount()) < count) {
        if (Date.now() > deadline) {
          throw new Error(`${node.name} did not hear the other servers on the stream`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  }
  return nodes;
}

export async function closeNodes(nodes: readonly ClusterNode[]): Promise<void> {
  await Promise.all(nodes.map((node) => node.close()));
}

/**
 * Waits until `servers` servers listen to the namespace's messages on the redis adapter: the
 * adapter subscribes when a namespace is created on a server, asynchronously.
 */
export async function awaitSubscribed(redis: Redis, key: string, namespace: string, servers: number, timeoutMs = 5000): Promise<void> {
  const channel = `${key}-request#${namespace}#`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await redis.pubSubNumSub(channel);
    if ((counts[channel] ?? 0) >= servers) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`only ${counts[channel] ?? 0} of ${servers} servers subscribed to ${channel}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface Balancer {
  url: string;
  /** How many client connections went to each backend port. */
  routed: Map<number, number>;
  close(): Promise<void>;
}

/**
 * A round-robin TCP balancer: each new connection goes to the next backend that accepts it,
 * skipping those that refuse (a dead server). WebSocket-only clients need no sticky sessions.
 */
export async function startBalancer(backends: readonly number[]): Promise<Balancer> {
  let next = 0;
  const routed = new Map<number, number>();
  const open = new Set<TcpSocket>();
  const track = (socket: TcpSocket) => {
    open.add(socket);
    socket.once("close", () => open.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const server = createTcpServer({ pauseOnConnect: true }, (client) => {
    track(client);
    const tryBackend = (attempt: number) => {
      if (attempt >= backends.length || client.destroyed) {
        client.destroy();
        return;
      }
      const port = backends[next++ % backends.length]!;
      const upstream = connectTcp(port, "127.0.0.1");
      let connected = false;
      upstream.on("error", () => {
        upstream.destroy();
        if (!connected) {
          tryBackend(attempt + 1);
        }
      });
      upstream.once("connect", () => {
        connected = true;
        track(upstream);
        routed.set(port, (routed.get(port) ?? 0) + 1);
        upstream.pipe(client);
        client.pipe(upstream);
        client.once("close", () => upstream.destroy());
        upstream.once("close", () => client.destroy());
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
  };
}

export interface ClientOptions {
  reconnection?: boolean;
  reconnectionDelay?: number;
}

/** A client of a company namespace, connected or refused; reconnection is off unless asked. */
export function connectClient(url: string, namespace: string, token: string, options: ClientOptions = {}): Promise<Socket> {
  const reconnection = options.reconnection ?? false;
  const delay = options.reconnectionDelay ?? 50;
  const socket = connect(url + namespace, {
    transports: ["websocket"],
    forceNew: true,
    reconnection,
    reconnectionDelay: delay,
    reconnectionDelayMax: delay,
    randomizationFactor: 0,
    auth: { token },
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}
