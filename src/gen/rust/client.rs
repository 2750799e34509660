//! The client-event part of the Rust view model: what `templates/rust/client_events.rs`,
//! `validate.rs` and `setup.rs` print for the catalog's client → server events. The checks follow
//! the team's contract rule for rule (see `validate.rs`); this file only decides which check,
//! which decoding and which room each event needs.

use anyhow::{bail, Result};

use crate::catalog::model::TypeExpr;
use crate::catalog::names::{doc_text, rust_string};
use crate::protocol::rust_names::{RustClientEvent, RustNames};
use crate::protocol::{ClientEvent, FieldDecl, ParamType, Protocol, RoomActionKind, TypeKind};

pub(super) struct ClientView {
    pub events: Vec<ClientEventView>,
    pub ack_codes: Vec<AckCodeView>,
    pub checkers: Vec<CheckerView>,
    pub uses: Uses,
    /// Some event runs a handler of the application: `ClientEventHandlers` exists.
    pub has_handlers: bool,
    /// Some handler answers data that serde alone would not write as JavaScript does (a
    /// `datetime` or a `number`, or lists and maps of them): `__chatia_wire::Owned` exists.
    pub has_wire_ack: bool,
    /// Some event is checked by `SocketGuard::authorize`: `ClientEventCall` exists.
    pub has_authorized: bool,
    /// `ClientEventCall` lends a value, so it takes a lifetime.
    pub call_borrows: bool,
    /// Some event has arguments.
    pub has_args: bool,
    /// The trait the application implements for `register_namespace`.
    pub bound: &'static str,
}

pub(super) struct AckCodeView {
    pub variant: String,
    pub constructor: String,
    /// The code as a Rust literal.
    pub wire: String,
    pub name: String,
}

pub(super) struct ClientEventView {
    pub variant: String,
    /// The event name as a Rust literal.
    pub wire: String,
    /// `markAsRead(ticketId)`, for docs.
    pub signature: String,
    pub doc: Vec<String>,
    pub method: String,
    pub has_handler: bool,
    pub authorize: bool,
    pub args: Vec<ArgView>,
    pub required_args: usize,
    /// `{ ticket_id }` after the variant, or nothing for an event without arguments.
    pub fields_pattern: String,
    /// How a success is answered, as a `__ChatiaReply` literal.
    pub reply: String,
    /// What a successful handler returns: the ack type, or `()`.
    pub ack_ty: String,
    /// The ack type is answered through `__chatia_wire` (it holds no DTO that would do it itself).
    pub ack_wire: bool,
    pub needs_callback: bool,
    pub events: u64,
    pub window_seconds: u64,
    pub max_bytes: u64,
    pub room: Option<RoomCallView>,
}

pub(super) struct ArgView {
    pub ident: String,
    /// The argument's name as a Rust literal, for messages.
    pub wire: String,
    pub ty: String,
    pub doc: Vec<String>,
    /// `__chatia_valid::REQUIRED`, or `OPTIONAL | NULLABLE`.
    pub flags: String,
    /// The checker of its type.
    pub check: String,
    /// Reads it from the checked JSON: `__chatia_valid::take(&mut args, …)?`.
    pub decode: String,
    /// Its type in `ClientEventCall`, and its field initialiser there, lending it from a `&`
    /// binding of the same name.
    pub lend_ty: String,
    pub lend: String,
}

pub(super) struct RoomCallView {
    /// `join` or `leave`.
    pub method: &'static str,
    /// `ClientEventArgs::JoinChatBox { ticket_id }`.
    pub pattern: String,
    /// `Room::Ticket { ticket_id }`.
    pub room: String,
}

/// A checker function of a catalog type.
pub(super) struct CheckerView {
    pub name: String,
    pub type_name: String,
    /// An enum's values as Rust literals.
    pub values: Vec<String>,
    /// A DTO's keys as Rust literals, and its fields' checks.
    pub keys: Vec<String>,
    pub fields: Vec<FieldCheckView>,
    pub is_enum: bool,
}

pub(super) struct FieldCheckView {
    pub wire: String,
    pub flags: String,
    pub check: String,
}

/// Which helpers of `__chatia_valid` the catalog's checks call: the others are not generated.
#[derive(Default)]
pub(super) struct Uses {
    pub integer: bool,
    pub number: bool,
    pub string: bool,
    pub boolean: bool,
    pub datetime: bool,
    pub array: bool,
    pub map: bool,
    pub one_of: bool,
    pub object: bool,
    /// Some DTO checked has fields (`__chatia_valid::field`).
    pub field: bool,
    pub take: bool,
    pub take_optional: bool,
    /// Some key or argument is neither optional nor nullable; some is optional.
    pub required: bool,
    pub optional: bool,
}

pub(super) fn client_view(protocol: &Protocol) -> Result<ClientView> {
    let names = &protocol.rust;
    let mut uses = Uses::default();
    let events = protocol
        .client_events
        .iter()
        .zip(&names.client_events)
        .map(|(event, rust)| event_view(protocol, &mut uses, event, rust))
        .collect::<Result<Vec<_>>>()?;
    let checkers = names
        .checkers
        .iter()
        .map(|(type_name, checker)| checker_view(protocol, &mut uses, type_name, checker))
        .collect();
    let authorized: Vec<&ClientEventView> = events.iter().filter(|e| e.authorize).collect();
    let has_handlers = events.iter().any(|e| e.has_handler);
    Ok(ClientView {
        bound: if has_handlers { "ClientEventHandlers" } else { "SocketGuard" },
        has_handlers,
        has_wire_ack: events.iter().any(|e| e.ack_wire),
        has_authorized: !authorized.is_empty(),
        call_borrows: authorized.iter().flat_map(|e| &e.args).any(|a| a.lend_ty.contains("'a")),
        has_args: events.iter().any(|e| !e.args.is_empty()),
        ack_codes: crate::protocol::ACK_ERROR_CODES
            .iter()
            .zip(&names.ack_codes)
            .map(|(code, rust)| AckCodeView {
                variant: rust.variant.clone(),
                constructor: rust.constructor.clone(),
                wire: rust_string(code),
                name: (*code).to_owned(),
            })
            .collect(),
        events,
        checkers,
        uses,
    })
}

fn event_view(protocol: &Protocol, uses: &mut Uses, event: &ClientEvent, rust: &RustClientEvent) -> Result<ClientEventView> {
    let names = &protocol.rust;
    let args: Vec<ArgView> = event
        .args
        .iter()
        .zip(&rust.args)
        .map(|(arg, ident)| arg_view(names, uses, arg, ident))
        .collect();
    let (answered, data, ack_ty, ack_wire) = match &event.ack {
        None => (false, false, "()".to_owned(), false),
        Some(ack) => match &ack.ty {
            Some(ty) => {
                let ty = names.ty(ty);
                (true, true, ty.text, ty.wire)
            }
            None => (true, false, "()".to_owned(), false),
        },
    };
    if event.room.is_some() && data {
        bail!(
            "client event `{}` joins or leaves a room: its acknowledgement carries no data",
            event.name
        );
    }
    let fields_pattern = match args.as_slice() {
        [] => String::new(),
        list => format!(
            " {{ {} }}",
            list.iter().map(|a| a.ident.as_str()).collect::<Vec<_>>().join(", ")
        ),
    };
    let room = event.room.as_ref().map(|_| room_call(protocol, event, rust)).transpose()?;
    let arg_names: Vec<&str> = event.args.iter().map(|a| a.name.as_str()).collect();
    Ok(ClientEventView {
        variant: rust.variant.clone(),
        wire: rust_string(&event.name),
        signature: doc_text(&format!("{}({})", event.name, arg_names.join(", "))).replace('`', "'"),
        doc: super::doc_lines(event.description.as_deref()),
        method: rust.method.clone(),
        has_handler: event.has_handler(),
        authorize: event.authorize,
        required_args: event.args.iter().filter(|a| !a.optional).count(),
        fields_pattern,
        args,
        reply: if answered && !data {
            "__ChatiaReply::DONE".to_owned()
        } else {
            format!("__ChatiaReply {{ answered: {answered}, data: {data} }}")
        },
        ack_ty,
        ack_wire,
        needs_callback: event.ack.as_ref().is_some_and(|a| a.required),
        events: event.rate_limit.events,
        window_seconds: event.rate_limit.window_seconds,
        max_bytes: event.max_bytes,
        room,
    })
}

fn arg_view(names: &RustNames, uses: &mut Uses, arg: &FieldDecl, ident: &str) -> ArgView {
    let declared = names.field_ty(arg);
    // An optional argument is read as the type it has when present.
    let present = if arg.optional {
        names.ty(&arg.ty).declared(&FieldDecl {
            optional: false,
            ..arg.clone()
        })
    } else {
        declared.clone()
    };
    let read = if present.wire {
        "__chatia_wire::deserialize"
    } else {
        "::serde::Deserialize::deserialize"
    };
    let decode = if arg.optional {
        uses.take_optional = true;
        format!("__chatia_valid::take_optional(&mut args, {read})?")
    } else {
        uses.take = true;
        format!("__chatia_valid::take(&mut args, {read})?")
    };
    let (lend_ty, lent) = declared.lending(ident);
    let lend = if lent == ident { lent } else { format!("{ident}: {lent}") };
    ArgView {
        ident: ident.to_owned(),
        wire: rust_string(&arg.name),
        ty: declared.text,
        doc: super::doc_lines(arg.description.as_deref()),
        flags: flags(uses, arg),
        check: check_expr(names, uses, &arg.ty),
        decode,
        lend_ty,
        lend,
    }
}

fn flags(uses: &mut Uses, field: &FieldDecl) -> String {
    uses.required |= !field.optional && !field.nullable;
    uses.optional |= field.optional;
    match (field.optional, field.nullable) {
        (false, false) => "__chatia_valid::REQUIRED",
        (true, false) => "__chatia_valid::OPTIONAL",
        (false, true) => "__chatia_valid::NULLABLE",
        (true, true) => "__chatia_valid::OPTIONAL | __chatia_valid::NULLABLE",
    }
    .to_owned()
}

/// The checker of a type expression: a helper, a catalog type's checker, or a closure around them.
fn check_expr(names: &RustNames, uses: &mut Uses, ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Integer => helper(&mut uses.integer, "integer"),
        TypeExpr::Number => helper(&mut uses.number, "number"),
        TypeExpr::String => helper(&mut uses.string, "string"),
        TypeExpr::Boolean => helper(&mut uses.boolean, "boolean"),
        TypeExpr::DateTime => helper(&mut uses.datetime, "datetime"),
        TypeExpr::Named(name) => names.checkers.get(name).cloned().unwrap_or_default(),
        TypeExpr::Array(inner) => {
            uses.array = true;
            format!("|value| __chatia_valid::array(value, {})", check_expr(names, uses, inner))
        }
        TypeExpr::Map(inner) => {
            uses.map = true;
            format!("|value| __chatia_valid::map(value, {})", check_expr(names, uses, inner))
        }
    }
}

fn helper(used: &mut bool, name: &str) -> String {
    *used = true;
    format!("__chatia_valid::{name}")
}

fn checker_view(protocol: &Protocol, uses: &mut Uses, type_name: &str, checker: &str) -> CheckerView {
    let mut view = CheckerView {
        name: checker.to_owned(),
        type_name: doc_text(type_name).replace('`', "'"),
        values: Vec::new(),
        keys: Vec::new(),
        fields: Vec::new(),
        is_enum: false,
    };
    match protocol.type_decl(type_name).map(|t| &t.kind) {
        Some(TypeKind::Enum(values)) => {
            uses.one_of = true;
            view.is_enum = true;
            view.values = values.iter().map(|v| rust_string(v)).collect();
        }
        Some(TypeKind::Dto(fields)) => {
            uses.object = true;
            uses.field |= !fields.is_empty();
            view.keys = fields.iter().map(|f| rust_string(&f.name)).collect();
            view.fields = fields
                .iter()
                .map(|f| FieldCheckView {
                    wire: rust_string(&f.name),
                    flags: flags(uses, f),
                    check: check_expr(&protocol.rust, uses, &f.ty),
                })
                .collect();
        }
        None => {}
    }
    view
}

/// The pattern binding the arguments a join or leave needs, and the room they build.
fn room_call(protocol: &Protocol, event: &ClientEvent, rust: &RustClientEvent) -> Result<RoomCallView> {
    let Some(action) = &event.room else {
        bail!("client event `{}` has no room", event.name);
    };
    let Some((room, room_names)) = protocol
        .rooms
        .iter()
        .zip(&protocol.rust.rooms)
        .find(|(room, _)| room.name == action.room)
    else {
        bail!("client event `{}`: no room `{}`", event.name, action.room);
    };
    let mut bound = Vec::new();
    let mut fields = Vec::new();
    for ((param, index), field) in action.params.iter().zip(&room_names.params) {
        let (Some(arg), Some(ident)) = (event.args.get(*index), rust.args.get(*index)) else {
            bail!("client event `{}`: room parameter `{param}` takes no argument", event.name);
        };
        let param_ty = room.params.iter().find(|p| p.name == *param).map(|p| &p.ty);
        if !fills(param_ty, arg) {
            bail!(
                "client event `{}`: argument `{}` cannot fill room parameter `{param}` (a required, non-null value of the parameter's type)",
                event.name,
                arg.name
            );
        }
        bound.push(ident.clone());
        fields.push(if *ident == *field {
            field.clone()
        } else {
            format!("{field}: {ident}")
        });
    }
    let rest = if bound.len() < event.args.len() { ".." } else { "" };
    let binding: Vec<&str> = bound
        .iter()
        .map(String::as_str)
        .chain((!rest.is_empty()).then_some(rest))
        .collect();
    let pattern = match binding.as_slice() {
        [] => format!("ClientEventArgs::{}", rust.variant),
        list => format!("ClientEventArgs::{} {{ {} }}", rust.variant, list.join(", ")),
    };
    let room_expr = match fields.as_slice() {
        [] => format!("Room::{}", room_names.variant),
        list => format!("Room::{} {{ {} }}", room_names.variant, list.join(", ")),
    };
    Ok(RoomCallView {
        method: match action.kind {
            RoomActionKind::Join => "join",
            RoomActionKind::Leave => "leave",
        },
        pattern,
        room: room_expr,
    })
}

/// Whether an argument's value always fits a room parameter.
fn fills(param: Option<&ParamType>, arg: &FieldDecl) -> bool {
    if arg.optional || arg.nullable {
        return false;
    }
    match (param, &arg.ty) {
        (Some(ParamType::Integer), TypeExpr::Integer) | (Some(ParamType::String), TypeExpr::String) => true,
        (Some(ParamType::Enum(name)), TypeExpr::Named(arg_type)) => name == arg_type,
        _ => false,
    }
}
