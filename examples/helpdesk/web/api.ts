// The page's calls to the example server's REST API.
import type { Message, Ticket, TicketStatus } from "../generated/shared/socket/events";

export interface Session {
  token: string;
  user: { id: number; name: string; companyId: number; companyName: string };
}

async function call<T>(token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) {
    headers.authorization = `Bearer ${token}`;
  }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data: unknown = await response.json();
  if (!response.ok) {
    throw new Error((data as { error?: string }).error ?? `${method} ${path}: ${response.status}`);
  }
  return data as T;
}

export const api = {
  login: (email: string, password: string) => call<Session>(null, "POST", "/api/login", { email, password }),
  agents: (token: string) => call<{ id: number; name: string }[]>(token, "GET", "/api/agents"),
  tickets: (token: string, status: TicketStatus) => call<Ticket[]>(token, "GET", `/api/tickets?status=${status}`),
  createTicket: (token: string, contactName: string) => call<{ ticket: Ticket }>(token, "POST", "/api/tickets", { contactName }),
  moveTicket: (token: string, id: number, status: TicketStatus) => call<{ ticket: Ticket }>(token, "POST", `/api/tickets/${id}/status`, { status }),
  deleteTicket: (token: string, id: number) => call<unknown>(token, "DELETE", `/api/tickets/${id}`),
  messages: (token: string, id: number) => call<Message[]>(token, "GET", `/api/tickets/${id}/messages`),
  sendMessage: (token: string, id: number, body: string) => call<{ message: Message }>(token, "POST", `/api/tickets/${id}/messages`, { body }),
};
