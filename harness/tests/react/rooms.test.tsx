// @vitest-environment jsdom
// The generated room hooks with real React (19 and 18, under StrictMode), real socket.io-client
// 4.7.5 sockets and real socket.io 4.7.5 servers on loopback: the ChatIA catalog's hooks join with
// its `joins` events (joinChatBox, …) against a hand-written server that answers them per the
// contract; the awkward catalog's hook joins with `room:join` against its generated
// `setupCompanyNamespaces`.
import { StrictMode, act } from "react";
import { awkwardHandlers } from "../ts/client-event-servers";
import { io as connect } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  clientEventDefaults,
  NoReplyError,
  useNotificationRoom,
  useTicketRoom,
  useStatusRoom,
  type CompanyClientSocket,
  type RoomMembership,
} from "../../generated/chatia/frontend/src/hooks/socketEvents";
import type { TicketStatus } from "../../generated/chatia/shared/socket/events";
import { setupCompanyNamespaces } from "../../generated/awkward/out/server/emitters";
import { useForRoom, type CompanyClientSocket as AwkwardSocket, type RoomMembership as AwkwardMembership } from "../../generated/awkward/out/client/hooks";
import { memoryLogger, startServer, tokenTable, waitUntil, type Loopback } from "../ts/support";
import { FORBIDDEN_TICKET, SILENT_TICKET, startChatServer, type ChatServer } from "./chat-server";
import { cleanup, pause, render, settle } from "./render";

/** The listeners the room hooks may add to a socket. */
const watched = ["connect", "disconnect", "connect_error"] as const;

function listenerCounts(socket: { listeners(event: string): unknown[] }): number[] {
  return watched.map((event) => socket.listeners(event).length);
}

describe("room hooks joining with the catalog's joins events", () => {
  let server: ChatServer;
  let socket: CompanyClientSocket;
  /** What each hook reported last, by the `id` its probe was given. */
  let seen: Record<string, RoomMembership>;

  function TicketProbe({ id = "ticket", ticketId, on = socket }: { id?: string; ticketId: number | null; on?: CompanyClientSocket | null }) {
    seen[id] = useTicketRoom(on, ticketId);
    return null;
  }

  function open(url: string): CompanyClientSocket {
    return connect(`${url}/workspace-1`, {
      transports: ["websocket"],
      forceNew: true,
      reconnectionDelay: 20,
      reconnectionDelayMax: 50,
    });
  }

  const joins = () => server.log.filter((entry) => entry.startsWith("join") || entry.startsWith("leave"));
  const rooms = () => [...(server.socket(socket.id)?.rooms ?? [])].filter((room) => room !== socket.id);

  beforeEach(async () => {
    seen = {};
    server = await startChatServer();
    socket = open(server.url);
    await waitUntil(() => socket.connected, "the socket to connect");
  });

  afterEach(async () => {
    cleanup();
    socket.close();
    await server.close();
  });

  it("joins once under StrictMode, leaves on unmount, and leaves no listener behind", async () => {
    const before = listenerCounts(socket);
    const view = render(
      <StrictMode>
        <TicketProbe ticketId={5} />
      </StrictMode>,
    );
    expect(seen.ticket).toEqual({ status: "joining" });
    await settle(() => seen.ticket?.status === "joined", "the join");
    await pause(30);
    expect(joins()).toEqual(["joinChatBox 5"]);
    expect(rooms()).toEqual(["ticket-5"]);
    expect(listenerCounts(socket)).toEqual([before[0]! + 1, before[1]! + 1, before[2]]);
    view.unmount();
    await waitUntil(() => joins().length === 2, "the leave");
    expect(joins()).toEqual(["joinChatBox 5", "leaveChatBox 5"]);
    expect(rooms()).toEqual([]);
    expect(listenerCounts(socket)).toEqual(before);
  });

  it("leaves the old room and joins the new one when the argument changes", async () => {
    const view = render(<TicketProbe ticketId={5} />);
    await settle(() => seen.ticket?.status === "joined", "the first join");
    view.rerender(<TicketProbe ticketId={6} />);
    expect(seen.ticket).toEqual({ status: "joining" });
    await settle(() => seen.ticket?.status === "joined" && rooms().join() === "ticket-6", "the second join");
    // The new room is joined in the effect; the old one is left a microtask later.
    expect(joins()).toEqual(["joinChatBox 5", "joinChatBox 6", "leaveChatBox 5"]);
    view.rerender(<TicketProbe ticketId={null} />);
    expect(seen.ticket).toEqual({ status: "idle" });
    await waitUntil(() => rooms().length === 0, "the leave");
  });

  it("reports a refusal with the ack's error code", async () => {
    render(<TicketProbe ticketId={FORBIDDEN_TICKET} />);
    await settle(() => seen.ticket?.status === "refused", "the refusal");
    expect(seen.ticket).toEqual({
      status: "refused",
      error: { code: "forbidden", message: "this ticket belongs to another queue" },
    });
    expect(rooms()).toEqual([]);
  });

  it("reports no reply when the server does not answer in time", async () => {
    const timeout = clientEventDefaults.timeout;
    clientEventDefaults.timeout = 150;
    try {
      render(<TicketProbe ticketId={SILENT_TICKET} />);
      await settle(() => seen.ticket?.status === "no-reply", "the timeout");
      const membership = seen.ticket;
      expect(membership?.status === "no-reply" && membership.error).toBeInstanceOf(NoReplyError);
      expect(membership).toMatchObject({ error: { event: "joinChatBox", timeout: 150 } });
    } finally {
      clientEventDefaults.timeout = timeout;
    }
  });

  it("keeps the room while another component still asks for it, and shares one membership", async () => {
    const before = listenerCounts(socket);
    const first = render(<TicketProbe id="first" ticketId={5} />);
    const second = render(<TicketProbe id="second" ticketId={5} />);
    await settle(() => seen.first?.status === "joined" && seen.second?.status === "joined", "both hooks to see the join");
    expect(listenerCounts(socket)).toEqual([before[0]! + 1, before[1]! + 1, before[2]]);
    first.unmount();
    await pause(50);
    expect(joins()).toEqual(["joinChatBox 5"]);
    expect(rooms()).toEqual(["ticket-5"]);
    second.unmount();
    await waitUntil(() => rooms().length === 0, "the leave");
    expect(joins()).toEqual(["joinChatBox 5", "leaveChatBox 5"]);
  });

  it("stays idle without a socket or a ticket, and emits nothing", async () => {
    render(
      <>
        <TicketProbe id="no-socket" ticketId={5} on={null} />
        <TicketProbe id="no-ticket" ticketId={null} />
      </>,
    );
    await pause(50);
    expect(seen).toEqual({ "no-socket": { status: "idle" }, "no-ticket": { status: "idle" } });
    expect(joins()).toEqual([]);
  });

  it("joins the rooms without parameters and with an enum parameter with their own events", async () => {
    const status: TicketStatus = "pending";
    function Others() {
      seen.notification = useNotificationRoom(socket);
      seen.tickets = useStatusRoom(socket, status);
      return null;
    }
    const view = render(
      <StrictMode>
        <Others />
      </StrictMode>,
    );
    await settle(() => seen.notification?.status === "joined" && seen.tickets?.status === "joined", "both joins");
    expect(rooms().sort()).toEqual(["notification", "status-pending"]);
    view.unmount();
    await waitUntil(() => rooms().length === 0, "both leaves");
    expect(joins().sort()).toEqual(["joinNotification", "joinTickets pending", "leaveNotification", "leaveTickets pending"]);
  });

  it("joins again after the server restarts on the same port, with as many listeners as before", async () => {
    render(
      <StrictMode>
        <TicketProbe ticketId={5} />
      </StrictMode>,
    );
    await settle(() => seen.ticket?.status === "joined", "the join");
    const counts = listenerCounts(socket);
    for (let restart = 0; restart < 2; restart += 1) {
      const port = server.port;
      await act(async () => {
        await server.close();
        await waitUntil(() => !socket.connected, "the socket to notice");
      });
      expect(seen.ticket).toEqual({ status: "joining" });
      server = await startChatServer({ port });
      await settle(() => seen.ticket?.status === "joined", "the join after the restart");
      expect(socket.recovered).toBeFalsy();
      expect(joins()).toEqual(["joinChatBox 5"]);
      expect(rooms()).toEqual(["ticket-5"]);
      expect(listenerCounts(socket)).toEqual(counts);
    }
  });
});

describe("room hooks after a recovered connection", () => {
  let server: ChatServer;
  let socket: CompanyClientSocket;

  beforeEach(async () => {
    server = await startChatServer({ recovery: true });
    socket = connect(`${server.url}/workspace-1`, { transports: ["websocket"], forceNew: true, reconnectionDelay: 20 });
    await waitUntil(() => socket.connected, "the socket to connect");
  });

  afterEach(async () => {
    cleanup();
    socket.close();
    await server.close();
  });

  it("does not join again when socket.recovered says the server kept the rooms", async () => {
    let membership: RoomMembership | undefined;
    function Probe() {
      membership = useTicketRoom(socket, 5);
      return null;
    }
    render(
      <StrictMode>
        <Probe />
      </StrictMode>,
    );
    await settle(() => membership?.status === "joined", "the join");
    // Recovery resumes from the last packet the client got: let it get one.
    const typing = vi.fn();
    socket.on("company-1-typing", typing);
    server.io.of("/workspace-1").emit("company-1-typing", {
      action: "update",
      companyId: 1,
      userId: 11,
      timestamp: "2024-05-01T12:00:00.000Z",
      ticketId: 5,
      typing: true,
    });
    await waitUntil(() => typing.mock.calls.length === 1, "the packet");
    const counts = listenerCounts(socket);
    await act(async () => {
      socket.io.engine.close();
    });
    expect(membership).toEqual({ status: "joining" });
    await settle(() => socket.connected && membership?.status === "joined", "the recovered connection");
    await pause(50);
    expect(socket.recovered).toBe(true);
    expect(server.log.filter((entry) => entry.startsWith("join"))).toEqual(["joinChatBox 5"]);
    expect([...server.socket(socket.id)!.rooms].filter((room) => room !== socket.id)).toEqual(["ticket-5"]);
    expect(listenerCounts(socket)).toEqual(counts);
  });
});

describe("room hooks joining with room:join, against the generated setupCompanyNamespaces", () => {
  let server: Loopback;
  let socket: AwkwardSocket;
  const canJoinRoom = vi.fn((request: { self: number }) => request.self !== 403);

  beforeEach(async () => {
    canJoinRoom.mockClear();
    server = await startServer();
    setupCompanyNamespaces(server.io, {
      verifyToken: tokenTable({ "token-1": { companyId: 1, userId: 11 } }),
      canJoinRoom,
      authorize: () => true,
      handlers: awkwardHandlers(),
      logger: memoryLogger(),
    });
    socket = connect(`${server.url}/workspace-1`, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token: "token-1" } });
    await waitUntil(() => socket.connected, "the socket to connect");
  });

  afterEach(async () => {
    cleanup();
    socket.close();
    await server.close();
  });

  const rooms = () => [...(server.io.of("/workspace-1").sockets.get(socket.id!)?.rooms ?? [])].filter((r) => r !== socket.id);

  it("joins once under StrictMode, is refused with forbidden, and leaves with room:leave", async () => {
    let membership: AwkwardMembership | undefined;
    function Probe({ self }: { self: number }) {
      membership = useForRoom(socket, "new", self);
      return null;
    }
    const before = listenerCounts(socket);
    const view = render(
      <StrictMode>
        <Probe self={1} />
      </StrictMode>,
    );
    await settle(() => membership?.status === "joined", "the join");
    expect(canJoinRoom).toHaveBeenCalledTimes(1);
    expect(canJoinRoom.mock.calls[0]![0]).toEqual({ room: "for", type: "new", self: 1 });
    expect(rooms()).toEqual(["for-new-1"]);
    view.rerender(
      <StrictMode>
        <Probe self={403} />
      </StrictMode>,
    );
    await settle(() => membership?.status === "refused", "the refusal");
    expect(membership).toMatchObject({ status: "refused", error: { code: "forbidden" } });
    expect(rooms()).toEqual([]);
    view.unmount();
    await pause(30);
    expect(listenerCounts(socket)).toEqual(before);
  });
});
