// The helpdesk page: everything real-time comes from the generated hooks and emit helpers in
// generated/frontend; what is here is the glue a team writes around them.
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import {
  markAsRead,
  typing,
  useAppMessageEvents,
  useCompanySocket,
  useStatusRoom,
  useTicketEvents,
  useTicketRoom,
  useTypingEvents,
  applyTicketEvent,
  type CompanyClientSocket,
  type CompanyConnection,
  type RoomMembership,
} from "../generated/frontend/src/hooks/socketEvents";
import type { Message, Ticket, TicketPayload, TicketStatus } from "../generated/shared/socket/events";
import { api, type Session } from "./api";

const tabs: readonly TicketStatus[] = ["open", "pending", "closed"];
const sessionKey = "helpdesk.session";

export function App() {
  const [session, setSession] = useState<Session | null>(() => {
    const saved = sessionStorage.getItem(sessionKey);
    return saved ? (JSON.parse(saved) as Session) : null;
  });
  const signIn = (next: Session | null) => {
    if (next) {
      sessionStorage.setItem(sessionKey, JSON.stringify(next));
    } else {
      sessionStorage.removeItem(sessionKey);
    }
    setSession(next);
  };
  return session ? <Desk session={session} onSignOut={() => signIn(null)} /> : <Login onSignIn={signIn} />;
}

function Login({ onSignIn }: { onSignIn: (session: Session) => void }) {
  const [email, setEmail] = useState("ana@acme.test");
  const [password, setPassword] = useState("demo");
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    api.login(email, password).then(onSignIn, (failure: Error) => setError(failure.message));
  };
  return (
    <form className="login" onSubmit={submit}>
      <h1>Helpdesk</h1>
      <label>
        E-mail <input name="email" value={email} onChange={(event) => setEmail(event.target.value)} />
      </label>
      <label>
        Password <input name="password" type="password" value={password} onChange={(event) => setPassword(event.target.value)} />
      </label>
      <button type="submit">Sign in</button>
      {error && <p role="alert">{error}</p>}
      <p className="hint">Demo agents: ana@acme.test and bruno@acme.test (Acme), carla@globex.test and davi@globex.test (Globex); password demo.</p>
    </form>
  );
}

/** `?workspace=N` opens another company's namespace: the server must refuse it. */
function workspaceOf(session: Session): number {
  const asked = Number(new URLSearchParams(location.search).get("workspace"));
  return Number.isSafeInteger(asked) && asked > 0 ? asked : session.user.companyId;
}

function Desk({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const [resyncs, setResyncs] = useState(0);
  const onResync = useCallback(() => setResyncs((count) => count + 1), []);
  const connection = useCompanySocket(location.origin, workspaceOf(session), session.token, { onResync });
  const [tab, setTab] = useState<TicketStatus>("open");
  const [openId, setOpenId] = useState<number | null>(null);
  const [agents, setAgents] = useState<Record<number, string>>({});
  useEffect(() => {
    api.agents(session.token).then((list) => setAgents(Object.fromEntries(list.map((agent) => [agent.id, agent.name]))));
  }, [session.token]);
  const socket = connection.socket;
  return (
    <div className="desk">
      <header>
        <strong>{session.user.companyName}</strong> · {session.user.name}
        <ConnectionBadge connection={connection} />
        <span data-testid="resyncs" data-count={resyncs}>
          {resyncs > 0 && `reloaded after ${resyncs} unrecovered reconnect(s)`}
        </span>
        <button onClick={onSignOut}>Sign out</button>
      </header>
      <nav>
        {tabs.map((status) => (
          <button key={status} data-testid={`tab-${status}`} aria-pressed={status === tab} onClick={() => setTab(status)}>
            {status}
          </button>
        ))}
      </nav>
      <NewTicket token={session.token} />
      <main>
        <TicketList key={tab} socket={socket} token={session.token} tab={tab} generation={resyncs} openId={openId} onOpen={setOpenId} />
        {socket && openId !== null && (
          <TicketPanel
            key={openId}
            socket={socket}
            session={session}
            ticketId={openId}
            generation={resyncs}
            agents={agents}
            onClose={() => setOpenId(null)}
          />
        )}
      </main>
    </div>
  );
}

function NewTicket({ token }: { token: string }) {
  const [contactName, setContactName] = useState("");
  const create = (event: FormEvent) => {
    event.preventDefault();
    if (contactName.trim() !== "") {
      void api.createTicket(token, contactName).then(() => setContactName(""));
    }
  };
  return (
    <form className="new-ticket" onSubmit={create}>
      <input data-testid="new-contact" value={contactName} placeholder="Contact name" onChange={(event) => setContactName(event.target.value)} />
      <button type="submit">New ticket</button>
    </form>
  );
}

function ConnectionBadge({ connection }: { connection: CompanyConnection }) {
  const text = connection.status === "refused" ? `refused (${connection.reason}): ${connection.message}` : connection.status;
  return (
    <span className={`badge ${connection.status}`} data-testid="connection" data-status={connection.status}>
      {text}
    </span>
  );
}

/** Where a ticket event leaves the list of one tab. */
function applyToTab(list: readonly Ticket[], payload: TicketPayload, tab: TicketStatus): readonly Ticket[] {
  switch (payload.action) {
    case "create":
      return payload.ticket.status === tab ? applyTicketEvent(list, payload) : list;
    case "status-change": {
      const others = list.filter((ticket) => ticket.id !== payload.ticket.id);
      return payload.ticket.status === tab ? [payload.ticket, ...others].sort((a, b) => b.id - a.id) : others;
    }
    case "removeFromList":
      return list.filter((ticket) => ticket.id !== payload.ticketId);
    default:
      return applyTicketEvent(list, payload);
  }
}

function ticketIdOfPayload(payload: TicketPayload): number {
  return "ticket" in payload ? payload.ticket.id : payload.ticketId;
}

interface TicketListProps {
  socket: CompanyClientSocket | null;
  token: string;
  tab: TicketStatus;
  generation: number;
  openId: number | null;
  onOpen: (id: number | null) => void;
}

function TicketList({ socket, token, tab, generation, openId, onOpen }: TicketListProps) {
  const [tickets, setTickets] = useState<readonly Ticket[]>([]);
  // How many ticket events this page applied to each ticket: one emit, one application.
  const [applied, setApplied] = useState<Readonly<Record<number, number>>>({});
  const membership = useStatusRoom(socket, tab);
  useEffect(() => {
    let current = true;
    api.tickets(token, tab).then((list) => current && setTickets(list));
    return () => {
      current = false;
    };
  }, [token, tab, generation]);
  useTicketEvents(socket, (payload) => {
    const id = ticketIdOfPayload(payload);
    setTickets((list) => applyToTab(list, payload, tab));
    setApplied((counts) => ({ ...counts, [id]: (counts[id] ?? 0) + 1 }));
    if (payload.action === "delete" && id === openId) {
      onOpen(null);
    }
  });
  return (
    <section className="tickets">
      <RoomState label={`tab ${tab}`} testId="tab-room" membership={membership} />
      <ul>
        {tickets.map((ticket) => (
          <li
            key={ticket.id}
            data-testid={`ticket-${ticket.id}`}
            data-events={applied[ticket.id] ?? 0}
            aria-current={ticket.id === openId}
            onClick={() => onOpen(ticket.id)}
          >
            <span className="contact">{ticket.contact?.name ?? `Contact ${ticket.contactId}`}</span>
            <span className="last">{ticket.lastMessage ?? ""}</span>
            {ticket.unreadMessages > 0 && <span className="unread">{ticket.unreadMessages}</span>}
          </li>
        ))}
      </ul>
      {tickets.length === 0 && <p className="empty">No {tab} tickets.</p>}
    </section>
  );
}

function RoomState({ label, testId, membership }: { label: string; testId: string; membership: RoomMembership }) {
  const detail = membership.status === "refused" ? `: ${membership.error.code}` : "";
  return (
    <p className="room" data-testid={testId} data-status={membership.status}>
      {label}: {membership.status}
      {detail}
    </p>
  );
}

interface TicketPanelProps {
  socket: CompanyClientSocket;
  session: Session;
  ticketId: number;
  generation: number;
  agents: Record<number, string>;
  onClose: () => void;
}

function TicketPanel({ socket, session, ticketId, generation, agents, onClose }: TicketPanelProps) {
  const membership = useTicketRoom(socket, ticketId);
  const [messages, setMessages] = useState<readonly Message[]>([]);
  const [receipt, setReceipt] = useState<string>("");
  const [typers, setTypers] = useState<ReadonlySet<number>>(new Set());
  useEffect(() => {
    api.messages(session.token, ticketId).then(setMessages, () => setMessages([]));
  }, [session.token, ticketId, generation]);
  useEffect(() => {
    if (membership.status !== "joined") {
      return;
    }
    markAsRead(socket, ticketId).then(
      (reply) => setReceipt(reply.ok ? `read, ${reply.data?.unreadMessages ?? 0} unread` : `not read: ${reply.error.code}`),
      (failure: Error) => setReceipt(failure.message),
    );
  }, [socket, ticketId, membership.status]);
  useAppMessageEvents(socket, {
    create: ({ message }) => {
      if (message.ticketId === ticketId) {
        setMessages((list) => (list.some((known) => known.id === message.id) ? list : [...list, message]));
      }
    },
  });
  useTypingEvents(socket, {
    update: (payload) => {
      if (payload.ticketId !== ticketId || payload.userId === session.user.id) {
        return;
      }
      setTypers((current) => {
        const next = new Set(current);
        if (payload.typing) next.add(payload.userId);
        else next.delete(payload.userId);
        return next;
      });
    },
  });
  return (
    <section className="panel" data-testid="panel" data-ticket={ticketId}>
      <RoomState label={`ticket #${ticketId}`} testId="ticket-room" membership={membership} />
      <p data-testid="read-receipt">{receipt}</p>
      <div className="actions">
        {tabs.map((status) => (
          <button key={status} data-testid={`move-${status}`} onClick={() => void api.moveTicket(session.token, ticketId, status)}>
            move to {status}
          </button>
        ))}
        <button data-testid="delete" onClick={() => void api.deleteTicket(session.token, ticketId)}>
          delete
        </button>
        <button onClick={onClose}>close</button>
      </div>
      <ol className="messages">
        {messages.map((message) => (
          <li key={message.id} data-testid="message" className={message.fromMe ? "mine" : "theirs"}>
            {message.body}
          </li>
        ))}
      </ol>
      <p className="typing" data-testid="typing">
        {[...typers].map((id) => `${agents[id] ?? `agent ${id}`} is typing…`).join(" ")}
      </p>
      <Composer socket={socket} token={session.token} ticketId={ticketId} />
    </section>
  );
}

/** The reply box: tells the others in the ticket while the agent types. */
function Composer({ socket, token, ticketId }: { socket: CompanyClientSocket; token: string; ticketId: number }) {
  const [body, setBody] = useState("");
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const typingSent = useRef(false);
  const stopTyping = useCallback(() => {
    clearTimeout(idle.current);
    if (typingSent.current) {
      typingSent.current = false;
      typing(socket, { ticketId, typing: false });
    }
  }, [socket, ticketId]);
  useEffect(() => stopTyping, [stopTyping]);
  const change = (text: string) => {
    setBody(text);
    if (!typingSent.current) {
      typingSent.current = true;
      typing(socket, { ticketId, typing: true });
    }
    clearTimeout(idle.current);
    idle.current = setTimeout(stopTyping, 2000);
  };
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (body.trim() === "") {
      return;
    }
    stopTyping();
    void api.sendMessage(token, ticketId, body).then(() => setBody(""));
  };
  return (
    <form className="composer" onSubmit={send}>
      <input data-testid="composer" value={body} placeholder="Reply…" onChange={(event) => change(event.target.value)} />
      <button type="submit">Send</button>
    </form>
  );
}
