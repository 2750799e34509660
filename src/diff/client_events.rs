//! Client events: what deployed clients send, which the server reads, and the replies they
//! read back.

use super::types::Place;
use super::{found, pointer, split, Cx, Direction, In, Rule};
use crate::protocol::{AckDecl, ClientEvent, FieldDecl, RoomAction, RoomActionKind};

const TO_SERVER: Direction = Direction::ClientToServer;
const TO_CLIENT: Direction = Direction::ServerToClient;

pub(super) fn check(cx: &mut Cx<'_>) {
    let (both, removed, added) = split(&cx.old.client_events, &cx.new.client_events, |e| &e.name);
    for event in removed {
        let message = format!("client event `{}` was removed", event.name);
        let change = found(
            Rule::ClientEventRemoved,
            TO_SERVER,
            subject(event),
            message,
            In::Old,
            at(event),
        );
        let renamed = added.iter().find(|e| same_arguments(e, event));
        cx.push(match renamed {
            Some(new) => change.hint(format!(
                "`{}` takes the same arguments: if it is this event renamed, deployed clients still send the old name",
                new.name
            )),
            None => change.hint("deployed clients still send it; the server answers `not-found`"),
        });
    }
    for event in added {
        let message = format!("client event `{}` was added", event.name);
        cx.push(found(
            Rule::ClientEventAdded,
            TO_SERVER,
            subject(event),
            message,
            In::New,
            at(event),
        ));
    }
    for (old, new) in both {
        arguments(cx, old, new);
        moved_arguments(cx, old, new);
        ack(cx, old, new);
        room(cx, old, new);
    }
}

fn subject(event: &ClientEvent) -> String {
    format!("clientEvents.{}", event.name)
}

fn at(event: &ClientEvent) -> String {
    pointer(&["clientEvents", &event.name])
}

fn same_arguments(a: &ClientEvent, b: &ClientEvent) -> bool {
    a.args.len() == b.args.len() && a.args.iter().zip(&b.args).all(|(x, y)| x.ty == y.ty)
}

/// Arguments are positional: the one at each position is compared with the one at the same
/// position, whatever their names.
fn arguments(cx: &mut Cx<'_>, old: &ClientEvent, new: &ClientEvent) {
    let place = |i: usize, name: &str| Place {
        subject: format!("{}.args.{i}", subject(new)),
        what: format!("argument {} (`{name}`) of client event `{}`", i + 1, new.name),
        old: pointer(&["clientEvents", &old.name, "args", &i.to_string()]),
        new: pointer(&["clientEvents", &new.name, "args", &i.to_string()]),
    };
    for (i, (o, n)) in old.args.iter().zip(&new.args).enumerate() {
        cx.field_pair(TO_SERVER, o, n, &place(i, &n.name));
    }
    for (i, arg) in old.args.iter().enumerate().skip(new.args.len()) {
        cx.field_removed(TO_SERVER, &place(i, &arg.name));
    }
    for (i, arg) in new.args.iter().enumerate().skip(old.args.len()) {
        cx.field_added(TO_SERVER, arg, &place(i, &arg.name));
    }
}

/// An argument whose name is now at another position: its values go to another parameter.
fn moved_arguments(cx: &mut Cx<'_>, old: &ClientEvent, new: &ClientEvent) {
    let position = |args: &[FieldDecl], name: &str| args.iter().position(|a| a.name == name);
    for (from, arg) in old.args.iter().enumerate() {
        let Some(to) = position(&new.args, &arg.name).filter(|to| *to != from) else {
            continue;
        };
        let message = format!(
            "argument `{}` of client event `{}` moved from position {} to {}",
            arg.name,
            new.name,
            from + 1,
            to + 1
        );
        let at = pointer(&["clientEvents", &new.name, "args", &to.to_string()]);
        let change = found(
            Rule::ArgumentMoved,
            TO_SERVER,
            format!("{}.args.{to}", subject(new)),
            message,
            In::New,
            at,
        );
        cx.push(change.hint("deployed clients send it at its old position; add new arguments at the end instead"));
    }
}

/// The acknowledgement: whether the client must pass a callback (the server checks it), and
/// the reply's `data`, which the client reads.
fn ack(cx: &mut Cx<'_>, old: &ClientEvent, new: &ClientEvent) {
    let ack_subject = format!("{}.ack", subject(new));
    let name = &new.name;
    match (&old.ack, &new.ack) {
        (None, None) => {}
        (Some(_), None) => {
            let message = format!("client event `{name}` no longer replies");
            let change = found(Rule::AckRemoved, TO_CLIENT, ack_subject, message, In::Old, ack_at(old));
            cx.push(change.hint("deployed clients wait for the reply and fail with `NoReplyError`"));
        }
        (None, Some(AckDecl { required: false, .. })) => {
            let message = format!("client event `{name}` now replies when the client passes a callback");
            cx.push(found(Rule::AckAdded, TO_CLIENT, ack_subject, message, In::New, ack_at(new)));
        }
        (None, Some(AckDecl { required: true, .. })) => {
            let message = format!("client event `{name}` now requires an acknowledgement callback");
            let change = found(Rule::AckMadeRequired, TO_SERVER, ack_subject, message, In::New, ack_at(new));
            cx.push(change.hint("deployed clients send it without one; leave `required` out"));
        }
        (Some(o), Some(n)) => {
            required(cx, new, o, n);
            data(cx, old, new, o, n);
        }
    }
}

fn ack_at(event: &ClientEvent) -> String {
    pointer(&["clientEvents", &event.name, "ack"])
}

fn required(cx: &mut Cx<'_>, event: &ClientEvent, old: &AckDecl, new: &AckDecl) {
    if old.required == new.required {
        return;
    }
    let ack_subject = format!("{}.ack", subject(event));
    let at = pointer(&["clientEvents", &event.name, "ack", "required"]);
    let name = &event.name;
    let change = if new.required {
        let message = format!("client event `{name}` now requires an acknowledgement callback");
        found(Rule::AckMadeRequired, TO_SERVER, ack_subject, message, In::New, at)
            .hint("deployed clients that pass no callback are refused")
    } else {
        let message = format!("client event `{name}` no longer requires an acknowledgement callback");
        found(Rule::AckMadeOptional, TO_SERVER, ack_subject, message, In::New, at)
    };
    cx.push(change);
}

/// `data` of a successful reply, which the client reads like a payload field.
fn data(cx: &mut Cx<'_>, old_event: &ClientEvent, new_event: &ClientEvent, old: &AckDecl, new: &AckDecl) {
    let place = Place {
        subject: format!("{}.ack.data", subject(new_event)),
        what: format!("the reply's `data` of client event `{}`", new_event.name),
        old: pointer(&["clientEvents", &old_event.name, "ack", "type"]),
        new: pointer(&["clientEvents", &new_event.name, "ack", "type"]),
    };
    match (&old.ty, &new.ty) {
        (Some(o), Some(n)) => cx.type_pair(TO_CLIENT, o, n, &place),
        (Some(_), None) => cx.field_removed(TO_CLIENT, &place),
        (None, Some(ty)) => {
            let data = FieldDecl {
                name: "data".to_owned(),
                ty: ty.clone(),
                optional: false,
                nullable: false,
                description: None,
            };
            cx.field_added(TO_CLIENT, &data, &place);
        }
        (None, None) => {}
    }
}

/// The room a joins/leaves event acts on, with the argument each parameter takes.
fn room(cx: &mut Cx<'_>, old: &ClientEvent, new: &ClientEvent) {
    if same_room(old.room.as_ref(), new.room.as_ref()) {
        return;
    }
    let message = format!(
        "client event `{}` now {} (before: {})",
        new.name,
        describe(new.room.as_ref()),
        describe(old.room.as_ref())
    );
    let at = match &new.room {
        Some(r) => pointer(&["clientEvents", &new.name, kind_key(r.kind)]),
        None => at(new),
    };
    cx.push(found(
        Rule::ClientEventRoomChanged,
        TO_SERVER,
        subject(new),
        message,
        In::New,
        at,
    ));
}

fn same_room(old: Option<&RoomAction>, new: Option<&RoomAction>) -> bool {
    match (old, new) {
        (Some(o), Some(n)) => o.kind == n.kind && o.room == n.room && o.params == n.params,
        (o, n) => o.is_none() && n.is_none(),
    }
}

/// The catalog key, which is also the verb: `joins`, `leaves`.
fn kind_key(kind: RoomActionKind) -> &'static str {
    match kind {
        RoomActionKind::Join => "joins",
        RoomActionKind::Leave => "leaves",
    }
}

/// "joins room `ticket` with argument 1 as `ticketId`", "runs the application's handler".
fn describe(room: Option<&RoomAction>) -> String {
    let Some(room) = room else {
        return "runs the application's handler".to_owned();
    };
    let params: Vec<String> = room
        .params
        .iter()
        .map(|(param, index)| format!("argument {} as `{param}`", index + 1))
        .collect();
    let with = if params.is_empty() {
        String::new()
    } else {
        format!(" with {}", params.join(", "))
    };
    format!("{} room `{}`{with}", kind_key(room.kind), room.room)
}
