//! Markdown target: the generated sections of WEBSOCKET.md, built from the resolved protocol.
//! Everything printed is computed here — names taken from the protocol, catalog text escaped for
//! its place (`escape`), code fences longer than any backtick run they hold — so
//! `templates/markdown/` only lays it out.
//!
//! The code examples each live in one template under `templates/markdown/examples/`, and take
//! every name from the protocol (`examples`), so they call the generated API as it is; the
//! harness compiles them against the generated files.

mod client;
mod escape;
mod examples;
mod payload;

use anyhow::Result;
use askama::Template;

use crate::catalog::model::{RateScope, TsAdapterKind};
use crate::catalog::names::{js_string, ts_object_key};
use crate::docs::splice::Section;
use crate::docs::{CLIENT_EVENT_SECTION_PREFIX, EVENT_SECTION_PREFIX};
use crate::protocol::{ActionDecl, Limit, ParamType, Protocol, ServerEvent, ACK_ERROR_CODES};
use escape::{cell, cell_code, cell_or_dash, code_span, mermaid_text, one_line, prose, Fenced, DASH};
use examples::ExampleAction;

/// What WEBSOCKET.md is made of: the introduction of a new file, and the sections in order.
pub struct Document {
    pub intro: String,
    pub sections: Vec<Section>,
}

pub fn render(protocol: &Protocol) -> Result<Document> {
    let shared = Shared::new(protocol);
    let mut sections = vec![
        section("index", index_view(protocol, &shared).render()?),
        section("rooms", rooms_view(protocol).render()?),
        section("connection", connection_view(protocol, &shared)?.render()?),
    ];
    for event in &protocol.events {
        let body = event_view(protocol, &shared, event)?.render()?;
        sections.push(section(&format!("{EVENT_SECTION_PREFIX}{}", event.resource), body));
    }
    for event in &protocol.client_events {
        let body = client::view(protocol, event).render()?;
        sections.push(section(&format!("{CLIENT_EVENT_SECTION_PREFIX}{}", event.name), body));
    }
    let intro = IntroView {
        catalog: code_span(&protocol.catalog_name),
        command: code_span(&format!("chatia-socket docs --catalog {}", protocol.catalog_name)),
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
    fn new(protocol: &Protocol) -> Self {
        let outputs = &protocol.outputs;
        let module = |path: &Option<String>, fallback: &str| {
            let path = path.as_deref().unwrap_or(fallback);
            let stem = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
            js_string(stem)
        };
        Shared {
            namespace: code_span(&protocol.namespace.text),
            namespace_text: mermaid_text(&protocol.namespace.text),
            rate: rate(protocol.rate_limit),
            server_module: module(&outputs.typescript_server, "socket/emitters.ts"),
            types_module: module(&outputs.typescript_types, "socket/events.ts"),
            react_module: module(&outputs.react, "socket/hooks.ts"),
            rust_module: format!("crate::{}", protocol.rust.module),
        }
    }
}

/// `1000 events per 60 seconds`.
fn rate(limit: Limit) -> String {
    format!(
        "{} event{} per {} second{}",
        limit.events,
        plural(limit.events),
        limit.window_seconds,
        plural(limit.window_seconds)
    )
}

fn plural(n: u64) -> &'static str {
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
    client_rows: Vec<client::IndexRow>,
    namespace: String,
    rate: String,
    /// Where the examples take the generated code from, as code spans.
    server_module: String,
    types_module: String,
    rust_module: String,
}

struct IndexRow {
    link: String,
    name: String,
    actions: String,
    targets: String,
    purpose: String,
}

fn index_view(protocol: &Protocol, shared: &Shared) -> IndexView {
    let rows = protocol
        .events
        .iter()
        .map(|event| IndexRow {
            link: format!("[{}](#{})", code_span(&event.resource), anchor(event)),
            name: cell_code(&event_name(protocol, event)),
            actions: join_cells(event.actions.iter().map(|a| cell_code(&a.name))),
            targets: targets(protocol, event),
            purpose: cell_or_dash(event.description.as_deref()),
        })
        .collect();
    IndexView {
        rows,
        client_rows: client::index_rows(protocol),
        namespace: shared.namespace.clone(),
        rate: shared.rate.clone(),
        server_module: code_span(&shared.server_module),
        types_module: code_span(&shared.types_module),
        rust_module: code_span(&shared.rust_module),
    }
}

/// The anchor of an event's heading, `## Event `ticket``.
fn anchor(event: &ServerEvent) -> String {
    github_anchor(&format!("Event {}", one_line(&event.resource)))
}

/// The anchor GitHub gives a heading with this text: lower case, spaces as hyphens, and only
/// letters, digits, `-` and `_` kept.
fn github_anchor(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// `company-{companyId}-ticket`: the event's name with the company left as a placeholder.
fn event_name(protocol: &Protocol, event: &ServerEvent) -> String {
    protocol.event_pattern.text.replace("{resource}", &event.resource)
}

/// Where an event may go: the whole namespace and/or its rooms, as table-cell text.
fn targets(protocol: &Protocol, event: &ServerEvent) -> String {
    let mut parts = Vec::new();
    if event.broadcast {
        parts.push("whole namespace".to_owned());
    }
    parts.extend(
        event
            .rooms
            .iter()
            .filter_map(|room| protocol.room(room))
            .map(|room| cell_code(&room.pattern.text)),
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

fn rooms_view(protocol: &Protocol) -> RoomsView {
    let rows = protocol
        .rooms
        .iter()
        .map(|room| {
            let params = room
                .params
                .iter()
                .map(|p| format!("{}: {}", cell_code(&p.name), cell(param_type_name(&p.ty))));
            let events = protocol
                .events
                .iter()
                .filter(|e| e.rooms.contains(&room.name))
                .map(|e| format!("[{}](#{})", cell_code(&e.resource), anchor(e)));
            RoomRow {
                name: cell_code(&room.name),
                pattern: cell_code(&room.pattern.text),
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

/// A room parameter's type as the catalog writes it.
fn param_type_name(ty: &ParamType) -> &str {
    match ty {
        ParamType::Integer => "integer",
        ParamType::String => "string",
        ParamType::Enum(name) => name,
    }
}

// ---------------------------------------------------------------------------------------------
// Connecting and authenticating.

#[derive(Template)]
#[template(path = "markdown/connection.md", escape = "none")]
struct ConnectionView {
    namespace: String,
    namespace_text: String,
    joinable: Vec<JoinRow>,
    /// Every code a refusal may carry, as code spans.
    codes: String,
    node_setup: Fenced,
    rust_setup: Fenced,
    client: Fenced,
    /// The Node servers' Redis adapter: its npm package and channel, as code spans.
    node_adapter: Option<(String, String)>,
    /// The Rust servers' Redis channel, as a code span.
    rust_adapter: Option<String>,
    /// The budgets are counted in Redis for every server.
    cluster: bool,
}

struct JoinRow {
    room: String,
    request: String,
}

fn connection_view(protocol: &Protocol, shared: &Shared) -> Result<ConnectionView> {
    let joinable: Vec<JoinRow> = protocol
        .joinable_rooms()
        .map(|room| {
            let mut request = vec![format!("room: {}", js_string(&room.name))];
            request.extend(
                room.params
                    .iter()
                    .map(|p| format!("{}: {}", ts_object_key(&p.name), example_value(protocol, &p.ty))),
            );
            JoinRow {
                room: cell_code(&room.pattern.text),
                request: cell_code(&format!("{{ {} }}", request.join(", "))),
            }
        })
        .collect();
    Ok(ConnectionView {
        namespace: shared.namespace.clone(),
        namespace_text: shared.namespace_text.clone(),
        joinable,
        codes: ACK_ERROR_CODES.map(code_span).join(", "),
        node_setup: Fenced::new("ts", examples::node_setup(protocol, shared)?),
        rust_setup: Fenced::new("rust", examples::rust_setup(shared, protocol)?),
        client: Fenced::new("tsx", examples::react_connect(protocol, shared)?),
        node_adapter: protocol.adapters.typescript.as_ref().map(|(kind, channel)| {
            let package = match kind {
                TsAdapterKind::Redis => "@socket.io/redis-adapter",
                TsAdapterKind::RedisStreams => "@socket.io/redis-streams-adapter",
            };
            (code_span(package), code_span(channel))
        }),
        rust_adapter: protocol.adapters.rust.as_deref().map(code_span),
        cluster: protocol.rate_scope == RateScope::Cluster,
    })
}

/// A sample value of a room parameter, as TypeScript.
fn example_value(protocol: &Protocol, ty: &ParamType) -> String {
    match ty {
        ParamType::Integer => "42".to_owned(),
        ParamType::String => js_string("example"),
        ParamType::Enum(name) => protocol
            .enum_values(name)
            .and_then(<[String]>::first)
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
    /// The event's own budget per company, when it has one.
    budget: Option<String>,
    /// The critical actions as code spans, comma-separated, for prose; empty when there is none.
    critical: String,
    /// The same for a table cell.
    critical_cell: String,
    /// The volatile actions, likewise.
    volatile: String,
    volatile_cell: String,
    /// The budgets are counted in Redis for every server.
    cluster: bool,
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

fn event_view(protocol: &Protocol, shared: &Shared, event: &ServerEvent) -> Result<EventView> {
    let example = ExampleAction::choose(protocol, event)?;
    let actions = event
        .actions
        .iter()
        .map(|action| ActionRow {
            name: cell_code(&action.name),
            carries: join_cells(action.carried.iter().map(|c| cell_code(&c.field.name))),
            purpose: cell_or_dash(action.description.as_deref()),
        })
        .collect();
    let rooms = event
        .rooms
        .iter()
        .filter_map(|name| protocol.room(name))
        .map(|room| RoomNote {
            pattern: code_span(&room.pattern.text),
            name: code_span(&room.name),
            joinable: room.joinable,
        })
        .collect();
    Ok(EventView {
        resource: code_span(&event.resource),
        purpose: prose(event.description.as_deref().unwrap_or("No description in the catalog.")),
        name: cell_code(&event_name(protocol, event)),
        namespace: cell_code(&protocol.namespace.text),
        payload_type: cell_code(&event.ts.payload),
        targets: targets(protocol, event),
        rate: shared.rate.clone(),
        budget: event.budget.map(rate),
        critical: actions_where(event, |a| a.critical, code_span),
        critical_cell: actions_where(event, |a| a.critical, cell_code),
        volatile: actions_where(event, |a| a.volatile, code_span),
        volatile_cell: actions_where(event, |a| a.volatile, cell_code),
        cluster: protocol.rate_scope == RateScope::Cluster,
        actions,
        payload: Fenced::new("ts", payload::render(protocol, event)?),
        node_example: Fenced::new("ts", examples::node(protocol, shared, &example)?),
        rust_example: Fenced::new("rust", examples::rust(protocol, shared, &example)?),
        react_example: Fenced::new("tsx", examples::react(protocol, shared, event)?),
        flow: flow(protocol, shared, &example),
        rooms,
        broadcast: event.broadcast,
    })
}

/// The names of the event's actions that `pick` chooses, each spelled by `code`.
fn actions_where(event: &ServerEvent, pick: impl Fn(&ActionDecl) -> bool, code: fn(&str) -> String) -> String {
    join_cells(event.actions.iter().filter(|a| pick(a)).map(|a| code(&a.name)))
}

fn flow(protocol: &Protocol, shared: &Shared, example: &ExampleAction) -> Flow {
    let event = example.event;
    let first_room = event.rooms.first().and_then(|r| protocol.room(r));
    let target = match (event.broadcast, first_room) {
        (true, Some(room)) => format!("Clients of the namespace or of room {}", room.pattern.text),
        (false, Some(room)) => format!("Clients of room {}", room.pattern.text),
        (_, None) => "Every client of the namespace".to_owned(),
    };
    let state = if event.keeps_lists() {
        format!("{}(list, payload) gives the new list", event.ts.apply)
    } else {
        "the handler stores the payload".to_owned()
    };
    Flow {
        service: mermaid_text(&example.service()),
        call: mermaid_text(&format!("{}(…)", examples::ts_call(&event.ts, example.index))),
        rate: mermaid_text(&shared.rate),
        namespace: shared.namespace_text.clone(),
        event_name: mermaid_text(&event_name(protocol, event)),
        target: mermaid_text(&target),
        hook: mermaid_text(&event.ts.hook),
        action: mermaid_text(&example.action.name),
        state: mermaid_text(&state),
    }
}
