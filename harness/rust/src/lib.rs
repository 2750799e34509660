//! The application side of the Rust target's proof: the generated code of both harness catalogs,
//! a guard and a clock as an application would supply them, and the loopback server the Node
//! tests drive (see `main.rs` and `harness/tests/rust/`).

#[path = "../../generated/chatia/backend-rs/src/socket_events.rs"]
pub mod chatia;

#[path = "../../generated/awkward/out/socket_events.rs"]
pub mod awkward;

/// Several servers sharing budgets through Redis (`fixtures/catalogs/cluster/socket-events.yaml`):
/// `tests/cluster_limit.rs`.
#[path = "../../generated/cluster/socket_events.rs"]
pub mod cluster;

/// Shapes the fixtures do not reach (`catalogs/edge/socket-events.yaml`): compiled and unit-tested.
#[path = "../../generated/edge/socket_events.rs"]
pub mod edge;

/// The Rust examples of each catalog's WEBSOCKET.md, compiled against its generated module above
/// (written by `harness/tests/docs/extract-examples.ts`, see `harness/tests/docs/examples.ts`).
#[path = "../../generated/chatia/doc-examples/rust/mod.rs"]
pub mod chatia_docs;

#[path = "../../generated/awkward/doc-examples/rust/mod.rs"]
pub mod awkward_docs;

#[path = "../../generated/edge/doc-examples/rust/mod.rs"]
pub mod edge_docs;

pub mod app;
pub mod client_events;
pub mod control;
pub mod dispatch;
pub mod logs;
