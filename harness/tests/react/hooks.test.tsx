// @vitest-environment jsdom
// The generated React hooks of the ChatIA catalog with real React (19 and 18, StrictMode included),
// a real socket.io-client 4.7.5 socket and a real socket.io 4.7.5 server on loopback.
import { StrictMode, act, useState } from "react";
import { io as connect } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { connectionStateRecovery, createSocketEmitter, setupCompanyNamespaces } from "../../generated/chatia/backend/src/libs/socket/emitters";
import type { SocketEmitter } from "../../generated/chatia/backend/src/libs/socket/emitters";
import {
  applyTicketEvent,
  useCompanySocket,
  useTicketEvents,
  type CompanyClientSocket,
  type CompanyConnection,
  type TicketHandlers,
} from "../../generated/chatia/frontend/src/hooks/socketEvents";
import type { Ticket, TicketPayload } from "../../generated/chatia/shared/socket/events";
import { ticket } from "../ts/chatia-samples";
import { chatiaHandlers } from "../ts/client-event-servers";
import { connectTo, memoryLogger, startServer, tokenTable, waitUntil, type Loopback } from "../ts/support";
import { cleanup, pause, render, settle } from "./render";

const event = "company-1-ticket";

let server: Loopback;
let socket: CompanyClientSocket;
let emitter: SocketEmitter;

beforeEach(async () => {
  server = await startServer();
  setupCompanyNamespaces(server.io, {
    verifyToken: tokenTable({ "token-1": { companyId: 1, userId: 11 }, "token-2": { companyId: 2, userId: 21 } }),
    canJoinRoom: () => true,
    authorize: () => true,
    handlers: chatiaHandlers(),
    logger: memoryLogger(),
  });
  socket = connect(`${server.url}/workspace-1`, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token: "token-1" } });
  await new Promise<void>((resolve) => socket.once("connect", resolve));
  emitter = createSocketEmitter(server.io, 1, 11);
});

afterEach(async () => {
  cleanup();
  socket.close();
  await server.close();
});

function Watcher({ handlers, on = socket }: { handlers: TicketHandlers; on?: CompanyClientSocket | null }) {
  useTicketEvents(on, handlers);
  return null;
}

/** Emits one ticket event and waits until `seen` says it arrived. */
async function emitAndWait(send: () => void, seen: () => boolean): Promise<void> {
  await act(async () => {
    send();
    await waitUntil(seen, "the event");
  });
}

describe("useTicketEvents", () => {
  it("holds exactly one listener under StrictMode and calls the handler once per event", async () => {
    const create = vi.fn();
    render(
      <StrictMode>
        <Watcher handlers={{ create }} />
      </StrictMode>,
    );
    expect(socket.listeners(event)).toHaveLength(1);
    await emitAndWait(() => emitter.ticket.create({ ticket }), () => create.mock.calls.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0]![0]).toMatchObject({ action: "create", companyId: 1, userId: 11, ticket });
  });

  it("leaves another component's listener on the same event in place when one unmounts", async () => {
    const first = vi.fn();
    const second = vi.fn();
    const one = render(<Watcher handlers={first} />);
    render(<Watcher handlers={second} />);
    expect(socket.listeners(event)).toHaveLength(2);
    one.unmount();
    expect(socket.listeners(event)).toHaveLength(1);
    await emitAndWait(() => emitter.ticket.delete({ ticketId: 5 }), () => second.mock.calls.length > 0);
    expect(second).toHaveBeenCalledWith(expect.objectContaining({ action: "delete", ticketId: 5 }));
    expect(first).not.toHaveBeenCalled();
  });

  it("does not resubscribe when the handlers change, and calls the latest ones", async () => {
    const on = vi.spyOn(socket, "on");
    const off = vi.spyOn(socket, "off");
    const calls: string[] = [];
    const view = render(<Watcher handlers={{ update: () => calls.push("first") }} />);
    for (const name of ["second", "third", "latest"]) {
      view.rerender(<Watcher handlers={{ update: () => calls.push(name) }} />);
    }
    expect(on.mock.calls.filter(([name]) => name === event)).toHaveLength(1);
    expect(off).not.toHaveBeenCalled();
    await emitAndWait(() => emitter.ticket.update({ ticket }), () => calls.length > 0);
    expect(calls).toEqual(["latest"]);
  });

  it("takes the company from the socket's namespace, and resubscribes on another company's socket", async () => {
    const other = (await connectTo(server.url, "/workspace-2", "token-2")) as CompanyClientSocket;
    try {
      const bystander = vi.fn();
      socket.on(event, bystander);
      const seen = vi.fn();
      const view = render(<Watcher handlers={seen} on={socket} />);
      expect(socket.listeners(event)).toEqual([bystander, expect.any(Function)]);
      view.rerender(<Watcher handlers={seen} on={other} />);
      expect(socket.listeners(event)).toEqual([bystander]);
      expect(other.listeners("company-2-ticket")).toHaveLength(1);
      expect(other.listeners(event)).toHaveLength(0);
      await emitAndWait(() => createSocketEmitter(server.io, 2, 21).ticket.delete({ ticketId: 8 }), () => seen.mock.calls.length > 0);
      expect(seen).toHaveBeenCalledWith(expect.objectContaining({ companyId: 2, ticketId: 8 }));
      view.unmount();
      expect(other.listeners("company-2-ticket")).toHaveLength(0);
      expect(socket.listeners(event)).toEqual([bystander]);
    } finally {
      other.close();
    }
  });

  it("subscribes nothing and reports it for a socket on another namespace", () => {
    const reported = vi.fn();
    vi.stubGlobal("reportError", reported);
    const stray = connect(`${server.url}/elsewhere`, { autoConnect: false }) as CompanyClientSocket;
    try {
      render(<Watcher handlers={() => {}} on={stray} />);
      expect(stray.listeners("company-1-ticket")).toHaveLength(0);
      expect(reported).toHaveBeenCalledWith(
        expect.objectContaining({ message: expect.stringContaining("not on a company namespace, /workspace-{companyId}") }),
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("holds no listener without a socket", () => {
    render(<Watcher handlers={() => {}} on={null} />);
    expect(socket.listeners(event)).toHaveLength(0);
  });

  it("keeps the other listeners running when a handler throws", async () => {
    const reported = vi.fn();
    vi.stubGlobal("reportError", reported);
    try {
      const after = vi.fn();
      render(
        <>
          <Watcher
            handlers={() => {
              throw new Error("handler bug");
            }}
          />
          <Watcher handlers={after} />
        </>,
      );
      await emitAndWait(() => emitter.ticket.delete({ ticketId: 1 }), () => after.mock.calls.length > 0);
      expect(reported).toHaveBeenCalledWith(expect.objectContaining({ message: "handler bug" }));
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("keeps a list in state from real server emits", async () => {
    function TicketList() {
      const [tickets, setTickets] = useState<Ticket[]>([]);
      useTicketEvents(socket, (payload) => setTickets((list) => applyTicketEvent(list, payload)));
      return <ul>{tickets.map((t) => <li key={t.id}>{`${t.id}:${t.status}`}</li>)}</ul>;
    }
    const view = render(
      <StrictMode>
        <TicketList />
      </StrictMode>,
    );
    const items = () => [...view.container.querySelectorAll("li")].map((li) => li.textContent);
    await act(async () => {
      emitter.ticket.create({ ticket });
      emitter.ticket.create({ ticket: { ...ticket, id: 6 } });
      emitter.ticket.statusChange({ ticket: { ...ticket, status: "closed" }, oldStatus: "open" });
      emitter.ticket.delete({ ticketId: 6 });
    });
    await settle(() => items().join() === "5:closed", "the list to settle");
    expect(items()).toEqual(["5:closed"]);
  });
});

describe("applyTicketEvent", () => {
  const base = { companyId: 1, userId: 11, timestamp: "2024-05-01T12:00:00.000Z" };
  const a: Ticket = Object.freeze({ ...ticket, id: 1 });
  const b: Ticket = Object.freeze({ ...ticket, id: 2 });
  const frozen = (list: Ticket[]) => Object.freeze(list) as Ticket[];

  it("applies create, update, status-change and delete without changing the list it is given", () => {
    const start = frozen([a, b]);
    const c: Ticket = { ...ticket, id: 3 };
    const steps: [TicketPayload, number[], string][] = [
      [{ ...base, action: "create", ticket: c }, [3, 1, 2], "create adds first"],
      [{ ...base, action: "create", ticket: { ...a, unreadMessages: 9 } }, [1, 2], "create of a known id replaces in place"],
      [{ ...base, action: "update", ticket: { ...b, lastMessage: "new" } }, [1, 2], "update replaces"],
      [{ ...base, action: "status-change", ticket: { ...a, status: "closed" }, oldStatus: "open" }, [1, 2], "status-change replaces"],
      [{ ...base, action: "delete", ticketId: 1 }, [2], "delete removes"],
    ];
    for (const [payload, ids, what] of steps) {
      const next = applyTicketEvent(start, payload);
      expect(next, what).not.toBe(start);
      expect(next.map((t) => t.id), what).toEqual(ids);
      expect(start, what).toEqual([a, b]);
    }
    const updated = applyTicketEvent(start, { ...base, action: "update", ticket: { ...b, lastMessage: "new" } });
    expect(updated[1]!.lastMessage).toBe("new");
    expect(updated[0]).toBe(a);
  });

  it("returns the same list when the event changes nothing", () => {
    const start = frozen([a, b]);
    const unknown: Ticket = { ...ticket, id: 99 };
    expect(applyTicketEvent(start, { ...base, action: "update", ticket: unknown })).toBe(start);
    expect(applyTicketEvent(start, { ...base, action: "delete", ticketId: 99 })).toBe(start);
    expect(applyTicketEvent(start, { ...base, action: "removeFromList", ticketId: 1 })).toBe(start);
  });

  it("works on readonly lists and keeps their type", () => {
    const start: readonly Ticket[] = Object.freeze([a]);
    const next: readonly Ticket[] = applyTicketEvent(start, { ...base, action: "create", ticket: b });
    expect(next.map((t) => t.id)).toEqual([2, 1]);
    expect(start.map((t) => t.id)).toEqual([1]);
  });
});

describe("useCompanySocket", () => {
  let latest: CompanyConnection = { status: "idle", socket: null };
  let history: string[] = [];
  function Probe({ token, reconnect = false }: { token: string | null; reconnect?: boolean }) {
    latest = useCompanySocket(server.url, 1, token, { transports: ["websocket"], reconnection: reconnect, reconnectionDelay: 20 });
    if (history.at(-1) !== latest.status) history.push(latest.status);
    return null;
  }
  beforeEach(() => {
    latest = { status: "idle", socket: null };
    history = [];
  });

  it("opens the company namespace with the auth payload, once under StrictMode, and closes it on unmount", async () => {
    const view = render(
      <StrictMode>
        <Probe token="token-1" />
      </StrictMode>,
    );
    expect(latest.status).toBe("connecting");
    await settle(() => latest.status === "connected", "the connection");
    const opened = latest.socket!;
    expect(opened.connected).toBe(true);
    await waitUntil(() => server.io.of("/workspace-1").sockets.size === 2, "the probe and the test's own socket");
    await pause(50);
    const onServer = await server.io.of("/workspace-1").fetchSockets();
    expect(onServer.map((s) => [s.data.userId, s.handshake.auth])).toEqual([
      [11, { token: "token-1" }],
      [11, { token: "token-1" }],
    ]);
    expect(opened.listeners("connect")).toHaveLength(1);
    view.unmount();
    await waitUntil(() => server.io.of("/workspace-1").sockets.size === 1, "the probe's socket to close");
    expect(opened.connected).toBe(false);
    expect(opened.listeners("connect")).toHaveLength(0);
  });

  it("opens nothing without a token, and says why the server refused a token", async () => {
    const view = render(<Probe token={null} />);
    await pause(30);
    expect(latest).toEqual({ status: "idle", socket: null });
    view.rerender(<Probe token="token-2" />);
    await settle(() => latest.status === "refused", "the refusal");
    expect(latest).toMatchObject({ status: "refused", reason: "forbidden", message: "forbidden" });
    view.rerender(<Probe token="not-a-token" />);
    await settle(() => latest.status === "refused" && latest.reason === "unauthorized", "the second refusal");
    expect(latest).toMatchObject({ status: "refused", reason: "unauthorized" });
    view.rerender(<Probe token={null} />);
    expect(latest).toEqual({ status: "idle", socket: null });
  });

  function ResyncProbe({ url, resyncs }: { url: string; resyncs: (string | undefined)[] }) {
    latest = useCompanySocket(url, 1, "token-1", {
      transports: ["websocket"],
      reconnectionDelay: 20,
      onResync: (lastTimestamp) => resyncs.push(lastTimestamp),
    });
    return null;
  }

  /** Drops the probe's transport and waits until it is connected again. */
  async function dropAndReconnect(): Promise<CompanyClientSocket> {
    const opened = latest.socket!;
    await act(async () => {
      opened.io.engine.close();
    });
    await settle(() => latest.status === "reconnecting", "the drop");
    await settle(() => latest.status === "connected", "the reconnection");
    return opened;
  }

  it("asks for a resync with the last timestamp seen when a reconnection lost the events meanwhile", async () => {
    const resyncs: (string | undefined)[] = [];
    render(<ResyncProbe url={server.url} resyncs={resyncs} />);
    await settle(() => latest.status === "connected", "the connection");
    expect(resyncs).toEqual([]);
    const seen: string[] = [];
    latest.socket!.on(event, (payload) => seen.push(payload.timestamp));
    emitter.ticket.update({ ticket });
    emitter.ticket.delete({ ticketId: 5 });
    await settle(() => seen.length === 2, "two events");
    const opened = await dropAndReconnect();
    expect(opened.recovered).not.toBe(true);
    expect(resyncs).toEqual([seen.sort().at(-1)]);
  });

  it("asks for no resync when the server recovered the connection", async () => {
    const http = createServer();
    const recovering = new Server(http, { transports: ["websocket"], connectionStateRecovery: connectionStateRecovery() });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    setupCompanyNamespaces(recovering, { verifyToken: tokenTable({ "token-1": { companyId: 1, userId: 11 } }), canJoinRoom: () => true, authorize: () => true, handlers: chatiaHandlers() });
    try {
      const resyncs: (string | undefined)[] = [];
      render(<ResyncProbe url={`http://127.0.0.1:${(http.address() as AddressInfo).port}`} resyncs={resyncs} />);
      await settle(() => latest.status === "connected", "the connection");
      const received: unknown[] = [];
      latest.socket!.on(event, (payload) => received.push(payload));
      createSocketEmitter(recovering, 1, 11).ticket.update({ ticket });
      await settle(() => received.length === 1, "a first event");
      const opened = await dropAndReconnect();
      expect(opened.recovered).toBe(true);
      expect(resyncs).toEqual([]);
    } finally {
      cleanup();
      await new Promise<void>((resolve) => recovering.close(() => resolve()));
    }
  });

  it("reports a dropped connection as reconnecting, and one the server closed as disconnected", async () => {
    render(<Probe token="token-1" reconnect />);
    await settle(() => latest.status === "connected", "the connection");
    const opened = latest.socket!;
    await act(async () => {
      opened.io.engine.close();
    });
    expect(latest.status).toBe("reconnecting");
    await settle(() => latest.status === "connected", "the reconnection");
    expect(history).toEqual(["idle", "connecting", "connected", "reconnecting", "connected"]);
    server.io.of("/workspace-1").sockets.get(opened.id!)!.disconnect();
    await settle(() => latest.status === "disconnected", "the server's disconnect");
    expect(latest.socket).toBe(opened);
    expect(opened.active).toBe(false);
  });
});
