//! The code examples of WEBSOCKET.md, written against the generated API. Every name they import
//! or call comes from the protocol's names — `ServerEvent::ts`, `RoomDecl::ts_hook` and the
//! TypeScript types for TypeScript, `Protocol::rust` for Rust — so an example calls exactly what
//! the generated files export. Only the examples' own variables are named here, through a
//! `names::Namer`. The harness compiles each example against the generated files
//! (`harness/tests/docs/`).

use std::collections::BTreeSet;

use anyhow::{Context, Result};
use askama::Template;

use crate::catalog::model::TypeExpr;
use crate::catalog::names::{
    js_string, line_comment_text, rust_string, ts_object_key, ts_property, ts_value, Namer, TsEventNames,
};
use crate::protocol::rust_names::{RustAction, RustEvent};
use crate::protocol::{ActionDecl, Carried, FieldDecl, ParamType, Protocol, Role, RoomDecl, ServerEvent};

use super::escape::one_line;
use super::Shared;

/// The action the backend examples emit, the service they emit it from, and where each value
/// comes from.
pub(super) struct ExampleAction<'p> {
    pub event: &'p ServerEvent,
    pub action: &'p ActionDecl,
    /// The action's index among the event's, which the per-action names share.
    pub index: usize,
    rust_event: &'p RustEvent,
    /// `Update`, `Create` or `Delete`: what the service did.
    verb: &'static str,
    /// The event's first room, when it has one.
    room: Option<ExampleRoom<'p>>,
}

struct ExampleRoom<'p> {
    decl: &'p RoomDecl,
    /// Its index among the protocol's rooms, which the Rust names share.
    index: usize,
    /// Where each parameter's value comes from, in the room's order.
    sources: Vec<Source<'p>>,
}

/// Where an example takes a room parameter from.
enum Source<'p> {
    /// The carried field of the same name and type: its variable.
    Carried(usize),
    /// A field of the carried entity: the one with the parameter's name, or its `id` for the
    /// event's id field.
    EntityField {
        /// Which carried field the entity is.
        entity: usize,
        dto: &'p str,
        /// The field's index among the DTO's, which the Rust names share.
        field: usize,
        name: &'p str,
    },
    /// Neither: the example takes it as a parameter of its own.
    Param,
}

impl<'p> ExampleAction<'p> {
    /// `update` when the event has it: the most common change; otherwise its first action.
    pub fn choose(protocol: &'p Protocol, event: &'p ServerEvent) -> Result<Self> {
        let index = event.actions.iter().position(|a| a.name == "update").unwrap_or(0);
        let action = event.actions.get(index).context("an event has at least one action")?;
        let rust_event = protocol
            .events
            .iter()
            .position(|e| e.resource == event.resource)
            .and_then(|i| protocol.rust.events.get(i))
            .context("the Rust names have no such event")?;
        let room = event.rooms.first().and_then(|name| {
            let index = protocol.rooms.iter().position(|r| r.name == *name)?;
            let decl = &protocol.rooms[index];
            let sources = decl
                .params
                .iter()
                .map(|p| source(protocol, event, &action.carried, &p.name, &p.ty))
                .collect();
            Some(ExampleRoom { decl, index, sources })
        });
        Ok(ExampleAction {
            event,
            action,
            index,
            rust_event,
            verb: match action.name.as_str() {
                "create" => "Create",
                "delete" => "Delete",
                _ => "Update",
            },
            room,
        })
    }

    /// `UpdateTicketService`.
    pub fn service(&self) -> String {
        format!("{}{}Service", self.verb, self.event.ts.stem)
    }

    fn rust_action(&self) -> Result<&'p RustAction> {
        self.rust_event
            .actions
            .get(self.index)
            .context("the Rust names have no such action")
    }
}

/// Where a room parameter's value comes from: a value of exactly its type that is always there.
fn source<'p>(protocol: &'p Protocol, event: &ServerEvent, carried: &[Carried], param: &str, ty: &ParamType) -> Source<'p> {
    if let Some(i) = carried.iter().position(|c| c.field.name == param && fits(&c.field, ty)) {
        return Source::Carried(i);
    }
    let Some(entity) = carried.iter().position(|c| c.role == Role::Entity) else {
        return Source::Param;
    };
    let Some((dto, fields)) = carried[entity]
        .field
        .ty
        .named()
        .and_then(|name| Some((protocol.type_decl(name)?.name.as_str(), protocol.dto_fields(name)?)))
    else {
        return Source::Param;
    };
    let wanted = if param == event.id_field { "id" } else { param };
    match fields.iter().position(|f| f.name == wanted) {
        Some(field) if fits(&fields[field], ty) => Source::EntityField {
            entity,
            dto,
            field,
            name: &fields[field].name,
        },
        _ => Source::Param,
    }
}

/// A field always present with exactly the room parameter's type.
fn fits(field: &FieldDecl, ty: &ParamType) -> bool {
    let same = match (&field.ty, ty) {
        (TypeExpr::Integer, ParamType::Integer) | (TypeExpr::String, ParamType::String) => true,
        (TypeExpr::Named(name), ParamType::Enum(param)) => name == param,
        _ => false,
    };
    same && !field.optional && !field.nullable
}

/// The catalog types some type expressions refer to, by the names `convert` gives, sorted.
fn named_types<'a>(types: impl Iterator<Item = &'a TypeExpr>, convert: impl Fn(&str) -> String) -> BTreeSet<String> {
    types.filter_map(|e| e.named().map(&convert)).collect()
}

/// `.name`, or `["odd-name"]` when the name is not an identifier.
fn member_access(name: &str) -> String {
    let key = ts_property(name);
    if key == name {
        format!(".{name}")
    } else {
        format!("[{key}]")
    }
}

/// `{ key: value, … }`, with the shorthand where the key is the variable.
fn ts_object(entries: &[(String, String)]) -> String {
    let parts: Vec<String> = entries
        .iter()
        .map(|(key, value)| {
            let key = ts_object_key(key);
            if &key == value {
                key
            } else {
                format!("{key}: {value}")
            }
        })
        .collect();
    format!("{{ {} }}", parts.join(", "))
}

/// What an example's function takes and imports, as its values are chosen.
struct Signature {
    scope: Namer,
    params: Vec<String>,
    imports: BTreeSet<String>,
}

// ---------------------------------------------------------------------------------------------
// Node service.

#[derive(Template)]
#[template(path = "markdown/examples/node_service.ts", escape = "none")]
struct NodeExample {
    server_module: String,
    types_module: String,
    type_imports: Vec<String>,
    service: String,
    /// `ticket: Ticket` for each carried field, then the room parameters taken as such.
    params: Vec<String>,
    /// `emit.ticket.update`.
    call: String,
    /// The arguments of the emit to the whole namespace, when the event may go there.
    broadcast: Option<String>,
    /// The arguments of the emit to the first room, when the event has rooms.
    room: Option<String>,
}

pub(super) fn node(protocol: &Protocol, shared: &Shared, example: &ExampleAction) -> Result<String> {
    let carried = &example.action.carried;
    let mut imports = named_types(carried.iter().map(|c| &c.field.ty), |name| protocol.ts_type_name(name));
    let room_params = example.room.iter().flat_map(|r| r.decl.params.iter().zip(&r.sources));
    imports.extend(
        room_params
            .filter(|(p, source)| matches!(source, Source::Param) && matches!(p.ty, ParamType::Enum(_)))
            .map(|(p, _)| protocol.ts_param_type(&p.ty)),
    );
    let service = example.service();
    let fixed = ["io", "companyId", "userId", "emit", service.as_str()];
    let scope = Namer::with_reserved(fixed.into_iter().chain(imports.iter().map(String::as_str)));
    let mut sig = Signature {
        scope,
        params: Vec::new(),
        imports,
    };
    let vars: Vec<String> = carried
        .iter()
        .map(|c| {
            let var = sig.scope.claim(ts_value(&c.field.name));
            let optional = if c.field.optional { " | undefined" } else { "" };
            sig.params
                .push(format!("{var}: {}{optional}", protocol.ts_field_type(&c.field)));
            var
        })
        .collect();
    let data = (!vars.is_empty()).then(|| {
        let entries: Vec<(String, String)> = carried
            .iter()
            .map(|c| c.field.name.clone())
            .zip(vars.iter().cloned())
            .collect();
        ts_object(&entries)
    });
    let room = example.room.as_ref().map(|room| {
        let target = node_room_target(protocol, room, &vars, &mut sig);
        data.iter().cloned().chain([target]).collect::<Vec<_>>().join(", ")
    });
    let view = NodeExample {
        server_module: shared.server_module.clone(),
        types_module: shared.types_module.clone(),
        type_imports: sig.imports.into_iter().collect(),
        service,
        params: sig.params,
        call: ts_call(&example.event.ts, example.index),
        broadcast: example.event.broadcast.then(|| data.clone().unwrap_or_default()),
        room,
    };
    Ok(view.render()?)
}

/// `{ room: "ticket", ticketId: ticket.id }`, taking what the carried values lack as parameters.
fn node_room_target(protocol: &Protocol, room: &ExampleRoom, vars: &[String], sig: &mut Signature) -> String {
    let mut entries = vec![("room".to_owned(), js_string(&room.decl.name))];
    for (p, source) in room.decl.params.iter().zip(&room.sources) {
        let value = match source {
            Source::Carried(i) => vars[*i].clone(),
            Source::EntityField { entity, name, .. } => format!("{}{}", vars[*entity], member_access(name)),
            Source::Param => {
                let var = sig.scope.claim(ts_value(&p.name));
                sig.params.push(format!("{var}: {}", protocol.ts_param_type(&p.ty)));
                var
            }
        };
        entries.push((p.name.clone(), value));
    }
    ts_object(&entries)
}

/// `emit.ticket.statusChange`: the emitter's members for the event's `action`-th action.
pub(super) fn ts_call(names: &TsEventNames, action: usize) -> String {
    format!(
        "emit{}{}",
        member_access(&names.member),
        member_access(&names.methods[action])
    )
}

// ---------------------------------------------------------------------------------------------
// Rust service.

#[derive(Template)]
#[template(path = "markdown/examples/rust_service.rs", escape = "none")]
struct RustExample {
    module: String,
    imports: Vec<String>,
    function: String,
    many_args: bool,
    /// `ticket: &Ticket`, each as the emitter method takes it, then the room parameters.
    params: Vec<String>,
    /// The resource as a Rust string literal, for the log line.
    resource: String,
    /// `ticket_update(ticket)`, when the event may go to the whole namespace.
    broadcast: Option<String>,
    /// `ticket_update_to(&[TicketEventRoom::Ticket { ticket_id: ticket.id }], ticket)`.
    room: Option<String>,
}

/// Clippy's `too_many_arguments` allows seven.
const CLIPPY_MAX_ARGS: usize = 7;

pub(super) fn rust(protocol: &Protocol, shared: &Shared, example: &ExampleAction) -> Result<String> {
    let api = &protocol.rust;
    let action = example.rust_action()?;
    let rust_type = |name: &str| api.types.get(name).cloned().unwrap_or_else(|| name.to_owned());
    let mut sig = Signature {
        scope: Namer::with_reserved(["io", "limiter", "company_id", "user_id", "emitter", "err"]),
        params: Vec::new(),
        imports: named_types(example.action.carried.iter().map(|c| &c.field.ty), rust_type),
    };
    let vars: Vec<String> = action
        .params
        .iter()
        .map(|param| {
            let var = sig.scope.claim(param.ident.clone());
            sig.params.push(format!("{var}: {}", param.ty));
            var
        })
        .collect();
    let room = match &example.room {
        None => None,
        Some(room) => {
            let target = rust_room_target(protocol, example, room, &vars, &mut sig)?;
            let args: Vec<String> = [target].into_iter().chain(vars.iter().cloned()).collect();
            Some(format!("{}({})", action.method_to, args.join(", ")))
        }
    };
    sig.imports
        .extend(["CompanyEmitter", "CompanyNamespaces", "RateLimiter"].map(str::to_owned));
    let view = RustExample {
        module: shared.rust_module.clone(),
        imports: sig.imports.into_iter().collect(),
        function: format!("{}_{}", example.verb.to_ascii_lowercase(), example.rust_event.snake),
        many_args: 4 + sig.params.len() > CLIPPY_MAX_ARGS,
        params: sig.params,
        resource: rust_string(&example.event.resource),
        broadcast: example
            .event
            .broadcast
            .then(|| format!("{}({})", action.method, vars.join(", "))),
        room,
    };
    Ok(view.render()?)
}

/// `&[TicketEventRoom::Ticket { ticket_id: ticket.id }]`, taking what the carried values lack
/// as parameters.
fn rust_room_target(
    protocol: &Protocol,
    example: &ExampleAction,
    room: &ExampleRoom,
    vars: &[String],
    sig: &mut Signature,
) -> Result<String> {
    let api = &protocol.rust;
    let variant = api.rooms.get(room.index).context("the Rust names have no such room")?;
    let room_enum = example.rust_event.room_enum.clone().unwrap_or_default();
    let mut fields = Vec::new();
    for ((p, source), ident) in room.decl.params.iter().zip(&room.sources).zip(&variant.params) {
        let value = match source {
            Source::Carried(i) => vars[*i].clone(),
            Source::EntityField { entity, dto, field, .. } => {
                let ident = api.dto_fields.get(*dto).and_then(|f| f.get(*field));
                format!("{}.{}", vars[*entity], ident.context("the Rust names have no such field")?)
            }
            Source::Param => {
                let var = sig.scope.claim(ident.clone());
                let ty = match &p.ty {
                    ParamType::String => "&str".to_owned(),
                    ParamType::Integer => api.param_ty(&p.ty),
                    ParamType::Enum(_) => {
                        let ty = api.param_ty(&p.ty);
                        sig.imports.insert(ty.clone());
                        ty
                    }
                };
                sig.params.push(format!("{var}: {ty}"));
                var
            }
        };
        // Text is borrowed everywhere the example has it; the room owns its copy.
        let value = match (source, &p.ty) {
            (Source::EntityField { .. }, ParamType::String) => format!("{value}.clone()"),
            (_, ParamType::String) => format!("{value}.to_owned()"),
            _ => value,
        };
        fields.push(if *ident == value { value } else { format!("{ident}: {value}") });
    }
    sig.imports.insert(room_enum.clone());
    Ok(if fields.is_empty() {
        format!("&[{room_enum}::{}]", variant.variant)
    } else {
        format!("&[{room_enum}::{} {{ {} }}]", variant.variant, fields.join(", "))
    })
}

// ---------------------------------------------------------------------------------------------
// React component.

#[derive(Template)]
#[template(path = "markdown/examples/react_component.tsx", escape = "none")]
struct ReactExample {
    react_module: String,
    types_module: String,
    /// `useTicketEvents`.
    hook: String,
    component: String,
    /// The list the component keeps with the event's list helper, when the hooks file has one.
    list: Option<ListState>,
    /// Otherwise: the payload union, and the hook's handler keys.
    payload_type: String,
    handler_keys: Vec<String>,
}

struct ListState {
    /// `applyTicketEvent`.
    apply: String,
    entity: String,
    /// `ticketList` / `setTicketList`.
    state: String,
    setter: String,
    /// What the helper does with which action, as comment lines.
    note: Vec<String>,
}

pub(super) fn react(protocol: &Protocol, shared: &Shared, event: &ServerEvent) -> Result<String> {
    let names = &event.ts;
    // The TypeScript type a list helper keeps, when the hooks file has one for this event.
    let entity = event.list_entity().map(|entity| protocol.ts_type_name(entity));
    let kind = if entity.is_some() { "List" } else { "Status" };
    let mut component = format!("{}{kind}", names.stem);
    if entity.as_deref() == Some(component.as_str()) || names.payload == component {
        component.push_str("View");
    }
    let view = ReactExample {
        react_module: shared.react_module.clone(),
        types_module: shared.types_module.clone(),
        hook: names.hook.clone(),
        component,
        list: entity.map(|entity| list_state(event, entity)),
        payload_type: names.payload.clone(),
        handler_keys: names.methods.iter().map(|m| ts_property(m)).collect(),
    };
    Ok(view.render()?)
}

fn list_state(event: &ServerEvent, entity: String) -> ListState {
    let apply = event.ts.apply.clone();
    let mut scope = Namer::with_reserved([
        "socket",
        "companyId",
        "initial",
        "list",
        "payload",
        "item",
        apply.as_str(),
        entity.as_str(),
    ]);
    let state = scope.claim(ts_value(&format!("{}-list", event.entity_field)));
    let setter = scope.claim(format!("set{}", capitalized(&state)));
    let (handled, ignored): (Vec<&ActionDecl>, Vec<&ActionDecl>) = event.actions.iter().partition(|a| a.list_effect.is_some());
    let names = |actions: &[&ActionDecl]| actions.iter().map(|a| a.name.clone()).collect::<Vec<_>>();
    let mut note = format!(
        "Subscribes once; new handlers on later renders do not resubscribe, and cleanup removes only this listener. {apply} handles {}",
        and_list(&names(&handled))
    );
    if !ignored.is_empty() {
        let verb = if ignored.len() == 1 { "leaves" } else { "leave" };
        note.push_str(&format!("; {} {verb} the list as is", and_list(&names(&ignored))));
    }
    note.push('.');
    ListState {
        apply,
        entity,
        state,
        setter,
        note: wrap(&one_line(&note), COMMENT_WIDTH),
    }
}

/// `ticketList` → `TicketList`, for the setter React's convention names after its state.
fn capitalized(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Text of a `//` comment line in the examples, past its indentation.
const COMMENT_WIDTH: usize = 94;

/// Words put on lines of at most `width` characters (a longer word gets a line of its own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

/// `a, b and c`.
fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [only] => only.as_ref().to_owned(),
        [rest @ .., last] => format!(
            "{} and {}",
            rest.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(", "),
            last.as_ref()
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Connecting: the server setups and the client.

#[derive(Template)]
#[template(path = "markdown/examples/setup_node.ts", escape = "none")]
struct NodeSetup {
    server_module: String,
    types_module: String,
    joinable: bool,
}

#[derive(Template)]
#[template(path = "markdown/examples/setup_rust.rs", escape = "none")]
struct RustSetup {
    module: String,
    /// What the example imports from the module.
    imports: Vec<String>,
    /// Some client event has an ownership check: the guard answers `authorize`.
    authorize: bool,
    /// `ClientEventCall` takes a lifetime.
    call_borrows: bool,
    /// One per client event with a handler.
    handlers: Vec<RustHandler>,
}

struct RustHandler {
    method: String,
    /// The guard's field that serves the event: `serve_` and the method's name, which no other
    /// field of the example starts with.
    field: String,
    /// The type of that field, named (`ServeTyping`) so that long argument lists stay readable.
    alias: String,
    /// `, indicator: Typing`: the arguments after the context.
    params: String,
    /// `, Typing`.
    arg_types: String,
    /// `, indicator`.
    arg_names: String,
    ack_ty: String,
    /// The event name, inside a Rust doc comment.
    event_doc: String,
}

#[derive(Template)]
#[template(path = "markdown/examples/connect_react.tsx", escape = "none")]
struct ReactConnect {
    react_module: String,
    types_module: String,
    /// The namespace pattern, for a comment.
    namespace: String,
    /// The first joinable room, which the hook follows.
    room: Option<FollowRoom>,
}

struct FollowRoom {
    /// The generated room hook: `useTicketRoom`.
    hook: String,
    /// The example's own hook, which calls it.
    wrapper: String,
    type_imports: Vec<String>,
    /// `ticketId: number`.
    params: Vec<String>,
    /// What the room hook is given after the socket: `ticketId`.
    args: Vec<String>,
}

pub(super) fn node_setup(protocol: &Protocol, shared: &Shared) -> Result<String> {
    let view = NodeSetup {
        server_module: shared.server_module.clone(),
        types_module: shared.types_module.clone(),
        joinable: protocol.joinable_rooms().next().is_some(),
    };
    Ok(view.render()?)
}

pub(super) fn rust_setup(shared: &Shared, protocol: &Protocol) -> Result<String> {
    let api = &protocol.rust;
    let events = protocol.client_events.iter().zip(&api.client_events);
    let handled: Vec<_> = events.clone().filter(|(event, _)| event.has_handler()).collect();
    let authorized: Vec<_> = events.filter(|(event, _)| event.authorize).collect();
    // The setup's own names first, then what the client events add, sorted.
    let base = [
        "CompanyNamespaces",
        "register_namespace",
        "RoomRequest",
        "SocketGuard",
        "SocketSession",
    ];
    let mut imports = std::collections::BTreeSet::new();
    if !authorized.is_empty() {
        imports.extend(["ClientContext", "ClientEventCall"].map(str::to_owned));
    }
    if !handled.is_empty() {
        imports.extend(["AckError", "ClientContext", "ClientEventHandlers"].map(str::to_owned));
    }
    let handlers = handled
        .iter()
        .map(|(event, names)| {
            let types = event
                .args
                .iter()
                .map(|a| &a.ty)
                .chain(event.ack.iter().filter_map(|a| a.ty.as_ref()));
            imports.extend(
                types
                    .filter_map(|ty| ty.named())
                    .filter_map(|name| api.types.get(name).cloned()),
            );
            let args: Vec<(&String, String)> = names
                .args
                .iter()
                .zip(event.args.iter().map(|arg| api.field_ty(arg).text))
                .collect();
            RustHandler {
                method: names.method.clone(),
                field: format!("serve_{}", names.method.trim_start_matches("r#")),
                alias: String::new(),
                params: args.iter().map(|(ident, ty)| format!(", {ident}: {ty}")).collect(),
                arg_types: args.iter().map(|(_, ty)| format!(", {ty}")).collect(),
                arg_names: args.iter().map(|(ident, _)| format!(", {ident}")).collect(),
                ack_ty: event
                    .ack
                    .as_ref()
                    .and_then(|a| a.ty.as_ref())
                    .map_or("()".to_owned(), |ty| api.ty(ty).text),
                event_doc: line_comment_text(&event.name),
            }
        })
        .collect::<Vec<RustHandler>>();
    let mut handlers = handlers;
    let mut aliases = Namer::with_reserved(base.into_iter().chain(imports.iter().map(String::as_str)).chain([
        "Credentials",
        "Guard",
        "SocketIo",
    ]));
    for handler in &mut handlers {
        handler.alias = aliases.claim(format!("Serve{}", heck::AsUpperCamelCase(&handler.field["serve_".len()..])));
    }
    let view = RustSetup {
        module: shared.rust_module.clone(),
        imports: base
            .into_iter()
            .map(str::to_owned)
            .chain(imports.into_iter().filter(|name: &String| !base.contains(&name.as_str())))
            .collect(),
        call_borrows: authorized
            .iter()
            .any(|(event, _)| event.args.iter().any(|arg| api.field_ty(arg).lending("arg").0.contains("'a"))),
        authorize: !authorized.is_empty(),
        handlers,
    };
    Ok(view.render()?)
}

pub(super) fn react_connect(protocol: &Protocol, shared: &Shared) -> Result<String> {
    let view = ReactConnect {
        react_module: shared.react_module.clone(),
        types_module: shared.types_module.clone(),
        namespace: one_line(&protocol.namespace.text),
        room: protocol.joinable_rooms().next().map(|room| follow_room(protocol, room)),
    };
    Ok(view.render()?)
}

fn follow_room(protocol: &Protocol, room: &RoomDecl) -> FollowRoom {
    let mut scope = Namer::with_reserved([
        "apiUrl",
        "companyId",
        "token",
        "connection",
        "room",
        "useCompanySocket",
        "CompanyConnection",
        "RoomMembership",
    ]);
    let hook = scope.claim(room.ts_hook.clone());
    let wrapper = scope.claim("useRealtime".to_owned());
    let mut params = Vec::new();
    let mut args = Vec::new();
    for param in &room.params {
        let var = scope.claim(ts_value(&param.name));
        params.push(format!("{var}: {}", protocol.ts_param_type(&param.ty)));
        args.push(var);
    }
    let type_imports: BTreeSet<String> = room
        .params
        .iter()
        .filter_map(|p| match &p.ty {
            ParamType::Enum(name) => Some(protocol.ts_type_name(name)),
            ParamType::Integer | ParamType::String => None,
        })
        .collect();
    FollowRoom {
        hook,
        wrapper,
        type_imports: type_imports.into_iter().collect(),
        params,
        args,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn protocol(catalog: &str) -> Protocol {
        let loaded = crate::catalog::load(Path::new(catalog)).unwrap();
        crate::protocol::resolve(&loaded).unwrap()
    }

    fn chosen<'p>(protocol: &'p Protocol, resource: &str) -> ExampleAction<'p> {
        ExampleAction::choose(protocol, protocol.event(resource).unwrap()).unwrap()
    }

    fn sources(protocol: &Protocol, resource: &str) -> Vec<(String, String)> {
        let example = chosen(protocol, resource);
        let room = example.room.as_ref().unwrap();
        room.decl
            .params
            .iter()
            .zip(&room.sources)
            .map(|(p, source)| {
                let source = match source {
                    Source::Carried(i) => format!("carried {}", example.action.carried[*i].field.name),
                    Source::EntityField { name, .. } => format!("entity field {name}"),
                    Source::Param => "parameter".to_owned(),
                };
                (p.name.clone(), source)
            })
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
    }

    #[test]
    fn room_parameters_come_from_a_value_of_their_own_type() {
        let chatia = protocol("fixtures/chatia/socket-events.yaml");
        assert_eq!(sources(&chatia, "ticket"), pairs(&[("ticketId", "entity field id")]));
        assert_eq!(sources(&chatia, "automationRule"), pairs(&[("ticketId", "parameter")]));
        // `Record.type` is text, the room's `type` a `class`: the example takes it as a parameter.
        let awkward = protocol("fixtures/catalogs/awkward/socket-events.yaml");
        assert_eq!(
            sources(&awkward, "app-event"),
            pairs(&[("type", "parameter"), ("self", "entity field self")])
        );
    }

    #[test]
    fn examples_emit_update_or_else_the_first_action() {
        let chatia = protocol("fixtures/chatia/socket-events.yaml");
        let ticket = chosen(&chatia, "ticket");
        assert_eq!(
            (ticket.action.name.as_str(), ticket.service()),
            ("update", "UpdateTicketService".to_owned())
        );
        let awkward = protocol("fixtures/catalogs/awkward/socket-events.yaml");
        let quick = chosen(&awkward, "quickMessage");
        assert_eq!(
            (quick.action.name.as_str(), quick.service()),
            ("delete", "DeleteQuickMessageService".to_owned())
        );
    }

    #[test]
    fn scope_suffixes_names_already_taken() {
        let mut scope = Namer::with_reserved(["io", "emitter"]);
        assert_eq!(scope.claim("emitter".to_owned()), "emitter_");
        assert_eq!(scope.claim("emitter".to_owned()), "emitter__");
        assert_eq!(scope.claim("ticket".to_owned()), "ticket");
    }

    #[test]
    fn emitter_calls_use_the_members_the_server_target_generates() {
        let names = TsEventNames::new("app-event", ["status-change"]);
        assert_eq!(ts_call(&names, 0), "emit.appEvent.statusChange");
        let names = TsEventNames::new("ticket", ["constructor", "delete"]);
        assert_eq!(ts_call(&names, 0), "emit.ticket.constructor_");
        assert_eq!(ts_call(&names, 1), "emit.ticket.delete");
    }

    #[test]
    fn comments_wrap_and_lists_read_as_prose() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("toolongword x", 4), ["toolongword", "x"]);
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(capitalized("ticketList"), "TicketList");
    }
}
