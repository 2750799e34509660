//! The code examples of WEBSOCKET.md, written against the generated API. Every name they use
//! comes from where the targets take it — `names` for TypeScript members and types, the Rust
//! target's own view for its types, fields, methods and rooms, the React target for its list
//! helpers — so an example calls exactly what the generated files export. The harness compiles
//! each example against the generated files (`harness/tests/docs/`).

use std::collections::{BTreeSet, HashSet};

use anyhow::{Context, Result};
use askama::Template;

use crate::catalog::model::{Catalog, Event, Field, TypeExpr};
use crate::catalog::names::{js_string, rust_snake, ts_member, ts_property, ts_stem, ts_type, ts_value, TsEventNames};
use crate::gen::typescript::{room_param_type, ts_type_expr};
use crate::protocol::ParamType;
use crate::protocol::Protocol;

use super::{one_line, Shared};

/// Names handed out once in a scope: a name already taken gets `_` appended, so a catalog name
/// can never shadow a name the example needs (`io`, `emitter`, an imported type).
struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    fn new<'a>(taken: impl IntoIterator<Item = &'a str>) -> Self {
        Scope {
            taken: taken.into_iter().map(str::to_owned).collect(),
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

/// The action the backend examples emit, the service they emit it from, and where each value
/// comes from.
pub(super) struct ExampleAction {
    pub action: String,
    /// `UpdateTicketService`.
    pub service: String,
    carried: Vec<Carried>,
    /// The event's first room, when it has one.
    room: Option<ExampleRoom>,
}

struct Carried {
    key: String,
    field: Field,
}

struct ExampleRoom {
    name: String,
    params: Vec<RoomParam>,
}

struct RoomParam {
    name: String,
    /// `integer`, `string` or an enum type.
    ty: String,
    source: Source,
}

/// Where an example takes a room parameter from.
enum Source {
    /// The carried field of the same name and type: its variable.
    Carried(usize),
    /// The field of the carried entity with that name (its `id` for the event's id field).
    EntityField { entity: usize, field: String },
    /// Neither: the example takes it as a parameter of its own.
    Param,
}

impl ExampleAction {
    /// `update` when the event has it: the most common change; otherwise its first action.
    pub fn choose(catalog: &Catalog, resource: &str) -> Self {
        let event = &catalog.events[resource];
        let action = if event.actions.contains_key("update") {
            "update".to_owned()
        } else {
            event.actions.keys().next().cloned().unwrap_or_default()
        };
        let verb = match action.as_str() {
            "create" | "delete" => ts_stem(&action),
            _ => "Update".to_owned(),
        };
        let carried: Vec<Carried> = event
            .carried(resource, &action)
            .into_iter()
            .map(|key| {
                let field = carried_field(event, resource, &key);
                Carried { key, field }
            })
            .collect();
        let room = event.rooms.first().and_then(|name| {
            let room = catalog.rooms.get(name)?;
            let params = room
                .params
                .iter()
                .map(|(param, ty)| RoomParam {
                    name: param.clone(),
                    ty: ty.clone(),
                    source: source(catalog, event, resource, &carried, param, ty),
                })
                .collect();
            Some(ExampleRoom {
                name: name.clone(),
                params,
            })
        });
        ExampleAction {
            service: format!("{verb}{}Service", ts_stem(resource)),
            action,
            carried,
            room,
        }
    }
}

/// A carried payload field as a catalog field: the entity, the id, or an extra field.
fn carried_field(event: &Event, resource: &str, key: &str) -> Field {
    if let Some(field) = event.fields.get(key) {
        return field.clone();
    }
    let ty = match &event.entity {
        Some(entity) if key == event.entity_field_name(resource) => entity.clone(),
        _ => "integer".to_owned(),
    };
    Field {
        ty,
        optional: false,
        nullable: false,
        description: None,
    }
}

/// Where a room parameter's value comes from: a value of exactly its type that is always there.
fn source(catalog: &Catalog, event: &Event, resource: &str, carried: &[Carried], param: &str, ty: &str) -> Source {
    let fits = |field: &Field| field.ty == ty && !field.optional && !field.nullable;
    if let Some(i) = carried.iter().position(|c| c.key == param && fits(&c.field)) {
        return Source::Carried(i);
    }
    let entity_key = event.entity_field_name(resource);
    let Some(entity) = carried.iter().position(|c| c.key == entity_key && event.entity.is_some()) else {
        return Source::Param;
    };
    let fields = catalog.types.get(&carried[entity].field.ty).and_then(|t| t.fields.as_ref());
    let field = if param == event.id_field_name(resource) { "id" } else { param };
    match fields.and_then(|f| f.get(field)) {
        Some(found) if fits(found) => Source::EntityField {
            entity,
            field: field.to_owned(),
        },
        _ => Source::Param,
    }
}

/// Named catalog types a list of type expressions refers to, converted and sorted.
fn named_types<'a>(types: impl Iterator<Item = &'a str>, convert: impl Fn(&str) -> String) -> BTreeSet<String> {
    types
        .filter_map(|ty| TypeExpr::parse(ty).ok())
        .filter_map(|e| e.named().map(&convert))
        .collect()
}

fn is_enum(catalog: &Catalog, ty: &str) -> bool {
    catalog.types.get(ty).is_some_and(|t| t.variants.is_some())
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
            let key = ts_property(key);
            if &key == value {
                key
            } else {
                format!("{key}: {value}")
            }
        })
        .collect();
    format!("{{ {} }}", parts.join(", "))
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

pub(super) fn node(
    catalog: &Catalog,
    shared: &Shared,
    protocol: &Protocol,
    resource: &str,
    example: &ExampleAction,
) -> Result<String> {
    let event = &catalog.events[resource];
    let mut type_imports = named_types(example.carried.iter().map(|c| c.field.ty.as_str()), ts_type);
    let room_params = example.room.iter().flat_map(|r| &r.params);
    type_imports.extend(
        room_params
            .filter(|p| matches!(p.source, Source::Param) && is_enum(catalog, &p.ty))
            .map(|p| ts_type(&p.ty)),
    );
    let service_name = example.service.clone();
    let mut scope = Scope::new(["io", "companyId", "userId", "emit", service_name.as_str()]);
    scope.taken.extend(type_imports.iter().cloned());
    let mut params = Vec::new();
    let vars: Vec<String> = example
        .carried
        .iter()
        .map(|c| {
            let var = scope.claim(ts_value(&c.key));
            let optional = if c.field.optional { " | undefined" } else { "" };
            params.push(format!("{var}: {}{optional}", ts_field_type(protocol, &c.field)));
            var
        })
        .collect();
    let data = (!vars.is_empty()).then(|| {
        let entries: Vec<(String, String)> = example
            .carried
            .iter()
            .map(|c| c.key.clone())
            .zip(vars.iter().cloned())
            .collect();
        ts_object(&entries)
    });
    let room = example.room.as_ref().map(|room| {
        let mut entries = vec![("room".to_owned(), js_string(&room.name))];
        for p in &room.params {
            let value = match &p.source {
                Source::Carried(i) => vars[*i].clone(),
                Source::EntityField { entity, field } => format!("{}{}", vars[*entity], member_access(field)),
                Source::Param => {
                    let var = scope.claim(ts_value(&p.name));
                    params.push(format!("{var}: {}", param_ts(protocol, &p.ty)));
                    var
                }
            };
            entries.push((p.name.clone(), value));
        }
        data.iter()
            .cloned()
            .chain([ts_object(&entries)])
            .collect::<Vec<_>>()
            .join(", ")
    });
    let view = NodeExample {
        server_module: shared.server_module.clone(),
        types_module: shared.types_module.clone(),
        type_imports: type_imports.into_iter().collect(),
        service: service_name,
        params,
        call: ts_call(resource, &example.action),
        broadcast: event.broadcast.then(|| data.clone().unwrap_or_default()),
        room,
    };
    Ok(view.render()?)
}

/// `emit.ticket.statusChange`: the emitter's members, as the server target names them.
pub(super) fn ts_call(resource: &str, action: &str) -> String {
    format!(
        "emit{}{}",
        member_access(&ts_member(resource)),
        member_access(&ts_member(action))
    )
}

fn ts_field_type(protocol: &Protocol, field: &Field) -> String {
    let ty = TypeExpr::parse(&field.ty).map_or_else(|_| "unknown".to_owned(), |e| ts_type_expr(protocol, &e));
    if field.nullable {
        format!("{ty} | null")
    } else {
        ty
    }
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

pub(super) fn rust(
    catalog: &Catalog,
    shared: &Shared,
    protocol: &Protocol,
    resource: &str,
    example: &ExampleAction,
) -> Result<String> {
    let event = &catalog.events[resource];
    let api = &protocol.rust;
    let index = protocol
        .events
        .iter()
        .position(|e| e.resource == resource)
        .context("the Rust target has no such event")?;
    let (event_decl, event_api) = (&protocol.events[index], &api.events[index]);
    let action_index = event_decl
        .actions
        .iter()
        .position(|a| a.name == example.action)
        .context("the Rust target has no such action")?;
    let action = &event_api.actions[action_index];
    let room_enum = event_api.room_enum.clone().unwrap_or_default();
    let rust_type = |name: &str| api.types.get(name).cloned().unwrap_or_else(|| name.to_owned());
    let mut imports = named_types(example.carried.iter().map(|c| c.field.ty.as_str()), rust_type);
    let mut scope = Scope::new(["io", "limiter", "company_id", "user_id", "emitter", "err"]);
    let mut params = Vec::new();
    let vars: Vec<String> = action
        .params
        .iter()
        .map(|param| {
            let var = scope.claim(param.ident.clone());
            params.push(format!("{var}: {}", param.ty));
            var
        })
        .collect();
    let room = match &example.room {
        None => None,
        Some(room) => {
            let room_index = protocol
                .rooms
                .iter()
                .position(|r| r.name == room.name)
                .context("the Rust target has no such room")?;
            let (room_decl, variant) = (&protocol.rooms[room_index], &api.rooms[room_index]);
            let mut fields = Vec::new();
            for p in &room.params {
                let text = p.ty == "string";
                let value = match &p.source {
                    Source::Carried(i) => vars[*i].clone(),
                    Source::EntityField { entity, field } => {
                        let dto = &example.carried[*entity].field.ty;
                        let position = protocol
                            .dto_fields(dto)
                            .and_then(|fields| fields.iter().position(|f| f.name == *field));
                        let ident = position
                            .and_then(|i| api.dto_fields.get(dto)?.get(i))
                            .context("the Rust target has no such field")?;
                        format!("{}.{ident}", vars[*entity])
                    }
                    Source::Param => {
                        let var = scope.claim(rust_snake(&p.name));
                        let ty = match p.ty.as_str() {
                            "integer" => "i64".to_owned(),
                            "string" => "&str".to_owned(),
                            enum_name => {
                                imports.insert(rust_type(enum_name));
                                rust_type(enum_name)
                            }
                        };
                        params.push(format!("{var}: {ty}"));
                        var
                    }
                };
                // Text is borrowed everywhere the example has it; the room owns its copy.
                let value = match (&p.source, text) {
                    (Source::EntityField { .. }, true) => format!("{value}.clone()"),
                    (_, true) => format!("{value}.to_owned()"),
                    _ => value,
                };
                let ident = room_decl
                    .params
                    .iter()
                    .position(|param| param.name == p.name)
                    .and_then(|i| variant.params.get(i))
                    .context("the Rust target has no such room parameter")?;
                fields.push(if *ident == value { value } else { format!("{ident}: {value}") });
            }
            let target = if fields.is_empty() {
                format!("&[{room_enum}::{}]", variant.variant)
            } else {
                format!("&[{room_enum}::{} {{ {} }}]", variant.variant, fields.join(", "))
            };
            imports.insert(room_enum.clone());
            let args: Vec<String> = [target].into_iter().chain(vars.iter().cloned()).collect();
            Some(format!("{}({})", action.method_to, args.join(", ")))
        }
    };
    imports.extend(["CompanyEmitter".to_owned(), "RateLimiter".to_owned()]);
    let view = RustExample {
        module: shared.rust_module.clone(),
        imports: imports.into_iter().collect(),
        function: rust_snake(example.service.trim_end_matches("Service")),
        many_args: 4 + params.len() > CLIPPY_MAX_ARGS,
        params,
        resource: crate::catalog::names::rust_string(resource),
        broadcast: event.broadcast.then(|| format!("{}({})", action.method, vars.join(", "))),
        room,
    };
    Ok(view.render()?)
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

/// `useTicketEvents`, as the React target names it.
pub(super) fn hook_name(resource: &str) -> String {
    format!("use{}Events", ts_stem(resource))
}

/// An event's list helper as the hooks file exports it, for code written against it.
pub(super) struct ListHelper {
    /// `applyTicketEvent`.
    pub apply: String,
    /// `Ticket`: what the list holds.
    pub entity: String,
    /// The actions that change the list, in catalog order; the others leave it as is.
    pub actions: Vec<String>,
}

/// The list helper of `resource`, when the hooks file has one.
pub(super) fn list_helper(protocol: &Protocol, resource: &str) -> Option<ListHelper> {
    let event = protocol.event(resource)?;
    event.entity_key?;
    let entity = protocol.type_decl(event.entity.as_deref()?)?.ts_name.clone();
    let actions: Vec<String> = event
        .actions
        .iter()
        .filter(|a| a.list_effect.is_some())
        .map(|a| a.name.clone())
        .collect();
    (!actions.is_empty()).then(|| ListHelper {
        apply: event.ts.apply.clone(),
        entity,
        actions,
    })
}

/// A room parameter's TypeScript type, from the catalog's spelling of it.
fn param_ts(protocol: &Protocol, ty: &str) -> String {
    let ty = match ty {
        "integer" => ParamType::Integer,
        "string" => ParamType::String,
        name => ParamType::Enum(name.to_owned()),
    };
    room_param_type(protocol, &ty)
}

pub(super) fn react(catalog: &Catalog, shared: &Shared, protocol: &Protocol, resource: &str) -> Result<String> {
    let event = &catalog.events[resource];
    let helper = list_helper(protocol, resource);
    let names = TsEventNames::new(resource, event.actions.keys().map(String::as_str));
    let kind = if helper.is_some() { "List" } else { "Status" };
    let mut component = format!("{}{kind}", ts_stem(resource));
    if helper.as_ref().is_some_and(|h| h.entity == component) || names.payload == component {
        component.push_str("View");
    }
    let list = helper.map(|helper| list_state(event, resource, helper));
    let view = ReactExample {
        react_module: shared.react_module.clone(),
        types_module: shared.types_module.clone(),
        hook: hook_name(resource),
        component,
        list,
        payload_type: names.payload,
        handler_keys: event.actions.keys().map(|a| ts_property(&ts_member(a))).collect(),
    };
    Ok(view.render()?)
}

fn list_state(event: &Event, resource: &str, helper: ListHelper) -> ListState {
    let mut scope = Scope::new([
        "socket",
        "companyId",
        "initial",
        "list",
        "payload",
        "item",
        helper.apply.as_str(),
        helper.entity.as_str(),
    ]);
    let state = scope.claim(ts_value(&format!("{}-list", event.entity_field_name(resource))));
    let setter = scope.claim(format!("set{}", ts_stem(&state)));
    let ignored: Vec<&str> = event
        .actions
        .keys()
        .filter(|a| !helper.actions.contains(a))
        .map(String::as_str)
        .collect();
    let mut note = format!(
        "Subscribes once; new handlers on later renders do not resubscribe, and cleanup removes only this listener. {} handles {}",
        helper.apply,
        and_list(&helper.actions)
    );
    if !ignored.is_empty() {
        let verb = if ignored.len() == 1 { "leaves" } else { "leave" };
        note.push_str(&format!("; {} {verb} the list as is", and_list(&ignored)));
    }
    note.push('.');
    ListState {
        apply: helper.apply,
        entity: helper.entity,
        state,
        setter,
        note: wrap(&one_line(&note), COMMENT_WIDTH),
    }
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
    /// `, _indicator: Typing`: the arguments after the context, unused by the example.
    params: String,
    ack_ty: String,
    /// The event name, inside a Rust string literal.
    event: String,
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
    /// `useTicketRoom`.
    hook: String,
    type_imports: Vec<String>,
    /// `ticketId: number`.
    params: Vec<String>,
    /// `{ room: "ticket", ticketId }`.
    request: String,
    /// The parameters the effect depends on.
    deps: Vec<String>,
}

pub(super) fn node_setup(catalog: &Catalog, shared: &Shared) -> Result<String> {
    let view = NodeSetup {
        server_module: shared.server_module.clone(),
        types_module: shared.types_module.clone(),
        joinable: catalog.rooms.values().any(|room| room.joinable),
    };
    Ok(view.render()?)
}

pub(super) fn rust_setup(shared: &Shared, protocol: &Protocol) -> Result<String> {
    let api = &protocol.rust;
    let events = protocol.client_events.iter().zip(&api.client_events);
    let handled: Vec<_> = events.clone().filter(|(event, _)| event.has_handler()).collect();
    let authorized: Vec<_> = events.filter(|(event, _)| event.authorize).collect();
    // The setup's own names first, then what the client events add, sorted.
    let base = ["register_namespace", "RoomRequest", "SocketGuard", "SocketSession"];
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
            let params = event
                .args
                .iter()
                .zip(&names.args)
                .map(|(arg, ident)| format!(", _{}: {}", ident.trim_start_matches("r#"), api.field_ty(arg).text))
                .collect();
            RustHandler {
                method: names.method.clone(),
                params,
                ack_ty: event
                    .ack
                    .as_ref()
                    .and_then(|a| a.ty.as_ref())
                    .map_or("()".to_owned(), |ty| api.ty(ty).text),
                event: event.name.escape_default().to_string(),
            }
        })
        .collect();
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

pub(super) fn react_connect(catalog: &Catalog, shared: &Shared, protocol: &Protocol) -> Result<String> {
    let room = catalog.rooms.iter().find(|(_, room)| room.joinable).map(|(name, room)| {
        let mut scope = Scope::new([
            "apiUrl",
            "companyId",
            "token",
            "socket",
            "refused",
            "join",
            "result",
            "err",
            "useEffect",
            "useCompanySocket",
            "CompanyClientSocket",
        ]);
        let hook = scope.claim(format!("use{}Room", ts_stem(name)));
        let mut params = Vec::new();
        let mut deps = Vec::new();
        let mut entries = vec![("room".to_owned(), js_string(name))];
        for (param, ty) in &room.params {
            let var = scope.claim(ts_value(param));
            params.push(format!("{var}: {}", param_ts(protocol, ty)));
            deps.push(var.clone());
            entries.push((param.clone(), var));
        }
        let type_imports = named_types(room.params.values().map(String::as_str), ts_type);
        FollowRoom {
            hook,
            type_imports: type_imports.into_iter().collect(),
            params,
            request: ts_object(&entries),
            deps,
        }
    });
    let view = ReactConnect {
        react_module: shared.react_module.clone(),
        types_module: shared.types_module.clone(),
        namespace: one_line(&catalog.conventions.namespace),
        room,
    };
    Ok(view.render()?)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn example(catalog: &str, resource: &str) -> (Catalog, ExampleAction) {
        let loaded = crate::catalog::load(Path::new(catalog)).unwrap();
        let example = ExampleAction::choose(&loaded.catalog, resource);
        (loaded.catalog, example)
    }

    fn sources(example: &ExampleAction) -> Vec<(&str, String)> {
        let params = example.room.iter().flat_map(|room| &room.params);
        params
            .map(|p| {
                let source = match &p.source {
                    Source::Carried(i) => format!("carried {}", example.carried[*i].key),
                    Source::EntityField { field, .. } => format!("entity field {field}"),
                    Source::Param => "parameter".to_owned(),
                };
                (p.name.as_str(), source)
            })
            .collect()
    }

    #[test]
    fn room_parameters_come_from_a_value_of_their_own_type() {
        let (_, ticket) = example("fixtures/chatia/socket-events.yaml", "ticket");
        assert_eq!(sources(&ticket), [("ticketId", "entity field id".to_owned())]);
        let (_, rule) = example("fixtures/chatia/socket-events.yaml", "automationRule");
        assert_eq!(sources(&rule), [("ticketId", "parameter".to_owned())]);
        // `Record.type` is text, the room's `type` a `class`: the example takes it as a parameter.
        let (_, app_event) = example("fixtures/catalogs/awkward/socket-events.yaml", "app-event");
        assert_eq!(
            sources(&app_event),
            [("type", "parameter".to_owned()), ("self", "entity field self".to_owned())]
        );
    }

    #[test]
    fn examples_emit_update_or_else_the_first_action() {
        let (_, ticket) = example("fixtures/chatia/socket-events.yaml", "ticket");
        assert_eq!(
            (ticket.action.as_str(), ticket.service.as_str()),
            ("update", "UpdateTicketService")
        );
        let (_, quick) = example("fixtures/catalogs/awkward/socket-events.yaml", "quickMessage");
        assert_eq!(
            (quick.action.as_str(), quick.service.as_str()),
            ("delete", "DeleteQuickMessageService")
        );
    }

    #[test]
    fn scope_suffixes_names_already_taken() {
        let mut scope = Scope::new(["io", "emitter"]);
        assert_eq!(scope.claim("emitter".to_owned()), "emitter_");
        assert_eq!(scope.claim("emitter".to_owned()), "emitter__");
        assert_eq!(scope.claim("ticket".to_owned()), "ticket");
    }

    #[test]
    fn emitter_calls_use_the_members_the_server_target_generates() {
        assert_eq!(ts_call("app-event", "status-change"), "emit.appEvent.statusChange");
        assert_eq!(ts_call("ticket", "constructor"), "emit.ticket.constructor_");
        assert_eq!(ts_call("ticket", "delete"), "emit.ticket.delete");
    }

    #[test]
    fn comments_wrap_and_lists_read_as_prose() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("toolongword x", 4), ["toolongword", "x"]);
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
    }
}
