//! The generated WEBSOCKET.md read back by a CommonMark parser (pulldown-cmark, with GitHub
//! tables): the expected headings, tables with one row per event, room and action whose cells
//! read exactly as the catalog wrote them, the payload code blocks intact, and every marker an
//! HTML block of its own — for the fixture, the awkward catalog, and hostile catalog text.

use std::path::Path;

use chatia_socket::catalog::model::{Ack, Arg, ClientEvent};
use chatia_socket::catalog::names::{is_unsafe_char, shown_text};
use chatia_socket::catalog::{self, Loaded};
use chatia_socket::docs::refresh;
use chatia_socket::docs::splice::{begin_marker, end_marker};
use chatia_socket::gen::{generate, Target};
use chatia_socket::protocol::{resolve, RoomActionKind};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq)]
enum Block {
    Heading(HeadingLevel, String),
    /// Rows of cells, the header row first.
    Table(Vec<Vec<String>>),
    Code(String, String),
    Html(String),
}

/// The blocks that matter here, in document order. Inline code counts as its text.
fn outline(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut text: Option<String> = None;
    let mut table: Option<Vec<Vec<String>>> = None;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::TableCell) => text = Some(String::new()),
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(lang) => lang.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                blocks.push(Block::Code(lang, String::new()));
                text = Some(String::new());
            }
            Event::End(TagEnd::CodeBlock) => {
                let code = text.take().unwrap();
                if let Some(Block::Code(_, body)) = blocks.last_mut() {
                    *body = code;
                }
            }
            Event::Start(Tag::Table(_)) => table = Some(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => table.as_mut().unwrap().push(Vec::new()),
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => {
                if let Some(current) = text.as_mut() {
                    current.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(current) = text.as_mut() {
                    current.push(' ');
                }
            }
            Event::Html(html) => blocks.push(Block::Html(html.to_string())),
            Event::End(TagEnd::Heading(level)) => blocks.push(Block::Heading(level, text.take().unwrap())),
            Event::End(TagEnd::TableCell) => {
                let cell = text.take().unwrap();
                table.as_mut().unwrap().last_mut().unwrap().push(cell);
            }
            Event::End(TagEnd::Table) => blocks.push(Block::Table(table.take().unwrap())),
            _ => {}
        }
    }
    blocks
}

/// What a reader sees of catalog prose written in a paragraph: the reference the table cells
/// are compared with. The leading word keeps the text from starting a block of its own.
fn as_read(text: &str) -> String {
    let one_line = one_line(text);
    let mut seen = String::new();
    for event in Parser::new(&format!("x {one_line}")) {
        if let Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) = event {
            seen.push_str(&t);
        }
    }
    seen.strip_prefix("x ").unwrap_or(&seen).trim().to_owned()
}

fn headings(blocks: &[Block], level: HeadingLevel) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(l, text) if *l == level => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn tables(blocks: &[Block]) -> Vec<&Vec<Vec<String>>> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(rows) => Some(rows),
            _ => None,
        })
        .collect()
}

fn described(text: Option<&str>) -> String {
    text.map(as_read).filter(|t| !t.is_empty()).unwrap_or_else(|| "—".to_owned())
}

/// Every structural promise of the document, checked against the catalog it came from.
fn assert_reads_as_the_catalog(loaded: &Loaded) {
    let catalog = &loaded.catalog;
    let protocol = resolve(loaded).unwrap();
    let markdown = refresh(&protocol, None).unwrap();
    let raw: Vec<char> = markdown.chars().filter(|&c| is_unsafe_char(c)).collect();
    assert!(raw.is_empty(), "WEBSOCKET.md holds {raw:?}");
    let blocks = outline(&markdown);

    assert_headings(&blocks, catalog);
    let tables = tables(&blocks);
    let index = tables[0];
    assert_eq!(index[0], ["Event", "Name", "Actions", "Sent to", "Purpose"]);
    assert_eq!(index.len(), 1 + catalog.events.len());
    for (row, (resource, event)) in index[1..].iter().zip(&catalog.events) {
        assert_eq!(row.len(), 5, "{row:?}");
        assert_eq!(row[0], *resource);
        assert_eq!(row[1], catalog.conventions.event.replace("{resource}", resource));
        assert_eq!(row[2], event.actions.keys().cloned().collect::<Vec<_>>().join(", "));
        assert_eq!(row[4], described(event.description.as_deref()), "purpose of {resource}");
    }
    let mut next = 1;
    if !catalog.client_events.is_empty() {
        assert_client_index(tables[next], catalog);
        next += 1;
    }
    if !catalog.rooms.is_empty() {
        let rooms = tables[next];
        next += 1;
        assert_eq!(rooms.len(), 1 + catalog.rooms.len());
        for (row, (name, room)) in rooms[1..].iter().zip(&catalog.rooms) {
            assert_eq!(row.len(), 6, "{row:?}");
            assert_eq!((row[0].as_str(), row[1].as_str()), (name.as_str(), room.pattern.as_str()));
            assert_eq!(row[5], described(room.description.as_deref()), "purpose of room {name}");
        }
    }
    if catalog.rooms.values().any(|r| r.joinable) {
        let joinable = tables[next];
        next += 1;
        assert_eq!(joinable.len(), 1 + catalog.rooms.values().filter(|r| r.joinable).count());
    }
    for ((resource, event), resolved) in catalog.events.iter().zip(&protocol.events) {
        let properties = tables[next];
        let actions = tables[next + 1];
        next += 2;
        assert_eq!(properties.len(), 8, "{resource}: {properties:?}");
        assert!(properties.iter().all(|row| row.len() == 2));
        let listed = |pick: fn(&chatia_socket::protocol::ActionDecl) -> bool| {
            let names: Vec<&str> = resolved.actions.iter().filter(|a| pick(a)).map(|a| a.name.as_str()).collect();
            if names.is_empty() {
                "—".to_owned()
            } else {
                names.join(", ")
            }
        };
        assert_eq!(
            properties[6],
            ["Never dropped".to_owned(), listed(|a| a.critical)],
            "{resource}"
        );
        assert_eq!(properties[7], ["Volatile".to_owned(), listed(|a| a.volatile)], "{resource}");
        assert_eq!(actions.len(), 1 + event.actions.len(), "{resource}: {actions:?}");
        for (row, (action, spec)) in actions[1..].iter().zip(&event.actions) {
            assert_eq!(row.len(), 3, "{row:?}");
            assert_eq!(row[0], *action);
            assert_eq!(row[1], event.carried(resource, action).join(", "));
            assert_eq!(row[2], described(spec.description.as_deref()), "{resource}.{action}");
        }
    }
    for (event, resolved) in catalog.client_events.values().zip(&protocol.client_events) {
        next += assert_client_tables(&tables[next..], event, resolved);
    }
    assert_eq!(next, tables.len(), "no table more than expected");

    assert_code_blocks(&blocks, loaded, &protocol);
    let html: Vec<&str> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Html(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    let markers: Vec<String> = section_names(catalog)
        .iter()
        .flat_map(|n| [format!("{}\n", begin_marker(n)), format!("{}\n", end_marker(n))])
        .collect();
    assert_eq!(html, markers, "each marker is an HTML block of its own");
}

/// The sections of the catalog's document, in order.
fn section_names(catalog: &catalog::model::Catalog) -> Vec<String> {
    let mut names = vec!["index".to_owned(), "rooms".to_owned(), "connection".to_owned()];
    names.extend(catalog.events.keys().map(|r| format!("events/{r}")));
    names.extend(catalog.client_events.keys().map(|n| format!("client-events/{n}")));
    names
}

/// Catalog text as WEBSOCKET.md shows it on one line: unsafe characters as `\u{…}`.
fn one_line(text: &str) -> String {
    shown_text(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_headings(blocks: &[Block], catalog: &catalog::model::Catalog) {
    assert_eq!(headings(blocks, HeadingLevel::H1), ["WebSocket events"]);
    let mut h2: Vec<String> = ["Events", "Client events", "Rooms", "Connecting and authenticating"]
        .map(str::to_owned)
        .to_vec();
    h2.extend(catalog.events.keys().map(|r| format!("Event {r}")));
    h2.extend(catalog.client_events.keys().map(|n| format!("Client event {}", one_line(n))));
    assert_eq!(headings(blocks, HeadingLevel::H2), h2);
    let per_event = [
        "Actions",
        "Payload",
        "Emitting from a Node service",
        "Emitting from a Rust service",
        "Receiving in React",
        "Flow",
        "Rooms",
        "Isolation",
        "Rate limit",
    ];
    let per_client_event = ["Arguments", "Acknowledgement", "Who may send it", "Refusals", "Flow"];
    let h3 = headings(blocks, HeadingLevel::H3);
    let (events, client_events) = h3.split_at(per_event.len() * catalog.events.len());
    for chunk in events.chunks(per_event.len()) {
        assert_eq!(chunk, per_event);
    }
    assert_eq!(client_events.len(), per_client_event.len() * catalog.client_events.len());
    for chunk in client_events.chunks(per_client_event.len()) {
        assert_eq!(chunk, per_client_event);
    }
}

/// What a client event does, as the index says it.
fn serves(catalog: &catalog::model::Catalog, event: &catalog::model::ClientEvent) -> String {
    match (&event.joins, &event.leaves) {
        (Some(room), _) => format!("joins room {}", catalog.rooms[&room.room].pattern),
        (None, Some(room)) => format!("leaves room {}", catalog.rooms[&room.room].pattern),
        (None, None) => "handled by the application".to_owned(),
    }
}

fn assert_client_index(index: &[Vec<String>], catalog: &catalog::model::Catalog) {
    assert_eq!(index[0], ["Client event", "Arguments", "Acknowledgement", "What it does"]);
    assert_eq!(index.len(), 1 + catalog.client_events.len());
    for (row, (name, event)) in index[1..].iter().zip(&catalog.client_events) {
        assert_eq!(row.len(), 4, "{row:?}");
        assert_eq!(row[0], one_line(name));
        let args: Vec<String> = event
            .args
            .iter()
            .map(|a| {
                let optional = if a.optional { "?" } else { "" };
                let nullable = if a.nullable { " | null" } else { "" };
                one_line(&format!("{}{optional}: {}{nullable}", a.name, a.ty))
            })
            .collect();
        let args = if args.is_empty() { "—".to_owned() } else { args.join(", ") };
        assert_eq!(row[1], args, "arguments of {name}");
        assert_eq!(row[3], serves(catalog, event), "{name}");
    }
}

/// A client event's properties, arguments and refusals tables; returns how many there are.
fn assert_client_tables(
    tables: &[&Vec<Vec<String>>],
    event: &catalog::model::ClientEvent,
    resolved: &chatia_socket::protocol::ClientEvent,
) -> usize {
    let name = &resolved.name;
    let properties = tables[0];
    assert_eq!(properties.len(), 8, "{name}: {properties:?}");
    assert!(properties.iter().all(|row| row.len() == 2), "{name}: {properties:?}");
    let mut next = 1;
    if !event.args.is_empty() {
        let args = tables[next];
        next += 1;
        assert_eq!(args.len(), 1 + event.args.len(), "{name}: {args:?}");
        for (row, arg) in args[1..].iter().zip(&event.args) {
            let yes_no = |b: bool| if b { "yes" } else { "no" };
            assert_eq!(row.len(), 5, "{row:?}");
            assert_eq!(
                row[..4],
                [
                    one_line(&arg.name),
                    arg.ty.trim().to_owned(),
                    yes_no(arg.optional).to_owned(),
                    yes_no(arg.nullable).to_owned()
                ]
            );
            assert_eq!(row[4], described(arg.description.as_deref()), "{name}.{}", arg.name);
        }
    }
    let refusals = tables[next];
    let codes: Vec<&str> = refusals[1..].iter().map(|row| row[0].as_str()).collect();
    let mut expected = vec!["rate-limited", "invalid-payload", "invalid-payload"];
    if resolved.authorize {
        expected.push("forbidden");
    }
    if resolved.has_handler() {
        expected.extend(["not-found", "internal"]);
    }
    assert_eq!(codes, expected, "the refusals of {name}, in the order of the checks");
    assert!(refusals.iter().all(|row| row.len() == 2), "{name}: {refusals:?}");
    next + 1
}

fn assert_code_blocks(blocks: &[Block], loaded: &Loaded, protocol: &chatia_socket::protocol::Protocol) {
    let catalog = &loaded.catalog;
    let code: Vec<(&str, &str)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Code(lang, body) => Some((lang.as_str(), body.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        code[..4].iter().map(|c| c.0).collect::<Vec<_>>(),
        ["mermaid", "ts", "rust", "tsx"],
        "connection: its diagram, then the Node and Rust setups and the React client"
    );
    let per_event = 5 * catalog.events.len();
    let types = types_file(loaded);
    for (chunk, resource) in code[4..4 + per_event].chunks(5).zip(catalog.events.keys()) {
        let langs: Vec<&str> = chunk.iter().map(|c| c.0).collect();
        assert_eq!(langs, ["ts", "ts", "rust", "tsx", "mermaid"], "{resource}");
        assert!(chunk[0].1.contains(&format!("export type {}Payload =", ts_stem(resource))));
        for declaration in chunk[0].1.trim_end().split("\n\n") {
            assert!(
                types.contains(&format!("\n{declaration}\n")),
                "the payload block of {resource} declares what the types file does:\n{declaration}"
            );
        }
    }
    let diagrams = &code[4 + per_event..];
    assert_eq!(diagrams.len(), protocol.client_events.len(), "one diagram per client event");
    for ((lang, diagram), event) in diagrams.iter().zip(&protocol.client_events) {
        assert_eq!(*lang, "mermaid", "{}", event.name);
        assert_client_flow(diagram, event);
    }
    assert_diagrams_are_sound(&code);
}

/// A client event's diagram has the branches of the checks that apply to it, in their order.
fn assert_client_flow(diagram: &str, event: &chatia_socket::protocol::ClientEvent) {
    let branches: Vec<&str> = diagram
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("alt ") || l.starts_with("else "))
        .collect();
    let mut expected = vec![
        "alt over the limit".to_owned(),
        format!("else more than {} bytes, or arguments that do not match", event.max_bytes),
    ];
    if event.authorize {
        expected.push("else the ownership check says no or fails".to_owned());
    }
    if event.has_handler() {
        expected.push("else the handler refuses or fails".to_owned());
    }
    expected.push("else accepted".to_owned());
    assert_eq!(branches, expected, "{diagram}");
    let served = match &event.room {
        Some(room) if room.kind == RoomActionKind::Join => "NS->>NS: join the socket to room",
        Some(_) => "NS->>NS: remove the socket from room",
        None => "NS->>App: run the handler of",
    };
    assert!(diagram.contains(served), "{diagram}");
}

/// Catalog text cannot add a statement to a diagram: every line is one the templates write, and
/// `#` and `;` only appear in Mermaid's entities for them.
fn assert_diagrams_are_sound(code: &[(&str, &str)]) {
    const STATEMENTS: [&str; 9] = [
        "sequenceDiagram",
        "participant ",
        "alt ",
        "else",
        "end",
        "Note over ",
        "Client",
        "NS",
        "Limiter",
    ];
    let others = ["Parent", "Auth", "App", "Service", "Emitter", "Target", "Hook"];
    for (_, diagram) in code.iter().filter(|(lang, _)| *lang == "mermaid") {
        for line in diagram.lines().map(str::trim) {
            assert!(
                STATEMENTS.iter().chain(&others).any(|s| line.starts_with(s)),
                "an unexpected statement: {line}\n{diagram}"
            );
            let bare = line.replace("#35;", "").replace("#59;", "");
            assert!(!bare.contains(['#', ';']), "{line}");
        }
    }
}

/// The payload types file `gen` writes for the catalog.
fn types_file(loaded: &Loaded) -> String {
    let files = generate(loaded, &[Target::TypescriptTypes], Path::new("unused")).unwrap();
    files.into_iter().next().unwrap().contents
}

fn ts_stem(resource: &str) -> String {
    heck::ToUpperCamelCase::to_upper_camel_case(resource)
}

fn load(path: &str) -> Loaded {
    catalog::load(Path::new(path)).unwrap()
}

#[test]
fn fixture_docs_read_as_the_catalog() {
    assert_reads_as_the_catalog(&load("fixtures/chatia/socket-events.yaml"));
}

#[test]
fn awkward_catalog_docs_read_as_the_catalog() {
    assert_reads_as_the_catalog(&load("fixtures/catalogs/awkward/socket-events.yaml"));
}

#[test]
fn hostile_catalog_text_cannot_break_the_markdown() {
    let hostile = [
        "pipes | in | a cell",
        "a line\nbreak, then\r\nanother",
        "one ` lone backtick and `a | code span`",
        "a code span `x | y` with a pipe",
        "``` a fence-like run and ``double `tick` span``",
        "ends the comment --> and opens <!-- another",
        "# looks like a heading",
        "- looks like a list | --- |",
        "<b>raw html</b> and <i>",
        "trailing backslash \\",
        "bidi \u{202E}turns | the `cell \u{2066}` around\u{2069}",
        "a line\u{2028}separator, a\u{2029}paragraph one, a lone\rCR and \u{0}\u{1B}[31m controls",
    ];
    let mut loaded = load("fixtures/chatia/socket-events.yaml");
    let catalog = &mut loaded.catalog;
    for (i, (_, event)) in catalog.events.iter_mut().enumerate() {
        event.description = Some(hostile[i % hostile.len()].to_owned());
        for (j, (_, action)) in event.actions.iter_mut().enumerate() {
            action.description = Some(hostile[(i + j + 1) % hostile.len()].to_owned());
        }
    }
    for (i, (_, room)) in catalog.rooms.iter_mut().enumerate() {
        room.description = Some(hostile[(i + 3) % hostile.len()].to_owned());
    }
    for (i, (_, def)) in catalog.types.iter_mut().enumerate() {
        def.description = Some(format!("{} ``` ````", hostile[i % hostile.len()]));
    }
    for (i, (_, event)) in catalog.client_events.iter_mut().enumerate() {
        event.description = Some(hostile[(i + 5) % hostile.len()].to_owned());
        for (j, arg) in event.args.iter_mut().enumerate() {
            arg.description = Some(hostile[(i + j + 7) % hostile.len()].to_owned());
        }
    }
    let (name, event) = hostile_client_event();
    catalog.client_events.insert(name, event);
    assert_reads_as_the_catalog(&loaded);
}

/// A client event whose name and argument say everything that could end a table cell, a code
/// span, a link, a heading, a marker or a Mermaid statement.
fn hostile_client_event() -> (String, ClientEvent) {
    let arg = |name: &str, ty: &str, optional: bool| Arg {
        name: name.to_owned(),
        ty: ty.to_owned(),
        optional,
        nullable: optional,
        description: Some("a | pipe, a ` tick and # a ; semicolon\nend".to_owned()),
    };
    let event = ClientEvent {
        description: Some("ends the comment --> | pipes | `code | span`".to_owned()),
        args: vec![arg("ticketId", "integer", false), arg("odd|name`x`#1;", "Tag[]", true)],
        ack: Some(Ack {
            ty: Some("map<Tag[]>".to_owned()),
            required: true,
        }),
        joins: None,
        leaves: None,
        authorize: Some(true),
        rate_limit: None,
        max_bytes: Some(64),
    };
    (
        "ping | pong `x` [a](b) #1; end\n-->> %% <!-- --> \u{202E}rtl\u{2028}".to_owned(),
        event,
    )
}
