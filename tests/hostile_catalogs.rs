//! Catalog text that tries to break out of a comment or a literal in generated code.

use std::fs;
use std::path::Path;

use chatia_socket::catalog::names::is_unsafe_char;
use chatia_socket::gen::{generate, Target};

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
        if target == Target::Docs {
            continue;
        }
        let raw: Vec<char> = text.chars().filter(|&c| is_unsafe_char(c)).collect();
        assert!(raw.is_empty(), "{target:?} holds {raw:?}");
    }
}
