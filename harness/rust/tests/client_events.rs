//! The checks of received client-event arguments (`ClientEventArgs::decode`), rule by rule as the
//! team's contract states them, on the chatia catalog and on the edge catalog's shapes: what
//! passes is typed as the handlers receive it, what fails is `invalid-payload` with a message
//! that says where. The runtime path through socketioxide is proven by the Node tests
//! (`harness/tests/rust/client-events.test.ts`).

use chatia_socket_harness::{chatia, edge};
use serde_json::{json, Value};

fn chatia(event: chatia::ClientEventName, args: Value) -> Result<chatia::ClientEventArgs, chatia::AckError> {
    let Value::Array(args) = args else {
        panic!("args are an array")
    };
    chatia::ClientEventArgs::decode(event, args, event.catalog_limit().max_bytes)
}

fn edge(event: edge::ClientEventName, args: Value) -> Result<edge::ClientEventArgs, edge::AckError> {
    let Value::Array(args) = args else {
        panic!("args are an array")
    };
    edge::ClientEventArgs::decode(event, args, event.catalog_limit().max_bytes)
}

/// The message of a refusal, which must be `invalid-payload`.
fn refusal<T: std::fmt::Debug>(decoded: Result<T, chatia::AckError>) -> String {
    let error = decoded.expect_err("refused");
    assert_eq!(error.code, chatia::AckErrorCode::InvalidPayload, "{error}");
    error.message
}

fn edge_refusal<T: std::fmt::Debug>(decoded: Result<T, edge::AckError>) -> String {
    let error = decoded.expect_err("refused");
    assert_eq!(error.code, edge::AckErrorCode::InvalidPayload, "{error}");
    error.message
}

/// A valid edge `Node` with `extra` keys set.
fn a_node(extra: Value) -> Value {
    let mut node = json!({ "id": 1, "parent": null, "children": [], "kind": "1st", "seen": [] });
    if let (Value::Object(node), Value::Object(extra)) = (&mut node, extra) {
        node.extend(extra);
    }
    node
}

#[test]
fn integers_are_safe_whole_numbers_and_an_integral_float_counts() {
    use chatia::ClientEventName::MarkAsRead;
    for (arg, ticket) in [
        (json!(5), 5),
        (json!(5.0), 5),
        (json!(-0.0), 0),
        (json!(9_007_199_254_740_991_i64), 9_007_199_254_740_991),
    ] {
        assert_eq!(
            chatia(MarkAsRead, json!([arg])),
            Ok(chatia::ClientEventArgs::MarkAsRead { ticket_id: ticket }),
            "{arg}"
        );
    }
    for arg in [
        json!("5"),
        json!(5.5),
        json!(9_007_199_254_740_992_i64),
        json!(-9_007_199_254_740_992_i64),
        json!(1e300),
        json!(true),
        json!(null),
        json!([5]),
        json!({}),
    ] {
        assert!(refusal(chatia(MarkAsRead, json!([arg]))).starts_with("ticketId: "), "{arg}");
    }
}

#[test]
fn arity_counts_the_arguments_without_the_callback() {
    use chatia::ClientEventName::{JoinNotification, MarkAsRead};
    assert_eq!(refusal(chatia(MarkAsRead, json!([]))), "expected 1 arguments, got 0");
    assert_eq!(refusal(chatia(MarkAsRead, json!([1, 2]))), "expected 1 arguments, got 2");
    assert_eq!(
        refusal(chatia(JoinNotification, json!([null]))),
        "expected 0 arguments, got 1"
    );
    assert_eq!(
        chatia(JoinNotification, json!([])),
        Ok(chatia::ClientEventArgs::JoinNotification)
    );
    assert_eq!(
        edge_refusal(edge(edge::ClientEventName::Authenticate, json!(["a", true, 1]))),
        "expected 1 to 2 arguments, got 3"
    );
}

#[test]
fn a_dto_has_its_required_keys_and_no_other() {
    use chatia::ClientEventName::Typing;
    let ok = chatia(Typing, json!([{ "ticketId": 7, "typing": true }]));
    assert_eq!(
        ok,
        Ok(chatia::ClientEventArgs::Typing {
            indicator: chatia::Typing {
                ticket_id: 7,
                typing: true
            }
        })
    );
    let cases = [
        (json!([{ "ticketId": 7 }]), "indicator.typing: is missing"),
        (
            json!([{ "ticketId": 7, "typing": true, "by": 1 }]),
            "indicator: unknown key \"by\"",
        ),
        (
            json!([{ "ticketId": 7, "typing": null }]),
            "indicator.typing: must not be null",
        ),
        (
            json!([{ "ticketId": "7", "typing": true }]),
            "indicator.ticketId: expected an integer",
        ),
        (json!([[7, true]]), "indicator: expected an object"),
        (json!([null]), "indicator: must not be null"),
    ];
    for (args, message) in cases {
        assert_eq!(refusal(chatia(Typing, args.clone())), message, "{args}");
    }
}

#[test]
fn enums_are_case_sensitive() {
    use chatia::ClientEventName::JoinTickets;
    assert_eq!(
        chatia(JoinTickets, json!(["pending"])),
        Ok(chatia::ClientEventArgs::JoinTickets {
            status: chatia::TicketStatus::Pending
        })
    );
    for status in ["Pending", "archived", ""] {
        assert!(refusal(chatia(JoinTickets, json!([status]))).starts_with("status: expected one of"));
    }
}

#[test]
fn the_size_is_the_json_of_the_arguments_and_is_checked_first() {
    use chatia::ClientEventName::Typing;
    // 256 bytes is the catalog's limit: `[{"ticketId":1,"typing":true,"x":"…"}]` of 257 bytes.
    let pad = "x".repeat(257 - r#"[{"ticketId":1,"typing":true,"x":""}]"#.len());
    let oversize = json!([{ "ticketId": 1, "typing": true, "x": pad }]);
    assert_eq!(serde_json::to_string(&oversize).unwrap().len(), 257);
    assert_eq!(
        refusal(chatia(Typing, oversize)),
        "the arguments are 257 bytes of JSON, more than the 256 allowed"
    );
    // Multi-byte text counts in UTF-8 bytes, as `Buffer.byteLength(JSON.stringify(args))` does.
    let accents = json!([{ "ticketId": 1, "typing": true, "x": "é".repeat(120) }]);
    assert!(refusal(chatia(Typing, accents)).contains("bytes of JSON"));
    let limits = chatia::ClientLimits::catalog().set(
        Typing,
        chatia::ClientLimit {
            events: 5,
            window_seconds: 1,
            max_bytes: 10,
        },
    );
    let small = chatia::ClientEventArgs::decode(
        Typing,
        vec![json!({ "ticketId": 1, "typing": true })],
        limits.get(Typing).max_bytes,
    );
    assert!(refusal(small).contains("more than the 10 allowed"));
}

#[test]
fn date_times_follow_the_contracts_rule() {
    use edge::ClientEventName::Move;
    let accepted = [
        "2024-02-29T12:00:00Z",
        "2024-05-01T12:00:00.000Z",
        "2024-05-01T23:59:59.123456789+05:30",
        "2000-02-29T00:00:00-23:59",
        "0000-01-01T00:00:00Z",
    ];
    for at in accepted {
        let decoded = edge(Move, json!([a_node(json!({})), at]));
        assert!(
            matches!(decoded, Ok(edge::ClientEventArgs::Move { at: Some(Some(_)), .. })),
            "{at}: {decoded:?}"
        );
    }
    let refused = [
        "2023-02-29T12:00:00Z",
        "1900-02-29T12:00:00Z",
        "2024-04-31T12:00:00Z",
        "2024-13-01T12:00:00Z",
        "2024-05-01T24:00:00Z",
        "2024-05-01T12:60:00Z",
        "2024-05-01T12:00:60Z",
        "2024-05-01t12:00:00Z",
        "2024-05-01 12:00:00Z",
        "2024-05-01T12:00:00z",
        "2024-05-01T12:00:00",
        "2024-05-01T12:00:00.Z",
        "2024-05-01T12:00:00.1234567890Z",
        "2024-05-01T12:00:00+5:30",
        "2024-05-01T12:00:00+24:00",
        "2024-05-01T12:00:00+05:60",
        "+2024-05-01T12:00:00Z",
        "2024-5-01T12:00:00Z",
    ];
    for at in refused {
        assert!(
            edge_refusal(edge(Move, json!([a_node(json!({})), at]))).starts_with("at: expected a date-time"),
            "{at}"
        );
    }
}

#[test]
fn the_instant_is_read_with_its_offset() {
    let decoded = edge(
        edge::ClientEventName::Move,
        json!([a_node(json!({})), "2024-05-01T12:00:00.5+02:00"]),
    );
    let Ok(edge::ClientEventArgs::Move { at: Some(Some(at)), .. }) = decoded else {
        panic!("{decoded:?}")
    };
    assert_eq!(at.to_rfc3339(), "2024-05-01T10:00:00.500+00:00");
}

#[test]
fn optional_and_nullable_are_separate_rules() {
    use edge::ClientEventName::{Authenticate, Move, Tag};
    // An optional argument may be absent; present, it is not null unless nullable.
    assert!(matches!(
        edge(Authenticate, json!(["a"])),
        Ok(edge::ClientEventArgs::Authenticate { self_: None, .. })
    ));
    assert_eq!(edge_refusal(edge(Authenticate, json!(["a", null]))), "self: must not be null");
    assert!(matches!(
        edge(Move, json!([a_node(json!({})), null])),
        Ok(edge::ClientEventArgs::Move { at: Some(None), .. })
    ));
    assert!(matches!(
        edge(Move, json!([a_node(json!({}))])),
        Ok(edge::ClientEventArgs::Move { at: None, .. })
    ));
    // A nullable argument is required all the same.
    assert_eq!(
        edge_refusal(edge(Tag, json!(["1st", "x"]))),
        "expected 3 to 5 arguments, got 2"
    );
    let tag = edge(Tag, json!(["1st", "x", null, ["2024-05-01T00:00:00Z"], null]));
    let Ok(edge::ClientEventArgs::Tag {
        weights: None,
        seen: Some(seen),
        note: Some(None),
        ..
    }) = tag
    else {
        panic!("{tag:?}")
    };
    assert_eq!(seen.len(), 1);
    // The same in DTO fields: `parent` is nullable but required, `pair` optional but not nullable,
    // `weights` both.
    let bare = json!({ "id": 1, "children": [], "kind": "1st", "seen": [] });
    assert_eq!(edge_refusal(edge(Move, json!([bare]))), "node.parent: is missing");
    assert_eq!(
        edge_refusal(edge(Move, json!([a_node(json!({ "pair": null }))]))),
        "node.pair: must not be null"
    );
    assert!(edge(Move, json!([a_node(json!({ "weights": null }))])).is_ok());
}

#[test]
fn recursive_dtos_arrays_and_maps_are_checked_all_the_way_down() {
    use edge::ClientEventName::Move;
    let deep = a_node(json!({
        "children": [a_node(json!({ "weights": { "a": [1, 2.5], "b": [] } }))],
        "pair": { "left": a_node(json!({})), "right": null }
    }));
    let decoded = edge(Move, json!([deep]));
    let Ok(edge::ClientEventArgs::Move { node, .. }) = decoded else {
        panic!("{decoded:?}")
    };
    assert_eq!(
        node.children[0].weights,
        Some(Some([("a".to_owned(), vec![1.0, 2.5]), ("b".to_owned(), vec![])].into()))
    );
    let cases = [
        (
            a_node(json!({ "children": [a_node(json!({ "weights": { "a": [1, "2"] } }))] })),
            "node.children[0].weights[\"a\"][1]: expected a number",
        ),
        (a_node(json!({ "children": [null] })), "node.children[0]: must not be null"),
        (
            a_node(json!({ "pair": { "left": a_node(json!({ "kind": "Self", "id": 1.5 })) } })),
            "node.pair.left.id: expected an integer within ±(2^53 − 1)",
        ),
        (
            a_node(json!({ "seen": ["yesterday"] })),
            "node.seen[0]: expected a date-time, e.g. 2024-05-01T12:00:00.000Z",
        ),
        (a_node(json!({ "weights": [] })), "node.weights: expected an object"),
    ];
    for (arg, message) in cases {
        assert_eq!(edge_refusal(edge(Move, json!([arg]))), message);
    }
}

#[test]
fn the_catalog_limits_are_defaults_the_application_may_replace() {
    use chatia::ClientEventName::{MarkAsRead, Typing};
    assert_eq!(
        Typing.catalog_limit(),
        chatia::ClientLimit {
            events: 5,
            window_seconds: 1,
            max_bytes: 256
        }
    );
    assert_eq!(
        MarkAsRead.catalog_limit(),
        chatia::ClientLimit {
            events: 20,
            window_seconds: 1,
            max_bytes: 16384
        }
    );
    let faster = chatia::ClientLimit {
        events: 50,
        window_seconds: 2,
        max_bytes: 512,
    };
    let limits = chatia::ClientLimits::catalog().set(Typing, faster);
    assert_eq!(
        (limits.get(Typing), limits.get(MarkAsRead)),
        (faster, MarkAsRead.catalog_limit())
    );
    assert_eq!(
        edge::ClientEventName::Tag.catalog_limit(),
        edge::ClientLimit {
            events: 2,
            window_seconds: 5,
            max_bytes: 512
        }
    );
}

#[test]
fn acknowledgements_have_the_contracts_shape() {
    let done = serde_json::to_value(chatia::Ack::<()>::Done).unwrap();
    let data = serde_json::to_value(chatia::Ack::Data(chatia::ReadReceipt {
        ticket_id: 5,
        unread_messages: 0,
    }))
    .unwrap();
    let refused = serde_json::to_value(chatia::RoomResult::Refused(chatia::AckError::not_found("no ticket 5"))).unwrap();
    assert_eq!(done, json!({ "ok": true }));
    assert_eq!(data, json!({ "ok": true, "data": { "ticketId": 5, "unreadMessages": 0 } }));
    assert_eq!(
        refused,
        json!({ "ok": false, "error": { "code": "not-found", "message": "no ticket 5" } })
    );
}

#[test]
fn the_edge_namespace_registers_with_its_handlers() {
    let (_, io) = socketioxide::SocketIo::new_svc();
    let options = edge::NamespaceOptions {
        limits: edge::ClientLimits::catalog().set(
            edge::ClientEventName::Ping,
            edge::ClientLimit {
                events: 1,
                window_seconds: 60,
                max_bytes: 2,
            },
        ),
        ..edge::NamespaceOptions::default()
    };
    edge::register_namespace_with(&io, chatia_socket_harness::app::EdgeApp, options).unwrap();
}
