//! Rooms from the keys the code joins and sends to: each key becomes a pattern whose run-time
//! parts are parameters named after the values in them (`queue-${ticket.queueId}` →
//! `queue-{queueId}`). Keys that differ only in how a value is spelt are one room.

use heck::ToLowerCamelCase;
use indexmap::IndexMap;

use super::{At, RoomDraft, Source};
use crate::audit::value::{Part, Str};

/// Every room the code joins or sends to, by name, and what could not be read as one.
pub fn draft(sources: &[Source<'_>], left_out: &mut Vec<(At, String)>) -> IndexMap<String, RoomDraft> {
    let mut rooms: IndexMap<String, RoomDraft> = IndexMap::new();
    for source in sources {
        let joins = source.facts.joins.iter().map(|join| (&join.room, join.span.start));
        let sent = source
            .facts
            .emits
            .iter()
            .filter(|emit| !emit.in_wrapper_definition)
            .flat_map(|emit| emit.rooms.iter().map(move |room| (&room.key, emit.span.start)));
        for (key, offset) in joins.chain(sent) {
            let at = source.at(offset);
            match RoomKey::of(key) {
                Some(room) => add(&mut rooms, room, at),
                None => left_out.push((at, format!("room `{key}`: a part of it is not a value with a name"))),
            }
        }
    }
    // Of two rooms whose names overlap the later one is left out: the room most sites use
    // comes first (`company-{companyId}-mainchannel`, not one company's `company-1-mainchannel`),
    // then the one with fewer parameters (not `company-{companyId}-{status}`).
    rooms.sort_by(|_, a, _, b| b.sites.cmp(&a.sites).then(a.params.len().cmp(&b.params.len())));
    rooms
}

/// The name of the drafted room `key` is an instance of.
pub fn name_of(rooms: &IndexMap<String, RoomDraft>, key: &Str) -> Option<String> {
    let skeleton = RoomKey::of(key)?.skeleton;
    rooms
        .iter()
        .find(|(_, room)| skeleton_of(&room.pattern) == skeleton)
        .map(|(name, _)| name.clone())
}

fn add(rooms: &mut IndexMap<String, RoomDraft>, room: RoomKey, at: At) {
    if let Some(known) = rooms.values_mut().find(|known| skeleton_of(&known.pattern) == room.skeleton) {
        known.sites += 1;
        return;
    }
    let base = room.name();
    let name = (1..)
        .map(|n| if n == 1 { base.clone() } else { format!("{base}{n}") })
        .find(|name| !rooms.contains_key(name))
        .expect("some suffix is free");
    rooms.insert(
        name,
        RoomDraft {
            pattern: room.pattern,
            params: room.params,
            at,
            sites: 1,
        },
    );
}

/// A room key read as a pattern.
struct RoomKey {
    pattern: String,
    /// The pattern with every placeholder as `{}`: what two spellings of one room share.
    skeleton: String,
    params: Vec<(String, &'static str)>,
}

impl RoomKey {
    fn of(key: &Str) -> Option<RoomKey> {
        let mut pattern = String::new();
        let mut skeleton = String::new();
        let mut params: Vec<(String, &'static str)> = Vec::new();
        let mut before = "";
        for part in &key.parts {
            match part {
                Part::Lit(text) if text.contains(['{', '}']) => return None,
                Part::Lit(text) => {
                    pattern.push_str(text);
                    skeleton.push_str(text);
                    before = text;
                }
                Part::Dyn(d) => {
                    let name = param_name(&d.text, before)?;
                    before = "";
                    if params.iter().any(|(known, _)| *known == name) {
                        return None;
                    }
                    pattern.push_str(&format!("{{{name}}}"));
                    skeleton.push_str("{}");
                    let ty = if d.id_like { "integer" } else { "string" };
                    params.push((name, ty));
                }
            }
        }
        (!pattern.is_empty()).then_some(RoomKey {
            pattern,
            skeleton,
            params,
        })
    }

    /// The words of the pattern's text, or of its parameters when it has none.
    fn name(&self) -> String {
        let text: String = skeleton_of(&self.pattern).replace("{}", " ");
        let words = if text.chars().any(|c| c.is_ascii_alphanumeric()) {
            text
        } else {
            self.params
                .iter()
                .map(|(name, _)| name.trim_end_matches("Id").to_owned())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let name = words.to_lower_camel_case();
        if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            name
        } else {
            format!("room{}", heck::AsUpperCamelCase(&name))
        }
    }
}

/// `ticket.queueId` → `queueId`; `ticket.id` → `ticketId`; `id` right after the text `ticket-` → `ticketId`.
fn param_name(text: &str, before: &str) -> Option<String> {
    let mut segments = text.rsplit(['.', '?', '!']).filter(|s| !s.is_empty());
    let last = segments.next()?.trim_start_matches(['+', '(']).trim_end_matches(')');
    let plain =
        |s: &str| s.starts_with(|c: char| c.is_ascii_alphabetic()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !plain(last) {
        return None;
    }
    if last != "id" {
        return Some(last.to_lower_camel_case());
    }
    let owner = segments.next().filter(|s| plain(s)).map(str::to_owned).or_else(|| {
        let word: String = before
            .chars()
            .rev()
            .skip_while(|c| !c.is_ascii_alphanumeric())
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        (!word.is_empty()).then(|| word.chars().rev().collect())
    });
    Some(owner.map_or_else(|| "id".to_owned(), |owner| format!("{}Id", owner.to_lower_camel_case())))
}

/// A pattern with every `{name}` as `{}`.
fn skeleton_of(pattern: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in pattern.chars() {
        match c {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            '}' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(parts: &[&str]) -> Str {
        crate::init::str_of(parts)
    }

    #[test]
    fn keys_become_patterns_with_named_params() {
        let cases: [(&[&str], &str, &str); 5] = [
            (
                &["queue-", "$ticket.queueId", "-", "$ticket.status"],
                "queue-{queueId}-{status}",
                "queue",
            ),
            (&["ticket-", "$ticket.id"], "ticket-{ticketId}", "ticket"),
            (&["ticket-", "$id"], "ticket-{ticketId}", "ticket"),
            (&["$ticketId"], "{ticketId}", "ticket"),
            (
                &["company-", "$companyId", "-mainchannel"],
                "company-{companyId}-mainchannel",
                "companyMainchannel",
            ),
        ];
        for (parts, pattern, name) in cases {
            let room = RoomKey::of(&key(parts)).expect("a room");
            assert_eq!((room.pattern.as_str(), room.name().as_str()), (pattern, name), "{parts:?}");
        }
        assert_eq!(
            RoomKey::of(&key(&["$ticketId"])).unwrap().params,
            [("ticketId".to_owned(), "integer")]
        );
        assert_eq!(
            RoomKey::of(&key(&["$ticket.status"])).unwrap().params,
            [("status".to_owned(), "string")]
        );
    }

    #[test]
    fn keys_without_a_readable_name_are_refused() {
        assert!(RoomKey::of(&key(&["a-", "$x?1:2"])).is_none());
        assert!(RoomKey::of(&key(&["a{b}"])).is_none());
        assert!(RoomKey::of(&key(&["$id", "-", "$id"])).is_none());
    }

    #[test]
    fn spellings_of_one_room_are_one_room() {
        assert_eq!(skeleton_of("ticket-{ticketId}"), skeleton_of("ticket-{id}"));
    }
}
