//! The Rust target as generated text: one snapshot per harness catalog, and the rules that keep
//! the module compiling and its wire names exact whatever the catalog holds. The harness crate
//! (`harness/rust`, run by `scripts/test.sh`) proves that the same output builds warning-free,
//! passes clippy and works against real socket.io clients.
//!
//! Re-bless the snapshots with `INSTA_UPDATE=always cargo test --test gen_rust` (or `cargo insta review`).

use std::path::Path;

use chatia_socket::catalog::load;
use chatia_socket::gen::{generate, Target};

fn rust_of(catalog: &Path) -> String {
    let loaded = load(catalog).unwrap_or_else(|e| panic!("{}: {e:#}", catalog.display()));
    let files = generate(&loaded, &[Target::Rust], Path::new("unused")).expect("the rust target renders");
    let [file] = files.as_slice() else {
        panic!("one rust file expected, got {}", files.len());
    };
    file.contents.clone()
}

/// Generates the Rust module of a catalog written inline (`outputs.rust` is added).
fn rust_of_yaml(body: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("socket-events.yaml");
    std::fs::write(&path, format!("version: 1\noutputs:\n  rust: out.rs\n{body}")).unwrap();
    rust_of(&path)
}

#[test]
fn chatia_catalog_snapshot() {
    insta::assert_snapshot!("chatia", rust_of(Path::new("fixtures/chatia/socket-events.yaml")));
}

#[test]
fn awkward_catalog_snapshot() {
    insta::assert_snapshot!("awkward", rust_of(Path::new("fixtures/catalogs/awkward/socket-events.yaml")));
}

#[test]
fn edge_catalog_snapshot() {
    insta::assert_snapshot!("edge", rust_of(Path::new("harness/rust/catalogs/edge/socket-events.yaml")));
}

#[test]
fn output_is_deterministic() {
    let catalog = Path::new("fixtures/catalogs/awkward/socket-events.yaml");
    assert_eq!(rust_of(catalog), rust_of(catalog));
}

#[test]
fn keywords_become_raw_or_suffixed_identifiers_and_keep_their_wire_names() {
    let text = rust_of(Path::new("fixtures/catalogs/awkward/socket-events.yaml"));
    for expected in [
        "#[serde(rename = \"type\")]\n    pub r#type: String,",
        "#[serde(rename = \"self\")]\n    pub self_: i64,",
        "pub r#enum: Option<Class>,",
        "pub r#async: Option<Option<Vec<String>>>,",
        "#[serde(rename = \"_private\")]\n    pub private: String,",
        "pub struct Option_ {",
        "#[serde(rename = \"typeof\")]\n    Typeof(AppEventTypeofPayload),",
        "#[serde(rename = \"quote\\\"d\")]\n    QuoteD,",
    ] {
        assert!(text.contains(expected), "missing:\n{expected}");
    }
}

#[test]
fn payloads_are_tagged_by_action_with_fields_in_wire_order() {
    let text = rust_of(Path::new("fixtures/chatia/socket-events.yaml"));
    assert!(text.contains("#[serde(tag = \"action\")]\n"));
    let start = text.find("pub struct TicketStatusChangePayload {").unwrap();
    let body = &text[start..start + text[start..].find("\n}\n").unwrap()];
    let keys: Vec<&str> = body
        .lines()
        .filter_map(|line| line.trim().strip_prefix("#[serde(rename = \""))
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert_eq!(keys, ["companyId", "userId", "timestamp", "ticket", "oldStatus"]);
}

#[test]
fn optional_fields_are_skipped_when_absent_and_nullable_fields_stay() {
    let text = rust_of(Path::new("fixtures/chatia/socket-events.yaml"));
    assert!(text.contains(
        "#[serde(rename = \"lastMessage\", default, skip_serializing_if = \"Option::is_none\")]\n    pub last_message: Option<String>,"
    ));
    assert!(text.contains("#[serde(rename = \"queueId\")]\n    pub queue_id: Option<i64>,"));
    assert!(text.contains("pub media_url: Option<Option<String>>,"));
}

#[test]
fn room_methods_exist_only_for_rooms_the_event_allows() {
    let chatia = rust_of(Path::new("fixtures/chatia/socket-events.yaml"));
    assert!(chatia.contains("pub async fn ticket_create_to(&self, rooms: &[TicketEventRoom], ticket: &Ticket)"));
    assert!(chatia.contains("pub async fn contact_create(&self, contact: &Contact)"));
    assert!(!chatia.contains("contact_create_to"), "contact events name no room");
    let start = chatia.find("pub enum AutomationRuleEventRoom {").unwrap();
    let rooms = &chatia[start..start + chatia[start..].find("\n}\n").unwrap()];
    assert!(rooms.contains("Ticket {") && !rooms.contains("Status {") && !rooms.contains("Notification,"));

    let awkward = rust_of(Path::new("fixtures/catalogs/awkward/socket-events.yaml"));
    assert!(awkward.contains("pub async fn quick_message_delete_to("));
    assert!(
        !awkward.contains("pub async fn quick_message_delete("),
        "quickMessage has broadcast: false"
    );
}

#[test]
fn namespace_and_event_names_follow_the_catalog_conventions() {
    let text = rust_of_yaml(
        r#"conventions:
  namespace: /tenant/{companyId}/live
  event: "{resource}:{companyId}"
events:
  ping:
    actions:
      delete: {}
"#,
    );
    assert!(text.contains("io.dyn_ns(\"/tenant/{companyId}/live\", handler(server.clone()))?;"));
    assert!(text.contains("[\"/tenant/\", &company_id.to_string(), \"/live\"].concat()"));
    assert!(text.contains("[resource, \":\", &company_id.to_string()].concat()"));
    assert!(text.contains("namespace.strip_prefix(\"/tenant/\")"));
    assert!(!text.contains("workspace"));
}

#[test]
fn rate_limit_comes_from_the_catalog() {
    let text = rust_of_yaml(
        "conventions:\n  rateLimit: { events: 17, windowSeconds: 9 }\nevents:\n  ping:\n    actions:\n      delete: {}\n",
    );
    assert!(text.contains("pub const EVENTS: u64 = 17;"));
    assert!(text.contains("pub const WINDOW_SECONDS: u64 = 9;"));
}

#[test]
fn catalog_names_never_take_the_generated_api_or_prelude_names() {
    let text = rust_of(Path::new("harness/rust/catalogs/edge/socket-events.yaml"));
    assert!(text.contains("pub struct CompanyEmitter_ {"));
    assert!(text.contains("pub struct CompanyEmitter<A: CompanyAdapter = ::socketioxide::adapter::LocalAdapter> {"));
    assert!(text.contains("pub struct Result_ {"));
    // `company` + `id` would be the emitter's own `company_id`.
    assert!(text.contains("pub async fn company_id_to("));
    assert!(!text.contains("pub async fn company_id(&self, rooms"));
    // A carried field named `rooms` does not shadow the room list.
    assert!(text.contains("rooms: &[NodeEventRoom], node: &Node, rooms_: &str"));
}

#[test]
fn directly_recursive_fields_are_boxed() {
    let text = rust_of(Path::new("harness/rust/catalogs/edge/socket-events.yaml"));
    assert!(text.contains("pub parent: Option<Box<Node>>,"));
    assert!(text.contains("pub left: Box<Node>,"));
    assert!(text.contains("pub children: Vec<Node>,"), "a Vec already breaks the cycle");
}

#[test]
fn hostile_descriptions_cannot_open_doctests_or_leave_the_comment() {
    let text = rust_of_yaml(
        "events:\n  ping:\n    description: \"```rust\\nfn x() {}\\n```\\n    indented code\\n~~~\\nend */ here\"\n    actions:\n      delete: {}\n",
    );
    for line in text.lines().filter(|line| line.trim_start().starts_with("///")) {
        let doc = line.trim_start().trim_start_matches("///").trim_start();
        assert!(!doc.starts_with("```") && !doc.starts_with("~~~"), "fence left open: {line}");
        assert!(!line.trim_start().starts_with("///     "), "indented code block: {line}");
    }
    assert!(text.contains("/// \\```rust"));
    assert!(!text.contains("*/"));
}

#[test]
fn enum_values_that_are_not_identifiers_get_valid_variants() {
    let text = rust_of(Path::new("harness/rust/catalogs/edge/socket-events.yaml"));
    assert!(text.contains("#[serde(rename = \"1st\")]\n    V1st,"));
    assert!(text.contains("#[serde(rename = \"Self\")]\n    Self_,"));
    assert!(text.contains("#[serde(rename = \"two-words\")]\n    TwoWords,"));
}

#[test]
fn an_event_whose_id_field_is_a_fixed_field_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("socket-events.yaml");
    std::fs::write(
        &path,
        "version: 1\ntypes:\n  User:\n    fields:\n      id: { type: integer }\nevents:\n  user:\n    entity: User\n    actions:\n      delete: {}\n",
    )
    .unwrap();
    let error = format!("{:#}", load(&path).unwrap_err());
    assert!(
        error.contains("payload field `userId` of `user` events is also a fixed payload field"),
        "{error}"
    );
}

#[test]
fn client_event_handlers_are_one_method_per_event_that_is_not_a_join_or_leave() {
    let text = rust_of(Path::new("fixtures/chatia/socket-events.yaml"));
    let start = text
        .find("pub trait ClientEventHandlers<A: CompanyAdapter = ::socketioxide::adapter::LocalAdapter>: SocketGuard<A> {")
        .unwrap();
    let body = &text[start..start + text[start..].find("\n}\n").unwrap()];
    let methods: Vec<&str> = body
        .lines()
        .filter_map(|line| line.trim().strip_prefix("fn "))
        .map(|rest| &rest[..rest.find('(').unwrap()])
        .collect();
    assert_eq!(methods, ["typing", "mark_as_read"]);
    assert!(body.contains("ticket_id: i64,\n    ) -> impl ::std::future::Future<Output = Result<ReadReceipt, AckError>> + Send;"));
    assert!(body.contains("indicator: Typing,\n    ) -> impl ::std::future::Future<Output = Result<(), AckError>> + Send;"));
    assert!(text.contains(
        "ClientEventArgs::JoinChatBox { ticket_id } => {\n            ctx.socket.join(Room::Ticket { ticket_id }.name());"
    ));
}

#[test]
fn only_the_events_the_catalog_checks_reach_the_ownership_check() {
    let text = rust_of(Path::new("fixtures/chatia/socket-events.yaml"));
    let start = text.find("pub enum ClientEventCall<'a> {").unwrap();
    let body = &text[start..start + text[start..].find("\n}\n").unwrap()];
    let variants: Vec<&str> = body
        .lines()
        .filter(|line| line.starts_with("    ") && !line.starts_with("     ") && line.ends_with('{'))
        .map(|line| line.trim().trim_end_matches(" {"))
        .collect();
    assert_eq!(variants, ["JoinChatBox", "Typing", "MarkAsRead"]);
    assert!(body.contains("indicator: &'a Typing,"));
    assert!(
        text.contains("    fn authorize(\n        &self,\n        ctx: &ClientContext<A>,\n        call: ClientEventCall<'_>,")
    );
}

#[test]
fn a_catalog_without_client_events_serves_rooms_and_refuses_the_rest() {
    let text = rust_of_yaml(
        "rooms:\n  ticket:\n    pattern: \"ticket-{ticketId}\"\n    params: { ticketId: integer }\n    joinable: true\nevents:\n  ticket:\n    actions: { delete: {} }\n    rooms: [ticket]\n",
    );
    assert!(text.contains("pub fn register_namespace<A: CompanyAdapter, G: SocketGuard<A>>("));
    for absent in [
        "ClientEventHandlers",
        "ClientEventName",
        "fn authorize",
        "register_namespace_with",
        "mod __chatia_valid",
    ] {
        assert!(!text.contains(absent), "{absent}");
    }
    // A room request is read as the TypeScript server reads it: no key but the room's.
    assert!(text.contains("Some(\"ticket\") => &[\"room\", \"ticketId\"],"));
    assert!(text.contains("socket.on_fallback("));
}

#[test]
fn client_event_names_never_take_guard_methods_keywords_or_the_context() {
    let text = rust_of(Path::new("harness/rust/catalogs/edge/socket-events.yaml"));
    assert!(text.contains(
        "    fn authenticate_(\n        &self,\n        ctx: ClientContext<A>,\n        ctx_: String,\n        self_: Option<bool>,"
    ));
    assert!(text.contains("    fn r#move(\n"));
    assert!(text.contains("ClientEventHandlers::r#move(app, ctx, node, at)"));
    assert!(text.contains("Self::Move => \"move\","));
}

#[test]
fn client_limits_come_from_the_catalog() {
    let text = rust_of_yaml(
        "conventions:\n  clientRateLimit: { events: 7, windowSeconds: 3 }\n  maxPayloadBytes: 99\nevents:\n  ping:\n    actions:\n      delete: {}\nclientEvents:\n  ping: {}\n  pong:\n    rateLimit: { events: 2, windowSeconds: 9 }\n    maxBytes: 12\n",
    );
    assert!(text.contains("Self::Ping => ClientLimit {\n                events: 7,\n                window_seconds: 3,\n                max_bytes: 99,"));
    assert!(text.contains("Self::Pong => ClientLimit {\n                events: 2,\n                window_seconds: 9,\n                max_bytes: 12,"));
}

#[test]
fn checks_exist_only_for_the_types_the_arguments_reach() {
    let text = rust_of(Path::new("fixtures/chatia/socket-events.yaml"));
    let checkers: Vec<&str> = text
        .lines()
        .filter_map(|line| line.strip_prefix("fn __chatia_check_"))
        .map(|rest| &rest[..rest.find('(').unwrap()])
        .collect();
    assert_eq!(checkers, ["ticket_status", "typing"]);
    for unused in [
        "pub(super) fn datetime(",
        "pub(super) fn map(",
        "pub(super) fn array(",
        "pub(super) fn number(",
    ] {
        assert!(!text.contains(unused), "{unused}");
    }
}

#[test]
fn a_room_parameter_takes_a_required_argument_of_its_type() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("socket-events.yaml");
    let catalog = "version: 1\noutputs:\n  rust: out.rs\nrooms:\n  ticket:\n    pattern: ticket-{ticketId}\n    params: { ticketId: integer }\nevents:\n  ping:\n    actions:\n      delete: {}\nclientEvents:\n  open:\n    args:\n      - { name: ticketId, type: string }\n    joins: { room: ticket }\n";
    std::fs::write(&path, catalog).unwrap();
    // `check` refuses it before any target could generate a join that cannot type-check.
    let error = load(&path).unwrap_err();
    assert!(format!("{error:#}").contains("error[type-mismatch]"), "{error:#}");
}

/// Found by the property test of generated catalogs: serde alone cannot write a `datetime`
/// (chrono has no serde feature here) and writes `2.0` for a `number`; the ack goes through the
/// wire format as every payload field does.
#[test]
fn an_ack_of_a_datetime_or_number_is_answered_in_the_wire_format() {
    let rust = rust_of_yaml(
        "events:\n  ping:\n    actions: { delete: {} }\nclientEvents:\n  when:\n    ack: { type: \"datetime[]\" }\n  plain:\n    ack: { type: string }\n",
    );
    assert!(rust.contains("call.finish(__chatia_catch(handled).await.map(|r| r.map(__chatia_wire::Owned)));"));
    assert_eq!(
        rust.matches(".map(|r| r.map(__chatia_wire::Owned))").count(),
        1,
        "only the event that needs it"
    );
    assert!(rust.contains("    pub(super) struct Owned<T>(pub(super) T);"));
    let without =
        rust_of_yaml("events:\n  ping:\n    actions: { delete: {} }\nclientEvents:\n  plain:\n    ack: { type: string }\n");
    assert!(!without.contains("struct Owned"), "an unused helper would warn");
}

/// Found by the property test of generated catalogs: a DTO without fields left an unused
/// binding, and helpers only fields use, in the checks of received arguments.
#[test]
fn a_dto_without_fields_is_checked_without_unused_code() {
    let rust = rust_of_yaml(
        "types:\n  Empty:\n    fields: {}\nevents:\n  ping:\n    actions: { delete: {} }\nclientEvents:\n  poke:\n    args:\n      - { name: nothing, type: Empty }\n",
    );
    assert!(
        rust.contains("    __chatia_valid::object(value, &[])?;\n    Ok(())"),
        "{rust}"
    );
    assert!(!rust.contains("let object"));
    assert!(!rust.contains("pub(super) fn field("));
}
