//! `chatia-socket diff`: what a deployed client or server notices between two catalogs.
//!
//! Both sides are read as resolved [`Protocol`]s, never as YAML, so a default written out is
//! no change. The rules judge one deployment: the server of the new catalog, with clients built
//! from the old one still running (open tabs, cached bundles). What a reader already deployed
//! would mis-read or be refused is breaking: clients read server events and acknowledgements,
//! the server reads client events' arguments. Rules only produce [`Change`]s (data); renderers
//! are in `report`.

mod client_events;
mod conventions;
mod events;
pub mod git;
mod limits;
pub mod report;
mod rooms;
mod rules;
mod types;
mod version;

use serde::Serialize;

use crate::catalog::load::{escape_pointer, SpanIndex};
use crate::catalog::Location;
use crate::protocol::Protocol;

pub use rules::{Rule, RuleDoc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Breaking,
    Compatible,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Breaking => "breaking",
            Severity::Compatible => "compatible",
        }
    }
}

/// Which way the changed thing travels, and so who reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Server events and acknowledgements: the clients read them.
    ServerToClient,
    /// Client events' arguments: the server reads them.
    ClientToServer,
    /// The connection itself (namespace, rooms) and the catalog's version.
    Both,
}

impl Direction {
    pub const ALL: [Direction; 3] = [Direction::ServerToClient, Direction::ClientToServer, Direction::Both];

    pub fn name(self) -> &'static str {
        match self {
            Direction::ServerToClient => "server-to-client",
            Direction::ClientToServer => "client-to-server",
            Direction::Both => "both",
        }
    }

    /// For people: `server→client`.
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::ServerToClient => "server→client",
            Direction::ClientToServer => "client→server",
            Direction::Both => "both directions",
        }
    }
}

/// One difference between the catalogs that a deployed client or server notices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub rule: Rule,
    pub severity: Severity,
    pub direction: Direction,
    /// What changed, as a dotted path: `events.ticket.actions.delete`, `types.Ticket.fields.status`.
    pub subject: String,
    pub message: String,
    pub hint: Option<String>,
    /// In the new catalog where the element is there, else in the old one.
    pub location: Location,
    /// Which of the two catalogs `location` is in.
    pub catalog: In,
    /// Accepted with `--allow`: listed, but does not fail the run.
    pub allowed: bool,
}

impl Change {
    /// Breaking and not allowed: fails the run.
    pub fn fails(&self) -> bool {
        self.severity == Severity::Breaking && !self.allowed
    }
}

/// One catalog as the diff reads it.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub protocol: &'a Protocol,
    pub spans: &'a SpanIndex,
    /// The name reports give the file: its path, or `REF:path` when read from git.
    pub name: &'a str,
    /// The git revision the catalog was read from, when it was not read from disk.
    pub revision: Option<&'a str>,
}

/// Every change, sorted by place, then rule and subject.
#[derive(Debug, Clone)]
pub struct Report {
    pub old: String,
    pub new: String,
    /// The revision of `--against`: the old catalog is then no file on disk.
    pub old_revision: Option<String>,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Breaking and not allowed.
    pub breaking: usize,
    /// Breaking, accepted with `--allow`.
    pub allowed: usize,
    pub compatible: usize,
}

impl Report {
    pub fn fails(&self) -> bool {
        self.changes.iter().any(Change::fails)
    }

    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for change in &self.changes {
            match (change.severity, change.allowed) {
                (Severity::Compatible, _) => summary.compatible += 1,
                (Severity::Breaking, true) => summary.allowed += 1,
                (Severity::Breaking, false) => summary.breaking += 1,
            }
        }
        summary
    }
}

/// Compares two catalogs. Changes of the `allow`ed rules are kept, marked allowed; the version
/// rule counts only the breaking changes that are not.
pub fn diff(old: Side<'_>, new: Side<'_>, allow: &[Rule]) -> Report {
    let mut cx = Cx {
        old: old.protocol,
        new: new.protocol,
        spans: [old.spans, new.spans],
        found: Vec::new(),
        pairs: types::Pairs::default(),
    };
    conventions::check(&mut cx);
    events::check(&mut cx);
    client_events::check(&mut cx);
    rooms::check(&mut cx);
    limits::check(&mut cx);
    types::drain(&mut cx);
    let mut changes: Vec<Change> = cx.found.iter().map(|found| cx.change(found, allow)).collect();
    if let Some(found) = version::check(&cx, &changes) {
        changes.push(cx.change(&found, allow));
    }
    changes.sort_by(|a, b| (&a.location, a.rule, &a.subject, &a.message).cmp(&(&b.location, b.rule, &b.subject, &b.message)));
    changes.dedup();
    Report {
        old: old.name.to_owned(),
        new: new.name.to_owned(),
        old_revision: old.revision.map(str::to_owned),
        changes,
    }
}

/// Which catalog a change is located in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    Old = 0,
    New = 1,
}

impl In {
    pub fn name(self) -> &'static str {
        match self {
            In::Old => "old",
            In::New => "new",
        }
    }
}

/// A change before it has a position and a verdict on `--allow`.
#[derive(Debug, Clone)]
struct Found {
    rule: Rule,
    direction: Direction,
    subject: String,
    message: String,
    hint: Option<String>,
    /// A JSON pointer into the catalog of `side`.
    pointer: String,
    side: In,
}

impl Found {
    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// What the rules read, and what they found so far.
struct Cx<'a> {
    old: &'a Protocol,
    new: &'a Protocol,
    spans: [&'a SpanIndex; 2],
    found: Vec<Found>,
    /// Named types met on the way, compared once per pair and direction.
    pairs: types::Pairs,
}

impl Cx<'_> {
    fn push(&mut self, found: Found) {
        self.found.push(found);
    }

    fn change(&self, found: &Found, allow: &[Rule]) -> Change {
        Change {
            rule: found.rule,
            severity: found.rule.severity(found.direction),
            direction: found.direction,
            subject: found.subject.clone(),
            message: found.message.clone(),
            hint: found.hint.clone(),
            location: self.spans[found.side as usize].location(&found.pointer),
            catalog: found.side,
            allowed: allow.contains(&found.rule),
        }
    }
}

/// Starts a change of `rule` about `subject`, located at `pointer` in the catalog of `side`.
fn found(rule: Rule, direction: Direction, subject: String, message: String, side: In, pointer: String) -> Found {
    Found {
        rule,
        direction,
        subject,
        message,
        hint: None,
        pointer,
        side,
    }
}

/// A JSON pointer from catalog keys: `pointer(&["events", "ticket"])` is `/events/ticket`.
fn pointer(segments: &[&str]) -> String {
    segments.iter().map(|s| format!("/{}", escape_pointer(s))).collect()
}

/// Names present in both, only in the old and only in the new list, each in its list's order.
fn split<'a, T>(old: &'a [T], new: &'a [T], key: impl Fn(&T) -> &str) -> (Vec<(&'a T, &'a T)>, Vec<&'a T>, Vec<&'a T>) {
    let find = |list: &'a [T], name: &str| list.iter().find(|item| key(item) == name);
    let both = old.iter().filter_map(|o| find(new, key(o)).map(|n| (o, n))).collect();
    let removed = old.iter().filter(|o| find(new, key(o)).is_none()).collect();
    let added = new.iter().filter(|n| find(old, key(n)).is_none()).collect();
    (both, removed, added)
}
