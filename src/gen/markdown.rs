//! Markdown target: the generated sections of WEBSOCKET.md. Everything printed is computed here
//! — names, catalog text escaped for its place (table cell, prose, code span, Mermaid), code
//! fences longer than any backtick run they hold — so `templates/markdown/` only lays it out.
//!
//! The code examples each live in one template under `templates/markdown/examples/`, and take
//! every name from where the targets take it (`examples`), so they call the generated API as it
//! is; the harness compiles them against the generated files.

mod examples;

use anyhow::Result;
use askama::Template;

use crate::catalog::model::{Catalog, Event};
use crate::catalog::names::{js_string, rust_snake, ts_property, TsEventNames};
use crate::catalog::Loaded;
use crate::docs::splice::Section;

use super::typescript;
use crate::protocol::Protocol;
use examples::ExampleAction;

/// What WEBSOCKET.md is made of: the introduction of a new file, and the sections in order.
pub struct Document {
    pub intro: String,
    pub sections: Vec<Section>,
}

pub fn render(loaded: &Loaded) -> Result<Document> {
    let catalog = &loaded.catalog;
    let shared = Shared::new(loaded);
    let protocol = crate::protocol::resolve(loaded)?;
    let mut sections = vec![
        section("index", index_view(catalog, &shared).render()?),
        section("rooms", rooms_view(catalog).render()?),
        section("connection", connection_view(catalog, &shared, &protocol)?.render()?),
    ];
    for resource in catalog.events.keys() {
        let body = event_view(catalog, &shared, &protocol, resource)?.render()?;
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
    /// Where the examples take the generated code from, as code spans.
    server_module: String,
    rust_module: String,
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
        server_module: code_span(&shared.server_module),
        rust_module: code_span(&shared.rust_module),
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
    node_setup: Fenced,
    rust_setup: Fenced,
    client: Fenced,
}

struct JoinRow {
    room: String,
    request: String,
}

fn connection_view(catalog: &Catalog, shared: &Shared, protocol: &Protocol) -> Result<ConnectionView> {
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
    Ok(ConnectionView {
        namespace: shared.namespace.clone(),
        namespace_text: shared.namespace_text.clone(),
        joinable,
        node_setup: Fenced::new("ts", examples::node_setup(catalog, shared)?),
        rust_setup: Fenced::new("rust", examples::rust_setup(shared, protocol)?),
        client: Fenced::new("tsx", examples::react_connect(catalog, shared, protocol)?),
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

fn event_view(catalog: &Catalog, shared: &Shared, protocol: &Protocol, resource: &str) -> Result<EventView> {
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
    let hook = examples::hook_name(resource);
    let first_room = event.rooms.first().and_then(|r| catalog.rooms.get(r));
    let target = match (event.broadcast, first_room) {
        (true, Some(room)) => format!("Clients of the namespace or of room {}", room.pattern),
        (false, Some(room)) => format!("Clients of room {}", room.pattern),
        (_, None) => "Every client of the namespace".to_owned(),
    };
    let state = match examples::list_helper(protocol, resource) {
        Some(helper) => format!("{}(list, payload) gives the new list", helper.apply),
        None => "the handler stores the payload".to_owned(),
    };
    let flow = Flow {
        service: mermaid_text(&example.service),
        call: mermaid_text(&format!("{}(…)", examples::ts_call(resource, &example.action))),
        rate: mermaid_text(&shared.rate),
        namespace: shared.namespace_text.clone(),
        event_name: mermaid_text(&event_name_pattern(catalog, resource)),
        target: mermaid_text(&target),
        hook: mermaid_text(&hook),
        action: mermaid_text(&example.action),
        state: mermaid_text(&state),
    };
    let names = TsEventNames::new(resource, event.actions.keys().map(String::as_str));
    Ok(EventView {
        resource: code_span(resource),
        purpose: prose(event.description.as_deref().unwrap_or("No description in the catalog.")),
        name: cell_code(&event_name_pattern(catalog, resource)),
        namespace: cell_code(&catalog.conventions.namespace),
        payload_type: cell_code(&names.payload),
        targets: targets(catalog, event, true),
        rate: shared.rate.clone(),
        actions,
        payload: Fenced::new(
            "ts",
            typescript::render_event_types(
                protocol,
                protocol.event(resource).ok_or_else(|| anyhow::anyhow!("no such event"))?,
            )?,
        ),
        node_example: Fenced::new("ts", examples::node(catalog, shared, protocol, resource, &example)?),
        rust_example: Fenced::new("rust", examples::rust(catalog, shared, protocol, resource, &example)?),
        react_example: Fenced::new("tsx", examples::react(catalog, shared, protocol, resource)?),
        flow,
        rooms,
        broadcast: event.broadcast,
    })
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

/// Catalog prose in a table cell: a pipe cannot end the cell, not even inside a code span
/// (GitHub and CommonMark tables split cells there too).
pub(crate) fn cell(text: &str) -> String {
    prose(text).replace('|', "\\|")
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
