//! The audit's stages on the labelled atendechat project: the scanner on one file of each
//! side, the prefilter, and a whole run (walk, scan, rules, the cross-file project model).

use std::path::{Path, PathBuf};

use chatia_socket::audit::{self, config, prefilter::Prefilter, scan, Settings};
use criterion::{criterion_group, criterion_main, Criterion};

fn project() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/audit/atendechat")
}

fn scanner(c: &mut Criterion) {
    for file in [
        "backend/src/helpers/emitToCompany.ts",
        "backend/src/controllers/TagController.ts",
        "frontend/src/pages/Contacts/index.js",
    ] {
        let path = project().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        c.bench_function(&format!("scan {file}"), |b| b.iter(|| scan::scan(&path, &text, &[])));
    }
}

fn prefilter(c: &mut Criterion) {
    let text = std::fs::read(project().join("backend/src/controllers/TagController.ts")).unwrap();
    let prefilter = Prefilter::new(std::iter::empty());
    c.bench_function("prefilter one controller", |b| b.iter(|| prefilter.wanted(&text)));
}

fn whole_run(c: &mut Criterion) {
    let settings = Settings {
        paths: vec![project()],
        catalog: None,
        config: config::compile(&Default::default(), "").unwrap(),
        cache: None,
    };
    let cwd = std::env::current_dir().unwrap();
    c.bench_function("audit atendechat (project model included)", |b| {
        b.iter(|| audit::run(&settings, &cwd).unwrap())
    });
}

criterion_group!(benches, scanner, prefilter, whole_run);
criterion_main!(benches);
