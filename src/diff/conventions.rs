//! The names every event lives under: the company namespace and the server event pattern.

use super::{found, pointer, Cx, Direction, In, Rule};
use crate::protocol::Pattern;

pub(super) fn check(cx: &mut Cx<'_>) {
    let patterns = [
        (
            &cx.old.namespace,
            &cx.new.namespace,
            Rule::NamespaceChanged,
            Direction::Both,
            "namespace",
            "the company namespace",
        ),
        (
            &cx.old.event_pattern,
            &cx.new.event_pattern,
            Rule::EventPatternChanged,
            Direction::ServerToClient,
            "event",
            "the server event name pattern",
        ),
    ];
    let changed: Vec<_> = patterns
        .into_iter()
        .filter(|(old, new, ..)| old.text != new.text)
        .map(|(old, new, rule, direction, key, what)| (rule, direction, key, message(what, old, new)))
        .collect();
    for (rule, direction, key, message) in changed {
        let subject = format!("conventions.{key}");
        cx.push(found(
            rule,
            direction,
            subject,
            message,
            In::New,
            pointer(&["conventions", key]),
        ));
    }
}

fn message(what: &str, old: &Pattern, new: &Pattern) -> String {
    format!("{what} changed from `{}` to `{}`", old.text, new.text)
}
