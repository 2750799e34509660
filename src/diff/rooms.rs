//! Rooms: their names on the wire, their parameters, and who may ask to join them.

use super::{found, pointer, split, Cx, Direction, In, Rule};
use crate::protocol::{ParamType, RoomDecl};

pub(super) fn check(cx: &mut Cx<'_>) {
    let (both, removed, added) = split(&cx.old.rooms, &cx.new.rooms, |r| &r.name);
    for room in removed {
        let message = format!("room `{}` was removed", room.name);
        cx.push(found(
            Rule::RoomRemoved,
            Direction::Both,
            subject(room),
            message,
            In::Old,
            at(room),
        ));
    }
    for room in added {
        let message = format!("room `{}` was added", room.name);
        cx.push(found(
            Rule::RoomAdded,
            Direction::Both,
            subject(room),
            message,
            In::New,
            at(room),
        ));
    }
    for (old, new) in both {
        pattern(cx, old, new);
        params(cx, old, new);
        joinable(cx, old, new);
    }
}

fn subject(room: &RoomDecl) -> String {
    format!("rooms.{}", room.name)
}

fn at(room: &RoomDecl) -> String {
    pointer(&["rooms", &room.name])
}

fn pattern(cx: &mut Cx<'_>, old: &RoomDecl, new: &RoomDecl) {
    if old.pattern.text == new.pattern.text {
        return;
    }
    let message = format!(
        "room `{}` is now named `{}`, `{}` before",
        new.name, new.pattern.text, old.pattern.text
    );
    let at = pointer(&["rooms", &new.name, "pattern"]);
    cx.push(found(
        Rule::RoomPatternChanged,
        Direction::Both,
        subject(new),
        message,
        In::New,
        at,
    ));
}

/// Parameters by name and kind; an enum parameter stays the same kind whatever its values (a
/// value's change is reported where the values travel: payloads and arguments).
fn params(cx: &mut Cx<'_>, old: &RoomDecl, new: &RoomDecl) {
    let same = old.params.len() == new.params.len()
        && old
            .params
            .iter()
            .all(|o| new.params.iter().any(|n| n.name == o.name && same_kind(&o.ty, &n.ty)));
    if same {
        return;
    }
    let message = format!("room `{}` now takes {}, {} before", new.name, describe(new), describe(old));
    let at = pointer(&["rooms", &new.name, "params"]);
    cx.push(found(
        Rule::RoomParamsChanged,
        Direction::Both,
        subject(new),
        message,
        In::New,
        at,
    ));
}

fn same_kind(old: &ParamType, new: &ParamType) -> bool {
    matches!(
        (old, new),
        (ParamType::Integer, ParamType::Integer)
            | (ParamType::String, ParamType::String)
            | (ParamType::Enum(_), ParamType::Enum(_))
    )
}

/// "`ticketId: integer`", or "no parameters".
fn describe(room: &RoomDecl) -> String {
    if room.params.is_empty() {
        return "no parameters".to_owned();
    }
    let params: Vec<String> = room
        .params
        .iter()
        .map(|p| {
            let ty = match &p.ty {
                ParamType::Integer => "integer",
                ParamType::String => "string",
                ParamType::Enum(name) => name,
            };
            format!("`{}: {ty}`", p.name)
        })
        .collect();
    params.join(", ")
}

fn joinable(cx: &mut Cx<'_>, old: &RoomDecl, new: &RoomDecl) {
    if old.joinable == new.joinable {
        return;
    }
    let (rule, message) = if new.joinable {
        (
            Rule::RoomMadeJoinable,
            format!("clients may now ask to join room `{}`", new.name),
        )
    } else {
        (
            Rule::RoomMadeUnjoinable,
            format!("clients may no longer ask to join room `{}`", new.name),
        )
    };
    let at = pointer(&["rooms", &new.name, "joinable"]);
    cx.push(found(rule, Direction::ClientToServer, subject(new), message, In::New, at));
}
