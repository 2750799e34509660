€import { EventEmitter } from "events";
import type Ticket from "../models/Ticket";

/** Typed in-process bus: services publish, integrations (webhooks, typebot) subscribe. */
interface BusEvents {
  "ticket:updated": (ticket: Ticket, companyId: number) => void;
  "ticket:closed": (ticket: Ticket) => void;
}

class TicketBus extends EventEmitter {
  publish<K extends keyof BusEvents>(event: K, ...args: Parameters<BusEvents[K]>): boolean {
    return this.emit(event, ...args);
  }

  subscribe<K extends keyof BusEvents>(event: K, listener: BusEvents[K]): () => void {
    this.on(event, listener);
    return () => this.off(event, listener);
  }
}

export const ticketBus = new TicketBus();

// Named like a socket, but an in-process emitter for the webhook integration.
export const integrationSocket = new EventEmitter();
integrationSocket.on("company-1-ticket", () => undefined);
integrationSocket.emit("ticket", { id: 1 });
