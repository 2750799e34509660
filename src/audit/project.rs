//! What the audit knows of the whole project, beyond any one file: facts gathered from every
//! file, then used to weigh each finding's impact. Rules judge one file; this judges their hits
//! against the application they are part of.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use memchr::memmem;
use serde::{Deserialize, Serialize};

use super::finding::Finding;
use super::impact::Impact;
use super::room_key::{self, Spelling};
use super::rules::Hit;
use super::scan::Helper;
use super::value::{Part, Str};

/// The rules whose findings on a broadcast to rooms of `/` wait for the whole project: whether
/// a room is shared depends on the joins, which are in other files.
pub const ROOM_RULES: [&str; 3] = ["global-emit", "shared-room", "nullable-room-key"];

/// The rules whose findings hold only where the scanned code holds the generated setup: before
/// a team adopts it, the handlers it wrote are the only ones.
pub const SETUP_RULES: [&str; 1] = ["duplicate-handler"];

/// Spellings of a tenant's id in code. A codebase where none occurs serves one company.
pub const TENANT_NAMES: [&str; 7] = [
    "companyId",
    "company_id",
    "CompanyId",
    "tenantId",
    "tenant_id",
    "TenantId",
    "workspaceId",
];

/// The file names a tenant's id somewhere.
pub fn names_a_tenant(text: &str) -> bool {
    TENANT_NAMES
        .iter()
        .any(|name| memmem::find(text.as_bytes(), name.as_bytes()).is_some())
}

/// What one file tells the project model.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FileSummary {
    /// Rooms of the default namespace that sockets are joined to, with keys that scope no
    /// company or entity ([`room_key::open`]).
    pub open_joins: Vec<JoinedRoom>,
    /// Broadcasts to rooms of `/`, with what each room rule found, to be judged with every join.
    pub room_emits: Vec<RoomEmit>,
    /// Functions defined here that emit for their callers, or return an operator.
    pub helpers: Vec<Helper>,
    /// Names the file imports from the project's own modules.
    pub imports: Vec<String>,
    /// The namespaces its client code connects to.
    pub connections: Vec<Str>,
    /// It is chatia-socket's generated code.
    pub generated: bool,
    /// Its server emits and client listeners, to be matched with the other side's.
    pub events: Vec<EventSite>,
}

/// A server emit or a client listener, and its `lost-event` hit when the rule runs there.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventSite {
    pub server: bool,
    /// `None` for a name that cannot be read, which matches any.
    pub event: Option<Str>,
    /// A server emit's namespace (`/` for the default one), when the chain shows it.
    pub namespace: Option<Str>,
    pub path: Arc<str>,
    pub line: usize,
    pub candidate: Option<Hit>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinedRoom {
    pub key: Str,
    /// The client names the room, unchecked: it can be any room.
    pub any: bool,
    /// `path:line` of the join.
    pub at: String,
}

/// A broadcast to rooms of the default namespace and its candidate findings, one per rule of
/// [`ROOM_RULES`] that found it (and is neither off nor suppressed there).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoomEmit {
    pub findings: Vec<Finding>,
    /// The keys of its rooms that scope no company or entity.
    pub open_keys: Vec<Str>,
    /// The keys of its rooms with a nullable value spelt `null`.
    pub null_keys: Vec<Str>,
}

/// The event names one side of the project spells, each once: a name another spells the
/// same way (its ids as ids, its other values as values) is found at once, and only the rest
/// are matched one by one.
#[derive(Default)]
struct Names {
    /// Some name cannot be read, and may be any.
    any: bool,
    shapes: HashSet<String>,
    distinct: Vec<Spelling>,
    /// `distinct` by tail: two names can only meet when one's tail ends the other's.
    by_tail: HashMap<String, Vec<usize>>,
    /// Each tail reversed, with its name, sorted: the names whose tail ends with a given text
    /// are one range of it.
    reversed_tails: Vec<(String, usize)>,
}

impl Names {
    fn of(sites: &[EventSite], server: bool) -> Names {
        let mut names = Names::from(sites.iter().filter(|s| s.server == server).filter_map(|s| s.event.as_ref()));
        names.any = sites.iter().any(|s| s.server == server && s.event.is_none());
        names
    }

    fn from<'a>(events: impl Iterator<Item = &'a Str>) -> Names {
        let mut names = Names::default();
        for event in events {
            if names.shapes.insert(shape(event)) {
                names.distinct.push(Spelling::new(event));
            }
        }
        for (i, name) in names.distinct.iter().enumerate() {
            names.by_tail.entry(name.tail().to_owned()).or_default().push(i);
            names.reversed_tails.push((name.tail().chars().rev().collect(), i));
        }
        names.reversed_tails.sort_unstable();
        names
    }

    fn is_empty(&self) -> bool {
        !self.any && self.distinct.is_empty()
    }

    /// Some name of this side can be `event`.
    fn name(&self, event: &Str) -> bool {
        if self.any || self.shapes.contains(&shape(event)) {
            return true;
        }
        let spelling = Spelling::new(event);
        // Bound before it is returned: the iterator borrows `spelling`, which a tail expression
        // would outlive.
        let met = self
            .same_tail_as(spelling.tail())
            .any(|i| self.distinct[i].can_meet(&spelling));
        met
    }

    /// The names whose tail ends `tail` or is ended by it: the only ones a name with this tail can
    /// meet. Looked up rather than tried one by one, which made a tree with thousands of distinct
    /// names quadratic.
    fn same_tail_as<'n>(&'n self, tail: &'n str) -> impl Iterator<Item = usize> + 'n {
        let shorter = tail
            .char_indices()
            .map(|(at, _)| &tail[at..])
            .chain([""])
            .filter_map(|suffix| self.by_tail.get(suffix))
            .flatten()
            .copied();
        let reversed: String = tail.chars().rev().collect();
        let start = self
            .reversed_tails
            .partition_point(|(other, _)| other.as_str() < reversed.as_str());
        let longer = self.reversed_tails[start..]
            .iter()
            .take_while(move |(other, _)| other.starts_with(reversed.as_str()))
            .map(|(_, i)| *i);
        shorter.chain(longer)
    }
}

/// A name's spelling with each id as `\u{1}` and each other value as `\u{2}`.
fn shape(name: &Str) -> String {
    name.parts
        .iter()
        .map(|part| match part {
            Part::Lit(text) => text.as_str(),
            Part::Dyn(d) if d.id_like => "\u{1}",
            Part::Dyn(_) => "\u{2}",
        })
        .collect()
}

/// The project as a whole.
#[derive(Debug, Default)]
pub struct Project {
    /// Several companies share the server: a catalog says so, or some file names a tenant
    /// ([`names_a_tenant`]).
    pub multi_tenant: bool,
    pub open_joins: Vec<JoinedRoom>,
    /// The namespaces client code connects to.
    pub connections: Vec<Str>,
    /// The catalog's server events as name patterns, when the tree holds chatia-socket's
    /// generated code: its emitters send them and its hooks listen to them.
    pub generated_events: Vec<Str>,
}

impl Project {
    /// The finding a broadcast to rooms of `/` deserves, if any: `shared-room` when some join
    /// puts sockets in one of its open rooms, `nullable-room-key` when one joins the room a null
    /// value names, `global-emit` for an open room the project never names in a join. With one
    /// company only `global-emit` applies.
    pub fn judge_room_emit(&self, emit: RoomEmit) -> Option<Finding> {
        let RoomEmit {
            mut findings,
            open_keys,
            null_keys,
        } = emit;
        let mut take = |rule: &str, joined: Option<&JoinedRoom>| {
            let at = findings.iter().position(|f| f.rule == rule)?;
            let mut finding = findings.swap_remove(at);
            if let Some(join) = joined {
                finding
                    .message
                    .push_str(&format!(" (`socket.join({})` at {})", join.key, join.at));
            }
            Some(finding)
        };
        if self.multi_tenant {
            if let Some(join) = open_keys.iter().find_map(|key| self.joined(key, false)) {
                return take("shared-room", Some(join));
            }
            if let Some(join) = null_keys.iter().find_map(|key| self.joined(key, true)) {
                return take("nullable-room-key", Some(join));
            }
        }
        take("global-emit", None)
    }

    /// Events and namespaces nobody on the other side names: a server emit no client listener
    /// receives, a listener of an event no server emits (`lost-event`, or the `lost` impact of
    /// the finding another rule already has there), and an emit on a namespace no client
    /// connects to (`namespace-name`, `global-emit`). A side the project lacks is not judged.
    /// Returns the `lost-event` hits to report, with their files.
    pub fn judge_lost(&self, sites: Vec<EventSite>, findings: &mut [Finding]) -> Vec<(Arc<str>, Hit)> {
        let Some(flags) = self.unheard_and_nowhere(&sites) else {
            return Vec::new();
        };
        let judged: Vec<(EventSite, bool, bool)> = sites
            .into_iter()
            .zip(flags)
            .map(|(site, (unheard, nowhere))| (site, unheard, nowhere))
            .filter(|(_, unheard, nowhere)| *unheard || *nowhere)
            .collect();
        let mut at: HashMap<(&str, usize), Vec<usize>> = HashMap::new();
        if !judged.is_empty() {
            for (i, finding) in findings.iter().enumerate() {
                at.entry((finding.path.as_str(), finding.line)).or_default().push(i);
            }
        }
        let mut marks: Vec<(usize, Impact)> = Vec::new();
        let mut lost = Vec::new();
        for (site, unheard, nowhere) in judged {
            let here = at.get(&(&*site.path, site.line)).map_or(&[][..], Vec::as_slice);
            let of =
                |rules: &[&str]| -> Vec<usize> { here.iter().copied().filter(|&i| rules.contains(&findings[i].rule)).collect() };
            if nowhere {
                marks.extend(of(&["namespace-name", "global-emit"]).into_iter().map(|i| (i, Impact::Lost)));
            }
            if unheard {
                let named = of(&["event-name", "listener-name", "unknown-event"]);
                if named.is_empty() {
                    lost.extend(site.candidate.map(|hit| (site.path.clone(), hit)));
                }
                marks.extend(named.into_iter().map(|i| (i, Impact::Lost)));
            }
        }
        for (i, impact) in marks {
            findings[i].impact = impact;
        }
        lost
    }

    /// For each site, whether no name of the other side can be its event, and whether no client
    /// connects to its namespace; `None` when the project lacks a side.
    fn unheard_and_nowhere(&self, sites: &[EventSite]) -> Option<Vec<(bool, bool)>> {
        let (emitted, listened) = (Names::of(sites, true), Names::of(sites, false));
        if emitted.is_empty() || listened.is_empty() {
            return None;
        }
        let generated = Names::from(self.generated_events.iter());
        let mut heard: HashMap<(bool, String), bool> = HashMap::new();
        let mut named_by = |server: bool, event: &Str| {
            let others = if server { &listened } else { &emitted };
            *heard
                .entry((server, shape(event)))
                .or_insert_with(|| others.name(event) || generated.name(event))
        };
        // Each namespace spelling once, against each connection spelling once: a tree has as many
        // of both as it has files with socket code.
        let connected = Names::from(self.connections.iter());
        let mut reached: HashMap<String, bool> = HashMap::new();
        let mut unreached = |ns: &Str| !*reached.entry(shape(ns)).or_insert_with(|| connected.name(ns));
        let flags = sites
            .iter()
            .map(|site| {
                let unheard = site.event.as_ref().is_some_and(|event| !named_by(site.server, event));
                let nowhere = site.server && !self.connections.is_empty() && site.namespace.as_ref().is_some_and(&mut unreached);
                (unheard, nowhere)
            })
            .collect();
        Some(flags)
    }

    /// A join that can put sockets in a room named `key`; with `literal`, only a join of one
    /// fixed name (`queue-null-notification`), since a key of values holds no null room.
    fn joined(&self, key: &Str, literal: bool) -> Option<&JoinedRoom> {
        // A join of a whole value (`socket.join(status)`) names rooms of that kind of value, not
        // every room, unless the client picks it unchecked.
        let kind_of = |join: &JoinedRoom| !join.key.is_opaque() || join.any || key.is_opaque();
        self.open_joins
            .iter()
            .filter(|join| !literal || join.key.as_literal().is_some())
            .find(|join| kind_of(join) && room_key::can_meet(key, &join.key))
    }

    /// A finding's impact in this project: with one company there is no other company to leak
    /// to, so an emit to every socket, or a join of any room, only breaks the house rule.
    /// A namespace that lets unauthenticated sockets in (`unauthenticated-namespace`, `late-auth`)
    /// stays `unguarded`: they are anyone's, and they receive the one company's data.
    pub fn judge(&self, finding: &mut Finding) {
        let harms_others = matches!(
            (finding.rule, finding.impact),
            ("global-emit" | "shared-room" | "nullable-room-key", Impact::Leak) | ("client-room-join", Impact::Unguarded)
        );
        if !self.multi_tenant && harms_others {
            finding.impact = Impact::Convention;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::value::Dyn;

    #[test]
    fn a_file_naming_no_tenant_id_does_not_make_the_project_multi_tenant() {
        assert!(!names_a_tenant("io.emit(\"ticket\", { action: \"update\", ticket });"));
        assert!(names_a_tenant("const { companyId } = req.user;"));
        assert!(names_a_tenant("where: { tenant_id: id }"));
    }

    /// `company-{}-ticket`: each `{}` a value that may be any text.
    fn spelt(template: &str) -> Str {
        let mut name = Str::default();
        for (i, piece) in template.split("{}").enumerate() {
            if i > 0 {
                name.append(Str::dynamic(Dyn::new("name", false)));
            }
            name.push_lit(piece);
        }
        name
    }

    #[test]
    fn names_looked_up_by_their_tails_meet_what_trying_every_name_meets() {
        let names = [
            "company-{}-ticket",
            "chat:ack",
            "{}",
            "queue-{}-{}-notification",
            "appMessage{}",
        ]
        .map(spelt);
        let side = Names::from(names.iter());
        let asked = [
            "company-{}-ticket",
            "{}ticket",
            "company-1-ticket",
            "company-{}-user",
            "ack",
            "queue-{}-notification",
            "appMessage",
            "",
        ]
        .map(spelt);
        // Without the wildcard name `{}`, which meets every name.
        let narrow = Names::from(names.iter().filter(|name| shape(name) != shape(&spelt("{}"))));
        for event in &asked {
            let spelling = Spelling::new(event);
            let tried = |side: &Names| side.distinct.iter().any(|name| name.can_meet(&spelling));
            assert_eq!(side.name(event), tried(&side), "{event}");
            assert_eq!(narrow.name(event), tried(&narrow), "{event}");
        }
        assert!(narrow.name(&spelt("{}ticket")), "a shorter tail ends a longer one");
        assert!(
            narrow.name(&spelt("company-1-ticket")),
            "a longer tail is ended by a shorter one"
        );
        assert!(!narrow.name(&spelt("company-{}-user")));
        assert!(!narrow.name(&spelt("ack")), "a tail in common is not enough");
    }
}
