//! Inline suppressions: `// chatia-socket-ignore RULE[, RULE]: reason` on the line before a
//! finding or on its line. The reason is required; a suppression that matches nothing is itself
//! reported, so stale ones do not pile up.

use oxc_span::Span;

use super::finding::LineIndex;
use super::rules::{Hit, InvalidSuppression, UnusedSuppression};

const MARKER: &str = "chatia-socket-ignore";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub span: Span,
    pub rules: Vec<String>,
    pub reason: Option<String>,
    /// The lines it covers: its own and the one after it.
    pub lines: (usize, usize),
}

pub fn parse(comments: &[(Span, String)], index: &LineIndex<'_>) -> Vec<Suppression> {
    comments
        .iter()
        .filter_map(|(span, body)| {
            let rest = body.trim_start().trim_start_matches('*').trim_start().strip_prefix(MARKER)?;
            let (rules, reason) = match rest.split_once(':') {
                Some((rules, reason)) => (rules, Some(reason.trim().trim_end_matches("*/").trim())),
                None => (rest, None),
            };
            let rules = rules
                .split([',', ' ', '\t'])
                .filter(|r| !r.is_empty())
                .map(str::to_owned)
                .collect();
            let reason = reason.filter(|r| !r.is_empty()).map(str::to_owned);
            let lines = (index.line(span.start as usize), index.line(span.end as usize) + 1);
            Some(Suppression {
                span: *span,
                rules,
                reason,
                lines,
            })
        })
        .collect()
}

/// Drops suppressed hits and adds `invalid-suppression` / `unused-suppression` hits.
/// `active` says whether a rule ran on this file (not `off`, not skipped for lack of a catalog).
pub fn apply(hits: Vec<Hit>, suppressions: &[Suppression], index: &LineIndex<'_>, active: impl Fn(&str) -> bool) -> Vec<Hit> {
    let known = |id: &str| super::rules::meta(id).is_some();
    let mut used = vec![Vec::new(); suppressions.len()];
    let mut kept = Vec::new();
    for hit in hits {
        let line = index.line(hit.span.start as usize);
        let by = suppressions.iter().enumerate().find(|(_, s)| {
            s.reason.is_some()
                && s.rules.iter().all(|r| known(r))
                && (line == s.lines.0 || line == s.lines.1)
                && s.rules.iter().any(|r| r == hit.rule)
        });
        match by {
            Some((i, _)) => used[i].push(hit.rule),
            None => kept.push(hit),
        }
    }
    for (suppression, used) in suppressions.iter().zip(used) {
        let unknown: Vec<&String> = suppression.rules.iter().filter(|r| !known(r)).collect();
        if suppression.rules.is_empty() || !unknown.is_empty() {
            let what = if suppression.rules.is_empty() {
                "names no rule".to_owned()
            } else {
                format!("names unknown rule `{}`", unknown[0])
            };
            kept.push(InvalidSuppression::hit(
                suppression.span,
                format!("this suppression {what}"),
                "write `// chatia-socket-ignore RULE: reason`; `chatia-socket audit --explain RULE` lists what a rule checks",
            ));
            continue;
        }
        if suppression.reason.is_none() {
            kept.push(InvalidSuppression::hit(
                suppression.span,
                "this suppression gives no reason, so it suppresses nothing",
                "add why after a colon: `// chatia-socket-ignore RULE: reason`",
            ));
            continue;
        }
        for rule in &suppression.rules {
            if active(rule) && !used.contains(&rule.as_str()) {
                kept.push(UnusedSuppression::hit(
                    suppression.span,
                    format!("`{rule}` is suppressed here but reports nothing on this line or the next"),
                    "remove the suppression",
                ));
            }
        }
    }
    kept
}
