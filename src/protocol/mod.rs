//! The resolved protocol: the catalog after validation, with every default applied and every
//! reference looked up, in both directions. It is built once (`resolve`) and every generator
//! target reads it and nothing else, the way uniffi-rs's bindings read its `ComponentInterface`:
//! no target re-derives a default (which fields an action carries, the id field's name, a client
//! event's limits) or a name.
//!
//! Data flows down, never back: YAML → `catalog::Catalog` (serde, schema) → `catalog::validate`
//! → [`Protocol`] → one view model per target → askama templates → files.

mod resolve;
pub mod rust_names;
mod ts_types;

use crate::catalog::model::{Outputs, RateScope, TsAdapterKind, TypeExpr};
use crate::catalog::names::{TsClientNames, TsEventNames};

pub use resolve::{pattern, resolve};
pub use rust_names::RustNames;
pub use ts_types::{ts_field_doc, TsDto, TsEnum, TsPayloads, TsProp, TsVariant};

/// The cluster rate limit's one atomic step in Redis: counts an emit against its event's own
/// budget, then its company's, under `chatia-socket:rate:{companyId}[:{resource}]`. Every server
/// language runs this same text, so Node and Rust servers that share a Redis share the budgets.
pub const RATE_SCRIPT: &str = include_str!("rate_limit.lua");

/// The whole real-time protocol of one catalog.
#[derive(Debug, Clone)]
pub struct Protocol {
    /// The catalog's file name as headers print it: the same wherever the tool runs from.
    pub catalog_name: String,
    pub info: Info,
    pub outputs: Outputs,
    /// `/workspace-{companyId}`.
    pub namespace: Pattern,
    /// `company-{companyId}-{resource}`.
    pub event_pattern: Pattern,
    /// Server emits per company per window.
    pub rate_limit: Limit,
    /// Whether each server counts its own emits or all share one budget through Redis.
    pub rate_scope: RateScope,
    pub adapters: Adapters,
    /// Enums and DTOs, in catalog order.
    pub types: Vec<TypeDecl>,
    pub rooms: Vec<RoomDecl>,
    /// Server → client events, one per resource.
    pub events: Vec<ServerEvent>,
    /// Client → server events.
    pub client_events: Vec<ClientEvent>,
    /// What the Rust target calls every item.
    pub rust: RustNames,
}

/// The protocol's own name and release (`info`), which every catalog may leave out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Info {
    pub title: Option<String>,
    /// Validated as a semantic version when the catalog was checked.
    pub version: Option<semver::Version>,
    pub description: Option<String>,
}

/// The Redis adapter of each language's servers, with its channel; one server when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Adapters {
    pub typescript: Option<(TsAdapterKind, String)>,
    /// socketioxide-redis's channel prefix.
    pub rust: Option<String>,
}

/// A name pattern split at its `{placeholders}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// As the catalog writes it.
    pub text: String,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Param(String),
}

/// `events` per `window_seconds`; both at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub events: u64,
    pub window_seconds: u64,
}

#[derive(Debug, Clone)]
pub struct TypeDecl {
    pub name: String,
    /// What the TypeScript outputs call it.
    pub ts_name: String,
    pub description: Option<String>,
    pub kind: TypeKind,
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A string enum and its values.
    Enum(Vec<String>),
    /// A DTO and its fields, in order.
    Dto(Vec<FieldDecl>),
}

/// A typed value with a name: a DTO field, a carried payload field, a client event argument.
#[derive(Debug, Clone)]
pub struct FieldDecl {
    pub name: String,
    pub ty: TypeExpr,
    /// The key (or trailing argument) may be absent.
    pub optional: bool,
    /// The value may be `null`.
    pub nullable: bool,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub struct RoomDecl {
    pub name: String,
    /// `TicketRoom`: the room name as a TypeScript template literal type.
    pub ts_type: String,
    /// `useTicketRoom`: the React hook that keeps a socket in the room.
    pub ts_hook: String,
    pub pattern: Pattern,
    pub params: Vec<RoomParam>,
    /// Clients may ask to join it with `room:join`.
    pub joinable: bool,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub struct RoomParam {
    pub name: String,
    pub ty: ParamType,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamType {
    Integer,
    String,
    /// A string enum of the catalog.
    Enum(String),
}

/// A server → client event: `company-{companyId}-{resource}`.
#[derive(Debug, Clone)]
pub struct ServerEvent {
    pub resource: String,
    pub description: Option<String>,
    /// The DTO carried as `entity_field`.
    pub entity: Option<String>,
    /// `ticket`, or the catalog's `entityField`.
    pub entity_field: String,
    /// `ticketId`, or the catalog's `idField`.
    pub id_field: String,
    /// The entity's `id` field, when it is always present and a number or text: what a list of
    /// entities is keyed by.
    pub entity_key: Option<KeyType>,
    pub actions: Vec<ActionDecl>,
    /// The rooms an emit may target, as the event lists them.
    pub rooms: Vec<String>,
    /// May go to the whole company namespace.
    pub broadcast: bool,
    /// Its own budget per company, counted before the company's.
    pub budget: Option<Limit>,
    /// What the TypeScript outputs call this event's types.
    pub ts: TsEventNames,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyType {
    Number,
    Text,
}

#[derive(Debug, Clone)]
pub struct ActionDecl {
    pub name: String,
    pub description: Option<String>,
    /// No rate limit drops it, and it counts against none.
    pub critical: bool,
    /// Sent volatile: a client that cannot take it right now misses it.
    pub volatile: bool,
    /// The payload fields beyond the fixed four, in the order the catalog gives (or the default).
    pub carried: Vec<Carried>,
    /// What the action does to a list of the event's entities, when the event has a list key.
    pub list_effect: Option<ListEffect>,
}

#[derive(Debug, Clone)]
pub struct Carried {
    pub role: Role,
    pub field: FieldDecl,
}

/// Which of the event's payload fields a carried field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Entity,
    Id,
    Extra,
}

/// What an action does to a list of the event's entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListEffect {
    /// `create` carrying the entity: replace the entry with its id, or add it first.
    Upsert,
    /// Any other action carrying the entity: replace the entry with its id, never add one.
    Replace,
    /// `delete` carrying the id field: remove the entry with that id.
    RemoveById,
    /// `delete` carrying only the entity: remove the entry with its id.
    RemoveByEntity,
}

/// A client → server event, e.g. `joinChatBox(ticketId)`.
#[derive(Debug, Clone)]
pub struct ClientEvent {
    /// As the client emits it; client events live inside the company namespace, so no prefix.
    pub name: String,
    pub description: Option<String>,
    /// Positional arguments; only trailing ones are optional.
    pub args: Vec<FieldDecl>,
    pub ack: Option<AckDecl>,
    /// The room the server joins or leaves for the socket; then the event needs no handler.
    pub room: Option<RoomAction>,
    /// The application's ownership check runs before the event is served.
    pub authorize: bool,
    /// Per socket, for this event.
    pub rate_limit: Limit,
    /// The largest accepted `JSON.stringify(args)`, in UTF-8 bytes.
    pub max_bytes: u64,
    pub ts: TsClientNames,
}

impl ClientEvent {
    /// Served by a handler of the application (not a plain join or leave).
    pub fn has_handler(&self) -> bool {
        self.room.is_none()
    }
}

#[derive(Debug, Clone)]
pub struct AckDecl {
    /// The type of `data` in a successful reply; none for a reply without data.
    pub ty: Option<TypeExpr>,
    /// The client must pass the callback.
    pub required: bool,
}

#[derive(Debug, Clone)]
pub struct RoomAction {
    pub kind: RoomActionKind,
    /// The catalog room.
    pub room: String,
    /// For each room parameter, in the room's order: its name and the index of the argument it
    /// takes its value from.
    pub params: Vec<(String, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoomActionKind {
    Join,
    Leave,
}

/// Why an incoming client event is refused, as the acknowledgement's `error.code` says it.
pub const ACK_ERROR_CODES: [&str; 5] = ["invalid-payload", "forbidden", "rate-limited", "not-found", "internal"];

impl Protocol {
    pub fn type_decl(&self, name: &str) -> Option<&TypeDecl> {
        self.types.iter().find(|t| t.name == name)
    }

    pub fn room(&self, name: &str) -> Option<&RoomDecl> {
        self.rooms.iter().find(|r| r.name == name)
    }

    pub fn event(&self, resource: &str) -> Option<&ServerEvent> {
        self.events.iter().find(|e| e.resource == resource)
    }

    /// The values of an enum type, when `name` is one.
    pub fn enum_values(&self, name: &str) -> Option<&[String]> {
        match &self.type_decl(name)?.kind {
            TypeKind::Enum(values) => Some(values),
            TypeKind::Dto(_) => None,
        }
    }

    pub fn is_enum(&self, name: &str) -> bool {
        self.enum_values(name).is_some()
    }

    /// The fields of a DTO type, when `name` is one.
    pub fn dto_fields(&self, name: &str) -> Option<&[FieldDecl]> {
        match &self.type_decl(name)?.kind {
            TypeKind::Dto(fields) => Some(fields),
            TypeKind::Enum(_) => None,
        }
    }

    /// The names of the catalog types reachable from `roots`, directly or through DTO fields.
    pub fn types_reached<'a>(&self, roots: impl IntoIterator<Item = &'a TypeExpr>) -> std::collections::BTreeSet<String> {
        let mut pending: Vec<String> = roots.into_iter().filter_map(|e| e.named().map(str::to_owned)).collect();
        let mut reached = std::collections::BTreeSet::new();
        while let Some(name) = pending.pop() {
            if !reached.insert(name.clone()) {
                continue;
            }
            for field in self.dto_fields(&name).into_iter().flatten() {
                pending.extend(field.ty.named().map(str::to_owned));
            }
        }
        reached
    }

    /// Rooms clients may ask to join, in catalog order.
    pub fn joinable_rooms(&self) -> impl Iterator<Item = &RoomDecl> {
        self.rooms.iter().filter(|r| r.joinable)
    }
}

impl ServerEvent {
    /// The payload types of every action reach these types (for a self-contained docs block).
    pub fn carried_types(&self) -> impl Iterator<Item = &TypeExpr> {
        self.actions.iter().flat_map(|a| a.carried.iter().map(|c| &c.field.ty))
    }

    /// Some action changes a list of the event's entities, so the React hooks export the
    /// event's list helper (`ts.apply`).
    pub fn keeps_lists(&self) -> bool {
        self.actions.iter().any(|a| a.list_effect.is_some())
    }

    /// The catalog type a list helper of this event keeps: its entity, when it [keeps
    /// lists](Self::keeps_lists).
    pub fn list_entity(&self) -> Option<&str> {
        self.entity.as_deref().filter(|_| self.keeps_lists())
    }
}
