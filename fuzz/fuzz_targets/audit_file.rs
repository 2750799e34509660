//! One source file through the audit's scan and rules, as `audit` runs it on each file of a tree:
//! never a panic, and every finding points inside the file with a bounded code frame and message.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use chatia_socket::audit::{config, Engine, Known, Settings};
use chatia_socket::catalog::Catalog;
use libfuzzer_sys::fuzz_target;
use oxc_allocator::Allocator;

const EXTENSIONS: [&str; 8] = ["ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts"];

/// The audit's settings without a catalog, and with the catalog of the audit fixtures (which
/// turns on the rules that need one and declares wrappers).
fn settings() -> &'static [Settings; 2] {
    static SETTINGS: OnceLock<[Settings; 2]> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = chatia_socket::catalog::load(&manifest.join("../fixtures/audit/catalog.yaml")).expect("fixture loads");
        let with_catalog = Settings {
            paths: Vec::new(),
            config: config::compile(&loaded.catalog.audit.clone().unwrap_or_default(), "/audit")
                .expect("fixture's audit settings"),
            catalog: Some(loaded.catalog),
        };
        let plain = Settings {
            paths: Vec::new(),
            catalog: None::<Catalog>,
            config: config::compile(&Default::default(), "").expect("default settings"),
        };
        [plain, with_catalog]
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Some((&selector, source)) = bytes.split_first() else {
        return;
    };
    // `audit` reports a file that is not UTF-8 without scanning it.
    let Ok(text) = std::str::from_utf8(source) else { return };
    let extension = EXTENSIONS[usize::from(selector) % EXTENSIONS.len()];
    let settings = &settings()[usize::from(selector / 128)];
    let relative = format!("src/input.{extension}");
    // The audit parses on threads with a large stack (deep nesting); so does this target.
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn_scoped(scope, || audit_one(settings, &relative, text))
            .expect("a worker thread starts")
            .join()
            .expect("the audit of one file does not panic");
    });
});

fn audit_one(settings: &Settings, relative: &str, text: &str) {
    let engine = Engine::new(settings);
    let findings = engine
        .audit_text(&mut Allocator::default(), relative, Path::new(relative), text, &Known::default())
        .findings;
    let lines = text.split('\n').count();
    for finding in &findings {
        assert_eq!(finding.path, relative);
        assert!(finding.line >= 1 && finding.column >= 1, "{finding:?}");
        assert!(
            (finding.line, finding.column) <= (finding.end_line, finding.end_column),
            "span ends before it starts: {finding:?}"
        );
        assert!(finding.end_line <= lines, "line {} of a {lines}-line file", finding.end_line);
        assert!(finding.frame.lines.len() <= 4, "{} frame lines", finding.frame.lines.len());
        assert!(
            finding.frame.lines.iter().all(|l| l.text.chars().count() <= 120),
            "a frame line past 120 characters"
        );
        assert!(
            finding.message.chars().count() <= 1_000,
            "a message of {} characters",
            finding.message.len()
        );
    }
}
