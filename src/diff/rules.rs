//! Every rule of `diff`, with the verdict it gives in each direction it applies to. The ids are
//! part of the interface: `--allow`, JSON and SARIF use them. This table is the documentation
//! `diff --rules` prints and the README's table must match.

use super::{Direction, Severity};

use Direction::{Both, ClientToServer as ToServer, ServerToClient as ToClient};
use Severity::{Breaking, Compatible};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    NamespaceChanged,
    EventPatternChanged,
    EventRemoved,
    EventAdded,
    ActionRemoved,
    ActionAdded,
    EventTargetRemoved,
    EventTargetAdded,
    DeliveryWeakened,
    DeliveryStrengthened,
    FieldRemoved,
    FieldAdded,
    RequiredFieldAdded,
    FieldRetyped,
    FieldTypeWidened,
    FieldTypeNarrowed,
    FieldMadeOptional,
    FieldMadeRequired,
    FieldMadeNullable,
    FieldMadeNonNullable,
    EnumValueAdded,
    EnumValueRemoved,
    ClientEventRemoved,
    ClientEventAdded,
    ArgumentMoved,
    ClientEventRoomChanged,
    AckRemoved,
    AckAdded,
    AckMadeRequired,
    AckMadeOptional,
    RoomRemoved,
    RoomAdded,
    RoomPatternChanged,
    RoomParamsChanged,
    RoomMadeUnjoinable,
    RoomMadeJoinable,
    RateLimitLowered,
    RateLimitRaised,
    MaxBytesLowered,
    MaxBytesRaised,
    CatalogVersionNotBumped,
}

/// What a rule says about itself.
pub struct RuleDoc {
    pub id: &'static str,
    /// The verdict in each direction the rule reports in.
    pub verdicts: &'static [(Direction, Severity)],
    /// Why, in one or two sentences: what a deployed client or server notices.
    pub why: &'static str,
}

impl Rule {
    pub const ALL: [Rule; 41] = [
        Rule::NamespaceChanged,
        Rule::EventPatternChanged,
        Rule::EventRemoved,
        Rule::EventAdded,
        Rule::ActionRemoved,
        Rule::ActionAdded,
        Rule::EventTargetRemoved,
        Rule::EventTargetAdded,
        Rule::DeliveryWeakened,
        Rule::DeliveryStrengthened,
        Rule::FieldRemoved,
        Rule::FieldAdded,
        Rule::RequiredFieldAdded,
        Rule::FieldRetyped,
        Rule::FieldTypeWidened,
        Rule::FieldTypeNarrowed,
        Rule::FieldMadeOptional,
        Rule::FieldMadeRequired,
        Rule::FieldMadeNullable,
        Rule::FieldMadeNonNullable,
        Rule::EnumValueAdded,
        Rule::EnumValueRemoved,
        Rule::ClientEventRemoved,
        Rule::ClientEventAdded,
        Rule::ArgumentMoved,
        Rule::ClientEventRoomChanged,
        Rule::AckRemoved,
        Rule::AckAdded,
        Rule::AckMadeRequired,
        Rule::AckMadeOptional,
        Rule::RoomRemoved,
        Rule::RoomAdded,
        Rule::RoomPatternChanged,
        Rule::RoomParamsChanged,
        Rule::RoomMadeUnjoinable,
        Rule::RoomMadeJoinable,
        Rule::RateLimitLowered,
        Rule::RateLimitRaised,
        Rule::MaxBytesLowered,
        Rule::MaxBytesRaised,
        Rule::CatalogVersionNotBumped,
    ];

    pub fn id(self) -> &'static str {
        self.doc().id
    }

    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|rule| rule.id() == id)
    }

    /// The verdict of a change of this rule in `direction`. A rule only reports in the
    /// directions of its table; anything else would be a bug, and is judged breaking.
    pub fn severity(self, direction: Direction) -> Severity {
        let found = self.doc().verdicts.iter().find(|(d, _)| *d == direction);
        debug_assert!(found.is_some(), "{} does not report {direction:?}", self.id());
        found.map_or(Breaking, |(_, severity)| *severity)
    }

    pub fn doc(self) -> &'static RuleDoc {
        match self {
            Rule::NamespaceChanged => &RuleDoc {
                id: "namespace-changed",
                verdicts: &[(Both, Breaking)],
                why: "deployed clients open the old namespace, which the server no longer serves",
            },
            Rule::EventPatternChanged => &RuleDoc {
                id: "event-pattern-changed",
                verdicts: &[(ToClient, Breaking)],
                why: "every server event gets a new name; deployed clients listen to the old names",
            },
            Rule::EventRemoved => &RuleDoc {
                id: "event-removed",
                verdicts: &[(ToClient, Breaking)],
                why: "deployed clients listen for it and never hear it again; a rename is a removal plus an addition",
            },
            Rule::EventAdded => &RuleDoc {
                id: "event-added",
                verdicts: &[(ToClient, Compatible)],
                why: "deployed clients do not listen to it",
            },
            Rule::ActionRemoved => &RuleDoc {
                id: "action-removed",
                verdicts: &[(ToClient, Breaking)],
                why: "clients that handle it (a delete that removes an entity from a list) never get it again",
            },
            Rule::ActionAdded => &RuleDoc {
                id: "action-added",
                verdicts: &[(ToClient, Compatible)],
                why: "the generated hooks ignore an action without a handler and list helpers return the list as it is",
            },
            Rule::EventTargetRemoved => &RuleDoc {
                id: "event-target-removed",
                verdicts: &[(ToClient, Breaking)],
                why: "the event no longer goes to a room (or to the whole namespace): clients that waited for it there miss it",
            },
            Rule::EventTargetAdded => &RuleDoc {
                id: "event-target-added",
                verdicts: &[(ToClient, Compatible)],
                why: "the event may reach more clients, as the payload they already know",
            },
            Rule::DeliveryWeakened => &RuleDoc {
                id: "delivery-weakened",
                verdicts: &[(ToClient, Breaking)],
                why: "an action became volatile or lost `critical`: clients may now miss it",
            },
            Rule::DeliveryStrengthened => &RuleDoc {
                id: "delivery-strengthened",
                verdicts: &[(ToClient, Compatible)],
                why: "an action is no longer volatile or became critical: clients miss it less",
            },
            Rule::FieldRemoved => &RuleDoc {
                id: "field-removed",
                verdicts: &[(ToClient, Breaking), (ToServer, Breaking)],
                why: "server→client: clients read it and it never comes; client→server: deployed clients still send it, and the generated server refuses unknown keys and extra arguments",
            },
            Rule::FieldAdded => &RuleDoc {
                id: "field-added",
                verdicts: &[(ToClient, Compatible), (ToServer, Compatible)],
                why: "server→client: clients ignore keys they do not know; client→server: an optional field deployed clients may leave out",
            },
            Rule::RequiredFieldAdded => &RuleDoc {
                id: "required-field-added",
                verdicts: &[(ToServer, Breaking)],
                why: "deployed clients do not send it, and the server refuses what lacks a required key or argument",
            },
            Rule::FieldRetyped => &RuleDoc {
                id: "field-retyped",
                verdicts: &[(ToClient, Breaking), (ToServer, Breaking)],
                why: "the reader expects the old type (clients for payloads and replies, the server's checks for arguments)",
            },
            Rule::FieldTypeWidened => &RuleDoc {
                id: "field-type-widened",
                verdicts: &[(ToClient, Breaking), (ToServer, Compatible)],
                why: "the new type takes every old value and more (`integer`→`number`, `datetime` or an enum→`string`): clients may get values they cannot read, while the server still accepts all that deployed clients send",
            },
            Rule::FieldTypeNarrowed => &RuleDoc {
                id: "field-type-narrowed",
                verdicts: &[(ToClient, Compatible), (ToServer, Breaking)],
                why: "the new type takes fewer values (`number`→`integer`, `string`→`datetime` or an enum): clients read all of them, the server refuses some that deployed clients send",
            },
            Rule::FieldMadeOptional => &RuleDoc {
                id: "field-made-optional",
                verdicts: &[(ToClient, Breaking), (ToServer, Compatible)],
                why: "clients read a key that may now be absent; the server accepts it either way",
            },
            Rule::FieldMadeRequired => &RuleDoc {
                id: "field-made-required",
                verdicts: &[(ToClient, Compatible), (ToServer, Breaking)],
                why: "clients get the key always; the server refuses deployed clients that leave it out",
            },
            Rule::FieldMadeNullable => &RuleDoc {
                id: "field-made-nullable",
                verdicts: &[(ToClient, Breaking), (ToServer, Compatible)],
                why: "clients may now read `null` where they expect a value; the server accepts both",
            },
            Rule::FieldMadeNonNullable => &RuleDoc {
                id: "field-made-non-nullable",
                verdicts: &[(ToClient, Compatible), (ToServer, Breaking)],
                why: "clients never get `null` again; the server refuses the `null` deployed clients may send",
            },
            Rule::EnumValueAdded => &RuleDoc {
                id: "enum-value-added",
                verdicts: &[(ToClient, Breaking), (ToServer, Breaking)],
                why: "deployed clients switch over the values they know and get one they do not; new clients send it to servers not yet upgraded, which refuse it (a rollout has both for a while)",
            },
            Rule::EnumValueRemoved => &RuleDoc {
                id: "enum-value-removed",
                verdicts: &[(ToClient, Breaking), (ToServer, Breaking)],
                why: "servers not yet upgraded still send it to new clients, whose types and switches no longer know it; the upgraded server refuses it from deployed clients that still send it",
            },
            Rule::ClientEventRemoved => &RuleDoc {
                id: "client-event-removed",
                verdicts: &[(ToServer, Breaking)],
                why: "deployed clients still send it and the server answers `not-found`; a rename is a removal plus an addition",
            },
            Rule::ClientEventAdded => &RuleDoc {
                id: "client-event-added",
                verdicts: &[(ToServer, Compatible)],
                why: "deployed clients do not send it",
            },
            Rule::ArgumentMoved => &RuleDoc {
                id: "argument-moved",
                verdicts: &[(ToServer, Breaking)],
                why: "arguments are positional: the server reads a value deployed clients send at another position as another argument",
            },
            Rule::ClientEventRoomChanged => &RuleDoc {
                id: "client-event-room-changed",
                verdicts: &[(ToServer, Breaking)],
                why: "the event joins or leaves another room, or no longer only joins or leaves: deployed clients get other events than they asked for",
            },
            Rule::AckRemoved => &RuleDoc {
                id: "ack-removed",
                verdicts: &[(ToClient, Breaking)],
                why: "deployed clients wait for a reply that never comes (`NoReplyError`)",
            },
            Rule::AckAdded => &RuleDoc {
                id: "ack-added",
                verdicts: &[(ToClient, Compatible)],
                why: "an optional reply: deployed clients pass no callback and the server serves them as before",
            },
            Rule::AckMadeRequired => &RuleDoc {
                id: "ack-made-required",
                verdicts: &[(ToServer, Breaking)],
                why: "the server refuses the event sent without a callback, as deployed clients send it",
            },
            Rule::AckMadeOptional => &RuleDoc {
                id: "ack-made-optional",
                verdicts: &[(ToServer, Compatible)],
                why: "deployed clients pass the callback and still get their reply",
            },
            Rule::RoomRemoved => &RuleDoc {
                id: "room-removed",
                verdicts: &[(Both, Breaking)],
                why: "clients joined to it or asking for it get nothing there any more",
            },
            Rule::RoomAdded => &RuleDoc {
                id: "room-added",
                verdicts: &[(Both, Compatible)],
                why: "no deployed client knows it",
            },
            Rule::RoomPatternChanged => &RuleDoc {
                id: "room-pattern-changed",
                verdicts: &[(Both, Breaking)],
                why: "the room gets other names on the wire: deployed clients and servers name the old ones",
            },
            Rule::RoomParamsChanged => &RuleDoc {
                id: "room-params-changed",
                verdicts: &[(Both, Breaking)],
                why: "a parameter was added, removed, renamed or retyped: `room:join` requests name parameters, and room names carry their values",
            },
            Rule::RoomMadeUnjoinable => &RuleDoc {
                id: "room-made-unjoinable",
                verdicts: &[(ToServer, Breaking)],
                why: "the server refuses the `room:join` requests deployed clients send for it",
            },
            Rule::RoomMadeJoinable => &RuleDoc {
                id: "room-made-joinable",
                verdicts: &[(ToServer, Compatible)],
                why: "the server accepts one more request",
            },
            Rule::RateLimitLowered => &RuleDoc {
                id: "rate-limit-lowered",
                verdicts: &[(ToClient, Breaking), (ToServer, Breaking)],
                why: "a company's or an event's budget (server emits dropped, clients miss them), or a client event's (the server refuses what deployed clients send), allows a smaller burst or rate, or is now shared by every server",
            },
            Rule::RateLimitRaised => &RuleDoc {
                id: "rate-limit-raised",
                verdicts: &[(ToClient, Compatible), (ToServer, Compatible)],
                why: "the budget allows at least the same burst and rate: nothing accepted before is refused",
            },
            Rule::MaxBytesLowered => &RuleDoc {
                id: "max-bytes-lowered",
                verdicts: &[(ToServer, Breaking)],
                why: "the server refuses payloads of a size deployed clients may send",
            },
            Rule::MaxBytesRaised => &RuleDoc {
                id: "max-bytes-raised",
                verdicts: &[(ToServer, Compatible)],
                why: "the server accepts every payload it accepted before",
            },
            Rule::CatalogVersionNotBumped => &RuleDoc {
                id: "catalog-version-not-bumped",
                verdicts: &[(Both, Breaking)],
                why: "breaking changes need a new major `info.version` (below 1.0.0, a new minor), so that clients and servers can tell releases that cannot talk to each other apart",
            },
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_read_back() {
        let mut ids: Vec<&str> = Rule::ALL.iter().map(|rule| rule.id()).collect();
        for id in &ids {
            assert!(id.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{id}");
            assert_eq!(Rule::from_id(id).map(Rule::id), Some(*id));
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Rule::ALL.len());
    }

    #[test]
    fn every_rule_judges_each_of_its_directions_once() {
        for rule in Rule::ALL {
            let verdicts = rule.doc().verdicts;
            assert!(!verdicts.is_empty(), "{rule}");
            for (i, (direction, _)) in verdicts.iter().enumerate() {
                assert!(!verdicts[..i].iter().any(|(d, _)| d == direction), "{rule}");
            }
        }
    }

    #[test]
    fn what_the_server_reads_and_what_the_clients_read_break_in_opposite_ways() {
        for rule in [Rule::FieldMadeOptional, Rule::FieldMadeNullable, Rule::FieldTypeWidened] {
            assert_eq!(rule.severity(Direction::ServerToClient), Severity::Breaking, "{rule}");
            assert_eq!(rule.severity(Direction::ClientToServer), Severity::Compatible, "{rule}");
        }
        for rule in [Rule::FieldMadeRequired, Rule::FieldMadeNonNullable, Rule::FieldTypeNarrowed] {
            assert_eq!(rule.severity(Direction::ServerToClient), Severity::Compatible, "{rule}");
            assert_eq!(rule.severity(Direction::ClientToServer), Severity::Breaking, "{rule}");
        }
    }

    /// A rollout has old clients on new servers and new clients on old servers at once.
    #[test]
    fn an_enum_value_added_or_removed_breaks_both_ways() {
        for rule in [Rule::EnumValueAdded, Rule::EnumValueRemoved] {
            for direction in [Direction::ServerToClient, Direction::ClientToServer] {
                assert_eq!(rule.severity(direction), Severity::Breaking, "{rule} {direction:?}");
            }
        }
    }
}
