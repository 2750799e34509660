//! Arbitrary bytes as a catalog file: loading and `check` never panic, every problem has a
//! position inside the file, and a catalog `check` accepts goes through every generator, whose
//! output keeps catalog text inside its comments and literals.
#![no_main]

use std::path::{Path, PathBuf};

use chatia_socket::catalog::load::parse;
use chatia_socket::catalog::names::is_unsafe_char;
use chatia_socket::catalog::validate::validate;
use chatia_socket::catalog::{Catalog, Diagnostics, Loaded};
use chatia_socket::gen::{react, rust, typescript, Target, GENERATED_MARK};
use chatia_socket::{docs, protocol};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("fuzz/socket-events.yaml");
    let parsed = match parse::<Catalog>(path, bytes) {
        Ok(parsed) => parsed,
        Err(diagnostics) => return assert_positioned(&diagnostics, bytes),
    };
    let mut problems = parsed.problems;
    if let Some(catalog) = &parsed.value {
        problems.extend(validate(catalog));
    }
    let catalog = match parsed.value {
        Some(catalog) if problems.is_empty() => catalog,
        _ => {
            let diagnostics = parsed.spans.diagnostics(problems);
            assert!(!diagnostics.0.is_empty(), "a refused catalog names a problem");
            return assert_positioned(&diagnostics, bytes);
        }
    };
    generate_everything(&Loaded {
        catalog,
        path: PathBuf::from(path),
        warnings: Diagnostics(Vec::new()),
    });
});

/// Every problem points at a line and column of the file.
fn assert_positioned(diagnostics: &Diagnostics, bytes: &[u8]) {
    let lines = bytes.split(|&b| b == b'\n').count();
    for diagnostic in &diagnostics.0 {
        let at = &diagnostic.location;
        assert!(at.line >= 1 && at.column >= 1, "{diagnostic:?}");
        assert!(
            at.line <= lines.max(1),
            "line {} of a {lines}-line file: {diagnostic:?}",
            at.line
        );
    }
}

fn generate_everything(loaded: &Loaded) {
    let protocol = protocol::resolve(loaded).expect("a catalog check accepts resolves");
    let header = chatia_socket::gen::header(&protocol);
    assert!(
        header.lines().count() == 2 && header.lines().all(|l| l.starts_with("// ")),
        "{header:?}"
    );
    assert!(header.contains(GENERATED_MARK));
    // As `gen` does, a target is rendered only when the catalog gives it a path.
    for target in [Target::Rust, Target::TypescriptServer, Target::TypescriptTypes, Target::React] {
        if target.output_path(&protocol.outputs).is_none() {
            continue;
        }
        let text = match target {
            Target::Rust => rust::render(&protocol),
            Target::TypescriptServer => typescript::render_server(&protocol),
            Target::TypescriptTypes => typescript::render_types(&protocol),
            _ => react::render(&protocol),
        };
        let text = text.unwrap_or_else(|err| panic!("{target:?} of an accepted catalog: {err:#}"));
        if let Some(c) = text.chars().find(|&c| is_unsafe_char(c)) {
            panic!("{target:?} holds a raw U+{:04X}", u32::from(c));
        }
    }
    let created = docs::refresh(&protocol, None).expect("an accepted catalog documents");
    if let Some(c) = created.chars().find(|&c| breaks_a_line(c)) {
        panic!("WEBSOCKET.md holds a raw U+{:04X}", u32::from(c));
    }
    let refreshed = docs::refresh(&protocol, Some(&created)).expect("a created document refreshes");
    assert!(refreshed == created, "refreshing a document just created changes it");
}

/// What ends a line in some reader of the document other than the LF it is written with.
fn breaks_a_line(c: char) -> bool {
    matches!(c, '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}
