// The hand-written glue of the example: REST endpoints that change the store and tell the
// company's clients through the generated emitters, and the generated namespace setup with
// the ownership checks only the application can make.
import { createServer, type Server as HttpServer } from "node:http";
import { fileURLToPath } from "node:url";
import express, { type NextFunction, type Request, type Response } from "express";
import { Server } from "socket.io";
import {
  ClientEventError,
  connectionStateRecovery,
  createCompanyRateLimiter,
  createSocketEmitter,
  setupCompanyNamespaces,
  type AuthorizeRequest,
  type SocketEmitter,
  type TicketRoomTarget,
} from "../generated/backend/src/libs/socket/emitters";
import type { ClientToServerEvents, RoomRequest, ServerToClientEvents, Ticket, TicketStatus } from "../generated/shared/socket/events";
import { agentOfToken, login, verifyToken } from "./auth";
import { agents, companies, Store, type Agent } from "./store";

const statuses: readonly TicketStatus[] = ["open", "pending", "closed"];

export interface Helpdesk {
  http: HttpServer;
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  store: Store;
}

export function createHelpdesk(staticDir = fileURLToPath(new URL("../dist", import.meta.url))): Helpdesk {
  const app = express();
  const http = createServer(app);
  // Recovery re-runs the token check (the generated option sets `skipMiddlewares: false`).
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, { connectionStateRecovery: connectionStateRecovery() });
  const store = new Store();
  const rateLimiter = createCompanyRateLimiter();
  const emitterOf = (agent: Agent): SocketEmitter => createSocketEmitter(io, agent.companyId, agent.id, { rateLimiter });

  setupCompanyNamespaces(io, {
    verifyToken: (token) => verifyToken(token),
    canJoinRoom: (request: RoomRequest, user) => request.room !== "ticket" || store.ticket(user.companyId, request.ticketId) !== undefined,
    authorize: (request: AuthorizeRequest, user) => store.ticket(user.companyId, ticketIdOf(request)) !== undefined,
    handlers: {
      typing: ({ emitter }, indicator) => {
        emitter.typing.update(indicator, { room: "ticket", ticketId: indicator.ticketId });
      },
      markAsRead: ({ emitter, user }, ticketId) => {
        const ticket = store.markAsRead(user.companyId, ticketId);
        if (!ticket) {
          throw new ClientEventError("not-found", `no ticket ${ticketId}`);
        }
        emitter.ticket.update({ ticket }, roomsOf(ticket));
        return { ticketId, unreadMessages: ticket.unreadMessages };
      },
    },
  });

  app.use(express.json());
  app.post("/api/login", (req, res) => {
    const session = login(String(req.body?.email ?? ""), String(req.body?.password ?? ""));
    if (!session) {
      res.status(401).json({ error: "wrong e-mail or password" });
      return;
    }
    const { token, agent } = session;
    res.json({ token, user: { id: agent.id, name: agent.name, companyId: agent.companyId, companyName: companies[agent.companyId] } });
  });
  app.use("/api", authenticate);
  app.get("/api/agents", (_req, res) => {
    const me = agentOf(res);
    res.json(agents.filter((agent) => agent.companyId === me.companyId).map(({ id, name }) => ({ id, name })));
  });
  app.get("/api/tickets", (req, res) => {
    const status = statusOf(req.query.status) ?? "open";
    res.json(store.tickets(agentOf(res).companyId, status));
  });
  app.post("/api/tickets", (req, res) => {
    const agent = agentOf(res);
    const ticket = store.createTicket(agent.companyId, String(req.body?.contactName ?? "New contact"), statusOf(req.body?.status) ?? "open");
    const emit = emitterOf(agent).ticket.create({ ticket }, { room: "status", status: ticket.status });
    res.status(201).json({ ticket, emit });
  });
  app.patch("/api/tickets/:id", (req, res) => {
    const agent = agentOf(res);
    const lastMessage = req.body?.lastMessage === undefined ? undefined : String(req.body.lastMessage);
    const ticket = found(res, store.updateTicket(agent.companyId, Number(req.params.id), { lastMessage }));
    if (ticket) {
      res.json({ ticket, emit: emitterOf(agent).ticket.update({ ticket }, roomsOf(ticket)) });
    }
  });
  app.post("/api/tickets/:id/status", (req, res) => {
    const agent = agentOf(res);
    const status = statusOf(req.body?.status);
    if (!status) {
      res.status(400).json({ error: `status must be one of ${statuses.join(", ")}` });
      return;
    }
    const before = found(res, store.ticket(agent.companyId, Number(req.params.id)));
    if (!before) {
      return;
    }
    const ticket = store.updateTicket(agent.companyId, before.id, { status })!;
    // One emit to both tabs and the open ticket: a client in several of them gets it once.
    const rooms: TicketRoomTarget[] = [{ room: "status", status: before.status }, ...roomsOf(ticket)];
    res.json({ ticket, emit: emitterOf(agent).ticket.statusChange({ ticket, oldStatus: before.status }, rooms) });
  });
  app.delete("/api/tickets/:id", (req, res) => {
    const agent = agentOf(res);
    const ticket = found(res, store.deleteTicket(agent.companyId, Number(req.params.id)));
    if (ticket) {
      res.json({ emit: emitterOf(agent).ticket.delete({ ticketId: ticket.id }, roomsOf(ticket)) });
    }
  });
  app.get("/api/tickets/:id/messages", (req, res) => {
    const messages = found(res, store.messages(agentOf(res).companyId, Number(req.params.id)));
    if (messages) {
      res.json(messages);
    }
  });
  app.post("/api/tickets/:id/messages", (req, res) => {
    const agent = agentOf(res);
    const added = found(res, store.addMessage(agent.companyId, Number(req.params.id), String(req.body?.body ?? ""), req.body?.fromMe !== false));
    if (added) {
      const { message, ticket } = added;
      // Only the clients that opened the ticket receive its messages.
      const emit = emitterOf(agent).appMessage.create({ message, ticket, contact: ticket.contact! }, { room: "ticket", ticketId: ticket.id });
      res.status(201).json({ message, emit });
    }
  });
  app.use(express.static(staticDir));
  app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => res.sendFile("index.html", { root: staticDir }));
  return { http, io, store };
}

function ticketIdOf(request: AuthorizeRequest): number {
  return request.event === "typing" ? request.args[0].ticketId : request.args[0];
}

/** Where a change of the ticket must be seen: its status tab and the clients that opened it. */
function roomsOf(ticket: Ticket): TicketRoomTarget[] {
  return [
    { room: "status", status: ticket.status },
    { room: "ticket", ticketId: ticket.id },
  ];
}

function statusOf(value: unknown): TicketStatus | undefined {
  return statuses.find((status) => status === value);
}

function authenticate(req: Request, res: Response, next: NextFunction): void {
  const agent = agentOfToken(req.get("authorization")?.replace(/^Bearer /, "") ?? "");
  if (!agent) {
    res.status(401).json({ error: "sign in first" });
    return;
  }
  res.locals.agent = agent;
  next();
}

function agentOf(res: Response): Agent {
  return res.locals.agent as Agent;
}

function found<T>(res: Response, value: T | undefined): T | undefined {
  if (value === undefined) {
    res.status(404).json({ error: "no such ticket in your company" });
  }
  return value;
}
