//! The edge catalog (`harness/rust/catalogs/edge/socket-events.yaml`): shapes the fixture catalogs
//! do not reach, compiled warning-free and clippy-clean like them, and working as the catalog says.

use chatia_socket_harness::app::{EdgeApp, TestClock};
use chatia_socket_harness::edge;
use serde_json::json;
use socketioxide::SocketIo;

struct Clock(TestClock);

impl edge::Clock for Clock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.read()
    }
}

#[tokio::test]
async fn custom_conventions_name_the_namespace_and_the_events() {
    let limiter = edge::RateLimiter::with_clock(Clock(TestClock::new(chrono::DateTime::UNIX_EPOCH)));
    let namespaces = edge::register_namespace(&SocketIo::new_svc().1, EdgeApp).unwrap();
    let emitter = edge::CompanyEmitter::new(&namespaces, &limiter, 3, 1);
    assert_eq!(emitter.namespace(), "/tenant/3/live");
    for id in 0..edge::RateLimiter::EVENTS {
        emitter.node_delete(i64::try_from(id).unwrap()).await.unwrap();
    }
    // The refusal names the event it did not send.
    let error = emitter.node_delete(9).await.unwrap_err();
    assert!(matches!(&error, edge::EmitError::RateLimited { event, limit: 3, window_seconds: 2, .. } if event == "node:3"));
}

#[test]
fn recursive_dtos_read_and_write_through_their_boxes() {
    let node = json!({
        "id": 1,
        "parent": { "id": 0, "parent": null, "children": [], "kind": "Self", "seen": [] },
        "children": [{ "id": 2, "parent": null, "children": [], "kind": "1st", "seen": ["2024-05-01T00:00:00.000Z"] }],
        "pair": { "left": { "id": 3, "parent": null, "children": [], "kind": "two-words", "seen": [] }, "right": null },
        "kind": "1st",
        "weights": { "a": [1, 2.5] },
        "seen": []
    });
    let typed: edge::Node = serde_json::from_value(node.clone()).unwrap();
    assert_eq!(typed.parent.as_ref().map(|parent| parent.kind), Some(edge::Kind::Self_));
    assert_eq!(
        typed.pair.as_ref().map(|pair| pair.right.is_some()),
        Some(true),
        "present as null"
    );
    assert_eq!(serde_json::to_value(&typed).unwrap(), node);
}

#[test]
fn enum_values_and_rooms_keep_their_wire_spelling() {
    assert_eq!(edge::Kind::V1st.as_str(), "1st");
    assert_eq!(serde_json::to_value(edge::Kind::TwoWords).unwrap(), "two-words");
    let room = edge::Room::ByKind {
        kind: edge::Kind::TwoWords,
        name: "a/b".to_owned(),
    };
    assert_eq!(room.name(), "kind:two-words/a/b");
    assert_eq!(edge::Room::Everyone.name(), "everyone");
    assert_eq!(
        serde_json::to_value(&room).unwrap(),
        json!({ "room": "by-kind", "kind": "two-words", "name": "a/b" })
    );
}

#[test]
fn a_catalog_without_joinable_rooms_refuses_every_request() {
    for request in [
        json!({ "room": "everyone" }),
        json!({ "room": "by-kind", "kind": "1st", "name": "x" }),
    ] {
        assert!(serde_json::from_value::<edge::RoomRequest>(request).is_err());
    }
}
