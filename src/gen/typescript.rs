//! TypeScript targets: payload interfaces with typed event maps, and server emitters for Node
//! socket.io 4.7 (`server`). Names and literals are computed here; templates only lay them out.

mod server;

use std::path::{Component, Path};

use anyhow::{Context, Result};
use askama::Template;

use crate::catalog::model::{Catalog, Event, Field, TypeDef, TypeExpr};
use crate::catalog::names::{doc_text, js_string, ts_member, ts_property, ts_room_type, ts_template_text, ts_type, TsEventNames};
use crate::catalog::validate::placeholders;
use crate::catalog::Loaded;
use crate::gen::Target;

pub use server::render_server;

#[derive(Template)]
#[template(path = "ts/types.ts", escape = "none")]
struct TypesView {
    /// The namespace pattern, for the file's opening comment.
    namespace_pattern: String,
    /// `` `/workspace-${number}` ``.
    namespace_type: String,
    /// `` `/workspace-${companyId}` ``, in a function of `companyId`.
    namespace_value: String,
    enums: Vec<EnumView>,
    dtos: Vec<DtoView>,
    events: Vec<EventView>,
    rooms: Vec<RoomView>,
    /// Whether any room is joinable: otherwise `RoomRequest` is `never`.
    any_joinable: bool,
}

struct EnumView {
    name: String,
    doc: Vec<String>,
    values: Vec<String>,
}

struct DtoView {
    name: String,
    doc: Vec<String>,
    props: Vec<PropView>,
}

/// One property of an interface, ready to print: `key?: type;` with its doc lines.
pub(crate) struct PropView {
    pub key: String,
    pub optional: bool,
    pub ty: String,
    pub doc: Vec<String>,
}

struct EventView {
    /// `ticket`: the key of this event in `eventNames` and in the emitter.
    member: String,
    /// `` `company-${companyId}-ticket` ``, in a function of `companyId`.
    name_value: String,
    /// `TicketPayload`.
    payload: String,
    /// `TicketAction`.
    action_type: String,
    /// `TicketEventName`.
    event_name: String,
    /// The event name as a template literal type: `` `company-${number}-ticket` ``.
    name_type: String,
    doc: Vec<String>,
    variants: Vec<VariantView>,
}

struct VariantView {
    interface: String,
    doc: Vec<String>,
    props: Vec<PropView>,
}

struct RoomView {
    /// `TicketRoom`, the room name as a template literal type.
    name: String,
    name_type: String,
    /// The room as an emit targets it and a client asks to join it: `{ room: "ticket"; ticketId: number }`.
    request: Vec<PropView>,
    /// Clients may ask to join it.
    joinable: bool,
    doc: Vec<String>,
}

pub fn render_types(catalog: &Catalog) -> Result<String> {
    let namespace = &catalog.conventions.namespace;
    let view = TypesView {
        namespace_pattern: namespace.replace(['\r', '\n'], " "),
        namespace_type: template_type(namespace, |_| Some("${number}".to_owned()))?,
        namespace_value: template_type(namespace, |_| Some("${companyId}".to_owned()))?,
        enums: catalog.types.iter().filter_map(|(name, def)| enum_view(name, def)).collect(),
        dtos: catalog.types.iter().filter_map(|(name, def)| dto_view(name, def)).collect(),
        events: catalog
            .events
            .iter()
            .map(|(resource, _)| event_view(catalog, resource))
            .collect::<Result<_>>()?,
        rooms: catalog
            .rooms
            .iter()
            .map(|(name, _)| room_view(catalog, name))
            .collect::<Result<_>>()?,
        any_joinable: catalog.rooms.values().any(|room| room.joinable),
    };
    Ok(view.render()?)
}

fn enum_view(name: &str, def: &TypeDef) -> Option<EnumView> {
    let values = def.variants.as_ref()?;
    Some(EnumView {
        name: ts_type(name),
        doc: doc_lines(def.description.as_deref()),
        values: values.iter().map(|v| js_string(v)).collect(),
    })
}

fn dto_view(name: &str, def: &TypeDef) -> Option<DtoView> {
    let fields = def.fields.as_ref()?;
    let props = fields.iter().map(|(key, field)| field_prop(key, field)).collect();
    Some(DtoView {
        name: ts_type(name),
        doc: doc_lines(def.description.as_deref()),
        props,
    })
}

fn field_prop(key: &str, field: &Field) -> PropView {
    let ty = TypeExpr::parse(&field.ty)
        .map(|expr| ts_type_expr(&expr))
        .unwrap_or_else(|_| "unknown".to_owned());
    let mut doc = doc_lines(field.description.as_deref());
    if field.ty.contains("datetime") {
        doc.push("ISO 8601 date and time.".to_owned());
    }
    PropView {
        key: ts_property(key),
        optional: field.optional,
        ty: if field.nullable { format!("{ty} | null") } else { ty },
        doc,
    }
}

pub(crate) fn ts_type_expr(expr: &TypeExpr) -> String {
    match expr {
        TypeExpr::Integer | TypeExpr::Number => "number".to_owned(),
        TypeExpr::String | TypeExpr::DateTime => "string".to_owned(),
        TypeExpr::Boolean => "boolean".to_owned(),
        TypeExpr::Named(name) => ts_type(name),
        TypeExpr::Array(inner) => format!("{}[]", ts_type_expr(inner)),
        TypeExpr::Map(inner) => format!("Record<string, {}>", ts_type_expr(inner)),
    }
}

fn event_view(catalog: &Catalog, resource: &str) -> Result<EventView> {
    let event = &catalog.events[resource];
    let names = TsEventNames::new(resource, event.actions.keys().map(String::as_str));
    let name_type = template_type(&catalog.conventions.event, |p| match p {
        "resource" => Some(ts_template_text(resource)),
        _ => Some("${number}".to_owned()),
    })?;
    let name_value = template_type(&catalog.conventions.event, |p| match p {
        "resource" => Some(ts_template_text(resource)),
        _ => Some("${companyId}".to_owned()),
    })?;
    let variants = event
        .actions
        .iter()
        .zip(&names.variants)
        .map(|((action, spec), interface)| {
            let mut props = fixed_props(action);
            for carried in event.carried(resource, action) {
                props.push(carried_prop(catalog, resource, &carried));
            }
            VariantView {
                interface: interface.clone(),
                doc: doc_lines(spec.description.as_deref()),
                props,
            }
        })
        .collect();
    Ok(EventView {
        member: ts_member(resource),
        name_value,
        payload: names.payload,
        action_type: names.action,
        event_name: names.event_name,
        name_type,
        doc: doc_lines(event.description.as_deref()),
        variants,
    })
}

/// The discriminant; `companyId`, `userId` and `timestamp` come from `PayloadBase`.
fn fixed_props(action: &str) -> Vec<PropView> {
    vec![PropView {
        key: "action".to_owned(),
        optional: false,
        ty: js_string(action),
        doc: vec![],
    }]
}

/// The property for a carried payload field: the entity, the id, or an extra field.
fn carried_prop(catalog: &Catalog, resource: &str, name: &str) -> PropView {
    let event = &catalog.events[resource];
    if let Some(field) = event.fields.get(name) {
        return field_prop(name, field);
    }
    let is_entity = event.entity.is_some() && name == event.entity_field_name(resource);
    let (ty, doc) = match &event.entity {
        Some(entity) if is_entity => (ts_type(entity), format!("The {name} as it is now.")),
        _ => ("number".to_owned(), format!("Id of the {resource}.")),
    };
    PropView {
        key: ts_property(name),
        optional: false,
        ty,
        doc: vec![doc],
    }
}

/// The `id` field of an event's entity, when it has one that is always present.
pub(crate) fn entity_id_field<'a>(catalog: &'a Catalog, event: &Event) -> Option<&'a Field> {
    let entity = catalog.types.get(event.entity.as_ref()?)?;
    entity
        .fields
        .as_ref()?
        .get("id")
        .filter(|field| !field.optional && !field.nullable)
}

fn room_view(catalog: &Catalog, name: &str) -> Result<RoomView> {
    let room = &catalog.rooms[name];
    let name_type = template_type(&room.pattern, |p| {
        room.params.get(p).map(|ty| format!("${{{}}}", room_param_type(ty)))
    })?;
    let mut request = vec![PropView {
        key: "room".to_owned(),
        optional: false,
        ty: js_string(name),
        doc: vec![],
    }];
    request.extend(room.params.iter().map(|(param, ty)| PropView {
        key: ts_property(param),
        optional: false,
        ty: room_param_type(ty),
        doc: vec![],
    }));
    Ok(RoomView {
        name: ts_room_type(name),
        name_type,
        request,
        joinable: room.joinable,
        doc: doc_lines(room.description.as_deref()),
    })
}

pub(crate) fn room_param_type(ty: &str) -> String {
    match ty {
        "integer" => "number".to_owned(),
        "string" => "string".to_owned(),
        enum_name => ts_type(enum_name),
    }
}

/// A pattern as a template literal (type or value); `fill` gives the text for each placeholder:
/// a substitution such as `${number}` or `${companyId}`, or escaped literal text.
pub(crate) fn template_type(pattern: &str, fill: impl Fn(&str) -> Option<String>) -> Result<String> {
    let names = placeholders(pattern).map_err(anyhow::Error::msg)?;
    let mut out = String::from("`");
    let mut rest = pattern;
    for name in names {
        let token = format!("{{{name}}}");
        let (before, after) = rest.split_once(&token).unwrap_or((rest, ""));
        out.push_str(&ts_template_text(before));
        out.push_str(&fill(&name).unwrap_or_else(|| "${string}".to_owned()));
        rest = after;
    }
    out.push_str(&ts_template_text(rest));
    out.push('`');
    Ok(out)
}

/// A description split into doc-comment lines that cannot close the comment.
pub(crate) fn doc_lines(text: Option<&str>) -> Vec<String> {
    text.map(|t| doc_text(t).lines().map(|l| l.trim_end().to_owned()).collect())
        .unwrap_or_default()
}

/// The module specifier, as a string literal, by which the output of `from` imports the payload
/// types: relative, without the `.ts` extension (`"../../shared/socket/events"`).
pub(crate) fn types_import(loaded: &Loaded, from: Target) -> Result<String> {
    let importer = from.output_path(loaded).context("the importing output has no path")?;
    let types = Target::TypescriptTypes
        .output_path(loaded)
        .context("the catalog names no `typescriptTypes` output to import the payload types from")?;
    Ok(js_string(&relative_module(Path::new(importer), Path::new(types))))
}

fn relative_module(from_file: &Path, to_file: &Path) -> String {
    let normal = |path: &Path| -> Vec<String> {
        let mut parts: Vec<String> = Vec::new();
        for component in path.components() {
            match component {
                Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
                Component::ParentDir if parts.last().is_some_and(|p| p != "..") => {
                    parts.pop();
                }
                Component::ParentDir => parts.push("..".to_owned()),
                _ => {}
            }
        }
        parts
    };
    let from = normal(from_file.parent().unwrap_or(Path::new("")));
    let mut to = normal(to_file);
    if let Some(last) = to.last_mut() {
        for extension in [".tsx", ".ts"] {
            if let Some(stem) = last.strip_suffix(extension) {
                *last = stem.to_owned();
                break;
            }
        }
    }
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    if parts.is_empty() {
        parts.push(".".to_owned());
    }
    parts.extend(to.drain(common..));
    parts.join("/")
}

/// One event's payload types as `render_types` declares them, preceded by `PayloadBase` and the
/// enums and DTOs they use: a self-contained block for the event's section of WEBSOCKET.md.
pub fn render_event_types(catalog: &Catalog, resource: &str) -> Result<String> {
    let used = types_used_by_event(catalog, resource);
    let view = EventTypesView {
        enums: catalog
            .types
            .iter()
            .filter(|(name, _)| used.contains(name.as_str()))
            .filter_map(|(name, def)| enum_view(name, def))
            .collect(),
        dtos: catalog
            .types
            .iter()
            .filter(|(name, _)| used.contains(name.as_str()))
            .filter_map(|(name, def)| dto_view(name, def))
            .collect(),
        event: event_view(catalog, resource)?,
    };
    Ok(view.render()?.trim().to_owned())
}

/// The per-event part of `ts/types.ts`, for one event.
#[derive(Template)]
#[template(path = "ts/event_types.ts", escape = "none")]
struct EventTypesView {
    enums: Vec<EnumView>,
    dtos: Vec<DtoView>,
    event: EventView,
}

/// Names of the catalog types an event's payload reaches, directly or through DTO fields.
fn types_used_by_event(catalog: &Catalog, resource: &str) -> std::collections::BTreeSet<String> {
    let event = &catalog.events[resource];
    let entity_field = event.entity_field_name(resource);
    let mut pending: Vec<String> = Vec::new();
    for action in event.actions.keys() {
        for carried in event.carried(resource, action) {
            if let Some(field) = event.fields.get(&carried) {
                pending.extend(TypeExpr::parse(&field.ty).ok().and_then(|e| e.named().map(str::to_owned)));
            } else if carried == entity_field {
                pending.extend(event.entity.clone());
            }
        }
    }
    let mut used = std::collections::BTreeSet::new();
    while let Some(name) = pending.pop() {
        if !used.insert(name.clone()) {
            continue;
        }
        let fields = catalog.types.get(&name).and_then(|def| def.fields.as_ref());
        for field in fields.into_iter().flat_map(|f| f.values()) {
            pending.extend(TypeExpr::parse(&field.ty).ok().and_then(|e| e.named().map(str::to_owned)));
        }
    }
    used
}
