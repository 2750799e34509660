{%- import "ts/macros.ts" as m -%}
/* eslint-disable */
// Payload types and typed event maps of the company namespaces `{{ namespace_pattern }}`.
// Use them with socket.io's generics: `Server<ClientToServerEvents, ServerToClientEvents>`.
{% call m::declarations(enums.as_slice(), dtos.as_slice()) %}{% endcall %}

/** The name of a company's namespace. */
export type CompanyNamespace = {{ namespace_type }};

/** The namespace of one company. */
export function companyNamespace(companyId: number): CompanyNamespace {
  return {{ namespace_value }};
}
{% for ev in events %}
{%- call m::event(ev.payloads) %}{% endcall %}
{% endfor %}

/** Each event's name for one company, by resource. */
export const eventNames = {
{%- for ev in events %}
  {{ ev.member }}: (companyId: number): {{ ev.payloads.event_name }} => {{ ev.name_value }},
{%- endfor %}
} as const;
{% for r in rooms %}
{%- call m::doc(r.doc.as_slice(), "") %}{% endcall %}
export type {{ r.name }} = {{ r.name_type }};
{% endfor %}
/** A room of a company namespace with its parameters: what an emit may target. */
export type RoomTarget ={% for r in rooms %}
  | { {% for p in r.request %}{{ p.key }}: {{ p.ty }}; {% endfor %}}{% endfor %}{% if rooms.is_empty() %} never{% endif %};

/** What a client may ask to join; the server runs its ownership check before it joins. */
export type RoomRequest ={% for r in rooms %}{% if r.joinable %}
  | { {% for p in r.request %}{{ p.key }}: {{ p.ty }}; {% endfor %}}{% endif %}{% endfor %}{% if !any_joinable %} never{% endif %};

/** Why the server refused a client event or a room request. */
export type AckErrorCode = "invalid-payload" | "forbidden" | "rate-limited" | "not-found" | "internal";

export interface AckError {
  code: AckErrorCode;
  /** Human-readable; compare `code`, not this text. */
  message: string;
}

/**
 * The reply the server sends through an acknowledgement callback: `data` when the event's reply
 * carries some, or an error.
 */
export type Ack<T = never> = { ok: true; data?: T } | { ok: false; error: AckError };

/** The answer to a `room:join` or `room:leave` request. */
export type RoomResult = Ack;

/** Events the server emits to clients of a company namespace. */
export interface ServerToClientEvents {
{%- for ev in events %}
  [event: {{ ev.payloads.event_name }}]: (payload: {{ ev.payloads.payload }}) => void;
{%- endfor %}
}

/** Events clients send to the server. */
export interface ClientToServerEvents {
  "room:join": (request: RoomRequest, ack?: (reply: RoomResult) => void) => void;
  "room:leave": (request: RoomRequest, ack?: (reply: RoomResult) => void) => void;
{%- for ce in client_events %}
{%- call m::doc(ce.doc.as_slice(), "  ") %}{% endcall %}
  {{ ce.key }}: ({{ ce.params }}) => void;
{%- endfor %}
}

/** Every client event of the catalog, by the name the client emits. */
export const clientEventNames = [{% for ce in client_events %}{% if !loop.first %}, {% endif %}{{ ce.literal }}{% endfor %}] as const;

export type ClientEventName = (typeof clientEventNames)[number];

/** The arguments of each client event, as the server has them once they are validated. */
export interface ClientEventArgs {
{%- for ce in client_events %}
  {{ ce.key }}: {{ ce.args }};
{%- endfor %}
}

/** What the authentication middleware stores on each socket. */
export interface SocketData {
  companyId: number;
  userId: number;
}
