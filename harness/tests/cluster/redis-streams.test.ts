// The generated emitters across servers joined by @socket.io/redis-streams-adapter, with socket.io's
// connection state recovery: a client that lost its transport comes back, on any server, with the
// events it missed, unless its token was revoked meanwhile (the auth middleware runs again).
import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { connectionStateRecovery, createCompanyRateLimiter, createSocketEmitter } from "../../generated/chatia/backend/src/libs/socket/emitters";
import { companyNamespace, eventNames } from "../../generated/chatia/shared/socket/events";
import { ticket } from "../ts/chatia-samples";
import { record, request, waitUntil, type Received } from "../ts/support";
import {
  awaitSubscribed,
  closeNodes,
  connectClient,
  redisClient,
  startBalancer,
  startCluster,
  uniqueKey,
  type Balancer,
  type ClusterNode,
  type Redis,
  type Tokens,
} from "./cluster";

const key = uniqueKey("redis-streams");
const tokens: Tokens = new Map([
  ["c1-u11", { companyId: 1, userId: 11 }],
  ["c1-u12", { companyId: 1, userId: 12 }],
  ["c1-u13", { companyId: 1, userId: 13 }],
  ["c2-u21", { companyId: 2, userId: 21 }],
]);
/** The generated setting: the company middleware runs again on every recovery. */
const recovery = connectionStateRecovery(30_000);

let redis: Redis;
let nodes: ClusterNode[] = [];
let balancer: Balancer | undefined;
let sockets: Socket[] = [];

beforeAll(async () => {
  redis = await redisClient();
});

afterEach(async () => {
  for (const socket of sockets) {
    socket.close();
  }
  sockets = [];
  await balancer?.close();
  balancer = undefined;
  await closeNodes(nodes);
  nodes = [];
});

afterAll(async () => {
  if (redis === undefined) {
    return;
  }
  const sessions = await redis.keys(`${key}:session:*`);
  await redis.del([key, ...sessions]);
  await redis.quit();
});

function emitter(node: ClusterNode, companyId: number, userId: number) {
  return createSocketEmitter(node.io, companyId, userId, { rateLimiter: createCompanyRateLimiter({ events: 1_000_000 }) });
}

async function client(url: string, token: string, reconnectionDelay?: number): Promise<{ socket: Socket; received: Received[] }> {
  const { companyId } = tokens.get(token)!;
  const options = reconnectionDelay === undefined ? {} : { reconnection: true, reconnectionDelay };
  const socket = await connectClient(url, companyNamespace(companyId), token, options);
  sockets.push(socket);
  return { socket, received: record(socket) };
}

const ids = (received: Received[]) =>
  received.map(({ payload }) => {
    const p = payload as { ticket?: { id: number }; ticketId?: number };
    return p.ticket?.id ?? p.ticketId;
  });

/** Which nodes hold a connected socket of the namespace. */
const holders = (namespace: string) => nodes.filter((node) => (node.io._nsps.get(namespace)?.sockets.size ?? 0) > 0).map((node) => node.name);

describe("redis-streams adapter", () => {
  it("delivers what one server emits to the clients on the other, to the namespace and to a room, also from a server without clients", async () => {
    nodes = await startCluster(2, { adapter: "redis-streams", key, tokens });
    const [a, b] = nodes as [ClusterNode, ClusterNode];
    const everyone = await client(b.url, "c1-u12");
    const inRoom = await client(b.url, "c1-u13");
    const other = await client(b.url, "c2-u21");
    expect(await request(inRoom.socket, "room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
    expect(await request(other.socket, "room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
    expect(a.io._nsps.has(companyNamespace(1))).toBe(false);

    const send = emitter(a, 1, 11);
    expect(send.ticket.create({ ticket: { ...ticket, id: 1 } })).toBe("sent");
    expect(send.ticket.update({ ticket: { ...ticket, id: 5 } }, { room: "ticket", ticketId: 5 })).toBe("sent");
    expect(send.ticket.delete({ ticketId: 2 })).toBe("sent");
    emitter(a, 2, 21).ticket.delete({ ticketId: -1 });

    await waitUntil(() => everyone.received.length === 2 && inRoom.received.length === 3, "the emits of server A");
    expect(ids(everyone.received)).toEqual([1, 2]);
    expect(ids(inRoom.received)).toEqual([1, 5, 2]);
    expect(inRoom.received.map(({ event }) => event)).toEqual(Array(3).fill(eventNames.ticket(1)));
    await waitUntil(() => other.received.length === 1, "company 2's own event");
    expect(other.received).toEqual([{ event: eventNames.ticket(2), payload: expect.objectContaining({ companyId: 2, ticketId: -1 }) }]);
  });

  it("recovers a client whose transport dropped, on the other server, with the events emitted while it was away and its rooms", async () => {
    nodes = await startCluster(2, { adapter: "redis-streams", key, tokens, connectionStateRecovery: recovery });
    const [a, b] = nodes as [ClusterNode, ClusterNode];
    balancer = await startBalancer([a.port, b.port]);
    const { socket, received } = await client(balancer.url, "c1-u12", 200);
    expect(socket.recovered).toBe(false);
    expect(await request(socket, "room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
    const first = holders(companyNamespace(1));
    expect(first).toEqual([a.name]);

    // A first event gives the client an offset to recover from.
    emitter(a, 1, 11).ticket.create({ ticket: { ...ticket, id: 1 } });
    await waitUntil(() => received.length === 1, "the first event");

    socket.io.engine.close();
    await waitUntil(() => holders(companyNamespace(1)).length === 0, "the server to see the client gone");
    const send = emitter(b, 1, 11);
    send.ticket.update({ ticket: { ...ticket, id: 2 } });
    send.ticket.update({ ticket: { ...ticket, id: 3 } }, { room: "ticket", ticketId: 5 });
    send.ticket.update({ ticket: { ...ticket, id: 4 } }, { room: "ticket", ticketId: 6 });
    send.ticket.delete({ ticketId: 5 });

    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    expect(socket.recovered).toBe(true);
    expect(holders(companyNamespace(1))).toEqual([b.name]);
    await waitUntil(() => received.length === 4, "the missed events");
    expect(ids(received)).toEqual([1, 2, 3, 5]);

    // The recovered session kept its room.
    emitter(a, 1, 11).ticket.update({ ticket: { ...ticket, id: 6 } }, { room: "ticket", ticketId: 5 });
    await waitUntil(() => received.length === 5, "a room event after recovery");
    expect(ids(received)).toEqual([1, 2, 3, 5, 6]);
  });

  it("refuses the recovery of a client whose token was revoked while it was away", async () => {
    const revocable = "c1-revoked";
    tokens.set(revocable, { companyId: 1, userId: 14 });
    nodes = await startCluster(2, { adapter: "redis-streams", key, tokens, connectionStateRecovery: recovery });
    const [a, b] = nodes as [ClusterNode, ClusterNode];
    const socket = await connectClient(b.url, companyNamespace(1), revocable, { reconnection: true, reconnectionDelay: 100 });
    sockets.push(socket);
    const received = record(socket);
    emitter(a, 1, 11).ticket.create({ ticket: { ...ticket, id: 1 } });
    await waitUntil(() => received.length === 1, "the first event");

    tokens.delete(revocable);
    const refused = new Promise<Error>((resolve) => socket.once("connect_error", resolve));
    socket.io.engine.close();
    await waitUntil(() => holders(companyNamespace(1)).length === 0, "the server to see the client gone");
    emitter(a, 1, 11).ticket.update({ ticket: { ...ticket, id: 2 } });

    expect((await refused).message).toBe("unauthorized");
    expect(socket.connected).toBe(false);
    expect(socket.recovered).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ids(received)).toEqual([1]);
  });
});

describe("a server killed mid-stream", () => {
  it("moves its clients through the balancer to the live servers, which deliver what is emitted after they reconnect", async () => {
    nodes = await startCluster(3, { adapter: "redis", key, tokens });
    const [a, b, c] = nodes as [ClusterNode, ClusterNode, ClusterNode];
    balancer = await startBalancer([a.port, b.port, c.port]);
    // Six clients, two per server; half of them also in a room, joined again on every connect.
    const clients = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const { socket, received } = await client(balancer!.url, i % 2 === 0 ? "c1-u12" : "c1-u13", 30);
        const inRoom = i % 2 === 1;
        const state = { socket, received, inRoom, node: "", joinedAfter: 0, reconnectedAfter: Number.POSITIVE_INFINITY };
        return state;
      }),
    );
    let seq = 0;
    const join = async (state: (typeof clients)[number]) => {
      if (state.inRoom) {
        expect(await request(state.socket, "room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
      }
      state.joinedAfter = seq;
    };
    await Promise.all(clients.map(join));
    for (const node of nodes) {
      for (const s of node.io._nsps.get(companyNamespace(1))?.sockets.values() ?? []) {
        const state = clients.find((candidate) => candidate.socket.id === s.id);
        if (state !== undefined) {
          state.node = node.name;
        }
      }
    }
    expect(clients.filter((state) => state.node === b.name)).toHaveLength(2);
    await awaitSubscribed(redis, key, companyNamespace(1), 3);
    for (const state of clients) {
      state.socket.on("connect", () => {
        state.reconnectedAfter = seq;
        void join(state);
      });
    }

    // Server A emits every 2 ms, to the namespace and to the room in turn.
    const send = emitter(a, 1, 11);
    const emitted: { id: number; room: boolean }[] = [];
    const emitOne = () => {
      seq += 1;
      const room = seq % 2 === 0;
      if (room) {
        send.ticket.update({ ticket: { ...ticket, id: seq } }, { room: "ticket", ticketId: 5 });
      } else {
        send.ticket.update({ ticket: { ...ticket, id: seq } });
      }
      emitted.push({ id: seq, room });
    };
    const timer = setInterval(emitOne, 2);
    try {
      await waitUntil(() => seq >= 50, "a stream to be going");
      await b.kill();
      const moved = clients.filter((state) => state.node === b.name);
      await waitUntil(() => moved.every((state) => state.reconnectedAfter !== Number.POSITIVE_INFINITY), "B's clients to reconnect");
      const rejoined = seq;
      await waitUntil(() => seq >= rejoined + 50, "50 more events");
    } finally {
      clearInterval(timer);
    }
    emitOne();

    for (const state of clients) {
      const wanted = (after: number) => emitted.filter(({ id, room }) => id > after && (!room || state.inRoom)).map(({ id }) => id);
      if (state.node === b.name) {
        // Everything emitted after it had reconnected and joined its room again.
        const expected = wanted(state.joinedAfter);
        expect(expected.length).toBeGreaterThanOrEqual(10);
        const missing = () => {
          const got = new Set(ids(state.received));
          return expected.filter((id) => !got.has(id));
        };
        await waitUntil(() => missing().length === 0, "a client of B to receive what was emitted after it reconnected").catch(() => undefined);
        expect(missing()).toEqual([]);
        expect(state.socket.connected).toBe(true);
      } else {
        const expected = wanted(0);
        await waitUntil(() => state.received.length === expected.length, `a client of ${state.node} to receive the whole stream`);
        expect(ids(state.received)).toEqual(expected);
        expect(state.reconnectedAfter).toBe(Number.POSITIVE_INFINITY);
      }
    }
    const survivors = holders(companyNamespace(1));
    expect(survivors).not.toContain(b.name);
    expect(survivors.length).toBeGreaterThan(0);
  });
});
