//! The application side of the Rust target's proof: the generated code of both harness catalogs,
//! a guard and a clock as an application would supply them, and the loopback server the Node
//! tests drive (see `main.rs` and `harness/tests/rust/`).

#[path = "../../generated/chatia/backend-rs/src/socket_events.rs"]
pub mod chatia;

#[path = "../../generated/awkward/out/socket_events.rs"]
pub mod awkward;

/// Shapes the fixtures do not reach (`catalogs/edge/socket-events.yaml`): compiled and unit-tested.
#[path = "../../generated/edge/socket_events.rs"]
pub mod edge;

pub mod app;
pub mod control;
pub mod dispatch;
