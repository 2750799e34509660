//! TypeScript server emitters for Node socket.io 4.7: one emitter per event bound to a company
//! and a user, the company rate limiter, and the namespace setup with authentication and room
//! joins. Every name, literal and expression is computed here; `ts/server.ts` lays them out.

use std::collections::BTreeSet;

use anyhow::Result;
use askama::Template;

use super::{doc_lines, template_type, types_import};
use crate::catalog::model::{is_identifier, Catalog, Room};
use crate::catalog::names::{js_string, ts_member, ts_property, ts_stem, TsEventNames};
use crate::catalog::validate::placeholders;
use crate::catalog::Loaded;
use crate::gen::Target;

#[derive(Template)]
#[template(path = "ts/server.ts", escape = "none")]
struct ServerView {
    /// The module specifier of the payload types, quoted.
    types_import: String,
    /// Type names imported from the payload types, sorted.
    type_imports: Vec<String>,
    rate_events: i64,
    rate_window: i64,
    /// The company namespaces as a regular expression literal: `/^\/workspace-(0|[1-9]\d*)$/`.
    namespace_regex: String,
    events: Vec<EventView>,
    rooms: Vec<RoomView>,
    joinable: Vec<JoinView>,
    any_joinable: bool,
    uses_integer_check: bool,
    uses_enum_check: bool,
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
    /// The room expression handed to `send`: `undefined`, or the room named by `target`.
    room: String,
}

struct FieldValue {
    key: String,
    value: String,
    /// `payload.reason`, for optional fields.
    target: String,
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

pub fn render_server(loaded: &Loaded) -> Result<String> {
    let catalog = &loaded.catalog;
    let events: Vec<EventView> = catalog.events.keys().map(|resource| event_view(catalog, resource)).collect();
    let joinable: Vec<(&String, &Room)> = catalog.rooms.iter().filter(|(_, room)| room.joinable).collect();
    let param_types = || joinable.iter().flat_map(|(_, room)| room.params.values());
    let view = ServerView {
        types_import: types_import(loaded, Target::TypescriptServer)?,
        type_imports: type_imports(catalog),
        rate_events: catalog.conventions.rate_limit.events,
        rate_window: catalog.conventions.rate_limit.window_seconds,
        namespace_regex: namespace_regex(&catalog.conventions.namespace)?,
        events,
        rooms: catalog
            .rooms
            .iter()
            .map(|(name, room)| {
                Ok(RoomView {
                    literal: js_string(name),
                    name_value: room_name_value(room, |param| format!("target.{param}"))?,
                })
            })
            .collect::<Result<_>>()?,
        joinable: joinable
            .iter()
            .map(|(name, room)| join_view(catalog, name, room))
            .collect::<Result<_>>()?,
        any_joinable: !joinable.is_empty(),
        uses_integer_check: param_types().any(|ty| ty == "integer"),
        uses_enum_check: param_types().any(|ty| !matches!(ty.as_str(), "integer" | "string")),
    };
    Ok(view.render()?)
}

/// Names the server file imports from the payload types: only those it uses, so the file
/// compiles under `noUnusedLocals`.
fn type_imports(catalog: &Catalog) -> Vec<String> {
    let mut names: BTreeSet<String> = [
        "ClientToServerEvents",
        "CompanyNamespace",
        "PayloadBase",
        "RoomRequest",
        "RoomResult",
        "ServerToClientEvents",
        "SocketData",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    if !catalog.rooms.is_empty() {
        names.insert("RoomTarget".to_owned());
    }
    for (resource, event) in &catalog.events {
        let event_names = TsEventNames::new(resource, event.actions.keys().map(String::as_str));
        names.insert(event_names.event_name);
        names.extend(event_names.variants);
    }
    names.into_iter().collect()
}

fn event_view(catalog: &Catalog, resource: &str) -> EventView {
    let event = &catalog.events[resource];
    let names = TsEventNames::new(resource, event.actions.keys().map(String::as_str));
    let stem = ts_stem(resource);
    let room_fn = format!("__chatia{stem}Room");
    let has_rooms = !event.rooms.is_empty();
    let target_param = match (has_rooms, event.broadcast) {
        (false, _) => None,
        (true, true) => Some(format!("target?: {}", names.room_target)),
        (true, false) => Some(format!("target: {}", names.room_target)),
    };
    let room = match (has_rooms, event.broadcast) {
        (false, _) => "undefined".to_owned(),
        (true, true) => format!("target === undefined ? undefined : {room_fn}(target)"),
        (true, false) => format!("{room_fn}(target)"),
    };
    let actions = event
        .actions
        .iter()
        .zip(&names.variants)
        .map(|((action, spec), variant)| {
            let carried = event.carried(resource, action);
            let data_param = (!carried.is_empty()).then(|| format!("data: EmitData<{variant}>"));
            let mut doc = doc_lines(spec.description.as_deref());
            if !doc.is_empty() {
                doc.push(String::new());
            }
            doc.push(format!(
                "Sends `{{ action: \"{action}\"{} }}` with `companyId`, `userId` and `timestamp` filled in.",
                carried.iter().map(|c| format!(", {c}")).collect::<String>()
            ));
            let is_optional = |name: &&String| event.fields.get(*name).is_some_and(|field| field.optional);
            let field_value = |name: &String| FieldValue {
                key: ts_property(name),
                value: access("data", name),
                target: access("payload", name),
            };
            ActionView {
                method: ts_member(action),
                variant: variant.clone(),
                literal: js_string(action),
                doc,
                params: data_param
                    .into_iter()
                    .chain(target_param.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
                fields: carried.iter().filter(|name| !is_optional(name)).map(field_value).collect(),
                optional_fields: carried.iter().filter(is_optional).map(field_value).collect(),
                room: room.clone(),
            }
        })
        .collect();
    EventView {
        resource: resource.to_owned(),
        member: ts_member(resource),
        emitter: names.emitter,
        room_target: names.room_target,
        event_name: names.event_name,
        class: format!("__Chatia{stem}Emitter"),
        room_fn,
        wrong_room: js_string(&format!(" is not a room of {resource} events")),
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

fn join_view(catalog: &Catalog, name: &str, room: &Room) -> Result<JoinView> {
    let read = |param: &str| format!("fields[{}]", js_string(param));
    let checks: Vec<String> = room
        .params
        .iter()
        .map(|(param, ty)| match ty.as_str() {
            "integer" => format!("__chatiaIsInteger({})", read(param)),
            "string" => format!("typeof {} === \"string\"", read(param)),
            enum_name => {
                let values = catalog
                    .types
                    .get(enum_name)
                    .and_then(|def| def.variants.as_ref())
                    .map(|values| values.iter().map(|v| js_string(v)).collect::<Vec<_>>().join(", "))
                    .unwrap_or_default();
                format!("__chatiaIsOneOf({}, [{values}])", read(param))
            }
        })
        .collect();
    let name_value = room_name_value(room, read)?;
    let answer = if checks.is_empty() {
        name_value
    } else {
        format!("{} ? {name_value} : undefined", checks.join(" && "))
    };
    Ok(JoinView {
        literal: js_string(name),
        answer,
    })
}

/// A room's name as a template literal value, reading each parameter with `read`.
fn room_name_value(room: &Room, read: impl Fn(&str) -> String) -> Result<String> {
    template_type(&room.pattern, |param| Some(format!("${{{}}}", read(param))))
}

/// `object.name`, or `object["name"]` when the name is not an identifier.
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
fn namespace_regex(pattern: &str) -> Result<String> {
    let mut out = String::from("/^");
    let mut rest = pattern;
    let mut first = true;
    for name in placeholders(pattern).map_err(anyhow::Error::msg)? {
        let token = format!("{{{name}}}");
        let (before, after) = rest.split_once(&token).unwrap_or((rest, ""));
        out.push_str(&regex_text(before));
        out.push_str(if first { r"(0|[1-9]\d*)" } else { r"\1" });
        first = false;
        rest = after;
    }
    out.push_str(&regex_text(rest));
    out.push_str("$/");
    Ok(out)
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
        assert_eq!(
            namespace_regex("/workspace-{companyId}").unwrap(),
            r"/^\/workspace-(0|[1-9]\d*)$/"
        );
        assert_eq!(
            namespace_regex("/a.b/{companyId}/{companyId}").unwrap(),
            r"/^\/a\.b\/(0|[1-9]\d*)\/\1$/"
        );
        assert_eq!(namespace_regex("/é\n{companyId}").unwrap(), r"/^\/\u00e9\u000a(0|[1-9]\d*)$/");
    }
}
