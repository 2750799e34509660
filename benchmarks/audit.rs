//! The audit's stages on the labelled atendechat project: the scanner on one file of each
//! side, the prefilter, the cross-file project model alone, and a whole run (walk, scan, rules,
//! project model).

use std::path::{Path, PathBuf};

use chatia_socket::audit::{self, config, prefilter::Prefilter, scan, Settings};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

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

fn settings() -> Settings {
    Settings {
        paths: vec![project()],
        catalog: None,
        config: config::compile(&Default::default(), "").unwrap(),
        cache: None,
    }
}

fn project_model(c: &mut Criterion) {
    let settings = settings();
    let engine = audit::Engine::new(&settings);
    let audited = audit::audit_each_file(&engine, &std::env::current_dir().unwrap()).unwrap();
    c.bench_function("project model atendechat (rooms, lost events, impacts)", |b| {
        b.iter_batched(|| audited.clone(), |audited| audit::judge_project(&engine, audited), BatchSize::SmallInput)
    });
}

fn whole_run(c: &mut Criterion) {
    let settings = settings();
    let cwd = std::env::current_dir().unwrap();
    c.bench_function("audit atendechat (project model included)", |b| {
        b.iter(|| audit::run(&settings, &cwd).unwrap())
    });
}

criterion_group!(benches, scanner, prefilter, project_model, whole_run);
criterion_main!(benches);
