//! The TypeScript targets as generated text (payload types, server emitters, React hooks): one
//! snapshot per harness catalog and target, for review, and the rules that keep them importing,
//! naming and validating right. The behaviour is proven by the harness (`scripts/test.sh`):
//! tsc --strict and vitest against real socket.io, socket.io-client and React.
//!
//! Re-bless the snapshots with `INSTA_UPDATE=always cargo test --test gen_typescript` (or `cargo insta review`).

use std::path::Path;

use chatia_socket::catalog::{load, Diagnostics};
use chatia_socket::gen::{generate, Target};

const CHATIA: &str = "fixtures/chatia/socket-events.yaml";
const AWKWARD: &str = "fixtures/catalogs/awkward/socket-events.yaml";

fn generated(catalog: &Path, target: Target) -> String {
    let loaded = load(catalog).unwrap_or_else(|e| panic!("{}: {e:#}", catalog.display()));
    let files = generate(&loaded, &[target], Path::new("unused")).expect("the target renders");
    let [file] = files.as_slice() else {
        panic!("one file expected, got {}", files.len());
    };
    file.contents.clone()
}

/// Writes an inline catalog (the three TypeScript outputs are added unless `outputs` is given).
fn catalog_file(dir: &tempfile::TempDir, body: &str) -> std::path::PathBuf {
    let path = dir.path().join("socket-events.yaml");
    let outputs = if body.contains("outputs:") {
        String::new()
    } else {
        "outputs:\n  typescriptTypes: shared/events.ts\n  typescriptServer: server/socket/emitters.ts\n  react: web/hooks.ts\n"
            .to_owned()
    };
    std::fs::write(&path, format!("version: 1\n{outputs}{body}")).unwrap();
    path
}

fn generated_yaml(body: &str, target: Target) -> String {
    let dir = tempfile::tempdir().unwrap();
    generated(&catalog_file(&dir, body), target)
}

/// The diagnostics of an inline catalog that does not load, as `line:col: error[code]: message`.
fn problems(body: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = catalog_file(&dir, body);
    let err = load(&path).expect_err("the catalog is refused");
    let diagnostics = err.downcast::<Diagnostics>().expect("refused with diagnostics");
    diagnostics
        .0
        .iter()
        .map(|d| format!("{}:{}: error[{}]: {}", d.location.line, d.location.column, d.code, d.message))
        .collect()
}

const PING: &str = "events:\n  ping:\n    actions:\n      delete: {}\n";

#[test]
fn chatia_snapshots() {
    let catalog = Path::new(CHATIA);
    insta::assert_snapshot!("chatia_types", generated(catalog, Target::TypescriptTypes));
    insta::assert_snapshot!("chatia_server", generated(catalog, Target::TypescriptServer));
    insta::assert_snapshot!("chatia_react", generated(catalog, Target::React));
}

#[test]
fn awkward_snapshots() {
    let catalog = Path::new(AWKWARD);
    insta::assert_snapshot!("awkward_types", generated(catalog, Target::TypescriptTypes));
    insta::assert_snapshot!("awkward_server", generated(catalog, Target::TypescriptServer));
    insta::assert_snapshot!("awkward_react", generated(catalog, Target::React));
}

#[test]
fn output_is_deterministic() {
    for target in [Target::TypescriptTypes, Target::TypescriptServer, Target::React] {
        assert_eq!(generated(Path::new(CHATIA), target), generated(Path::new(CHATIA), target));
    }
}

#[test]
fn server_and_hooks_import_the_payload_types_by_relative_path() {
    let server = generated(Path::new(CHATIA), Target::TypescriptServer);
    assert!(server.contains("import { companyNamespace, eventNames } from \"../../../../shared/socket/events\";"));
    let react = generated(Path::new(CHATIA), Target::React);
    assert!(react.contains("} from \"../../../shared/socket/events\";"));
    let same_folder = generated_yaml(
        &format!("outputs:\n  typescriptTypes: socket/events.ts\n  typescriptServer: socket/emitters.ts\n{PING}"),
        Target::TypescriptServer,
    );
    assert!(same_folder.contains("from \"./events\";"));
    let below = generated_yaml(
        &format!("outputs:\n  typescriptTypes: ./a/../types.tsx\n  react: web/src/hooks.ts\n{PING}"),
        Target::React,
    );
    assert!(below.contains("from \"../../types\";"));
}

#[test]
fn names_follow_the_catalog_conventions() {
    let conventions = "conventions:\n  namespace: /tenant.{companyId}/rt\n  event: \"{resource}:{companyId}\"\n";
    let body = format!("{conventions}{PING}");
    let types = generated_yaml(&body, Target::TypescriptTypes);
    assert!(types.contains("export type CompanyNamespace = `/tenant.${number}/rt`;"));
    assert!(types.contains("return `/tenant.${companyId}/rt`;"));
    assert!(types.contains("ping: (companyId: number): PingEventName => `ping:${companyId}`,"));
    let server = generated_yaml(&body, Target::TypescriptServer);
    assert!(server.contains(r"export const COMPANY_NAMESPACE_PATTERN = /^\/tenant\.(0|[1-9]\d*)\/rt$/;"));
}

#[test]
fn rate_limit_comes_from_the_catalog() {
    let server = generated(Path::new(AWKWARD), Target::TypescriptServer);
    assert!(server.contains("events: options.events ?? 5, windowSeconds: options.windowSeconds ?? 1 }"));
    let chatia = generated(Path::new(CHATIA), Target::TypescriptServer);
    assert!(chatia.contains("events: options.events ?? 1000, windowSeconds: options.windowSeconds ?? 60 }"));
    assert!(chatia.contains("export const EVENT_BUDGETS: Readonly<Record<BudgetedEvent, RateBudget>> = { campaign: { events: 120, windowSeconds: 60 } };"));
}

#[test]
fn room_targets_only_for_the_rooms_an_event_allows() {
    let chatia = generated(Path::new(CHATIA), Target::TypescriptServer);
    assert!(chatia.contains(
        "export type AppMessageRoomTarget = Extract<RoomTarget, { room: \"ticket\" | \"status\" | \"notification\" }>;"
    ));
    assert!(chatia.contains("create(data: EmitData<ContactCreatePayload>): EmitOutcome;"));
    assert!(!chatia.contains("ContactRoomTarget"));
    let awkward = generated(Path::new(AWKWARD), Target::TypescriptServer);
    assert!(awkward.contains(
        "delete(data: EmitData<QuickMessageDeletePayload>, target: QuickMessageRoomTarget | readonly QuickMessageRoomTarget[]): EmitOutcome;"
    ));
    assert!(awkward.contains(
        "create(data: EmitData<AppEventCreatePayload>, target?: AppEventRoomTarget | readonly AppEventRoomTarget[]): EmitOutcome;"
    ));
}

#[test]
fn reserved_words_stay_members_and_internals_carry_the_prefix() {
    let awkward = generated(Path::new(AWKWARD), Target::TypescriptServer);
    assert!(awkward.contains("  typeof(data: EmitData<AppEventTypeofPayload>"));
    assert!(awkward.contains("readonly appEvent: AppEventEmitter;"));
    let object_members = generated_yaml(
        "events:\n  constructor:\n    actions:\n      to-string: {}\n      delete: {}\n",
        Target::TypescriptServer,
    );
    assert!(object_members.contains("readonly constructor_: ConstructorEmitter;"));
    assert!(object_members.contains("  toString_(): EmitOutcome;"));
    let internal: Vec<&str> = awkward
        .lines()
        .filter(|line| line.starts_with("class ") || line.starts_with("function ") || line.starts_with("const "))
        .filter(|line| !line.contains("__chatia") && !line.contains("__Chatia"))
        .collect();
    assert_eq!(
        internal,
        Vec::<&str>::new(),
        "every unexported declaration starts with __chatia"
    );
}

#[test]
fn list_helpers_only_for_entities_with_an_id() {
    let chatia = generated(Path::new(CHATIA), Target::React);
    assert!(chatia.contains("export function applyTicketEvent(list: Ticket[], payload: TicketPayload): Ticket[];"));
    assert!(chatia.contains("return __chatiaRemove(list, payload.messageId);"));
    let string_ids = generated_yaml(
        "types:\n  Message:\n    fields:\n      id: { type: string }\nevents:\n  appMessage:\n    entity: Message\n    entityField: message\n    idField: messageId\n    actions: { create: {}, delete: {} }\n",
        Target::React,
    );
    assert!(
        string_ids.contains("return __chatiaRemove(list, String(payload.messageId));"),
        "a numeric id field removes a string-keyed entity by its text"
    );
    let awkward = generated(Path::new(AWKWARD), Target::React);
    assert!(
        !awkward.contains("export function apply"),
        "no entity of the awkward catalog has an `id`"
    );
    assert!(awkward.contains("export function useQuickMessageEvents("));
}

#[test]
fn an_entity_with_an_id_that_no_action_changes_lists_of_gets_no_list_helper_nor_import() {
    let hooks = generated_yaml(
        "types:\n  Note:\n    fields:\n      id: { type: integer }\nevents:\n  note:\n    entity: Note\n    actions:\n      pin: { carries: [noteId] }\n",
        Target::React,
    );
    assert!(!hooks.contains("export function apply"), "{hooks}");
    assert!(
        !hooks.lines().any(|l| l == "  Note,"),
        "an unused import of the entity: {hooks}"
    );
}

/// Rooms a hook can keep a socket in, with client events that do and do not fit a hook.
const ROOM_EVENTS: &str = "rooms:
  queue:
    pattern: queue-{queueId}
    params: { queueId: integer }
  lobby:
    pattern: lobby
    joinable: true
  hidden:
    pattern: hidden-{id}
    params: { id: integer }
clientEvents:
  enterQueue:
    args:
      - { name: queueId, type: integer }
    ack: {}
    joins: { room: queue }
  enterLobby:
    ack: {}
    joins: { room: lobby }
  knock:
    args:
      - { name: socket, type: string }
  nudge:
    args:
      - { name: options, type: integer }
      - { name: note, type: string, optional: true }
events:
  ping:
    actions:
      delete: {}
";

/// Found by the property test of generated catalogs: a hook joined with an event whose helper
/// returns nothing, and so could not learn the answer (`tsc` refused it).
#[test]
fn a_joins_event_without_an_ack_is_not_how_a_room_hook_joins() {
    let hooks = generated_yaml(
        "rooms:\n  lobby:\n    pattern: lobby\n    joinable: true\n  queue:\n    pattern: queue-{queueId}\n    params: { queueId: integer }\nclientEvents:\n  enterLobby:\n    joins: { room: lobby }\n  enterQueue:\n    args:\n      - { name: queueId, type: integer }\n    joins: { room: queue }\nevents:\n  ping:\n    actions: { delete: {} }\n",
        Target::React,
    );
    assert!(
        hooks.contains("    join: (socket) => __chatiaJoinRoom(socket, { room: \"lobby\" }),"),
        "{hooks}"
    );
    assert!(
        !hooks.contains("useQueueRoom"),
        "a room only an event without an ack joins has no hook"
    );
    assert!(hooks.contains("export function enterQueue("), "the event's own helper stays");
}

#[test]
fn room_hooks_join_with_the_catalogs_joins_event_when_the_room_parameters_give_its_arguments() {
    let chatia = generated(Path::new(CHATIA), Target::React);
    assert!(chatia.contains("    join: (socket) => joinChatBox(socket, ticketId),\n    leave: (socket) => __chatiaSend(socket, \"leaveChatBox\", [ticketId], false),"));
    assert!(
        chatia.contains("export function useNotificationRoom(socket: CompanyClientSocket | null | undefined): RoomMembership {")
    );
    assert!(
        !chatia.contains("useUserRoom"),
        "the user room is neither joinable nor joined by an event"
    );
    let awkward = generated(Path::new(AWKWARD), Target::React);
    assert!(awkward.contains("    join: (socket) => __chatiaJoinRoom(socket, { room: \"for\", type: type_, self }),"));
    assert!(awkward.contains("    leave: (socket) => socket.emit(\"room:leave\", { room: \"for\", type: type_, self }),"));
    let rooms = generated_yaml(ROOM_EVENTS, Target::React);
    assert!(
        rooms.contains("    join: (socket) => enterQueue(socket, queueId),\n  };"),
        "no leave: {rooms}"
    );
    assert!(rooms.contains("The catalog gives no way to leave it"));
    assert!(
        rooms.contains(
            "    join: (socket) => enterLobby(socket),\n    leave: (socket) => socket.emit(\"room:leave\", { room: \"lobby\" }),"
        ),
        "the catalog's joins event, not room:join: {rooms}"
    );
    assert!(!rooms.contains("useHiddenRoom"));
}

#[test]
fn client_helpers_wait_for_a_reply_only_when_the_catalog_gives_an_ack() {
    let chatia = generated(Path::new(CHATIA), Target::React);
    assert!(chatia.contains(
        "export function markAsRead(socket: CompanyClientSocket, ticketId: number, options?: ClientEventOptions): Promise<Ack<ReadReceipt>> {"
    ));
    assert!(chatia.contains("export function typing(socket: CompanyClientSocket, indicator: Typing): void {"));
    let rooms = generated_yaml(ROOM_EVENTS, Target::React);
    assert!(rooms.contains(
        "export function enterQueue(socket: CompanyClientSocket, queueId: number, options?: ClientEventOptions): Promise<Ack> {"
    ));
    assert!(rooms.contains("export function knock(socket: CompanyClientSocket, socket_: string): void {"));
    assert!(rooms.contains("export function nudge(socket: CompanyClientSocket, options_: number, note?: string): void {"));
    assert!(rooms.contains("  __chatiaSend(socket, \"nudge\", [options_, note], false);"));
}

#[test]
fn react_internals_carry_the_prefix() {
    for catalog in [CHATIA, AWKWARD] {
        let react = generated(Path::new(catalog), Target::React);
        let internal: Vec<&str> = react
            .lines()
            .filter(|line| {
                ["class ", "function ", "const ", "interface ", "type "]
                    .iter()
                    .any(|k| line.starts_with(k))
            })
            .filter(|line| !line.contains("__chatia") && !line.contains("__Chatia"))
            .collect();
        assert_eq!(internal, Vec::<&str>::new(), "{catalog}");
        let code = react
            .lines()
            .filter(|line| !["//", "*", "/*"].iter().any(|c| line.trim_start().starts_with(c)));
        let words = code.flat_map(|line| line.split(|c: char| !c.is_ascii_alphanumeric() && c != '_'));
        assert_eq!(words.filter(|w| *w == "any").count(), 0, "{catalog}: no `any`");
    }
}

#[test]
fn hostile_descriptions_stay_inside_their_comments() {
    for target in [Target::TypescriptTypes, Target::TypescriptServer, Target::React] {
        let text = generated(Path::new(AWKWARD), target);
        assert!(!text.contains("*/ console.log"), "{target:?}");
        assert!(!text.contains("ends a comment */"), "{target:?}");
    }
}

#[test]
fn rejects_server_or_hooks_output_without_the_types_output() {
    let found = problems(&format!(
        "outputs:\n  typescriptServer: server/emitters.ts\n  react: web/hooks.ts\n{PING}"
    ));
    assert_eq!(
        found,
        [
            "3:3: error[missing-output]: output `typescriptServer` needs the `typescriptTypes` output",
            "4:3: error[missing-output]: output `react` needs the `typescriptTypes` output",
        ]
    );
}

#[test]
fn rejects_a_type_named_like_a_generated_type() {
    let found = problems(&format!(
        "types:\n  PayloadBase:\n    fields: {{ id: {{ type: integer }} }}\n  pingPayload:\n    enum: [a]\n  SocketEmitter:\n    enum: [b]\n{PING}"
    ));
    assert_eq!(
        found,
        [
            "7:3: error[name-collision]: type `PayloadBase` is named like the generated type `PayloadBase`",
            "9:3: error[name-collision]: type `pingPayload` generates the type `PingPayload`, as event `ping` does",
            "11:3: error[name-collision]: type `SocketEmitter` is named like the generated type `SocketEmitter`",
        ]
    );
}

#[test]
fn rejects_generated_names_that_meet_across_types_events_rooms_and_actions() {
    let found = problems(
        "types:\n  ticketRoom:\n    enum: [a]\nrooms:\n  ticket:\n    pattern: t\nevents:\n  ticket:\n    actions:\n      event-name: {}\n  ticketEventName:\n    actions:\n      delete: {}\n",
    );
    assert_eq!(
        found,
        [
            "7:3: error[name-collision]: type `ticketRoom` generates the type `TicketRoom`, as room `ticket` does",
            "16:3: error[name-collision]: event `ticketEventName` generates the type `TicketEventNamePayload`, as action `event-name` of event `ticket` does",
        ]
    );
}

#[test]
fn rejects_a_room_parameter_called_room() {
    let found = problems(&format!(
        "rooms:\n  desk:\n    pattern: desk-{{room}}\n    params: {{ room: integer }}\n{PING}"
    ));
    assert_eq!(found, ["9:15: error[reserved-field]: room parameter `room` is built in"]);
}

/// Lines of generated TypeScript outside comments.
fn code_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|line| {
            let line = line.trim_start();
            !(line.starts_with("//") || line.starts_with("/*") || line.starts_with('*'))
        })
        .collect()
}

#[test]
fn generated_typescript_never_uses_any() {
    for catalog in [CHATIA, AWKWARD] {
        for target in [Target::TypescriptTypes, Target::TypescriptServer] {
            let text = generated(Path::new(catalog), target);
            let any: Vec<&str> = code_lines(&text)
                .into_iter()
                .filter(|line| {
                    line.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                        .any(|word| word == "any")
                })
                .collect();
            assert_eq!(any, Vec::<&str>::new(), "{catalog} {target:?}");
        }
    }
}

#[test]
fn client_events_take_one_typed_handler_each_and_the_ownership_check() {
    let server = generated(Path::new(CHATIA), Target::TypescriptServer);
    assert!(server.contains("  typing(ctx: ClientEventContext, indicator: Typing): void | Promise<void>;"));
    assert!(server.contains("  markAsRead(ctx: ClientEventContext, ticketId: number): ReadReceipt | Promise<ReadReceipt>;"));
    assert!(!server.contains("  joinChatBox(ctx"), "joins are served by the setup");
    assert!(server.contains("  | { event: \"joinChatBox\"; args: [ticketId: number] }"));
    assert!(!server.contains("{ event: \"leaveChatBox\""), "a leave does not authorize");
    assert!(server.contains("  authorize(request: AuthorizeRequest, user: VerifiedUser, socket: CompanyServerSocket)"));
    assert!(server.contains("  handlers: ClientEventHandlers;"));
    assert!(server.contains("serve: (client, args) => client.join(roomName({ room: \"ticket\", ticketId: args[0] })),"));
    assert!(server.contains("  typing: { events: 5, windowSeconds: 1 },"));
    assert!(server.contains("      maxBytes: 256,"));
    let awkward = generated(Path::new(AWKWARD), Target::TypescriptServer);
    assert!(awkward
        .contains("  constructor_(ctx: ClientEventContext, record: Record_, note?: string | null): Option | Promise<Option>;"));
    assert!(awkward.contains("  \"bulk-tag\": { events: 3, windowSeconds: 1 },"));
}

#[test]
fn without_client_events_handlers_and_authorize_are_optional() {
    let server = generated_yaml(PING, Target::TypescriptServer);
    assert!(server.contains("  handlers?: ClientEventHandlers;"));
    assert!(server.contains("  authorize?(request: AuthorizeRequest"));
    assert!(server.contains("export type AuthorizeRequest = never;"));
    assert!(
        !server.contains("function __chatiaSpec"),
        "an unused helper would fail noUnusedLocals"
    );
}

#[test]
fn validators_are_generated_per_type_from_the_catalog() {
    let awkward = generated(Path::new(AWKWARD), Target::TypescriptServer);
    assert!(awkward.contains("function __chatiaIsRecord_(value: unknown): value is Record_ {"));
    assert!(awkward.contains("    __chatiaOptional(value[\"enum\"], __chatiaIsClass) &&"));
    assert!(awkward.contains("    __chatiaNullable(value[\"delete\"], __chatiaIsBoolean) &&"));
    assert!(awkward.contains("    __chatiaOptionalNullable(value[\"async\"], __chatiaIsStringArray) &&"));
    assert!(awkward.contains("function __chatiaIsIntegerArrayArray(value: unknown): value is number[][] {"));
    assert!(awkward.contains("function __chatiaIsRecord_ArrayMap(value: unknown): value is Record<string, Record_[]> {"));
    assert!(awkward.contains("    value === \"quote\\\"d\" ||"));
    let chatia = generated(Path::new(CHATIA), Target::TypescriptServer);
    assert!(chatia.contains("  return value === \"open\" || value === \"pending\" || value === \"closed\";"));
    assert!(
        !chatia.contains("function __chatiaIsDateTime"),
        "only the helpers the catalog needs"
    );
}

#[test]
fn validator_names_never_meet_and_inherited_keys_are_read_as_own() {
    let server = generated_yaml(
        "types:\n  IntegerArray:\n    fields:\n      constructor: { type: \"integer[]\" }\n      toString: { type: string, optional: true }\nevents:\n  ping:\n    actions: { delete: {} }\nclientEvents:\n  pong:\n    args:\n      - { name: box, type: IntegerArray }\n      - { name: list, type: \"integer[]\" }\n",
        Target::TypescriptServer,
    );
    assert!(server.contains("function __chatiaIsIntegerArray(value: unknown): value is IntegerArray {"));
    assert!(server.contains("function __chatiaIsIntegerArray_(value: unknown): value is number[] {"));
    assert!(server.contains("    __chatiaIsIntegerArray_(__chatiaOwn(value, \"constructor\")) &&"));
    assert!(server.contains("    __chatiaOptional(__chatiaOwn(value, \"toString\"), __chatiaIsString)"));
}

#[test]
fn an_ack_after_optional_arguments_makes_the_parameters_a_union_of_tuples() {
    let types = generated(Path::new(AWKWARD), Target::TypescriptTypes);
    assert!(types.contains(
        "  constructor: (...args: [record: Record_, ack: (reply: Ack<Option>) => void] | [record: Record_, note: string | null, ack: (reply: Ack<Option>) => void]) => void;"
    ));
    assert!(
        types.contains("  \"bulk-tag\": (quickMessageId: number, labels?: Record<string, Class> | null, at?: string[]) => void;")
    );
    let optional_ack = generated_yaml(
        "events:\n  ping:\n    actions: { delete: {} }\nclientEvents:\n  pong:\n    args:\n      - { name: note, type: string, optional: true }\n    ack: {}\n",
        Target::TypescriptTypes,
    );
    assert!(optional_ack.contains("  pong: (...args: [ack: (reply: Ack) => void] | [] | [note: string, ack: (reply: Ack) => void] | [note: string]) => void;"));
}

#[test]
fn a_field_or_room_parameter_named_proto_stays_an_own_property_of_the_objects_built() {
    let catalog = "rooms:\n  box:\n    pattern: box-{__proto__}\n    params: { __proto__: integer }\n    joinable: true\n\
        events:\n  note:\n    actions:\n      update: { carries: [noteId, __proto__] }\n    fields:\n      __proto__: { type: string, optional: true }\n    rooms: [box]\n\
        clientEvents:\n  openBox:\n    args:\n      - { name: __proto__, type: integer }\n    joins: { room: box }\n";
    let server = generated_yaml(catalog, Target::TypescriptServer);
    let hooks = generated_yaml(catalog, Target::React);
    // `{ __proto__: x }` and `payload.__proto__ = x` set the prototype, not a property.
    for text in [&server, &hooks] {
        for line in code_lines(text) {
            assert!(!line.trim_start().starts_with("__proto__:"), "{line}");
            assert!(
                !line.contains(" __proto__: ") || line.contains("__proto__: number;"),
                "{line}"
            );
            assert!(!line.contains(".__proto__ ="), "{line}");
        }
    }
    assert!(server.contains(
        "if (Object.prototype.hasOwnProperty.call(data, \"__proto__\") && data.__proto__ !== undefined) {\n        Object.defineProperty(payload, \"__proto__\", { value: data.__proto__, enumerable: true, writable: true, configurable: true });"
    ), "{server}");
    assert!(
        server.contains("roomName({ room: \"box\", [\"__proto__\"]: args[0] })"),
        "{server}"
    );
    assert!(hooks.contains("[\"__proto__\"]: "), "{hooks}");
}

/// Found by the property test of generated catalogs: `new(…)` in an interface declares a
/// constructor, so an action called `new` gave an emitter interface its class did not implement.
#[test]
fn an_action_called_new_is_a_method_new_() {
    let server = generated_yaml("events:\n  ticket:\n    actions: { new: {} }\n", Target::TypescriptServer);
    assert!(server.contains("  new_("), "{server}");
    assert!(!server.contains("  new("), "{server}");
}

/// Found by the property test of generated catalogs: the emitter builds a payload without the
/// optional fields not given, and TypeScript then reads the inherited `toString` as the field.
#[test]
fn an_optional_payload_field_named_like_an_inherited_member_is_refused() {
    let found = problems(
        "events:\n  ticket:\n    actions:\n      create: { carries: [toString, valueOf] }\n    fields:\n      toString: { type: string, optional: true }\n      valueOf: { type: string }\n",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("11:7: error[reserved-field]: optional field `toString`"),
        "{found:?}"
    );
    let found =
        problems("types:\n  Note:\n    fields:\n      _: { type: string }\nevents:\n  ping:\n    actions: { delete: {} }\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("error[invalid-identifier]: `_` is not a valid field name"),
        "{found:?}"
    );
}
