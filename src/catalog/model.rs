//! The event catalog as it is written in YAML. These types are the single source of the
//! JSON Schema (`chatia-socket schema`) and of the structural validation in `load`.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The real-time surface of a ChatIA Flow deployment: conventions, DTOs, rooms and events.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(title = "chatia-socket event catalog")]
pub struct Catalog {
    /// Catalog format version. Only `1` exists.
    #[schemars(range(min = 1, max = 1))]
    pub version: u32,
    /// What the catalog describes, and which release of the protocol it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info: Option<Info>,
    /// House conventions; every key has the product's default.
    #[serde(default)]
    pub conventions: Conventions,
    /// Where each generated artefact goes, relative to this file.
    #[serde(default)]
    pub outputs: Outputs,
    /// Named DTOs and string enums used by payloads and room parameters.
    #[serde(default)]
    pub types: IndexMap<String, TypeDef>,
    /// Rooms an emit may target inside a company namespace.
    #[serde(default)]
    pub rooms: IndexMap<String, Room>,
    /// One event per resource, keyed by resource name (`ticket`, `appMessage`, …).
    pub events: IndexMap<String, Event>,
    /// Events the clients send to the server, keyed by the name they emit (`joinChatBox`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub client_events: IndexMap<String, ClientEvent>,
    /// Settings of `chatia-socket audit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<AuditConfig>,
}

/// The protocol's own name and release, as opposed to `version`, the catalog format's.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Info {
    /// A name for the protocol, e.g. `ChatIA Flow real-time API`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The protocol's release as a semantic version (`2.1.0`): `chatia-socket diff` asks for a
    /// new major version (below 1.0.0, a new minor) with every breaking change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// What the protocol is for, for the people who read the catalog.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Conventions {
    /// Namespace pattern; must contain `{companyId}`.
    #[serde(default = "default_namespace")]
    pub namespace: String,
    /// Event name pattern; must contain `{companyId}` and `{resource}`.
    #[serde(default = "default_event")]
    pub event: String,
    /// Events each company may emit per window, across all its events.
    #[serde(default)]
    pub rate_limit: RateLimit,
    /// Client events each socket may send per window, per event, unless the event says otherwise.
    #[serde(default)]
    pub client_rate_limit: ClientRateLimit,
    /// The largest client event accepted, in bytes of its JSON arguments, unless the event says otherwise.
    #[serde(default = "default_max_payload_bytes")]
    #[schemars(range(min = 1))]
    pub max_payload_bytes: u64,
    /// The adapters that join several servers of each language through Redis; one server when absent.
    #[serde(default, skip_serializing_if = "Adapters::is_empty")]
    pub adapters: Adapters,
}

/// The Redis adapter each generated server is run with. The two languages' adapters do not speak
/// the same protocol, so each needs its own channel.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Adapters {
    /// The Node servers' adapter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typescript: Option<TsAdapter>,
    /// The Rust servers' adapter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust: Option<RustAdapter>,
}

impl Adapters {
    fn is_empty(&self) -> bool {
        self.typescript.is_none() && self.rust.is_none()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TsAdapter {
    /// `redis`: `@socket.io/redis-adapter` 8.x (pub/sub); `redis-streams`:
    /// `@socket.io/redis-streams-adapter`, which also keeps sessions for connection state recovery.
    pub kind: TsAdapterKind,
    /// The Redis key prefix (`key`) or stream name (`streamName`); default `socket.io`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TsAdapterKind {
    Redis,
    RedisStreams,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RustAdapter {
    /// `redis`: `socketioxide-redis` (Redis 7 or newer).
    pub kind: RustAdapterKind,
    /// The Redis channel prefix (`prefix`); default `socket.io`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RustAdapterKind {
    Redis,
}

/// The channel every adapter uses unless the catalog names one.
pub const DEFAULT_ADAPTER_CHANNEL: &str = "socket.io";

impl Default for Conventions {
    fn default() -> Self {
        Self {
            namespace: default_namespace(),
            event: default_event(),
            rate_limit: RateLimit::default(),
            client_rate_limit: ClientRateLimit::default(),
            max_payload_bytes: default_max_payload_bytes(),
            adapters: Adapters::default(),
        }
    }
}

fn default_max_payload_bytes() -> u64 {
    16384
}

fn default_namespace() -> String {
    "/workspace-{companyId}".to_owned()
}

fn default_event() -> String {
    "company-{companyId}-{resource}".to_owned()
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RateLimit {
    /// Events allowed per company in one window.
    #[serde(default = "default_rate_events")]
    #[schemars(range(min = 1))]
    pub events: i64,
    /// Length of the window in seconds.
    #[serde(default = "default_rate_window")]
    #[schemars(range(min = 1))]
    pub window_seconds: i64,
    /// `process`: each server counts its own emits; `cluster`: every server of the deployment
    /// shares the budget through Redis.
    #[serde(default, skip_serializing_if = "RateScope::is_process")]
    pub scope: RateScope,
}

/// Who shares a rate limit budget.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RateScope {
    #[default]
    Process,
    Cluster,
}

impl RateScope {
    fn is_process(&self) -> bool {
        *self == RateScope::Process
    }
}

impl Default for RateLimit {
    fn default() -> Self {
        Self {
            events: default_rate_events(),
            window_seconds: default_rate_window(),
            scope: RateScope::Process,
        }
    }
}

fn default_rate_events() -> i64 {
    1000
}

fn default_rate_window() -> i64 {
    60
}

/// How many client events of one kind a socket may send per window.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ClientRateLimit {
    /// Events allowed per socket in one window.
    #[serde(default = "default_client_rate_events")]
    #[schemars(range(min = 1))]
    pub events: i64,
    /// Length of the window in seconds.
    #[serde(default = "default_client_rate_window")]
    #[schemars(range(min = 1))]
    pub window_seconds: i64,
}

impl Default for ClientRateLimit {
    fn default() -> Self {
        Self {
            events: default_client_rate_events(),
            window_seconds: default_client_rate_window(),
        }
    }
}

fn default_client_rate_events() -> i64 {
    20
}

fn default_client_rate_window() -> i64 {
    1
}

/// Output paths, relative to the catalog file. A target without a path is not generated.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Outputs {
    /// Rust server emitters for socketioxide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust: Option<String>,
    /// TypeScript server emitters for Node socket.io 4.7.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typescript_server: Option<String>,
    /// TypeScript payload interfaces and typed event maps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typescript_types: Option<String>,
    /// React hooks for socket.io-client 4.7.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub react: Option<String>,
    /// WEBSOCKET.md, whose generated sections `chatia-socket docs` refreshes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
}

/// A named type: a DTO (`fields`) or a string enum (`enum`), exactly one of the two.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TypeDef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The DTO's fields, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<IndexMap<String, Field>>,
    /// The values of a string enum.
    #[serde(default, rename = "enum", skip_serializing_if = "Option::is_none")]
    pub variants: Option<Vec<String>>,
}

/// A field of a DTO or an extra payload field.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Field {
    /// Type expression: `integer`, `number`, `string`, `boolean`, `datetime`, a type name,
    /// `T[]` for an array, `map<T>` for a string-keyed map.
    #[serde(rename = "type")]
    pub ty: String,
    /// The key may be absent.
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    /// The value may be `null`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A room inside a company namespace, e.g. `ticket-{ticketId}`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Room {
    /// Room name pattern; every `{placeholder}` must be a parameter.
    pub pattern: String,
    /// Parameter name to type: `integer`, `string` or an enum type name.
    #[serde(default)]
    pub params: IndexMap<String, String>,
    /// Clients may ask to join it; the server then calls the application's ownership check.
    #[serde(default, skip_serializing_if = "is_false")]
    pub joinable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The event of one resource: `company-{companyId}-{resource}`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Event {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// DTO carried as payload field `<resource>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// Name of the entity payload field; defaults to the resource name in camelCase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_field: Option<String>,
    /// Name of the numeric id payload field; defaults to `<resource>Id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_field: Option<String>,
    /// Allowed actions: `create`, `update`, `delete`, `status-change` or custom ones.
    pub actions: IndexMap<String, Action>,
    /// Extra payload fields beyond the entity, the id and the four fixed fields.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub fields: IndexMap<String, Field>,
    /// Rooms this event may target.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rooms: Vec<String>,
    /// May be sent to the whole company namespace, not only to rooms.
    #[serde(default = "yes")]
    pub broadcast: bool,
    /// This event's own budget per company, counted before the company's: a flood of it is
    /// dropped before it can use up the budget of the other events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<EventRateLimit>,
    /// Its actions are never dropped by a rate limit and count against none. Default: only a
    /// `delete` action is, since a lost delete leaves a stale entity on every client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub critical: Option<bool>,
    /// Sent volatile: a client that cannot take it right now misses it (progress ticks).
    #[serde(default, skip_serializing_if = "is_false")]
    pub volatile: bool,
}

/// One action of an event and the payload fields it carries.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Action {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Payload fields this action carries: the resource (entity), the id field, or extra
    /// fields. Defaults: `create`/`update`/`status-change` carry the entity, `delete` the id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carries: Option<Vec<String>>,
    /// Whether the rate limits never drop this action; default: the event's `critical`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub critical: Option<bool>,
    /// Sent volatile, like a `volatile` event's actions (e.g. a progress tick).
    #[serde(default, skip_serializing_if = "is_false")]
    pub volatile: bool,
}

/// An event a client sends to the server inside its company namespace, e.g. `joinChatBox(ticketId)`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ClientEvent {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The positional arguments, in order; a structured payload is one argument of a DTO type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<Arg>,
    /// The reply the server sends through the acknowledgement callback; no callback when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ack: Option<Ack>,
    /// The server checks ownership, then joins the socket to this room; no handler is needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joins: Option<RoomBinding>,
    /// The server leaves this room for the socket; no handler is needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leaves: Option<RoomBinding>,
    /// Whether the application's ownership check runs before the handler. Default: `true` when
    /// an argument (or a field of a DTO argument) is an id (`id`, `…Id`), except for `leaves`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorize: Option<bool>,
    /// Per socket; default `conventions.clientRateLimit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<EventRateLimit>,
    /// The largest accepted payload in bytes of its JSON arguments; default `conventions.maxPayloadBytes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub max_bytes: Option<u64>,
}

/// One positional argument of a client event.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Arg {
    pub name: String,
    /// Type expression, as for fields.
    #[serde(rename = "type")]
    pub ty: String,
    /// The client may leave it out (only trailing arguments may be optional).
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    /// The value may be `null`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The acknowledgement of a client event: `{ ok: true, data?: T } | { ok: false, error }`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Ack {
    /// The type of `data` in a successful reply; a reply without data when absent.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<String>,
    /// The client must pass the callback.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
}

/// A catalog room and where its parameters come from: room parameter → argument name.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RoomBinding {
    pub room: String,
    /// Room parameter → argument name; a parameter not listed takes the argument of its name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub params: IndexMap<String, String>,
}

/// A per-event rate limit; both keys are required.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct EventRateLimit {
    #[schemars(range(min = 1))]
    pub events: i64,
    #[schemars(range(min = 1))]
    pub window_seconds: i64,
}

/// Settings of `chatia-socket audit` (also accepted as a file of its own via `--config`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AuditConfig {
    /// Globs of files to scan (relative to the scanned root); all sources when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// Globs of files to skip.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Severity per rule id.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub rules: IndexMap<String, Severity>,
    /// Functions that emit on the application's behalf.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wrappers: Vec<Wrapper>,
    /// Event names that are intentionally platform-wide (accepted by `global-emit`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_global: Vec<String>,
    /// The naming rules to judge code by when no `--catalog` is given (a catalog's own
    /// `conventions` are used otherwise, and a different setting here is an error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conventions: Option<AuditConventions>,
}

/// `audit.conventions`: the namespace and event patterns, as in the catalog's `conventions`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AuditConventions {
    /// Must contain `{companyId}`; `/workspace-{companyId}` when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Must contain `{companyId}` and `{resource}`; `company-{companyId}-{resource}` when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Off,
    Warning,
    Error,
}

/// A function that emits for the caller, e.g. `emitToCompanyNamespace(companyId, event, payload)`.
/// Argument positions are 0-based.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Wrapper {
    /// Function or method name as called (`emitToCompanyNamespace`, `socketService.emit`).
    pub name: String,
    /// Argument holding the company id, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_arg: Option<usize>,
    /// Argument holding the event name, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_arg: Option<usize>,
    /// Argument holding the payload, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload_arg: Option<usize>,
    /// The wrapper returns a broadcast operator (`.emit` is called on its result).
    #[serde(default, skip_serializing_if = "is_false")]
    pub returns_operator: bool,
}

fn yes() -> bool {
    true
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A parsed field type: `T := integer | number | string | boolean | datetime | Name | T[] | map<T>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    Integer,
    Number,
    String,
    Boolean,
    /// ISO-8601 text on the wire.
    DateTime,
    /// A type of the catalog's `types`.
    Named(String),
    Array(Box<TypeExpr>),
    /// String-keyed map.
    Map(Box<TypeExpr>),
}

impl TypeExpr {
    /// Parses a type expression; the error says what is wrong with it.
    pub fn parse(text: &str) -> Result<TypeExpr, String> {
        let text = text.trim();
        if let Some(inner) = text.strip_suffix("[]") {
            return Ok(TypeExpr::Array(Box::new(TypeExpr::parse(inner)?)));
        }
        if let Some(inner) = text.strip_prefix("map<").and_then(|rest| rest.strip_suffix('>')) {
            return Ok(TypeExpr::Map(Box::new(TypeExpr::parse(inner)?)));
        }
        match text {
            "integer" => Ok(TypeExpr::Integer),
            "number" => Ok(TypeExpr::Number),
            "string" => Ok(TypeExpr::String),
            "boolean" => Ok(TypeExpr::Boolean),
            "datetime" => Ok(TypeExpr::DateTime),
            "" => Err("a type is missing".to_owned()),
            name if is_identifier(name) => Ok(TypeExpr::Named(name.to_owned())),
            other => Err(format!("`{other}` is not a type expression")),
        }
    }

    /// Names of catalog types this expression refers to.
    pub fn named(&self) -> Option<&str> {
        match self {
            TypeExpr::Named(name) => Some(name),
            TypeExpr::Array(inner) | TypeExpr::Map(inner) => inner.named(),
            _ => None,
        }
    }
}

/// The expression as the catalog spells it: `integer`, `Record[]`, `map<Tag[]>`; what
/// [`TypeExpr::parse`] reads back.
impl std::fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TypeExpr::Integer => f.write_str("integer"),
            TypeExpr::Number => f.write_str("number"),
            TypeExpr::String => f.write_str("string"),
            TypeExpr::Boolean => f.write_str("boolean"),
            TypeExpr::DateTime => f.write_str("datetime"),
            TypeExpr::Named(name) => f.write_str(name),
            TypeExpr::Array(inner) => write!(f, "{inner}[]"),
            TypeExpr::Map(inner) => write!(f, "map<{inner}>"),
        }
    }
}

/// Letters, digits and underscores, not starting with a digit.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The standard actions; any other action name is custom.
pub const STANDARD_ACTIONS: [&str; 4] = ["create", "update", "delete", "status-change"];

/// Payload fields every event carries; the catalog cannot redefine or remove them.
pub const FIXED_FIELDS: [&str; 4] = ["action", "companyId", "userId", "timestamp"];

impl Event {
    /// The payload field holding the entity: `entityField`, or the resource in camelCase.
    pub fn entity_field_name(&self, resource: &str) -> String {
        self.entity_field
            .clone()
            .unwrap_or_else(|| heck::AsLowerCamelCase(resource).to_string())
    }

    /// The payload field holding the id: `idField`, or `<resource>Id`.
    pub fn id_field_name(&self, resource: &str) -> String {
        self.id_field
            .clone()
            .unwrap_or_else(|| format!("{}Id", heck::AsLowerCamelCase(resource)))
    }

    /// The fields an action carries, with the defaults applied.
    pub fn carried(&self, resource: &str, action: &str) -> Vec<String> {
        if let Some(carries) = self.actions.get(action).and_then(|a| a.carries.clone()) {
            return carries;
        }
        match action {
            "delete" => vec![self.id_field_name(resource)],
            "create" | "update" | "status-change" if self.entity.is_some() => {
                vec![self.entity_field_name(resource)]
            }
            "create" | "update" | "status-change" => vec![self.id_field_name(resource)],
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TypeExpr;

    #[test]
    fn a_type_expression_displays_as_the_catalog_spells_it() {
        for text in [
            "integer",
            "datetime",
            "Tag[]",
            "map<Tag[]>",
            "map<map<number>>",
            "integer[][]",
            "map<Record[]>",
        ] {
            assert_eq!(TypeExpr::parse(text).unwrap().to_string(), text);
        }
    }
}
