//! Rust target: payload types, a per-company emitter and the namespace setup for socketioxide
//! 0.18. Every identifier and literal is computed here; the templates in `templates/rust/` only
//! lay them out.
//!
//! Every Rust name comes from the protocol's Rust names (`protocol::rust_names`).

mod client;

use anyhow::{Context, Result};
use askama::Template;

use crate::catalog::model::{RateScope, TypeExpr};
use crate::catalog::names::{doc_text, rust_doc_line, rust_string};
use crate::protocol::rust_names::{RustNames, RustTy};
use crate::protocol::{FieldDecl, Limit, ParamType, Pattern, Protocol, RoomDecl, Segment, ServerEvent, TypeKind};

#[derive(Template)]
#[template(path = "rust/socket_events.rs", escape = "none")]
struct ModuleView {
    /// The namespace pattern as written in the catalog, for the docs.
    namespace_pattern: String,
    /// The same pattern as a Rust literal, for `dyn_ns`.
    namespace_route: String,
    /// `[…].concat()` building the namespace from `company_id`.
    namespace_expr: String,
    /// The literal before `{companyId}` in the namespace pattern.
    namespace_prefix: String,
    /// `[…].concat()` building an event name from `company_id` and `resource`.
    event_expr: String,
    event_pattern: String,
    rate_events: u64,
    rate_window_seconds: u64,
    /// The Redis channel of the Rust servers' adapter as a Rust literal, when the catalog names one.
    rust_adapter_channel: Option<String>,
    /// The budgets are shared by all servers through Redis.
    cluster: bool,
    /// The script that counts one emit in Redis.
    rate_script: &'static str,
    /// Every event's resource as a Rust literal, with its own budget when it has one.
    budgets: Vec<(String, Option<Limit>)>,
    enums: Vec<EnumView>,
    dtos: Vec<DtoView>,
    events: Vec<EventView>,
    rooms: Vec<RoomView>,
    /// Rooms clients may ask to join.
    joinable: Vec<RoomView>,
    /// Whether some optional and nullable field needs `__chatia_wire::present`.
    uses_present: bool,
    /// Whether some optional and nullable number or date field needs `deserialize_present`.
    uses_wire_present: bool,
    /// The catalog has client events: their types, checks and serving exist.
    has_client_events: bool,
    /// A received integer is checked as JavaScript's safe integer: by client events or room requests.
    uses_safe_integer: bool,
    client: client::ClientView,
}

struct EnumView {
    name: String,
    doc: Vec<String>,
    variants: Vec<EnumVariantView>,
}

struct EnumVariantView {
    ident: String,
    /// The value on the wire, as a Rust literal.
    wire: String,
}

struct DtoView {
    name: String,
    doc: Vec<String>,
    fields: Vec<FieldView>,
}

/// A struct field, ready to print: `#[serde(<attrs>)] pub <ident>: <ty>,`.
struct FieldView {
    ident: String,
    ty: String,
    serde: String,
    doc: Vec<String>,
}

struct EventView {
    /// The resource as a Rust literal, for the event name.
    resource: String,
    doc: Vec<String>,
    /// `TicketPayload`, the internally tagged enum of all actions.
    payload: String,
    /// `TicketEventRoom`, the rooms this event may target; empty when it targets none.
    room_enum: String,
    rooms: Vec<RoomView>,
    /// The event may go to the whole company namespace.
    broadcast: bool,
    /// The event name pattern with the resource filled in, for docs.
    name_doc: String,
    actions: Vec<ActionView>,
}

struct ActionView {
    /// The enum variant, `StatusChange`.
    variant: String,
    /// The action on the wire, as a Rust literal.
    wire: String,
    /// The action as written in the catalog, for docs.
    name: String,
    /// `TicketStatusChangePayload`.
    payload: String,
    doc: Vec<String>,
    fields: Vec<FieldView>,
    /// `ticket_status_change`, and `ticket_status_change_to` for rooms.
    method: String,
    method_to: String,
    params: Vec<ParamView>,
    /// The room slice parameter of `method_to`.
    rooms_param: String,
    /// Struct field initialisers for the carried fields: `ticket: ticket.clone()`.
    inits: Vec<String>,
    /// The method has more parameters than clippy's `too_many_arguments` allows.
    many_args: bool,
    /// The `__ChatiaDelivery` literal: whether no rate limit drops it, and whether it is volatile.
    delivery: String,
}

struct ParamView {
    ident: String,
    ty: String,
}

#[derive(Clone)]
struct RoomView {
    /// The variant in `Room`, `RoomRequest` and the events' room enums.
    variant: String,
    /// The room name as a Rust literal, the `room` tag of a request.
    wire: String,
    doc: Vec<String>,
    /// `__chatia_room_ticket`, which builds the room name.
    builder: String,
    params: Vec<RoomParamView>,
    /// Body of the builder: `String::from("notification")` or `["ticket-", …].concat()`.
    name_expr: String,
}

#[derive(Clone)]
struct RoomParamView {
    ident: String,
    /// The parameter as a payload key, as a Rust literal.
    wire: String,
    /// Field type in the enums (`i64`, `String`, `TicketStatus`).
    ty: String,
    /// Parameter type of the builder (`i64`, `&str`, `TicketStatus`).
    arg_ty: String,
    /// How a matched `&field` is passed to the builder: `*ticket_id` or `queue_id`.
    arg: String,
}

pub fn render(protocol: &Protocol) -> Result<String> {
    let text = module_view(protocol)?.render().context("cannot render the rust templates")?;
    Ok(collapse_blank_lines(&text))
}

fn module_view(protocol: &Protocol) -> Result<ModuleView> {
    let names = &protocol.rust;
    let mut flags = Flags::default();
    let rooms = protocol
        .rooms
        .iter()
        .zip(&names.rooms)
        .map(|(room, rust)| room_view(names, room, rust))
        .collect::<Result<Vec<_>>>()?;
    let events = protocol
        .events
        .iter()
        .zip(&names.events)
        .map(|(event, rust)| event_view(protocol, &rooms, &mut flags, event, rust))
        .collect();
    let mut dtos = Vec::new();
    let mut enums = Vec::new();
    for decl in &protocol.types {
        let name = names.types[&decl.name].clone();
        let doc = doc_lines(decl.description.as_deref());
        match &decl.kind {
            TypeKind::Dto(fields) => dtos.push(DtoView {
                name,
                doc,
                fields: dto_fields(protocol, &mut flags, &decl.name, fields),
            }),
            TypeKind::Enum(values) => enums.push(EnumView {
                name,
                doc,
                variants: values
                    .iter()
                    .zip(&names.variants[&decl.name])
                    .map(|(value, ident)| EnumVariantView {
                        ident: ident.clone(),
                        wire: rust_string(value),
                    })
                    .collect(),
            }),
        }
    }
    let namespace = &protocol.namespace;
    let namespace_expr = concat_expr(namespace, |p| {
        (p == "companyId").then(|| "&company_id.to_string()".to_owned())
    })?;
    let event_expr = concat_expr(&protocol.event_pattern, |p| match p {
        "companyId" => Some("&company_id.to_string()".to_owned()),
        "resource" => Some("resource".to_owned()),
        _ => None,
    })?;
    let client = client::client_view(protocol)?;
    let mut joinable_params = protocol.joinable_rooms().flat_map(|room| &room.params);
    Ok(ModuleView {
        namespace_pattern: doc_text(&namespace.text),
        namespace_route: rust_string(&namespace.text),
        namespace_expr,
        namespace_prefix: rust_string(namespace.text.split("{companyId}").next().unwrap_or_default()),
        event_expr,
        event_pattern: doc_text(&protocol.event_pattern.text),
        rate_events: protocol.rate_limit.events,
        rate_window_seconds: protocol.rate_limit.window_seconds,
        rust_adapter_channel: protocol.adapters.rust.as_deref().map(rust_string),
        cluster: protocol.rate_scope == RateScope::Cluster,
        rate_script: crate::protocol::RATE_SCRIPT,
        budgets: protocol.events.iter().map(|e| (rust_string(&e.resource), e.budget)).collect(),
        enums,
        dtos,
        joinable: protocol
            .rooms
            .iter()
            .zip(&rooms)
            .filter(|(room, _)| room.joinable)
            .map(|(_, view)| view.clone())
            .collect(),
        events,
        rooms,
        uses_present: flags.present,
        uses_wire_present: flags.wire_present,
        has_client_events: !protocol.client_events.is_empty(),
        uses_safe_integer: client.uses.integer || joinable_params.any(|p| p.ty == ParamType::Integer),
        client,
    })
}

/// What the field attributes ended up needing from the private helpers.
#[derive(Default)]
struct Flags {
    present: bool,
    wire_present: bool,
}

fn dto_fields(protocol: &Protocol, flags: &mut Flags, dto: &str, fields: &[FieldDecl]) -> Vec<FieldView> {
    fields
        .iter()
        .zip(&protocol.rust.dto_fields[dto])
        .map(|(field, ident)| {
            let boxed = matches!(&field.ty, TypeExpr::Named(target) if inline_reaches(protocol, target, dto));
            let mut ty = protocol.rust.ty(&field.ty);
            if boxed {
                ty.text = format!("Box<{}>", ty.text);
            }
            field_view(flags, ident, field, &ty.declared(field))
        })
        .collect()
}

/// Whether a DTO holds `goal` inline — directly or through fields that are neither arrays nor
/// maps — so that a field of type `from` in `goal` would make `goal` infinitely large.
fn inline_reaches(protocol: &Protocol, from: &str, goal: &str) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    let mut pending = vec![from.to_owned()];
    while let Some(name) = pending.pop() {
        if name == goal {
            return true;
        }
        if !seen.insert(name.clone()) {
            continue;
        }
        for field in protocol.dto_fields(&name).into_iter().flatten() {
            if let TypeExpr::Named(next) = &field.ty {
                pending.push(next.clone());
            }
        }
    }
    false
}

fn field_view(flags: &mut Flags, ident: &str, field: &FieldDecl, ty: &RustTy) -> FieldView {
    let mut serde = vec![format!("rename = {}", rust_string(&field.name))];
    if field.optional {
        serde.push("default".to_owned());
        serde.push("skip_serializing_if = \"Option::is_none\"".to_owned());
    }
    match (ty.wire, field.optional && field.nullable) {
        (true, true) => {
            flags.wire_present = true;
            serde.push("serialize_with = \"__chatia_wire::serialize\"".to_owned());
            serde.push("deserialize_with = \"__chatia_wire::deserialize_present\"".to_owned());
        }
        (true, false) => serde.push("with = \"__chatia_wire\"".to_owned()),
        (false, true) => {
            flags.present = true;
            serde.push("deserialize_with = \"__chatia_wire::present\"".to_owned());
        }
        (false, false) => {}
    }
    let mut doc = doc_lines(field.description.as_deref());
    if matches!(field.ty, TypeExpr::DateTime) {
        doc.push("Written like JavaScript's `Date.prototype.toISOString()`.".to_owned());
    }
    FieldView {
        ident: ident.to_owned(),
        ty: ty.text.clone(),
        serde: serde.join(", "),
        doc,
    }
}

fn event_view(
    protocol: &Protocol,
    rooms: &[RoomView],
    flags: &mut Flags,
    event: &ServerEvent,
    rust: &crate::protocol::rust_names::RustEvent,
) -> EventView {
    let event_rooms: Vec<RoomView> = protocol
        .rooms
        .iter()
        .zip(rooms)
        .filter(|(room, _)| event.rooms.contains(&room.name))
        .map(|(_, view)| view.clone())
        .collect();
    let name_doc = doc_text(&protocol.event_pattern.text.replace("{resource}", &event.resource));
    let actions = event
        .actions
        .iter()
        .zip(&rust.actions)
        .map(|(action, names)| {
            let mut fields = Vec::new();
            let mut params = Vec::new();
            let mut inits = Vec::new();
            for ((carried, ident), param) in action.carried.iter().zip(&names.fields).zip(&names.params) {
                let ty = protocol.rust.field_ty(&carried.field);
                let field = field_view(flags, ident, &carried.field, &ty);
                let value = ty.passing(&param.ident).1;
                inits.push(if value == field.ident {
                    value
                } else {
                    format!("{}: {value}", field.ident)
                });
                params.push(ParamView {
                    ident: param.ident.clone(),
                    ty: param.ty.clone(),
                });
                fields.push(field);
            }
            ActionView {
                variant: names.variant.clone(),
                wire: rust_string(&action.name),
                name: doc_text(&action.name),
                payload: names.payload.clone(),
                doc: doc_lines(action.description.as_deref()),
                many_args: params.len() + 2 > 7,
                delivery: format!(
                    "__ChatiaDelivery {{ critical: {}, volatile: {} }}",
                    action.critical, action.volatile
                ),
                fields,
                method_to: names.method_to.clone(),
                method: names.method.clone(),
                rooms_param: "rooms".to_owned(),
                params,
                inits,
            }
        })
        .collect();
    EventView {
        resource: rust_string(&event.resource),
        doc: doc_lines(event.description.as_deref()),
        payload: rust.payload.clone(),
        room_enum: rust.room_enum.clone().unwrap_or_default(),
        rooms: event_rooms,
        broadcast: event.broadcast,
        name_doc,
        actions,
    }
}

fn room_view(names: &RustNames, room: &RoomDecl, rust: &crate::protocol::rust_names::RustRoom) -> Result<RoomView> {
    let params: Vec<(String, RoomParamView)> = room
        .params
        .iter()
        .zip(&rust.params)
        .map(|(param, ident)| {
            let ty = names.param_ty(&param.ty);
            let (arg_ty, arg) = match param.ty {
                ParamType::String => ("&str".to_owned(), ident.clone()),
                _ => (ty.clone(), format!("*{ident}")),
            };
            let view = RoomParamView {
                ident: ident.clone(),
                wire: rust_string(&param.name),
                ty,
                arg_ty,
                arg,
            };
            (param.name.clone(), view)
        })
        .collect();
    let name_expr = concat_expr(&room.pattern, |placeholder| {
        let (_, view) = params.iter().find(|(param, _)| param == placeholder)?;
        Some(match view.ty.as_str() {
            "i64" => format!("&{}.to_string()", view.ident),
            "String" => view.ident.clone(),
            _ => format!("{}.as_str()", view.ident),
        })
    })?;
    let mut doc = doc_lines(room.description.as_deref());
    if !doc.is_empty() {
        doc.push(String::new());
    }
    doc.push(format!("Room name: `{}`.", doc_text(&room.pattern.text).replace('`', "'")));
    Ok(RoomView {
        variant: rust.variant.clone(),
        wire: rust_string(&room.name),
        doc,
        builder: rust.builder.clone(),
        params: params.into_iter().map(|(_, view)| view).collect(),
        name_expr,
    })
}

/// An expression building `pattern` at run time: literal parts as string literals, each
/// placeholder as the `&str` expression `fill` gives for it.
fn concat_expr(pattern: &Pattern, fill: impl Fn(&str) -> Option<String>) -> Result<String> {
    let mut parts = Vec::new();
    for segment in &pattern.segments {
        parts.push(match segment {
            Segment::Text(text) => rust_string(text),
            Segment::Param(name) => {
                fill(name).with_context(|| format!("placeholder `{{{name}}}` of `{}` has no value", pattern.text))?
            }
        });
    }
    Ok(match parts.as_slice() {
        [] => "String::new()".to_owned(),
        [only] if only.starts_with('"') => format!("String::from({only})"),
        _ => format!("[{}].concat()", parts.join(", ")),
    })
}

/// At most one blank line in a row: the templates stay readable without counting newlines.
fn collapse_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
            out.push('\n');
        } else {
            blank_run = 0;
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

/// A description as `///` lines: nothing in it can end the comment or open a doctest.
fn doc_lines(text: Option<&str>) -> Vec<String> {
    text.map(|t| doc_text(t).lines().map(rust_doc_line).collect())
        .unwrap_or_default()
}
