//! What the Rust target calls every item of the protocol: its code oracle, computed once.
//!
//! Catalog names go through `names::rust_type`/`rust_snake`, then through a `names::Namer` per scope
//! so that a catalog name can never take a name the generated code needs (the emitter, the
//! error type, `Option`, …) or a name another catalog item already took: the later claimant
//! gets a `_` suffix. Private helpers of the generated code start with `__chatia`, which no
//! converted catalog name can.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;

use super::{FieldDecl, ParamType, Protocol, TypeKind};
use crate::catalog::model::TypeExpr;
use crate::catalog::names::{rust_snake, rust_type, rust_variant, Namer};

/// Names the generated module defines or uses unqualified: a catalog type may not take them.
const RESERVED_TYPE_NAMES: &[&str] = &[
    // the generated API
    "CompanyEmitter",
    "EmitError",
    "RateLimiter",
    "Budget",
    "Clock",
    "SystemClock",
    "SocketSession",
    "SocketGuard",
    "ConnectRefusal",
    "Room",
    "RoomRequest",
    "RoomResult",
    "Ack",
    "AckError",
    "AckErrorCode",
    "ClientEventName",
    "ClientEventArgs",
    "ClientEventCall",
    "ClientEventHandlers",
    "ClientContext",
    "ClientLimit",
    "ClientLimits",
    "NamespaceOptions",
    // the 2021 prelude, which the generated code uses unqualified
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "ToString",
    "ToOwned",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "AsRef",
    "AsMut",
    "Into",
    "From",
    "Default",
    "Iterator",
    "Extend",
    "IntoIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "TryFrom",
    "TryInto",
    "FromIterator",
    "Self",
];

/// Methods of the emitter that are not per event.
const RESERVED_METHODS: &[&str] = &["new", "company_id", "user_id", "namespace"];

/// Fields every payload struct starts with.
const BASE_FIELDS: &[&str] = &["company_id", "user_id", "timestamp"];

/// Methods of `SocketGuard`, the supertrait of the handlers: a handler may not take their names.
const GUARD_METHODS: &[&str] = &["authenticate", "may_join", "authorize", "on_connect", "on_refused"];

/// The first parameter of every handler.
const HANDLER_PARAMS: &[&str] = &["ctx"];

/// The Rust names of a whole protocol. Per-item lists are in the protocol's order.
#[derive(Debug, Clone, Default)]
pub struct RustNames {
    /// `socket_events`: the module the generated file is, after its file name.
    pub module: String,
    /// Catalog type name → Rust type name.
    pub types: BTreeMap<String, String>,
    /// Catalog types that are enums (`Copy` in Rust).
    pub enums: BTreeSet<String>,
    /// Enum → the variant of each value.
    pub variants: BTreeMap<String, Vec<String>>,
    /// DTO → the Rust field of each catalog field.
    pub dto_fields: BTreeMap<String, Vec<String>>,
    pub rooms: Vec<RustRoom>,
    pub events: Vec<RustEvent>,
    pub client_events: Vec<RustClientEvent>,
    /// Catalog type reached by a client event's arguments → `__chatia_check_ticket`, which checks
    /// a received value of it.
    pub checkers: BTreeMap<String, String>,
    /// One per `protocol::ACK_ERROR_CODES`, in its order.
    pub ack_codes: Vec<RustAckCode>,
}

#[derive(Debug, Clone)]
pub struct RustClientEvent {
    /// `MarkAsRead`: its variant in `ClientEventName`, `ClientEventArgs` and `ClientEventCall`.
    pub variant: String,
    /// `mark_as_read`: its method in `ClientEventHandlers`, when it has a handler.
    pub method: String,
    /// The field (and handler parameter) of each argument.
    pub args: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct RustAckCode {
    /// `NotFound`, in `AckErrorCode`.
    pub variant: String,
    /// `not_found`, the `AckError` constructor.
    pub constructor: String,
}

#[derive(Debug, Clone)]
pub struct RustRoom {
    /// The variant in `Room`, `RoomRequest` and the events' room enums.
    pub variant: String,
    /// `__chatia_room_ticket`, which builds the room name.
    pub builder: String,
    /// The field of each parameter.
    pub params: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct RustEvent {
    /// `ticket`, `automation_rule`: the snake-case stem of the event's method names.
    pub snake: String,
    /// `TicketPayload`, the internally tagged enum of all actions.
    pub payload: String,
    /// `TicketEventRoom`, the rooms this event may target; `None` when it targets none.
    pub room_enum: Option<String>,
    pub actions: Vec<RustAction>,
}

#[derive(Debug, Clone)]
pub struct RustAction {
    /// `StatusChange`.
    pub variant: String,
    /// `TicketStatusChangePayload`.
    pub payload: String,
    /// `ticket_status_change`: sends to the whole namespace.
    pub method: String,
    /// `ticket_status_change_to`: sends to rooms.
    pub method_to: String,
    /// The payload struct's field of each carried field.
    pub fields: Vec<String>,
    /// The emitter methods' parameter of each carried field, after `rooms`.
    pub params: Vec<RustParam>,
}

#[derive(Debug, Clone)]
pub struct RustParam {
    pub ident: String,
    /// How the method takes it: by value when `Copy`, `&str`, a slice, `Option<&T>`, `&T`.
    pub ty: String,
}

/// A Rust type for a catalog type expression, with what the templates need to know about it.
#[derive(Debug, Clone)]
pub struct RustTy {
    pub text: String,
    /// `Copy`, so emitter methods take it by value.
    pub copy: bool,
    /// Holds a number or a date, which go through `__chatia_wire` to match JavaScript's JSON.
    pub wire: bool,
}

impl RustTy {
    fn scalar(text: &str, wire: bool) -> Self {
        RustTy {
            text: text.to_owned(),
            copy: true,
            wire,
        }
    }

    fn option(self) -> Self {
        RustTy {
            text: format!("Option<{}>", self.text),
            ..self
        }
    }

    /// The type of a field declared with this type: `Option<…>` once for nullable, once more for
    /// optional.
    pub fn declared(self, field: &FieldDecl) -> Self {
        let mut ty = self;
        if field.nullable {
            ty = ty.option();
        }
        if field.optional {
            ty = ty.option();
        }
        ty
    }

    /// How an emitter method takes a value of this type, and how it turns the parameter into the
    /// owned field: `Copy` values by value, text as `&str`, arrays as slices, an optional value
    /// as an `Option` of a reference, everything else by reference.
    pub fn passing(&self, param: &str) -> (String, String) {
        if self.copy {
            return (self.text.clone(), param.to_owned());
        }
        let optional = self.text.strip_prefix("Option<").and_then(|t| t.strip_suffix('>'));
        match optional {
            Some("String") => ("Option<&str>".to_owned(), format!("{param}.map(str::to_owned)")),
            Some(inner) if !inner.starts_with("Option<") => (format!("Option<&{inner}>"), format!("{param}.cloned()")),
            _ if self.text == "String" => ("&str".to_owned(), format!("{param}.to_owned()")),
            _ => match self.text.strip_prefix("Vec<").and_then(|t| t.strip_suffix('>')) {
                Some(element) => (format!("&[{element}]"), format!("{param}.to_vec()")),
                None => (format!("&{}", self.text), format!("{param}.clone()")),
            },
        }
    }

    /// How a borrower for `'a` sees a value of this type that someone else owns — the same
    /// shapes as [`RustTy::passing`] — and the expression lending it from `binding`, a reference
    /// to the owned value.
    pub fn lending(&self, binding: &str) -> (String, String) {
        if self.copy {
            return (self.text.clone(), format!("*{binding}"));
        }
        let optional = self.text.strip_prefix("Option<").and_then(|t| t.strip_suffix('>'));
        match optional {
            Some("String") => ("Option<&'a str>".to_owned(), format!("{binding}.as_deref()")),
            Some(inner) if !inner.starts_with("Option<") => (format!("Option<&'a {inner}>"), format!("{binding}.as_ref()")),
            _ if self.text == "String" => ("&'a str".to_owned(), binding.to_owned()),
            _ => match self.text.strip_prefix("Vec<").and_then(|t| t.strip_suffix('>')) {
                Some(element) => (format!("&'a [{element}]"), binding.to_owned()),
                None => (format!("&'a {}", self.text), binding.to_owned()),
            },
        }
    }
}

impl RustNames {
    /// The Rust type of a type expression (without `Option` for optional or nullable).
    pub fn ty(&self, expr: &TypeExpr) -> RustTy {
        match expr {
            TypeExpr::Integer => RustTy::scalar("i64", false),
            TypeExpr::Number => RustTy::scalar("f64", true),
            TypeExpr::String => RustTy {
                text: "String".to_owned(),
                copy: false,
                wire: false,
            },
            TypeExpr::Boolean => RustTy::scalar("bool", false),
            TypeExpr::DateTime => RustTy::scalar("::chrono::DateTime<::chrono::Utc>", true),
            TypeExpr::Named(name) => RustTy {
                text: self.types.get(name).cloned().unwrap_or_else(|| rust_type(name)),
                copy: self.enums.contains(name),
                wire: false,
            },
            TypeExpr::Array(inner) => {
                let inner = self.ty(inner);
                RustTy {
                    text: format!("Vec<{}>", inner.text),
                    copy: false,
                    wire: inner.wire,
                }
            }
            TypeExpr::Map(inner) => {
                let inner = self.ty(inner);
                RustTy {
                    text: format!("::std::collections::BTreeMap<String, {}>", inner.text),
                    copy: false,
                    wire: inner.wire,
                }
            }
        }
    }

    /// The type of a field as declared, with its `Option`s.
    pub fn field_ty(&self, field: &FieldDecl) -> RustTy {
        self.ty(&field.ty).declared(field)
    }

    /// The Rust type of a room parameter.
    pub fn param_ty(&self, ty: &ParamType) -> String {
        match ty {
            ParamType::Integer => "i64".to_owned(),
            ParamType::String => "String".to_owned(),
            ParamType::Enum(name) => self.ty(&TypeExpr::Named(name.clone())).text,
        }
    }
}

pub(super) fn names(protocol: &Protocol) -> RustNames {
    let mut types = Namer::with_reserved(RESERVED_TYPE_NAMES.iter().copied());
    let mut names = RustNames {
        module: module(protocol),
        types: protocol
            .types
            .iter()
            .map(|t| (t.name.clone(), types.claim(rust_type(&t.name))))
            .collect(),
        enums: protocol
            .types
            .iter()
            .filter(|t| matches!(t.kind, TypeKind::Enum(_)))
            .map(|t| t.name.clone())
            .collect(),
        ..RustNames::default()
    };
    for decl in &protocol.types {
        match &decl.kind {
            TypeKind::Enum(values) => {
                let mut namer = Namer::default();
                let variants = values.iter().map(|v| namer.claim(rust_variant(v))).collect();
                names.variants.insert(decl.name.clone(), variants);
            }
            TypeKind::Dto(fields) => {
                let mut namer = Namer::default();
                let idents = fields.iter().map(|f| namer.claim(rust_snake(&f.name))).collect();
                names.dto_fields.insert(decl.name.clone(), idents);
            }
        }
    }
    names.rooms = protocol.rooms.iter().map(room).collect();
    names.events = protocol
        .events
        .iter()
        .map(|event| self::event(&names, &mut types, event))
        .collect();
    names.client_events = client_events(protocol);
    names.checkers = checkers(protocol);
    names.ack_codes = super::ACK_ERROR_CODES
        .iter()
        .map(|code| RustAckCode {
            variant: rust_variant(code),
            constructor: rust_snake(code),
        })
        .collect();
    names
}

/// A name as one part of a longer snake_case name: no `r#`, no `_` that `self_` would double.
fn snake_part(name: &str) -> String {
    rust_snake(name).replace("r#", "").trim_end_matches('_').to_owned()
}

/// `socket_events`: the module the Rust output is, named after its file.
fn module(protocol: &Protocol) -> String {
    let file = protocol.outputs.rust.as_deref().map(std::path::Path::new);
    file.and_then(std::path::Path::file_stem)
        .map_or_else(|| "socket_events".to_owned(), |stem| rust_snake(&stem.to_string_lossy()))
}

fn client_events(protocol: &Protocol) -> Vec<RustClientEvent> {
    let mut variants = Namer::default();
    let mut methods = Namer::with_reserved(GUARD_METHODS.iter().copied());
    protocol
        .client_events
        .iter()
        .map(|event| {
            let mut args = Namer::with_reserved(HANDLER_PARAMS.iter().copied());
            RustClientEvent {
                variant: variants.claim(rust_variant(&event.name)),
                method: methods.claim(rust_snake(&event.name)),
                args: event.args.iter().map(|arg| args.claim(rust_snake(&arg.name))).collect(),
            }
        })
        .collect()
}

/// A checker per type the client events' arguments reach, named after the type.
fn checkers(protocol: &Protocol) -> BTreeMap<String, String> {
    let mut namer = Namer::default();
    let roots = protocol.client_events.iter().flat_map(|e| e.args.iter().map(|a| &a.ty));
    protocol
        .types_reached(roots)
        .into_iter()
        .map(|name| {
            let snake = rust_snake(&name).replace("r#", "");
            let checker = namer.claim(format!("__chatia_check_{snake}"));
            (name, checker)
        })
        .collect()
}

fn room(room: &super::RoomDecl) -> RustRoom {
    let mut namer = Namer::default();
    RustRoom {
        variant: rust_variant(&room.name),
        builder: format!("__chatia_room_{}", snake_part(&room.name)),
        params: room.params.iter().map(|p| namer.claim(rust_snake(&p.name))).collect(),
    }
}

fn event(names: &RustNames, types: &mut Namer, event: &super::ServerEvent) -> RustEvent {
    // Compound names need no escaping: the suffix keeps them off the prelude.
    let stem = event.resource.to_upper_camel_case();
    let payload = types.claim(format!("{stem}Payload"));
    let room_enum = (!event.rooms.is_empty()).then(|| types.claim(format!("{stem}EventRoom")));
    // Method names are compounds, so a keyword needs no raw prefix in them.
    let snake = snake_part(&event.resource);
    let mut methods = Namer::with_reserved(RESERVED_METHODS.iter().copied());
    let mut actions: Vec<RustAction> = event
        .actions
        .iter()
        .map(|action| {
            let mut fields = Namer::with_reserved(BASE_FIELDS.iter().copied());
            let mut params = Namer::with_reserved(["rooms"]);
            let method_stem = format!("{snake}_{}", snake_part(&action.name));
            RustAction {
                variant: rust_variant(&action.name),
                payload: types.claim(format!("{stem}{}Payload", action.name.to_upper_camel_case())),
                method: methods.claim(method_stem.clone()),
                // Claimed once every whole-company name is taken.
                method_to: format!("{method_stem}_to"),
                fields: action
                    .carried
                    .iter()
                    .map(|c| fields.claim(rust_snake(&c.field.name)))
                    .collect(),
                params: action
                    .carried
                    .iter()
                    .map(|c| {
                        let ident = params.claim(rust_snake(&c.field.name));
                        let ty = names.field_ty(&c.field).passing(&ident).0;
                        RustParam { ident, ty }
                    })
                    .collect(),
            }
        })
        .collect();
    for action in &mut actions {
        action.method_to = methods.claim(std::mem::take(&mut action.method_to));
    }
    RustEvent {
        snake,
        payload,
        room_enum,
        actions,
    }
}
