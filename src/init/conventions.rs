//! The namespace and event patterns the code follows: each name the code spells with a
//! company id in it is turned into a pattern, and the pattern most sites follow wins.

use indexmap::IndexMap;

use super::{At, Convention, Source};
use crate::audit::project::TENANT_NAMES;
use crate::audit::scan::{EmitMethod, ListenerKind, NamespaceArg};
use crate::audit::value::{Part, Str};

pub const DEFAULT_NAMESPACE: &str = "/workspace-{companyId}";
pub const DEFAULT_EVENT: &str = "company-{companyId}-{resource}";

/// The namespace pattern of the server's `io.of(…)` and the clients' connections.
pub fn namespace(sources: &[Source<'_>]) -> Convention {
    let mut votes = Votes::default();
    for source in sources {
        for site in &source.facts.namespaces {
            let pattern = match &site.arg {
                NamespaceArg::Name(name) => namespace_pattern(&name.as_namespace()),
                NamespaceArg::Regex(regex) => regex_pattern(regex),
                NamespaceArg::Function | NamespaceArg::Generated => None,
            };
            votes.add(pattern, source.at(site.span.start));
        }
        for connection in &source.facts.connections {
            votes.add(namespace_pattern(&connection.as_namespace()), source.at(0));
        }
    }
    votes.winner(
        DEFAULT_NAMESPACE,
        "no namespace with a company id in it was found: the code uses `/`",
    )
}

/// The event pattern of the server's emits and the clients' listeners.
pub fn event(sources: &[Source<'_>]) -> Convention {
    let mut votes = Votes::default();
    for source in sources {
        let facts = source.facts;
        let emits = facts
            .emits
            .iter()
            .filter(|e| !e.in_wrapper_definition && e.method != EmitMethod::ServerSideEmit)
            .map(|e| (&e.event, e.span.start));
        let listeners = facts
            .listeners
            .iter()
            .filter(|l| !matches!(l.kind, ListenerKind::Off { .. }))
            .map(|l| (&l.event, l.span.start));
        for (name, offset) in emits.chain(listeners) {
            if let Some(name) = name {
                votes.add(event_pattern(name), source.at(offset));
            }
        }
    }
    votes.winner(
        DEFAULT_EVENT,
        "no event name with a company id in it was found: the code names events without one",
    )
}

#[derive(Default)]
struct Votes {
    /// Each pattern, with how many sites follow it and the first of them.
    counts: IndexMap<String, (usize, At)>,
}

impl Votes {
    fn add(&mut self, pattern: Option<String>, at: At) {
        if let Some(pattern) = pattern {
            self.counts.entry(pattern).or_insert((0, at)).0 += 1;
        }
    }

    fn winner(self, default: &'static str, none: &str) -> Convention {
        let best = self.counts.into_iter().max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.0.cmp(&a.0)));
        match best {
            Some((pattern, (sites, at))) => Convention {
                pattern,
                default,
                sites,
                at: Some(at),
                note: None,
            },
            None => Convention {
                pattern: default.to_owned(),
                default,
                sites: 0,
                at: None,
                note: Some(none.to_owned()),
            },
        }
    }
}

/// Whether a run-time part of a name is the company's id.
fn is_company(text: &str) -> bool {
    let last = text.rsplit(['.', '?']).next().unwrap_or(text);
    TENANT_NAMES.contains(&last) || last == "id" && text.to_ascii_lowercase().contains("company")
}

/// `/workspace-${companyId}` → `/workspace-{companyId}`: literal text, and the company once.
fn namespace_pattern(name: &Str) -> Option<String> {
    let mut pattern = String::new();
    let mut companies = 0;
    for part in &name.parts {
        match part {
            Part::Lit(text) if !text.contains(['{', '}']) => pattern.push_str(text),
            Part::Dyn(d) if is_company(&d.text) => {
                companies += 1;
                pattern.push_str("{companyId}");
            }
            _ => return None,
        }
    }
    (companies == 1 && pattern.starts_with('/')).then_some(pattern)
}

/// `^\/workspace-\d+$` → `/workspace-{companyId}`.
fn regex_pattern(regex: &str) -> Option<String> {
    let body = regex.strip_prefix('^')?.strip_suffix('$')?;
    let body = body.replace("\\/", "/");
    let (before, after) = ["(\\d+)", "([0-9]+)", "\\d+", "[0-9]+"]
        .iter()
        .find_map(|digits| body.split_once(digits))?;
    let plain = |text: &str| {
        text.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'))
    };
    (plain(before) && plain(after) && before.starts_with('/')).then(|| format!("{before}{{companyId}}{after}"))
}

/// `company-${companyId}-ticket` → `company-{companyId}-{resource}`: the company once, and the
/// word next to it in the literal text after it (or before it, when nothing follows) as the resource.
fn event_pattern(name: &Str) -> Option<String> {
    let company = name
        .parts
        .iter()
        .position(|part| matches!(part, Part::Dyn(d) if is_company(&d.text)))?;
    let literal = |part: &Part| match part {
        Part::Lit(text) if !text.contains(['{', '}']) => Some(text.clone()),
        _ => None,
    };
    let texts: Vec<String> = name
        .parts
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != company)
        .map(|(_, p)| literal(p))
        .collect::<Option<_>>()?;
    let (before, after) = texts.split_at(company);
    let (before, after) = (before.concat(), after.concat());
    if let Some((lead, word, trail)) = first_word(&after) {
        return (!word.is_empty()).then(|| format!("{before}{{companyId}}{lead}{{resource}}{trail}"));
    }
    let (lead, word, trail) = last_word(&before)?;
    (!word.is_empty()).then(|| format!("{lead}{{resource}}{trail}{{companyId}}"))
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The text before the first word, the word, and the rest.
fn first_word(text: &str) -> Option<(&str, &str, &str)> {
    let start = text.find(is_word)?;
    let end = text[start..].find(|c: char| !is_word(c)).map_or(text.len(), |n| start + n);
    Some((&text[..start], &text[start..end], &text[end..]))
}

/// The text before the last word, the word, and what follows it.
fn last_word(text: &str) -> Option<(&str, &str, &str)> {
    let end = text.rfind(is_word)? + 1;
    let start = text[..end].rfind(|c: char| !is_word(c)).map_or(0, |n| n + 1);
    Some((&text[..start], &text[start..end], &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(parts: &[&str]) -> Str {
        crate::init::str_of(parts)
    }

    #[test]
    fn event_names_become_patterns() {
        let cases = [
            (
                &["company-", "$companyId", "-ticket"][..],
                Some("company-{companyId}-{resource}"),
            ),
            (
                &["company-", "$ticket.companyId", "-appMessage"],
                Some("company-{companyId}-{resource}"),
            ),
            (
                &["tenant:", "$tenantId", ":ticket:update"],
                Some("tenant:{companyId}:{resource}:update"),
            ),
            (&["ticket-", "$companyId"], Some("{resource}-{companyId}")),
            (&["ticket-", "$ticketId"], None),
            (&["ticket"], None),
        ];
        for (parts, expected) in cases {
            assert_eq!(event_pattern(&name(parts)).as_deref(), expected, "{parts:?}");
        }
    }

    #[test]
    fn namespaces_become_patterns() {
        assert_eq!(
            namespace_pattern(&name(&["/workspace-", "$companyId"])).as_deref(),
            Some("/workspace-{companyId}")
        );
        assert_eq!(
            namespace_pattern(&name(&["/", "$user.companyId"])).as_deref(),
            Some("/{companyId}")
        );
        assert_eq!(namespace_pattern(&name(&["/", "$ticketId"])), None);
        assert_eq!(regex_pattern(r"^\/workspace-\d+$").as_deref(), Some("/workspace-{companyId}"));
        assert_eq!(regex_pattern(r"^/company/([0-9]+)$").as_deref(), Some("/company/{companyId}"));
        assert_eq!(regex_pattern(r"^\/.*$"), None);
    }
}
