//! Markdown target: the generated sections of WEBSOCKET.md. Everything printed is computed here
//! — names, catalog text escaped for its place (table cell, prose, code span, Mermaid), code
//! fences longer than any backtick run they hold — so `templates/markdown/` only lays it out.
//!
//! The code examples each live in one template under `templates/markdown/examples/`, so they
//! follow the generated emitters and hooks by editing one file.

use std::collections::BTreeSet;

use anyhow::Result;
use askama::Template;
use heck::ToUpperCamelCase;

use crate::catalog::model::{Catalog, Event, Field, TypeExpr};
use crate::catalog::names::{js_string, rust_snake, rust_type, ts_property, ts_template_text, ts_type, ts_value};
use crate::catalog::Loaded;
use crate::docs::splice::Section;

use super::typescript;

/// What WEBSOCKET.md is made of: the introduction of a new file, and the sections in order.
pub struct Document {
    pub intro: String,
    pub sections: Vec<Section>,
}

pub fn render(loaded: &Loaded) -> Result<Document> {
    let catalog = &loaded.catalog;
    let shared = Shared::new(loaded);
    let mut sections = vec![
        section("index", index_view(catalog, &shared).render()?),
        section("rooms", rooms_view(catalog).render()?),
        section("connection", connection_view(catalog, &shared)?.render()?),
    ];
    for resource in catalog.events.keys() {
        let body = event_view(catalog, &shared, resource)?.render()?;
        sections.push(section(&format!("{}{resource}", crate::docs::EVENT_SECTION_PREFIX), body));
    }
    let intro = IntroView {
        catalog: code_span(&super::catalog_name(loaded)),
        command: code_span(&format!("chatia-socket docs --catalog {}", super::catalog_name(loaded))),
    }
    .render()?;
    Ok(Document { intro, sections })
}

fn section(name: &str, body: String) -> Section {
    Section {
        name: name.to_owned(),
        body,
    }
}

/// Values every section uses.
struct Shared {
    /// The namespace pattern as a code span.
    namespace: String,
    /// The namespace pattern for Mermaid.
    namespace_text: String,
    /// `1000 events per 60 seconds`.
    rate: String,
    /// Import paths of the generated modules, as the catalog's `outputs` name them.
    server_module: String,
    types_module: String,
    react_module: String,
    /// The Rust module path of the generated emitters: `crate::socket_events`.
    rust_module: String,
}

impl Shared {
    fn new(loaded: &Loaded) -> Self {
        let catalog = &loaded.catalog;
        let outputs = &catalog.outputs;
        let module = |path: &Option<String>, fallback: &str| {
            let path = path.as_deref().unwrap_or(fallback);
            let stem = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
            js_string(stem)
        };
        let rust_stem = outputs
            .rust
            .as_deref()
            .and_then(|p| std::path::Path::new(p).file_stem())
            .map_or_else(|| "socket_events".to_owned(), |s| rust_snake(&s.to_string_lossy()));
        let limit = &catalog.conventions.rate_limit;
        Shared {
            namespace: code_span(&catalog.conventions.namespace),
            namespace_text: mermaid_text(&catalog.conventions.namespace),
            rate: format!(
                "{} event{} per {} second{}",
                limit.events,
                plural(limit.events),
                limit.window_seconds,
                plural(limit.window_seconds)
            ),
            server_module: module(&outputs.typescript_server, "socket/emitters.ts"),
            types_module: module(&outputs.typescript_types, "socket/events.ts"),
            react_module: module(&outputs.react, "socket/hooks.ts"),
            rust_module: format!("crate::{rust_stem}"),
        }
    }
}

fn plural(n: i64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

// ---------------------------------------------------------------------------------------------
// The introduction of a new file.

#[derive(Template)]
#[template(path = "markdown/intro.md", escape = "none")]
struct IntroView {
    catalog: String,
    command: String,
}

// ---------------------------------------------------------------------------------------------
// The index of events.

#[derive(Template)]
#[template(path = "markdown/index.md", escape = "none")]
struct IndexView {
    rows: Vec<IndexRow>,
    namespace: String,
    rate: String,
}

struct IndexRow {
    link: String,
    name: String,
    actions: String,
    targets: String,
    purpose: String,
}

fn index_view(catalog: &Catalog, shared: &Shared) -> IndexView {
    let rows = catalog
        .events
        .iter()
        .map(|(resource, event)| IndexRow {
            link: format!("[{}](#{})", code_span(resource), anchor(resource)),
            name: cell_code(&event_name_pattern(catalog, resource)),
            actions: join_cells(event.actions.keys().map(|a| cell_code(a))),
            targets: targets(catalog, event, true),
            purpose: cell_or_dash(event.description.as_deref()),
        })
        .collect();
    IndexView {
        rows,
        namespace: shared.namespace.clone(),
        rate: shared.rate.clone(),
    }
}

/// The GitHub anchor of an event's heading, `## Event `ticket``.
fn anchor(resource: &str) -> String {
    format!("event-{}", resource.to_lowercase())
}

fn event_name_pattern(catalog: &Catalog, resource: &str) -> String {
    catalog.conventions.event.replace("{resource}", resource)
}

/// Where an event may go: the whole namespace and/or its rooms, as table-cell text.
fn targets(catalog: &Catalog, event: &Event, in_cell: bool) -> String {
    let code = |text: &str| if in_cell { cell_code(text) } else { code_span(text) };
    let mut parts = Vec::new();
    if event.broadcast {
        parts.push("whole namespace".to_owned());
    }
    parts.extend(
        event
            .rooms
            .iter()
            .filter_map(|room| catalog.rooms.get(room))
            .map(|room| code(&room.pattern)),
    );
    parts.join(", ")
}

fn join_cells(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

// ---------------------------------------------------------------------------------------------
// The rooms.

#[derive(Template)]
#[template(path = "markdown/rooms.md", escape = "none")]
struct RoomsView {
    rows: Vec<RoomRow>,
}

struct RoomRow {
    name: String,
    pattern: String,
    params: String,
    join: String,
    events: String,
    purpose: String,
}

fn rooms_view(catalog: &Catalog) -> RoomsView {
    let rows = catalog
        .rooms
        .iter()
        .map(|(name, room)| {
            let params = room.params.iter().map(|(p, ty)| format!("{}: {}", cell_code(p), cell(ty)));
            let events = catalog
                .events
                .iter()
                .filter(|(_, e)| e.rooms.contains(name))
                .map(|(resource, _)| format!("[{}](#{})", cell_code(resource), anchor(resource)));
            RoomRow {
                name: cell_code(name),
                pattern: cell_code(&room.pattern),
                params: Some(join_cells(params))
                    .filter(|p| !p.is_empty())
                    .unwrap_or_else(|| DASH.to_owned()),
                join: if room.joinable {
                    "clients, with `room:join`, once the application's ownership check allows it".to_owned()
                } else {
                    "no client: only the server puts sockets in it".to_owned()
                },
                events: join_cells(events),
                purpose: cell_or_dash(room.description.as_deref()),
            }
        })
        .collect();
    RoomsView { rows }
}

// ---------------------------------------------------------------------------------------------
// Connecting and authenticating.

#[derive(Template)]
#[template(path = "markdown/connection.md", escape = "none")]
struct ConnectionView {
    namespace: String,
    namespace_text: String,
    joinable: Vec<JoinRow>,
    example: Fenced,
}

struct JoinRow {
    room: String,
    request: String,
}

#[derive(Template)]
#[template(path = "markdown/examples/connect.ts", escape = "none")]
struct ConnectExample {
    /// The namespace as the inside of a template literal: `/workspace-${companyId}`.
    namespace: String,
    /// A `room:join` request, when a room is joinable.
    join: Option<String>,
}

fn connection_view(catalog: &Catalog, shared: &Shared) -> Result<ConnectionView> {
    let joinable: Vec<JoinRow> = catalog
        .rooms
        .iter()
        .filter(|(_, room)| room.joinable)
        .map(|(name, room)| {
            let mut request = vec![format!("room: {}", js_string(name))];
            request.extend(
                room.params
                    .iter()
                    .map(|(p, ty)| format!("{}: {}", ts_property(p), example_value(catalog, ty))),
            );
            JoinRow {
                room: cell_code(&room.pattern),
                request: cell_code(&format!("{{ {} }}", request.join(", "))),
            }
        })
        .collect();
    let namespace = ts_template_text(&catalog.conventions.namespace).replace("{companyId}", "${companyId}");
    let join = catalog.rooms.iter().find(|(_, r)| r.joinable).map(|(name, room)| {
        let mut request = vec![format!("room: {}", js_string(name))];
        request.extend(
            room.params
                .iter()
                .map(|(p, ty)| format!("{}: {}", ts_property(p), example_value(catalog, ty))),
        );
        format!("{{ {} }}", request.join(", "))
    });
    let example = ConnectExample { namespace, join }.render()?;
    Ok(ConnectionView {
        namespace: shared.namespace.clone(),
        namespace_text: shared.namespace_text.clone(),
        joinable,
        example: Fenced::new("ts", example),
    })
}

/// A sample value of a room parameter type, as TypeScript.
fn example_value(catalog: &Catalog, ty: &str) -> String {
    match ty {
        "integer" => "42".to_owned(),
        "string" => js_string("example"),
        enum_name => catalog
            .types
            .get(enum_name)
            .and_then(|t| t.variants.as_ref())
            .and_then(|v| v.first())
            .map_or_else(|| js_string("example"), |v| js_string(v)),
    }
}

// ---------------------------------------------------------------------------------------------
// One event.

#[derive(Template)]
#[template(path = "markdown/event.md", escape = "none")]
struct EventView {
    resource: String,
    purpose: String,
    name: String,
    namespace: String,
    payload_type: String,
    targets: String,
    rate: String,
    actions: Vec<ActionRow>,
    payload: Fenced,
    node_example: Fenced,
    rust_example: Fenced,
    react_example: Fenced,
    flow: Flow,
    rooms: Vec<RoomNote>,
    broadcast: bool,
}

struct ActionRow {
    name: String,
    carries: String,
    purpose: String,
}

struct RoomNote {
    pattern: String,
    name: String,
    joinable: bool,
}

/// The values of the Mermaid sequence diagram, escaped for Mermaid.
struct Flow {
    service: String,
    call: String,
    rate: String,
    namespace: String,
    event_name: String,
    target: String,
    hook: String,
    action: String,
    state: String,
}

fn event_view(catalog: &Catalog, shared: &Shared, resource: &str) -> Result<EventView> {
    let event = &catalog.events[resource];
    let example = ExampleAction::choose(catalog, resource);
    let actions = event
        .actions
        .iter()
        .map(|(action, spec)| ActionRow {
            name: cell_code(action),
            carries: join_cells(event.carried(resource, action).iter().map(|f| cell_code(f))),
            purpose: cell_or_dash(spec.description.as_deref()),
        })
        .collect();
    let rooms = event
        .rooms
        .iter()
        .filter_map(|name| catalog.rooms.get(name).map(|room| (name, room)))
        .map(|(name, room)| RoomNote {
            pattern: code_span(&room.pattern),
            name: code_span(name),
            joinable: room.joinable,
        })
        .collect();
    let hook = format!("use{}Events", resource.to_upper_camel_case());
    let first_room = event.rooms.first().and_then(|r| catalog.rooms.get(r));
    let target = match (event.broadcast, first_room) {
        (true, Some(room)) => format!("Clients of the namespace or of room {}", room.pattern),
        (false, Some(room)) => format!("Clients of room {}", room.pattern),
        (_, None) => "Every client of the namespace".to_owned(),
    };
    let flow = Flow {
        service: mermaid_text(&example.service),
        call: mermaid_text(&format!("{}.{}(…)", ts_value(resource), example.action)),
        rate: mermaid_text(&shared.rate),
        namespace: shared.namespace_text.clone(),
        event_name: mermaid_text(&event_name_pattern(catalog, resource)),
        target: mermaid_text(&target),
        hook: mermaid_text(&hook),
        action: mermaid_text(&example.action),
        state: mermaid_text(&format!("the {} handler updates the state", example.action)),
    };
    Ok(EventView {
        resource: code_span(resource),
        purpose: prose(event.description.as_deref().unwrap_or("No description in the catalog.")),
        name: cell_code(&event_name_pattern(catalog, resource)),
        namespace: cell_code(&catalog.conventions.namespace),
        payload_type: cell_code(&format!("{}Payload", ts_type(resource))),
        targets: targets(catalog, event, true),
        rate: shared.rate.clone(),
        actions,
        payload: Fenced::new("ts", typescript::render_event_types(catalog, resource)?),
        node_example: Fenced::new("ts", node_example(catalog, shared, resource, &example).render()?),
        rust_example: Fenced::new("rust", rust_example(catalog, shared, resource, &example).render()?),
        react_example: Fenced::new("tsx", react_example(catalog, shared, resource, &hook).render()?),
        flow,
        rooms,
        broadcast: event.broadcast,
    })
}

/// The action the backend examples emit, and the service they show it in.
struct ExampleAction {
    action: String,
    /// `UpdateTicketService`.
    service: String,
    /// The fields the action carries: payload key, the variable holding it, and its field.
    carried: Vec<Carried>,
}

struct Carried {
    key: String,
    field: Field,
}

impl ExampleAction {
    /// `update` when the event has it: the most common change; otherwise its first action.
    fn choose(catalog: &Catalog, resource: &str) -> Self {
        let event = &catalog.events[resource];
        let action = if event.actions.contains_key("update") {
            "update".to_owned()
        } else {
            event.actions.keys().next().cloned().unwrap_or_default()
        };
        let verb = match action.as_str() {
            "create" | "delete" => action.to_upper_camel_case(),
            _ => "Update".to_owned(),
        };
        let carried = event
            .carried(resource, &action)
            .into_iter()
            .map(|key| {
                let field = carried_field(event, resource, &key);
                Carried { key, field }
            })
            .collect();
        ExampleAction {
            service: format!("{verb}{}Service", resource.to_upper_camel_case()),
            action,
            carried,
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

/// Named catalog types a list of fields refers to, for the examples' imports.
fn named_types<'a>(fields: impl Iterator<Item = &'a Field>, convert: impl Fn(&str) -> String) -> Vec<String> {
    fields
        .filter_map(|f| TypeExpr::parse(&f.ty).ok())
        .filter_map(|e| e.named().map(&convert))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

#[derive(Template)]
#[template(path = "markdown/examples/node_service.ts", escape = "none")]
struct NodeExample {
    server_module: String,
    types_module: String,
    type_imports: Vec<String>,
    service: String,
    /// `ticket: Ticket` for each carried field.
    params: Vec<String>,
    /// `emit.ticket.update`.
    call: String,
    /// `{ ticket }`.
    payload: String,
    /// The first room the event may target, as the emitter's room argument.
    room: Option<String>,
    broadcast: bool,
}

fn node_example(catalog: &Catalog, shared: &Shared, resource: &str, example: &ExampleAction) -> NodeExample {
    let event = &catalog.events[resource];
    let vars: Vec<(String, String)> = example.carried.iter().map(|c| (c.key.clone(), ts_value(&c.key))).collect();
    let payload = vars
        .iter()
        .map(|(key, var)| {
            let key = ts_property(key);
            if &key == var {
                key
            } else {
                format!("{key}: {var}")
            }
        })
        .collect::<Vec<_>>();
    let room = event.rooms.first().and_then(|name| {
        let room = catalog.rooms.get(name)?;
        let mut parts = vec![format!("room: {}", js_string(name))];
        for (param, ty) in &room.params {
            let value = room_arg(catalog, event, resource, example, param).unwrap_or_else(|| example_value(catalog, ty));
            parts.push(format!("{}: {value}", ts_property(param)));
        }
        Some(format!("{{ {} }}", parts.join(", ")))
    });
    NodeExample {
        server_module: shared.server_module.clone(),
        types_module: shared.types_module.clone(),
        type_imports: named_types(example.carried.iter().map(|c| &c.field), ts_type),
        service: example.service.clone(),
        params: example
            .carried
            .iter()
            .zip(&vars)
            .map(|(c, (_, var))| format!("{var}: {}", ts_field_type(&c.field)))
            .collect(),
        call: format!("emit.{}.{}", ts_value(resource), member(&example.action)),
        payload: if payload.is_empty() {
            "{}".to_owned()
        } else {
            format!("{{ {} }}", payload.join(", "))
        },
        room,
        broadcast: event.broadcast,
    }
}

/// The value a room parameter takes in the examples: a carried variable of that name, or the
/// entity's field of that name (its `id` for the event's id field).
fn room_arg(catalog: &Catalog, event: &Event, resource: &str, example: &ExampleAction, param: &str) -> Option<String> {
    if example.carried.iter().any(|c| c.key == param) {
        return Some(ts_value(param));
    }
    let entity_key = event.entity_field_name(resource);
    let entity = example.carried.iter().find(|c| c.key == entity_key)?;
    let fields = catalog.types.get(&entity.field.ty)?.fields.as_ref()?;
    let field = if param == event.id_field_name(resource) { "id" } else { param };
    let found = fields.get(field)?;
    (!found.nullable && !found.optional).then(|| format!("{}{}", ts_value(&entity.key), member_access(field)))
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

/// A method name after a dot: any identifier, reserved words included; others are quoted.
fn member(name: &str) -> String {
    let camel = heck::ToLowerCamelCase::to_lower_camel_case(name);
    if camel.is_empty() {
        js_string(name)
    } else {
        camel
    }
}

fn ts_field_type(field: &Field) -> String {
    let ty = TypeExpr::parse(&field.ty).map_or_else(|_| "unknown".to_owned(), |e| typescript::ts_type_expr(&e));
    if field.nullable {
        format!("{ty} | null")
    } else {
        ty
    }
}

#[derive(Template)]
#[template(path = "markdown/examples/rust_service.rs", escape = "none")]
struct RustExample {
    module: String,
    /// What the example imports from the generated module, sorted.
    imports: String,
    function: String,
    /// `ticket: &Ticket`, taken the way the emitter method takes it.
    params: Vec<String>,
    resource: String,
    /// `ticket_update`; its room variant adds `_to`.
    method: String,
    args: String,
    /// `&[TicketEventRoom::Ticket { ticket_id: ticket.id }]`.
    rooms: Option<String>,
    broadcast: bool,
}

fn rust_example(catalog: &Catalog, shared: &Shared, resource: &str, example: &ExampleAction) -> RustExample {
    let event = &catalog.events[resource];
    let room_enum = format!("{}EventRoom", resource.to_upper_camel_case());
    let rooms = event.rooms.first().and_then(|name| {
        let room = catalog.rooms.get(name)?;
        let fields: Vec<String> = room
            .params
            .iter()
            .map(|(param, ty)| {
                let value = room_arg(catalog, event, resource, example, param)
                    .map(|v| rust_snake(&v.replace('.', "_dot_")).replace("_dot_", "."))
                    .unwrap_or_else(|| match ty.as_str() {
                        "integer" => "42".to_owned(),
                        "string" => "\"example\".to_owned()".to_owned(),
                        enum_name => format!("{}::default()", rust_type(enum_name)),
                    });
                format!("{}: {value}", rust_snake(param))
            })
            .collect();
        let variant = rust_type(name);
        Some(if fields.is_empty() {
            format!("&[{room_enum}::{variant}]")
        } else {
            format!("&[{room_enum}::{variant} {{ {} }}]", fields.join(", "))
        })
    });
    let mut imports = named_types(example.carried.iter().map(|c| &c.field), rust_type);
    imports.extend(["CompanyEmitter".to_owned(), "RateLimiter".to_owned()]);
    if rooms.is_some() {
        imports.push(room_enum.clone());
    }
    imports.sort();
    RustExample {
        module: shared.rust_module.clone(),
        imports: imports.join(", "),
        function: rust_snake(example.service.trim_end_matches("Service")),
        params: example
            .carried
            .iter()
            .map(|c| format!("{}: {}", rust_snake(&c.key), rust_param_type(catalog, &c.field)))
            .collect(),
        resource: resource.to_owned(),
        method: format!("{}_{}", rust_snake(resource), rust_snake(&example.action)).replace("r#", ""),
        args: example
            .carried
            .iter()
            .map(|c| rust_snake(&c.key))
            .collect::<Vec<_>>()
            .join(", "),
        rooms,
        broadcast: event.broadcast,
    }
}

/// How the Rust emitter methods take a carried field: `Copy` values (numbers, booleans, enums)
/// by value, text as `&str`, arrays as slices, everything else by reference.
fn rust_param_type(catalog: &Catalog, field: &Field) -> String {
    fn expr(e: &TypeExpr) -> String {
        match e {
            TypeExpr::Integer => "i64".to_owned(),
            TypeExpr::Number => "f64".to_owned(),
            TypeExpr::String => "String".to_owned(),
            TypeExpr::DateTime => "chrono::DateTime<chrono::Utc>".to_owned(),
            TypeExpr::Boolean => "bool".to_owned(),
            TypeExpr::Named(name) => rust_type(name),
            TypeExpr::Array(inner) => format!("Vec<{}>", expr(inner)),
            TypeExpr::Map(inner) => format!("std::collections::BTreeMap<String, {}>", expr(inner)),
        }
    }
    let Ok(parsed) = TypeExpr::parse(&field.ty) else {
        return "&serde_json::Value".to_owned();
    };
    let is_enum = |name: &str| catalog.types.get(name).is_some_and(|t| t.variants.is_some());
    let copy = match &parsed {
        TypeExpr::Integer | TypeExpr::Number | TypeExpr::Boolean | TypeExpr::DateTime => true,
        TypeExpr::Named(name) => is_enum(name),
        _ => false,
    };
    let ty = expr(&parsed);
    let optional = field.nullable || field.optional;
    match (&parsed, optional) {
        (_, false) if copy => ty,
        (_, true) if copy => format!("Option<{ty}>"),
        (TypeExpr::String, false) => "&str".to_owned(),
        (TypeExpr::String, true) => "Option<&str>".to_owned(),
        (TypeExpr::Array(inner), false) => format!("&[{}]", expr(inner)),
        (_, false) => format!("&{ty}"),
        (_, true) => format!("&Option<{ty}>"),
    }
}

#[derive(Template)]
#[template(path = "markdown/examples/react_component.tsx", escape = "none")]
struct ReactExample {
    react_module: String,
    types_module: String,
    hook: String,
    /// `Ticket` when the event carries an entity with an `id`: the example keeps a list of them.
    entity: Option<String>,
    component: String,
    /// `ticketList`/`setTicketList`, or `last`/`setLast`.
    state: String,
    setter: String,
    payload_type: String,
    handlers: Vec<Handler>,
    /// Actions the list example leaves out.
    others: Vec<String>,
}

/// One handler of the React example, by what its action does to a list.
enum Handler {
    Prepend { key: String, value: String },
    Replace { key: String, value: String },
    Remove { key: String, id: String },
    Keep { key: String },
}

fn react_example(catalog: &Catalog, shared: &Shared, resource: &str, hook: &str) -> ReactExample {
    let event = &catalog.events[resource];
    let entity_key = event.entity_field_name(resource);
    let id_key = event.id_field_name(resource);
    let has_id = event
        .entity
        .as_ref()
        .and_then(|e| catalog.types.get(e))
        .and_then(|t| t.fields.as_ref())
        .and_then(|f| f.get("id"))
        .is_some_and(|f| !f.nullable && !f.optional && f.ty == "integer");
    let payload_type = format!("{}Payload", ts_type(resource));
    let mut handlers = Vec::new();
    let mut others = Vec::new();
    for action in event.actions.keys() {
        let key = ts_property(action);
        let carried = event.carried(resource, action);
        let handler = if !has_id {
            Some(Handler::Keep { key })
        } else if carried.contains(&entity_key) {
            let value = format!("payload{}", member_access(&entity_key));
            Some(if action == "create" {
                Handler::Prepend { key, value }
            } else {
                Handler::Replace { key, value }
            })
        } else if carried == [id_key.clone()] {
            Some(Handler::Remove {
                key,
                id: format!("payload{}", member_access(&id_key)),
            })
        } else {
            None
        };
        match handler {
            Some(h) => handlers.push(h),
            None => others.push(action.clone()),
        }
    }
    let entity = event.entity.as_ref().filter(|_| has_id).map(|e| ts_type(e));
    let (state, setter) = match &entity {
        Some(_) => {
            let var = ts_value(&format!("{entity_key}-list"));
            let setter = format!("set{}", var.to_upper_camel_case());
            (var, setter)
        }
        None => ("last".to_owned(), "setLast".to_owned()),
    };
    ReactExample {
        react_module: shared.react_module.clone(),
        types_module: shared.types_module.clone(),
        hook: hook.to_owned(),
        component: format!(
            "{}{}",
            resource.to_upper_camel_case(),
            if entity.is_some() { "List" } else { "Status" }
        ),
        entity,
        state,
        setter,
        payload_type,
        handlers,
        others,
    }
}

// ---------------------------------------------------------------------------------------------
// Escaping catalog text for each place it lands in.

/// A fenced code block whose fence is longer than any backtick run in its code.
struct Fenced {
    fence: String,
    lang: &'static str,
    code: String,
}

impl Fenced {
    fn new(lang: &'static str, code: String) -> Self {
        let code = code.trim_matches('\n').replace('\r', "");
        let fence = "`".repeat((longest_run(&code, '`') + 1).max(3));
        Fenced { fence, lang, code }
    }
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut longest, mut current) = (0, 0);
    for ch in text.chars() {
        current = if ch == c { current + 1 } else { 0 };
        longest = longest.max(current);
    }
    longest
}

/// A code span for any text: the backtick run is longer than any inside it, and a space pads
/// text that starts or ends with a backtick. Line breaks become spaces.
pub(crate) fn code_span(text: &str) -> String {
    let text = one_line(text);
    let ticks = "`".repeat(longest_run(&text, '`') + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || (text.starts_with(' ') && text.ends_with(' ')) {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// What an empty table cell shows.
const DASH: &str = "—";

/// Catalog prose in a table cell, or a dash when there is none.
fn cell_or_dash(text: Option<&str>) -> String {
    text.map(cell).filter(|c| !c.is_empty()).unwrap_or_else(|| DASH.to_owned())
}

/// A code span inside a table cell: GitHub and CommonMark tables need `\|` even there.
fn cell_code(text: &str) -> String {
    code_span(text).replace('|', "\\|")
}

/// Catalog prose on one line: its code spans are kept; elsewhere backslashes, backticks, `<` and
/// `&` are backslash-escaped, so the text can neither start a block, nor open raw HTML or an
/// entity, nor leave a stray backtick that would pair with one of ours.
pub(crate) fn prose(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len());
    for (is_code, part) in split_code_spans(&text) {
        if is_code {
            out.push_str(part);
        } else {
            for ch in part.chars() {
                if matches!(ch, '\\' | '`' | '<' | '&') {
                    out.push('\\');
                }
                out.push(ch);
            }
        }
    }
    out
}

/// Catalog prose in a table cell: a pipe cannot end the cell.
pub(crate) fn cell(text: &str) -> String {
    let text = prose(text);
    let mut out = String::with_capacity(text.len());
    for (is_code, part) in split_code_spans(&text) {
        if is_code {
            out.push_str(&part.replace('|', "\\|"));
        } else {
            out.push_str(&part.replace('|', "\\|"));
        }
    }
    out
}

/// Text cut into plain runs and complete code spans (with their backticks), as CommonMark reads
/// them: a backtick run opens a span only when a run of the same length closes it.
fn split_code_spans(text: &str) -> Vec<(bool, &str)> {
    let mut parts = Vec::new();
    let mut plain_start = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if bytes[i] != b'`' || (i > 0 && bytes[i - 1] == b'\\' && !escaped_backslash(bytes, i - 1)) {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
        match find_closing_run(&text[i + run..], run) {
            Some(close) => {
                let end = i + run + close + run;
                if plain_start < i {
                    parts.push((false, &text[plain_start..i]));
                }
                parts.push((true, &text[i..end]));
                i = end;
                plain_start = end;
            }
            None => i += run,
        }
    }
    if plain_start < text.len() {
        parts.push((false, &text[plain_start..]));
    }
    parts
}

/// Whether the backslash at `at` is itself escaped by an odd run of backslashes before it.
fn escaped_backslash(bytes: &[u8], at: usize) -> bool {
    bytes[..at].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// Offset in `rest` of a backtick run of exactly `len`.
fn find_closing_run(rest: &str, len: usize) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            if run == len {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// Whitespace runs, line breaks included, become one space; ends are trimmed.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text for a Mermaid message or participant label: `#` and `;` would start an entity or end
/// the statement, so they are written as Mermaid entities.
pub(crate) fn mermaid_text(text: &str) -> String {
    let mut out = String::new();
    for ch in one_line(text).chars() {
        match ch {
            '#' => out.push_str("#35;"),
            ';' => out.push_str("#59;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_outlast_the_backticks_inside() {
        assert_eq!(code_span("a"), "`a`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x`"), "`` `x` ``");
        assert_eq!(code_span("a\nb"), "`a b`");
    }

    #[test]
    fn prose_keeps_code_spans_and_disarms_html_and_stray_backticks() {
        assert_eq!(prose("see `a<b>`\nnow"), "see `a<b>` now");
        assert_eq!(prose("<!-- x --> & ` alone \\"), "\\<!-- x --> \\& \\` alone \\\\");
        assert_eq!(prose("a\\`x`"), "a\\\\\\`x\\`");
    }

    #[test]
    fn cells_escape_pipes_inside_and_outside_code() {
        assert_eq!(cell("a | b `c|d`"), "a \\| b `c\\|d`");
        assert_eq!(cell_code("x|y"), "`x\\|y`");
    }

    #[test]
    fn fences_outlast_the_backticks_inside() {
        assert_eq!(Fenced::new("ts", "a ```` b".to_owned()).fence, "`````");
        assert_eq!(Fenced::new("ts", "plain".to_owned()).fence, "```");
    }

    #[test]
    fn mermaid_text_cannot_end_a_statement() {
        assert_eq!(mermaid_text("a;b #c\nd"), "a#59;b #35;c d");
    }
}
