// The generated emitters across two and three socket.io servers joined by @socket.io/redis-adapter
// on a real Redis: what one server emits reaches the company's clients on the others, and never
// another company's.
import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCompanyRateLimiter, createSocketEmitter } from "../../generated/chatia/backend/src/libs/socket/emitters";
import { companyNamespace, eventNames } from "../../generated/chatia/shared/socket/events";
import { ticket } from "../ts/chatia-samples";
import { record, request, waitUntil, type Received } from "../ts/support";
import {
  awaitSubscribed,
  closeNodes,
  connectClient,
  redisClient,
  startCluster,
  uniqueKey,
  type ClusterNode,
  type Redis,
  type Tokens,
} from "./cluster";

const key = uniqueKey("redis-adapter");
const tokens: Tokens = new Map([
  ["c1-u11", { companyId: 1, userId: 11 }],
  ["c1-u12", { companyId: 1, userId: 12 }],
  ["c1-u13", { companyId: 1, userId: 13 }],
  ["c2-u21", { companyId: 2, userId: 21 }],
  ["c2-u22", { companyId: 2, userId: 22 }],
  ["c2-u23", { companyId: 2, userId: 23 }],
]);

let redis: Redis;
let nodes: ClusterNode[] = [];
let sockets: Socket[] = [];

beforeAll(async () => {
  redis = await redisClient();
});

afterEach(async () => {
  for (const socket of sockets) {
    socket.close();
  }
  sockets = [];
  await closeNodes(nodes);
  nodes = [];
});

afterAll(async () => {
  await redis?.quit();
});

function emitter(node: ClusterNode, companyId: number, userId: number) {
  return createSocketEmitter(node.io, companyId, userId, { rateLimiter: createCompanyRateLimiter({ events: 1_000_000 }) });
}

async function client(node: ClusterNode, token: string): Promise<{ socket: Socket; received: Received[] }> {
  const { companyId } = tokens.get(token)!;
  const socket = await connectClient(node.url, companyNamespace(companyId), token);
  sockets.push(socket);
  return { socket, received: record(socket) };
}

const ticketIds = (received: Received[]) =>
  received.map(({ payload }) => {
    const p = payload as { ticket?: { id: number }; ticketId?: number };
    return p.ticket?.id ?? p.ticketId;
  });

for (const count of [2, 3]) {
  describe(`${count} servers on one Redis`, () => {
    it("delivers what one server emits to the company's clients on the others, to the namespace and to a room", async () => {
      nodes = await startCluster(count, { adapter: "redis", key, tokens });
      const [a, ...others] = nodes as [ClusterNode, ...ClusterNode[]];
      const listeners = await Promise.all(others.map((node) => client(node, "c1-u12")));
      const inRoom = await Promise.all(others.map((node) => client(node, "c1-u13")));
      for (const { socket } of inRoom) {
        expect(await request(socket, "room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
      }
      const local = await client(a, "c1-u11");
      await awaitSubscribed(redis, key, companyNamespace(1), count);

      const send = emitter(a, 1, 11);
      expect(send.ticket.create({ ticket: { ...ticket, id: 1 } })).toBe("sent");
      expect(send.ticket.update({ ticket: { ...ticket, id: 5 } }, { room: "ticket", ticketId: 5 })).toBe("sent");
      expect(send.ticket.delete({ ticketId: 2 })).toBe("sent");

      for (const { received } of [...listeners, local]) {
        await waitUntil(() => received.length === 2, "the two namespace emits");
        expect(received.map(({ event }) => event)).toEqual([eventNames.ticket(1), eventNames.ticket(1)]);
        expect(ticketIds(received)).toEqual([1, 2]);
        expect(received[0]!.payload).toMatchObject({ action: "create", companyId: 1, userId: 11 });
      }
      for (const { received } of inRoom) {
        await waitUntil(() => received.length === 3, "the namespace emits and the room emit");
        expect(ticketIds(received)).toEqual([1, 5, 2]);
        expect(received[1]!.payload).toMatchObject({ action: "update", companyId: 1, userId: 11 });
      }
    });

    it("delivers from a server that never had a client of the company (its namespace did not exist there)", async () => {
      nodes = await startCluster(count, { adapter: "redis", key, tokens });
      const [a, ...others] = nodes as [ClusterNode, ...ClusterNode[]];
      const listeners = await Promise.all(others.map((node) => client(node, "c1-u12")));
      for (const { socket } of listeners) {
        expect(await request(socket, "room:join", { room: "status", status: "open" })).toEqual({ ok: true });
      }
      await awaitSubscribed(redis, key, companyNamespace(1), count - 1);
      expect(a.io._nsps.has(companyNamespace(1))).toBe(false);

      const send = emitter(a, 1, 11);
      expect(send.ticket.create({ ticket: { ...ticket, id: 7 } })).toBe("sent");
      expect(send.ticket.update({ ticket: { ...ticket, id: 8 } }, { room: "status", status: "open" })).toBe("sent");
      expect(send.ticket.delete({ ticketId: 9 }, { room: "status", status: "pending" })).toBe("sent");
      expect(send.contact.delete({ contactId: 3 })).toBe("sent");

      for (const { received } of listeners) {
        await waitUntil(() => received.length === 3, "the emits of a server without clients");
        expect(received.map(({ event }) => event)).toEqual([eventNames.ticket(1), eventNames.ticket(1), eventNames.contact(1)]);
        expect(received[2]!.payload).toMatchObject({ action: "delete", contactId: 3, companyId: 1, userId: 11 });
      }
    });

    it("never lets company 1's events reach company 2's clients on any server", async () => {
      nodes = await startCluster(count, { adapter: "redis", key, tokens });
      const company1 = await Promise.all(nodes.map((node) => client(node, "c1-u11")));
      const company2 = await Promise.all(nodes.map((node, i) => client(node, i % 2 === 0 ? "c2-u21" : "c2-u22")));
      // Company 2 sits in rooms of the same names as the ones company 1's events go to.
      for (const { socket } of [...company1, ...company2]) {
        expect(await request(socket, "room:join", { room: "ticket", ticketId: 5 })).toEqual({ ok: true });
        expect(await request(socket, "room:join", { room: "notification" })).toEqual({ ok: true });
      }
      await awaitSubscribed(redis, key, companyNamespace(1), count);
      await awaitSubscribed(redis, key, companyNamespace(2), count);

      const perServer = 60;
      nodes.forEach((node, n) => {
        const one = emitter(node, 1, 11);
        for (let i = 0; i < perServer; i++) {
          const id = n * 1000 + i;
          switch (i % 4) {
            case 0:
              one.ticket.create({ ticket: { ...ticket, id } });
              break;
            case 1:
              one.ticket.update({ ticket: { ...ticket, id } }, { room: "ticket", ticketId: 5 });
              break;
            case 2:
              one.appMessage.delete({ messageId: id }, { room: "notification" });
              break;
            default:
              one.contact.delete({ contactId: id });
          }
        }
        // Then one event of each company from this server: per connection the order holds, so once
        // company 2's arrives, any company 1 event that leaked from this server would have arrived too.
        one.ticket.delete({ ticketId: -1 - n });
        emitter(node, 2, 21).ticket.delete({ ticketId: -1 - n });
      });

      for (const { received } of company1) {
        await waitUntil(() => received.length === count * (perServer + 1), "every company 1 event");
      }
      for (const { received } of company2) {
        await waitUntil(() => received.length >= count, "company 2's own last event from each server");
      }
      for (const { received } of company2) {
        const foreign = received.filter(({ event, payload }) => {
          const stamped = (payload as { companyId?: unknown }).companyId;
          return event.startsWith("company-1-") || stamped !== 2 || !event.startsWith("company-2-");
        });
        expect(foreign).toEqual([]);
        expect(received.length).toBe(count);
      }
    });
  });
}
