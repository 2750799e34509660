//! TypeScript targets: payload interfaces with typed event maps, and server emitters for Node
//! socket.io 4.7 (`server`). Literals and type expressions are computed here from the protocol,
//! which holds every name; templates only lay them out.

mod server;

use std::path::{Component, Path};

use anyhow::{Context, Result};
use askama::Template;

use crate::catalog::model::{Outputs, TypeExpr};
use crate::catalog::names::{doc_text, js_string, ts_property, ts_template_text};
use crate::gen::Target;
use crate::protocol::{
    AckDecl, ClientEvent, FieldDecl, ParamType, Pattern, Protocol, RoomDecl, Segment, ServerEvent, TypeDecl, TypeKind,
};

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
    client_events: Vec<ClientEventView>,
}

/// A client event as `ClientToServerEvents` and `ClientEventArgs` declare it.
struct ClientEventView {
    /// The property key: `joinChatBox`, or quoted.
    key: String,
    /// The event name as a string literal, for `clientEventNames`.
    literal: String,
    doc: Vec<String>,
    /// `ticketId: number, ack?: (reply: Ack) => void`.
    params: String,
    /// `[ticketId: number]`: the validated arguments as a labelled tuple.
    args: String,
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

pub fn render_types(protocol: &Protocol) -> Result<String> {
    let namespace = &protocol.namespace;
    let view = TypesView {
        namespace_pattern: namespace.text.replace(['\r', '\n'], " "),
        namespace_type: template_type(namespace, |_| Some("${number}".to_owned())),
        namespace_value: template_type(namespace, |_| Some("${companyId}".to_owned())),
        enums: protocol.types.iter().filter_map(enum_view).collect(),
        dtos: protocol.types.iter().filter_map(|decl| dto_view(protocol, decl)).collect(),
        events: protocol.events.iter().map(|event| event_view(protocol, event)).collect(),
        rooms: protocol.rooms.iter().map(|room| room_view(protocol, room)).collect(),
        any_joinable: protocol.joinable_rooms().next().is_some(),
        client_events: protocol
            .client_events
            .iter()
            .map(|event| client_event_view(protocol, event))
            .collect(),
    };
    Ok(view.render()?)
}

fn client_event_view(protocol: &Protocol, event: &ClientEvent) -> ClientEventView {
    let args = client_args(protocol, event);
    ClientEventView {
        key: event.ts.key.clone(),
        literal: js_string(&event.name),
        doc: doc_lines(event.description.as_deref()),
        params: client_params(protocol, event, &args),
        args: format!("[{}]", args.join(", ")),
    }
}

/// The parameters of a client event in `ClientToServerEvents`: its arguments, then the ack.
/// socket.io takes the last function as the ack wherever it falls, so after optional arguments
/// the ack cannot be one more parameter (`note?: string, ack: …` is not even valid TypeScript):
/// the parameters are then a union of tuples, one per number of arguments sent.
fn client_params(protocol: &Protocol, event: &ClientEvent, args: &[String]) -> String {
    let Some(ack) = &event.ack else {
        return args.join(", ");
    };
    let callback = format!("(reply: {}) => void", ack_type(protocol, ack));
    let required = event.args.iter().take_while(|a| !a.optional).count();
    if required == event.args.len() {
        let ack = format!("ack{}: {callback}", if ack.required { "" } else { "?" });
        return args.iter().cloned().chain([ack]).collect::<Vec<_>>().join(", ");
    }
    let sent = |count: usize| -> Vec<String> {
        let sent = event.args[..count].iter().zip(&event.ts.args).map(|(arg, param)| {
            let ty = ts_type_expr(protocol, &arg.ty);
            format!("{param}: {}", if arg.nullable { format!("{ty} | null") } else { ty })
        });
        sent.collect()
    };
    let mut tuples = Vec::new();
    for count in required..=event.args.len() {
        let with_ack = sent(count)
            .into_iter()
            .chain([format!("ack: {callback}")])
            .collect::<Vec<_>>();
        tuples.push(format!("[{}]", with_ack.join(", ")));
        if !ack.required {
            tuples.push(format!("[{}]", sent(count).join(", ")));
        }
    }
    format!("...args: {}", tuples.join(" | "))
}

/// Each argument of a client event as a parameter: `ticketId: number`, `note?: string | null`.
pub(crate) fn client_args(protocol: &Protocol, event: &ClientEvent) -> Vec<String> {
    event
        .args
        .iter()
        .zip(&event.ts.args)
        .map(|(arg, param)| {
            let ty = ts_type_expr(protocol, &arg.ty);
            let ty = if arg.nullable { format!("{ty} | null") } else { ty };
            format!("{param}{}: {ty}", if arg.optional { "?" } else { "" })
        })
        .collect()
}

/// `Ack`, or `Ack<ReadReceipt>` when a successful reply carries data.
pub(crate) fn ack_type(protocol: &Protocol, ack: &AckDecl) -> String {
    match &ack.ty {
        Some(ty) => format!("Ack<{}>", ts_type_expr(protocol, ty)),
        None => "Ack".to_owned(),
    }
}

fn enum_view(decl: &TypeDecl) -> Option<EnumView> {
    let TypeKind::Enum(values) = &decl.kind else { return None };
    Some(EnumView {
        name: decl.ts_name.clone(),
        doc: doc_lines(decl.description.as_deref()),
        values: values.iter().map(|v| js_string(v)).collect(),
    })
}

fn dto_view(protocol: &Protocol, decl: &TypeDecl) -> Option<DtoView> {
    let TypeKind::Dto(fields) = &decl.kind else { return None };
    Some(DtoView {
        name: decl.ts_name.clone(),
        doc: doc_lines(decl.description.as_deref()),
        props: fields.iter().map(|field| field_prop(protocol, field)).collect(),
    })
}

pub(crate) fn field_prop(protocol: &Protocol, field: &FieldDecl) -> PropView {
    let ty = ts_type_expr(protocol, &field.ty);
    let mut doc = doc_lines(field.description.as_deref());
    if mentions_datetime(&field.ty) {
        doc.push("ISO 8601 date and time.".to_owned());
    }
    PropView {
        key: ts_property(&field.name),
        optional: field.optional,
        ty: if field.nullable { format!("{ty} | null") } else { ty },
        doc,
    }
}

fn mentions_datetime(expr: &TypeExpr) -> bool {
    match expr {
        TypeExpr::DateTime => true,
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => mentions_datetime(inner),
        _ => false,
    }
}

/// The TypeScript type of a type expression.
pub(crate) fn ts_type_expr(protocol: &Protocol, expr: &TypeExpr) -> String {
    match expr {
        TypeExpr::Integer | TypeExpr::Number => "number".to_owned(),
        TypeExpr::String | TypeExpr::DateTime => "string".to_owned(),
        TypeExpr::Boolean => "boolean".to_owned(),
        TypeExpr::Named(name) => ts_type_name(protocol, name),
        TypeExpr::Array(inner) => format!("{}[]", ts_type_expr(protocol, inner)),
        TypeExpr::Map(inner) => format!("Record<string, {}>", ts_type_expr(protocol, inner)),
    }
}

fn ts_type_name(protocol: &Protocol, name: &str) -> String {
    protocol
        .type_decl(name)
        .map_or_else(|| crate::catalog::names::ts_type(name), |decl| decl.ts_name.clone())
}

fn event_view(protocol: &Protocol, event: &ServerEvent) -> EventView {
    let names = &event.ts;
    let pattern = &protocol.event_pattern;
    let name_type = template_type(pattern, |p| match p {
        "resource" => Some(ts_template_text(&event.resource)),
        _ => Some("${number}".to_owned()),
    });
    let name_value = template_type(pattern, |p| match p {
        "resource" => Some(ts_template_text(&event.resource)),
        _ => Some("${companyId}".to_owned()),
    });
    let variants = event
        .actions
        .iter()
        .zip(&names.variants)
        .map(|(action, interface)| {
            let mut props = vec![action_prop(&action.name)];
            props.extend(action.carried.iter().map(|c| field_prop(protocol, &c.field)));
            VariantView {
                interface: interface.clone(),
                doc: doc_lines(action.description.as_deref()),
                props,
            }
        })
        .collect();
    EventView {
        member: names.member.clone(),
        name_value,
        payload: names.payload.clone(),
        action_type: names.action.clone(),
        event_name: names.event_name.clone(),
        name_type,
        doc: doc_lines(event.description.as_deref()),
        variants,
    }
}

/// The discriminant; `companyId`, `userId` and `timestamp` come from `PayloadBase`.
fn action_prop(action: &str) -> PropView {
    PropView {
        key: "action".to_owned(),
        optional: false,
        ty: js_string(action),
        doc: vec![],
    }
}

fn room_view(protocol: &Protocol, room: &RoomDecl) -> RoomView {
    let name_type = template_type(&room.pattern, |p| {
        let param = room.params.iter().find(|param| param.name == p)?;
        Some(format!("${{{}}}", room_param_type(protocol, &param.ty)))
    });
    let mut request = vec![PropView {
        key: "room".to_owned(),
        optional: false,
        ty: js_string(&room.name),
        doc: vec![],
    }];
    request.extend(room.params.iter().map(|param| PropView {
        key: ts_property(&param.name),
        optional: false,
        ty: room_param_type(protocol, &param.ty),
        doc: vec![],
    }));
    RoomView {
        name: room.ts_type.clone(),
        name_type,
        request,
        joinable: room.joinable,
        doc: doc_lines(room.description.as_deref()),
    }
}

pub(crate) fn room_param_type(protocol: &Protocol, ty: &ParamType) -> String {
    match ty {
        ParamType::Integer => "number".to_owned(),
        ParamType::String => "string".to_owned(),
        ParamType::Enum(name) => ts_type_name(protocol, name),
    }
}

/// A pattern as a template literal (type or value); `fill` gives the text for each placeholder:
/// a substitution such as `${number}` or `${companyId}`, or escaped literal text.
pub(crate) fn template_type(pattern: &Pattern, fill: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::from("`");
    for segment in &pattern.segments {
        match segment {
            Segment::Text(text) => out.push_str(&ts_template_text(text)),
            Segment::Param(name) => out.push_str(&fill(name).unwrap_or_else(|| "${string}".to_owned())),
        }
    }
    out.push('`');
    out
}

/// A description split into doc-comment lines that cannot close the comment.
pub(crate) fn doc_lines(text: Option<&str>) -> Vec<String> {
    text.map(|t| doc_text(t).lines().map(|l| l.trim_end().to_owned()).collect())
        .unwrap_or_default()
}

/// The module specifier, as a string literal, by which the output of `from` imports the payload
/// types: relative, without the `.ts` extension (`"../../shared/socket/events"`).
pub(crate) fn types_import(outputs: &Outputs, from: Target) -> Result<String> {
    let importer = from.output_path(outputs).context("the importing output has no path")?;
    let types = Target::TypescriptTypes
        .output_path(outputs)
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
