{%- import "rust/macros.rs" as m -%}
/// A room of a company namespace, written `{ room: "<name>", <parameters> }` like a `room:join`
/// request. Clients ask for the joinable ones ([`RoomRequest`]); the application joins sockets to
/// the others itself, e.g. in [`SocketGuard::on_connect`]: `socket.join(room.name())`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
#[serde(tag = "room")]
pub enum Room {
{%- call m::room_variants(rooms.as_slice()) %}{% endcall %}
}

impl Room {
{%- call m::room_name(rooms.as_slice()) %}{% endcall %}
}

/// What a client sends with `room:join` and `room:leave`, e.g. `{ room: "ticket", ticketId: 1 }`.
/// Only joinable rooms are listed: a request for any other room is refused before the
/// application's ownership check runs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
#[serde(tag = "room")]
pub enum RoomRequest {
{%- call m::room_variants(joinable.as_slice()) %}{% endcall %}
}

impl RoomRequest {
{%- call m::room_name(joinable.as_slice()) %}{% endcall %}
}

/// The acknowledgement of `room:join` and `room:leave`: `{ ok: true }` or
/// `{ ok: false, error: { code, message } }`.
pub type RoomResult = Ack;
{% for ev in events %}
{%- if !ev.rooms.is_empty() %}
/// The rooms `{{ ev.name_doc }}` may be sent to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
#[serde(tag = "room")]
pub enum {{ ev.room_enum }} {
{%- call m::room_variants(ev.rooms.as_slice()) %}{% endcall %}
}

impl {{ ev.room_enum }} {
{%- call m::room_name(ev.rooms.as_slice()) %}{% endcall %}
}
{% endif %}
{%- endfor %}
{%- for r in rooms %}
fn {{ r.builder }}({% for p in r.params %}{{ p.ident }}: {{ p.arg_ty }}{% if !loop.last %}, {% endif %}{% endfor %}) -> String {
    {{ r.name_expr }}
}
{% endfor -%}
