//! The shared wire-case table (`harness/tests/wire-cases.json`), Rust side, without a network:
//! every expected payload reads back into the generated payload type of its event and writes the
//! same bytes again, and every room target has the table's name. The Node tests send the same
//! cases through the emitters and socketioxide to real clients (`harness/tests/rust/wire.test.ts`).

use chatia_socket_harness::{awkward, chatia};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn table() -> Value {
    serde_json::from_str(include_str!("../../tests/wire-cases.json")).expect("the table is JSON")
}

fn text(value: &Value, key: &str) -> String {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is text in {value}"))
        .to_owned()
}

/// The payload read as `P`, written again.
fn rewritten<P: DeserializeOwned + Serialize>(payload: &Value) -> Result<String, String> {
    let typed: P = serde_json::from_value(payload.clone()).map_err(|e| e.to_string())?;
    serde_json::to_string(&typed).map_err(|e| e.to_string())
}

fn rewritten_as_event(catalog: &str, event: &str, payload: &Value) -> Result<String, String> {
    match (catalog, event) {
        ("chatia", "ticket") => rewritten::<chatia::TicketPayload>(payload),
        ("chatia", "appMessage") => rewritten::<chatia::AppMessagePayload>(payload),
        ("chatia", "contact") => rewritten::<chatia::ContactPayload>(payload),
        ("chatia", "whatsappSession") => rewritten::<chatia::WhatsappSessionPayload>(payload),
        ("chatia", "campaign") => rewritten::<chatia::CampaignPayload>(payload),
        ("chatia", "automationRule") => rewritten::<chatia::AutomationRulePayload>(payload),
        ("awkward", "app-event") => rewritten::<awkward::AppEventPayload>(payload),
        ("awkward", "quickMessage") => rewritten::<awkward::QuickMessagePayload>(payload),
        ("awkward", "option") => rewritten::<awkward::OptionPayload>(payload),
        _ => Err(format!("no payload type for {catalog}/{event}")),
    }
}

#[test]
fn every_expected_payload_reads_back_into_its_payload_type_unchanged() {
    let table = table();
    let cases = table["payloads"].as_array().expect("payloads");
    assert!(cases.len() > 30, "the table covers every action of both catalogs");
    for case in cases {
        let canonical = serde_json::to_string(&case["expected"]).unwrap();
        let again = rewritten_as_event(&text(case, "catalog"), &text(case, "event"), &case["expected"]);
        assert_eq!(again.as_deref(), Ok(canonical.as_str()), "{}", text(case, "name"));
    }
}

#[test]
fn every_action_of_both_catalogs_has_a_case() {
    let table = table();
    let covered: std::collections::BTreeSet<(String, String, String)> = table["payloads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (text(c, "catalog"), text(c, "event"), text(c, "action")))
        .collect();
    let actions = [
        (
            "chatia",
            "ticket",
            &["create", "update", "delete", "status-change", "removeFromList"][..],
        ),
        ("chatia", "appMessage", &["create", "update", "delete"]),
        ("chatia", "contact", &["create", "update", "delete"]),
        ("chatia", "whatsappSession", &["update", "delete", "qrcode"]),
        (
            "chatia",
            "campaign",
            &["create", "update", "delete", "status-change", "progress"],
        ),
        ("chatia", "automationRule", &["create", "update", "delete", "executed"]),
        (
            "awkward",
            "app-event",
            &["create", "update", "delete", "status-change", "re-open", "typeof"],
        ),
        ("awkward", "quickMessage", &["delete", "custom-thing"]),
        ("awkward", "option", &["update"]),
    ];
    for (catalog, event, names) in actions {
        for action in names {
            let key = (catalog.to_owned(), event.to_owned(), (*action).to_owned());
            assert!(covered.contains(&key), "no case for {catalog} {event} {action}");
        }
    }
}

#[test]
fn payload_types_refuse_payloads_the_typescript_types_refuse() {
    let ticket_delete = serde_json::json!({
        "action": "delete", "companyId": 1, "userId": 2, "timestamp": "2024-05-01T12:00:00.000Z", "ticketId": 5
    });
    assert!(rewritten::<chatia::TicketPayload>(&ticket_delete).is_ok());
    let mut unknown_action = ticket_delete.clone();
    unknown_action["action"] = "archive".into();
    assert!(rewritten::<chatia::TicketPayload>(&unknown_action).is_err());
    let mut missing_id = ticket_delete.clone();
    missing_id.as_object_mut().unwrap().remove("ticketId");
    assert!(rewritten::<chatia::TicketPayload>(&missing_id).is_err());
    let mut text_company = ticket_delete;
    text_company["companyId"] = "1".into();
    assert!(rewritten::<chatia::TicketPayload>(&text_company).is_err());
}

#[test]
fn room_targets_are_named_as_the_table_says() {
    let table = table();
    for case in table["rooms"].as_array().unwrap() {
        let name = match text(case, "catalog").as_str() {
            "chatia" => serde_json::from_value::<chatia::Room>(case["room"].clone()).map(|room| room.name()),
            "awkward" => serde_json::from_value::<awkward::Room>(case["room"].clone()).map(|room| room.name()),
            other => panic!("unknown catalog {other}"),
        };
        assert_eq!(name.map_err(|e| e.to_string()), Ok(text(case, "name")), "{}", case["room"]);
    }
}
