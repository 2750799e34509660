//! Which files the audit parses. Most files of a helpdesk codebase (migrations, models, routes,
//! most components) hold no Socket.IO call; a file is parsed only if it holds one of the words
//! every call the scanner reads needs (`emit`, `.on(`, `.to(`, a declared wrapper's name, …) or
//! a suppression comment. Each word set is one Aho-Corasick automaton, searched with SIMD as
//! ripgrep searches its literals, so a file that is not parsed costs little more than reading it.

use aho_corasick::{AhoCorasick, MatchKind};

use super::project::TENANT_NAMES;

/// The words a file must hold for the scanner to find anything in it.
const CALL_WORDS: [&str; 9] = [
    "emit",
    ".on(",
    ".once(",
    ".off(",
    ".of(",
    // A helper that only builds the operator its callers emit on: `io.to(…).to(…)`.
    ".to(",
    // Where client code connects: the namespace its events go to.
    "socket.io-client",
    ".removeListener(",
    "chatia-socket-ignore",
];

pub struct Prefilter {
    calls: AhoCorasick,
    tenants: AhoCorasick,
}

impl Prefilter {
    /// `wrappers` are the declared wrappers' names; a call `notify.company(…)` is found by its
    /// last part.
    pub fn new<'a>(wrappers: impl Iterator<Item = &'a str>) -> Prefilter {
        let wrappers = wrappers.map(|name| name.rsplit('.').next().unwrap_or(name));
        let calls: Vec<&str> = CALL_WORDS.into_iter().chain(wrappers).filter(|w| !w.is_empty()).collect();
        Prefilter {
            calls: automaton(&calls),
            tenants: automaton(&TENANT_NAMES),
        }
    }

    /// Whether the scanner may find anything in `bytes`.
    pub fn wanted(&self, bytes: &[u8]) -> bool {
        self.calls.is_match(bytes)
    }

    /// Whether `bytes` name a tenant's id ([`TENANT_NAMES`]).
    pub fn names_a_tenant(&self, bytes: &[u8]) -> bool {
        self.tenants.is_match(bytes)
    }
}

/// Leftmost-first matching lets the automaton search with Teddy's SIMD (as ripgrep does): with
/// standard matching it falls back on rare bytes, and `.` and `(` are everywhere in code.
fn automaton(words: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(words)
        .expect("a few short literals build an automaton")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn socket_calls_suppressions_and_wrappers_are_wanted() {
        let prefilter = Prefilter::new(["notify.company"].into_iter());
        for text in [
            "io.emit('x')",
            "socket.on('x', f)",
            "const ns = io.of(name)",
            "import io from 'socket.io-client'",
            "// chatia-socket-ignore global-emit",
            "await company(companyId, 'x', {})",
        ] {
            assert!(prefilter.wanted(text.as_bytes()), "{text}");
        }
        for text in ["export default Ticket;", "queryInterface.addColumn('Tickets', 'x')", ""] {
            assert!(!prefilter.wanted(text.as_bytes()), "{text}");
        }
    }

    #[test]
    fn tenant_names_are_seen_in_any_spelling() {
        let prefilter = Prefilter::new(std::iter::empty());
        assert!(prefilter.names_a_tenant(b"where: { company_id }"));
        assert!(prefilter.names_a_tenant(b"socket.data.tenantId = id"));
        assert!(!prefilter.names_a_tenant(b"const company = 1"));
    }
}
