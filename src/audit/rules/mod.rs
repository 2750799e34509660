//! The audit's rules, one file each. A rule reads the facts of one file and returns hits (data);
//! it never formats output. Its doc comment is its documentation (`--explain`, SARIF help, README).

use indexmap::IndexMap;
use oxc_span::Span;
use serde::{Deserialize, Serialize};

use super::remembered::RuleId;

pub use super::impact::Impact;
use super::pattern::{Capture, Pattern};
pub use super::scan::SOCKET_RESERVED;
use super::scan::{Emit, FileFacts, RoomKey};
use super::value::{Dyn, Str};
use crate::catalog::model::{Catalog, ClientEvent, Severity};

mod client_room_join;
mod duplicate_handler;
mod dynamic_event;
mod event_name;
mod global_emit;
mod hardcoded_tenant;
mod invalid_suppression;
mod late_auth;
mod listener_cleanup;
mod listener_name;
mod lost_event;
mod namespace_name;
mod nullable_room_key;
mod parse_error;
mod payload_fields;
mod shared_room;
mod tenant_mismatch;
mod unauthenticated_namespace;
mod unknown_action;
mod unknown_event;
mod untrusted_tenant;
mod unused_suppression;

pub use invalid_suppression::InvalidSuppression;
pub use lost_event::{judged_emit, judged_listener};
pub use parse_error::ParseError;
pub use unused_suppression::UnusedSuppression;

/// What every rule declares about itself.
#[derive(Debug)]
pub struct RuleMeta {
    /// Part of the interface: config keys, suppressions, baselines and SARIF use it.
    pub id: &'static str,
    pub default_severity: Severity,
    /// Skipped (and said so once) when no `--catalog` is given.
    pub needs_catalog: bool,
    /// The impacts its findings can carry, the usual one first; the doc comment's `### Impact`
    /// says when each applies.
    pub impacts: &'static [Impact],
    /// One line, for tables and SARIF `shortDescription`.
    pub summary: &'static str,
    /// The rule's doc comment: What it does / Why is this bad / Example.
    pub docs: &'static str,
}

/// One problem a rule found, before it is given a path, a position and a final severity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    #[serde(with = "super::remembered::rule_id")]
    pub rule: RuleId,
    #[serde(with = "super::remembered::span")]
    pub span: Span,
    /// Overrides the rule's default severity for this hit (`tenant-mismatch` uses both).
    pub severity: Option<Severity>,
    /// Overrides the rule's usual impact for this hit; one of [`RuleMeta::impacts`].
    pub impact: Option<Impact>,
    pub message: String,
    pub hint: Option<String>,
}

impl Hit {
    /// The same hit with an impact other than its rule's usual one.
    pub fn with_impact(self, impact: Impact) -> Hit {
        Hit {
            impact: Some(impact),
            ..self
        }
    }
}

/// What the rules know besides the file: conventions, catalog and settings.
pub struct Context<'a> {
    pub catalog: Option<&'a Catalog>,
    pub event: Pattern,
    pub namespace: Pattern,
    pub allow_global: &'a [String],
}

/// The requests the generated setup answers besides the catalog's client events.
pub const SETUP_EVENTS: [&str; 2] = ["room:join", "room:leave"];

impl<'a> Context<'a> {
    /// The catalog's client events, when it describes them. A catalog without `clientEvents`
    /// says nothing about what clients send, so nothing is judged against it.
    pub fn client_events(&self) -> Option<&'a IndexMap<String, ClientEvent>> {
        self.catalog.map(|c| &c.client_events).filter(|events| !events.is_empty())
    }
}

impl Context<'_> {
    /// The broadcasts to rooms of `/` with their rooms, but for allowlisted events.
    pub fn room_broadcasts<'f>(&'f self, facts: &'f FileFacts) -> impl Iterator<Item = (&'f Emit, &'f [RoomKey])> {
        facts.emits.iter().filter_map(move |emit| {
            let allowed = emit.event.as_ref().is_some_and(|event| self.is_allowed_global(event));
            emit.shared_rooms().filter(|_| !allowed).map(|rooms| (emit, rooms))
        })
    }

    /// An allowlisted, intentionally platform-wide event (`allowGlobal` entries; `*` matches any run).
    pub fn is_allowed_global(&self, event: &Str) -> bool {
        let Some(name) = event.as_literal() else { return false };
        self.allow_global.iter().any(|allowed| glob_match(allowed, &name))
    }
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>);
}

/// Declares a rule: its doc comment becomes [`RuleMeta::docs`].
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $name:ident, $id:literal, $severity:ident, catalog: $catalog:literal,
        impacts: [$($impact:ident),+], summary: $summary:literal
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const META: $crate::audit::rules::RuleMeta = $crate::audit::rules::RuleMeta {
                id: $id,
                default_severity: $crate::catalog::model::Severity::$severity,
                needs_catalog: $catalog,
                impacts: &[$($crate::audit::impact::Impact::$impact),+],
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
            };

            pub fn hit(span: oxc_span::Span, message: impl Into<String>, hint: impl Into<String>) -> $crate::audit::rules::Hit {
                $crate::audit::rules::Hit {
                    rule: $id,
                    span,
                    severity: None,
                    impact: None,
                    message: message.into(),
                    hint: Some(hint.into()).filter(|h: &String| !h.is_empty()),
                }
            }
        }
    };
}
pub(crate) use declare_rule;

/// Every rule, in the order of the table. Ids are part of the interface.
pub fn all() -> &'static [&'static dyn Rule] {
    &[
        &event_name::EventName,
        &global_emit::GlobalEmit,
        &shared_room::SharedRoom,
        &nullable_room_key::NullableRoomKey,
        &namespace_name::NamespaceName,
        &tenant_mismatch::TenantMismatch,
        &hardcoded_tenant::HardcodedTenant,
        &unknown_event::UnknownEvent,
        &unknown_action::UnknownAction,
        &duplicate_handler::DuplicateHandler,
        &payload_fields::PayloadFields,
        &dynamic_event::DynamicEvent,
        &untrusted_tenant::UntrustedTenant,
        &unauthenticated_namespace::UnauthenticatedNamespace,
        &late_auth::LateAuth,
        &client_room_join::ClientRoomJoin,
        &listener_name::ListenerName,
        &listener_cleanup::ListenerCleanup,
        &lost_event::LostEvent,
        &parse_error::ParseError,
        &invalid_suppression::InvalidSuppression,
        &unused_suppression::UnusedSuppression,
    ]
}

pub fn meta(id: &str) -> Option<&'static RuleMeta> {
    all().iter().map(|rule| rule.meta()).find(|meta| meta.id == id)
}

/// `--explain RULE`: the documentation, without the doc comment's leading space.
pub fn explain(id: &str) -> Option<String> {
    let meta = meta(id)?;
    let body: Vec<&str> = meta.docs.lines().map(|line| line.strip_prefix(' ').unwrap_or(line)).collect();
    let impacts: Vec<&str> = meta.impacts.iter().map(|i| i.name()).collect();
    Some(format!(
        "{} ({}, default {}; impact {})\n\n{}\n",
        meta.id,
        meta.summary,
        severity_name(meta.default_severity),
        impacts.join(" or "),
        body.join("\n").trim_end()
    ))
}

pub fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Off => "off",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// How an event name stands against the naming convention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventShape {
    /// Matches, with a static resource.
    Named { company: Capture, resource: String },
    /// Matches, but the resource is an expression.
    DynamicResource,
    /// Cannot be resolved well enough to judge.
    Dynamic,
    /// Breaks the convention whatever its run-time parts are.
    Broken,
}

pub fn event_shape(pattern: &Pattern, event: &Str) -> EventShape {
    match pattern.matches(event) {
        Some(found) => match (found.company, found.resource) {
            (Some(company), Some(Capture::Lit(resource))) => EventShape::Named { company, resource },
            (_, Some(Capture::Dyn(_))) => EventShape::DynamicResource,
            // A pattern without `{resource}` is rejected by catalog validation; be lenient anyway.
            (company, None) => EventShape::Named {
                company: company.unwrap_or(Capture::Lit(String::new())),
                resource: String::new(),
            },
            (None, Some(Capture::Lit(resource))) => EventShape::Named {
                company: Capture::Lit(String::new()),
                resource,
            },
        },
        None if event.is_opaque() || pattern.could_match(event) => EventShape::Dynamic,
        None => EventShape::Broken,
    }
}

/// The company a namespace names: the `{companyId}` of a matching name, or a bare id used as the
/// whole namespace (`io.of(String(companyId))`).
pub fn namespace_company(pattern: &Pattern, name: &Str) -> Option<Capture> {
    if let Some(found) = pattern.matches(name) {
        return found.company;
    }
    match name.parts.as_slice() {
        [super::value::Part::Dyn(d)] if d.id_like => Some(Capture::Dyn(d.clone())),
        [super::value::Part::Lit(text)] if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
            Some(Capture::Lit(text.clone()))
        }
        _ => None,
    }
}

/// A payload `companyId`, a wrapper's company argument: one id, literal or expression.
pub fn company_value(value: &Str) -> Option<Capture> {
    match value.parts.as_slice() {
        [super::value::Part::Dyn(d)] => Some(Capture::Dyn(d.clone())),
        [super::value::Part::Lit(text)] if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
            Some(Capture::Lit(text.clone()))
        }
        _ => None,
    }
}

pub fn capture_text(capture: &Capture) -> String {
    match capture {
        Capture::Lit(text) => text.clone(),
        Capture::Dyn(Dyn { text, .. }) => format!("${{{text}}}"),
    }
}

/// Case-sensitive glob with `*` only.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, tail)) => {
            let Some(rest) = text.strip_prefix(head) else { return false };
            (0..=rest.len())
                .filter(|i| rest.is_char_boundary(*i))
                .any(|i| glob_match(tail, &rest[i..]))
        }
    }
}

/// The closest catalog name, for "did you mean".
pub fn closest<'n>(name: &str, candidates: impl Iterator<Item = &'n String>) -> Option<&'n String> {
    candidates
        .map(|candidate| {
            (
                strsim::jaro_winkler(&name.to_lowercase(), &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
pub(crate) mod testing {
    //! Runs one rule over a snippet, the way the audit does.

    use std::path::Path;

    use super::*;
    use crate::audit::scan;
    use crate::catalog::model::Wrapper;

    pub const CATALOG: &str = "version: 1\nevents:\n  ticket:\n    actions: { create: {}, update: {}, delete: {} }\n  appMessage:\n    actions: { create: {}, update: {} }\n  quickMessage:\n    actions: { update: {} }\n";

    /// Client events of the ChatIA kind: room bindings, and one event with a typed handler.
    pub const CLIENT_EVENTS: &str = "rooms:\n  ticket: { pattern: \"ticket-{ticketId}\", params: { ticketId: integer }, joinable: true }\nclientEvents:\n  joinChatBox:\n    args: [{ name: ticketId, type: integer }]\n    joins: { room: ticket }\n  leaveChatBox:\n    args: [{ name: ticketId, type: integer }]\n    leaves: { room: ticket }\n  markAsRead:\n    args: [{ name: ticketId, type: integer }]\n    ack: {}\n";

    fn parse_catalog(text: &str) -> Catalog {
        let parsed = crate::catalog::load::parse::<Catalog>(Path::new("t.yaml"), text.as_bytes()).expect("test catalog parses");
        parsed.value.expect("test catalog is valid")
    }

    pub fn catalog() -> Catalog {
        parse_catalog(CATALOG)
    }

    /// [`CATALOG`] with [`CLIENT_EVENTS`].
    pub fn client_catalog() -> Catalog {
        parse_catalog(&format!("{CATALOG}{CLIENT_EVENTS}"))
    }

    pub struct Run<'c> {
        pub catalog: Option<&'c Catalog>,
        pub wrappers: Vec<Wrapper>,
        pub allow_global: Vec<String>,
        pub file: &'static str,
        /// The namespace convention.
        pub namespace: &'static str,
    }

    impl Default for Run<'_> {
        fn default() -> Self {
            Run {
                catalog: None,
                wrappers: Vec::new(),
                allow_global: Vec::new(),
                file: "x.ts",
                namespace: "/workspace-{companyId}",
            }
        }
    }

    impl Run<'_> {
        /// The hits of `rule` in `source`, as the rule returns them.
        pub fn raw_hits(&self, rule: &dyn Rule, source: &str) -> Vec<Hit> {
            let facts = scan::scan(Path::new(self.file), source, &self.wrappers);
            let cx = Context {
                catalog: self.catalog,
                event: Pattern::new("company-{companyId}-{resource}"),
                namespace: Pattern::new(self.namespace),
                allow_global: &self.allow_global,
            };
            let mut out = Vec::new();
            rule.check(&cx, &facts, &mut out);
            out
        }

        /// `(line, message)` of each hit of `rule` in `source`.
        pub fn hits(&self, rule: &dyn Rule, source: &str) -> Vec<(usize, String)> {
            self.raw_hits(rule, source)
                .iter()
                .map(|hit| {
                    (
                        source[..hit.span.start as usize].matches('\n').count() + 1,
                        hit.message.clone(),
                    )
                })
                .collect()
        }
    }

    /// Lines of the hits of `rule` in `source`, with default settings.
    pub fn lines(rule: &dyn Rule, source: &str) -> Vec<usize> {
        Run::default().hits(rule, source).into_iter().map(|(line, _)| line).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_and_documented() {
        let mut ids: Vec<&str> = all().iter().map(|r| r.meta().id).collect();
        for meta in all().iter().map(|r| r.meta()) {
            for heading in ["### What it does", "### Why is this bad", "### Impact", "### Example"] {
                assert!(meta.docs.contains(heading), "{} lacks `{heading}`", meta.id);
            }
            let impact_docs = meta
                .docs
                .split("### Impact")
                .nth(1)
                .and_then(|rest| rest.split("### ").next())
                .unwrap_or("");
            for impact in meta.impacts {
                assert!(
                    impact_docs.contains(&format!("`{impact}`")),
                    "{}'s `### Impact` does not say when it is `{impact}`",
                    meta.id
                );
            }
        }
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len());
    }

    #[test]
    fn explain_strips_the_doc_comment_indent() {
        let text = explain("global-emit").unwrap();
        assert!(text.starts_with("global-emit ("));
        assert!(text.contains("\n### What it does\n"));
        assert!(explain("no-such-rule").is_none());
    }

    #[test]
    fn globs_match_whole_names() {
        assert!(glob_match("platform-*", "platform-announcement"));
        assert!(!glob_match("platform-*", "company-1-platform-x"));
        assert!(glob_match("maintenance", "maintenance"));
    }
}
