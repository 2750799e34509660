// Drives the Rust loopback server (harness/rust, binary `harness-server`) from the Node tests,
// and connects real socket.io-client 4.7.5 clients to it.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { EventsMap } from "@socket.io/component-emitter";
import { io, type Socket } from "socket.io-client";

const binary = fileURLToPath(new URL("../../rust/target/debug/harness-server", import.meta.url));

export type CatalogName = "chatia" | "awkward";

/** The server's answer to a control command. */
export type Answer = { id: number; ok: true } | { id: number; ok: false; kind: string; error: string };

/** A line the server logged through `tracing`: its level, message and fields. */
export interface LogRecord {
  level: "TRACE" | "DEBUG" | "INFO" | "WARN" | "ERROR";
  message: string;
  [field: string]: unknown;
}

/** How often the test application's ownership check and client-event handlers ran (handlers by event name). */
export interface Calls {
  authorize: number;
  typing: number;
  markAsRead: number;
  [event: string]: number;
}

/** What a client reads in an acknowledgement. */
export type AckReply = { ok: true; data?: unknown } | { ok: false; error: { code: string; message: string } };

export interface EmitCommand {
  companyId: number;
  userId: number;
  event: string;
  action: string;
  /** Absent: the whole company. */
  rooms?: object[];
  inputs?: object;
}

export interface RustServer {
  url: string;
  emit(command: EmitCommand): Promise<Answer>;
  setClock(now: string): Promise<Answer>;
  advanceClock(millis: number): Promise<Answer>;
  resetRateLimit(): Promise<Answer>;
  /** What the server logged since the last call. */
  logs(): Promise<LogRecord[]>;
  calls(): Promise<Calls>;
  /** What the server wrote on stderr so far (the test guard reports refused connections there). */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Starts `harness-server <catalog>` on a free loopback port; `args` may set client limits at run
 * time: `["--client-limit", "markAsRead=2/1/16384"]`.
 */
export async function startRustServer(catalog: CatalogName, args: string[] = []): Promise<RustServer> {
  if (!existsSync(binary)) {
    throw new Error(`${binary} is missing: build it with \`cargo build\` in harness/rust (scripts/test.sh does)`);
  }
  const child: ChildProcessWithoutNullStreams = spawn(binary, [catalog, ...args], { stdio: "pipe" });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const lines = createInterface({ input: child.stdout });
  const pending = new Map<number, (answer: any) => void>();
  let nextId = 1;
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`harness-server exited with ${code}: ${stderr}`)));
    lines.once("line", (line) => resolve((JSON.parse(line) as { port: number }).port));
  });
  lines.on("line", (line) => {
    const answer = JSON.parse(line) as Answer;
    pending.get(answer.id)?.(answer);
    pending.delete(answer.id);
  });
  const command = <T = Answer>(body: object): Promise<T> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      child.stdin.write(JSON.stringify({ id, ...body }) + "\n");
    });
  return {
    url: `http://127.0.0.1:${port}`,
    emit: (cmd) => command({ op: "emit", ...cmd }),
    setClock: (now) => command({ op: "setClock", now }),
    advanceClock: (millis) => command({ op: "advanceClock", millis }),
    resetRateLimit: () => command({ op: "resetRateLimit" }),
    logs: async () => (await command<{ logs: LogRecord[] }>({ op: "logs" })).logs,
    calls: async () => (await command<{ calls: Calls }>({ op: "calls" })).calls,
    stderr: () => stderr,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => resolve());
        child.stdin.end();
      }),
  };
}

/** A real socket.io-client on one namespace of the server; typed with the generated event maps. */
export function client<S extends EventsMap = EventsMap, C extends EventsMap = EventsMap>(
  server: { url: string },
  namespace: string,
  auth?: object,
): Socket<S, C> {
  const options = { transports: ["websocket"], forceNew: true, reconnection: false };
  return io(server.url + namespace, auth === undefined ? options : { ...options, auth }) as unknown as Socket<S, C>;
}

/** The test guard's credentials: token `user:<companyId>:<userId>`. */
export function token(companyId: number, userId: number): { token: string } {
  return { token: `user:${companyId}:${userId}` };
}

/** Resolves once connected; rejects with the `connect_error` message. */
export function connected(socket: Socket<any, any>): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error: Error) => reject(error));
  });
}

/** The `connect_error` message a refused client gets. */
export async function refusal(socket: Socket<any, any>): Promise<string> {
  try {
    await connected(socket);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the connection was accepted");
}

/**
 * Every event packet the client's engine receives, as raw text: `2<namespace>,["<event>",<payload>]`.
 * This is the JSON on the wire, before socket.io-client parses it.
 */
export function rawEvents(socket: Socket<any, any>): string[] {
  const frames: string[] = [];
  socket.io.engine.on("packet", (packet: { type: string; data?: unknown }) => {
    if (packet.type === "message" && typeof packet.data === "string" && packet.data.startsWith("2")) {
      frames.push(packet.data);
    }
  });
  return frames;
}

/** The payload text of a raw event frame, when it is `event` in `namespace`. */
export function payloadText(frame: string, namespace: string, event: string): string | undefined {
  const prefix = `2${namespace},[${JSON.stringify(event)},`;
  return frame.startsWith(prefix) && frame.endsWith("]") ? frame.slice(prefix.length, -1) : undefined;
}

/** Every event a client receives, in order: [event name, payload]. */
export function recorder(socket: Socket<any, any>): Array<[string, any]> {
  const seen: Array<[string, any]> = [];
  socket.onAny((event: string, payload: unknown) => seen.push([event, payload]));
  return seen;
}

/**
 * Waits until `predicate` holds, polling; fails after `ms`. Generous, because a loaded 2-core
 * machine runs the debug-built server beside the other test files; a lost event still fails.
 */
export async function until(predicate: () => boolean, what: string, ms = 15000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface WireCase {
  name: string;
  catalog: CatalogName;
  event: string;
  action: string;
  companyId: number;
  userId: number;
  now: string;
  room?: { room: string } & Record<string, unknown>;
  inputs: Record<string, unknown>;
  eventName: string;
  namespace: string;
  expected: Record<string, unknown>;
}

export interface RoomCase {
  catalog: CatalogName;
  room: { room: string } & Record<string, unknown>;
  name: string;
}

export const wireTable = JSON.parse(
  readFileSync(fileURLToPath(new URL("../wire-cases.json", import.meta.url)), "utf8"),
) as { payloads: WireCase[]; rooms: RoomCase[] };

/**
 * Sends `event` with `args` and an acknowledgement callback, as any client may, whatever the
 * generated types say, and resolves with the reply: the hook a corpus of `(event, args)` cases
 * runs through, against this server or the TypeScript one.
 */
export function ack(socket: Socket<any, any>, event: string, args: unknown[], ms = 3000): Promise<AckReply> {
  return socket.timeout(ms).emitWithAck(event, ...args) as Promise<AckReply>;
}
