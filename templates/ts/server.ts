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
 * - `"sent"`: handed to socket.io for the company's namespace (or rooms), even when no client
 *   is connected to receive it; with a Redis adapter, socket.io forwards it to every server;
 * - `"rate-limited"`: dropped because the company (or the event) used up its budget for the
 *   current window; logged once per window and reported to `onRateLimited` each time;
 * - `"failed"`: socket.io or the arguments threw; logged with the company, user and event.
 *
 * The budgets (see `CompanyRateLimiter`): an action the catalog marks critical (by default every
 * `delete`) is always sent and counts against no budget. Any other emit first counts against its
 * event's own budget when the catalog gives it one, and is dropped when that is spent, without
 * counting against the company's; then it counts against the company's budget of
 * {{ rate_events }} emits per {{ rate_window }} s, shared by all its events, and is dropped when that is spent.
{%- if cluster %}
 * The catalog's scope is `cluster`: the budgets are counted in Redis, shared by every server
 * (`createClusterRateLimiter`), so each emit resolves once Redis has counted it.
{%- endif %}
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

/** `events` emits per window of `windowSeconds`. */
export interface RateBudget {
  readonly events: number;
  readonly windowSeconds: number;
}

/** The events the catalog gives a budget of their own (`rateLimit`), by resource. */
export type BudgetedEvent = {{ budgeted_type }};

/** Each event's own budget per company, as the catalog sets it. */
export const EVENT_BUDGETS: Readonly<Record<BudgetedEvent, RateBudget>> = {{ budgets_value }};

/** Why the rate limiter dropped an emit. */
export interface RateRefusal {
  /** `"company"`: the company's budget, shared by all its events; `"event"`: the event's own. */
  budget: "company" | "event";
  /** Emits that budget lets through per window. */
  limit: number;
  windowSeconds: number;
  /** How many emits that budget has dropped in the current window, this one included. */
  droppedInWindow: number;
}

/** An emit the rate limiter dropped, as `onRateLimited` receives it. */
export interface RateLimitedEmit extends EmitLogContext, RateRefusal {
  /** The payload that was not sent. */
  payload: PayloadBase;
}

export interface CompanyRateLimiterOptions {
  /** Emits per company per window; the catalog says {{ rate_events }}. */
  events?: number;
  /** Length of a window; the catalog says {{ rate_window }} seconds. */
  windowSeconds?: number;
  /** The events' own budgets instead of the catalog's (`EVENT_BUDGETS`), by resource. */
  eventBudgets?: Partial<Record<BudgetedEvent, RateBudget>>;
  /** The current time in milliseconds; `Date.now` unless a test drives the clock. */
  now?: () => number;
}

/**
 * Counts the emits of each company in fixed windows, for the company's budget and for each
 * event's own: a window opens with the first emit counted in it and lasts its `windowSeconds`;
 * within it the first `events` emits pass and the rest are dropped (see `EmitOutcome`).
{%- if cluster %}
 * It counts in this process only: the catalog's scope is `cluster`, so servers share
 * `createClusterRateLimiter` instead; this one is for tests and a single server.
{%- endif %}
 */
export interface CompanyRateLimiter {
  /** The company's budget. */
  readonly events: number;
  readonly windowSeconds: number;
  readonly eventBudgets: Readonly<Record<BudgetedEvent, RateBudget>>;
  /** Counts one emit of `resource`'s event: `undefined` when it may go out, otherwise why it is dropped. */
  take(companyId: number, resource: string): RateRefusal | undefined;
}

export function createCompanyRateLimiter(options: CompanyRateLimiterOptions = {}): CompanyRateLimiter {
  const company = { events: options.events ?? {{ rate_events }}, windowSeconds: options.windowSeconds ?? {{ rate_window }} };
  return new __ChatiaFixedWindowLimiter(company, { ...EVENT_BUDGETS, ...options.eventBudgets }, options.now ?? Date.now);
}
{%- if cluster %}

/**
 * Runs a Lua script on Redis and resolves with its reply, e.g. with node-redis 4
 * `(script, keys, args) => client.eval(script, { keys, arguments: args })`, or with ioredis
 * `(script, keys, args) => redis.eval(script, keys.length, ...keys, ...args)`.
 */
export type RedisScriptRunner = (script: string, keys: string[], args: string[]) => Promise<unknown>;

export interface ClusterRateLimiterOptions extends Omit<CompanyRateLimiterOptions, "now"> {
  /** How the limiter reaches the Redis every server shares. */
  run: RedisScriptRunner;
}

/**
 * The budgets of `CompanyRateLimiter`, counted in Redis so that every server of the deployment
 * shares them: one atomic script per emit (a round trip, about the cost of the emit itself on a
 * local network), under the keys `chatia-socket:rate:{companyId}` and
 * `chatia-socket:rate:{companyId}:{resource}`, which the generated Rust servers share too. Redis
 * expires each window. When Redis cannot be reached the emit is sent uncounted and the error is
 * logged: real time goes on through an outage of the limit, never the other way round.
 */
export interface ClusterRateLimiter {
  readonly events: number;
  readonly windowSeconds: number;
  readonly eventBudgets: Readonly<Record<BudgetedEvent, RateBudget>>;
  take(companyId: number, resource: string): Promise<RateRefusal | undefined>;
}

export function createClusterRateLimiter(options: ClusterRateLimiterOptions): ClusterRateLimiter {
  const company = { events: options.events ?? {{ rate_events }}, windowSeconds: options.windowSeconds ?? {{ rate_window }} };
  return new __ChatiaRedisLimiter(company, { ...EVENT_BUDGETS, ...options.eventBudgets }, options.run);
}
{%- endif %}

export interface SocketEmitterOptions {
{%- if cluster %}
  /** The budgets' counter; by default the one given to `setupCompanyNamespaces`, shared by the whole deployment. */
  rateLimiter?: ClusterRateLimiter | CompanyRateLimiter;
{%- else %}
  /** Shared by every emitter of the same server unless given: one limit per company, whichever request emits. */
  rateLimiter?: CompanyRateLimiter;
{%- endif %}
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
 * Without a target they go to the whole company namespace; with one room or several, only to
 * the clients in any of them, each once.
{%- endif %}{% else %}
 * They only go to rooms (one, or several: each client in any of them receives it once); the
 * catalog does not let them reach the whole company.
{%- endif %}
 */
export interface {{ ev.emitter }} {
{%- for a in ev.actions %}
{%- call m::doc(a.doc.as_slice(), "  ") %}{% endcall %}
  {{ a.method }}({{ a.params }}): {{ outcome }};
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

{%- if let Some(adapter) = adapter %}

/**
 * The Redis channel of the Node servers' adapter, as the catalog names it. Several servers share
 * the company namespaces through it:
{%- if adapter.streams %}
 * `new Server(http, { adapter: createAdapter(redis, { streamName: ADAPTER_CHANNEL }), connectionStateRecovery: connectionStateRecovery() })`
 * with `createAdapter` from `@socket.io/redis-streams-adapter`, which also keeps the sessions that
 * connection state recovery restores on another server.
{%- else %}
 * `new Server(http, { adapter: createAdapter(pub, sub, { key: ADAPTER_CHANNEL }) })` with
 * `createAdapter` from `@socket.io/redis-adapter` 8.x (pub/sub; connection state recovery then only
 * works on the server the client was on).
{%- endif %}
 * The generated Rust servers' adapter speaks another protocol: they cannot share this channel.
 */
export const ADAPTER_CHANNEL = {{ adapter.channel }};
{%- endif %}

/**
 * socket.io's connection state recovery (`new Server(http, { connectionStateRecovery: connectionStateRecovery() })`):
 * a client that comes back within `maxDisconnectionDuration` milliseconds gets the events it
 * missed and keeps its rooms (`socket.recovered`). The company middleware still runs on every
 * recovery (`skipMiddlewares: false`), so a token revoked meanwhile does not come back through
 * it; `setupCompanyNamespaces` refuses a server that would skip it.
 */
export function connectionStateRecovery(maxDisconnectionDuration = 120_000): { maxDisconnectionDuration: number; skipMiddlewares: false } {
  return { maxDisconnectionDuration, skipMiddlewares: false };
}

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
{%- if cluster %}
  /**
   * The budgets' counter shared by every server (`createClusterRateLimiter`): every emitter of
   * this server uses it unless its options give another.
   */
  rateLimiter: ClusterRateLimiter | CompanyRateLimiter;
{%- endif %}
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
 * before this call would serve clients without authentication, so this call throws then. It
 * throws too when the server's connection state recovery skips middlewares (socket.io's default
 * once recovery is on): a recovered client would skip authentication; see `connectionStateRecovery`.
 */
export function setupCompanyNamespaces(io: __ChatiaServerLike, options: CompanyNamespacesOptions): CompanyParentNamespace {
  for (const name of io._nsps.keys()) {
    if (COMPANY_NAMESPACE_PATTERN.test(name)) {
      throw new Error(`namespace ${name} exists before setupCompanyNamespaces; its clients would skip authentication`);
    }
  }
  const recovery = io._opts.connectionStateRecovery;
  if (recovery !== undefined && recovery.skipMiddlewares !== false) {
    throw new Error("connectionStateRecovery skips middlewares: a recovered client would skip authentication; pass connectionStateRecovery() to the Server");
  }
{%- if cluster %}
  __chatiaLimiters.set(io, options.rateLimiter);
{%- endif %}
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
  readonly _opts: { readonly connectionStateRecovery?: { readonly skipMiddlewares?: boolean } };
  of(name: string | RegExp): object;
};

/** The setup declares no events between servers. */
type __ChatiaServerSideEvents = Record<string, never>;

/** What an emitter uses of a company namespace: it builds each event's name and payload itself. */
interface __ChatiaBroadcast {
  emit(event: string, payload: PayloadBase): boolean;
  to(rooms: string[]): __ChatiaBroadcast;
}

interface __ChatiaEmitTarget extends __ChatiaBroadcast {
  readonly volatile: __ChatiaBroadcast;
}

/** How an action is sent: which event's budget it counts against, if any. */
interface __ChatiaDelivery {
  readonly resource: string;
  readonly critical: boolean;
  readonly volatile: boolean;
}

const __chatiaConsoleLogger: SocketLogger = {
  warn: (context, message) => console.warn(message, context),
  error: (context, message) => console.error(message, context),
};

/** A fixed window: it opens with the first emit counted in it and lasts its budget's length. */
interface __ChatiaWindow {
  start: number;
  count: number;
}

class __ChatiaFixedWindowLimiter implements CompanyRateLimiter {
  /** Past this many windows, the ones that ended are forgotten. */
  private static readonly TRACKED = 4096;
  private readonly windows = new Map<string, __ChatiaWindow>();
  readonly events: number;
  readonly windowSeconds: number;

  constructor(
    company: RateBudget,
    readonly eventBudgets: Readonly<Record<BudgetedEvent, RateBudget>>,
    private readonly now: () => number,
  ) {
    this.events = company.events;
    this.windowSeconds = company.windowSeconds;
  }

  take(companyId: number, resource: string): RateRefusal | undefined {
    const now = this.now();
    const own = __chatiaBudgetOf(this.eventBudgets, resource);
    if (own !== undefined) {
      const refusal = this.count(`${companyId}:${resource}`, own, now, "event");
      if (refusal !== undefined) {
        return refusal;
      }
    }
    return this.count(String(companyId), this, now, "company");
  }

  private count(key: string, budget: RateBudget, now: number, kind: RateRefusal["budget"]): RateRefusal | undefined {
    const length = budget.windowSeconds * 1000;
    let window = this.windows.get(key);
    if (window === undefined || now - window.start >= length || now < window.start) {
      this.forgetEnded(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= budget.events) {
      return undefined;
    }
    return { budget: kind, limit: budget.events, windowSeconds: budget.windowSeconds, droppedInWindow: window.count - budget.events };
  }

  private forgetEnded(now: number): void {
    if (this.windows.size < __ChatiaFixedWindowLimiter.TRACKED) {
      return;
    }
    // A window older than the longest budget has ended, whichever budget it counts.
    const lengths = Object.values<RateBudget>(this.eventBudgets).map((budget) => budget.windowSeconds);
    const longest = Math.max(this.windowSeconds, ...lengths) * 1000;
    for (const [key, window] of this.windows) {
      if (now - window.start >= longest || now < window.start) {
        this.windows.delete(key);
      }
    }
  }
}

/** The own budget of `resource`'s event, if it has one. */
function __chatiaBudgetOf(budgets: Readonly<Record<string, RateBudget>>, resource: string): RateBudget | undefined {
  return Object.prototype.hasOwnProperty.call(budgets, resource) ? budgets[resource] : undefined;
}
{%- if cluster %}

/**
 * One emit's count in Redis, atomically: the event's own budget first (when it has one), then the
 * company's; each key expires with its window. `{0, 0}` sent; `{1, n}` or `{2, n}` dropped by the
 * company's or the event's budget, the n-th drop of the window.
 */
const __CHATIA_RATE_SCRIPT = `
{{ rate_script }}`;

class __ChatiaRedisLimiter implements ClusterRateLimiter {
  readonly events: number;
  readonly windowSeconds: number;

  constructor(
    company: RateBudget,
    readonly eventBudgets: Readonly<Record<BudgetedEvent, RateBudget>>,
    private readonly run: RedisScriptRunner,
  ) {
    this.events = company.events;
    this.windowSeconds = company.windowSeconds;
  }

  async take(companyId: number, resource: string): Promise<RateRefusal | undefined> {
    const own = __chatiaBudgetOf(this.eventBudgets, resource);
    const keys = [`chatia-socket:rate:${companyId}`, `chatia-socket:rate:${companyId}:${resource}`];
    const args = [this.events, this.windowSeconds * 1000, own?.events ?? 0, (own?.windowSeconds ?? 1) * 1000].map(String);
    const reply = await this.run(__CHATIA_RATE_SCRIPT, keys, args);
    const [code, dropped] = Array.isArray(reply) ? reply.map(Number) : [];
    if (code === 0) {
      return undefined;
    }
    const budget = code === 2 ? own : code === 1 ? this : undefined;
    if (budget === undefined || dropped === undefined || !Number.isSafeInteger(dropped)) {
      throw new Error(`unexpected reply of the rate limit script: ${JSON.stringify(reply)}`);
    }
    return { budget: code === 2 ? "event" : "company", limit: budget.events, windowSeconds: budget.windowSeconds, droppedInWindow: dropped };
  }
}

/** The counter `setupCompanyNamespaces` was given, by server. */
const __chatiaLimiters = new WeakMap<object, ClusterRateLimiter | CompanyRateLimiter>();

function __chatiaDefaultLimiter(io: __ChatiaServerLike): ClusterRateLimiter | CompanyRateLimiter | undefined {
  return __chatiaLimiters.get(io);
}
{%- else %}

const __chatiaLimiters = new WeakMap<object, CompanyRateLimiter>();

function __chatiaDefaultLimiter(io: __ChatiaServerLike): CompanyRateLimiter {
  let limiter = __chatiaLimiters.get(io);
  if (limiter === undefined) {
    limiter = createCompanyRateLimiter();
    __chatiaLimiters.set(io, limiter);
  }
  return limiter;
}
{%- endif %}

class __ChatiaEmitterCore {
  readonly namespace: CompanyNamespace;
  private readonly valid: boolean;

  constructor(
    readonly io: __ChatiaServerLike,
    readonly companyId: number,
    readonly userId: number,
{%- if cluster %}
    readonly limiter: ClusterRateLimiter | CompanyRateLimiter | undefined,
{%- else %}
    readonly limiter: CompanyRateLimiter,
{%- endif %}
    readonly logger: SocketLogger,
    readonly onRateLimited: ((dropped: RateLimitedEmit) => void) | undefined,
  ) {
    this.namespace = companyNamespace(companyId);
    this.valid = Number.isSafeInteger(companyId) && companyId >= 0;
  }
{%- if cluster %}

  /**
   * Counts the emit in Redis, then emits to the company namespace, or to rooms of it. Throws on
   * failure; callers catch.
   */
  async send(event: string, payload: PayloadBase, rooms: string[] | undefined, delivery: __ChatiaDelivery): Promise<EmitOutcome> {
    this.check();
    const limiter = this.limiter;
    if (limiter === undefined) {
      throw new Error("no rate limiter: the catalog's scope is cluster; pass `rateLimiter` to setupCompanyNamespaces or to createSocketEmitter");
    }
    const refusal = delivery.critical ? undefined : await this.count(limiter, event, delivery);
    if (refusal !== undefined) {
      return this.drop(event, payload, refusal);
    }
    this.broadcast(event, payload, rooms, delivery);
    return "sent";
  }

  /** The limiter's verdict; when Redis cannot say, the emit goes out uncounted. */
  private async count(limiter: ClusterRateLimiter | CompanyRateLimiter, event: string, delivery: __ChatiaDelivery): Promise<RateRefusal | undefined> {
    try {
      return await limiter.take(this.companyId, delivery.resource);
    } catch (error) {
      const context = { companyId: this.companyId, userId: this.userId, event, err: error };
      this.logger.error(context, "rate limit store unreachable; the emit is sent uncounted");
      return undefined;
    }
  }
{%- else %}

  /** Emits to the company namespace, or to rooms of it. Throws on failure; callers catch. */
  send(event: string, payload: PayloadBase, rooms: string[] | undefined, delivery: __ChatiaDelivery): EmitOutcome {
    this.check();
    const refusal = delivery.critical ? undefined : this.limiter.take(this.companyId, delivery.resource);
    if (refusal !== undefined) {
      return this.drop(event, payload, refusal);
    }
    this.broadcast(event, payload, rooms, delivery);
    return "sent";
  }
{%- endif %}

  fail(event: string, error: unknown): EmitOutcome {
    try {
      const context = { companyId: this.companyId, userId: this.userId, event, err: error };
      this.logger.error(context, "socket emit failed; the request goes on without real time");
    } catch {
      // A failing logger must not turn a lost emit into a failed request.
    }
    return "failed";
  }

  private check(): void {
    if (!this.valid) {
      throw new Error(`companyId ${String(this.companyId)} is not a company id`);
    }
  }

  /**
   * `io.of` finds the company's namespace, or creates it as a child of the company parent (which
   * `setupCompanyNamespaces` made), with the server's adapter: with a Redis adapter the emit then
   * reaches the company's clients on every server, even when none is connected to this one.
   */
  private broadcast(event: string, payload: PayloadBase, rooms: string[] | undefined, delivery: __ChatiaDelivery): void {
    const namespace = this.io.of(this.namespace) as __ChatiaEmitTarget;
    const operator = delivery.volatile ? namespace.volatile : namespace;
    if (rooms === undefined) {
      operator.emit(event, payload);
    } else {
      operator.to(rooms).emit(event, payload);
    }
  }

  private drop(event: string, payload: PayloadBase, refusal: RateRefusal): EmitOutcome {
    try {
      if (refusal.droppedInWindow === 1) {
        const context = { companyId: this.companyId, userId: this.userId, event, ...refusal };
        const whose = refusal.budget === "event" ? "the event" : "the company";
        this.logger.warn(context, `socket emits dropped: ${whose} reached its rate limit for this window`);
      }
      this.onRateLimited?.({ companyId: this.companyId, userId: this.userId, event, payload, ...refusal });
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
  {% if cluster %}async {% endif %}{{ a.method }}({{ a.params }}): {{ outcome }} {
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
      return {% if cluster %}await {% endif %}core.send(this.__chatiaEvent, payload, {{ a.room }}, {{ a.delivery }});
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

{%- if any_event_rooms %}
/**
 * The names of one room target or several, each once. No target at all is an error: socket.io
 * reads an empty room list as the whole namespace.
 */
function __chatiaRoomsOf<T>(target: T | readonly T[], name: (one: T) => string): string[] {
  const targets = (Array.isArray(target) ? target : [target]) as readonly T[];
  if (targets.length === 0) {
    throw new Error("no room given: an empty list would reach the whole company");
  }
  return [...new Set(targets.map(name))];
}
{% endif %}
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
