// Loopback servers and clients for the runtime tests: a real socket.io Server on an ephemeral
// port and real socket.io-client sockets, with helpers to wait for what they receive.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import type { Socket } from "socket.io-client";

export interface Loopback {
  io: Server;
  url: string;
  close(): Promise<void>;
}

export async function startServer(): Promise<Loopback> {
  const http = createServer();
  const io = new Server(http, { transports: ["websocket"] });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    io,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
}

/** Who each test token belongs to; anything else is not a valid token. */
export function tokenTable(users: Record<string, { companyId: number; userId: number }>) {
  return (token: string) => users[token] ?? null;
}

/** Connects to a namespace; resolves once connected, rejects with the server's refusal. */
export function connectTo(url: string, namespace: string, token?: string): Promise<Socket> {
  const socket = connect(url + namespace, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    ...(token === undefined ? {} : { auth: { token } }),
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}

export interface Received {
  event: string;
  payload: unknown;
}

/** Everything a socket receives, in order. */
export function record(socket: Socket): Received[] {
  const received: Received[] = [];
  socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
  return received;
}

export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Asks to join or leave a room and resolves with the server's answer. */
export function request(socket: Socket, event: "room:join" | "room:leave", body: unknown): Promise<unknown> {
  return new Promise((resolve) => socket.emit(event, body, resolve));
}

/** A logger that keeps what it is told, for assertions. */
export function memoryLogger() {
  const entries: { level: "warn" | "error"; context: Record<string, unknown>; message: string }[] = [];
  return {
    entries,
    warn: (context: object, message: string) => entries.push({ level: "warn", context: { ...context }, message }),
    error: (context: object, message: string) => entries.push({ level: "error", context: { ...context }, message }),
  };
}

export function closeAll(sockets: Socket[]): void {
  for (const socket of sockets) {
    socket.close();
  }
}

/** A timestamp the emitter wrote between `before` and `after`, ISO 8601 as `toISOString` writes it. */
export function isTimestampBetween(value: unknown, before: number, after: number): boolean {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)) {
    return false;
  }
  const time = Date.parse(value);
  return time >= before && time <= after;
}
