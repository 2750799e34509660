//! React target: hooks for socket.io-client 4.7. The hook that opens the company's namespace
//! and reports its state; one subscription hook and handler type per event, and a list helper
//! for events that carry an entity with an `id`; one emit helper per client event and one hook
//! per room a client can be kept in (`client`). Names and expressions are computed here;
//! `react/hooks.ts` lays them out.

mod client;

use std::collections::BTreeSet;

use anyhow::Result;
use askama::Template;

use crate::catalog::names::{doc_lines, js_string};
use crate::gen::imports::types_import;
use crate::gen::Target;
use crate::protocol::{KeyType, ListEffect, Protocol, Segment, ServerEvent};

use client::{HelperView, RoomHookView};

#[derive(Template)]
#[template(path = "react/hooks.ts", escape = "none")]
struct HooksView {
    namespace_pattern: String,
    /// The namespace's text before `{companyId}`, quoted: where a socket's company id starts.
    namespace_prefix: String,
    /// The namespace pattern as a string literal, for messages.
    namespace_literal: String,
    /// The module specifier of the payload types, quoted.
    types_import: String,
    /// Type names imported from the payload types, sorted.
    type_imports: Vec<String>,
    events: Vec<EventView>,
    uses_upsert: bool,
    uses_replace: bool,
    uses_remove: bool,
    helpers: Vec<HelperView>,
    rooms: Vec<RoomHookView>,
    /// Some helper or hook waits for a reply (`__chatiaEmitWithAck`).
    uses_ack: bool,
    /// Some helper or hook emits without waiting (`__chatiaSend`).
    uses_send: bool,
    /// Some hook joins with `room:join` (`__chatiaJoinRoom`).
    uses_room_join: bool,
}

struct EventView {
    resource: String,
    /// `ticket`: the key of the event in `eventNames`.
    member: String,
    /// `useTicketEvents`.
    hook: String,
    /// `TicketHandlers`.
    handlers: String,
    /// `TicketPayload`.
    payload: String,
    /// `__chatiaDispatchTicket`.
    dispatch: String,
    doc: Vec<String>,
    actions: Vec<HandlerView>,
    list: Option<ListView>,
}

struct HandlerView {
    /// `statusChange`: the handler's key.
    key: String,
    /// `"status-change"`.
    literal: String,
    /// `TicketStatusChangePayload`.
    variant: String,
    doc: Vec<String>,
}

struct ListView {
    /// `applyTicketEvent`.
    apply: String,
    /// `Ticket`.
    entity: String,
    /// What each kind of action does to the list, one line each.
    doc: Vec<String>,
    cases: Vec<ListCase>,
}

/// Actions that change the list alike, and the expression that does it.
struct ListCase {
    literals: Vec<String>,
    expr: String,
}

pub fn render(protocol: &Protocol) -> Result<String> {
    let effects: Vec<ListEffect> = protocol
        .events
        .iter()
        .flat_map(|event| event.actions.iter().filter_map(|a| a.list_effect))
        .collect();
    let helpers = client::helpers(protocol);
    let rooms = client::room_hooks(protocol);
    let uses_room_join = rooms.iter().any(|r| r.join.starts_with("__chatiaJoinRoom("));
    let view = HooksView {
        namespace_pattern: protocol.namespace.text.replace(['\r', '\n'], " "),
        namespace_prefix: namespace_prefix(protocol),
        namespace_literal: js_string(&protocol.namespace.text),
        types_import: types_import(&protocol.outputs, Target::React)?,
        type_imports: type_imports(protocol, &helpers, &rooms, uses_room_join),
        uses_ack: uses_room_join || helpers.iter().any(|h| h.reply.is_some()),
        uses_send: helpers.iter().any(|h| h.reply.is_none())
            || rooms
                .iter()
                .any(|r| r.leave.as_deref().is_some_and(|l| l.starts_with("__chatiaSend("))),
        uses_room_join,
        helpers,
        rooms,
        events: protocol.events.iter().map(|event| event_view(protocol, event)).collect(),
        uses_upsert: effects.contains(&ListEffect::Upsert),
        uses_replace: effects.contains(&ListEffect::Replace),
        uses_remove: effects
            .iter()
            .any(|e| matches!(e, ListEffect::RemoveById | ListEffect::RemoveByEntity)),
    };
    Ok(view.render()?)
}

/// The namespace's literal text before its first `{companyId}`, as a string literal.
fn namespace_prefix(protocol: &Protocol) -> String {
    let prefix: String = protocol
        .namespace
        .segments
        .iter()
        .map_while(|segment| match segment {
            Segment::Text(text) => Some(text.as_str()),
            Segment::Param(_) => None,
        })
        .collect();
    js_string(&prefix)
}

fn type_imports(protocol: &Protocol, helpers: &[HelperView], rooms: &[RoomHookView], room_join: bool) -> Vec<String> {
    let mut names: BTreeSet<String> = ["AckError", "ClientToServerEvents", "ServerToClientEvents"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    if !rooms.is_empty() || helpers.iter().any(|h| h.reply.is_some()) {
        names.insert("Ack".to_owned());
    }
    if room_join {
        names.insert("RoomRequest".to_owned());
    }
    names.extend(client::type_imports(protocol));
    for event in &protocol.events {
        names.insert(event.ts.payload.clone());
        names.extend(event.ts.variants.iter().cloned());
        if let Some(entity) = list_entity(protocol, event) {
            names.insert(entity);
        }
    }
    names.into_iter().collect()
}

fn event_view(protocol: &Protocol, event: &ServerEvent) -> EventView {
    let names = &event.ts;
    let actions = event
        .actions
        .iter()
        .zip(&names.variants)
        .zip(&names.methods)
        .map(|((action, variant), method)| HandlerView {
            key: method.clone(),
            literal: js_string(&action.name),
            variant: variant.clone(),
            doc: doc_lines(action.description.as_deref()),
        })
        .collect();
    EventView {
        resource: event.resource.clone(),
        member: names.member.clone(),
        hook: names.hook.clone(),
        handlers: names.handlers.clone(),
        payload: names.payload.clone(),
        dispatch: names.dispatch.clone(),
        doc: doc_lines(event.description.as_deref()),
        actions,
        list: list_view(protocol, event),
    }
}

/// The TypeScript type a list helper keeps, when the event has one.
fn list_entity(protocol: &Protocol, event: &ServerEvent) -> Option<String> {
    event.list_entity().map(|entity| protocol.ts_type_name(entity))
}

fn list_view(protocol: &Protocol, event: &ServerEvent) -> Option<ListView> {
    let entity = list_entity(protocol, event)?;
    let entity_field = &event.entity_field;
    let id_field = &event.id_field;
    // The id field is numeric; an entity whose `id` is text is matched by the id's text.
    let text_id = event.entity_key == Some(KeyType::Text);
    let mut cases: Vec<(ListEffect, ListCase)> = Vec::new();
    for action in &event.actions {
        let Some(effect) = action.list_effect else {
            continue;
        };
        if let Some((_, case)) = cases.iter_mut().find(|(e, _)| *e == effect) {
            case.literals.push(js_string(&action.name));
            continue;
        }
        let id = if text_id {
            format!("String(payload.{id_field})")
        } else {
            format!("payload.{id_field}")
        };
        let expr = match effect {
            ListEffect::Upsert => format!("__chatiaUpsert(list, payload.{entity_field})"),
            ListEffect::Replace => format!("__chatiaReplace(list, payload.{entity_field})"),
            ListEffect::RemoveById => format!("__chatiaRemove(list, {id})"),
            ListEffect::RemoveByEntity => format!("__chatiaRemove(list, payload.{entity_field}.id)"),
        };
        cases.push((
            effect,
            ListCase {
                literals: vec![js_string(&action.name)],
                expr,
            },
        ));
    }
    let mut doc: Vec<String> = cases
        .iter()
        .map(|(effect, case)| effect_doc(*effect, &case.literals))
        .collect();
    doc.push("any other action: returns the list as is.".to_owned());
    if text_id && cases.iter().any(|(e, _)| *e == ListEffect::RemoveById) {
        doc.push(format!(
            "`{id_field}` is numeric and `{entity}.id` is text: they are compared as text."
        ));
    }
    Some(ListView {
        apply: event.ts.apply.clone(),
        entity,
        doc,
        cases: cases.into_iter().map(|(_, case)| case).collect(),
    })
}

fn effect_doc(effect: ListEffect, literals: &[String]) -> String {
    let actions = literals.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ");
    let what = match effect {
        ListEffect::Upsert => "replaces the entry with the same id, or adds the new one first",
        ListEffect::Replace => "replaces the entry with the same id; an entry not in the list is not added",
        ListEffect::RemoveById | ListEffect::RemoveByEntity => "removes the entry with that id",
    };
    format!("{actions}: {what}.")
}
