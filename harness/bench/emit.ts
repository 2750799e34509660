// Emitter overhead against a hand-written `io.of(ns).emit(event, payload)`, in one process, with
// the generated rate limiter on (a limit no run reaches, so every emit goes out).
//
//   cd harness && npx vite-node bench/emit.ts
//
// Needs the ChatIA code generated into harness/generated/chatia (scripts/test.sh does it). Each
// scenario runs pairs of rounds, hand-written and generated back to back in alternating order, so
// load from other processes hits both alike; it reports the median time per emit of each and the
// median and quartiles of the per-pair ratios.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import type { Socket } from "socket.io-client";
import {
  createCompanyRateLimiter,
  createSocketEmitter,
  setupCompanyNamespaces,
} from "../generated/chatia/backend/src/libs/socket/emitters";
import type { Ticket } from "../generated/chatia/shared/socket/events";

const ticket: Ticket = {
  id: 5,
  status: "open",
  contactId: 12,
  userId: 7,
  queueId: 3,
  whatsappId: 1,
  unreadMessages: 2,
  lastMessage: "Olá, tudo bem?",
  isGroup: false,
  createdAt: "2024-05-01T12:00:00.000Z",
  updatedAt: "2024-05-01T12:34:56.789Z",
};

const companyId = 7;
const userId = 42;

interface Scenario {
  name: string;
  clients: number;
  emitsPerRound: number;
  rounds: number;
}

const scenarios: Scenario[] = [
  { name: "no client connected", clients: 0, emitsPerRound: 20_000, rounds: 60 },
  { name: "5 clients connected on loopback", clients: 5, emitsPerRound: 2_000, rounds: 60 },
];

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * q)]!;
}

async function run(scenario: Scenario): Promise<void> {
  const http = createServer();
  const io = new Server(http, { transports: ["websocket"] });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  setupCompanyNamespaces(io, {
    verifyToken: () => ({ companyId, userId }),
    canJoinRoom: () => false,
    authorize: () => false,
    handlers: { typing: () => {}, markAsRead: (_ctx, ticketId) => ({ ticketId, unreadMessages: 0 }) },
  });
  let received = 0;
  const clients: Socket[] = [];
  for (let i = 0; i < scenario.clients; i++) {
    const socket = connect(`${url}/workspace-${companyId}`, { transports: ["websocket"], forceNew: true, auth: { token: "bench" } });
    socket.on(`company-${companyId}-ticket`, () => {
      received += 1;
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    clients.push(socket);
  }

  const emitter = createSocketEmitter(io, companyId, userId, {
    rateLimiter: createCompanyRateLimiter({ events: Number.MAX_SAFE_INTEGER }),
  });
  const handWritten = (): void => {
    io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, {
      action: "update",
      companyId,
      userId,
      timestamp: new Date().toISOString(),
      ticket,
    });
  };
  const generated = (): void => {
    if (emitter.ticket.update({ ticket }) !== "sent") {
      throw new Error("the benchmark emit was not sent");
    }
  };

  let expected = 0;
  const round = async (emit: () => void): Promise<number> => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < scenario.emitsPerRound; i++) {
      emit();
    }
    const elapsed = Number(process.hrtime.bigint() - start) / scenario.emitsPerRound;
    // Let the clients take everything in before the next round, so no round pays for another's backlog.
    expected += scenario.emitsPerRound * scenario.clients;
    while (received < expected) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    return elapsed;
  };

  for (let i = 0; i < 3; i++) {
    await round(handWritten);
    await round(generated);
  }
  const times = { handWritten: [] as number[], generated: [] as number[] };
  for (let i = 0; i < scenario.rounds; i++) {
    if (i % 2 === 0) {
      times.handWritten.push(await round(handWritten));
      times.generated.push(await round(generated));
    } else {
      times.generated.push(await round(generated));
      times.handWritten.push(await round(handWritten));
    }
  }
  const hand = quantile(times.handWritten, 0.5);
  const gen = quantile(times.generated, 0.5);
  const ratios = times.generated.map((g, i) => g / times.handWritten[i]!);
  const [low, mid, high] = [0.25, 0.5, 0.75].map((q) => quantile(ratios, q).toFixed(3));
  console.log(
    `${scenario.name.padEnd(32)} hand-written ${hand.toFixed(0).padStart(6)} ns/emit   generated ${gen.toFixed(0).padStart(6)} ns/emit   ratio ${mid}x (quartiles ${low}-${high})`,
  );

  for (const socket of clients) {
    socket.close();
  }
  await new Promise<void>((resolve) => io.close(() => resolve()));
}

console.log(`node ${process.version}, socket.io 4.7.5, median of paired rounds, rate limiter on`);
for (const scenario of scenarios) {
  await run(scenario);
}
