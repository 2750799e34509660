// What checking a client event costs: the generated server (rate limit, size, shape, a yes from
// `authorize`, then the handler) against the same handler unvalidated, on the same socket.io
// 4.7.5 server in one process.
//
//   cd harness && npx vite-node bench/client-events.ts
//
// Needs the code generated into harness/generated (scripts/test.sh does it). Each event is handed
// to the server-side socket as a decoded packet (what socket.io does once the parser has read a
// frame), so the network and the parser, the same for both, stay out of the figures. Two
// unvalidated baselines: a `socket.on` listener (what applications write today; socket.io calls
// it on the next tick) and a `socket.use` middleware (the route the generated code takes). Rounds
// run in pairs, alternating which goes first, so load from other processes hits both alike; the
// figures are medians of the rounds, per event, with every handler call counted.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import * as awkward from "../generated/awkward/out/server/emitters";
import * as chatia from "../generated/chatia/backend/src/libs/socket/emitters";

const companyId = 7;
const eventsPerRound = 20_000;
const rounds = 40;

/** The entry point socket.io calls with each decoded event packet; not in its public types. */
interface PacketSink {
  onevent(packet: { type: number; nsp: string; data: unknown[] }): void;
}

interface Scenario {
  name: string;
  catalog: "chatia" | "awkward";
  event: string;
  args: unknown[];
}

const scenarios: Scenario[] = [
  { name: "chatia typing(Typing)", catalog: "chatia", event: "typing", args: [{ ticketId: 5, typing: true }] },
  {
    name: "awkward bulk-tag(id, map<enum>, datetime[])",
    catalog: "awkward",
    event: "bulk-tag",
    args: [42, { a: "new", "key with space": "two words" }, ["2024-05-01T12:00:00Z", "2024-02-29T23:59:59.123+05:30"]],
  },
];

let handled = 0;
const handle = (): void => {
  handled += 1;
};

/** A limit no round reaches: the limiter still counts every event. */
const unlimited = { events: Number.MAX_SAFE_INTEGER, windowSeconds: 1 };

function setup(scenario: Scenario, io: Server): void {
  const common = { verifyToken: () => ({ companyId, userId: 1 }), canJoinRoom: () => true, authorize: () => true };
  if (scenario.catalog === "chatia") {
    const handlers = { typing: handle, markAsRead: (_ctx: unknown, ticketId: number) => ({ ticketId, unreadMessages: 0 }) };
    chatia.setupCompanyNamespaces(io, { ...common, handlers, clientRateLimits: { typing: unlimited } });
  } else {
    const handlers = { constructor_: () => ({ none: [] }), bulkTag: handle, delete: handle };
    // A Map: the catalog has an event called `constructor`, which no object literal can leave out.
    awkward.setupCompanyNamespaces(io, { ...common, handlers, clientRateLimits: new Map([["bulk-tag", unlimited]]) });
  }
  io.of("/listener").on("connection", (socket) => socket.on(scenario.event, handle));
  io.of("/middleware").on("connection", (socket) => socket.use((_packet, _next) => handle()));
}

const clients: Socket[] = [];

async function serverSocket(io: Server, url: string, namespace: string): Promise<PacketSink> {
  const client = connect(url + namespace, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token: "bench" } });
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.once("connect", () => resolve());
    client.once("connect_error", reject);
  });
  const socket = io.of(namespace).sockets.values().next().value;
  if (socket === undefined) {
    throw new Error(`no server socket on ${namespace}`);
  }
  return socket as unknown as PacketSink;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * q)]!;
}

/** Nanoseconds per event, handler calls included: `socket.on` listeners run on a later tick. */
async function round(sink: PacketSink, nsp: string, scenario: Scenario): Promise<number> {
  const target = handled + eventsPerRound;
  const start = process.hrtime.bigint();
  for (let i = 0; i < eventsPerRound; i++) {
    sink.onevent({ type: 2, nsp, data: [scenario.event, ...scenario.args] });
  }
  while (handled < target) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  return Number(process.hrtime.bigint() - start) / eventsPerRound;
}

async function run(scenario: Scenario): Promise<void> {
  const http = createServer();
  const io = new Server(http, { transports: ["websocket"] });
  setup(scenario, io);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const company = `/workspace-${companyId}`;
  const sinks = {
    listener: { sink: await serverSocket(io, url, "/listener"), nsp: "/listener" },
    middleware: { sink: await serverSocket(io, url, "/middleware"), nsp: "/middleware" },
    generated: { sink: await serverSocket(io, url, company), nsp: company },
  };
  const names = Object.keys(sinks) as (keyof typeof sinks)[];
  const times: Record<keyof typeof sinks, number[]> = { listener: [], middleware: [], generated: [] };
  for (let i = 0; i < rounds + 3; i++) {
    const order = i % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const elapsed = await round(sinks[name].sink, sinks[name].nsp, scenario);
      if (i >= 3) {
        times[name].push(elapsed);
      }
    }
  }
  const median = (name: keyof typeof sinks) => quantile(times[name], 0.5);
  const overhead = (name: keyof typeof sinks) => times.generated.map((g, i) => g - times[name][i]!);
  const line = (name: keyof typeof sinks) => {
    const [low, mid, high] = [0.25, 0.5, 0.75].map((q) => quantile(overhead(name), q).toFixed(0));
    return `+${mid} ns over ${name} (quartiles ${low} to ${high})`;
  };
  console.log(
    `${scenario.name.padEnd(46)} listener ${median("listener").toFixed(0).padStart(5)} ns   middleware ${median("middleware").toFixed(0).padStart(5)} ns   generated ${median("generated").toFixed(0).padStart(5)} ns   ${line("listener")}; ${line("middleware")}`,
  );
  for (const client of clients.splice(0)) {
    client.close();
  }
  await new Promise<void>((resolve) => io.close(() => resolve()));
}

console.log(`node ${process.version}, socket.io 4.7.5, ${eventsPerRound} events per round, median of ${rounds} paired rounds`);
for (const scenario of scenarios) {
  await run(scenario);
}
