// A bounded soak of the generated emitters on servers joined by @socket.io/redis-adapter: many
// companies, clients that disconnect and reconnect (on another server) throughout, emits of every
// kind to namespaces and rooms. Shared by tests/cluster/soak.test.ts (small) and bench/soak.ts.
//
// What counts as "should have received":
// - every emit carries its sequence number as the id of its payload (ticket, contact or message
//   id), and the time it was sent is kept here (performance.now) by sequence number;
// - a client session is *ready* once connected and every room it asks for was acknowledged;
//   each emit that went out ("sent") while a session of its company was ready and in the
//   emit's room (if any) is owed to that session;
// - a session is closed (its transport dropped or disconnected) only after the soak took a
//   mark H, the next sequence number, and waited until the session had every owed emit below H
//   (up to `drainTimeoutMs`: whatever is still missing then is counted lost). Emits owed at or
//   after H are in flight when it closes and are excused; they are counted, not required;
// - once every emit went out, every session still open must get everything it is owed;
// - a "rate-limited" outcome is counted, and no client may receive such an emit.
import { performance } from "node:perf_hooks";
import type { Socket } from "socket.io-client";
import { createCompanyRateLimiter, createSocketEmitter } from "../../generated/chatia/backend/src/libs/socket/emitters";
import type { EmitOutcome, SocketEmitter } from "../../generated/chatia/backend/src/libs/socket/emitters";
import { companyNamespace } from "../../generated/chatia/shared/socket/events";
import { contact, message, ticket } from "../ts/chatia-samples";
import { closeNodes, connectClient, redisClient, startCluster, uniqueKey, awaitSubscribed, type ClusterNode, type Tokens } from "./cluster";

export interface SoakConfig {
  companies: number;
  /** Clients per company, spread over the servers. */
  clients: number;
  emits: number;
  servers: number;
  /** About how many emits go out between two client churns. */
  churnEvery?: number;
  /** Most deliveries owed and not yet received before the emitting loop waits. */
  maxInFlight?: number;
  drainTimeoutMs?: number;
  seed?: number;
}

export interface SoakResult {
  config: Required<SoakConfig>;
  outcomes: Record<EmitOutcome, number>;
  /** Rate limit of each server per company, in emits per window (one window over the whole run). */
  rateLimit: number;
  /** Deliveries owed to sessions that stayed for them, and how many of them arrived. */
  owed: number;
  delivered: number;
  lost: number;
  /** Owed deliveries excused because the session closed while they were in flight. */
  excused: number;
  /** Receipts of emits not owed to the session (before it was ready, or while it was closing). */
  extra: number;
  crossCompany: number;
  wrongRoom: number;
  duplicates: number;
  rateLimitedDelivered: number;
  reconnects: number;
  durationMs: number;
  emitsPerSecond: number;
  deliveriesPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
}

type Target = "namespace" | "status" | "ticket";
const targetOf: Target[] = ["namespace", "status", "ticket", "namespace", "namespace", "namespace", "ticket", "status", "namespace"];
const targetCode: Record<Target, number> = { namespace: 0, status: 1, ticket: 2 };

/** Sends emit `kind` with `id` as its payload's id; the kinds cover tickets, contacts and messages, to namespace and rooms. */
function send(emitter: SocketEmitter, kind: number, id: number): EmitOutcome {
  const status = { room: "status", status: "open" } as const;
  const ticketRoom = { room: "ticket", ticketId: 5 } as const;
  switch (kind) {
    case 0:
      return emitter.ticket.create({ ticket: { ...ticket, id } });
    case 1:
      return emitter.ticket.update({ ticket: { ...ticket, id } }, status);
    case 2:
      return emitter.ticket.delete({ ticketId: id }, ticketRoom);
    case 3:
      return emitter.contact.create({ contact: { ...contact, id } });
    case 4:
      return emitter.contact.update({ contact: { ...contact, id } });
    case 5:
      return emitter.contact.delete({ contactId: id });
    case 6:
      return emitter.appMessage.update({ message: { ...message, id } }, ticketRoom);
    case 7:
      return emitter.appMessage.delete({ messageId: id }, status);
    default:
      return emitter.ticket.update({ ticket: { ...ticket, id } });
  }
}

/** The sequence number an emit carries as its payload's id. */
function seqOf(payload: unknown): number | undefined {
  const p = payload as {
    ticket?: { id?: unknown };
    contact?: { id?: unknown };
    message?: { id?: unknown };
    ticketId?: unknown;
    contactId?: unknown;
    messageId?: unknown;
  };
  const id = p.ticket?.id ?? p.contact?.id ?? p.message?.id ?? p.ticketId ?? p.contactId ?? p.messageId;
  return typeof id === "number" ? id : undefined;
}

/** A small deterministic generator, so that a run can be repeated. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

interface Slot {
  index: number;
  companyId: number;
  token: string;
  status: boolean;
  ticket: boolean;
  connects: number;
}

interface Session {
  slot: Slot;
  socket: Socket;
  ready: boolean;
  closing: boolean;
  outstanding: Set<number>;
  received: Set<number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runSoak(input: SoakConfig): Promise<SoakResult> {
  const slotsCount = input.companies * input.clients;
  const config: Required<SoakConfig> = {
    churnEvery: Math.max(1, Math.floor(input.emits / (slotsCount * 2))),
    maxInFlight: 2_000,
    drainTimeoutMs: 10_000,
    seed: 7,
    ...input,
  };
  const { companies, clients, emits, servers } = config;
  const rand = random(config.seed);
  const key = uniqueKey(`soak-${servers}`);

  // Company 1 gets three times the share of the others, and so is the one the rate limit drops.
  const weightTotal = companies + 2;
  const fairPerServer = emits / weightTotal / servers;
  const rateLimit = Math.ceil(fairPerServer * 1.5) + 10;

  const tokens: Tokens = new Map();
  const slots: Slot[] = [];
  for (let companyId = 1; companyId <= companies; companyId++) {
    for (let k = 0; k < clients; k++) {
      const token = `soak-${companyId}-${k}`;
      tokens.set(token, { companyId, userId: companyId * 1000 + k });
      slots.push({ index: slots.length, companyId, token, status: k % 2 === 0, ticket: k % 3 === 0, connects: 0 });
    }
  }

  const companyOf = new Int32Array(emits);
  const targets = new Uint8Array(emits);
  const outcomeOf: EmitOutcome[] = new Array(emits);
  const sentAt = new Float64Array(emits);
  const latencies = new Float64Array(emits * clients + 16);
  let latencyCount = 0;
  const outcomes: Record<EmitOutcome, number> = { sent: 0, "rate-limited": 0, failed: 0 };
  let owed = 0;
  let delivered = 0;
  let lost = 0;
  let excused = 0;
  let extra = 0;
  let crossCompany = 0;
  let wrongRoom = 0;
  let duplicates = 0;
  let rateLimitedDelivered = 0;
  let reconnects = 0;
  let inFlight = 0;
  let emitted = 0;

  const open = new Set<Session>();
  const byCompany = new Map<number, Set<Session>>();
  for (let companyId = 1; companyId <= companies; companyId++) {
    byCompany.set(companyId, new Set());
  }

  const nodes: ClusterNode[] = await startCluster(servers, { adapter: "redis", key, tokens });
  const redis = await redisClient();
  const limiters = nodes.map(() => createCompanyRateLimiter({ events: rateLimit, windowSeconds: 24 * 3600 }));
  const emitters = nodes.map((node, n) =>
    Array.from({ length: companies + 1 }, (_, companyId) => createSocketEmitter(node.io, companyId, 1, { rateLimiter: limiters[n]!, logger: { warn: () => {}, error: () => {} } })),
  );

  const receive = (session: Session, event: string, payload: unknown) => {
    const { companyId } = session.slot;
    const stamped = (payload as { companyId?: unknown } | null)?.companyId;
    if (stamped !== companyId || !event.startsWith(`company-${companyId}-`)) {
      crossCompany += 1;
      return;
    }
    const seq = seqOf(payload);
    if (seq === undefined || seq < 0 || seq >= emits) {
      return;
    }
    const target = targets[seq]!;
    if ((target === targetCode.status && !session.slot.status) || (target === targetCode.ticket && !session.slot.ticket) || companyOf[seq] !== companyId) {
      wrongRoom += 1;
    }
    if (outcomeOf[seq] === "rate-limited") {
      rateLimitedDelivered += 1;
    }
    if (session.received.has(seq)) {
      duplicates += 1;
      return;
    }
    session.received.add(seq);
    if (session.outstanding.delete(seq)) {
      delivered += 1;
      inFlight -= 1;
      latencies[latencyCount++] = performance.now() - sentAt[seq]!;
    } else {
      extra += 1;
    }
  };

  const connectSession = async (slot: Slot): Promise<Session> => {
    const node = nodes[(slot.index + slot.connects) % nodes.length]!;
    slot.connects += 1;
    const socket = await connectClient(node.url, companyNamespace(slot.companyId), slot.token);
    const session: Session = { slot, socket, ready: false, closing: false, outstanding: new Set(), received: new Set() };
    socket.onAny((event: string, payload: unknown) => receive(session, event, payload));
    const join = (body: unknown) =>
      new Promise<void>((resolve, reject) =>
        socket.emit("room:join", body as never, (answer: unknown) => ((answer as { ok?: boolean }).ok ? resolve() : reject(new Error(JSON.stringify(answer))))),
      );
    if (slot.status) {
      await join({ room: "status", status: "open" });
    }
    if (slot.ticket) {
      await join({ room: "ticket", ticketId: 5 });
    }
    session.ready = true;
    open.add(session);
    byCompany.get(slot.companyId)!.add(session);
    return session;
  };

  const owedBelow = (session: Session, mark: number) => {
    for (const seq of session.outstanding) {
      if (seq < mark) {
        return true;
      }
    }
    return false;
  };

  /** Waits for what the session is owed below the mark, then drops it and connects its slot again. */
  const churn = async (session: Session) => {
    session.closing = true;
    const mark = emitted;
    const deadline = performance.now() + config.drainTimeoutMs;
    while (owedBelow(session, mark) && performance.now() < deadline) {
      await sleep(2);
    }
    open.delete(session);
    byCompany.get(session.slot.companyId)!.delete(session);
    for (const seq of session.outstanding) {
      if (seq < mark) {
        lost += 1;
      } else {
        excused += 1;
        owed -= 1;
      }
      inFlight -= 1;
    }
    session.outstanding.clear();
    session.ready = false;
    if (rand() < 0.5) {
      session.socket.io.engine.close();
    } else {
      session.socket.disconnect();
    }
    session.socket.close();
    await sleep(Math.floor(rand() * 10));
    await connectSession(session.slot);
    reconnects += 1;
  };

  const churning = new Set<Promise<void>>();
  const maxChurning = Math.max(4, Math.floor(slotsCount / 10));
  let failure: unknown;

  try {
    for (let i = 0; i < slots.length; i += 50) {
      await Promise.all(slots.slice(i, i + 50).map(connectSession));
    }
    for (let companyId = 1; companyId <= companies; companyId++) {
      await awaitSubscribed(redis, key, companyNamespace(companyId), Math.min(servers, clients));
    }

    const started = performance.now();
    for (let seq = 0; seq < emits; seq++) {
      while (inFlight > config.maxInFlight) {
        await sleep(1);
      }
      if (seq % 64 === 63) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      const pick = rand() * weightTotal;
      const companyId = pick < 3 ? 1 : Math.min(companies, Math.floor(pick) - 1);
      const kind = Math.floor(rand() * targetOf.length);
      const target = targetOf[kind]!;
      companyOf[seq] = companyId;
      targets[seq] = targetCode[target];
      // Owed to the company's ready sessions in the emit's room, before the emit goes out.
      const owedTo: Session[] = [];
      for (const session of byCompany.get(companyId)!) {
        if (session.ready && (target === "namespace" || (target === "status" ? session.slot.status : session.slot.ticket))) {
          owedTo.push(session);
        }
      }
      sentAt[seq] = performance.now();
      const outcome = send(emitters[seq % servers]![companyId]!, kind, seq);
      outcomeOf[seq] = outcome;
      outcomes[outcome] += 1;
      emitted = seq + 1;
      if (outcome === "sent") {
        for (const session of owedTo) {
          session.outstanding.add(seq);
        }
        owed += owedTo.length;
        inFlight += owedTo.length;
      }
      if (seq % config.churnEvery === 0 && seq > 0 && churning.size < maxChurning) {
        const candidates = [...open].filter((session) => !session.closing);
        const chosen = candidates[Math.floor(rand() * candidates.length)];
        if (chosen !== undefined) {
          const job: Promise<void> = churn(chosen)
            .catch((error: unknown) => {
              failure ??= error;
            })
            .finally(() => churning.delete(job));
          churning.add(job);
        }
      }
    }
    const deadline = performance.now() + config.drainTimeoutMs;
    while (inFlight > 0 && performance.now() < deadline) {
      await sleep(2);
    }
    const durationMs = performance.now() - started;
    await Promise.all(churning);
    for (const session of open) {
      lost += session.outstanding.size;
    }
    if (failure !== undefined) {
      throw failure;
    }
    const sorted = latencies.subarray(0, latencyCount).sort();
    const at = (q: number) => (latencyCount === 0 ? 0 : sorted[Math.min(latencyCount - 1, Math.floor(q * latencyCount))]!);
    return {
      config,
      outcomes,
      rateLimit,
      owed,
      delivered,
      lost,
      excused,
      extra,
      crossCompany,
      wrongRoom,
      duplicates,
      rateLimitedDelivered,
      reconnects,
      durationMs,
      emitsPerSecond: (emits / durationMs) * 1000,
      deliveriesPerSecond: (delivered / durationMs) * 1000,
      latencyMs: { p50: at(0.5), p99: at(0.99), max: latencyCount === 0 ? 0 : sorted[latencyCount - 1]! },
    };
  } finally {
    await Promise.allSettled(churning);
    for (const session of open) {
      session.socket.close();
    }
    await closeNodes(nodes);
    await redis.quit();
  }
}

/** The soak's figures as a small table, one row per run. */
export function soakTable(results: readonly SoakResult[]): string {
  const header = [
    "servers",
    "companies×clients",
    "emits",
    "sent",
    "rate-limited",
    "delivered",
    "lost",
    "cross-company",
    "reconnects",
    "emits/s",
    "deliveries/s",
    "p50 ms",
    "p99 ms",
    "max ms",
  ];
  const rows = results.map((r) => [
    String(r.config.servers),
    `${r.config.companies}×${r.config.clients}`,
    String(r.config.emits),
    String(r.outcomes.sent),
    String(r.outcomes["rate-limited"]),
    `${r.delivered}/${r.owed}`,
    String(r.lost),
    String(r.crossCompany),
    String(r.reconnects),
    r.emitsPerSecond.toFixed(0),
    r.deliveriesPerSecond.toFixed(0),
    r.latencyMs.p50.toFixed(2),
    r.latencyMs.p99.toFixed(2),
    r.latencyMs.max.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padStart(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}
