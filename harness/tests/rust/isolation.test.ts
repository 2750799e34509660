// Cross-company isolation through the generated Rust setup: an event emitted for one company
// reaches that company's clients and nobody else's, whichever of several companies emits.
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ClientToServerEvents, ServerToClientEvents } from "../../generated/chatia/shared/socket/events";
import { client, connected, recorder, startRustServer, token, until, type RustServer } from "./harness";

type ChatiaSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const companies = [1, 2, 3];

/** A company-wide event that ends each client's log: what arrives before it arrived first. */
async function closeLogs(server: RustServer, company: number): Promise<void> {
  const answer = await server.emit({ companyId: company, userId: 1, event: "contact", action: "delete", inputs: { contactId: 999 } });
  expect(answer).toMatchObject({ ok: true });
}

describe("chatia: events never cross companies", () => {
  let server: RustServer;
  const sockets = new Map<number, ChatiaSocket[]>();
  const logs = new Map<ChatiaSocket, Array<[string, any]>>();

  beforeAll(async () => {
    server = await startRustServer("chatia");
    for (const company of companies) {
      // One at a time: socketioxide 0.18 keeps only the last of several namespaces created for
      // clients that open a new one at the same moment (README, "Rust target").
      const pair: ChatiaSocket[] = [];
      for (const user of [10, 11]) {
        const socket = client<ServerToClientEvents, ClientToServerEvents>(server, `/workspace-${company}`, token(company, user));
        logs.set(socket, recorder(socket));
        await connected(socket);
        pair.push(socket);
      }
      sockets.set(company, pair);
    }
  });
  afterAll(async () => {
    for (const pair of sockets.values()) {
      pair.forEach((socket) => socket.disconnect());
    }
    await server.stop();
  });

  it("ticket_event_never_reaches_other_company", async () => {
    const emitter = 2;
    const answer = await server.emit({ companyId: emitter, userId: 10, event: "ticket", action: "delete", inputs: { ticketId: 200 } });
    expect(answer).toMatchObject({ ok: true });
    for (const company of companies) {
      await closeLogs(server, company);
    }
    for (const [company, pair] of sockets) {
      for (const socket of pair) {
        const log = logs.get(socket)!;
        await until(() => log.some(([event]) => event === `company-${company}-contact`), `company ${company}'s closing event`);
        const events = log.map(([event]) => event);
        if (company === emitter) {
          expect(events).toEqual([`company-${emitter}-ticket`, `company-${company}-contact`]);
        } else {
          expect(events).toEqual([`company-${company}-contact`]);
        }
        log.length = 0;
      }
    }
  });

  it("each company hears only its own events when all of them emit", async () => {
    for (const company of companies) {
      const answer = await server.emit({ companyId: company, userId: 11, event: "campaign", action: "progress", inputs: { campaignId: company, sent: company, total: 10 } });
      expect(answer).toMatchObject({ ok: true });
    }
    for (const company of companies) {
      await closeLogs(server, company);
    }
    for (const [company, pair] of sockets) {
      for (const socket of pair) {
        const log = logs.get(socket)!;
        await until(() => log.length === 2, `two events for company ${company}`);
        expect(log[0]![0]).toBe(`company-${company}-campaign`);
        expect(log[0]![1]).toMatchObject({ action: "progress", companyId: company, userId: 11, campaignId: company, sent: company });
        log.length = 0;
      }
    }
  });

  it("typed listeners receive the payload types the TypeScript side declares", async () => {
    const [socket] = sockets.get(3)!;
    const received = new Promise<string>((resolve) => {
      socket!.once("company-3-ticket", (payload) => {
        // Narrowing on `action` compiles only because the payload is the generated union.
        resolve(payload.action === "removeFromList" ? `removed ${payload.ticketId}` : payload.action);
      });
    });
    const answer = await server.emit({ companyId: 3, userId: 10, event: "ticket", action: "removeFromList", inputs: { ticketId: 31 } });
    expect(answer).toMatchObject({ ok: true });
    expect(await received).toBe("removed 31");
    for (const pair of sockets.values()) {
      pair.forEach((s) => (logs.get(s)!.length = 0));
    }
  });

  it("emitting to a company with no connected client is not an error", async () => {
    const answer = await server.emit({ companyId: 42, userId: 1, event: "ticket", action: "delete", inputs: { ticketId: 1 } });
    expect(answer).toEqual({ id: expect.any(Number), ok: true });
    const late = client<ServerToClientEvents, ClientToServerEvents>(server, "/workspace-42", token(42, 1));
    const log = recorder(late);
    await connected(late);
    await closeLogs(server, 42);
    await until(() => log.length > 0, "company 42's closing event");
    expect(log.map(([event]) => event)).toEqual(["company-42-contact"]);
    late.disconnect();
  });
});
