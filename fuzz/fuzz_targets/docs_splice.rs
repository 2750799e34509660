//! WEBSOCKET.md refreshed with the sections of the bundled catalog.
//!
//! The input is read two ways. As a whole document, refreshed with the real sections: the refresh
//! never panics, a refused document names its problems by line, and a refreshed one refreshes to
//! itself. As the hand-written text between the sections of a current document (the input cut at
//! each `\0`; the sections keep their names and get short bodies, so that a run tries many
//! documents): once the splicer reads that document as it was built, a refresh with other section
//! bodies must keep every hand-written byte where it was, and refreshing back must give the
//! original document byte for byte.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use chatia_socket::docs::splice::{self, end_marker, Section};
use chatia_socket::docs::{CLIENT_EVENT_SECTION_PREFIX, EVENT_SECTION_PREFIX};
use libfuzzer_sys::fuzz_target;

struct Fixture {
    /// The bundled catalog's sections, as generated.
    full: Vec<Section>,
    /// The same names with short bodies.
    current: Vec<Section>,
    /// The same sections with other bodies: the catalog after an edit.
    edited: Vec<Section>,
    /// Each section as the splicer writes it: current and edited, with LF and with CRLF.
    blocks: [[Vec<String>; 2]; 2],
}

impl Fixture {
    fn blocks(&self, edited: bool, eol: &str) -> &[String] {
        &self.blocks[usize::from(edited)][usize::from(eol != "\n")]
    }
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded =
            chatia_socket::catalog::load(&manifest.join("../fixtures/chatia/socket-events.yaml")).expect("fixture loads");
        let protocol = chatia_socket::protocol::resolve(&loaded).expect("fixture resolves");
        let full = chatia_socket::gen::markdown::render(&protocol)
            .expect("fixture documents")
            .sections;
        // The real names with short bodies of the kinds of blocks the real ones hold, balanced as
        // they are, so that a run tries many documents: the hand-written text is what is judged.
        let current: Vec<Section> = full
            .iter()
            .map(|s| Section {
                name: s.name.clone(),
                body: format!(
                    "### `{}`\n\n| key | value |\n| --- | --- |\n| a \\| b | `c` |\n\n```ts\nconst x = 1;\n```\n\n```mermaid\nsequenceDiagram\n```\n",
                    s.name
                ),
            })
            .collect();
        let edited = current
            .iter()
            .map(|s| Section {
                name: s.name.clone(),
                body: format!("{}\n\nEdited: `{}` changed.\n", s.body, s.name),
            })
            .collect();
        let blocks =
            [&current, &edited].map(|sections| ["\n", "\r\n"].map(|eol| sections.iter().map(|s| block(s, eol)).collect()));
        Fixture {
            full,
            current,
            edited,
            blocks,
        }
    })
}

fn refresh(existing: &str, sections: &[Section]) -> Result<String, splice::MarkerProblems> {
    splice::splice(existing, sections, |name| {
        name.starts_with(EVENT_SECTION_PREFIX) || name.starts_with(CLIENT_EVENT_SECTION_PREFIX)
    })
}

/// A section as the splicer writes it, with `eol` line endings, its end marker's included.
fn block(section: &Section, eol: &str) -> String {
    let mut doc = refresh(
        &format!("{}\n{}\n", splice::begin_marker(&section.name), end_marker(&section.name)),
        std::slice::from_ref(section),
    )
    .expect("one well-formed section");
    if eol != "\n" {
        doc = doc.replace('\n', eol);
    }
    doc
}

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let fixture = fixture();
    as_a_document(&text, fixture);
    as_hand_written_text(&text, fixture);
});

fn as_a_document(text: &str, fixture: &Fixture) {
    match refresh(text, &fixture.full) {
        Ok(refreshed) => {
            let again = refresh(&refreshed, &fixture.full).expect("a refreshed document refreshes");
            assert!(again == refreshed, "a second refresh changed the document");
        }
        Err(problems) => {
            let lines = text.split('\n').count();
            assert!(!problems.0.is_empty());
            for problem in &problems.0 {
                assert!(
                    problem.line >= 1 && problem.line <= lines,
                    "line {} of {lines}: {problem:?}",
                    problem.line
                );
            }
            assert!(
                problems.0.len() <= splice::MAX_PROBLEMS + 1,
                "{} problems listed",
                problems.0.len()
            );
        }
    }
}

fn as_hand_written_text(text: &str, fixture: &Fixture) {
    let chunks: Vec<&str> = text.split('\0').collect();
    // The document's line ending is its first line's; the sections then use it too.
    let eol = splice::line_ending(chunks[0]);
    let mut doc = String::new();
    let mut hand_written = String::new();
    for (i, block) in fixture.blocks(false, eol).iter().enumerate() {
        let chunk = chunks.get(i).copied().unwrap_or("");
        doc.push_str(chunk);
        hand_written.push_str(chunk);
        doc.push_str(block);
        doc.push_str(eol);
    }
    let tail = chunks
        .get(fixture.current.len()..)
        .map(|rest| rest.join("\0"))
        .unwrap_or_default();
    doc.push_str(&tail);
    hand_written.push_str(&tail);

    // Only a document the splicer reads as it was built can be judged: hand-written text that
    // opens a code block hides the markers after it, and so changes which sections there are.
    if refresh(&doc, &fixture.current).ok().as_deref() != Some(doc.as_str()) {
        return;
    }
    let edited = refresh(&doc, &fixture.edited).expect("the same sections refresh with other bodies");
    let mut rest = edited.clone();
    for (section, block) in fixture.edited.iter().zip(fixture.blocks(true, eol)) {
        let written = format!("{block}{eol}");
        let at = rest
            .find(&written)
            .unwrap_or_else(|| panic!("section `{}` is not written whole", section.name));
        rest.replace_range(at..at + written.len(), "");
    }
    assert!(
        rest == hand_written,
        "hand-written text changed:\n{rest:?}\nwas\n{hand_written:?}"
    );
    let back = refresh(&edited, &fixture.current).expect("the edited document refreshes back");
    assert!(back == doc, "refreshing back did not give the original document");
}
