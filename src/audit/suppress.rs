//! Inline suppressions: `// chatia-socket-ignore RULE[, RULE]: reason` on the line before a
//! finding or on its line. The reason is required; a suppression that matches nothing is itself
//! reported, so stale ones do not pile up.

use std::collections::{HashMap, HashSet};

use oxc_span::Span;

use super::finding::LineIndex;
use super::rules::{Hit, InvalidSuppression, UnusedSuppression};
use super::value::{clip, MAX_TEXT};

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

/// Diagnostics of each kind (invalid, unused) reported per file; the rest are counted in one
/// more, so a file of broken markers cannot flood the report.
pub const MAX_DIAGNOSTICS: usize = 20;

/// Drops suppressed hits and adds `invalid-suppression` / `unused-suppression` hits.
/// `active` says whether a rule ran on this file (not `off`, not skipped for lack of a catalog).
pub fn apply(hits: Vec<Hit>, suppressions: &[Suppression], index: &LineIndex<'_>, active: impl Fn(&str) -> bool) -> Vec<Hit> {
    let covering = Covering::new(suppressions);
    let mut used = vec![HashSet::new(); suppressions.len()];
    let mut kept = Vec::new();
    for hit in hits {
        match covering.of(index.line(hit.span.start as usize), hit.rule) {
            Some(i) => {
                used[i].insert(hit.rule);
            }
            None => kept.push(hit),
        }
    }
    let mut invalid = Vec::new();
    let mut unused = Vec::new();
    for (suppression, used) in suppressions.iter().zip(&used) {
        match problem(suppression) {
            Some(hit) => invalid.push(hit),
            None => unused.extend(unused_rules(suppression, used, &active)),
        }
    }
    kept.extend(capped(invalid, "invalid suppressions"));
    kept.extend(capped(unused, "unused suppressions"));
    kept
}

/// Which valid suppression, if any, covers a rule on a line: the first one in the file, as found
/// in one lookup, so matching costs the same however many suppressions a file has.
struct Covering<'s> {
    first: HashMap<(usize, &'s str), usize>,
}

impl<'s> Covering<'s> {
    fn new(suppressions: &'s [Suppression]) -> Self {
        let mut first = HashMap::new();
        for (i, suppression) in suppressions.iter().enumerate() {
            if problem(suppression).is_some() {
                continue;
            }
            for rule in &suppression.rules {
                for line in [suppression.lines.0, suppression.lines.1] {
                    first.entry((line, rule.as_str())).or_insert(i);
                }
            }
        }
        Covering { first }
    }

    fn of(&self, line: usize, rule: &str) -> Option<usize> {
        self.first.get(&(line, rule)).copied()
    }
}

fn known(id: &str) -> bool {
    super::rules::meta(id).is_some()
}

/// The `invalid-suppression` hit of a suppression that suppresses nothing as written.
fn problem(suppression: &Suppression) -> Option<Hit> {
    let unknown = suppression.rules.iter().find(|r| !known(r));
    if suppression.rules.is_empty() || unknown.is_some() {
        let what = match unknown {
            Some(rule) => format!("names unknown rule `{}`", clip(rule, MAX_TEXT)),
            None => "names no rule".to_owned(),
        };
        return Some(InvalidSuppression::hit(
            suppression.span,
            format!("this suppression {what}"),
            "write `// chatia-socket-ignore RULE: reason`; `chatia-socket audit --explain RULE` lists what a rule checks",
        ));
    }
    suppression.reason.is_none().then(|| {
        InvalidSuppression::hit(
            suppression.span,
            "this suppression gives no reason, so it suppresses nothing",
            "add why after a colon: `// chatia-socket-ignore RULE: reason`",
        )
    })
}

fn unused_rules<'s>(
    suppression: &'s Suppression,
    used: &'s HashSet<&str>,
    active: &'s impl Fn(&str) -> bool,
) -> impl Iterator<Item = Hit> + 's {
    let mut reported = HashSet::new();
    suppression
        .rules
        .iter()
        .filter(move |rule| active(rule) && !used.contains(rule.as_str()) && reported.insert(rule.as_str()))
        .map(|rule| {
            UnusedSuppression::hit(
                suppression.span,
                format!("`{rule}` is suppressed here but reports nothing on this line or the next"),
                "remove the suppression",
            )
        })
}

/// The first [`MAX_DIAGNOSTICS`] hits, then one that counts the others.
fn capped(mut hits: Vec<Hit>, what: &str) -> Vec<Hit> {
    if hits.len() <= MAX_DIAGNOSTICS {
        return hits;
    }
    let more = hits.len() - MAX_DIAGNOSTICS;
    let first_left_out = &hits[MAX_DIAGNOSTICS];
    let summary = Hit {
        message: format!("… and {more} more {what} in this file, not listed"),
        hint: Some("fix the ones listed and audit again to see the next ones".to_owned()),
        ..first_left_out.clone()
    };
    hits.truncate(MAX_DIAGNOSTICS);
    hits.push(summary);
    hits
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;

    /// `n` lines, each a suppression of `global-emit` with a hit of it on the next line.
    fn suppressed_lines(n: usize) -> (String, Vec<Suppression>, Vec<Hit>) {
        let text = "x\n".repeat(2 * n);
        let suppressions = (0..n)
            .map(|i| Suppression {
                span: Span::new(4 * i as u32, 4 * i as u32 + 1),
                rules: vec!["global-emit".to_owned()],
                reason: Some("why".to_owned()),
                lines: (2 * i + 1, 2 * i + 2),
            })
            .collect();
        let hits = (0..n)
            .map(|i| Hit {
                rule: "global-emit",
                span: Span::new(4 * i as u32 + 2, 4 * i as u32 + 3),
                severity: None,
                impact: None,
                message: String::new(),
                hint: None,
            })
            .collect();
        (text, suppressions, hits)
    }

    fn fastest_apply(n: usize) -> Duration {
        let (text, suppressions, hits) = suppressed_lines(n);
        let index = LineIndex::new(&text);
        (0..3)
            .map(|_| {
                let hits = hits.clone();
                let started = Instant::now();
                let kept = apply(hits, &suppressions, &index, |_| true);
                let took = started.elapsed();
                assert!(kept.is_empty(), "every hit is suppressed and every suppression used");
                took
            })
            .min()
            .unwrap()
    }

    #[test]
    fn matching_grows_with_the_suppressions_not_with_their_square() {
        let (one, eight) = (fastest_apply(8_000), fastest_apply(64_000));
        // Linear work takes about 8 times as long; matching each hit against every suppression,
        // 64 times.
        assert!(eight < one * 24, "{one:?} for 8,000 suppressions, {eight:?} for 64,000");
    }

    #[test]
    fn broken_suppressions_are_listed_up_to_a_cap_then_counted() {
        let n = 3 * MAX_DIAGNOSTICS;
        let text = "// chatia-socket-ignore\n".repeat(n);
        let comments: Vec<(Span, String)> = (0..n)
            .map(|i| {
                (
                    Span::new(24 * i as u32, 24 * i as u32 + 23),
                    " chatia-socket-ignore".to_owned(),
                )
            })
            .collect();
        let index = LineIndex::new(&text);
        let kept = apply(Vec::new(), &parse(&comments, &index), &index, |_| true);
        assert_eq!(kept.len(), MAX_DIAGNOSTICS + 1);
        assert!(kept.iter().all(|hit| hit.rule == "invalid-suppression"));
        assert_eq!(
            kept.last().unwrap().message,
            format!(
                "… and {} more invalid suppressions in this file, not listed",
                n - MAX_DIAGNOSTICS
            )
        );
    }
}
