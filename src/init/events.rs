//! Server events from the emits and the clients' listeners, client events from the server's
//! handlers and the clients' emits.

use std::collections::HashSet;

use heck::{ToLowerCamelCase, ToUpperCamelCase};
use indexmap::IndexMap;

use super::types::{self, Guess};
use super::{rooms, ActionDraft, ArgDraft, At, ClientEventDraft, Draft, EventDraft, FieldDraft, Source};
use crate::audit::pattern::Pattern;
use crate::audit::rules::{event_shape, EventShape, SETUP_EVENTS};
use crate::audit::scan::{Emit, EmitMethod, ListenerKind, ObjectPayload, SOCKET_RESERVED};
use crate::audit::shape::{Param, Shape};
use crate::audit::value::Str;
use crate::catalog::model::FIXED_FIELDS;

/// The last parameter of a handler, or argument of a client emit, that is the reply callback.
const ACK_NAMES: [&str; 7] = ["ack", "callback", "cb", "fn", "done", "respond", "reply"];

/// Drafts the server events into `draft.events`.
pub fn server_events(sources: &[Source<'_>], pattern: &Pattern, draft: &mut Draft) {
    let dtos = dtos(sources);
    for source in sources {
        for emit in source
            .facts
            .emits
            .iter()
            .filter(|e| !e.in_wrapper_definition && e.method != EmitMethod::ServerSideEmit)
        {
            let Some(name) = &emit.event else { continue };
            let at = source.at(emit.span.start);
            let Some((resource, spelt)) = resource_of(pattern, name, &at, &mut draft.left_out) else {
                continue;
            };
            let event = entry(&mut draft.events, &resource, spelt, &at);
            event.emits += 1;
            add_rooms(event, emit, &draft.rooms);
            add_payload(event, &resource, emit, &at, &dtos, &mut draft.left_out);
        }
        for listener in source
            .facts
            .listeners
            .iter()
            .filter(|l| !matches!(l.kind, ListenerKind::Off { .. }))
        {
            let Some(name) = &listener.event else { continue };
            let at = source.at(listener.span.start);
            if let Some((resource, spelt)) = resource_of(pattern, name, &at, &mut draft.left_out) {
                entry(&mut draft.events, &resource, spelt, &at).listeners += 1;
            }
        }
    }
    for (resource, event) in &mut draft.events {
        finish(resource, event, &dtos);
    }
    draft.types = used_dtos(draft, sources);
}

/// Drafts the client events into `draft.client_events`.
pub fn client_events(sources: &[Source<'_>], pattern: &Pattern, draft: &mut Draft) {
    let dtos = dtos(sources);
    let mut sent: IndexMap<String, Vec<(Vec<Shape>, bool)>> = IndexMap::new();
    for source in sources {
        for handler in &source.facts.handlers {
            let Some(name) = client_event_name(pattern, handler.event.as_ref()) else {
                continue;
            };
            let at = source.at(handler.span.start);
            let event = draft.client_events.entry(name).or_insert_with(|| ClientEventDraft::new(at));
            if !event.handled {
                event.handled = true;
                if let Some(params) = &handler.params {
                    (event.args, event.ack) = handler_args(params, &dtos);
                }
            }
        }
        for emit in &source.facts.client_emits {
            let Some(name) = client_event_name(pattern, emit.event.as_ref()) else {
                continue;
            };
            let at = source.at(emit.span.start);
            let event = draft
                .client_events
                .entry(name.clone())
                .or_insert_with(|| ClientEventDraft::new(at));
            event.sent = true;
            event.ack |= emit.ack;
            sent.entry(name).or_default().push((emit.args.clone(), emit.ack));
        }
    }
    for (name, emits) in &sent {
        let event = draft.client_events.get_mut(name).expect("entered above");
        merge_sent_args(&mut event.args, emits, &dtos);
    }
}

impl ClientEventDraft {
    fn new(at: At) -> ClientEventDraft {
        ClientEventDraft {
            args: Vec::new(),
            ack: false,
            at,
            handled: false,
            sent: false,
        }
    }
}

/// The imported DTO names of the whole project.
fn dtos(sources: &[Source<'_>]) -> HashSet<String> {
    types::dto_names(sources.iter().flat_map(|s| s.facts.imports.iter()))
}

/// The resource an event name stands for, and the name itself when it breaks the pattern but
/// reads as a resource (`io.emit("ticket", …)` in a single-company codebase).
fn resource_of(pattern: &Pattern, name: &Str, at: &At, left_out: &mut Vec<(At, String)>) -> Option<(String, Option<String>)> {
    if name
        .as_literal()
        .is_some_and(|literal| SOCKET_RESERVED.contains(&literal.as_str()))
    {
        return None;
    }
    match event_shape(pattern, name) {
        EventShape::Named { resource, .. } if !resource.is_empty() => Some((resource, None)),
        EventShape::Broken => match name.as_literal() {
            Some(literal) if is_resource_name(&literal) => Some((literal.clone(), Some(literal))),
            _ => {
                left_out.push((
                    at.clone(),
                    format!("event `{name}`: it does not follow the event pattern and is no resource name"),
                ));
                None
            }
        },
        _ => {
            left_out.push((at.clone(), format!("event `{name}`: its name is only known at run time")));
            None
        }
    }
}

fn is_resource_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn entry<'d>(events: &'d mut IndexMap<String, EventDraft>, resource: &str, spelt: Option<String>, at: &At) -> &'d mut EventDraft {
    events.entry(resource.to_owned()).or_insert_with(|| EventDraft {
        entity: None,
        entity_field: None,
        id_field: None,
        spelt,
        actions: IndexMap::new(),
        fields: IndexMap::new(),
        rooms: Vec::new(),
        at: at.clone(),
        emits: 0,
        listeners: 0,
        without_action: Vec::new(),
    })
}

fn add_rooms(event: &mut EventDraft, emit: &Emit, rooms: &IndexMap<String, super::RoomDraft>) {
    for key in &emit.rooms {
        if let Some(name) = rooms::name_of(rooms, &key.key) {
            if !event.rooms.contains(&name) {
                event.rooms.push(name);
            }
        }
    }
}

fn add_payload(
    event: &mut EventDraft,
    resource: &str,
    emit: &Emit,
    at: &At,
    dtos: &HashSet<String>,
    left_out: &mut Vec<(At, String)>,
) {
    let Some(object) = emit.payload.as_ref().and_then(|p| p.object.as_deref()) else {
        return;
    };
    let action = match object.action.as_ref().map(Str::as_literal) {
        None => {
            event.without_action.push(at.clone());
            return;
        }
        Some(None) => {
            left_out.push((
                at.clone(),
                format!("an `action` of `{resource}` events: it is computed at run time"),
            ));
            return;
        }
        Some(Some(action)) => action,
    };
    let drafted = event.actions.entry(action.clone()).or_insert_with(|| ActionDraft {
        carries: Vec::new(),
        at: at.clone(),
        placeholder: false,
        objects: 0,
    });
    if !object.has_spread {
        drafted.objects += 1;
    }
    for (key, shape) in carried(object) {
        if !drafted.carries.contains(&key.to_owned()) {
            drafted.carries.push(key.to_owned());
        }
        add_field(&mut event.fields, key, shape, &action, at, dtos);
    }
}

/// The keys of a payload other than the fixed ones, with their values' shapes.
fn carried(object: &ObjectPayload) -> impl Iterator<Item = (&str, &Shape)> {
    object
        .keys
        .iter()
        .zip(&object.values)
        .map(|(key, shape)| (key.as_str(), shape))
        .filter(|(key, _)| !FIXED_FIELDS.contains(key))
}

fn add_field(fields: &mut IndexMap<String, FieldDraft>, key: &str, shape: &Shape, action: &str, at: &At, dtos: &HashSet<String>) {
    let guess = types::guess(key, shape, dtos);
    let field = fields.entry(key.to_owned()).or_insert_with(|| FieldDraft {
        guess: guess.clone(),
        optional: false,
        at: at.clone(),
        seen: IndexMap::new(),
    });
    field.guess = better(&field.guess, guess);
    *field.seen.entry(action.to_owned()).or_default() += 1;
}

/// Of two guesses of one value, the one the code shows best; `null` seen in either stays.
fn better(old: &Guess, new: Guess) -> Guess {
    let nullable = old.nullable || new.nullable;
    let pick = if new.rank() > old.rank() { new } else { old.clone() };
    Guess { nullable, ..pick }
}

/// Settles what needs every emit: which fields are optional, the entity, the id field, and a
/// placeholder action for an event no emit shows one for.
fn finish(resource: &str, event: &mut EventDraft, dtos: &HashSet<String>) {
    for (key, field) in &mut event.fields {
        field.optional = event
            .actions
            .iter()
            .any(|(name, action)| action.carries.contains(key) && field.seen.get(name).copied().unwrap_or(0) < action.objects);
    }
    let id_field = format!("{}Id", resource.to_lower_camel_case());
    if FIXED_FIELDS.contains(&id_field.as_str()) {
        event.id_field = Some("id".to_owned());
    }
    event.fields.shift_remove(event.id_field.as_deref().unwrap_or(&id_field));
    if let Some((field, entity)) = entity_of(resource, event, dtos) {
        event.fields.shift_remove(&field);
        event.entity = Some(entity);
        if field != resource.to_lower_camel_case() {
            // `messageId` beside `message` is the id of `appMessage` events.
            let id = format!("{field}Id");
            if event.id_field.is_none() && event.fields.shift_remove(&id).is_some() {
                event.id_field = Some(id);
            }
            event.entity_field = Some(field);
        }
    }
    if event.actions.is_empty() {
        event.actions.insert(
            "update".to_owned(),
            ActionDraft {
                carries: Vec::new(),
                at: event.at.clone(),
                placeholder: true,
                objects: 0,
            },
        );
    }
}

/// The entity of an event and the field it travels in: a field holding the DTO named like the
/// resource (`ticket: Ticket`), or like the resource's last word (`message: Message` of `appMessage`).
fn entity_of(resource: &str, event: &EventDraft, dtos: &HashSet<String>) -> Option<(String, String)> {
    let resource = resource.to_upper_camel_case();
    event.fields.iter().find_map(|(key, field)| {
        let dto = key.to_upper_camel_case();
        let names_it = resource == dto || resource.ends_with(&dto);
        (names_it && field.guess.ty == dto && !field.guess.nullable && dtos.contains(&dto)).then(|| (key.clone(), dto))
    })
}

/// The DTOs the drafted types name, each with where it was first used.
fn used_dtos(draft: &Draft, sources: &[Source<'_>]) -> IndexMap<String, At> {
    let dtos = dtos(sources);
    let mut used = IndexMap::new();
    for event in draft.events.values() {
        let entity = event.entity.iter().map(|entity| (entity.as_str(), &event.at));
        let fields = event.fields.values().map(|f| (f.guess.ty.trim_end_matches("[]"), &f.at));
        for (name, at) in entity.chain(fields) {
            if dtos.contains(name) {
                used.entry(name.to_owned()).or_insert_with(|| at.clone());
            }
        }
    }
    used
}

/// A client event's name: a literal that is neither Socket.IO's own, the generated setup's,
/// nor a server event's.
fn client_event_name(pattern: &Pattern, event: Option<&Str>) -> Option<String> {
    let event = event?;
    let name = event.as_literal()?;
    let reserved = SOCKET_RESERVED.contains(&name.as_str()) || SETUP_EVENTS.contains(&name.as_str());
    let server = matches!(event_shape(pattern, event), EventShape::Named { .. });
    (!reserved && !server).then_some(name)
}

/// The arguments of a handler, and whether its last parameter is the reply callback.
fn handler_args(params: &[Param], dtos: &HashSet<String>) -> (Vec<ArgDraft>, bool) {
    let named_ack = |p: &Param| p.name.as_deref().is_some_and(|name| ACK_NAMES.contains(&name));
    let ack = params.last().is_some_and(named_ack);
    let params = if ack { &params[..params.len() - 1] } else { params };
    let args = params
        .iter()
        .enumerate()
        .map(|(i, param)| {
            let name = param.name.clone().unwrap_or_else(|| format!("arg{}", i + 1));
            let annotated = param.annotation.as_deref().and_then(|text| types::annotation(text, dtos));
            let guess = annotated.unwrap_or_else(|| types::guess(&name, &Shape::Unknown, dtos));
            ArgDraft {
                name,
                guess,
                optional: false,
            }
        })
        .collect();
    (args, ack)
}

/// Adds what the clients' emits show: arguments the handler does not name, better types, and
/// trailing arguments some client leaves out.
fn merge_sent_args(args: &mut Vec<ArgDraft>, emits: &[(Vec<Shape>, bool)], dtos: &HashSet<String>) {
    let longest = emits.iter().map(|(shapes, _)| shapes.len()).max().unwrap_or(0);
    for i in args.len()..longest {
        let name = format!("arg{}", i + 1);
        let guess = types::guess(&name, &Shape::Unknown, dtos);
        args.push(ArgDraft {
            name,
            guess,
            optional: false,
        });
    }
    let shortest = emits.iter().map(|(shapes, _)| shapes.len()).min().unwrap_or(0);
    for (i, arg) in args.iter_mut().enumerate() {
        for (shapes, _) in emits {
            if let Some(shape) = shapes.get(i) {
                arg.guess = better(&arg.guess, types::guess(&arg.name, shape, dtos));
            }
        }
        arg.optional = i >= shortest;
    }
}
