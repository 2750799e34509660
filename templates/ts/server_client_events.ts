{%- import "ts/macros.ts" as m -%}

/**
 * Thrown by a client-event handler to refuse its event on purpose: the acknowledgement answers
 * `{ ok: false, error: { code, message } }`, e.g. `not-found` for a ticket that does not exist.
 * Any other throw or rejection answers `internal` and is logged as an error.
 */
export class ClientEventError extends Error {
  readonly code: AckErrorCode;

  constructor(code: AckErrorCode, message: string) {
    super(message);
    this.name = "ClientEventError";
    this.code = code;
  }
}

/** What a client-event handler receives before the event's arguments. */
export interface ClientEventContext {
  /** The client's socket, in its company's namespace. */
  readonly socket: CompanyServerSocket;
  /** Who the socket's token belongs to. */
  readonly user: VerifiedUser;
  /** Emitters bound to the socket's company and user, for what the event changes. */
  readonly emitter: SocketEmitter;
}

/**
 * One handler per client event that does not just join or leave a room. A handler runs only for
 * an event that passed its checks (rate limit, size, shape, and `authorize` where the catalog asks
 * for it); what it returns, or resolves to, is the reply's `data`. Throw `ClientEventError` to
 * refuse with a code.
 */
export interface ClientEventHandlers {
{%- for h in ce.handlers %}
{%- call m::doc(h.doc.as_slice(), "  ") %}{% endcall %}
  {{ h.member }}({{ h.params }}): {{ h.returns }};
{%- endfor %}
}

/** A client event whose ownership check runs, with its validated arguments: what `authorize` receives. */
export type AuthorizeRequest ={% for a in ce.authorized %}
  | { event: {{ a.literal }}; args: {{ a.args }} }{% endfor %}{% if ce.authorized.is_empty() %} never{% endif %};

/** How many arrivals of one client event a socket may send per window. */
export interface ClientRateLimit {
  readonly events: number;
  readonly windowSeconds: number;
}

/**
 * Rate limits that replace the catalog's, by event: an object, or a `Map`. An object cannot name
 * an event called like an `Object.prototype` member (`constructor`): every object already has one.
 */
export type ClientRateLimitOverrides = { readonly [Event in ClientEventName]?: ClientRateLimit } | ReadonlyMap<ClientEventName, ClientRateLimit>;

/** The catalog's rate limit of each client event, per socket; `clientRateLimits` in the setup's options overrides them. */
export const clientRateLimits: { readonly [Event in ClientEventName]: ClientRateLimit } = {
{%- for e in ce.events %}
  {{ e.key }}: { events: {{ e.rate_events }}, windowSeconds: {{ e.rate_window }} },
{%- endfor %}
};
