{%- import "ts/macros.ts" as m -%}
/* eslint-disable */
// Server emitters and company namespaces for Node socket.io 4.7.
//
// - `createSocketEmitter(io, companyId, userId)` binds one company and one user: every emit it
//   offers goes to that company's namespace, under that company's event name, so an emit to
//   another company cannot be written. Emits never throw; each returns an `EmitOutcome`.
// - `setupCompanyNamespaces(io, options)` serves every company namespace through one parent
//   namespace matched by a regular expression, authenticates each connection, answers the
//   `room:join` / `room:leave` requests of clients and serves their client events: each one
//   checked against the catalog before the application's typed handler runs.
import type { Namespace as __ChatiaIoNamespace, Socket as __ChatiaIoSocket } from "socket.io";
import { companyNamespace, eventNames } from {{ types_import }};
import type {
{%- for name in type_imports %}
  {{ name }},
{%- endfor %}
} from {{ types_import }};

/**
 * What an emit did. Emits never throw into the request that caused them:
 * - `"sent"`: handed to socket.io for the company's namespace (or room), even when no client
 *   is connected to receive it;
 * - `"rate-limited"`: dropped because the company used up its rate limit for the current window;
 *   logged once per window and reported to `onRateLimited` each time;
 * - `"failed"`: socket.io or the arguments threw; logged with the company, user and event.
 */
export type EmitOutcome = "sent" | "rate-limited" | "failed";

/** The fields of a payload the caller supplies: `action`, `companyId`, `userId` and `timestamp` are filled in. */
export type EmitData<P extends PayloadBase> = Omit<P, "action" | "companyId" | "userId" | "timestamp">;

/** Logged with every dropped or failed emit. */
export interface EmitLogContext {
  companyId: number;
  userId: number;
  event: string;
}

/**
 * Where the emitters and namespace handlers log. Arguments come in pino's order (context first),
 * so a pino or pino-compatible logger fits as is; the default writes to the console.
 */
export interface SocketLogger {
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

/** An emit the rate limiter dropped, as `onRateLimited` receives it. */
export interface RateLimitedEmit extends EmitLogContext {
  /** The payload that was not sent. */
  payload: PayloadBase;
  /** Emits a company may make per window. */
  limit: number;
  windowSeconds: number;
  /** How many emits this company has had dropped in the current window, this one included. */
  droppedInWindow: number;
}

export interface CompanyRateLimiterOptions {
  /** Emits per company per window; the catalog says {{ rate_events }}. */
  events?: number;
  /** Length of a window; the catalog says {{ rate_window }} seconds. */
  windowSeconds?: number;
  /** The current time in milliseconds; `Date.now` unless a test drives the clock. */
  now?: () => number;
}

/**
 * Counts emits per company in fixed windows: a window opens with a company's first emit and
 * lasts `windowSeconds`; within it the first `events` emits pass and the rest are dropped.
 */
export interface CompanyRateLimiter {
  readonly events: number;
  readonly windowSeconds: number;
  /** Counts one emit: 0 when it may go out, otherwise how many emits of the company the current window has dropped, this one included. */
  take(companyId: number): number;
}

export function createCompanyRateLimiter(options: CompanyRateLimiterOptions = {}): CompanyRateLimiter {
  return new __ChatiaFixedWindowLimiter(options.events ?? {{ rate_events }}, options.windowSeconds ?? {{ rate_window }}, options.now ?? Date.now);
}

export interface SocketEmitterOptions {
  /** Shared by every emitter of the same server unless given: one limit per company, whichever request emits. */
  rateLimiter?: CompanyRateLimiter;
  logger?: SocketLogger;
  /** Called for every emit the rate limiter drops; it may queue or count it. */
  onRateLimited?: (dropped: RateLimitedEmit) => void;
}

/** The emitters of one company's events on behalf of one user; see `createSocketEmitter`. */
export interface SocketEmitter {
{%- for ev in events %}
{%- call m::doc(ev.doc.as_slice(), "  ") %}{% endcall %}
  readonly {{ ev.member }}: {{ ev.emitter }};
{%- endfor %}
}
{% for ev in events %}
{%- if !ev.rooms.is_empty() %}
/** The rooms an emit of `{{ ev.resource }}` events may target. */
export type {{ ev.room_target }} = Extract<RoomTarget, { room: {% for r in ev.rooms %}{% if !loop.first %} | {% endif %}{{ r.literal }}{% endfor %} }>;
{% endif %}
/**
 * Emits `{{ ev.resource }}` events of the bound company.
{%- if ev.broadcast %}{% if ev.rooms.is_empty() %}
 * They go to the whole company namespace.
{%- else %}
 * Without a target they go to the whole company namespace; with one, only to that room.
{%- endif %}{% else %}
 * They only go to a room: the catalog does not let them reach the whole company.
{%- endif %}
 */
export interface {{ ev.emitter }} {
{%- for a in ev.actions %}
{%- call m::doc(a.doc.as_slice(), "  ") %}{% endcall %}
  {{ a.method }}({{ a.params }}): EmitOutcome;
{%- endfor %}
}
{% endfor %}
/**
 * Binds emitters to one company and one user. Build it where the request knows both; every
 * emit derives the namespace and the event name from `companyId`, stamps `userId` and the time,
 * passes the company's rate limiter and never throws (see `EmitOutcome`).
 */
export function createSocketEmitter(io: __ChatiaServerLike, companyId: number, userId: number, options: SocketEmitterOptions = {}): SocketEmitter {
  const core = new __ChatiaEmitterCore(
    io,
    companyId,
    userId,
    options.rateLimiter ?? __chatiaDefaultLimiter(io),
    options.logger ?? __chatiaConsoleLogger,
    options.onRateLimited,
  );
  return new __ChatiaSocketEmitter(core);
}
{%- if !rooms.is_empty() %}

/** The name of a room inside a company namespace. */
export function roomName(target: RoomTarget): string {
  switch (target.room) {
{%- for r in rooms %}
    case {{ r.literal }}:
      return {{ r.name_value }};
{%- endfor %}
  }
}
{%- endif %}

/** Matches the name of a company namespace; the first group is the company id. */
export const COMPANY_NAMESPACE_PATTERN = {{ namespace_regex }};

/** The company id in a company namespace's name, or `undefined` for any other namespace. */
export function companyIdOfNamespace(name: string): number | undefined {
  const match = COMPANY_NAMESPACE_PATTERN.exec(name);
  const companyId = match === null ? Number.NaN : Number(match[1]);
  return Number.isSafeInteger(companyId) ? companyId : undefined;
}

/** Who a verified token belongs to. */
export interface VerifiedUser {
  companyId: number;
  userId: number;
}

/** A client's socket on the server, in its company's namespace. */
export type CompanyServerSocket = __ChatiaIoSocket<ClientToServerEvents, ServerToClientEvents, __ChatiaServerSideEvents, SocketData>;

/**
 * What `setupCompanyNamespaces` returns: the parent of every company namespace, typed by the
 * catalog, for middlewares and listeners of the application (`parent.use`, `parent.on("connection")`).
 * It fits a `Namespace<ClientToServerEvents, ServerToClientEvents>` as it is.
 */
export type CompanyParentNamespace = __ChatiaIoNamespace<ClientToServerEvents, ServerToClientEvents, __ChatiaServerSideEvents, SocketData>;
{% include "ts/server_client_events.ts" %}

export interface CompanyNamespacesOptions {
  /**
   * Checks the token a client sends as `auth: { token }`. Return who it belongs to, or `null` when
   * it is not valid; a throw counts as not valid. A token of another company than the namespace's
   * is refused with `forbidden`.
   */
  verifyToken(token: string, socket: CompanyServerSocket): VerifiedUser | null | undefined | Promise<VerifiedUser | null | undefined>;
  /**
   * Whether the user may join the room they ask for: called before every join, after the request
   * was checked to be well formed. Anything but `true` refuses it; so does a throw.
   */
  canJoinRoom{% if !any_joinable %}?{% endif %}(request: RoomRequest, user: SocketData, socket: CompanyServerSocket): boolean | Promise<boolean>;
  /**
   * The ownership check of the client events the catalog marks `authorize` (see
   * `AuthorizeRequest`): called once an event passed its other checks, with its validated
   * arguments. Anything but `true` refuses it with `forbidden`; so does a throw (logged as an error).
   */
  authorize{% if !any_authorize %}?{% endif %}(request: AuthorizeRequest, user: VerifiedUser, socket: CompanyServerSocket): boolean | Promise<boolean>;
  /** The application's handler of each client event that does not just join or leave a room. */
  handlers{% if !any_handler %}?{% endif %}: ClientEventHandlers;
  /** Per-socket rate limits of client events instead of the catalog's (`clientRateLimits`), by event. */
  clientRateLimits?: ClientRateLimitOverrides;
  /** Options of the emitter each handler receives as `ctx.emitter`. */
  emitterOptions?: SocketEmitterOptions;
  /** The current time in milliseconds for the client rate limits; `Date.now` unless a test drives the clock. */
  now?: () => number;
  logger?: SocketLogger;
}

/**
 * Serves every company namespace through one parent namespace matched by
 * `COMPANY_NAMESPACE_PATTERN`. A string or function parent would let clients skip middleware
 * (socket.io issue 4164); a regular expression attaches it to each child namespace it creates.
 *
 * Connections are refused with `unauthorized` when the token is missing or not valid and with
 * `forbidden` when it belongs to another company. `room:join` answers `{ ok: false, error }` with
 * `invalid-payload` for a malformed request and `forbidden` for one `canJoinRoom` refuses;
 * `room:leave` needs no check.
 *
 * Every other event a client sends is checked, in this order, before any code of the application
 * runs: an event outside the catalog is refused `not-found`; beyond its per-socket rate limit,
 * `rate-limited`; larger than its `maxBytes` or not of its arguments' types, `invalid-payload`
 * (so is a missing acknowledgement the catalog requires); refused by `authorize`, `forbidden`.
 * Then a joining or leaving event joins or leaves its room, and any other runs its handler. Each
 * refusal answers the acknowledgement when the client sent one and is logged through `logger`
 * with the company, user, socket id, event and reason; nothing here throws into socket.io.
 * Listeners of the application for client events would receive unchecked arguments and are never
 * called: the checks answer every catalogued event themselves.
 *
 * Call it before the first emit: an emit creates its company's namespace, and one created
 * before this call would serve clients without authentication, so this call throws then.
 */
export function setupCompanyNamespaces(io: __ChatiaServerLike, options: CompanyNamespacesOptions): CompanyParentNamespace {
  for (const name of io._nsps.keys()) {
    if (COMPANY_NAMESPACE_PATTERN.test(name)) {
      throw new Error(`namespace ${name} exists before setupCompanyNamespaces; its clients would skip authentication`);
    }
  }
  const logger = options.logger ?? __chatiaConsoleLogger;
  const clientEvents = __chatiaClientEventsSetup(io, options, logger);
  const parent = io.of(COMPANY_NAMESPACE_PATTERN) as CompanyParentNamespace;
  parent.use((socket, next) => {
    __chatiaAuthenticate(socket, options, logger).then(
      (refusal) => next(refusal),
      () => next(new Error("unauthorized")),
    );
  });
  parent.on("connection", (socket) => {
    const client = new __ChatiaClient(socket, clientEvents);
    // The first middleware of the socket: client events stop here, checked and served.
    socket.use((packet, next) => __chatiaReceive(client, packet, next));
    socket.on("room:join", (request, ack) => {
      void __chatiaJoin(socket, request, ack, options, logger);
    });
    socket.on("room:leave", (request, ack) => {
      void __chatiaLeave(socket, request, ack, logger);
    });
  });
  return parent;
}

// Internals. Their names start with `__chatia` so they cannot meet a name from the catalog.

/**
 * What the emitters and the setup use of a socket.io `Server`, whatever its type parameters: they
 * type the namespaces they reach themselves, from the catalog. A type alias, not an interface, so
 * that declaration files can spell it in the exported signatures.
 */
type __ChatiaServerLike = {
  readonly _nsps: ReadonlyMap<string, unknown>;
  of(name: string | RegExp): object;
};

/** The setup declares no events between servers. */
type __ChatiaServerSideEvents = Record<string, never>;

/** What an emitter uses of a company namespace: it builds each event's name and payload itself. */
interface __ChatiaEmitTarget {
  emit(event: string, payload: PayloadBase): boolean;
  to(room: string): { emit(event: string, payload: PayloadBase): boolean };
}

const __chatiaConsoleLogger: SocketLogger = {
  warn: (context, message) => console.warn(message, context),
  error: (context, message) => console.error(message, context),
};

class __ChatiaFixedWindowLimiter implements CompanyRateLimiter {
  private readonly windows = new Map<number, { start: number; count: number }>();

  constructor(
    readonly events: number,
    readonly windowSeconds: number,
    private readonly now: () => number,
  ) {}

  take(companyId: number): number {
    const now = this.now();
    let window = this.windows.get(companyId);
    if (window === undefined || now - window.start >= this.windowSeconds * 1000 || now < window.start) {
      window = { start: now, count: 0 };
      this.windows.set(companyId, window);
    }
    window.count += 1;
    return window.count <= this.events ? 0 : window.count - this.events;
  }
}

const __chatiaLimiters = new WeakMap<object, CompanyRateLimiter>();

function __chatiaDefaultLimiter(io: __ChatiaServerLike): CompanyRateLimiter {
  let limiter = __chatiaLimiters.get(io);
  if (limiter === undefined) {
    limiter = createCompanyRateLimiter();
    __chatiaLimiters.set(io, limiter);
  }
  return limiter;
}

class __ChatiaEmitterCore {
  readonly namespace: CompanyNamespace;
  private readonly valid: boolean;

  constructor(
    readonly io: __ChatiaServerLike,
    readonly companyId: number,
    readonly userId: number,
    readonly limiter: CompanyRateLimiter,
    readonly logger: SocketLogger,
    readonly onRateLimited: ((dropped: RateLimitedEmit) => void) | undefined,
  ) {
    this.namespace = companyNamespace(companyId);
    this.valid = Number.isSafeInteger(companyId) && companyId >= 0;
  }

  /** Emits to the company namespace, or to one room of it. Throws on failure; callers catch. */
  send(event: string, payload: PayloadBase, room: string | undefined): EmitOutcome {
    if (!this.valid) {
      throw new Error(`companyId ${String(this.companyId)} is not a company id`);
    }
    const dropped = this.limiter.take(this.companyId);
    if (dropped > 0) {
      return this.drop(event, payload, dropped);
    }
    const namespace = this.io.of(this.namespace) as __ChatiaEmitTarget;
    if (room === undefined) {
      namespace.emit(event, payload);
    } else {
      namespace.to(room).emit(event, payload);
    }
    return "sent";
  }

  fail(event: string, error: unknown): EmitOutcome {
    try {
      const context = { companyId: this.companyId, userId: this.userId, event, err: error };
      this.logger.error(context, "socket emit failed; the request goes on without real time");
    } catch {
      // A failing logger must not turn a lost emit into a failed request.
    }
    return "failed";
  }

  private drop(event: string, payload: PayloadBase, droppedInWindow: number): EmitOutcome {
    const limit = this.limiter.events;
    const windowSeconds = this.limiter.windowSeconds;
    try {
      if (droppedInWindow === 1) {
        const context = { companyId: this.companyId, userId: this.userId, event, limit, windowSeconds };
        this.logger.warn(context, "socket emits dropped: the company reached its rate limit for this window");
      }
      this.onRateLimited?.({ companyId: this.companyId, userId: this.userId, event, payload, limit, windowSeconds, droppedInWindow });
    } catch (error) {
      this.fail(event, error);
    }
    return "rate-limited";
  }
}

class __ChatiaSocketEmitter implements SocketEmitter {
{%- for ev in events %}
  readonly {{ ev.member }}: {{ ev.emitter }};
{%- endfor %}

  constructor(core: __ChatiaEmitterCore) {
{%- for ev in events %}
    this.{{ ev.member }} = new {{ ev.class }}(core);
{%- endfor %}
  }
}
{% for ev in events %}
{%- if !ev.rooms.is_empty() %}
function {{ ev.room_fn }}(target: {{ ev.room_target }}): string {
  switch (target.room) {
{%- for r in ev.rooms %}
    case {{ r.literal }}:
{%- endfor %}
      return roomName(target);
    default:
      throw new Error("room " + JSON.stringify((target as { room?: unknown }).room) + {{ ev.wrong_room }});
  }
}
{% endif %}
class {{ ev.class }} implements {{ ev.emitter }} {
  private readonly __chatiaEvent: {{ ev.event_name }};

  constructor(private readonly __chatiaCore: __ChatiaEmitterCore) {
    this.__chatiaEvent = eventNames.{{ ev.member }}(__chatiaCore.companyId);
  }
{% for a in ev.actions %}
  {{ a.method }}({{ a.params }}): EmitOutcome {
    const core = this.__chatiaCore;
    try {
      const payload: {{ a.variant }} = {
        action: {{ a.literal }},
        companyId: core.companyId,
        userId: core.userId,
        timestamp: new Date().toISOString(),
{%- for f in a.fields %}
        {{ f.key }}: {{ f.value }},
{%- endfor %}
      };
{%- for f in a.optional_fields %}
      if ({{ f.given }}) {
        {{ f.assign }};
      }
{%- endfor %}
      return core.send(this.__chatiaEvent, payload, {{ a.room }});
    } catch (error) {
      return core.fail(this.__chatiaEvent, error);
    }
  }
{% endfor -%}
}
{% endfor %}
async function __chatiaAuthenticate(
  socket: CompanyServerSocket,
  options: CompanyNamespacesOptions,
  logger: SocketLogger,
): Promise<Error | undefined> {
  const companyId = companyIdOfNamespace(socket.nsp.name);
  const token: unknown = socket.handshake.auth["token"];
  if (companyId === undefined || typeof token !== "string" || token === "") {
    return new Error("unauthorized");
  }
  let user: VerifiedUser | null | undefined;
  try {
    user = await options.verifyToken(token, socket);
  } catch (error) {
    logger.warn({ companyId, err: error }, "socket token verification threw; the connection is refused");
    return new Error("unauthorized");
  }
  if (user === null || user === undefined) {
    return new Error("unauthorized");
  }
  if (user.companyId !== companyId) {
    const context = { companyId, userId: user.userId, tokenCompanyId: user.companyId };
    logger.warn(context, "socket refused: the token belongs to another company");
    return new Error("forbidden");
  }
  socket.data.companyId = companyId;
  socket.data.userId = user.userId;
  return undefined;
}

/** The room a client's request names, when the request is well formed; clients are not trusted. */
function __chatiaRequestedRoom(request: unknown): string | undefined {
  if (typeof request !== "object" || request === null) {
    return undefined;
  }
  const fields = request as { readonly [key: string]: unknown };
  switch (fields["room"]) {
{%- for r in joinable %}
    case {{ r.literal }}:
      return {{ r.answer }};
{%- endfor %}
    default:
      return undefined;
  }
}

{%- if !joinable.is_empty() %}

/** Whether a room request names no key but `room` and the room's parameters. */
function __chatiaHasOnlyKeys(fields: object, keys: readonly string[]): boolean {
  return Object.keys(fields).every((key) => keys.includes(key));
}
{%- endif %}
{%- if ce.uses.integer %}

function __chatiaIsInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value);
}
{%- endif %}
{%- if uses_enum_check %}

function __chatiaIsOneOf(value: unknown, values: readonly string[]): value is string {
  return typeof value === "string" && values.includes(value);
}
{%- endif %}

function __chatiaAnswer(ack: unknown, result: Ack): void {
  if (typeof ack === "function") {
    ack(result);
  }
}

async function __chatiaJoin(
  socket: CompanyServerSocket,
  request: unknown,
  ack: unknown,
  options: CompanyNamespacesOptions,
  logger: SocketLogger,
): Promise<void> {
  const room = __chatiaRequestedRoom(request);
  if (room === undefined) {
    __chatiaAnswer(ack, { ok: false, error: { code: "invalid-payload", message: "invalid room request" } });
    return;
  }
  let allowed = false;
  try {
    allowed = (await options.canJoinRoom?.(request as RoomRequest, socket.data, socket)) === true;
  } catch (error) {
    const context = { companyId: socket.data.companyId, userId: socket.data.userId, room, err: error };
    logger.error(context, "room ownership check threw; the join is refused");
  }
  if (!allowed) {
    __chatiaAnswer(ack, { ok: false, error: { code: "forbidden", message: "the ownership check refused the room" } });
    return;
  }
  if (socket.disconnected) {
    return;
  }
  try {
    await socket.join(room);
    __chatiaAnswer(ack, { ok: true });
  } catch (error) {
    logger.error({ companyId: socket.data.companyId, userId: socket.data.userId, room, err: error }, "room join failed");
    __chatiaAnswer(ack, { ok: false, error: { code: "internal", message: "join failed" } });
  }
}

async function __chatiaLeave(socket: CompanyServerSocket, request: unknown, ack: unknown, logger: SocketLogger): Promise<void> {
  const room = __chatiaRequestedRoom(request);
  if (room === undefined) {
    __chatiaAnswer(ack, { ok: false, error: { code: "invalid-payload", message: "invalid room request" } });
    return;
  }
  try {
    await socket.leave(room);
    __chatiaAnswer(ack, { ok: true });
  } catch (error) {
    logger.error({ companyId: socket.data.companyId, userId: socket.data.userId, room, err: error }, "room leave failed");
    __chatiaAnswer(ack, { ok: false, error: { code: "internal", message: "leave failed" } });
  }
}
{% include "ts/server_client_dispatch.ts" %}
