// Wire parity, TypeScript half and the comparison itself: every case of harness/tests/wire-cases.json
// is emitted once by the generated TypeScript emitters through a real socket.io 4.7.5 server and
// once by the generated Rust emitters through socketioxide (harness/rust); a real socket.io-client
// captures both raw packets, whose payload texts must be identical and equal JSON.stringify(expected).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server, type Namespace } from "socket.io";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import * as awkwardServer from "../../generated/awkward/out/server/emitters";
import * as chatiaServer from "../../generated/chatia/backend/src/libs/socket/emitters";
import { awkwardHandlers, chatiaHandlers } from "../ts/client-event-servers";
import { client, connected, payloadText, rawEvents, startRustServer, token, until, wireTable, type CatalogName, type RustServer, type WireCase } from "./harness";

type Emitters = typeof chatiaServer | typeof awkwardServer;
type AnyEmit = (data: unknown, target?: unknown) => string;

const generated: Record<CatalogName, Emitters> = { chatia: chatiaServer, awkward: awkwardServer };

/** Rooms both test servers put every socket in themselves; the others are asked for with room:join. */
const serverManaged: Record<CatalogName, (userId: number) => { room: string } & Record<string, unknown>> = {
  chatia: (userId) => ({ room: "user", userId }),
  awkward: () => ({ room: "in-queue", queueId: "main" }),
};

interface NodeServer {
  io: Server;
  url: string;
  close(): Promise<void>;
}

/** A socket.io server with the generated TypeScript setup and the same test rules as harness/rust. */
async function startNodeServer(catalog: CatalogName): Promise<NodeServer> {
  const http = createServer();
  const io = new Server(http, { transports: ["websocket"] });
  const auth = {
    verifyToken: (value: string) => {
      const match = /^user:(\d+):(\d+)$/.exec(value);
      return match === null ? null : { companyId: Number(match[1]), userId: Number(match[2]) };
    },
    canJoinRoom: () => true,
    authorize: () => true,
  };
  const parent: Namespace =
    catalog === "chatia"
      ? chatiaServer.setupCompanyNamespaces(io, { ...auth, handlers: chatiaHandlers() })
      : awkwardServer.setupCompanyNamespaces(io, { ...auth, handlers: awkwardHandlers() });
  parent.use((socket, next) => {
    const room = (generated[catalog].roomName as (target: object) => string)(serverManaged[catalog](socket.data.userId));
    void socket.join(room);
    next();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    io,
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
}

/** `status-change` → `statusChange`, as the TypeScript emitters name their members. */
function member(name: string): string {
  return name.replace(/[-_\s]+(.)/g, (_, c: string) => c.toUpperCase());
}

/** Connects a client to `url`, joins the case's room when clients may ask for it, and returns its raw event frames. */
async function listener(url: string, c: WireCase) {
  const socket = client({ url }, c.namespace, token(c.companyId, c.userId));
  const frames = rawEvents(socket);
  await connected(socket);
  const managed = serverManaged[c.catalog](c.userId).room;
  if (c.room !== undefined && c.room.room !== managed) {
    expect(await socket.emitWithAck("room:join", c.room)).toEqual({ ok: true });
  }
  return { socket, frames };
}

async function payloadOnWire(frames: string[], c: WireCase): Promise<string | undefined> {
  await until(() => frames.length > 0, `${c.eventName} on ${c.namespace}`);
  expect(frames).toHaveLength(1);
  return payloadText(frames[0]!, c.namespace, c.eventName);
}

for (const catalog of ["chatia", "awkward"] as CatalogName[]) {
  describe(`${catalog}: the TypeScript and Rust emitters put the same JSON on the wire`, () => {
    let rust: RustServer;
    let node: NodeServer;
    beforeAll(async () => {
      [rust, node] = await Promise.all([startRustServer(catalog), startNodeServer(catalog)]);
    });
    afterAll(async () => {
      await Promise.all([rust.stop(), node.close()]);
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    for (const c of wireTable.payloads.filter((c) => c.catalog === catalog)) {
      it(c.name, async () => {
        const viaNode = await listener(node.url, c);
        const viaRust = await listener(rust.url, c);

        vi.useFakeTimers({ toFake: ["Date"] });
        vi.setSystemTime(new Date(c.now));
        const emitter = generated[catalog].createSocketEmitter(node.io, c.companyId, c.userId, {
          rateLimiter: generated[catalog].createCompanyRateLimiter() as never,
        }) as unknown as Record<string, Record<string, AnyEmit>>;
        const emit = emitter[member(c.event)]?.[member(c.action)];
        expect(emit, `the TypeScript emitter of ${c.event}/${c.action}`).toBeTypeOf("function");
        expect(emit!.call(emitter[member(c.event)], c.inputs, c.room)).toBe("sent");
        vi.useRealTimers();

        await rust.resetRateLimit();
        await rust.setClock(c.now);
        const { companyId, userId, event, action, inputs } = c;
        expect(await rust.emit({ companyId, userId, event, action, inputs, ...(c.room ? { rooms: [c.room] } : {}) })).toMatchObject({ ok: true });

        const fromNode = await payloadOnWire(viaNode.frames, c);
        const fromRust = await payloadOnWire(viaRust.frames, c);
        expect(fromNode).toBe(JSON.stringify(c.expected));
        expect(fromRust).toBe(fromNode);
        viaNode.socket.disconnect();
        viaRust.socket.disconnect();
      });
    }
  });
}
