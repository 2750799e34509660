//! Rust target: payload types, a per-company emitter and the namespace setup for socketioxide
//! 0.18. Every identifier and literal is computed here; the templates in `templates/rust/` only
//! lay them out.
//!
//! Naming: catalog names go through `names::rust_type`/`rust_snake`, then through a [`Namer`]
//! per scope so that a catalog name can never take a name the generated code needs (the
//! emitter, the error type, `Option`, …) or a name another catalog item already took: the later
//! claimant gets a `_` suffix. Private helpers of the generated code start with `__chatia`,
//! which no converted catalog name can.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use anyhow::{Context, Result};
use askama::Template;
use heck::ToUpperCamelCase;

use crate::catalog::model::{Catalog, Field, TypeExpr};
use crate::catalog::names::{doc_text, rust_doc_line, rust_snake, rust_string, rust_type, rust_variant};
use crate::catalog::validate::placeholders;

/// Names the generated module defines or uses unqualified: a catalog type may not take them.
const RESERVED_TYPE_NAMES: &[&str] = &[
    // the generated API
    "CompanyEmitter",
    "EmitError",
    "RateLimiter",
    "Clock",
    "SystemClock",
    "SocketSession",
    "SocketGuard",
    "ConnectRefusal",
    "Room",
    "RoomRequest",
    "RoomResult",
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

/// Hands out names unique within one scope; a name already taken gets `_` appended.
#[derive(Default)]
struct Namer {
    taken: HashSet<String>,
}

impl Namer {
    fn with_reserved(reserved: &[&str]) -> Self {
        Namer {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    fn claim(&mut self, wanted: String) -> String {
        let mut name = wanted;
        while !self.taken.insert(name.clone()) {
            name.push('_');
        }
        name
    }
}

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
    /// Catalog type name → Rust type name.
    type_names: BTreeMap<String, String>,
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

/// A Rust type for a catalog type expression, with what the templates need to know about it.
#[derive(Clone)]
struct RustTy {
    text: String,
    /// `Copy`, so emitter methods take it by value.
    copy: bool,
    /// Holds a number or a date, which go through `__chatia_wire` to match JavaScript's JSON.
    wire: bool,
}

/// The Rust names of the catalog's types, and which are enums.
struct TypeNames {
    names: BTreeMap<String, String>,
    enums: BTreeSet<String>,
}

impl TypeNames {
    fn ty(&self, expr: &TypeExpr) -> RustTy {
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
                text: self.names.get(name).cloned().unwrap_or_else(|| rust_type(name)),
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
}

pub fn render(catalog: &Catalog) -> Result<String> {
    let text = module_view(catalog)?.render().context("cannot render the rust templates")?;
    Ok(collapse_blank_lines(&text))
}

/// What the generated module calls the catalog's types, fields, emitter methods and rooms: for
/// code written against it, the examples of WEBSOCKET.md. Taken from the view the module is
/// rendered from, so the two cannot disagree.
pub(crate) struct RustApi {
    /// Catalog type name → Rust type name.
    pub types: BTreeMap<String, String>,
    /// DTO name → catalog field name → Rust field name.
    pub fields: BTreeMap<String, BTreeMap<String, String>>,
    /// Resource → its emitter methods and rooms.
    pub events: BTreeMap<String, EventApi>,
}

pub(crate) struct EventApi {
    /// `TicketEventRoom`, the rooms the `_to` methods take; empty when the event has no rooms.
    pub room_enum: String,
    /// Catalog room name → its variant in `room_enum`.
    pub rooms: BTreeMap<String, RoomApi>,
    /// Catalog action name → its methods.
    pub actions: BTreeMap<String, ActionApi>,
}

pub(crate) struct RoomApi {
    /// `Ticket`.
    pub variant: String,
    /// Catalog parameter name → the variant's field name.
    pub params: BTreeMap<String, String>,
}

pub(crate) struct ActionApi {
    /// `ticket_update`, sending to the whole namespace (generated when the event may broadcast).
    pub method: String,
    /// `ticket_update_to`, sending to rooms (generated when the event has rooms).
    pub method_to: String,
    /// The parameters after `rooms`, as (name, type), one per carried field in catalog order.
    pub params: Vec<(String, String)>,
}

pub(crate) fn api(catalog: &Catalog) -> Result<RustApi> {
    let view = module_view(catalog)?;
    let types = view.type_names;
    let dtos = catalog
        .types
        .iter()
        .filter_map(|(name, def)| Some((name, def.fields.as_ref()?)));
    let fields = dtos
        .zip(&view.dtos)
        .map(|((name, fields), dto)| {
            let idents = fields.keys().cloned().zip(dto.fields.iter().map(|f| f.ident.clone()));
            (name.clone(), idents.collect())
        })
        .collect();
    let events = catalog
        .events
        .iter()
        .zip(view.events)
        .map(|((resource, event), ev)| {
            let room_names = catalog.rooms.keys().filter(|name| event.rooms.contains(name));
            let rooms = room_names
                .zip(ev.rooms)
                .map(|(name, room)| {
                    let params = catalog.rooms[name].params.keys().cloned();
                    let api = RoomApi {
                        variant: room.variant,
                        params: params.zip(room.params.into_iter().map(|p| p.ident)).collect(),
                    };
                    (name.clone(), api)
                })
                .collect();
            let actions = event
                .actions
                .keys()
                .cloned()
                .zip(ev.actions)
                .map(|(action, a)| {
                    let params = a.params.into_iter().map(|p| (p.ident, p.ty)).collect();
                    let api = ActionApi {
                        method: a.method,
                        method_to: a.method_to,
                        params,
                    };
                    (action, api)
                })
                .collect();
            let api = EventApi {
                room_enum: ev.room_enum,
                rooms,
                actions,
            };
            (resource.clone(), api)
        })
        .collect();
    Ok(RustApi { types, fields, events })
}

fn module_view(catalog: &Catalog) -> Result<ModuleView> {
    let mut types = Namer::with_reserved(RESERVED_TYPE_NAMES);
    let type_names = TypeNames {
        names: catalog
            .types
            .keys()
            .map(|name| (name.clone(), types.claim(rust_type(name))))
            .collect(),
        enums: catalog
            .types
            .iter()
            .filter(|(_, def)| def.variants.is_some())
            .map(|(name, _)| name.clone())
            .collect(),
    };
    let mut flags = Flags::default();
    let rooms = catalog
        .rooms
        .keys()
        .map(|name| room_view(catalog, &type_names, name))
        .collect::<Result<Vec<_>>>()?;
    let events = catalog
        .events
        .keys()
        .map(|resource| event_view(catalog, &type_names, &mut types, &rooms, &mut flags, resource))
        .collect::<Result<Vec<_>>>()?;
    let dtos = catalog
        .types
        .iter()
        .filter_map(|(name, def)| Some((name, def, def.fields.as_ref()?)))
        .map(|(name, def, fields)| DtoView {
            name: type_names.names[name].clone(),
            doc: doc_lines(def.description.as_deref()),
            fields: dto_fields(catalog, &type_names, &mut flags, name, fields),
        })
        .collect();
    let enums = catalog
        .types
        .iter()
        .filter_map(|(name, def)| {
            let values = def.variants.as_ref()?;
            Some(EnumView {
                name: type_names.names[name].clone(),
                doc: doc_lines(def.description.as_deref()),
                variants: enum_variants(values),
            })
        })
        .collect();
    let conventions = &catalog.conventions;
    let namespace_expr = concat_expr(&conventions.namespace, |p| {
        (p == "companyId").then(|| "&company_id.to_string()".to_owned())
    })?;
    let event_expr = concat_expr(&conventions.event, |p| match p {
        "companyId" => Some("&company_id.to_string()".to_owned()),
        "resource" => Some("resource".to_owned()),
        _ => None,
    })?;
    let view = ModuleView {
        namespace_pattern: doc_text(&conventions.namespace),
        namespace_route: rust_string(&conventions.namespace),
        namespace_expr,
        namespace_prefix: rust_string(conventions.namespace.split("{companyId}").next().unwrap_or_default()),
        event_expr,
        event_pattern: doc_text(&conventions.event),
        rate_events: u64::try_from(conventions.rate_limit.events).unwrap_or(1).max(1),
        rate_window_seconds: u64::try_from(conventions.rate_limit.window_seconds).unwrap_or(1).max(1),
        enums,
        dtos,
        joinable: catalog
            .rooms
            .values()
            .zip(&rooms)
            .filter(|(room, _)| room.joinable)
            .map(|(_, view)| view.clone())
            .collect(),
        events,
        rooms,
        uses_present: flags.present,
        uses_wire_present: flags.wire_present,
        type_names: type_names.names,
    };
    Ok(view)
}

/// What the field attributes ended up needing from the private helpers.
#[derive(Default)]
struct Flags {
    present: bool,
    wire_present: bool,
}

fn enum_variants(values: &[String]) -> Vec<EnumVariantView> {
    let mut namer = Namer::default();
    values
        .iter()
        .map(|value| EnumVariantView {
            ident: namer.claim(rust_variant(value)),
            wire: rust_string(value),
        })
        .collect()
}

fn dto_fields(
    catalog: &Catalog,
    type_names: &TypeNames,
    flags: &mut Flags,
    dto: &str,
    fields: &indexmap::IndexMap<String, Field>,
) -> Vec<FieldView> {
    let mut namer = Namer::default();
    fields
        .iter()
        .map(|(key, field)| {
            let boxed = TypeExpr::parse(&field.ty)
                .ok()
                .and_then(|expr| match expr {
                    TypeExpr::Named(target) => Some(target),
                    _ => None,
                })
                .is_some_and(|target| inline_reaches(catalog, &target, dto));
            field_view(type_names, flags, &mut namer, key, field, boxed).0
        })
        .collect()
}

/// Whether a DTO holds `goal` inline — directly or through fields that are neither arrays nor
/// maps — so that a field of type `from` in `goal` would make `goal` infinitely large.
fn inline_reaches(catalog: &Catalog, from: &str, goal: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut pending = vec![from.to_owned()];
    while let Some(name) = pending.pop() {
        if name == goal {
            return true;
        }
        if !seen.insert(name.clone()) {
            continue;
        }
        let fields = catalog.types.get(&name).and_then(|def| def.fields.as_ref());
        for field in fields.into_iter().flat_map(|f| f.values()) {
            if let Ok(TypeExpr::Named(next)) = TypeExpr::parse(&field.ty) {
                pending.push(next);
            }
        }
    }
    false
}

fn field_view(
    type_names: &TypeNames,
    flags: &mut Flags,
    namer: &mut Namer,
    key: &str,
    field: &Field,
    boxed: bool,
) -> (FieldView, RustTy) {
    let expr = TypeExpr::parse(&field.ty).unwrap_or(TypeExpr::String);
    let mut ty = type_names.ty(&expr);
    if boxed {
        ty.text = format!("Box<{}>", ty.text);
    }
    if field.nullable {
        ty = ty.option();
    }
    if field.optional {
        ty = ty.option();
    }
    let mut serde = vec![format!("rename = {}", rust_string(key))];
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
    if matches!(expr, TypeExpr::DateTime) {
        doc.push("Written like JavaScript's `Date.prototype.toISOString()`.".to_owned());
    }
    let view = FieldView {
        ident: namer.claim(rust_snake(key)),
        ty: ty.text.clone(),
        serde: serde.join(", "),
        doc,
    };
    (view, ty)
}

fn event_view(
    catalog: &Catalog,
    type_names: &TypeNames,
    types: &mut Namer,
    rooms: &[RoomView],
    flags: &mut Flags,
    resource: &str,
) -> Result<EventView> {
    let event = &catalog.events[resource];
    // Compound names need no escaping: the suffix keeps them off the prelude.
    let stem = resource.to_upper_camel_case();
    let payload = types.claim(format!("{stem}Payload"));
    let event_rooms: Vec<RoomView> = catalog
        .rooms
        .keys()
        .zip(rooms)
        .filter(|(name, _)| event.rooms.contains(name))
        .map(|(_, view)| view.clone())
        .collect();
    let room_enum = if event_rooms.is_empty() {
        String::new()
    } else {
        types.claim(format!("{stem}EventRoom"))
    };
    let name_doc = doc_text(&catalog.conventions.event.replace("{resource}", resource));
    let mut methods = Namer::with_reserved(RESERVED_METHODS);
    let mut actions = Vec::new();
    for (action, spec) in &event.actions {
        let mut fields_namer = Namer::with_reserved(BASE_FIELDS);
        let mut params_namer = Namer::with_reserved(&["rooms"]);
        let mut fields = Vec::new();
        let mut params = Vec::new();
        let mut inits = Vec::new();
        for carried in event.carried(resource, action) {
            let (field, ty) = carried_field(catalog, type_names, flags, &mut fields_namer, resource, &carried);
            let param = params_namer.claim(rust_snake(&carried));
            let (param_ty, value) = param_passing(&ty, &param);
            inits.push(if value == field.ident {
                value
            } else {
                format!("{}: {value}", field.ident)
            });
            params.push(ParamView {
                ident: param,
                ty: param_ty,
            });
            fields.push(field);
        }
        let method_stem = format!("{}_{}", rust_snake(resource), rust_snake(action)).replace("r#", "");
        let method = methods.claim(method_stem.clone());
        actions.push(ActionView {
            variant: rust_variant(action),
            wire: rust_string(action),
            name: doc_text(action),
            payload: types.claim(format!("{stem}{}Payload", action.to_upper_camel_case())),
            doc: doc_lines(spec.description.as_deref()),
            many_args: params.len() + 2 > 7,
            fields,
            // Claimed once every whole-company name is taken.
            method_to: format!("{method_stem}_to"),
            method,
            rooms_param: "rooms".to_owned(),
            params,
            inits,
        });
    }
    for action in &mut actions {
        action.method_to = methods.claim(std::mem::take(&mut action.method_to));
    }
    Ok(EventView {
        resource: rust_string(resource),
        doc: doc_lines(event.description.as_deref()),
        payload,
        room_enum,
        rooms: event_rooms,
        broadcast: event.broadcast,
        name_doc,
        actions,
    })
}

/// The payload field for a carried name: the entity, the id, or an extra field.
fn carried_field(
    catalog: &Catalog,
    type_names: &TypeNames,
    flags: &mut Flags,
    namer: &mut Namer,
    resource: &str,
    name: &str,
) -> (FieldView, RustTy) {
    let event = &catalog.events[resource];
    if let Some(field) = event.fields.get(name) {
        return field_view(type_names, flags, namer, name, field, false);
    }
    let is_entity = event.entity.is_some() && name == event.entity_field_name(resource);
    let field = match &event.entity {
        Some(entity) if is_entity => Field {
            ty: entity.clone(),
            optional: false,
            nullable: false,
            description: Some(format!("The {name} as it is now.")),
        },
        _ => Field {
            // An id field is a number, as the TypeScript types say, whatever the entity's `id` is.
            ty: "integer".to_owned(),
            optional: false,
            nullable: false,
            description: Some(format!("Id of the {resource}.")),
        },
    };
    field_view(type_names, flags, namer, name, &field, false)
}

/// How an emitter method takes a carried field, and how it turns it into the owned field:
/// `Copy` values by value, text as `&str`, arrays as slices, an optional value as an `Option` of
/// a reference, everything else by reference.
fn param_passing(ty: &RustTy, param: &str) -> (String, String) {
    if ty.copy {
        return (ty.text.clone(), param.to_owned());
    }
    let optional = ty.text.strip_prefix("Option<").and_then(|t| t.strip_suffix('>'));
    match optional {
        Some("String") => ("Option<&str>".to_owned(), format!("{param}.map(str::to_owned)")),
        Some(inner) if !inner.starts_with("Option<") => (format!("Option<&{inner}>"), format!("{param}.cloned()")),
        _ if ty.text == "String" => ("&str".to_owned(), format!("{param}.to_owned()")),
        _ => match ty.text.strip_prefix("Vec<").and_then(|t| t.strip_suffix('>')) {
            Some(element) => (format!("&[{element}]"), format!("{param}.to_vec()")),
            None => (format!("&{}", ty.text), format!("{param}.clone()")),
        },
    }
}

fn room_view(catalog: &Catalog, type_names: &TypeNames, name: &str) -> Result<RoomView> {
    let room = &catalog.rooms[name];
    let mut namer = Namer::default();
    let params: Vec<(String, RoomParamView)> = room
        .params
        .iter()
        .map(|(param, ty)| {
            let ident = namer.claim(rust_snake(param));
            let view = match ty.as_str() {
                "integer" => RoomParamView {
                    ident: ident.clone(),
                    wire: rust_string(param),
                    ty: "i64".to_owned(),
                    arg_ty: "i64".to_owned(),
                    arg: format!("*{ident}"),
                },
                "string" => RoomParamView {
                    ident: ident.clone(),
                    wire: rust_string(param),
                    ty: "String".to_owned(),
                    arg_ty: "&str".to_owned(),
                    arg: ident.clone(),
                },
                enum_name => {
                    let ty = type_names.ty(&TypeExpr::Named(enum_name.to_owned())).text;
                    RoomParamView {
                        ident: ident.clone(),
                        wire: rust_string(param),
                        ty: ty.clone(),
                        arg_ty: ty,
                        arg: format!("*{ident}"),
                    }
                }
            };
            (param.clone(), view)
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
    doc.push(format!("Room name: `{}`.", doc_text(&room.pattern).replace('`', "'")));
    Ok(RoomView {
        variant: rust_variant(name),
        wire: rust_string(name),
        doc,
        builder: format!("__chatia_room_{}", rust_snake(name).replace("r#", "")),
        params: params.into_iter().map(|(_, view)| view).collect(),
        name_expr,
    })
}

/// An expression building `pattern` at run time: literal parts as string literals, each
/// placeholder as the `&str` expression `fill` gives for it.
fn concat_expr(pattern: &str, fill: impl Fn(&str) -> Option<String>) -> Result<String> {
    let names = placeholders(pattern).map_err(anyhow::Error::msg)?;
    let mut parts = Vec::new();
    let mut rest = pattern;
    for name in names {
        let token = format!("{{{name}}}");
        let (before, after) = rest.split_once(&token).unwrap_or((rest, ""));
        if !before.is_empty() {
            parts.push(rust_string(before));
        }
        parts.push(fill(&name).with_context(|| format!("placeholder `{{{name}}}` of `{pattern}` has no value"))?);
        rest = after;
    }
    if !rest.is_empty() {
        parts.push(rust_string(rest));
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
