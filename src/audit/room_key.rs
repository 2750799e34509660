//! What a room's key says about who is in the room, on a namespace every company shares.
//!
//! A key that interpolates the company (`` `company-${companyId}-mainchannel` ``) holds one
//! company's sockets. A key with an entity's id in it (`ticket.id`, `` `queue-${queue.id}-${status}` ``) holds
//! the sockets the join let in, which `client-room-join` judges where the join is. Any other key
//! (`notification`, a raw status, `super`) is *open*: whoever the server joins to it, of any
//! company, receives what is sent there. A key interpolating a record's foreign key that can be
//! null (`` `queue-${ticket.queueId}-notification` ``) becomes `queue-null-notification`, open
//! to every company whose sockets are joined to that literal room.

use super::project::names_a_tenant;
use super::scan::RoomKey;
use super::value::{Dyn, Part, Str};

/// Literal text right before an id that names the company it belongs to.
const COMPANY_PREFIXES: [&str; 4] = ["company-", "company_", "tenant-", "workspace-"];

/// The key interpolates the company's id.
pub fn company_scoped(key: &Str) -> bool {
    let names_company = |d: &Dyn| names_a_tenant(&d.value_key()) || names_a_tenant(&d.text);
    let after_prefix = key.parts.windows(2).any(|pair| match pair {
        [Part::Lit(text), Part::Dyn(_)] => {
            let lower = text.to_ascii_lowercase();
            COMPANY_PREFIXES.iter().any(|prefix| lower.ends_with(prefix))
        }
        _ => false,
    });
    // `company-1-mainchannel`: one company, named by a literal (hardcoded-tenant's concern).
    let literal_company = key.parts.iter().any(|part| match part {
        Part::Lit(text) => {
            let lower = text.to_ascii_lowercase();
            COMPANY_PREFIXES.iter().any(|prefix| {
                lower
                    .match_indices(prefix)
                    .any(|(at, _)| lower[at + prefix.len()..].starts_with(|c: char| c.is_ascii_digit()))
            })
        }
        Part::Dyn(_) => false,
    });
    after_prefix || literal_company || key.dyns().any(names_company)
}

/// Some value in the key is an entity's id, which scopes the room to that entity whatever the
/// rest says (`` `queue-${queue.id}-${status}` `` is one queue's).
fn entity_keyed(key: &Str) -> bool {
    key.dyns().any(|d| d.id_like)
}

/// Sockets of several companies can be in the room: its key scopes neither a company nor one
/// entity.
pub fn open(key: &Str) -> bool {
    !company_scoped(key) && !entity_keyed(key)
}

/// The values of `room` that can be null or undefined there: a record's foreign key
/// (`ticket.queueId`, or a name read from one) interpolated into text, with no test on the way
/// showing it set. An entity's own `id` and the company's id are never null.
pub fn nullable_values(room: &RoomKey) -> Vec<&Dyn> {
    if !room.key.has_literal_text() || company_scoped(&room.key) {
        return Vec::new();
    }
    room.key
        .dyns()
        .filter(|d| {
            let value = d.value_key();
            let Some((_, field)) = value.rsplit_once('.') else {
                return false;
            };
            d.id_like && !field.eq_ignore_ascii_case("id") && !names_a_tenant(field) && !room.narrowed.contains(&value)
        })
        .collect()
}

/// `key` with `value` spelt as JavaScript writes a null in a template: `queue-null-notification`.
pub fn with_null(key: &Str, value: &Dyn) -> Str {
    let mut spelt = Str::default();
    for part in &key.parts {
        match part {
            Part::Dyn(d) if d == value => spelt.push_lit("null"),
            Part::Dyn(d) => spelt.append(Str::dynamic(d.clone())),
            Part::Lit(text) => spelt.push_lit(text),
        }
    }
    spelt
}

/// Some name can be both `a` and `b`: an id value stands for an id (digits, or the hex and
/// hyphens of a UUID, from a digit on), any other value for any text. Each is tried against one
/// name the other spells, its ids as `1` and its other values as `x`.
pub fn can_meet(a: &Str, b: &Str) -> bool {
    Spelling::new(a).can_meet(&Spelling::new(b))
}

/// A name's spelling, prepared to be compared with many others.
pub struct Spelling {
    tokens: Vec<Token>,
    /// One name it spells: its ids as `1`, its other values as `x`.
    sample: Vec<char>,
    /// The text before its first value and after its last: any name it spells starts and ends so.
    head: String,
    tail: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Token {
    Char(char),
    /// An id: one or more of its characters.
    Id,
    Any,
}

impl Spelling {
    pub fn new(name: &Str) -> Spelling {
        let tokens: Vec<Token> = name
            .parts
            .iter()
            .flat_map(|part| match part {
                Part::Lit(lit) => lit.chars().map(Token::Char).collect::<Vec<_>>(),
                Part::Dyn(d) if d.id_like => vec![Token::Id],
                Part::Dyn(_) => vec![Token::Any],
            })
            .collect();
        let sample = tokens
            .iter()
            .map(|token| match token {
                Token::Char(c) => *c,
                Token::Id => '1',
                Token::Any => 'x',
            })
            .collect();
        let literal = |tokens: &mut dyn Iterator<Item = &Token>| -> String {
            tokens
                .map_while(|t| match t {
                    Token::Char(c) => Some(*c),
                    _ => None,
                })
                .collect()
        };
        let head = literal(&mut tokens.iter());
        let tail: String = literal(&mut tokens.iter().rev()).chars().rev().collect();
        Spelling {
            tokens,
            sample,
            head,
            tail,
        }
    }

    /// The text after its last value (all of it when it has none).
    pub fn tail(&self) -> &str {
        &self.tail
    }

    pub fn can_meet(&self, other: &Spelling) -> bool {
        let prefixes = self.head.starts_with(&other.head) || other.head.starts_with(&self.head);
        let suffixes = self.tail.ends_with(&other.tail) || other.tail.ends_with(&self.tail);
        prefixes && suffixes && (other.spells(&self.sample) || self.spells(&other.sample))
    }

    /// `text` is one of the names it spells (a match row by row, linear in each length times the
    /// other).
    fn spells(&self, text: &[char]) -> bool {
        let id_char = |c: char| c.is_ascii_hexdigit() || c == '-';
        // `row[j]`: the tokens so far match the first `j` characters.
        let mut row = vec![false; text.len() + 1];
        let mut next = vec![false; text.len() + 1];
        row[0] = true;
        for token in &self.tokens {
            for j in 0..=text.len() {
                next[j] = match token {
                    Token::Char(c) => j > 0 && row[j - 1] && text[j - 1] == *c,
                    Token::Any => row[j] || (j > 0 && next[j - 1]),
                    // An id starts with a digit (or a UUID's hex), hyphens only after it.
                    Token::Id => {
                        j > 0 && ((row[j - 1] && text[j - 1].is_ascii_hexdigit()) || (next[j - 1] && id_char(text[j - 1])))
                    }
                };
            }
            std::mem::swap(&mut row, &mut next);
        }
        row[text.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::audit::value::spelt as key;

    #[test]
    fn company_entity_and_open_keys() {
        assert!(company_scoped(&key(&["company-", "$companyId", "-mainchannel"])));
        assert!(company_scoped(&key(&["company-", "$id", "-admin"])));
        assert!(company_scoped(&key(&["$user.companyId"])));
        assert!(company_scoped(&key(&["company-1-mainchannel"])));
        assert!(!company_scoped(&key(&["company-announcements"])));
        assert!(!open(&key(&["$ticket.id"])));
        assert!(!open(&key(&["user-", "$user.id"])));
        assert!(open(&key(&["notification"])));
        assert!(open(&key(&["$ticket.status"])));
        assert!(!open(&key(&["queue-", "$queue.id", "-", "$ticket.status"])));
    }

    #[test]
    fn foreign_keys_in_text_are_nullable_until_tested() {
        let room = |narrowed: &[&str]| RoomKey {
            key: key(&["queue-", "$ticket.queueId", "-notification"]),
            narrowed: narrowed.iter().map(|n| (*n).to_owned()).collect(),
        };
        assert_eq!(nullable_values(&room(&[])).len(), 1);
        assert!(nullable_values(&room(&["ticket.queueId"])).is_empty());
        let own_id = RoomKey {
            key: key(&["ticket-", "$ticket.id"]),
            narrowed: Vec::new(),
        };
        assert!(nullable_values(&own_id).is_empty());
        let whole = RoomKey {
            key: key(&["$message.ticketId"]),
            narrowed: Vec::new(),
        };
        assert!(
            nullable_values(&whole).is_empty(),
            "`.toString()` of null throws: no room is named"
        );
    }

    #[test]
    fn keys_meet_where_some_name_fits_both() {
        let nullable = key(&["queue-", "$ticket.queueId", "-notification"]);
        let value = nullable.dyns().next().unwrap().clone();
        assert!(can_meet(&with_null(&nullable, &value), &key(&["queue-null-notification"])));
        assert!(!can_meet(&with_null(&nullable, &value), &key(&["queue-null-pending"])));
        assert!(can_meet(&key(&["$status"]), &key(&["notification"])));
        assert!(can_meet(&key(&["notification"]), &key(&["notification"])));
        assert!(!can_meet(&key(&["super"]), &key(&["notification"])));
        assert!(can_meet(&key(&["status-", "$a"]), &key(&["status-", "$b", "-x"])));
        assert!(!can_meet(&key(&["status-", "$a"]), &key(&["queue-", "$b"])));
        // An id is an id: `/${id}` is not `/workspace-${companyId}`.
        assert!(!can_meet(&key(&["/", "$id"]), &key(&["/workspace-", "$companyId"])));
        assert!(can_meet(&key(&["/workspace-", "$id"]), &key(&["/workspace-", "$companyId"])));
        assert!(!can_meet(
            &key(&["company-", "$companyId", "-quickmessage"]),
            &key(&["company-", "$user.companyId", "-quickMessage"])
        ));
        assert!(can_meet(
            &key(&["company-", "$companyId", "-", "$event"]),
            &key(&["company-", "$id", "-ticket"])
        ));
        assert!(!can_meet(
            &key(&["company", "$companyId", "-file"]),
            &key(&["company-", "$companyId", "-file"])
        ));
    }
}
