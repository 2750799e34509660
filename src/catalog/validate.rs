//! Semantic checks of a catalog that parsed, and the wording of structural (schema) problems.
//! Every check returns problems as data so the user sees all of them in one run.

use std::collections::HashMap;

use heck::{ToSnakeCase, ToUpperCamelCase};
use indexmap::IndexMap;
use serde_json::Value;

use super::load::escape_pointer;
use super::model::{is_identifier, Catalog, Event, Field, TypeExpr, DEFAULT_ADAPTER_CHANNEL, FIXED_FIELDS, STANDARD_ACTIONS};
use super::names::{is_unsafe_char, ts_room_type, ts_stem, ts_type, TsEventNames, TS_FIXED_EXPORTS};

mod client;
mod rooms;

pub use client::BUILT_IN_CLIENT_EVENTS;

/// A problem at a JSON pointer into the document; `load` turns it into a positioned diagnostic.
#[derive(Debug, Clone)]
pub struct Problem {
    pub pointer: String,
    /// Point at the key of the node rather than its value.
    pub on_key: bool,
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    fn at(pointer: impl Into<String>, code: &'static str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Problem {
            pointer: pointer.into(),
            on_key: false,
            code,
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    fn on_key(mut self) -> Self {
        self.on_key = true;
        self
    }
}

/// Event names Socket.IO reserves for itself; emitting them breaks clients.
pub const RESERVED_EVENTS: [&str; 6] = [
    "connect",
    "connect_error",
    "disconnect",
    "disconnecting",
    "newListener",
    "removeListener",
];

pub fn validate(catalog: &Catalog) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_info(catalog, &mut problems);
    check_conventions(catalog, &mut problems);
    check_outputs(catalog, &mut problems);
    check_types(catalog, &mut problems);
    check_rooms(catalog, &mut problems);
    check_events(catalog, &mut problems);
    client::check_client_events(catalog, &mut problems);
    check_ts_outputs(catalog, &mut problems);
    check_generated_ts_names(catalog, &mut problems);
    problems
}

/// What check reports without failing: a catalog that says something it may not mean.
pub fn warnings(catalog: &Catalog) -> Vec<Problem> {
    let adapters = &catalog.conventions.adapters;
    let (Some(ts), Some(rust)) = (&adapters.typescript, &adapters.rust) else {
        return Vec::new();
    };
    let ts_channel = ts.channel.as_deref().unwrap_or(DEFAULT_ADAPTER_CHANNEL);
    let rust_channel = rust.channel.as_deref().unwrap_or(DEFAULT_ADAPTER_CHANNEL);
    if ts_channel != rust_channel {
        return Vec::new();
    }
    vec![Problem::at(
        "/conventions/adapters/rust",
        "shared-adapter-channel",
        format!("the Node and the Rust servers would share the Redis adapter channel `{ts_channel}`"),
        "socketioxide-redis and the Node adapters do not speak the same protocol: each side would read the other's packets as garbage; give `rust` (or `typescript`) its own `channel`",
    )
    .on_key()]
}

/// `diff` compares releases by their semantic version, so it must be one.
fn check_info(catalog: &Catalog, problems: &mut Vec<Problem>) {
    let Some(version) = catalog.info.as_ref().and_then(|info| info.version.as_deref()) else {
        return;
    };
    if let Err(err) = semver::Version::parse(version) {
        problems.push(Problem::at(
            "/info/version",
            "invalid-version",
            format!("`{version}` is not a semantic version: {err}"),
            "write MAJOR.MINOR.PATCH, e.g. `1.4.0`; raise MAJOR with every breaking change",
        ));
    }
}

fn check_conventions(catalog: &Catalog, problems: &mut Vec<Problem>) {
    let conventions = &catalog.conventions;
    let adapters = &conventions.adapters;
    let channels = [
        ("typescript", adapters.typescript.as_ref().and_then(|a| a.channel.as_deref())),
        ("rust", adapters.rust.as_ref().and_then(|a| a.channel.as_deref())),
    ];
    for (side, channel) in channels {
        if let Some(channel) = channel.filter(|c| !is_channel(c)) {
            problems.push(Problem::at(
                format!("/conventions/adapters/{side}/channel"),
                "invalid-name",
                format!("adapter channel `{channel}` is not a plain Redis key prefix"),
                "use 1 to 64 letters, digits, `.`, `_`, `:` or `-`, e.g. `chatia.node`",
            ));
        }
    }
    check_pattern(&conventions.namespace, "/conventions/namespace", &["companyId"], problems);
    check_pattern(&conventions.event, "/conventions/event", &["companyId", "resource"], problems);
    if !conventions.namespace.starts_with('/') {
        problems.push(Problem::at(
            "/conventions/namespace",
            "invalid-pattern",
            "a namespace must start with `/`",
            "write it like `/workspace-{companyId}`",
        ));
    }
}

/// Output paths are relative to the catalog, so the same catalog works from any checkout.
fn check_outputs(catalog: &Catalog, problems: &mut Vec<Problem>) {
    let outputs = &catalog.outputs;
    let all = [
        ("rust", &outputs.rust),
        ("typescriptServer", &outputs.typescript_server),
        ("typescriptTypes", &outputs.typescript_types),
        ("react", &outputs.react),
        ("docs", &outputs.docs),
    ];
    let mut seen: HashMap<String, &str> = HashMap::new();
    for (key, path) in all {
        let Some(path) = path else { continue };
        let pointer = format!("/outputs/{key}");
        if let Some(first) = seen.insert(normal_path(path), key) {
            problems.push(Problem::at(
                &pointer,
                "invalid-path",
                format!("outputs `{first}` and `{key}` name the same file"),
                "give each output a path of its own",
            ));
        }
        if path.ends_with(['/', '\\']) {
            problems.push(Problem::at(
                &pointer,
                "invalid-path",
                format!("output path `{path}` names a folder"),
                "give the path of a file, e.g. `docs/backend/WEBSOCKET.md`",
            ));
        }
        if path.trim().is_empty() {
            problems.push(Problem::at(
                pointer,
                "invalid-path",
                "the output path is empty",
                "give a path relative to the catalog, or remove the key",
            ));
        } else if std::path::Path::new(path).is_absolute() || path.starts_with('/') || path.starts_with('\\') {
            problems.push(Problem::at(
                pointer,
                "invalid-path",
                format!("output path `{path}` is absolute"),
                "write it relative to the catalog file, e.g. `backend/src/socket/emitters.ts`",
            ));
        }
    }
}

/// A path as the file system resolves it lexically: `a/./b/../c.ts` and `a/c.ts` are one file.
fn normal_path(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// Placeholders must be exactly `required`; each missing or unknown one is a problem.
fn check_pattern(pattern: &str, pointer: &str, required: &[&str], problems: &mut Vec<Problem>) {
    if let Some((at, c)) = pattern
        .chars()
        .enumerate()
        .find(|(_, c)| is_unsafe_char(*c) || matches!(c, '?' | '#'))
    {
        problems.push(Problem::at(
            pointer,
            "invalid-pattern",
            format!("character {} of the pattern, U+{:04X}, is not allowed in a name on the wire", at + 1, u32::from(c)),
            "patterns name things on the wire: no control characters, line or paragraph separators, bidirectional controls, `?` or `#`",
        ));
        return;
    }
    let found = match placeholders(pattern) {
        Ok(found) => found,
        Err(message) => {
            problems.push(Problem::at(
                pointer,
                "invalid-pattern",
                message,
                "placeholders look like `{name}`",
            ));
            return;
        }
    };
    for name in &found {
        if !required.contains(&name.as_str()) {
            let hint = format!("this pattern may use {}", list(required));
            problems.push(Problem::at(
                pointer,
                "unknown-placeholder",
                format!("placeholder `{{{name}}}` has no parameter"),
                hint,
            ));
        }
    }
    for name in required {
        if !found.iter().any(|f| f == name) {
            let hint = match *name {
                "companyId" => "without it, every company would share the same name; add it back".to_owned(),
                "resource" => "without it, every event would share the same name; add it back".to_owned(),
                _ => format!("add `{{{name}}}` to the pattern, or remove the parameter `{name}`"),
            };
            problems.push(Problem::at(
                pointer,
                "missing-placeholder",
                format!("pattern `{pattern}` lacks `{{{name}}}`"),
                hint,
            ));
        }
    }
}

/// The `{name}` placeholders of a pattern, in order.
pub fn placeholders(pattern: &str) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(format!("unmatched `}}` in `{pattern}`"));
        }
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| format!("unclosed `{{` in `{pattern}`"))?
            + open;
        let name = &rest[open + 1..close];
        if !is_identifier(name) {
            return Err(format!("`{{{name}}}` is not a placeholder name"));
        }
        found.push(name.to_owned());
        rest = &rest[close + 1..];
    }
    Ok(found)
}

fn check_types(catalog: &Catalog, problems: &mut Vec<Problem>) {
    check_collisions(catalog.types.keys(), "/types", "type", |n| n.to_upper_camel_case(), problems);
    for (name, def) in &catalog.types {
        let pointer = format!("/types/{}", escape_pointer(name));
        check_identifier(name, &pointer, "type", problems);
        match (&def.fields, &def.variants) {
            (Some(fields), None) => check_fields(catalog, fields, &format!("{pointer}/fields"), problems),
            (None, Some(variants)) => check_variants(variants, &format!("{pointer}/enum"), problems),
            (Some(_), Some(_)) => problems.push(
                Problem::at(
                    &pointer,
                    "invalid-type",
                    format!("type `{name}` has both `fields` and `enum`"),
                    "a type is a DTO (`fields`) or a string enum (`enum`); split it in two",
                )
                .on_key(),
            ),
            (None, None) => problems.push(
                Problem::at(
                    &pointer,
                    "invalid-type",
                    format!("type `{name}` has neither `fields` nor `enum`"),
                    "add `fields:` for a DTO or `enum:` for a string enum",
                )
                .on_key(),
            ),
        }
    }
}

fn check_variants(variants: &[String], pointer: &str, problems: &mut Vec<Problem>) {
    if variants.is_empty() {
        problems.push(Problem::at(
            pointer,
            "invalid-type",
            "an enum needs at least one value",
            "list its values, e.g. `enum: [open, pending, closed]`",
        ));
    }
    let mut seen = HashMap::new();
    for (i, variant) in variants.iter().enumerate() {
        if let Some(first) = seen.insert(variant.to_upper_camel_case(), i) {
            let hint = format!(
                "it collides with value {} (`{}`) once converted to an identifier; rename one",
                first + 1,
                variants[first]
            );
            problems.push(Problem::at(
                format!("{pointer}/{i}"),
                "name-collision",
                format!("enum value `{variant}` is repeated"),
                hint,
            ));
        }
        if variant.to_upper_camel_case().is_empty() {
            problems.push(Problem::at(
                format!("{pointer}/{i}"),
                "invalid-identifier",
                format!("enum value `{variant}` has no letters or digits"),
                "use a word",
            ));
        }
    }
}

fn check_fields(catalog: &Catalog, fields: &IndexMap<String, Field>, pointer: &str, problems: &mut Vec<Problem>) {
    check_collisions(fields.keys(), pointer, "field", |n| n.to_snake_case(), problems);
    for (name, field) in fields {
        let field_pointer = format!("{pointer}/{}", escape_pointer(name));
        check_identifier(name, &field_pointer, "field", problems);
        check_type_expr(catalog, &field.ty, &format!("{field_pointer}/type"), problems);
    }
}

/// Members of TypeScript's `Object` interface: an object literal without an optional field of one
/// of these names has the inherited member, which the field's type does not accept; the emitters
/// build payloads so.
const OBJECT_MEMBERS: [&str; 7] = [
    "constructor",
    "toString",
    "toLocaleString",
    "valueOf",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
];

fn check_type_expr(catalog: &Catalog, text: &str, pointer: &str, problems: &mut Vec<Problem>) {
    match TypeExpr::parse(text) {
        Err(message) => problems.push(Problem::at(
            pointer,
            "invalid-type",
            message,
            "use integer, number, string, boolean, datetime, a type name, `T[]` or `map<T>`",
        )),
        Ok(expr) => {
            if let Some(name) = expr.named().filter(|n| !catalog.types.contains_key(*n)) {
                let hint = suggest(name, catalog.types.keys()).unwrap_or_else(|| "define it under `types:`".to_owned());
                problems.push(Problem::at(pointer, "unknown-type", format!("unknown type `{name}`"), hint));
            }
        }
    }
}

fn check_rooms(catalog: &Catalog, problems: &mut Vec<Problem>) {
    check_collisions(catalog.rooms.keys(), "/rooms", "room", |n| n.to_upper_camel_case(), problems);
    rooms::check_room_names(catalog, problems);
    for (name, room) in &catalog.rooms {
        let pointer = format!("/rooms/{}", escape_pointer(name));
        check_name(name, &pointer, "room", problems);
        let params: Vec<&str> = room.params.keys().map(String::as_str).collect();
        check_pattern(&room.pattern, &format!("{pointer}/pattern"), &params, problems);
        for (param, ty) in &room.params {
            let param_pointer = format!("{pointer}/params/{}", escape_pointer(param));
            check_identifier(param, &param_pointer, "room parameter", problems);
            if param == "room" {
                problems.push(
                    Problem::at(
                        &param_pointer,
                        "reserved-field",
                        "room parameter `room` is built in",
                        "a room target is written `{ room: <room name>, <parameters> }`; rename the parameter",
                    )
                    .on_key(),
                );
            }
            let is_enum = catalog.types.get(ty).is_some_and(|t| t.variants.is_some());
            if !matches!(ty.as_str(), "integer" | "string") && !is_enum {
                let hint = suggest(ty, catalog.types.iter().filter(|(_, t)| t.variants.is_some()).map(|(n, _)| n))
                    .unwrap_or_else(|| "room parameters are `integer`, `string` or an enum type".to_owned());
                problems.push(Problem::at(
                    param_pointer,
                    "invalid-type",
                    format!("room parameter type `{ty}` is not integer, string or an enum"),
                    hint,
                ));
            }
        }
    }
}

fn check_events(catalog: &Catalog, problems: &mut Vec<Problem>) {
    check_collisions(
        catalog.events.keys(),
        "/events",
        "event",
        |n| n.to_upper_camel_case(),
        problems,
    );
    if catalog.events.is_empty() {
        problems.push(
            Problem::at(
                "/events",
                "missing-key",
                "the catalog defines no events",
                "add at least one event under `events:`",
            )
            .on_key(),
        );
    }
    for (resource, event) in &catalog.events {
        let pointer = format!("/events/{}", escape_pointer(resource));
        check_name(resource, &pointer, "event resource", problems);
        if RESERVED_EVENTS.contains(&resource.as_str()) {
            problems.push(
                Problem::at(
                    &pointer,
                    "reserved-event",
                    format!("`{resource}` is reserved by Socket.IO"),
                    "rename the resource; Socket.IO uses this name for its own events",
                )
                .on_key(),
            );
        }
        check_event(catalog, resource, event, &pointer, problems);
    }
}

fn check_event(catalog: &Catalog, resource: &str, event: &Event, pointer: &str, problems: &mut Vec<Problem>) {
    if let Some(entity) = &event.entity {
        let is_dto = catalog.types.get(entity).is_some_and(|t| t.fields.is_some());
        if !is_dto {
            let hint = suggest(
                entity,
                catalog.types.iter().filter(|(_, t)| t.fields.is_some()).map(|(n, _)| n),
            )
            .unwrap_or_else(|| "define it under `types:` with `fields:`".to_owned());
            problems.push(Problem::at(
                format!("{pointer}/entity"),
                "unknown-type",
                format!("entity `{entity}` is not a DTO of this catalog"),
                hint,
            ));
        }
    }
    if let Some(id_field) = &event.id_field {
        check_identifier(id_field, &format!("{pointer}/idField"), "id field", problems);
    }
    if let Some(entity_field) = &event.entity_field {
        check_identifier(entity_field, &format!("{pointer}/entityField"), "entity field", problems);
    }
    let id_field = event.id_field_name(resource);
    let entity_field = event.entity_field_name(resource);
    let is_built_in =
        |name: &str| FIXED_FIELDS.contains(&name) || name == id_field || (event.entity.is_some() && name == entity_field);
    for name in event.fields.keys() {
        if is_built_in(name) {
            let hint = "`action`, `companyId`, `userId`, `timestamp`, the entity and the id field are always part of the payload; remove this field";
            problems.push(
                Problem::at(
                    format!("{pointer}/fields/{}", escape_pointer(name)),
                    "reserved-field",
                    format!("payload field `{name}` is built in"),
                    hint,
                )
                .on_key(),
            );
        }
    }
    check_fixed_name_clash(resource, event, &id_field, &entity_field, pointer, problems);
    check_fields(catalog, &event.fields, &format!("{pointer}/fields"), problems);
    // The emitters build the payload as an object literal, without the optional fields not given.
    for (name, field) in &event.fields {
        let field_pointer = format!("{pointer}/fields/{}", escape_pointer(name));
        if field.optional && OBJECT_MEMBERS.contains(&name.as_str()) {
            problems.push(
                    Problem::at(
                        &field_pointer,
                        "reserved-field",
                        format!("optional field `{name}` is named like a member every JavaScript object inherits"),
                        format!("TypeScript reads an object without `{name}` as having the inherited one, so no such object would type-check; make it required or rename it"),
                    )
                    .on_key(),
                );
        }
    }
    check_actions(resource, event, &id_field, &entity_field, pointer, problems);
    let extra = event.fields.keys().filter(|name| !is_built_in(name));
    check_uncarried_fields(resource, event, extra, pointer, problems);
    check_event_rooms(catalog, event, pointer, problems);
    check_delivery(event, pointer, problems);
}

/// A Redis key prefix the generated code and docs can print anywhere as it is.
fn is_channel(channel: &str) -> bool {
    (1..=64).contains(&channel.len())
        && channel
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'))
}

/// A volatile event may be lost by a busy client, which a critical one promises not to be.
fn check_delivery(event: &Event, pointer: &str, problems: &mut Vec<Problem>) {
    let clash = |pointer: String| {
        Problem::at(
            pointer,
            "volatile-critical",
            "an event or action cannot be both `volatile` and `critical`",
            "`volatile` lets a busy client miss the event, `critical` promises it is never dropped; keep one",
        )
    };
    if event.volatile && event.critical == Some(true) {
        problems.push(clash(format!("{pointer}/critical")));
    }
    for (name, action) in &event.actions {
        let volatile = event.volatile || action.volatile;
        if volatile && action.critical == Some(true) {
            problems.push(clash(format!("{pointer}/actions/{}/critical", escape_pointer(name))));
        } else if action.volatile && event.critical == Some(true) && action.critical.is_none() {
            problems.push(clash(format!("{pointer}/actions/{}/volatile", escape_pointer(name))));
        }
    }
}

/// An extra field that no action carries is declared, typed and documented, yet never part of
/// a payload: the generated code would drop it without a word.
fn check_uncarried_fields<'a>(
    resource: &str,
    event: &Event,
    extra: impl Iterator<Item = &'a String>,
    pointer: &str,
    problems: &mut Vec<Problem>,
) {
    if event.actions.is_empty() {
        return; // already reported; every field would be reported again
    }
    let carried: Vec<String> = event
        .actions
        .keys()
        .flat_map(|action| event.carried(resource, action))
        .collect();
    for name in extra.filter(|name| !carried.contains(name)) {
        let hint = "list it in the `carries:` of the actions that send it (without `carries:`, `create`, `update` and `status-change` carry the entity, `delete` the id, a custom action nothing), or remove it";
        problems.push(
            Problem::at(
                format!("{pointer}/fields/{}", escape_pointer(name)),
                "unused-field",
                format!("payload field `{name}` is carried by no action of `{resource}` events"),
                hint,
            )
            .on_key(),
        );
    }
}

/// The id or entity field may not be named like a fixed field (resource `user` has the id field
/// `userId` by default): a payload carrying it would hold that key twice.
fn check_fixed_name_clash(
    resource: &str,
    event: &Event,
    id_field: &str,
    entity_field: &str,
    pointer: &str,
    problems: &mut Vec<Problem>,
) {
    let named = [
        ("idField", id_field, event.id_field.is_some()),
        ("entityField", entity_field, event.entity_field.is_some()),
    ];
    for (key, name, explicit) in named {
        let carried = event
            .actions
            .keys()
            .any(|action| event.carried(resource, action).iter().any(|c| c == name));
        if !carried || !FIXED_FIELDS.contains(&name) {
            continue;
        }
        let message = format!("payload field `{name}` of `{resource}` events is also a fixed payload field");
        let hint = format!("set `{key}:` to another name");
        let problem = if explicit {
            Problem::at(format!("{pointer}/{key}"), "reserved-field", message, hint)
        } else {
            Problem::at(pointer, "reserved-field", message, hint).on_key()
        };
        problems.push(problem);
    }
}

fn check_actions(resource: &str, event: &Event, id_field: &str, entity_field: &str, pointer: &str, problems: &mut Vec<Problem>) {
    let actions_pointer = format!("{pointer}/actions");
    if event.actions.is_empty() {
        let hint = format!("add at least one of {}", list(&STANDARD_ACTIONS));
        problems.push(Problem::at(&actions_pointer, "missing-key", "an event needs at least one action", hint).on_key());
    }
    check_collisions(
        event.actions.keys(),
        &actions_pointer,
        "action",
        |n| n.to_upper_camel_case(),
        problems,
    );
    let mut carriable: Vec<&str> = vec![id_field];
    if event.entity.is_some() {
        carriable.push(entity_field);
    }
    carriable.extend(event.fields.keys().map(String::as_str));
    for (name, action) in &event.actions {
        let pointer = format!("{actions_pointer}/{}", escape_pointer(name));
        check_name(name, &pointer, "action", problems);
        for (i, carried) in action.carries.iter().flatten().enumerate() {
            if !carriable.contains(&carried.as_str()) {
                let hint = suggest(carried, carriable.iter())
                    .unwrap_or_else(|| format!("`{resource}` events can carry {}", list(&carriable)));
                problems.push(Problem::at(
                    format!("{pointer}/carries/{i}"),
                    "unknown-field",
                    format!("action `{name}` carries `{carried}`, which is not a payload field"),
                    hint,
                ));
            }
        }
    }
}

fn check_event_rooms(catalog: &Catalog, event: &Event, pointer: &str, problems: &mut Vec<Problem>) {
    for (i, room) in event.rooms.iter().enumerate() {
        if !catalog.rooms.contains_key(room) {
            let hint = suggest(room, catalog.rooms.keys()).unwrap_or_else(|| "define it under `rooms:`".to_owned());
            problems.push(Problem::at(
                format!("{pointer}/rooms/{i}"),
                "unknown-room",
                format!("unknown room `{room}`"),
                hint,
            ));
        }
    }
    if !event.broadcast && event.rooms.is_empty() {
        problems.push(Problem::at(
            format!("{pointer}/broadcast"),
            "unreachable-event",
            "the event neither broadcasts nor targets a room, so it can never be sent",
            "set `broadcast: true` or list `rooms:`",
        ));
    }
}

/// The TypeScript server emitters and React hooks import their payload types from the
/// `typescriptTypes` output, so they cannot be generated without it.
fn check_ts_outputs(catalog: &Catalog, problems: &mut Vec<Problem>) {
    let outputs = &catalog.outputs;
    if outputs.typescript_types.is_some() {
        return;
    }
    let dependents = [
        ("typescriptServer", outputs.typescript_server.is_some()),
        ("react", outputs.react.is_some()),
    ];
    for (key, _) in dependents.iter().filter(|(_, set)| *set) {
        problems.push(
            Problem::at(
                format!("/outputs/{key}"),
                "missing-output",
                format!("output `{key}` needs the `typescriptTypes` output"),
                "it imports the payload types from there; add e.g. `typescriptTypes: shared/socket/events.ts` under `outputs:`",
            )
            .on_key(),
        );
    }
}

/// Where a TypeScript type name comes from, to say so when two sources meet.
struct NameSource {
    /// `None` for the names every TypeScript output exports.
    pointer: Option<String>,
    /// `type`, `event`, `action` or `room`: what to rename.
    kind: &'static str,
    what: String,
    /// Sources in the same family already collide by another check (`app-message` and
    /// `appMessage`); reporting them again would only repeat it.
    family: String,
}

/// A catalog type named like a type the TypeScript outputs export (`PayloadBase`,
/// `TicketPayload`, …; the type is the one reported), or two catalog entries whose generated
/// type names meet: event `ticket`
/// with action `event-name` and event `ticketEventName` both make `TicketEventNamePayload`.
fn check_generated_ts_names(catalog: &Catalog, problems: &mut Vec<Problem>) {
    let outputs = &catalog.outputs;
    if outputs.typescript_types.is_none() && outputs.typescript_server.is_none() && outputs.react.is_none() {
        return;
    }
    let mut seen: HashMap<String, NameSource> = HashMap::new();
    let mut claim = |name: String, source: NameSource, problems: &mut Vec<Problem>| {
        let Some(first) = seen.get(&name) else {
            seen.insert(name, source);
            return;
        };
        let (Some(pointer), false) = (&source.pointer, first.family == source.family) else {
            return;
        };
        let (message, hint) = match &first.pointer {
            None => (
                format!("{} is named like the generated type `{name}`", source.what),
                format!(
                    "the TypeScript outputs export `{name}` themselves; rename the {}",
                    source.kind
                ),
            ),
            Some(_) => (
                format!("{} generates the type `{name}`, as {} does", source.what, first.what),
                "rename one of them so the TypeScript outputs do not export the same name twice".to_owned(),
            ),
        };
        problems.push(Problem::at(pointer.clone(), "name-collision", message, hint).on_key());
    };
    for name in TS_FIXED_EXPORTS {
        let source = NameSource {
            pointer: None,
            kind: "generated type",
            what: "chatia-socket".to_owned(),
            family: "fixed".to_owned(),
        };
        claim((*name).to_owned(), source, problems);
    }
    for (resource, event) in &catalog.events {
        let pointer = format!("/events/{}", escape_pointer(resource));
        let names = TsEventNames::new(resource, event.actions.keys().map(String::as_str));
        for name in names.event_level() {
            let source = NameSource {
                pointer: Some(pointer.clone()),
                kind: "event",
                what: format!("event `{resource}`"),
                family: format!("event:{}", ts_stem(resource)),
            };
            claim(name.to_owned(), source, problems);
        }
        for ((action, _), name) in event.actions.iter().zip(names.variants) {
            let source = NameSource {
                pointer: Some(format!("{pointer}/actions/{}", escape_pointer(action))),
                kind: "action",
                what: format!("action `{action}` of event `{resource}`"),
                family: format!("action:{}:{}", ts_stem(resource), ts_stem(action)),
            };
            claim(name, source, problems);
        }
    }
    for name in catalog.rooms.keys() {
        let source = NameSource {
            pointer: Some(format!("/rooms/{}", escape_pointer(name))),
            kind: "room",
            what: format!("room `{name}`"),
            family: format!("room:{}", ts_stem(name)),
        };
        claim(ts_room_type(name), source, problems);
    }
    for name in catalog.types.keys() {
        let source = NameSource {
            pointer: Some(format!("/types/{}", escape_pointer(name))),
            kind: "type",
            what: format!("type `{name}`"),
            family: format!("type:{}", ts_stem(name)),
        };
        claim(ts_type(name), source, problems);
    }
}

fn check_identifier(name: &str, pointer: &str, what: &str, problems: &mut Vec<Problem>) {
    // `_` alone converts to no Rust or TypeScript name at all.
    if !is_identifier(name) || !name.chars().any(|c| c.is_ascii_alphanumeric()) {
        let hint = format!("a {what} name is letters, digits and `_`, starting with a letter (camelCase)");
        problems.push(
            Problem::at(
                pointer,
                "invalid-identifier",
                format!("`{name}` is not a valid {what} name"),
                hint,
            )
            .on_key(),
        );
    }
}

/// Names that also allow hyphens (resources, actions, rooms), which are converted for code.
fn check_name(name: &str, pointer: &str, what: &str, problems: &mut Vec<Problem>) {
    let mut chars = name.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !name.ends_with('-');
    if !valid {
        let hint = format!("a {what} name is letters, digits, `_` and `-`, starting with a letter");
        problems.push(
            Problem::at(
                pointer,
                "invalid-identifier",
                format!("`{name}` is not a valid {what} name"),
                hint,
            )
            .on_key(),
        );
    }
}

/// Names that become the same identifier once converted (`app-message`, `appMessage`).
fn check_collisions<'a>(
    names: impl Iterator<Item = &'a String>,
    pointer: &str,
    what: &str,
    convert: impl Fn(&str) -> String,
    problems: &mut Vec<Problem>,
) {
    check_collisions_by(names, pointer, what, &[&convert], problems);
}

/// Like [`check_collisions`] for names converted several ways (one per target language); a
/// name is reported once, for the first conversion that meets an earlier name.
fn check_collisions_by<'a>(
    names: impl Iterator<Item = &'a String>,
    pointer: &str,
    what: &str,
    conversions: &[&dyn Fn(&str) -> String],
    problems: &mut Vec<Problem>,
) {
    let mut seen: Vec<HashMap<String, &str>> = vec![HashMap::new(); conversions.len()];
    for name in names {
        let mut clash = None;
        for (convert, seen) in conversions.iter().zip(&mut seen) {
            let converted = convert(name);
            match seen.get(&converted) {
                Some(first) => clash = clash.or(Some((*first, converted))),
                None => {
                    seen.insert(converted, name);
                }
            }
        }
        let Some((first, converted)) = clash else { continue };
        let hint = format!("`{first}` and `{name}` both become `{converted}` in generated code; rename one");
        problems.push(
            Problem::at(
                format!("{pointer}/{}", escape_pointer(name)),
                "name-collision",
                format!("{what} `{name}` collides with `{first}`"),
                hint,
            )
            .on_key(),
        );
    }
}

/// "did you mean …" for the closest candidate, when one is close enough.
pub fn suggest<'a, S: AsRef<str> + 'a>(wrong: &str, candidates: impl IntoIterator<Item = S>) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c.as_ref()), c.as_ref().to_owned()))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, best)| format!("did you mean `{best}`?"))
}

fn list(names: &[impl AsRef<str>]) -> String {
    names
        .iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Words a schema violation in the catalog's terms, pointing at the offending node.
pub fn describe_schema_error(schema: &Value, err: &jsonschema::ValidationError<'_>) -> Vec<Problem> {
    use jsonschema::error::{TypeKind, ValidationErrorKind as Kind};
    let pointer = err.instance_path().as_str().to_owned();
    let field = pointer.rsplit('/').next().unwrap_or("").replace("~1", "/").replace("~0", "~");
    match err.kind() {
        Kind::AdditionalProperties { unexpected } => {
            let allowed = allowed_keys(schema, err.schema_path().as_str());
            unexpected
                .iter()
                .map(|key| {
                    let hint = suggest(key, &allowed).unwrap_or_else(|| format!("allowed keys here: {}", list(&allowed)));
                    Problem::at(
                        format!("{pointer}/{}", escape_pointer(key)),
                        "unknown-key",
                        format!("unknown key `{key}`"),
                        hint,
                    )
                    .on_key()
                })
                .collect()
        }
        Kind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            vec![Problem::at(
                pointer,
                "missing-key",
                format!("missing required key `{name}`"),
                format!("add `{name}:`; see `chatia-socket schema`"),
            )
            .on_key()]
        }
        Kind::Type { kind } => {
            let expected: Vec<String> = match kind {
                TypeKind::Single(t) => vec![t.to_string()],
                TypeKind::Multiple(set) => set.iter().map(|t| t.to_string()).collect(),
            };
            vec![wrong_type(&pointer, &field, &expected, err.instance())]
        }
        Kind::AnyOf { context } | Kind::OneOfNotValid { context } => describe_alternatives(schema, err, context),
        Kind::Minimum { limit } if pointer.starts_with("/conventions/rateLimit/") => vec![Problem::at(
            pointer,
            "invalid-rate-limit",
            format!("rate limit `{field}` must be at least {limit}, found {}", err.instance()),
            "the limit is events per window per company; use a positive number such as 1000",
        )],
        Kind::Minimum { limit } if pointer.contains("ateLimit/") => vec![Problem::at(
            pointer,
            "invalid-rate-limit",
            format!("rate limit `{field}` must be at least {limit}, found {}", err.instance()),
            "the limit is client events per window per socket; use a positive number such as 20",
        )],
        Kind::Minimum { .. } | Kind::Maximum { .. } if pointer == "/version" => vec![Problem::at(
            pointer,
            "unsupported-version",
            format!("catalog version {} is not supported", err.instance()),
            "this chatia-socket reads `version: 1`",
        )],
        Kind::Minimum { limit } if matches!(field.as_str(), "maxBytes" | "maxPayloadBytes") => vec![Problem::at(
            pointer,
            "invalid-value",
            format!("`{field}` must be at least {limit}, found {}", err.instance()),
            "the limit is bytes of a client event's JSON arguments; use a positive number such as 16384",
        )],
        Kind::Minimum { limit } => vec![Problem::at(
            pointer,
            "invalid-value",
            format!("`{field}` must be at least {limit}, found {}", err.instance()),
            "use a positive number",
        )],
        Kind::Enum { options } => vec![Problem::at(
            pointer,
            "invalid-value",
            format!("`{field}` must be one of {options}, found {}", err.instance()),
            "pick one of the listed values",
        )],
        _ => vec![Problem::at(
            pointer,
            "invalid",
            err.to_string(),
            "compare with `chatia-socket schema`",
        )],
    }
}

/// A value of the wrong kind. `null` is left out of what is expected: it is how the schema
/// says a key may be absent, and leaving the key out is the better advice.
fn wrong_type(pointer: &str, field: &str, expected: &[String], found: &Value) -> Problem {
    let expected: Vec<&str> = expected.iter().map(|t| catalog_word(t)).filter(|t| *t != "null").collect();
    let expected = match expected.as_slice() {
        [] => "absent".to_owned(),
        [one] => format!("{} {one}", article(one)),
        many => format!("{} {}", article(many[0]), many.join(" or ")),
    };
    let hint = if expected.contains("boolean") {
        "use true or false"
    } else if expected.contains("mapping") {
        "write `key: value` pairs, on indented lines or in braces `{ … }`; see `chatia-socket schema`"
    } else if expected.contains("list") {
        "write the items as `- item` lines or in brackets `[ … ]`"
    } else if expected.contains("integer") && found.is_number() {
        "use a whole number"
    } else {
        "quote text values; numbers and booleans are written bare"
    };
    Problem::at(
        pointer,
        "wrong-type",
        format!("{} must be {expected}, found {}", node_name(pointer, field), json_kind(found)),
        hint,
    )
}

/// How a message names the node at `pointer`: `` `broadcast` ``, or `` item 2 of `args` ``.
fn node_name(pointer: &str, field: &str) -> String {
    let Ok(index) = field.parse::<usize>() else {
        return format!("`{field}`");
    };
    let parent = pointer.rsplit('/').nth(1).unwrap_or("").replace("~1", "/").replace("~0", "~");
    format!("item {} of `{parent}`", index + 1)
}

/// JSON Schema's type names in the words of YAML users.
fn catalog_word(schema_type: &str) -> &str {
    match schema_type {
        "object" => "mapping",
        "array" => "list",
        other => other,
    }
}

/// An optional mapping is `anyOf: [T, null]` in the schema. Unless the value is of the wrong
/// kind for every branch, the user wrote a `T`: report what is wrong inside it, not that no
/// branch matched.
fn describe_alternatives(
    schema: &Value,
    err: &jsonschema::ValidationError<'_>,
    branches: &[Vec<jsonschema::ValidationError<'_>>],
) -> Vec<Problem> {
    use jsonschema::error::{TypeKind, ValidationErrorKind as Kind};
    let here = err.instance_path().as_str();
    let kind_only =
        |e: &jsonschema::ValidationError<'_>| matches!(e.kind(), Kind::Type { .. }) && e.instance_path().as_str() == here;
    if let Some(errors) = branches.iter().find(|errors| !errors.iter().all(kind_only)) {
        return errors.iter().flat_map(|e| describe_schema_error(schema, e)).collect();
    }
    let expected: Vec<String> = branches
        .iter()
        .flatten()
        .flat_map(|e| match e.kind() {
            Kind::Type {
                kind: TypeKind::Single(t),
            } => vec![t.to_string()],
            Kind::Type {
                kind: TypeKind::Multiple(set),
            } => set.iter().map(|t| t.to_string()).collect(),
            _ => Vec::new(),
        })
        .collect();
    let field = here.rsplit('/').next().unwrap_or("").replace("~1", "/").replace("~0", "~");
    vec![wrong_type(here, &field, &expected, err.instance())]
}

/// The property names of the schema object that holds a failing `additionalProperties`.
fn allowed_keys(schema: &Value, schema_path: &str) -> Vec<String> {
    let parent = schema_path.strip_suffix("/additionalProperties").unwrap_or(schema_path);
    let resolved = schema.pointer(parent).and_then(|s| s.get("properties"));
    resolved
        .and_then(Value::as_object)
        .map(|props| props.keys().cloned().collect())
        .unwrap_or_default()
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing (null)",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}
