{%- import "ts/macros.ts" as m -%}
/* eslint-disable */
// React hooks for socket.io-client 4.7: open a company's namespace, subscribe to its events, keep
// the socket in rooms, emit client events, and apply list events to state. Plain `.ts`, no JSX.
//
// - `useCompanySocket(url, companyId, token)` opens `{{ namespace_pattern }}` with `auth: { token }`
//   and returns `{ socket, status }` (with the refusal's `reason` when the server refused it).
// - `use<Resource>Events(socket, handlers)` subscribes while mounted to the events of the company
//   whose namespace `socket` is on. It keeps the latest handlers in a ref, so passing new functions
//   on every render does not resubscribe, and it removes only its own listener
//   (`socket.off(event, listener)`), never the other components' listeners of the same event.
// - `use<Room>Room(socket, ...params)` keeps the socket in a room while mounted and returns whether
//   it is in (`RoomMembership`); hooks of the same room and socket share one membership.
// - One function per client event (`joinChatBox(socket, ticketId)`): events with an ack return a
//   `Promise` of the server's reply, which rejects with `NoReplyError` when no reply comes in time.
// - `apply<Resource>Event(list, payload)` returns the list with the event applied, without
//   changing the list it was given.
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { io as __chatiaConnect } from "socket.io-client";
import type {
  ManagerOptions as __ChatiaManagerOptions,
  Socket as __ChatiaClientSocket,
  SocketOptions as __ChatiaSocketOptions,
} from "socket.io-client";
import { companyNamespace, eventNames } from {{ types_import }};
import type {
{%- for name in type_imports %}
  {{ name }},
{%- endfor %}
} from {{ types_import }};

/** A socket.io-client socket on one company's namespace, typed by the catalog. */
export type CompanyClientSocket = __ChatiaClientSocket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Options of the socket.io-client connection (`auth` is the hook's), and `onResync`: called when
 * the connection comes back without the server recovering it (`socket.recovered` is false), so
 * the events sent while it was away are lost: reload what the page shows, e.g. what changed since
 * `lastTimestamp`, the latest `timestamp` of an event this socket received (`undefined` before
 * the first). A recovered connection got the missed events and keeps its rooms: no resync then.
 * Recovery needs the server's connection state recovery (`connectionStateRecovery()`).
 */
export type UseCompanySocketOptions = Omit<Partial<__ChatiaManagerOptions & __ChatiaSocketOptions>, "auth"> & {
  onResync?: (lastTimestamp: string | undefined) => void;
};

/**
 * Why the server refused the connection: `unauthorized` (no valid token), `forbidden` (a token of
 * another company), or `other` (another middleware's refusal; its text is in `message`).
 */
export type ConnectionRefusal = "unauthorized" | "forbidden" | "other";

/**
 * The connection `useCompanySocket` keeps open, and how it is doing:
 * - `idle`: no company or no token, so nothing is open (`socket` is `null`);
 * - `connecting`: opened, not connected yet (socket.io-client retries on network errors);
 * - `connected`;
 * - `reconnecting`: the connection dropped and socket.io-client is getting it back;
 * - `disconnected`: the server or `socket.disconnect()` closed it; `socket.connect()` opens it again;
 * - `refused`: the server refused the token, and socket.io-client does not retry.
 */
export type CompanyConnection =
  | { status: "idle"; socket: null }
  | { status: "connecting" | "connected" | "reconnecting" | "disconnected"; socket: CompanyClientSocket }
  | { status: "refused"; socket: CompanyClientSocket; reason: ConnectionRefusal; message: string };

/**
 * Opens the namespace of `companyId` on `url`, the server's origin (`https://api.example.com`),
 * sending `auth: { token }`, and closes it on unmount or when `url`, `companyId` or `token`
 * changes. Returns the socket with the connection's state; `idle` while `companyId` or `token`
 * is missing. `options` are read when the socket opens; changing them alone does not reconnect.
 */
export function useCompanySocket(
  url: string,
  companyId: number | null | undefined,
  token: string | null | undefined,
  options?: UseCompanySocketOptions,
): CompanyConnection {
  const [connection, setConnection] = useState<CompanyConnection>(__chatiaIdleConnection);
  const latestOptions = useRef(options);
  __chatiaUseLayoutEffect(() => {
    latestOptions.current = options;
  });
  useEffect(() => {
    if (companyId === null || companyId === undefined || !token) {
      return undefined;
    }
    const origin = url.replace(/\/+$/, "");
    const { onResync: _onResync, ...socketOptions } = latestOptions.current ?? {};
    const opened: CompanyClientSocket = __chatiaConnect(origin + companyNamespace(companyId), {
      ...socketOptions,
      auth: { token },
    });
    const unwatch = __chatiaWatchConnection(opened, setConnection, (lastTimestamp) => latestOptions.current?.onResync?.(lastTimestamp));
    return () => {
      unwatch();
      opened.disconnect();
      setConnection(__chatiaIdleConnection);
    };
  }, [url, companyId, token]);
  return connection;
}

/**
 * Whether a room hook's socket is in its room:
 * - `idle`: no socket, or a parameter is `null` or `undefined`;
 * - `joining`: waiting for the connection or for the server's answer;
 * - `joined`;
 * - `refused`: the server said no, with the ack's error (`error.code`: `forbidden`, `not-found`, …);
 * - `no-reply`: no answer in time (`NoReplyError`).
 * After `refused` and `no-reply` the hook asks again after the next new connection.
 */
export type RoomMembership =
  | { status: "idle" }
  | { status: "joining" }
  | { status: "joined" }
  | { status: "refused"; error: AckError }
  | { status: "no-reply"; error: NoReplyError };

/** Options of one emit helper call. */
export interface ClientEventOptions {
  /** How long to wait for the reply, in milliseconds; `clientEventDefaults.timeout` by default. */
  timeout?: number;
}

/**
 * What the emit helpers and room hooks use when a call gives nothing else. Change it once at
 * startup (`clientEventDefaults.timeout = 5000`) to change every call that follows.
 */
export const clientEventDefaults: { timeout: number } = { timeout: 10000 };

/**
 * The server sent no reply to `event` within `timeout` milliseconds, or the connection dropped
 * before it came. The event may have been served or not.
 */
export class NoReplyError extends Error {
  override readonly name = "NoReplyError";
  /** The client event, as emitted. */
  readonly event: string;
  /** How long the helper waited, in milliseconds. */
  readonly timeout: number;

  constructor(event: string, timeout: number, reason: string) {
    super(`no reply to "${event}": ${reason}`);
    this.event = event;
    this.timeout = timeout;
  }
}
{%- for h in helpers %}

/**
{%- for line in h.doc %}
 *{% if !line.is_empty() %} {{ line }}{% endif %}
{%- endfor %}
{%- if !h.doc.is_empty() %}
 *
{%- endif %}
{%- if let Some(reply) = h.reply %}
 * Emits `{{ h.name }}` and resolves with the server's reply: `{ ok: true }`{% if reply != "Ack" %} with `data`{% endif %}, or
 * `{ ok: false, error }` when it refused. Rejects with `NoReplyError` when no reply comes within
 * `options.timeout` (`clientEventDefaults.timeout`).
 */
export function {{ h.function }}(socket: CompanyClientSocket{% for p in h.params %}, {{ p }}{% endfor %}, options?: ClientEventOptions): Promise<{{ reply }}> {
  return __chatiaEmitWithAck(socket, {{ h.literal }}, [{{ h.args|join(", ") }}], options);
}
{%- else %}
 * Emits `{{ h.name }}`; the catalog gives it no reply to wait for.
 */
export function {{ h.function }}(socket: CompanyClientSocket{% for p in h.params %}, {{ p }}{% endfor %}): void {
  __chatiaSend(socket, {{ h.literal }}, [{{ h.args|join(", ") }}], false);
}
{%- endif %}
{%- endfor %}
{%- for r in rooms %}

/**
{%- for line in r.doc %}
 *{% if !line.is_empty() %} {{ line }}{% endif %}
{%- endfor %}
 */
export function {{ r.hook }}(socket: CompanyClientSocket | null | undefined{% for p in r.params %}, {{ p }}{% endfor %}): RoomMembership {
{%- if r.vars.is_empty() %}
  return __chatiaUseRoom(socket, {{ r.builder }}());
{%- else %}
  const room = {% for v in r.vars %}{% if !loop.first %} || {% endif %}{{ v }} == null{% endfor %} ? undefined : {{ r.builder }}({{ r.vars|join(", ") }});
  return __chatiaUseRoom(socket, room);
{%- endif %}
}
{%- endfor %}
{% for ev in events %}
/**
 * What `{{ ev.hook }}` calls: one function for every `{{ ev.resource }}` event, or one function per
 * action (actions without one are ignored).
 */
export type {{ ev.handlers }} =
  | ((payload: {{ ev.payload }}) => void)
  | {
{%- for a in ev.actions %}
{%- call m::doc(a.doc.as_slice(), "      ") %}{% endcall %}
      {{ a.key }}?: (payload: {{ a.variant }}) => void;
{%- endfor %}
    };

/**
{%- for line in ev.doc %}
 *{% if !line.is_empty() %} {{ line }}{% endif %}
{%- endfor %}
{%- if !ev.doc.is_empty() %}
 *
{%- endif %}
 * Calls `handlers` for every `{{ ev.resource }}` event that reaches `socket` from mount to unmount:
 * those of the company whose namespace `socket` is on.
 */
export function {{ ev.hook }}(socket: CompanyClientSocket | null | undefined, handlers: {{ ev.handlers }}): void {
  const latest = useRef(handlers);
  __chatiaUseLayoutEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const companyId = socket ? __chatiaCompanyOf(socket, "{{ ev.hook }}") : undefined;
    if (!socket || companyId === undefined) {
      return undefined;
    }
    const event = eventNames.{{ ev.member }}(companyId);
    const listener = (payload: {{ ev.payload }}): void => {{ ev.dispatch }}(latest.current, payload);
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [socket]);
}
{%- if let Some(list) = ev.list %}

/**
 * Applies a `{{ ev.resource }}` event to a list of `{{ list.entity }}` (matched by `id`) and returns the
 * result; the given list is never changed, and comes back as is when the event changes nothing.
{%- for line in list.doc %}
 * - {{ line }}
{%- endfor %}
 */
export function {{ list.apply }}(list: {{ list.entity }}[], payload: {{ ev.payload }}): {{ list.entity }}[];
export function {{ list.apply }}(list: readonly {{ list.entity }}[], payload: {{ ev.payload }}): readonly {{ list.entity }}[];
export function {{ list.apply }}(list: readonly {{ list.entity }}[], payload: {{ ev.payload }}): readonly {{ list.entity }}[] {
  switch (payload.action) {
{%- for c in list.cases %}
{%- for literal in c.literals %}
    case {{ literal }}:
{%- endfor %}
      return {{ c.expr }};
{%- endfor %}
    default:
      return list;
  }
}
{%- endif %}
{% endfor %}
// Internals. Their names start with `__chatia` so they cannot meet a name from the catalog.

/**
 * `useLayoutEffect` in a browser, `useEffect` where there is no DOM: React 18 warns about layout
 * effects during server rendering, and neither runs there.
 */
const __chatiaUseLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

const __chatiaIdleConnection: CompanyConnection = { status: "idle", socket: null };

/**
 * Reports the state of `socket` as it changes, until the returned function is called, and calls
 * `resync` on every connection after the first that the server did not recover, with the latest
 * payload `timestamp` seen (ISO 8601 in UTC, so the latest sorts last).
 */
function __chatiaWatchConnection(
  socket: CompanyClientSocket,
  report: (connection: CompanyConnection) => void,
  resync: (lastTimestamp: string | undefined) => void,
): () => void {
  let connectedBefore = socket.connected;
  let lastTimestamp: string | undefined;
  const seen = (_event: string, payload: unknown): void => {
    const timestamp = typeof payload === "object" && payload !== null ? (payload as { timestamp?: unknown }).timestamp : undefined;
    if (typeof timestamp === "string" && (lastTimestamp === undefined || timestamp > lastTimestamp)) {
      lastTimestamp = timestamp;
    }
  };
  const connected = (): void => {
    report({ status: "connected", socket });
    if (connectedBefore && !socket.recovered) {
      resync(lastTimestamp);
    }
    connectedBefore = true;
  };
  // Not `active` any more: the server (or the app) closed it, and socket.io-client does not retry.
  const disconnected = (): void => report({ status: socket.active ? "reconnecting" : "disconnected", socket });
  const failed = (error: Error): void => {
    if (!socket.active) {
      report({ status: "refused", socket, reason: __chatiaRefusal(error.message), message: error.message });
    }
  };
  report({ status: socket.connected ? "connected" : "connecting", socket });
  socket.onAny(seen);
  socket.on("connect", connected);
  socket.on("disconnect", disconnected);
  socket.on("connect_error", failed);
  return () => {
    socket.offAny(seen);
    socket.off("connect", connected);
    socket.off("disconnect", disconnected);
    socket.off("connect_error", failed);
  };
}

function __chatiaRefusal(message: string): ConnectionRefusal {
  return message === "unauthorized" || message === "forbidden" ? message : "other";
}

/**
 * The company whose namespace `socket` is on (socket.io-client keeps the namespace in `nsp`),
 * read back exactly as `companyNamespace` writes it; reported as an error for any other socket.
 */
function __chatiaCompanyOf(socket: CompanyClientSocket, hook: string): number | undefined {
  const namespace: unknown = Reflect.get(socket, "nsp");
  const prefix = {{ namespace_prefix }};
  if (typeof namespace === "string" && namespace.startsWith(prefix)) {
    const digits = /^\d+/.exec(namespace.slice(prefix.length))?.[0];
    const companyId = Number(digits);
    if (digits !== undefined && Number.isSafeInteger(companyId) && companyNamespace(companyId) === namespace) {
      return companyId;
    }
  }
  __chatiaReport(new Error(hook + ": the socket is not on a company namespace, " + {{ namespace_literal }}));
  return undefined;
}
{%- if uses_ack %}

function __chatiaEmitWithAck<Reply>(
  socket: CompanyClientSocket,
  event: string,
  args: readonly unknown[],
  options: ClientEventOptions | undefined,
): Promise<Reply> {
  const timeout = options?.timeout ?? clientEventDefaults.timeout;
  const untyped: __ChatiaClientSocket = socket;
  return untyped
    .timeout(timeout)
    .emitWithAck(event, ...__chatiaTrim(args))
    .then(
      (reply: Reply) => reply,
      (error: unknown) => {
        throw new NoReplyError(event, timeout, error instanceof Error ? error.message : String(error));
      },
    );
}
{%- endif %}
{%- if uses_send %}

/** Emits without waiting; `withAck` passes a callback for an event that requires one. */
function __chatiaSend(socket: CompanyClientSocket, event: string, args: readonly unknown[], withAck: boolean): void {
  const untyped: __ChatiaClientSocket = socket;
  if (withAck) {
    untyped.emit(event, ...__chatiaTrim(args), () => {});
  } else {
    untyped.emit(event, ...__chatiaTrim(args));
  }
}
{%- endif %}
{%- if uses_ack || uses_send %}

/** The arguments without trailing `undefined`s, which the wire would carry as `null`. */
function __chatiaTrim(args: readonly unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) {
    end -= 1;
  }
  return args.slice(0, end);
}
{%- endif %}
{%- if uses_room_join %}

function __chatiaJoinRoom(socket: CompanyClientSocket, request: RoomRequest): Promise<Ack> {
  return __chatiaEmitWithAck(socket, "room:join", [request], undefined);
}
{%- endif %}
{%- if !rooms.is_empty() %}
{% for r in rooms %}
function {{ r.builder }}({{ r.builder_params|join(", ") }}): __ChatiaRoom {
  return {
    name: {{ r.name }},
    join: (socket) => {{ r.join }},
{%- if let Some(leave) = r.leave %}
    leave: (socket) => {{ leave }},
{%- endif %}
  };
}
{% endfor %}
/** A room as a hook asks for it: its name on the server, and how to join and leave it. */
interface __ChatiaRoom {
  name: string;
  join(socket: CompanyClientSocket): Promise<Ack<unknown>>;
  leave?(socket: CompanyClientSocket): void;
}

const __chatiaIdleRoom: RoomMembership = { status: "idle" };
const __chatiaJoining: RoomMembership = { status: "joining" };
const __chatiaJoined: RoomMembership = { status: "joined" };

function __chatiaUseRoom(socket: CompanyClientSocket | null | undefined, room: __ChatiaRoom | undefined): RoomMembership {
  const [seen, setSeen] = useState<{ socket?: CompanyClientSocket; name?: string; membership: RoomMembership }>({
    membership: __chatiaIdleRoom,
  });
  const name = socket && room ? room.name : undefined;
  useEffect(() => {
    if (!socket || !room) {
      return undefined;
    }
    return __chatiaMembership(socket, room).watch((membership) => setSeen({ socket, name: room.name, membership }));
  }, [socket, name]);
  if (!socket || !room) {
    return __chatiaIdleRoom;
  }
  // Until the effect reports, a new socket or room is still being joined.
  return seen.socket === socket && seen.name === name ? seen.membership : __chatiaJoining;
}

/** Every socket's memberships, by room name: hooks of the same room share one. */
const __chatiaMemberships = new WeakMap<CompanyClientSocket, Map<string, __ChatiaMembership>>();

function __chatiaMembership(socket: CompanyClientSocket, room: __ChatiaRoom): __ChatiaMembership {
  const rooms = __chatiaMemberships.get(socket) ?? new Map<string, __ChatiaMembership>();
  __chatiaMemberships.set(socket, rooms);
  const existing = rooms.get(room.name);
  if (existing) {
    return existing;
  }
  const created = new __ChatiaMembership(socket, room, () => {
    if (rooms.get(room.name) === created) {
      rooms.delete(room.name);
    }
  });
  rooms.set(room.name, created);
  return created;
}

/**
 * One socket's stay in one room, for as long as some hook watches it. It joins once connected
 * and after every new connection; a recovered connection (`socket.recovered`) kept the rooms, so
 * it keeps the last answer. The last watcher's leave waits a microtask, so that StrictMode's
 * unmount and mount in one go neither leaves nor joins again.
 */
class __ChatiaMembership {
  private readonly watchers = new Set<(membership: RoomMembership) => void>();
  private membership: RoomMembership = __chatiaJoining;
  /** The server's answer on this connection (or the one it recovered): joined or refused. */
  private answer: RoomMembership | undefined;
  private asked = false;
  private attempt = 0;
  private closed = false;
  private readonly socket: CompanyClientSocket;
  private readonly room: __ChatiaRoom;
  private readonly forget: () => void;

  constructor(socket: CompanyClientSocket, room: __ChatiaRoom, forget: () => void) {
    this.socket = socket;
    this.room = room;
    this.forget = forget;
    socket.on("connect", this.connected);
    socket.on("disconnect", this.disconnected);
    if (socket.connected) {
      this.join();
    }
  }

  watch(watcher: (membership: RoomMembership) => void): () => void {
    this.watchers.add(watcher);
    watcher(this.membership);
    return () => {
      this.watchers.delete(watcher);
      queueMicrotask(() => this.closeIfUnwatched());
    };
  }

  private readonly connected = (): void => {
    if (this.socket.recovered && this.answer) {
      this.report(this.answer);
    } else {
      this.join();
    }
  };

  private readonly disconnected = (): void => {
    this.report(__chatiaJoining);
  };

  private join(): void {
    const attempt = ++this.attempt;
    this.asked = true;
    this.answer = undefined;
    this.report(__chatiaJoining);
    this.room.join(this.socket).then(
      (reply) => this.settle(attempt, reply.ok ? __chatiaJoined : { status: "refused", error: reply.error }),
      (error: unknown) => {
        // Dropped with the connection: the next one asks again.
        if (this.socket.connected && error instanceof NoReplyError) {
          this.settle(attempt, { status: "no-reply", error });
        }
      },
    );
  }

  private settle(attempt: number, membership: RoomMembership): void {
    if (attempt !== this.attempt || this.closed) {
      return;
    }
    this.answer = membership.status === "no-reply" ? undefined : membership;
    this.report(membership);
  }

  private report(membership: RoomMembership): void {
    this.membership = membership;
    for (const watcher of this.watchers) {
      watcher(membership);
    }
  }

  private closeIfUnwatched(): void {
    if (this.watchers.size > 0 || this.closed) {
      return;
    }
    this.closed = true;
    this.socket.off("connect", this.connected);
    this.socket.off("disconnect", this.disconnected);
    this.forget();
    if (this.asked && this.socket.active) {
      this.room.leave?.(this.socket);
    }
  }
}
{%- endif %}

/** A throwing handler must not stop the other listeners of the event; report it instead. */
function __chatiaReport(error: unknown): void {
  if (typeof reportError === "function") {
    reportError(error);
  } else {
    console.error(error);
  }
}
{% for ev in events %}
function {{ ev.dispatch }}(handlers: {{ ev.handlers }}, payload: {{ ev.payload }}): void {
  try {
    if (typeof handlers === "function") {
      handlers(payload);
      return;
    }
    switch (payload.action) {
{%- for a in ev.actions %}
      case {{ a.literal }}:
        handlers.{{ a.key }}?.(payload);
        return;
{%- endfor %}
    }
  } catch (error) {
    __chatiaReport(error);
  }
}
{% endfor %}
{%- if uses_upsert %}
function __chatiaUpsert<T extends { id: unknown }>(list: readonly T[], item: T): readonly T[] {
  const index = list.findIndex((entry) => entry.id === item.id);
  return index === -1 ? [item, ...list] : __chatiaReplaceAt(list, index, item);
}
{% endif %}
{%- if uses_replace %}
function __chatiaReplace<T extends { id: unknown }>(list: readonly T[], item: T): readonly T[] {
  const index = list.findIndex((entry) => entry.id === item.id);
  return index === -1 ? list : __chatiaReplaceAt(list, index, item);
}
{% endif %}
{%- if uses_upsert || uses_replace %}
function __chatiaReplaceAt<T>(list: readonly T[], index: number, item: T): readonly T[] {
  const copy = list.slice();
  copy[index] = item;
  return copy;
}
{% endif %}
{%- if uses_remove %}
function __chatiaRemove<T extends { id: unknown }>(list: readonly T[], id: unknown): readonly T[] {
  const index = list.findIndex((entry) => entry.id === id);
  return index === -1 ? list : [...list.slice(0, index), ...list.slice(index + 1)];
}
{% endif -%}
