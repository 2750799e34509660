// The demo data, in memory: two companies, two agents each, a few tickets with messages.
// Every start seeds the same rows with the same ids, so a restarted server knows the tickets
// its clients had open.
import type { Contact, Message, Ticket, TicketStatus } from "../generated/shared/socket/events";

export interface Agent {
  id: number;
  companyId: number;
  name: string;
  email: string;
  password: string;
}

export const companies: Readonly<Record<number, string>> = { 1: "Acme Support", 2: "Globex Help" };

export const agents: readonly Agent[] = [
  { id: 1, companyId: 1, name: "Ana", email: "ana@acme.test", password: "demo" },
  { id: 2, companyId: 1, name: "Bruno", email: "bruno@acme.test", password: "demo" },
  { id: 3, companyId: 2, name: "Carla", email: "carla@globex.test", password: "demo" },
  { id: 4, companyId: 2, name: "Davi", email: "davi@globex.test", password: "demo" },
];

interface Row {
  companyId: number;
  ticket: Ticket;
  messages: Message[];
}

export class Store {
  private readonly rows = new Map<number, Row>();
  private nextTicketId = 1;
  private nextContactId = 1;
  private nextMessageId = 1;

  constructor() {
    const seed: [number, string, TicketStatus, string][] = [
      [1, "Maria Souza", "open", "My order has not arrived"],
      [1, "João Lima", "pending", "Can I change my plan?"],
      [1, "Pedro Alves", "closed", "Thanks, solved!"],
      [2, "Lucas Rocha", "open", "The invoice is wrong"],
      [2, "Julia Costa", "pending", "Where is my refund?"],
      [2, "Rafael Dias", "closed", "All good now"],
    ];
    for (const [companyId, name, status, body] of seed) {
      const ticket = this.createTicket(companyId, name, status);
      this.addMessage(companyId, ticket.id, body, false);
    }
  }

  tickets(companyId: number, status: TicketStatus): Ticket[] {
    return [...this.rows.values()]
      .filter((row) => row.companyId === companyId && row.ticket.status === status)
      .map((row) => row.ticket)
      .sort((a, b) => b.id - a.id);
  }

  /** The ticket, only when it belongs to the company: the ownership check of every request. */
  ticket(companyId: number, ticketId: number): Ticket | undefined {
    const row = this.rows.get(ticketId);
    return row?.companyId === companyId ? row.ticket : undefined;
  }

  messages(companyId: number, ticketId: number): Message[] | undefined {
    const row = this.rows.get(ticketId);
    return row?.companyId === companyId ? row.messages : undefined;
  }

  createTicket(companyId: number, contactName: string, status: TicketStatus = "open"): Ticket {
    const now = new Date().toISOString();
    const contact: Contact = {
      id: this.nextContactId++,
      name: contactName,
      number: `55119${String(this.nextContactId).padStart(8, "0")}`,
      profilePicUrl: null,
      isGroup: false,
    };
    const ticket: Ticket = {
      id: this.nextTicketId++,
      status,
      contactId: contact.id,
      contact,
      userId: null,
      queueId: null,
      whatsappId: companyId,
      unreadMessages: 0,
      isGroup: false,
      createdAt: now,
      updatedAt: now,
    };
    this.rows.set(ticket.id, { companyId, ticket, messages: [] });
    return ticket;
  }

  updateTicket(companyId: number, ticketId: number, change: Partial<Pick<Ticket, "lastMessage" | "userId" | "status" | "unreadMessages">>): Ticket | undefined {
    const row = this.rows.get(ticketId);
    if (row?.companyId !== companyId) {
      return undefined;
    }
    row.ticket = { ...row.ticket, ...change, updatedAt: new Date().toISOString() };
    return row.ticket;
  }

  deleteTicket(companyId: number, ticketId: number): Ticket | undefined {
    const row = this.rows.get(ticketId);
    if (row?.companyId !== companyId) {
      return undefined;
    }
    this.rows.delete(ticketId);
    return row.ticket;
  }

  addMessage(companyId: number, ticketId: number, body: string, fromMe: boolean): { message: Message; ticket: Ticket } | undefined {
    const row = this.rows.get(ticketId);
    if (row?.companyId !== companyId) {
      return undefined;
    }
    const message: Message = {
      id: this.nextMessageId++,
      wid: `demo-${this.nextMessageId}`,
      ticketId,
      contactId: fromMe ? null : row.ticket.contactId,
      body,
      fromMe,
      read: fromMe,
      ack: fromMe ? "sent" : "delivered",
      createdAt: new Date().toISOString(),
    };
    row.messages.push(message);
    const unreadMessages = row.ticket.unreadMessages + (fromMe ? 0 : 1);
    row.ticket = { ...row.ticket, lastMessage: body, unreadMessages, updatedAt: message.createdAt };
    return { message, ticket: row.ticket };
  }

  markAsRead(companyId: number, ticketId: number): Ticket | undefined {
    const row = this.rows.get(ticketId);
    if (row?.companyId !== companyId) {
      return undefined;
    }
    for (const message of row.messages) {
      message.read = true;
    }
    return this.updateTicket(companyId, ticketId, { unreadMessages: 0 });
  }
}
