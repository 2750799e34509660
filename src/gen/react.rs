//! React target: hooks for socket.io-client 4.7. One subscription hook and handler type per
//! event, a list helper for events that carry an entity with an `id`, and the hook that opens
//! the company's namespace. Names and expressions are computed here; `react/hooks.ts` lays
//! them out.

use std::collections::BTreeSet;

use anyhow::Result;
use askama::Template;

use crate::catalog::model::{Catalog, Event, TypeExpr};
use crate::catalog::names::{js_string, ts_member, ts_stem, ts_type, TsEventNames};
use crate::catalog::Loaded;
use crate::gen::typescript::{doc_lines, entity_id_field, types_import};
use crate::gen::Target;

#[derive(Template)]
#[template(path = "react/hooks.ts", escape = "none")]
struct HooksView {
    namespace_pattern: String,
    /// The module specifier of the payload types, quoted.
    types_import: String,
    /// Type names imported from the payload types, sorted.
    type_imports: Vec<String>,
    events: Vec<EventView>,
    uses_upsert: bool,
    uses_replace: bool,
    uses_remove: bool,
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

/// What an action does to a list of the event's entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListEffect {
    /// `create` carrying the entity: replace the entry with its id, or add it first.
    Upsert,
    /// Any other action carrying the entity: replace the entry with its id, never add one.
    Replace,
    /// `delete` carrying the id field: remove the entry with that id.
    RemoveById,
    /// `delete` carrying only the entity: remove the entry with its id.
    RemoveByEntity,
}

pub fn render(loaded: &Loaded) -> Result<String> {
    let catalog = &loaded.catalog;
    let events: Vec<EventView> = catalog.events.keys().map(|resource| event_view(catalog, resource)).collect();
    let effects: Vec<ListEffect> = catalog
        .events
        .iter()
        .filter(|(_, event)| list_entity(catalog, event).is_some())
        .flat_map(|(resource, event)| event.actions.keys().filter_map(|action| list_effect(event, resource, action)))
        .collect();
    let view = HooksView {
        namespace_pattern: catalog.conventions.namespace.replace(['\r', '\n'], " "),
        types_import: types_import(loaded, Target::React)?,
        type_imports: type_imports(catalog),
        events,
        uses_upsert: effects.contains(&ListEffect::Upsert),
        uses_replace: effects.contains(&ListEffect::Replace),
        uses_remove: effects
            .iter()
            .any(|e| matches!(e, ListEffect::RemoveById | ListEffect::RemoveByEntity)),
    };
    Ok(view.render()?)
}

fn type_imports(catalog: &Catalog) -> Vec<String> {
    let mut names: BTreeSet<String> = ["ClientToServerEvents", "ServerToClientEvents"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    for (resource, event) in &catalog.events {
        let event_names = TsEventNames::new(resource, event.actions.keys().map(String::as_str));
        names.insert(event_names.payload);
        names.extend(event_names.variants);
        if let Some(entity) = list_entity(catalog, event) {
            names.insert(ts_type(entity));
        }
    }
    names.into_iter().collect()
}

fn event_view(catalog: &Catalog, resource: &str) -> EventView {
    let event = &catalog.events[resource];
    let names = TsEventNames::new(resource, event.actions.keys().map(String::as_str));
    let stem = ts_stem(resource);
    let actions = event
        .actions
        .iter()
        .zip(&names.variants)
        .map(|((action, spec), variant)| HandlerView {
            key: ts_member(action),
            literal: js_string(action),
            variant: variant.clone(),
            doc: doc_lines(spec.description.as_deref()),
        })
        .collect();
    EventView {
        resource: resource.to_owned(),
        member: ts_member(resource),
        hook: format!("use{stem}Events"),
        handlers: names.handlers,
        payload: names.payload,
        dispatch: format!("__chatiaDispatch{stem}"),
        doc: doc_lines(event.description.as_deref()),
        actions,
        list: list_view(catalog, event, resource, &stem),
    }
}

/// The entity a list helper keeps: the event's DTO, when it has an `id` that is always there.
fn list_entity<'a>(catalog: &Catalog, event: &'a Event) -> Option<&'a str> {
    let id = entity_id_field(catalog, event)?;
    let scalar = matches!(
        TypeExpr::parse(&id.ty),
        Ok(TypeExpr::Integer | TypeExpr::Number | TypeExpr::String)
    );
    event.entity.as_deref().filter(|_| scalar)
}

fn list_effect(event: &Event, resource: &str, action: &str) -> Option<ListEffect> {
    let carried = event.carried(resource, action);
    let carries_entity = carried.contains(&event.entity_field_name(resource));
    let carries_id = carried.contains(&event.id_field_name(resource));
    match action {
        "create" if carries_entity => Some(ListEffect::Upsert),
        "delete" if carries_id => Some(ListEffect::RemoveById),
        "delete" if carries_entity => Some(ListEffect::RemoveByEntity),
        "delete" => None,
        _ if carries_entity => Some(ListEffect::Replace),
        _ => None,
    }
}

fn list_view(catalog: &Catalog, event: &Event, resource: &str, stem: &str) -> Option<ListView> {
    let entity = list_entity(catalog, event)?;
    let entity_field = event.entity_field_name(resource);
    let id_field = event.id_field_name(resource);
    // The id field is numeric; an entity whose `id` is text is matched by the id's text.
    let text_id = entity_id_field(catalog, event).is_some_and(|field| field.ty == "string");
    let mut cases: Vec<(ListEffect, ListCase)> = Vec::new();
    for action in event.actions.keys() {
        let Some(effect) = list_effect(event, resource, action) else {
            continue;
        };
        if let Some((_, case)) = cases.iter_mut().find(|(e, _)| *e == effect) {
            case.literals.push(js_string(action));
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
                literals: vec![js_string(action)],
                expr,
            },
        ));
    }
    if cases.is_empty() {
        return None;
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
        apply: format!("apply{stem}Event"),
        entity: ts_type(entity),
        doc,
        cases: cases.into_iter().map(|(_, case)| case).collect(),
    })
}

/// An event's list helper as the hooks file exports it, for code written against it (the
/// examples of WEBSOCKET.md).
pub(crate) struct ListHelper {
    /// `applyTicketEvent`.
    pub apply: String,
    /// `Ticket`: what the list holds.
    pub entity: String,
    /// The actions that change the list, in catalog order; the others leave it as is.
    pub actions: Vec<String>,
}

/// The list helper of `resource`, when the hooks file has one.
pub(crate) fn list_helper(catalog: &Catalog, resource: &str) -> Option<ListHelper> {
    let event = &catalog.events[resource];
    let view = list_view(catalog, event, resource, &ts_stem(resource))?;
    let actions = event.actions.keys().filter(|a| list_effect(event, resource, a).is_some());
    Some(ListHelper {
        apply: view.apply,
        entity: view.entity,
        actions: actions.cloned().collect(),
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
