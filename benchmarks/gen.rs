//! Each generator target, and loading and resolving the catalog they read, on the bundled catalog.

use std::path::Path;

use chatia_socket::gen::{markdown, react, rust, typescript};
use chatia_socket::{catalog, protocol};
use criterion::{criterion_group, criterion_main, Criterion};

fn bundled() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/chatia/socket-events.yaml")
}

fn load(c: &mut Criterion) {
    let path = bundled();
    let bytes = std::fs::read(&path).unwrap();
    c.bench_function("load and check the bundled catalog", |b| {
        b.iter(|| catalog::load_bytes(&path, &bytes).unwrap())
    });
    let loaded = catalog::load(&path).unwrap();
    c.bench_function("resolve the protocol model", |b| {
        b.iter(|| protocol::resolve(&loaded).unwrap())
    });
}

fn targets(c: &mut Criterion) {
    let loaded = catalog::load(&bundled()).unwrap();
    let model = protocol::resolve(&loaded).unwrap();
    c.bench_function("render rust", |b| b.iter(|| rust::render(&model).unwrap()));
    c.bench_function("render typescriptServer", |b| {
        b.iter(|| typescript::render_server(&model).unwrap())
    });
    c.bench_function("render typescriptTypes", |b| {
        b.iter(|| typescript::render_types(&model).unwrap())
    });
    c.bench_function("render react", |b| b.iter(|| react::render(&model).unwrap()));
    c.bench_function("render docs", |b| b.iter(|| markdown::render(&model).unwrap()));
}

criterion_group!(benches, load, targets);
criterion_main!(benches);
