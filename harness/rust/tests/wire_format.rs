//! JSON as JavaScript writes it, for values that serde would write differently: dates as
//! `toISOString()` writes them, integral numbers without a fraction, and optional fields that are
//! absent, null or set. The expected texts are what Node writes for the same values.

use chatia_socket_harness::awkward::Record;
use chatia_socket_harness::chatia::Ticket;
use serde_json::{json, Value};

fn ticket(created_at: &str) -> Ticket {
    serde_json::from_value(json!({
        "id": 1, "status": "open", "contactId": 2, "userId": null, "queueId": null, "whatsappId": 3,
        "unreadMessages": 0, "isGroup": false, "createdAt": created_at, "updatedAt": "2024-05-01T12:00:00.000Z"
    }))
    .expect("a ticket")
}

fn written(value: &impl serde::Serialize, key: &str) -> Value {
    serde_json::to_value(value).unwrap()[key].clone()
}

fn record() -> Record {
    serde_json::from_value(json!({
        "type": "t", "self": 1, "delete": null, "matrix": [], "nested": {}, "when": "2024-01-01T00:00:00.000Z",
        "price": 1, "_private": "", "snake_case_field": 0
    }))
    .expect("a record")
}

#[test]
fn dates_are_written_in_utc_with_milliseconds() {
    assert_eq!(
        written(&ticket("2024-05-01T14:00:00+02:00"), "createdAt"),
        "2024-05-01T12:00:00.000Z"
    );
    assert_eq!(
        written(&ticket("2024-05-01T12:00:00Z"), "createdAt"),
        "2024-05-01T12:00:00.000Z"
    );
    assert_eq!(
        written(&ticket("2024-05-01T12:00:00.123456789Z"), "createdAt"),
        "2024-05-01T12:00:00.123Z"
    );
    assert!(serde_json::from_value::<Ticket>(json!({"createdAt": "yesterday"})).is_err());
}

#[test]
fn years_past_four_digits_are_written_as_javascript_does() {
    let mut record = record();
    record.when = chrono::NaiveDate::from_ymd_opt(10000, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    assert_eq!(written(&record, "when"), "+010000-01-01T00:00:00.000Z");
    record.when = chrono::NaiveDate::from_ymd_opt(-1, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    assert_eq!(written(&record, "when"), "-000001-01-01T00:00:00.000Z");
}

#[test]
fn numbers_are_written_as_javascript_writes_them() {
    let cases: [(f64, &str); 9] = [
        (2.0, "2"),
        (-0.0, "0"),
        (19.99, "19.99"),
        (0.1 + 0.2, "0.30000000000000004"),
        (9_007_199_254_740_992.0, "9007199254740992"),
        (1_152_921_504_606_846_976.0, "1152921504606847000"),
        (0.00001, "0.00001"),
        (f64::NAN, "null"),
        (f64::INFINITY, "null"),
    ];
    let mut record = record();
    for (number, javascript) in cases {
        record.price = number;
        let text = serde_json::to_string(&record).unwrap();
        assert!(text.contains(&format!("\"price\":{javascript},")), "{number}: {text}");
    }
}

#[test]
fn optional_nullable_fields_tell_absent_from_null() {
    let absent = record();
    assert_eq!(absent.maybe_when, None);
    assert_eq!(absent.r#async, None);
    let text = serde_json::to_string(&absent).unwrap();
    assert!(!text.contains("maybeWhen") && !text.contains("async"), "{text}");

    let mut with_nulls = serde_json::to_value(record()).unwrap();
    with_nulls["maybeWhen"] = Value::Null;
    with_nulls["async"] = Value::Null;
    let nulls: Record = serde_json::from_value(with_nulls).unwrap();
    assert_eq!(nulls.maybe_when, Some(None));
    assert_eq!(nulls.r#async, Some(None));
    let text = serde_json::to_string(&nulls).unwrap();
    assert!(
        text.contains("\"async\":null") && text.contains("\"maybeWhen\":null"),
        "{text}"
    );
    assert!(
        text.contains("\"delete\":null"),
        "a nullable field is written even when null: {text}"
    );
}
