//! Catalog text that tries to break out of a comment or a literal in generated code.

use std::fs;
use std::path::Path;

use chatia_socket::catalog::names::is_unsafe_char;
use chatia_socket::gen::{generate, Target};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const BODY: &str = "version: 1\noutputs:\n  rust: out/events.rs\n  typescriptTypes: out/events.ts\n  typescriptServer: out/server.ts\n  react: out/hooks.ts\n  docs: out/WEBSOCKET.md\n";

fn generated(dir: &Path, file_name: &str, extra: &str) -> Vec<(Target, String)> {
    let path = dir.join(file_name);
    fs::write(&path, format!("{BODY}{extra}")).unwrap();
    let loaded = chatia_socket::catalog::load(&path).unwrap();
    generate(&loaded, &Target::ALL, dir)
        .unwrap()
        .into_iter()
        .map(|f| (f.target, f.contents))
        .collect()
}

#[test]
fn the_catalog_file_name_cannot_end_the_header_comment() {
    let dir = tempfile::tempdir().unwrap();
    let name = "evil\u{2028}export const x = 1;\n#[doc = include_str!(\"passwd\")]\u{202E}.yaml";
    let events = "events:\n  ticket:\n    actions: { delete: {} }\n";
    for (target, text) in generated(dir.path(), name, events) {
        if target == Target::Docs {
            assert_docs_show_the_name_in_code_spans_only(&text);
            continue;
        }
        let header: Vec<&str> = text.lines().take(2).collect();
        for line in &header {
            assert!(line.starts_with("// "), "{target:?}: {line:?}");
            assert!(!line.chars().any(is_unsafe_char), "{target:?}: {line:?}");
        }
        assert!(
            text.lines().nth(2).is_some_and(|l| !l.contains("export const x")),
            "{target:?}"
        );
    }
}

#[test]
fn bidirectional_controls_never_reach_generated_code_raw() {
    let dir = tempfile::tempdir().unwrap();
    // YAML escapes: the catalog holds the raw characters once parsed.
    let trojan = r"access \u202Elevel\u2066 \u2028x\r y";
    let events = format!(
        "types:\n  Note:\n    description: \"{trojan}\"\n    fields:\n      body: {{ type: string, description: \"{trojan}\" }}\nevents:\n  note:\n    description: \"{trojan}\"\n    entity: Note\n    actions:\n      create: {{ description: \"{trojan}\" }}\n"
    );
    for (target, text) in generated(dir.path(), "socket-events.yaml", &events) {
        let raw: Vec<char> = text.chars().filter(|&c| is_unsafe_char(c)).collect();
        assert!(raw.is_empty(), "{target:?} holds {raw:?}");
    }
}

/// WEBSOCKET.md names the catalog file in code spans: the hostile name shows escaped there, and
/// nowhere else does its text reach the document's prose.
fn assert_docs_show_the_name_in_code_spans_only(text: &str) {
    let raw: Vec<char> = text.chars().filter(|&c| is_unsafe_char(c)).collect();
    assert!(raw.is_empty(), "Docs holds {raw:?}");
    let mut spans = Vec::new();
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Code(code) => spans.push(code.to_string()),
            Event::Text(prose) => assert!(!prose.contains("export const x"), "{prose:?}"),
            Event::Html(html) | Event::InlineHtml(html) => assert!(!html.contains("passwd"), "{html:?}"),
            _ => {}
        }
    }
    let name = "evil\\u{2028}export const x = 1; #[doc = include_str!(\"passwd\")]\\u{202E}.yaml";
    assert!(spans.iter().any(|s| s == name), "{spans:?}");
}

/// Every text a catalog can give WEBSOCKET.md, each holding what could end a table cell, a code
/// span or a line, or turn the direction of the text after it.
#[test]
fn hostile_text_neither_reaches_the_docs_raw_nor_breaks_a_cell_or_code_span() {
    let dir = tempfile::tempdir().unwrap();
    let evil = r"a | cell \u202E`span | x`\u2066 \u2028# h\u2029\r- l\x1B\u0085\uFEFF\u200F end";
    let events = format!(
        "types:\n  Note:\n    description: \"{evil}\"\n    fields:\n      id: {{ type: integer }}\n      body: {{ type: string, description: \"{evil}\" }}\n\
         rooms:\n  desk:\n    pattern: desk-{{deskId}}\n    params: {{ deskId: integer }}\n    joinable: true\n    description: \"{evil}\"\n\
         events:\n  note:\n    description: \"{evil}\"\n    entity: Note\n    rooms: [desk]\n    actions:\n      create: {{ description: \"{evil}\" }}\n\
         clientEvents:\n  openDesk:\n    description: \"{evil}\"\n    args:\n      - {{ name: deskId, type: integer, description: \"{evil}\" }}\n    joins: {{ room: desk }}\n"
    );
    let files = generated(dir.path(), "socket-events.yaml", &events);
    let (_, docs) = files.iter().find(|(t, _)| *t == Target::Docs).expect("docs rendered");
    let raw: Vec<char> = docs.chars().filter(|&c| is_unsafe_char(c)).collect();
    assert!(raw.is_empty(), "WEBSOCKET.md holds {raw:?}");
    // The text stays whole in its cell: its pipes and code span end neither the cell nor the span.
    let mut cells = Vec::new();
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(docs, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(cell) = cell.as_mut() {
                    cell.push_str(&t);
                }
            }
            Event::End(TagEnd::TableCell) => cells.extend(cell.take()),
            _ => {}
        }
    }
    let shown = r"a | cell \u{202E}span | x\u{2066} \u{2028}# h\u{2029}\u{000D}- l\u{001B}\u{0085}\u{FEFF}\u{200F} end";
    let whole = cells.iter().filter(|c| *c == shown).count();
    // The event in the index, its action, the room and the client event's argument.
    assert_eq!(whole, 4, "cells showing the text whole: {cells:#?}");
}
