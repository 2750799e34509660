//! What checking a received client event costs on the Rust server, per event: the generated
//! path (`serde_json::Value` of the arguments, their JSON size, the contract's checks, then the
//! typed arguments) against what a plain socketioxide handler does (`Data<T>`: the packet text
//! straight into the type, no checks). Both start from the packet text socketioxide holds.
//!
//! `cargo bench --bench validation` in harness/rust; the difference of the two lines of an event
//! is the validation overhead.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use serde::de::IgnoredAny;
use serde_json::Value;

use chatia_socket_harness::{chatia, edge};

/// The generated path, from the packet's text.
fn validated<T>(packet: &str, decode: impl Fn(Vec<Value>) -> Result<T, chatia::AckError>) -> T {
    let mut args: Vec<Value> = serde_json::from_str(packet).expect("the packet is JSON");
    args.remove(0);
    decode(args).expect("the arguments are valid")
}

fn chatia_events(c: &mut Criterion) {
    use chatia::ClientEventName::{MarkAsRead, Typing};
    let typing = r#"["typing",{"ticketId":5,"typing":true}]"#;
    let mark = r#"["markAsRead",41]"#;
    let mut group = c.benchmark_group("chatia");
    group.bench_function("typing/unvalidated", |b| {
        b.iter(|| serde_json::from_str::<(IgnoredAny, chatia::Typing)>(black_box(typing)).expect("valid"))
    });
    group.bench_function("typing/validated", |b| {
        b.iter(|| validated(black_box(typing), |args| chatia::ClientEventArgs::decode(Typing, args, 256)))
    });
    group.bench_function("markAsRead/unvalidated", |b| {
        b.iter(|| serde_json::from_str::<(IgnoredAny, i64)>(black_box(mark)).expect("valid"))
    });
    group.bench_function("markAsRead/validated", |b| {
        b.iter(|| {
            validated(black_box(mark), |args| {
                chatia::ClientEventArgs::decode(MarkAsRead, args, 16384)
            })
        })
    });
    group.finish();
}

/// A larger argument: a tree of four nodes with dates, a map and nulls (a 476-byte packet).
fn edge_move(c: &mut Criterion) {
    let leaf = r#"{"id":3,"parent":null,"children":[],"kind":"two-words","seen":["2024-05-01T12:00:00.000Z"]}"#;
    let node = format!(
        r#"{{"id":1,"parent":null,"children":[{leaf},{leaf}],"pair":{{"left":{leaf},"right":null}},"kind":"1st","weights":{{"a":[1,2.5]}},"seen":["2024-05-01T12:00:00.000Z","2024-05-02T12:00:00.000Z"]}}"#
    );
    let packet = format!(r#"["move",{node},"2024-05-01T12:00:00.000Z"]"#);
    let mut group = c.benchmark_group("edge");
    group.bench_function("move/unvalidated", |b| {
        b.iter(|| serde_json::from_str::<(IgnoredAny, edge::Node, String)>(black_box(&packet)).expect("valid"))
    });
    group.bench_function("move/validated", |b| {
        b.iter(|| {
            let mut args: Vec<Value> = serde_json::from_str(black_box(&packet)).expect("the packet is JSON");
            args.remove(0);
            edge::ClientEventArgs::decode(edge::ClientEventName::Move, args, 16384).expect("valid")
        })
    });
    group.finish();
}

criterion_group!(benches, chatia_events, edge_move);
criterion_main!(benches);
