//! Room names must never overlap: a client that passes the ownership check for one room must not
//! end up in another room, or in the same room under other parameters. `check` proves it:
//!
//! - within one room, the parameters can be read back from the name (the name is injective):
//!   every pattern starts with literal text; two placeholders are separated by literal text; the
//!   text after an integer does not start with a digit (an integer is `0` or `-?[1-9][0-9]*`, so
//!   it ends where the digits end); the values of an enum followed by text stay apart once that
//!   text is appended (no `value + text` is a prefix of another); a string parameter, which may
//!   hold anything, is the last placeholder and the only string one;
//! - between two rooms, no name belongs to both: each pattern is turned into a deterministic
//!   automaton and their product is searched for a name both accept, which `check` then shows.

use std::collections::{HashMap, VecDeque};

use regex_automata::dfa::{dense, Automaton};
use regex_automata::util::primitives::StateID;
use regex_automata::util::start::Config as StartConfig;
use regex_automata::Anchored;

use super::{escape_pointer, placeholders, Problem};
use crate::catalog::model::Catalog;

/// A room pattern cut into text and typed placeholders.
enum Part<'a> {
    Literal(String),
    Int,
    Str,
    Enum(&'a [String]),
}

pub(super) fn check_room_names(catalog: &Catalog, problems: &mut Vec<Problem>) {
    let mut languages = Vec::new();
    for (name, room) in &catalog.rooms {
        let pointer = format!("/rooms/{}/pattern", escape_pointer(name));
        let Some(parts) = parts(catalog, &room.pattern, &room.params) else {
            continue;
        };
        match ambiguity(&parts) {
            Some(message) => problems.push(Problem::at(
                pointer,
                "ambiguous-room",
                format!("room `{name}`: {message}"),
                "separate placeholders with text that cannot occur in the value before it, and put a string parameter last",
            )),
            None => languages.push((name, pointer, regex(&parts))),
        }
    }
    for (i, (first, _, a)) in languages.iter().enumerate() {
        for (second, pointer, b) in &languages[i + 1..] {
            if let Some(shared) = shared_name(a, b) {
                problems.push(Problem::at(
                    pointer.clone(),
                    "overlapping-rooms",
                    format!("rooms `{first}` and `{second}` can both be named `{shared}`"),
                    "start each room's pattern with text no other room's names can start with, e.g. `ticket-{ticketId}` and `label-{label}`",
                ));
            }
        }
    }
}

/// `None` when the pattern or a parameter is invalid: other checks report that.
fn parts<'a>(catalog: &'a Catalog, pattern: &str, params: &indexmap::IndexMap<String, String>) -> Option<Vec<Part<'a>>> {
    let names = placeholders(pattern).ok()?;
    let mut parts = Vec::new();
    let mut rest = pattern;
    for name in names {
        let token = format!("{{{name}}}");
        let (before, after) = rest.split_once(&token)?;
        if !before.is_empty() {
            parts.push(Part::Literal(before.to_owned()));
        }
        parts.push(match params.get(&name)?.as_str() {
            "integer" => Part::Int,
            "string" => Part::Str,
            enum_name => Part::Enum(catalog.types.get(enum_name)?.variants.as_deref()?),
        });
        rest = after;
    }
    if !rest.is_empty() {
        parts.push(Part::Literal(rest.to_owned()));
    }
    Some(parts)
}

/// Why the parameters cannot always be read back from a name, or `None` when they can.
fn ambiguity(parts: &[Part<'_>]) -> Option<String> {
    if !matches!(parts.first(), Some(Part::Literal(_))) {
        return Some(
            "the pattern must start with text, or its names can be any other room's (or a socket's own room)".to_owned(),
        );
    }
    let strings = parts.iter().filter(|p| matches!(p, Part::Str)).count();
    let last_placeholder = parts.iter().rposition(|p| !matches!(p, Part::Literal(_)));
    for (i, part) in parts.iter().enumerate() {
        if matches!(part, Part::Literal(_)) {
            continue;
        }
        let next = match parts.get(i + 1) {
            Some(Part::Literal(text)) => Some(text.as_str()),
            None => None,
            Some(_) => return Some("two placeholders follow each other without text between them".to_owned()),
        };
        match part {
            Part::Literal(_) => {}
            Part::Int if next.is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit())) => {
                return Some("the text after an integer starts with a digit".to_owned())
            }
            Part::Int => {}
            Part::Str if strings > 1 || Some(i) != last_placeholder => {
                return Some(
                    "a string parameter can hold any text, so it must be the last placeholder and the only string one".to_owned(),
                )
            }
            Part::Str => {}
            Part::Enum(values) => {
                if let Some(clash) = prefix_clash(values, next.unwrap_or("")) {
                    return Some(clash);
                }
            }
        }
    }
    None
}

/// Two enum values that read alike once the following text is appended: `a` + `-` is a prefix of
/// `a-b` + `-`.
fn prefix_clash(values: &[String], text: &str) -> Option<String> {
    if text.is_empty() {
        return None;
    }
    let ended: Vec<String> = values.iter().map(|v| format!("{v}{text}")).collect();
    for (i, a) in ended.iter().enumerate() {
        for (j, b) in ended.iter().enumerate() {
            if i != j && b.starts_with(a.as_str()) {
                return Some(format!(
                    "enum values `{}` and `{}` cannot be told apart before `{text}`",
                    values[i], values[j]
                ));
            }
        }
    }
    None
}

/// The names a pattern produces, as a regular expression.
fn regex(parts: &[Part<'_>]) -> String {
    let mut out = String::from("^(?s:");
    for part in parts {
        match part {
            Part::Literal(text) => out.push_str(&regex_syntax::escape(text)),
            // As `${n}` and `to_string` write a safe integer.
            Part::Int => out.push_str("(?:0|-?[1-9][0-9]*)"),
            Part::Str => out.push_str(".*"),
            Part::Enum(values) => {
                let alternatives: Vec<String> = values.iter().map(|v| regex_syntax::escape(v)).collect();
                out.push_str(&format!("(?:{})", alternatives.join("|")));
            }
        }
    }
    out.push_str(")$");
    out
}

/// A state of the product automaton: one state of each room's automaton.
type Pair = (StateID, StateID);

/// How the search reached each pair: the pair before it and the byte read, `None` at the start.
type Parents = HashMap<Pair, Option<(Pair, u8)>>;

/// A name both patterns produce, found by searching the product of their automata breadth-first
/// (so the shortest such name).
fn shared_name(a: &str, b: &str) -> Option<String> {
    let (da, db) = (dense::DFA::new(a).ok()?, dense::DFA::new(b).ok()?);
    let anchored = StartConfig::new().anchored(Anchored::Yes);
    let start = (da.start_state(&anchored).ok()?, db.start_state(&anchored).ok()?);
    let mut parent: Parents = HashMap::from([(start, None)]);
    let mut queue = VecDeque::from([start]);
    while let Some(pair @ (sa, sb)) = queue.pop_front() {
        if da.is_match_state(da.next_eoi_state(sa)) && db.is_match_state(db.next_eoi_state(sb)) {
            return Some(witness(&parent, pair));
        }
        for byte in 0..=u8::MAX {
            let next = (da.next_state(sa, byte), db.next_state(sb, byte));
            if da.is_dead_state(next.0) || db.is_dead_state(next.1) || parent.contains_key(&next) {
                continue;
            }
            parent.insert(next, Some((pair, byte)));
            queue.push_back(next);
        }
    }
    None
}

fn witness(parent: &Parents, mut at: Pair) -> String {
    let mut bytes = Vec::new();
    while let Some(Some((previous, byte))) = parent.get(&at) {
        bytes.push(*byte);
        at = *previous;
    }
    bytes.reverse();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(rooms: &str, types: &str) -> Vec<String> {
        let yaml = format!("version: 1\ntypes:\n{types}\nrooms:\n{rooms}\nevents:\n  t:\n    actions: {{ delete: {{}} }}\n");
        let parsed = crate::catalog::load::parse::<Catalog>(std::path::Path::new("t.yaml"), yaml.as_bytes()).unwrap();
        let mut found = Vec::new();
        check_room_names(&parsed.value.unwrap(), &mut found);
        found.into_iter().map(|p| format!("{}: {}", p.code, p.message)).collect()
    }

    const STATUS: &str = "  S:\n    enum: [open, pending, with-hyphen, with]";

    #[test]
    fn the_product_rooms_are_disjoint() {
        let rooms = "  ticket: { pattern: \"ticket-{ticketId}\", params: { ticketId: integer } }\n  status: { pattern: \"status-{status}\", params: { status: S } }\n  queue: { pattern: \"queue-{queueId}-notification\", params: { queueId: integer } }\n  queueAll: { pattern: \"queue-{queueId}\", params: { queueId: integer } }\n  notification: { pattern: notification }";
        assert_eq!(problems(rooms, STATUS), Vec::<String>::new());
    }

    #[test]
    fn a_string_room_that_can_name_another_room_is_refused() {
        let rooms = "  ticket: { pattern: \"ticket-{ticketId}\", params: { ticketId: integer } }\n  label: { pattern: \"t{label}\", params: { label: string } }";
        assert_eq!(
            problems(rooms, STATUS),
            ["overlapping-rooms: rooms `ticket` and `label` can both be named `ticket-0`"]
        );
    }

    #[test]
    fn names_that_cannot_be_read_back_are_refused() {
        for pattern in ["q{x}{y}", "p-{a}-{b}", "{ticketId}", "n{x}1", "s-{s}-{x}"] {
            let rooms = format!("  r: {{ pattern: \"{pattern}\", params: {{ {} }} }}", params_of(pattern));
            let found = problems(&rooms, STATUS);
            assert!(
                found.len() == 1 && found[0].starts_with("ambiguous-room"),
                "{pattern}: {found:?}"
            );
        }
    }

    fn params_of(pattern: &str) -> String {
        placeholders(pattern)
            .unwrap()
            .iter()
            .map(|p| match p.as_str() {
                "a" | "b" | "label" => format!("{p}: string"),
                "s" => format!("{p}: S"),
                _ => format!("{p}: integer"),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    #[test]
    fn enum_values_must_stay_apart_before_the_next_text() {
        let rooms = "  r: { pattern: \"s-{s}-{n}\", params: { s: S, n: integer } }";
        assert_eq!(
            problems(rooms, STATUS),
            ["ambiguous-room: room `r`: enum values `with` and `with-hyphen` cannot be told apart before `-`"]
        );
    }
}
