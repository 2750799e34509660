// A hand-written socket.io 4.7.5 server that answers the ChatIA catalog's client events as
// /work/contract.md says (`{ ok: true }`, `{ ok: true, data }` or `{ ok: false, error: { code,
// message } }`), for the React tests until the generated server serves client events. It logs
// every event it gets, so tests can count joins and leaves.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server, type Socket } from "socket.io";
import type { Ack, ClientToServerEvents, ServerToClientEvents } from "../../generated/chatia/shared/socket/events";

/** A ticket the server refuses to open (`forbidden`). */
export const FORBIDDEN_TICKET = 403;
/** A ticket whose join the server never answers. */
export const SILENT_TICKET = 408;

type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface ChatServer {
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  url: string;
  port: number;
  /** `joinChatBox 5`, `leaveChatBox 5`, …, in the order they arrived. */
  log: string[];
  /** The server side of the socket with this id, if connected. */
  socket(id: string | undefined): ChatSocket | undefined;
  close(): Promise<void>;
}

/** Starts the server on `port` (an ephemeral one by default); `recovery` turns on connection state recovery. */
export async function startChatServer({ port = 0, recovery = false } = {}): Promise<ChatServer> {
  const http = createServer();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    transports: ["websocket"],
    ...(recovery ? { connectionStateRecovery: { maxDisconnectionDuration: 60_000 } } : {}),
  });
  const log: string[] = [];
  const companies = io.of(/^\/workspace-\d+$/);
  companies.on("connection", (socket) => serve(socket, log));
  await new Promise<void>((resolve) => http.listen(port, "127.0.0.1", resolve));
  const bound = (http.address() as AddressInfo).port;
  return {
    io,
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    log,
    socket: (id) => (id === undefined ? undefined : io.of("/workspace-1").sockets.get(id)),
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
}

function serve(socket: ChatSocket, log: string[]): void {
  const room = (event: string, name: string, join: boolean, ack: ((reply: Ack) => void) | undefined) => {
    log.push(event);
    void (join ? socket.join(name) : socket.leave(name));
    ack?.({ ok: true });
  };
  socket.on("joinChatBox", (ticketId, ack) => {
    if (ticketId === FORBIDDEN_TICKET) {
      log.push(`joinChatBox ${ticketId}`);
      ack?.({ ok: false, error: { code: "forbidden", message: "this ticket belongs to another queue" } });
    } else if (ticketId === SILENT_TICKET) {
      log.push(`joinChatBox ${ticketId}`);
    } else {
      room(`joinChatBox ${ticketId}`, `ticket-${ticketId}`, true, ack);
    }
  });
  socket.on("leaveChatBox", (ticketId, ack) => room(`leaveChatBox ${ticketId}`, `ticket-${ticketId}`, false, ack));
  socket.on("joinNotification", (ack) => room("joinNotification", "notification", true, ack));
  socket.on("leaveNotification", (ack) => room("leaveNotification", "notification", false, ack));
  socket.on("joinTickets", (status, ack) => room(`joinTickets ${status}`, `status-${status}`, true, ack));
  socket.on("leaveTickets", (status, ack) => room(`leaveTickets ${status}`, `status-${status}`, false, ack));
  socket.on("typing", (indicator) => log.push(`typing ${JSON.stringify(indicator)}`));
  socket.on("markAsRead", (ticketId, ack) => {
    log.push(`markAsRead ${ticketId}`);
    ack({ ok: true, data: { ticketId, unreadMessages: 0 } });
  });
}
