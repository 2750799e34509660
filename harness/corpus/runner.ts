// Sends a client-event corpus (harness/generated/corpus/<catalog>.json, written by
// `cargo run --example client_corpus`) to a server and reports, case by case, what the server
// answered next to what the contract says it answers. Nothing here knows which server it talks
// to: `open` connects one fresh, authenticated socket to it, so the same corpus can be sent to the
// generated TypeScript server and to the Rust one.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Socket } from "socket.io-client";

export interface CorpusEvent {
  /** Argument names, for the harness's ownership rule. */
  args: string[];
  serves: "handler" | "join" | "leave";
  ack: "none" | "optional" | "required";
  /** A successful reply carries `data`. */
  replyData: boolean;
  authorize: boolean;
  rateLimit: { events: number; windowSeconds: number };
  maxBytes: number;
}

export interface CorpusCase {
  id: number;
  event: string;
  args: unknown[];
  /** The client passes an acknowledgement callback. */
  callback: boolean;
  /** The contract's answer: `ok` or a refusal's code. */
  expect: string;
  /** What the client observes: `ok` or a code through its callback; `null` when nothing is answered. */
  reply: string | null;
  why: string;
}

export interface CorpusBurst {
  id: number;
  event: string;
  why: string;
  /** Sent at once, in order, on a fresh socket. */
  sends: CorpusCase[];
}

export interface Corpus {
  about: string;
  catalog: string;
  seed: number;
  authorizeRule: string;
  events: Record<string, CorpusEvent>;
  cases: CorpusCase[];
  bursts: CorpusBurst[];
}

/** One case as sent: the reply the contract gives and the one the server gave. */
export interface Outcome {
  id: number;
  event: string;
  why: string;
  expected: string | null;
  got: string | null;
}

export interface RunOptions {
  /** How long to keep listening once the server answered everything it was expected to; a late reply to a case that expects none still counts. */
  settleMs?: number;
  /** How long to wait for the expected replies of one socket's cases. */
  timeoutMs?: number;
  /** Most cases sent on one socket. */
  batchSize?: number;
}

/** Opens one fresh socket on the server under test, connected and authenticated. */
export type OpenSocket = () => Promise<Socket>;

const here = dirname(fileURLToPath(import.meta.url));

/** The corpus `scripts/test.sh` generated for a harness catalog. */
export function loadCorpus(catalog: string): Corpus {
  return JSON.parse(readFileSync(resolve(here, "../generated/corpus", `${catalog}.json`), "utf8")) as Corpus;
}

/** The event's metadata; an own property only, since unknown-event cases use names like `__proto__`. */
export function corpusEvent(corpus: Corpus, event: string): CorpusEvent | undefined {
  return Object.prototype.hasOwnProperty.call(corpus.events, event) ? corpus.events[event] : undefined;
}

/** Handler calls each event should have had once the corpus ran: one per send the contract serves with `ok`. */
export function expectedHandlerCalls(corpus: Corpus): Map<string, number> {
  const calls = new Map<string, number>();
  for (const c of [...corpus.cases, ...corpus.bursts.flatMap((b) => b.sends)]) {
    if (c.expect === "ok" && corpusEvent(corpus, c.event)?.serves === "handler") {
      calls.set(c.event, (calls.get(c.event) ?? 0) + 1);
    }
  }
  return calls;
}

/**
 * Sends every case and every burst and returns one outcome per send; the mismatches are the
 * outcomes whose `got` differs from `expected`. Ordinary cases share sockets, never more arrivals
 * of one event on a socket than its rate limit lets through, so only bursts meet the limit.
 */
export async function runCorpus(corpus: Corpus, open: OpenSocket, options: RunOptions = {}): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const batch of batches(corpus, options.batchSize ?? 200)) {
    outcomes.push(...(await sendAll(corpus, open, batch, options)));
  }
  for (const burst of corpus.bursts) {
    outcomes.push(...(await sendAll(corpus, open, burst.sends, options)));
  }
  return outcomes;
}

function batches(corpus: Corpus, batchSize: number): CorpusCase[][] {
  const result: CorpusCase[][] = [];
  let current: CorpusCase[] = [];
  let counts = new Map<string, number>();
  for (const c of corpus.cases) {
    const limit = corpusEvent(corpus, c.event)?.rateLimit.events ?? Number.POSITIVE_INFINITY;
    const used = counts.get(c.event) ?? 0;
    if (used + 1 > limit || current.length >= batchSize) {
      result.push(current);
      current = [];
      counts = new Map();
    }
    current.push(c);
    counts.set(c.event, (counts.get(c.event) ?? 0) + 1);
  }
  if (current.length > 0) {
    result.push(current);
  }
  return result;
}

async function sendAll(corpus: Corpus, open: OpenSocket, cases: CorpusCase[], options: RunOptions): Promise<Outcome[]> {
  const socket = await open();
  const got = new Map<number, string>();
  try {
    for (const c of cases) {
      send(socket, c, corpusEvent(corpus, c.event)?.replyData ?? false, got);
    }
    // A request every server answers at once: once its reply is in, the cases before it were read.
    // A server that closed the connection answers nothing more; the deadline bounds both waits.
    const deadline = Date.now() + (options.timeoutMs ?? 5000);
    await new Promise<void>((done) => {
      const timer = setTimeout(finish, deadline - Date.now());
      function finish() {
        clearTimeout(timer);
        socket.off("disconnect", finish);
        done();
      }
      socket.once("disconnect", finish);
      socket.emit("room:join", null, finish);
    });
    while (cases.some((c) => c.reply !== null && !got.has(c.id)) && Date.now() < deadline) {
      await new Promise((wait) => setTimeout(wait, 2));
    }
    await new Promise((wait) => setTimeout(wait, options.settleMs ?? 30));
  } finally {
    socket.close();
  }
  return cases.map((c) => ({ id: c.id, event: c.event, why: c.why, expected: c.reply, got: got.get(c.id) ?? null }));
}

function send(socket: Socket, c: CorpusCase, replyData: boolean, got: Map<number, string>): void {
  try {
    if (c.callback) {
      socket.emit(c.event, ...c.args, (reply: unknown) => got.set(c.id, got.has(c.id) ? "answered twice" : replyCode(reply, replyData)));
    } else {
      socket.emit(c.event, ...c.args);
    }
  } catch (error) {
    got.set(c.id, `not sent: ${String(error)}`);
  }
}

/** `ok`, the refusal's code, or the reply itself when it has neither shape. A success carries `data` exactly when the catalog's ack has a type. */
function replyCode(reply: unknown, replyData: boolean): string {
  if (typeof reply === "object" && reply !== null) {
    const { ok, error } = reply as { ok?: unknown; error?: { code?: unknown } };
    if (ok === true && "data" in reply === replyData) {
      return "ok";
    }
    if (ok === false && typeof error?.code === "string") {
      return error.code;
    }
  }
  return `malformed reply ${JSON.stringify(reply)}`;
}
