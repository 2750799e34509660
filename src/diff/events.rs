//! Server events: what each company's clients listen to, per action and payload field.

use super::types::Place;
use super::{found, pointer, split, Cx, Direction, In, Rule};
use crate::protocol::{ActionDecl, Carried, Role, ServerEvent};

const TO_CLIENT: Direction = Direction::ServerToClient;

pub(super) fn check(cx: &mut Cx<'_>) {
    let (both, removed, added) = split(&cx.old.events, &cx.new.events, |e| &e.resource);
    for event in removed {
        let message = format!("event `{}` was removed", event.resource);
        let change = found(Rule::EventRemoved, TO_CLIENT, subject(event), message, In::Old, at(event));
        let renamed = added.iter().find(|e| same_actions(e, event));
        cx.push(match renamed {
            Some(new) => change.hint(format!(
                "`{}` has the same actions: if it is this event renamed, deployed clients still listen to the old name",
                new.resource
            )),
            None => change,
        });
    }
    for event in added {
        let message = format!("event `{}` was added", event.resource);
        cx.push(found(
            Rule::EventAdded,
            TO_CLIENT,
            subject(event),
            message,
            In::New,
            at(event),
        ));
    }
    for (old, new) in both {
        targets(cx, old, new);
        actions(cx, old, new);
    }
}

fn subject(event: &ServerEvent) -> String {
    format!("events.{}", event.resource)
}

fn at(event: &ServerEvent) -> String {
    pointer(&["events", &event.resource])
}

/// A likely rename: the same action names, in any order.
fn same_actions(a: &ServerEvent, b: &ServerEvent) -> bool {
    action_names(a) == action_names(b)
}

fn action_names(event: &ServerEvent) -> Vec<&str> {
    let mut names: Vec<&str> = event.actions.iter().map(|a| a.name.as_str()).collect();
    names.sort_unstable();
    names
}

/// The rooms the event may go to, and the whole namespace.
fn targets(cx: &mut Cx<'_>, old: &ServerEvent, new: &ServerEvent) {
    let resource = &new.resource;
    let rooms = pointer(&["events", resource, "rooms"]);
    for room in old.rooms.iter().filter(|r| !new.rooms.contains(r)) {
        let message = format!("event `{resource}` no longer targets room `{room}`");
        let target = format!("{}.rooms.{room}", subject(new));
        cx.push(found(
            Rule::EventTargetRemoved,
            TO_CLIENT,
            target,
            message,
            In::New,
            rooms.clone(),
        ));
    }
    for room in new.rooms.iter().filter(|r| !old.rooms.contains(r)) {
        let message = format!("event `{resource}` may now target room `{room}`");
        let target = format!("{}.rooms.{room}", subject(new));
        cx.push(found(
            Rule::EventTargetAdded,
            TO_CLIENT,
            target,
            message,
            In::New,
            rooms.clone(),
        ));
    }
    if old.broadcast != new.broadcast {
        let (rule, message) = if new.broadcast {
            (
                Rule::EventTargetAdded,
                format!("event `{resource}` may now go to the whole company namespace"),
            )
        } else {
            (
                Rule::EventTargetRemoved,
                format!("event `{resource}` no longer goes to the whole company namespace"),
            )
        };
        let at = pointer(&["events", resource, "broadcast"]);
        cx.push(found(
            rule,
            TO_CLIENT,
            format!("{}.broadcast", subject(new)),
            message,
            In::New,
            at,
        ));
    }
}

fn actions(cx: &mut Cx<'_>, old: &ServerEvent, new: &ServerEvent) {
    let (both, removed, added) = split(&old.actions, &new.actions, |a| &a.name);
    for action in removed {
        let message = format!("action `{}` of event `{}` was removed", action.name, old.resource);
        let change = found(
            Rule::ActionRemoved,
            TO_CLIENT,
            action_subject(old, action),
            message,
            In::Old,
            action_at(old, action),
        );
        cx.push(change.hint("deployed clients handle it and will not hear it again"));
    }
    for action in added {
        let message = format!("action `{}` was added to event `{}`", action.name, new.resource);
        cx.push(found(
            Rule::ActionAdded,
            TO_CLIENT,
            action_subject(new, action),
            message,
            In::New,
            action_at(new, action),
        ));
    }
    for (o, n) in both {
        delivery(cx, new, o, n);
        payload(cx, (old, o), (new, n));
    }
}

fn action_subject(event: &ServerEvent, action: &ActionDecl) -> String {
    format!("events.{}.actions.{}", event.resource, action.name)
}

fn action_at(event: &ServerEvent, action: &ActionDecl) -> String {
    pointer(&["events", &event.resource, "actions", &action.name])
}

/// Volatile and critical, as resolved (a `delete` is critical unless the catalog says not).
fn delivery(cx: &mut Cx<'_>, event: &ServerEvent, old: &ActionDecl, new: &ActionDecl) {
    let name = format!("action `{}` of event `{}`", new.name, event.resource);
    let mut changes = Vec::new();
    if old.volatile != new.volatile {
        changes.push(if new.volatile {
            (
                Rule::DeliveryWeakened,
                format!("{name} is now sent volatile: a busy client misses it"),
            )
        } else {
            (Rule::DeliveryStrengthened, format!("{name} is no longer sent volatile"))
        });
    }
    if old.critical != new.critical {
        changes.push(if new.critical {
            (
                Rule::DeliveryStrengthened,
                format!("{name} is now critical: no rate limit drops it"),
            )
        } else {
            (
                Rule::DeliveryWeakened,
                format!("{name} is no longer critical: a rate limit may drop it"),
            )
        });
    }
    for (rule, message) in changes {
        cx.push(found(
            rule,
            TO_CLIENT,
            action_subject(event, new),
            message,
            In::New,
            action_at(event, new),
        ));
    }
}

/// The payload fields an action carries besides the four fixed ones.
fn payload(cx: &mut Cx<'_>, old: (&ServerEvent, &ActionDecl), new: (&ServerEvent, &ActionDecl)) {
    let place = |name: &str, old_role: Option<Role>, new_role: Option<Role>| Place {
        subject: format!("{}.payload.{name}", action_subject(new.0, new.1)),
        what: format!("payload field `{name}` of `{}` `{}` events", new.0.resource, new.1.name),
        old: field_at(old.0, old.1, name, old_role),
        new: field_at(new.0, new.1, name, new_role),
    };
    let (both, removed, added) = split(&old.1.carried, &new.1.carried, |c| &c.field.name);
    for (o, n) in both {
        cx.field_pair(
            TO_CLIENT,
            &o.field,
            &n.field,
            &place(&o.field.name, Some(o.role), Some(n.role)),
        );
    }
    for carried in removed {
        cx.field_removed(TO_CLIENT, &place(&carried.field.name, Some(carried.role), None));
    }
    for Carried { field, role } in added {
        cx.field_added(TO_CLIENT, field, &place(&field.name, None, Some(*role)));
    }
}

/// An extra field where it is declared, the entity at `entity`, anything else at the action.
fn field_at(event: &ServerEvent, action: &ActionDecl, name: &str, role: Option<Role>) -> String {
    match role {
        Some(Role::Extra) => pointer(&["events", &event.resource, "fields", name]),
        Some(Role::Entity) => pointer(&["events", &event.resource, "entity"]),
        _ => pointer(&["events", &event.resource, "actions", &action.name, "carries"]),
    }
}
