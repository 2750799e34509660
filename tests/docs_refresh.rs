//! Refreshing WEBSOCKET.md after the catalog changes: every hand-written byte before, between
//! and after the sections stays where it was, new events and client events get a section at
//! their place in catalog order, removed ones lose theirs — for chosen documents and for random
//! ones.

use std::path::Path;

use chatia_socket::catalog::{self, Loaded};
use chatia_socket::docs::splice::{begin_marker, end_marker, MARKER_PREFIX};
use chatia_socket::docs::{self, MarkerProblems};
use chatia_socket::protocol::resolve;
use proptest::prelude::*;

fn fixture() -> Loaded {
    catalog::load(Path::new("fixtures/chatia/socket-events.yaml")).unwrap()
}

/// The document of a catalog, created or refreshed from its current text.
fn refresh(loaded: &Loaded, existing: Option<&str>) -> anyhow::Result<String> {
    docs::refresh(&resolve(loaded)?, existing)
}

/// The section names of a document, in order.
fn section_names(doc: &str) -> Vec<String> {
    let begin = format!("{MARKER_PREFIX}begin ");
    marker_lines(doc)
        .into_iter()
        .filter_map(|line| line.trim().strip_prefix(&begin))
        .map(|rest| rest.trim_end_matches(" -->").to_owned())
        .collect()
}

/// The lines of `doc` (with their endings), each paired with whether it is a real marker line: not
/// inside a fenced code block (of backticks or tildes), not inside a `<pre>` block, and not
/// indented into an indented one. Markers in a quote or a list item do not start their line. The
/// documents here open no other block that could hold a marker.
fn lines_with_markers(doc: &str) -> Vec<(&str, bool)> {
    let mut fence: Option<(char, usize)> = None;
    let mut pre = false;
    doc.split_inclusive('\n')
        .map(|line| {
            let trimmed = line.trim();
            let fence_char = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'));
            let run = fence_char.map_or(0, |f| trimmed.chars().take_while(|&c| c == f).count());
            let was_open = fence.is_some() || pre;
            match (fence, fence_char) {
                (Some((open, length)), Some(c)) if c == open && run >= length && trimmed.len() == run => fence = None,
                (Some(_), _) => {}
                (None, Some(c)) if run >= 3 && !pre => fence = Some((c, run)),
                (None, _) => {}
            }
            if fence.is_none() && trimmed.starts_with("<pre>") {
                pre = true;
            }
            let inside = was_open || fence.is_some() || pre;
            if trimmed.ends_with("</pre>") {
                pre = false;
            }
            let indented = line.starts_with("    ") || line.starts_with('\t');
            let marker = !inside && !indented && trimmed.starts_with(MARKER_PREFIX);
            (line, marker)
        })
        .collect()
}

fn marker_lines(doc: &str) -> Vec<&str> {
    lines_with_markers(doc)
        .into_iter()
        .filter(|(_, m)| *m)
        .map(|(l, _)| l)
        .collect()
}

/// What is left once every section, marker lines included, is cut out: the hand-written text.
fn hand_written(doc: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for (line, marker) in lines_with_markers(doc) {
        let trimmed = line.trim();
        if marker && trimmed.starts_with(&format!("{MARKER_PREFIX}begin ")) {
            inside = true;
        } else if marker && trimmed.starts_with(&format!("{MARKER_PREFIX}end ")) {
            inside = false;
        } else if !inside {
            out.push_str(line);
        }
    }
    out
}

/// The canonical section order for a catalog.
fn expected_names(loaded: &Loaded) -> Vec<String> {
    let mut names = vec!["index".to_owned(), "rooms".to_owned(), "connection".to_owned()];
    names.extend(loaded.catalog.events.keys().map(|r| format!("events/{r}")));
    names.extend(loaded.catalog.client_events.keys().map(|n| format!("client-events/{n}")));
    names
}

/// A generated document with hand-written text around and between all its sections.
fn with_hand_written_text(generated: &str, chunks: &[String]) -> String {
    let mut out = String::new();
    let mut chunk = chunks.iter();
    for (line, marker) in lines_with_markers(generated) {
        out.push_str(line);
        if marker && line.trim().starts_with(&format!("{MARKER_PREFIX}end ")) {
            out.push_str(chunk.next().map_or("", String::as_str));
        }
    }
    out
}

/// Adds an event `note` after `contact`, changes `ticket`, removes `campaign`.
fn changed(mut loaded: Loaded) -> Loaded {
    let events = &mut loaded.catalog.events;
    let mut note = events["contact"].clone();
    note.description = Some("A note was added to a contact.".to_owned());
    let at = events.get_index_of("contact").unwrap() + 1;
    events.shift_insert(at, "note".to_owned(), note);
    events["ticket"].description = Some("Tickets, | with a pipe and `code`.".to_owned());
    events.shift_remove("campaign");
    loaded
}

#[test]
fn refresh_after_adding_changing_and_removing_events_keeps_every_hand_written_byte() {
    let before = fixture();
    let generated = refresh(&before, None).unwrap();
    let chunks: Vec<String> = (0..expected_names(&before).len())
        .map(|i| format!("\nHand-written note {i}, with trailing spaces   \n<!-- a comment of mine -->\n\n"))
        .collect();
    let doc = with_hand_written_text(&generated, &chunks);

    let after = changed(before);
    let refreshed = refresh(&after, Some(&doc)).unwrap();

    assert_eq!(hand_written(&refreshed), hand_written(&doc));
    assert_eq!(section_names(&refreshed), expected_names(&after));
    assert!(refreshed.contains("Tickets, \\| with a pipe and `code`."));
    assert!(!refreshed.contains("## Event `campaign`"));
    // The new section sits right after `contact`'s, before the note that followed it.
    let contact_end = refreshed.find(&end_marker("events/contact")).unwrap();
    let note_begin = refreshed.find(&begin_marker("events/note")).unwrap();
    let note_after_contact = refreshed.find("Hand-written note 5,").unwrap();
    assert!(contact_end < note_begin && note_begin < note_after_contact);
    assert_eq!(
        refresh(&after, Some(&refreshed)).unwrap(),
        refreshed,
        "refreshing twice changes nothing"
    );
}

#[test]
fn a_document_in_crlf_stays_in_crlf() {
    let before = fixture();
    let doc = refresh(&before, None).unwrap().replace('\n', "\r\n");
    let refreshed = refresh(&changed(before), Some(&doc)).unwrap();
    assert!(!refreshed.replace("\r\n", "").contains('\n'), "a bare LF slipped in");
    assert_eq!(hand_written(&refreshed), hand_written(&doc));
}

#[test]
fn a_note_between_two_client_event_sections_survives_byte_for_byte() {
    let before = fixture();
    let note = "\nOur clients send `typing` at most once per keystroke burst.  \n\n";
    let end_typing = end_marker("client-events/typing");
    let doc = refresh(&before, None)
        .unwrap()
        .replacen(&format!("{end_typing}\n"), &format!("{end_typing}\n{note}"), 1);

    let mut after = before;
    let events = &mut after.catalog.client_events;
    events["markAsRead"].description = Some("Changed | with a pipe.".to_owned());
    events.shift_remove("joinTickets");
    let refreshed = refresh(&after, Some(&doc)).unwrap();

    let between = format!("{end_typing}\n{note}{}\n", begin_marker("client-events/markAsRead"));
    assert!(refreshed.contains(&between), "{refreshed}");
    assert!(refreshed.contains("**Purpose:** Changed | with a pipe."));
    assert_eq!(hand_written(&refreshed), hand_written(&doc));
}

#[test]
fn a_removed_client_events_section_is_removed_and_a_new_one_takes_its_place_in_order() {
    let before = fixture();
    let doc = refresh(&before, None).unwrap();
    let mut after = before;
    let events = &mut after.catalog.client_events;
    let mut pin = events["markAsRead"].clone();
    pin.description = Some("Pin a ticket.".to_owned());
    events.shift_remove("leaveNotification");
    events.shift_insert(0, "pinTicket".to_owned(), pin);
    let refreshed = refresh(&after, Some(&doc)).unwrap();

    assert!(!refreshed.contains("client-events/leaveNotification"), "{refreshed}");
    assert!(!refreshed.contains("## Client event `leaveNotification`"));
    assert_eq!(section_names(&refreshed), expected_names(&after));
    assert_eq!(hand_written(&refreshed), hand_written(&doc));
}

#[test]
fn a_client_event_section_missing_a_marker_is_refused_like_any_other() {
    let doc = refresh(&fixture(), None).unwrap();
    let (typing, last) = ("client-events/typing", "client-events/markAsRead");
    // The marker taken out, the marker the problem is reported at, and the problem.
    let cases = [
        (end_marker(last), begin_marker(last), "unclosed-section"),
        (begin_marker(typing), end_marker(typing), "unopened-section"),
        (end_marker(typing), begin_marker(last), "nested-section"),
    ];
    for (removed, reported, code) in cases {
        let broken = doc.replacen(&format!("{removed}\n"), "", 1);
        let line = broken.lines().position(|l| l == reported).unwrap() + 1;
        let err = refresh(&fixture(), Some(&broken)).unwrap_err();
        let problems = err.downcast_ref::<MarkerProblems>().expect("marker problems");
        let found: Vec<(usize, &str)> = problems.0.iter().map(|p| (p.line, p.code)).collect();
        assert_eq!(found, [(line, code)], "without `{removed}`");
    }
}

#[test]
fn marker_problems_come_back_as_data() {
    let doc = format!("intro\n{}\n", begin_marker("index"));
    let err = refresh(&fixture(), Some(&doc)).unwrap_err();
    let problems = err.downcast_ref::<MarkerProblems>().expect("marker problems");
    assert_eq!(problems.0.len(), 1);
    assert_eq!((problems.0[0].line, problems.0[0].code), (2, "unclosed-section"));
}

#[test]
fn catalog_text_cannot_forge_a_marker() {
    let mut loaded = fixture();
    let forged = format!(
        "x\n{}\n# Heading\n{}",
        end_marker("events/ticket"),
        begin_marker("events/ticket")
    );
    loaded.catalog.events["ticket"].description = Some(forged.clone());
    loaded.catalog.events["ticket"].actions["update"].description = Some(forged.clone());
    loaded.catalog.types["Ticket"].description = Some(forged);
    let doc = refresh(&loaded, None).unwrap();
    assert_eq!(section_names(&doc), expected_names(&loaded));
    assert_eq!(refresh(&loaded, Some(&doc)).unwrap(), doc);
}

/// A hand-written line: random text, or one of the lines most likely to confuse a splicer —
/// among them fenced and indented examples of the markers themselves. Every block it opens it
/// closes: an unclosed fence or comment would, as Markdown reads it, hold the markers after it.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        // No `<`: a random `<pre` or `<script` would open a raw HTML block that, as Markdown reads
        // it, holds every marker up to its closing tag.
        "[ \ta-zA-Z0-9#|*>!\\-_éü漢]{0,30}",
        Just("<div>my own HTML</div>".to_owned()),
        Just(String::new()),
        Just("   ".to_owned()),
        Just("`code` of mine".to_owned()),
        Just("```md\n<!-- chatia-socket:begin index -->\n<!-- chatia-socket:end connection -->\n```".to_owned()),
        Just("\n    <!-- chatia-socket:end rooms -->\n".to_owned()),
        // A whole example section in a tilde fence, a fence line inside a longer fence, a `<pre>`
        // block, a quote and a list item: each holds marker lines that are examples, not markers.
        Just(
            "~~~markdown\n<!-- chatia-socket:begin events/ticket -->\nexample\n<!-- chatia-socket:end events/ticket -->\n~~~"
                .to_owned()
        ),
        Just("````md\n```\n<!-- chatia-socket:begin rooms -->\n```\n<!-- chatia-socket:end index -->\n````".to_owned()),
        Just("<pre>\n<!-- chatia-socket:begin index -->\n</pre>".to_owned()),
        Just("> <!-- chatia-socket:end rooms -->".to_owned()),
        Just("- <!-- chatia-socket:begin connection -->".to_owned()),
        Just("<!-- my own comment -->".to_owned()),
        Just("<!-- chatia-socket -->".to_owned()),
        Just("| a | b |".to_owned()),
        Just("## A heading of mine".to_owned()),
    ]
}

/// Lines of hand-written text, ended by a blank line so that no block of it runs into a marker.
fn chunk(eol: &'static str) -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..4).prop_map(move |lines| {
        let mut text: String = lines.iter().map(|l| format!("{l}{eol}")).collect();
        if !text.is_empty() {
            text.push_str(eol);
        }
        text
    })
}

#[derive(Debug, Clone, Copy)]
enum Change {
    None,
    Add,
    Remove,
    AddAndRemove,
}

fn apply(change: Change, loaded: &Loaded) -> Loaded {
    let mut loaded = loaded.clone();
    let events = &mut loaded.catalog.events;
    let client_events = &mut loaded.catalog.client_events;
    if matches!(change, Change::Add | Change::AddAndRemove) {
        let mut extra = events["ticket"].clone();
        extra.description = Some("Added in this run.".to_owned());
        events.shift_insert(1, "extra".to_owned(), extra);
        let extra = client_events["typing"].clone();
        client_events.shift_insert(2, "extraTyping".to_owned(), extra);
    }
    if matches!(change, Change::Remove | Change::AddAndRemove) {
        events.shift_remove("contact");
        events.shift_remove("automationRule");
        client_events.shift_remove("leaveChatBox");
    }
    loaded
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_hand_written_text_survives(
        crlf in any::<bool>(),
        intro in chunk("\n"),
        chunks in prop::collection::vec(chunk("\n"), 17),
        last_newline in any::<bool>(),
        change in prop_oneof![Just(Change::None), Just(Change::Add), Just(Change::Remove), Just(Change::AddAndRemove)],
    ) {
        let base = fixture();
        let generated = refresh(&base, None).unwrap();
        let first_marker = generated.find(MARKER_PREFIX).unwrap();
        let mut doc = format!("{intro}{}", with_hand_written_text(&generated[first_marker..], &chunks));
        if !last_newline && doc.ends_with('\n') {
            doc.pop();
        }
        if crlf {
            doc = doc.replace('\n', "\r\n");
        }
        let after = apply(change, &base);
        let refreshed = refresh(&after, Some(&doc)).unwrap();
        prop_assert_eq!(hand_written(&refreshed), hand_written(&doc));
        prop_assert_eq!(section_names(&refreshed), expected_names(&after));
        if crlf {
            prop_assert!(!refreshed.replace("\r\n", "").contains('\n'));
        }
        prop_assert_eq!(refresh(&after, Some(&refreshed)).unwrap(), refreshed);
    }
}
