
// Client events. Every event a client sends goes through `__chatiaReceive`, a socket middleware
// that runs before any listener: it checks the event in the contract's order (unknown → rate
// limit → size → shape → ownership) and serves it itself, so no listener ever sees arguments
// that were not checked. Only `room:join` and `room:leave` go on, to their listeners above.

/** A client's acknowledgement callback. */
type __ChatiaReply = (reply: Ack<unknown>) => void;

/** One positional argument of a client event, as the validator checks it. */
interface __ChatiaParam {
  readonly name: string;
  /** The catalog's type expression, for the refusal's detail. */
  readonly type: string;
  readonly nullable: boolean;
  readonly check: (value: unknown) => boolean;
}

/**
 * A client event as the setup serves it. Each spec is written against its own arguments (`Args`),
 * so `request` and `serve` are type-checked where they are written; the table below forgets
 * `Args` (methods are bivariant), which is sound because a spec's methods only ever receive
 * arguments its own `params` accepted.
 */
interface __ChatiaSpec<Args extends readonly unknown[]> {
  /** Where the socket keeps this event's rate-limit window. */
  readonly index: number;
  readonly event: ClientEventName;
  readonly params: readonly __ChatiaParam[];
  /** How many leading arguments a client must send; the rest are optional. */
  readonly required: number;
  readonly ack: "none" | "optional" | "required";
  /** A successful reply carries what `serve` returned as `data`. */
  readonly replyData: boolean;
  /** The largest `JSON.stringify(args)`, in UTF-8 bytes. */
  readonly maxBytes: number;
  /** The ownership check's request: only events the catalog has `authorize` on have one. */
  request?(args: Args): AuthorizeRequest;
  serve(client: __ChatiaClient, args: Args): unknown;
}

{%- if !ce.events.is_empty() %}

function __chatiaSpec<Args extends readonly unknown[]>(spec: __ChatiaSpec<Args>): __ChatiaSpec<readonly unknown[]> {
  return spec;
}
{%- endif %}

const __chatiaClientEventSpecs = new Map<string, __ChatiaSpec<readonly unknown[]>>([
{%- for e in ce.events %}
  [
    {{ e.literal }},
    __chatiaSpec<ClientEventArgs[{{ e.literal }}]>({
      index: {{ e.index }},
      event: {{ e.literal }},
      params: [{% if e.params.is_empty() %}]{% endif %}
{%- for p in e.params %}
        { name: {{ p.name }}, type: {{ p.type_text }}, nullable: {{ p.nullable }}, check: {{ p.check }} },
{%- if loop.last %}
      ]
{%- endif %}
{%- endfor %},
      required: {{ e.required }},
      ack: "{{ e.ack }}",
      replyData: {{ e.reply_data }},
      maxBytes: {{ e.max_bytes }},
{%- if e.authorize %}
      request: (args) => ({ event: {{ e.literal }}, args }),
{%- endif %}
      serve: ({{ e.serve_params }}) => {{ e.serve }},
    }),
  ],
{%- endfor %}
]);

const __chatiaAckErrorCodes: readonly string[] = [{% for code in ack_error_codes %}{% if !loop.first %}, {% endif %}{{ code }}{% endfor %}];

/** The setup's client-event options, resolved once for every socket. */
interface __ChatiaClientEventsSetup {
  readonly io: __ChatiaServerLike;
  readonly options: CompanyNamespacesOptions;
  /** By spec index. */
  readonly limits: readonly ClientRateLimit[];
  readonly now: () => number;
  readonly logger: SocketLogger;
}

function __chatiaClientEventsSetup(io: __ChatiaServerLike, options: CompanyNamespacesOptions, logger: SocketLogger): __ChatiaClientEventsSetup {
  const overrides = options.clientRateLimits;
  const limits = Array.from(__chatiaClientEventSpecs.values(), (spec) => __chatiaRateLimitOverride(overrides, spec.event) ?? clientRateLimits[spec.event]);
  return { io, options, limits, now: options.now ?? Date.now, logger };
}

function __chatiaRateLimitOverride(overrides: ClientRateLimitOverrides | undefined, event: ClientEventName): ClientRateLimit | undefined {
  if (overrides === undefined) {
    return undefined;
  }
  if (__chatiaIsMap(overrides)) {
    return overrides.get(event);
  }
  // An own property only: a limit for an event named like `constructor` must not read `Object.prototype`.
  return Object.prototype.hasOwnProperty.call(overrides, event) ? overrides[event] : undefined;
}

function __chatiaIsMap(overrides: ClientRateLimitOverrides): overrides is ReadonlyMap<ClientEventName, ClientRateLimit> {
  return overrides instanceof Map;
}

/** A fixed window of one event's arrivals on one socket. */
interface __ChatiaWindow {
  start: number;
  count: number;
}

/** A refusal as the acknowledgement and the log see it. */
interface __ChatiaRefusal {
  readonly code: AckErrorCode;
  /** What the acknowledgement says. */
  readonly message: string;
  /** Not logged when `undefined`: unknown events after a socket's first, rate limits after a window's first. */
  readonly level: "warn" | "error" | undefined;
  readonly detail?: string;
  /** What a check or a handler threw. */
  readonly error?: unknown;
}

/** One socket's client events: what its handlers receive, its rate-limit windows, its log context. */
class __ChatiaClient {
  readonly context: ClientEventContext;
  private readonly windows: (__ChatiaWindow | undefined)[] = [];
  private unknownLogged = false;

  constructor(
    readonly socket: CompanyServerSocket,
    readonly setup: __ChatiaClientEventsSetup,
  ) {
    const user: VerifiedUser = { companyId: socket.data.companyId, userId: socket.data.userId };
    const emitter = createSocketEmitter(setup.io, user.companyId, user.userId, setup.options.emitterOptions);
    this.context = { socket, user, emitter };
  }

{%- if any_handler %}

  get handlers(): ClientEventHandlers {
    return this.setup.options.handlers;
  }
{%- endif %}

  /** Counts one arrival: 0 when it is within the limit, otherwise how many arrivals of the window were over it, this one included. */
  countArrival(spec: __ChatiaSpec<readonly unknown[]>): number {
    const limit = this.setup.limits[spec.index] ?? clientRateLimits[spec.event];
    const now = this.setup.now();
    let window = this.windows[spec.index];
    if (window === undefined || now - window.start >= limit.windowSeconds * 1000 || now < window.start) {
      window = { start: now, count: 0 };
      this.windows[spec.index] = window;
    }
    window.count += 1;
    return window.count <= limit.events ? 0 : window.count - limit.events;
  }

  /** True the first time only: a client that sends unknown events is logged once, not flooded into the log. */
  firstUnknown(): boolean {
    const first = !this.unknownLogged;
    this.unknownLogged = true;
    return first;
  }

  join(room: string): Promise<void> | void {
    // A socket that left while its ownership check ran must not be added back to a room.
    return this.socket.connected ? this.socket.join(room) : undefined;
  }

  leave(room: string): Promise<void> | void {
    return this.socket.leave(room);
  }

  log(level: "warn" | "error", event: string, refusal: __ChatiaRefusal, message: string): void {
    const context: { [key: string]: unknown } = {
      companyId: this.context.user.companyId,
      userId: this.context.user.userId,
      socketId: this.socket.id,
      event,
      reason: refusal.code,
    };
    if (refusal.detail !== undefined) {
      context["detail"] = refusal.detail;
    }
    if ("error" in refusal) {
      context["err"] = refusal.error;
    }
    try {
      this.setup.logger[level](context, message);
    } catch {
      // A failing logger must not turn a refusal into a throw out of socket.io's listener.
    }
  }
}

function __chatiaReceive(client: __ChatiaClient, packet: readonly unknown[], next: (error?: Error) => void): void {
  const event = packet[0];
  if (event === "room:join" || event === "room:leave") {
    next();
    return;
  }
  const last = packet[packet.length - 1];
  const reply = packet.length > 1 && typeof last === "function" ? (last as __ChatiaReply) : undefined;
  const args = packet.slice(1, reply === undefined ? packet.length : -1);
  try {
    __chatiaCheck(client, event, args, reply);
  } catch (error) {
    __chatiaRefuse(client, __chatiaEventText(event), reply, { code: "internal", message: "the server failed to check the event", level: "error", error });
  }
}

function __chatiaCheck(client: __ChatiaClient, event: unknown, args: readonly unknown[], reply: __ChatiaReply | undefined): void {
  const spec = typeof event === "string" ? __chatiaClientEventSpecs.get(event) : undefined;
  if (spec === undefined) {
    const text = __chatiaEventText(event);
    const level = client.firstUnknown() ? "warn" : undefined;
    __chatiaRefuse(client, text, reply, { code: "not-found", message: `unknown event ${JSON.stringify(text)}`, level });
    return;
  }
  const over = client.countArrival(spec);
  if (over > 0) {
    const limit = client.setup.limits[spec.index] ?? clientRateLimits[spec.event];
    const message = `too many ${spec.event} events: at most ${limit.events} per ${limit.windowSeconds} s`;
    __chatiaRefuse(client, spec.event, reply, { code: "rate-limited", message, level: over === 1 ? "warn" : undefined });
    return;
  }
  const problem = __chatiaSizeProblem(spec, args) ?? __chatiaArgumentProblem(spec, args) ?? __chatiaReplyProblem(spec, reply);
  if (problem !== undefined) {
    __chatiaRefuse(client, spec.event, reply, { code: "invalid-payload", message: `invalid ${spec.event}: ${problem}`, level: "warn", detail: problem });
    return;
  }
  __chatiaAuthorize(client, spec, args, reply);
}

/** An event name for messages and logs: a client may send a long one. */
function __chatiaEventText(event: unknown): string {
  const text = String(event);
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

function __chatiaSizeProblem(spec: __ChatiaSpec<readonly unknown[]>, args: readonly unknown[]): string | undefined {
  const text = JSON.stringify(args);
  // A UTF-16 unit is 1 to 3 UTF-8 bytes: only text that may be near the limit needs counting.
  if (text.length * 3 <= spec.maxBytes) {
    return undefined;
  }
  const bytes = Buffer.byteLength(text, "utf8");
  return bytes > spec.maxBytes ? `its arguments are ${bytes} bytes of JSON, more than ${spec.maxBytes}` : undefined;
}

function __chatiaArgumentProblem(spec: __ChatiaSpec<readonly unknown[]>, args: readonly unknown[]): string | undefined {
  const count = spec.params.length;
  if (args.length < spec.required || args.length > count) {
    const expected = spec.required === count ? `${count}` : `${spec.required} to ${count}`;
    return `it takes ${expected} argument${count === 1 ? "" : "s"}, got ${args.length}`;
  }
  for (let i = 0; i < args.length; i++) {
    const param = spec.params[i];
    const value = args[i];
    if (param !== undefined && !(value === null ? param.nullable : param.check(value))) {
      return `argument ${i + 1} (${param.name}) is not ${value === null ? "nullable" : `a valid ${param.type}`}`;
    }
  }
  return undefined;
}

function __chatiaReplyProblem(spec: __ChatiaSpec<readonly unknown[]>, reply: __ChatiaReply | undefined): string | undefined {
  return spec.ack === "required" && reply === undefined ? "it needs an acknowledgement callback" : undefined;
}

function __chatiaAuthorize(client: __ChatiaClient, spec: __ChatiaSpec<readonly unknown[]>, args: readonly unknown[], reply: __ChatiaReply | undefined): void {
  if (spec.request === undefined) {
    __chatiaServe(client, spec, args, reply);
    return;
  }
  let verdict: unknown;
  try {
    verdict = client.setup.options.authorize?.(spec.request(args), client.context.user, client.socket);
  } catch (error) {
    __chatiaForbid(client, spec, reply, { error });
    return;
  }
  if (__chatiaIsPromiseLike(verdict)) {
    verdict.then(
      (allowed) => __chatiaAllowed(client, spec, args, reply, allowed),
      (error: unknown) => __chatiaForbid(client, spec, reply, { error }),
    );
  } else {
    __chatiaAllowed(client, spec, args, reply, verdict);
  }
}

function __chatiaAllowed(client: __ChatiaClient, spec: __ChatiaSpec<readonly unknown[]>, args: readonly unknown[], reply: __ChatiaReply | undefined, allowed: unknown): void {
  if (allowed === true) {
    __chatiaServe(client, spec, args, reply);
  } else {
    __chatiaForbid(client, spec, reply, {});
  }
}

/** Anything but a yes refuses: a no is a warning, a throw an error (the check itself failed). */
function __chatiaForbid(client: __ChatiaClient, spec: __ChatiaSpec<readonly unknown[]>, reply: __ChatiaReply | undefined, threw: { error?: unknown }): void {
  const message = `the ownership check refused ${spec.event}`;
  const refusal: __ChatiaRefusal =
    "error" in threw
      ? { code: "forbidden", message, level: "error", detail: "authorize threw", error: threw.error }
      : { code: "forbidden", message, level: "warn", detail: "authorize did not return true" };
  __chatiaRefuse(client, spec.event, reply, refusal);
}

function __chatiaServe(client: __ChatiaClient, spec: __ChatiaSpec<readonly unknown[]>, args: readonly unknown[], reply: __ChatiaReply | undefined): void {
  let result: unknown;
  try {
    result = spec.serve(client, args);
  } catch (error) {
    __chatiaRefuse(client, spec.event, reply, __chatiaHandlerRefusal(error));
    return;
  }
  if (__chatiaIsPromiseLike(result)) {
    result.then(
      (data) => __chatiaServed(client, spec, reply, data),
      (error: unknown) => __chatiaRefuse(client, spec.event, reply, __chatiaHandlerRefusal(error)),
    );
  } else {
    __chatiaServed(client, spec, reply, result);
  }
}

function __chatiaServed(client: __ChatiaClient, spec: __ChatiaSpec<readonly unknown[]>, reply: __ChatiaReply | undefined, data: unknown): void {
  if (spec.ack !== "none") {
    __chatiaReplyTo(client, spec.event, reply, spec.replyData ? { ok: true, data } : { ok: true });
  }
}

/** A `ClientEventError` refuses with its code; anything else a handler (or a join) throws is `internal`. */
function __chatiaHandlerRefusal(error: unknown): __ChatiaRefusal {
  if (error instanceof ClientEventError && __chatiaAckErrorCodes.includes(error.code)) {
    const level = error.code === "internal" ? "error" : "warn";
    return { code: error.code, message: error.message, level, detail: "the handler refused the event" };
  }
  return { code: "internal", message: "the server failed to serve the event", level: "error", error };
}

function __chatiaRefuse(client: __ChatiaClient, event: string, reply: __ChatiaReply | undefined, refusal: __ChatiaRefusal): void {
  if (refusal.level !== undefined) {
    client.log(refusal.level, event, refusal, `client event refused: ${refusal.message}`);
  }
  __chatiaReplyTo(client, event, reply, { ok: false, error: { code: refusal.code, message: refusal.message } });
}

function __chatiaReplyTo(client: __ChatiaClient, event: string, reply: __ChatiaReply | undefined, body: Ack<unknown>): void {
  if (reply === undefined) {
    return;
  }
  try {
    reply(body);
  } catch (error) {
    // socket.io could not send it (a handler's data that JSON cannot carry): say so instead.
    client.log("error", event, { code: "internal", message: "reply failed", level: "error", error }, "client event reply failed");
    try {
      reply({ ok: false, error: { code: "internal", message: "the server failed to send the reply" } });
    } catch {
      // Nothing more can reach this client.
    }
  }
}

function __chatiaIsPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
{%- if ce.uses.number %}

function __chatiaIsNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}
{%- endif %}
{%- if ce.uses.string %}

function __chatiaIsString(value: unknown): value is string {
  return typeof value === "string";
}
{%- endif %}
{%- if ce.uses.boolean %}

function __chatiaIsBoolean(value: unknown): value is boolean {
  return typeof value === "boolean";
}
{%- endif %}
{%- if ce.uses.datetime %}

const __chatiaDateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** `YYYY-MM-DDTHH:MM:SS`, a fraction of 1 to 9 digits or none, then `Z` or `±HH:MM`: a real date and time of day. */
function __chatiaIsDateTime(value: unknown): value is string {
  if (typeof value !== "string" || !__chatiaDateTimePattern.test(value)) {
    return false;
  }
  // The pattern fixed where each field is: read them in place, without capture groups (5 times faster).
  const year = __chatiaTwoDigits(value, 0) * 100 + __chatiaTwoDigits(value, 2);
  const month = __chatiaTwoDigits(value, 5);
  const day = __chatiaTwoDigits(value, 8);
  const zone = value.length - 6;
  const offset = value.endsWith("Z") || (__chatiaTwoDigits(value, zone + 1) <= 23 && __chatiaTwoDigits(value, zone + 4) <= 59);
  const date = month >= 1 && month <= 12 && day >= 1 && day <= __chatiaDaysInMonth(year, month);
  return date && __chatiaTwoDigits(value, 11) <= 23 && __chatiaTwoDigits(value, 14) <= 59 && __chatiaTwoDigits(value, 17) <= 59 && offset;
}

function __chatiaTwoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + (text.charCodeAt(at + 1) - 48);
}

function __chatiaDaysInMonth(year: number, month: number): number {
  if (month === 2) {
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
{%- endif %}
{%- if ce.uses.plain_object() %}

/** What JSON gives for an object: not null, not an array, no prototype but `Object.prototype`. */
function __chatiaIsPlainObject(value: unknown): value is { readonly [key: string]: unknown } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
{%- endif %}
{%- if ce.uses.object %}

/** A plain object with no key outside `keys`. */
function __chatiaIsObjectWithOnly(value: unknown, keys: ReadonlySet<string>): value is { readonly [key: string]: unknown } {
  if (!__chatiaIsPlainObject(value)) {
    return false;
  }
  for (const key in value) {
    if (!keys.has(key)) {
      return false;
    }
  }
  return true;
}
{%- endif %}
{%- if ce.uses.array %}

function __chatiaIsArrayOf(value: unknown, check: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) {
    return false;
  }
  const items: readonly unknown[] = value;
  for (const item of items) {
    if (!check(item)) {
      return false;
    }
  }
  return true;
}
{%- endif %}
{%- if ce.uses.map %}

function __chatiaIsMapOf(value: unknown, check: (item: unknown) => boolean): boolean {
  if (!__chatiaIsPlainObject(value)) {
    return false;
  }
  for (const key in value) {
    if (!check(value[key])) {
      return false;
    }
  }
  return true;
}
{%- endif %}
{%- if ce.uses.optional %}

/** An optional key may be absent, but not `null`. */
function __chatiaOptional(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === undefined || check(value);
}
{%- endif %}
{%- if ce.uses.nullable %}

function __chatiaNullable(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === null || check(value);
}
{%- endif %}
{%- if ce.uses.optional_nullable %}

function __chatiaOptionalNullable(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === undefined || value === null || check(value);
}
{%- endif %}
{%- if ce.uses.own %}

/** The key's own value: an absent `constructor` must not read as `Object.prototype.constructor`. */
function __chatiaOwn(object: { readonly [key: string]: unknown }, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}
{%- endif %}
{%- for c in ce.checkers %}
{% match c.body %}
{%- when CheckerBody::Enum with (values) %}
/** One of the values of `{{ c.type_text }}`, as they are spelled: case and accents count. */
function {{ c.name }}(value: unknown): value is {{ c.ty }} {
{%- if values.len() > 3 %}
  return (
{%- for v in values %}
    value === {{ v }}{% if !loop.last %} ||{% endif %}
{%- endfor %}
  );
{%- else %}
  return {% for v in values %}{% if !loop.first %} || {% endif %}value === {{ v }}{% endfor %}{% if values.is_empty() %}false{% endif %};
{%- endif %}
}
{%- when CheckerBody::Dto with { keys_const, keys, fields } %}
const {{ keys_const }}: ReadonlySet<string> = new Set([{% for k in keys %}{% if !loop.first %}, {% endif %}{{ k }}{% endfor %}]);

/** `{{ c.type_text }}`: a plain object with its keys and no other, each value of its type. */
function {{ c.name }}(value: unknown): value is {{ c.ty }} {
  return (
    __chatiaIsObjectWithOnly(value, {{ keys_const }}){% for f in fields %} &&
    {{ f }}{% endfor %}
  );
}
{%- when CheckerBody::Array with (item) %}
/** `{{ c.type_text }}`: an array whose every item is valid. */
function {{ c.name }}(value: unknown): value is {{ c.ty }} {
  return __chatiaIsArrayOf(value, {{ item }});
}
{%- when CheckerBody::Map with (item) %}
/** `{{ c.type_text }}`: a plain object whose every value is valid. */
function {{ c.name }}(value: unknown): value is {{ c.ty }} {
  return __chatiaIsMapOf(value, {{ item }});
}
{%- endmatch %}
{%- endfor %}
