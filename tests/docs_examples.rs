//! The code examples of WEBSOCKET.md against the files `gen` writes from the same catalog: every
//! name an example imports from a generated module is one that module exports, every emitter
//! method it calls exists, room targets appear exactly where the event allows them, and React
//! state goes through the event's list helper when the hooks file has one.
//!
//! The harness compiles the same examples against the generated code (`harness/tests/docs/`,
//! run by `scripts/test.sh`); these checks say the same thing earlier, without Node or socketioxide.

use std::collections::BTreeMap;
use std::path::Path;

use chatia_socket::catalog::{self, Loaded};
use chatia_socket::docs::refresh;
use chatia_socket::gen::{generate, Target};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};

/// A code block with the `##` and `###` headings above it.
struct Block {
    section: String,
    heading: String,
    lang: String,
    code: String,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let (mut section, mut heading) = (String::new(), String::new());
    let mut text: Option<(HeadingLevel, String)> = None;
    let mut code: Option<(String, String)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => text = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => match text.take() {
                Some((HeadingLevel::H2, t)) => section = t,
                Some((_, t)) => heading = t,
                None => {}
            },
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => code = Some((lang.to_string(), String::new())),
            Event::End(TagEnd::CodeBlock) => {
                let (lang, code) = code.take().unwrap();
                out.push(Block {
                    section: section.clone(),
                    heading: heading.clone(),
                    lang,
                    code,
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, body)) = code.as_mut() {
                    body.push_str(&t);
                } else if let Some((_, title)) = text.as_mut() {
                    title.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

/// The catalog, its WEBSOCKET.md, and the text of each other generated file by target.
struct Generated {
    loaded: Loaded,
    docs: Vec<Block>,
    files: BTreeMap<Target, String>,
}

fn generated(path: &str) -> Generated {
    let targets = &[Target::Rust, Target::TypescriptServer, Target::TypescriptTypes, Target::React];
    let loaded = catalog::load(Path::new(path)).unwrap();
    let protocol = chatia_socket::protocol::resolve(&loaded).unwrap();
    let docs = blocks(&refresh(&protocol, None).unwrap());
    let files = generate(&loaded, targets, Path::new("unused"))
        .unwrap()
        .into_iter()
        .map(|file| (file.target, file.contents))
        .collect();
    Generated { loaded, docs, files }
}

/// Shapes the harness catalogs do not have: no joinable room, an action that carries nothing,
/// an event only for rooms, room parameters an entity holds and one it does not.
const SPARE: &str = "version: 1
outputs:
  rust: socket_events.rs
  typescriptServer: server/emitters.ts
  typescriptTypes: shared/events.ts
  react: client/hooks.ts
  docs: WEBSOCKET.md
types:
  Level: { enum: [low, high] }
  Alert:
    fields:
      id: { type: string }
      level: { type: Level }
      label: { type: string }
rooms:
  level: { pattern: 'level-{level}-{label}', params: { level: Level, label: string } }
  desk: { pattern: 'desk-{deskId}', params: { deskId: integer } }
events:
  ping:
    actions: { beat: {} }
    broadcast: false
    rooms: [desk]
  alert:
    entity: Alert
    actions:
      create: {}
      raise: { carries: [alert, note] }
    fields:
      note: { type: string, optional: true, nullable: true }
    rooms: [level, desk]
";

fn catalogs() -> Vec<Generated> {
    let dir = tempfile::tempdir().unwrap();
    let spare = dir.path().join("socket-events.yaml");
    std::fs::write(&spare, SPARE).unwrap();
    vec![
        generated("fixtures/chatia/socket-events.yaml"),
        generated("fixtures/catalogs/awkward/socket-events.yaml"),
        generated(spare.to_str().unwrap()),
    ]
}

/// The import specifier of a target's output, as the examples write it: its path without the extension.
fn specifier(loaded: &Loaded, target: Target) -> String {
    let path = target.output_path(&loaded.catalog.outputs).unwrap();
    format!("{:?}", path.rsplit_once('.').map_or(path, |(stem, _)| stem))
}

/// `import { a, type B } from "x";` → (x, [a, B]).
fn ts_imports(code: &str) -> Vec<(String, Vec<String>)> {
    code.lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("import ")?;
            let (names, from) = rest.split_once(" from ")?;
            let names = names.trim_start_matches("type ").trim_matches(['{', '}', ' ']);
            let names = names.split(',').map(|n| n.trim().trim_start_matches("type ").to_owned());
            Some((from.trim_end_matches(';').to_owned(), names.collect()))
        })
        .collect()
}

fn ts_exports(file: &str, name: &str) -> bool {
    ["function", "type", "interface", "const"]
        .iter()
        .any(|kind| file.contains(&format!("export {kind} {name}")))
}

/// Calls `prefix<name>(` in `code`: the names.
fn calls<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    code.match_indices(prefix)
        .map(|(at, _)| {
            let rest = &code[at + prefix.len()..];
            &rest[..rest.find('(').unwrap()]
        })
        .collect()
}

#[test]
fn typescript_examples_import_only_what_the_generated_modules_export() {
    for g in catalogs() {
        let modules = [Target::TypescriptServer, Target::TypescriptTypes, Target::React]
            .map(|target| (specifier(&g.loaded, target), &g.files[&target]));
        let mut checked = 0;
        for block in g
            .docs
            .iter()
            .filter(|b| matches!(b.lang.as_str(), "ts" | "tsx") && b.heading != "Payload")
        {
            for (from, names) in ts_imports(&block.code) {
                let Some((_, file)) = modules.iter().find(|(spec, _)| *spec == from) else {
                    assert!(!from.contains('/'), "{}: {from} is no generated module", block.section);
                    continue;
                };
                for name in names {
                    assert!(
                        ts_exports(file, &name),
                        "{} imports {name}, which {from} does not export",
                        block.section
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked >= 2 * g.loaded.catalog.events.len(), "{checked} names checked");
    }
}

#[test]
fn rust_examples_use_only_what_the_generated_module_has() {
    for g in catalogs() {
        let module = &g.files[&Target::Rust];
        let rust: Vec<&Block> = g.docs.iter().filter(|b| b.lang == "rust").collect();
        assert_eq!(rust.len(), 1 + g.loaded.catalog.events.len());
        for block in rust {
            let import = block
                .code
                .lines()
                .find(|l| l.starts_with("use crate::socket_events::"))
                .unwrap();
            let names = import
                .trim_start_matches("use crate::socket_events::{")
                .trim_end_matches("};");
            for name in names.split(", ") {
                let defined = ["struct", "enum", "trait", "fn"]
                    .iter()
                    .any(|kind| module.contains(&format!("pub {kind} {name}")));
                assert!(defined, "{} uses {name}, which the module does not define", block.section);
            }
            for method in calls(&block.code, "emitter.") {
                assert!(
                    module.contains(&format!("pub async fn {method}(&self")),
                    "{} calls {method}, which CompanyEmitter does not have",
                    block.section
                );
            }
        }
    }
}

#[test]
fn examples_target_rooms_exactly_where_the_event_allows_them() {
    for g in catalogs() {
        for (resource, event) in &g.loaded.catalog.events {
            let section = format!("Event {resource}");
            let of = |heading: &str| {
                let block = g.docs.iter().find(|b| b.section == section && b.heading == heading);
                block.unwrap().code.clone()
            };
            let node = of("Emitting from a Node service");
            let emits: Vec<&str> = node.lines().filter(|l| l.trim_start().starts_with("emit.")).collect();
            let to_room = emits.iter().filter(|l| l.contains("{ room: ")).count();
            assert_eq!(to_room, usize::from(!event.rooms.is_empty()), "{resource}: {node}");
            assert_eq!(emits.len() - to_room, usize::from(event.broadcast), "{resource}: {node}");

            let rust = of("Emitting from a Rust service");
            let methods = calls(&rust, "emitter.");
            let to_rooms = methods.iter().filter(|m| m.ends_with("_to")).count();
            assert_eq!(to_rooms, usize::from(!event.rooms.is_empty()), "{resource}: {rust}");
            assert_eq!(methods.len() - to_rooms, usize::from(event.broadcast), "{resource}: {rust}");
        }
    }
}

#[test]
fn react_examples_keep_lists_with_the_generated_list_helper() {
    let mut with_helper = 0;
    for g in catalogs() {
        let hooks = &g.files[&Target::React];
        for resource in g.loaded.catalog.events.keys() {
            let section = format!("Event {resource}");
            let react = g
                .docs
                .iter()
                .find(|b| b.section == section && b.heading == "Receiving in React")
                .unwrap();
            let hook = format!("use{}Events", heck::ToUpperCamelCase::to_upper_camel_case(resource.as_str()));
            assert!(react.code.contains(&format!("{hook}(socket, ")), "{}", react.code);
            let helper = format!("apply{}Event", heck::ToUpperCamelCase::to_upper_camel_case(resource.as_str()));
            let exported = hooks.contains(&format!("export function {helper}("));
            assert_eq!(
                react.code.contains(&format!("{helper}(list, payload)")),
                exported,
                "{}",
                react.code
            );
            with_helper += usize::from(exported);
        }
    }
    assert!(with_helper >= 7, "the entities with an id keep lists: {with_helper}");
}
