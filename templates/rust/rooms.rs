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
{%- if joinable.is_empty() %}

    /// Reads a `room:join` or `room:leave` request: the catalog has no room clients may join.
    pub fn from_json(_: ::serde_json::Value) -> Result<Self, String> {
        Err("the catalog has no room clients may join".to_owned())
    }
{%- else %}

    /// Reads a `room:join` or `room:leave` request as the TypeScript server does: no key but
    /// `room` and the room's parameters, and a number only as JavaScript's safe integer (`1.0` is
    /// `1`, which JavaScript cannot tell apart).
    pub fn from_json(mut request: ::serde_json::Value) -> Result<Self, String> {
        let Some(fields) = request.as_object_mut() else {
            return Err("a room request is an object".to_owned());
        };
        let keys: &[&str] = match fields.get("room").and_then(::serde_json::Value::as_str) {
{%- for r in joinable %}
            Some({{ r.wire }}) => &["room"{% for p in r.params %}, {{ p.wire }}{% endfor %}],
{%- endfor %}
            _ => return Err("not a room clients may join".to_owned()),
        };
        if let Some(key) = fields.keys().find(|key| !keys.contains(&key.as_str())) {
            return Err(format!("{key:?} is not a parameter of the room"));
        }
{%- if uses_safe_integer %}
        if !fields.values_mut().all(|value| !value.is_number() || __chatia_safe_integer(value)) {
            return Err("a room parameter that is a number is an integer within ±(2^53 − 1)".to_owned());
        }
{%- endif %}
        ::serde_json::from_value(request).map_err(|error| error.to_string())
    }
{%- endif %}
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
{%- if uses_safe_integer %}
/// JavaScript's `Number.isSafeInteger` of a JSON value; an integral float becomes an integer,
/// which is how the generated types read it.
fn __chatia_safe_integer(value: &mut ::serde_json::Value) -> bool {
    const SAFE: u64 = (1 << 53) - 1;
    let ::serde_json::Value::Number(number) = value else {
        return false;
    };
    if number.as_u64().is_some_and(|n| n <= SAFE) || number.as_i64().is_some_and(|n| n.unsigned_abs() <= SAFE) {
        return true;
    }
    match number.as_f64() {
        Some(float) if float.fract() == 0.0 && float.abs() <= SAFE as f64 => {
            // Exact: a whole float within 2^53 is an integer that fits.
            *value = ::serde_json::Value::from(float as i64);
            true
        }
        _ => false,
    }
}
{% endif %}
{%- for r in rooms %}
fn {{ r.builder }}({% for p in r.params %}{{ p.ident }}: {{ p.arg_ty }}{% if !loop.last %}, {% endif %}{% endfor %}) -> String {
    {{ r.name_expr }}
}
{% endfor -%}
