{%- import "ts/macros.ts" as m -%}
/* eslint-disable */
// Payload types and typed event maps of the company namespaces `{{ namespace_pattern }}`.
// Use them with socket.io's generics: `Server<ClientToServerEvents, ServerToClientEvents>`.
{% for e in enums %}
{%- call m::doc(e.doc.as_slice(), "") %}{% endcall %}
export type {{ e.name }} = {% for v in e.values %}{% if !loop.first %} | {% endif %}{{ v }}{% endfor %};
{% endfor %}
{%- for d in dtos %}
{%- call m::doc(d.doc.as_slice(), "") %}{% endcall %}
export interface {{ d.name }} {
{%- call m::props(d.props.as_slice()) %}{% endcall %}
}
{% endfor %}
/** Fields every payload carries, whatever the event. */
export interface PayloadBase {
  /** The company whose namespace carries the event. */
  companyId: number;
  /** The user whose request caused the event. */
  userId: number;
  /** When it happened: ISO 8601, as `Date.prototype.toISOString()` writes it. */
  timestamp: string;
}

/** The name of a company's namespace. */
export type CompanyNamespace = {{ namespace_type }};

/** The namespace of one company. */
export function companyNamespace(companyId: number): CompanyNamespace {
  return {{ namespace_value }};
}
{% for ev in events %}
{%- for v in ev.variants %}
{%- call m::doc(v.doc.as_slice(), "") %}{% endcall %}
export interface {{ v.interface }} extends PayloadBase {
{%- call m::props(v.props.as_slice()) %}{% endcall %}
}
{% endfor %}
{%- call m::doc(ev.doc.as_slice(), "") %}{% endcall %}
export type {{ ev.payload }} ={% for v in ev.variants %}
  | {{ v.interface }}{% endfor %};

export type {{ ev.action_type }} = {{ ev.payload }}["action"];

/** The name of this event for one company. */
export type {{ ev.event_name }} = {{ ev.name_type }};
{% endfor %}

/** Each event's name for one company, by resource. */
export const eventNames = {
{%- for ev in events %}
  {{ ev.member }}: (companyId: number): {{ ev.event_name }} => {{ ev.name_value }},
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

/** The answer to a `room:join` or `room:leave` request. */
export type RoomResult = { ok: true } | { ok: false; error: string };

/** Events the server emits to clients of a company namespace. */
export interface ServerToClientEvents {
{%- for ev in events %}
  [event: {{ ev.event_name }}]: (payload: {{ ev.payload }}) => void;
{%- endfor %}
}

/** Events clients send to the server. */
export interface ClientToServerEvents {
  "room:join": (request: RoomRequest, ack?: (result: RoomResult) => void) => void;
  "room:leave": (request: RoomRequest, ack?: (result: RoomResult) => void) => void;
}

/** What the authentication middleware stores on each socket. */
export interface SocketData {
  companyId: number;
  userId: number;
}
