//! TypeScript server emitters for Node socket.io 4.7: one emitter per event bound to a company
//! and a user, the company rate limiter, and the namespace setup with authentication, room joins
//! and the client events (`client_events`). Every name, literal and expression is computed here;
//! `ts/server.ts` and the templates it includes lay them out.

mod client_events;

use std::collections::BTreeSet;

use anyhow::Result;
use askama::Template;

use crate::catalog::model::is_identifier;
use crate::catalog::model::{RateScope, TsAdapterKind};
use crate::catalog::names::{doc_lines, js_string, ts_inherited_accessor, ts_object_key};
use crate::gen::imports::types_import;
use crate::gen::Target;
use crate::protocol::{Limit, ParamType, Pattern, Protocol, RoomDecl, Segment, ServerEvent, ACK_ERROR_CODES};
use client_events::{CheckerBody, ClientEventsView};

#[derive(Template)]
#[template(path = "ts/server.ts", escape = "none")]
struct ServerView {
    /// The module specifier of the payload types, quoted.
    types_import: String,
    /// Type names imported from the payload types, sorted.
    type_imports: Vec<String>,
    rate_events: u64,
    rate_window: u64,
    /// The rate limits are counted in Redis: emits resolve once it has counted them.
    cluster: bool,
    /// The script that counts one emit in Redis.
    rate_script: &'static str,
    /// What an emit method returns: `EmitOutcome`, or a promise of it in cluster scope.
    outcome: &'static str,
    /// `"campaign" | "ticket"`, or `never`: the events with a budget of their own.
    budgeted_type: String,
    /// `EVENT_BUDGETS`'s value: `{ campaign: { events: 120, windowSeconds: 60 } }`.
    budgets_value: String,
    /// The Node servers' Redis adapter, when the catalog names one.
    adapter: Option<AdapterView>,
    /// The company namespaces as a regular expression literal: `/^\/workspace-(0|[1-9]\d*)$/`.
    namespace_regex: String,
    events: Vec<EventView>,
    rooms: Vec<RoomView>,
    /// Some event may target rooms: the emitters name them.
    any_event_rooms: bool,
    joinable: Vec<JoinView>,
    any_joinable: bool,
    uses_enum_check: bool,
    /// Client events: handlers, validators, the spec table.
    ce: ClientEventsView,
    /// Whether some client event has a handler: otherwise `handlers` is optional.
    any_handler: bool,
    /// Whether some client event runs the ownership check: otherwise `authorize` is optional.
    any_authorize: bool,
    /// The acknowledgement's error codes, as string literals.
    ack_error_codes: Vec<String>,
}

struct EventView {
    /// The resource as the catalog spells it, for doc comments.
    resource: String,
    /// `ticket`: the emitter's property.
    member: String,
    /// `TicketEmitter`.
    emitter: String,
    /// `TicketRoomTarget`.
    room_target: String,
    /// `TicketEventName`.
    event_name: String,
    /// `__ChatiaTicketEmitter`, the class behind `TicketEmitter`.
    class: String,
    /// `__chatiaTicketRoom`, which checks a target at run time and names its room.
    room_fn: String,
    /// The error message suffix when a target names another room, as a string literal.
    wrong_room: String,
    doc: Vec<String>,
    broadcast: bool,
    /// The rooms the event may target, as string literals.
    rooms: Vec<RoomRef>,
    actions: Vec<ActionView>,
}

struct AdapterView {
    /// `@socket.io/redis-streams-adapter` rather than `@socket.io/redis-adapter`.
    streams: bool,
    /// The channel, as a string literal.
    channel: String,
}

struct RoomRef {
    literal: String,
}

struct ActionView {
    /// `statusChange`.
    method: String,
    /// `TicketStatusChangePayload`.
    variant: String,
    /// `"status-change"`.
    literal: String,
    doc: Vec<String>,
    /// `data: EmitData<TicketStatusChangePayload>, target?: TicketRoomTarget`.
    params: String,
    /// The carried fields that are always there: payload key and the expression that reads it.
    fields: Vec<FieldValue>,
    /// Optional carried fields, set only when the caller gave them: no key holds `undefined`.
    optional_fields: Vec<FieldValue>,
    /// The rooms expression handed to `send`: `undefined`, or the rooms named by `target`.
    room: String,
    /// The `__ChatiaDelivery` literal: the budget the action counts against, and how it is sent.
    delivery: String,
}

struct FieldValue {
    key: String,
    value: String,
    /// `data.reason !== undefined`: an optional field was given.
    given: String,
    /// `payload.reason = data.reason`: sets an optional field that was given.
    assign: String,
}

struct RoomView {
    literal: String,
    /// `` `ticket-${target.ticketId}` ``.
    name_value: String,
}

struct JoinView {
    literal: String,
    /// What `__chatiaRequestedRoom` returns for this room: its name when the request's
    /// parameters have the right types, `undefined` otherwise.
    answer: String,
}

pub fn render_server(protocol: &Protocol) -> Result<String> {
    let joinable: Vec<&RoomDecl> = protocol.joinable_rooms().collect();
    let param_types = || joinable.iter().flat_map(|room| room.params.iter().map(|p| &p.ty));
    let mut ce = client_events::view(protocol);
    let cluster = protocol.rate_scope == RateScope::Cluster;
    // Room requests and client events share the integer check.
    ce.uses.integer |= param_types().any(|ty| *ty == ParamType::Integer);
    let view = ServerView {
        types_import: types_import(&protocol.outputs, Target::TypescriptServer)?,
        type_imports: type_imports(protocol, &ce),
        rate_events: protocol.rate_limit.events,
        rate_window: protocol.rate_limit.window_seconds,
        cluster,
        rate_script: crate::protocol::RATE_SCRIPT,
        outcome: if cluster { "Promise<EmitOutcome>" } else { "EmitOutcome" },
        budgeted_type: budgeted_type(protocol),
        budgets_value: budgets_value(protocol),
        adapter: protocol.adapters.typescript.as_ref().map(|(kind, channel)| AdapterView {
            streams: *kind == TsAdapterKind::RedisStreams,
            channel: js_string(channel),
        }),
        namespace_regex: namespace_regex(&protocol.namespace),
        events: protocol.events.iter().map(event_view).collect(),
        rooms: protocol
            .rooms
            .iter()
            .map(|room| RoomView {
                literal: js_string(&room.name),
                name_value: room_name_value(room, |param| format!("target.{param}")),
            })
            .collect(),
        any_event_rooms: protocol.events.iter().any(|event| !event.rooms.is_empty()),
        joinable: joinable.iter().map(|room| join_view(protocol, room)).collect(),
        any_joinable: !joinable.is_empty(),
        uses_enum_check: param_types().any(|ty| matches!(ty, ParamType::Enum(_))),
        any_handler: !ce.handlers.is_empty(),
        any_authorize: !ce.authorized.is_empty(),
        ack_error_codes: ACK_ERROR_CODES.iter().map(|code| js_string(code)).collect(),
        ce,
    };
    Ok(view.render()?)
}

fn budgeted(protocol: &Protocol) -> impl Iterator<Item = (&ServerEvent, Limit)> {
    protocol.events.iter().filter_map(|event| Some((event, event.budget?)))
}

fn budgeted_type(protocol: &Protocol) -> String {
    let names: Vec<String> = budgeted(protocol).map(|(event, _)| js_string(&event.resource)).collect();
    if names.is_empty() {
        "never".to_owned()
    } else {
        names.join(" | ")
    }
}

fn budgets_value(protocol: &Protocol) -> String {
    let entries: Vec<String> = budgeted(protocol)
        .map(|(event, budget)| {
            format!(
                "{}: {{ events: {}, windowSeconds: {} }}",
                ts_object_key(&event.resource),
                budget.events,
                budget.window_seconds
            )
        })
        .collect();
    if entries.is_empty() {
        "{}".to_owned()
    } else {
        format!("{{ {} }}", entries.join(", "))
    }
}

/// Names the server file imports from the payload types: only those it uses, so the file
/// compiles under `noUnusedLocals`.
fn type_imports(protocol: &Protocol, ce: &ClientEventsView) -> Vec<String> {
    let mut names: BTreeSet<String> = [
        "Ack",
        "AckErrorCode",
        "ClientEventName",
        "ClientToServerEvents",
        "CompanyNamespace",
        "PayloadBase",
        "RoomRequest",
        "ServerToClientEvents",
        "SocketData",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    if !protocol.client_events.is_empty() {
        names.insert("ClientEventArgs".to_owned());
    }
    names.extend(ce.type_names.iter().cloned());
    if !protocol.rooms.is_empty() {
        names.insert("RoomTarget".to_owned());
    }
    for event in &protocol.events {
        names.insert(event.ts.event_name.clone());
        names.extend(event.ts.variants.iter().cloned());
    }
    names.into_iter().collect()
}

fn event_view(event: &ServerEvent) -> EventView {
    let names = &event.ts;
    let room_fn = names.room_fn.clone();
    let has_rooms = !event.rooms.is_empty();
    let targets = format!("{0} | readonly {0}[]", names.room_target);
    let target_param = match (has_rooms, event.broadcast) {
        (false, _) => None,
        (true, true) => Some(format!("target?: {targets}")),
        (true, false) => Some(format!("target: {targets}")),
    };
    let room = match (has_rooms, event.broadcast) {
        (false, _) => "undefined".to_owned(),
        (true, true) => format!("target === undefined ? undefined : __chatiaRoomsOf(target, {room_fn})"),
        (true, false) => format!("__chatiaRoomsOf(target, {room_fn})"),
    };
    let actions = event
        .actions
        .iter()
        .zip(&names.variants)
        .zip(&names.methods)
        .map(|((action, variant), method)| {
            let carried = &action.carried;
            let data_param = (!carried.is_empty()).then(|| format!("data: EmitData<{variant}>"));
            let mut doc = doc_lines(action.description.as_deref());
            if !doc.is_empty() {
                doc.push(String::new());
            }
            doc.push(format!(
                "Sends `{{ action: \"{}\"{} }}` with `companyId`, `userId` and `timestamp` filled in.",
                action.name,
                carried.iter().map(|c| format!(", {}", c.field.name)).collect::<String>()
            ));
            ActionView {
                method: method.clone(),
                variant: variant.clone(),
                literal: js_string(&action.name),
                doc,
                params: data_param
                    .into_iter()
                    .chain(target_param.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
                fields: carried
                    .iter()
                    .filter(|c| !c.field.optional)
                    .map(|c| field_value(&c.field.name))
                    .collect(),
                optional_fields: carried
                    .iter()
                    .filter(|c| c.field.optional)
                    .map(|c| field_value(&c.field.name))
                    .collect(),
                room: room.clone(),
                delivery: format!(
                    "{{ resource: {}, critical: {}, volatile: {} }}",
                    js_string(&event.resource),
                    action.critical,
                    action.volatile
                ),
            }
        })
        .collect();
    EventView {
        resource: event.resource.clone(),
        member: names.member.clone(),
        emitter: names.emitter.clone(),
        room_target: names.room_target.clone(),
        event_name: names.event_name.clone(),
        class: names.class.clone(),
        room_fn,
        wrong_room: js_string(&format!(" is not a room of {} events", event.resource)),
        doc: doc_lines(event.description.as_deref()),
        broadcast: event.broadcast,
        rooms: event
            .rooms
            .iter()
            .map(|room| RoomRef {
                literal: js_string(room),
            })
            .collect(),
        actions,
    }
}

fn join_view(protocol: &Protocol, room: &RoomDecl) -> JoinView {
    let read = |param: &str| format!("fields[{}]", js_string(param));
    let checks: Vec<String> = room
        .params
        .iter()
        .map(|param| match &param.ty {
            ParamType::Integer => format!("__chatiaIsInteger({})", read(&param.name)),
            ParamType::String => format!("typeof {} === \"string\"", read(&param.name)),
            ParamType::Enum(name) => {
                let values = protocol
                    .enum_values(name)
                    .map(|values| values.iter().map(|v| js_string(v)).collect::<Vec<_>>().join(", "))
                    .unwrap_or_default();
                format!("__chatiaIsOneOf({}, [{values}])", read(&param.name))
            }
        })
        .collect();
    let keys: Vec<String> = std::iter::once("room")
        .chain(room.params.iter().map(|param| param.name.as_str()))
        .map(js_string)
        .collect();
    let checks = std::iter::once(format!("__chatiaHasOnlyKeys(fields, [{}])", keys.join(", "))).chain(checks);
    let name_value = room_name_value(room, read);
    let answer = format!("{} ? {name_value} : undefined", checks.collect::<Vec<_>>().join(" && "));
    JoinView {
        literal: js_string(&room.name),
        answer,
    }
}

/// A room's name as a template literal value, reading each parameter with `read`.
fn room_name_value(room: &RoomDecl, read: impl Fn(&str) -> String) -> String {
    room.pattern.ts_template(|param| Some(format!("${{{}}}", read(param))))
}

/// `object.name`, or `object["name"]` when the name is not an identifier.
/// How an emitter method reads a carried field from `data` and puts it into `payload`.
fn field_value(name: &str) -> FieldValue {
    let value = access("data", name);
    if ts_inherited_accessor(name) {
        // `data.__proto__` of an object without that own key is `Object.prototype`, and
        // assigning it calls the setter: test and define the own property instead.
        let key = js_string(name);
        return FieldValue {
            key: ts_object_key(name),
            given: format!("Object.prototype.hasOwnProperty.call(data, {key}) && {value} !== undefined"),
            assign: format!(
                "Object.defineProperty(payload, {key}, {{ value: {value}, enumerable: true, writable: true, configurable: true }})"
            ),
            value,
        };
    }
    FieldValue {
        key: ts_object_key(name),
        given: format!("{value} !== undefined"),
        assign: format!("{} = {value}", access("payload", name)),
        value,
    }
}

fn access(object: &str, name: &str) -> String {
    if is_identifier(name) {
        format!("{object}.{name}")
    } else {
        format!("{object}[{}]", js_string(name))
    }
}

/// The namespace pattern as a regular expression literal matching every company's namespace:
/// literal text escaped, the first `{companyId}` a group of a canonical integer (so it matches
/// exactly the names `companyNamespace` builds), later ones a back-reference to it.
fn namespace_regex(pattern: &Pattern) -> String {
    let mut out = String::from("/^");
    let mut first = true;
    for segment in &pattern.segments {
        match segment {
            Segment::Text(text) => out.push_str(&regex_text(text)),
            Segment::Param(_) => {
                out.push_str(if first { r"(0|[1-9]\d*)" } else { r"\1" });
                first = false;
            }
        }
    }
    out.push_str("$/");
    out
}

/// Literal text inside a regular expression literal: metacharacters and `/` escaped, anything
/// outside printable ASCII as `\uXXXX` so no line terminator can end the literal.
fn regex_text(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' | '^' | '$' | '.' | '|' | '?' | '*' | '+' | '(' | ')' | '[' | ']' | '{' | '}' | '/' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespace_regex_escapes_text_and_captures_the_company() {
        let regex = |text: &str| namespace_regex(&crate::protocol::pattern(text).unwrap());
        assert_eq!(regex("/workspace-{companyId}"), r"/^\/workspace-(0|[1-9]\d*)$/");
        assert_eq!(regex("/a.b/{companyId}/{companyId}"), r"/^\/a\.b\/(0|[1-9]\d*)\/\1$/");
        assert_eq!(regex("/é\n{companyId}"), r"/^\/\u00e9\u000a(0|[1-9]\d*)$/");
    }
}
