//! Splicing generated sections into a Markdown file that people also edit by hand.
//!
//! A section is everything between two marker lines, each an HTML comment alone on its line
//! (spaces and tabs around it are allowed):
//!
//! ```text
//! <!-- chatia-socket:begin events/ticket -->
//! …generated Markdown…
//! <!-- chatia-socket:end events/ticket -->
//! ```
//!
//! Only what lies between a pair is replaced, and the marker lines themselves are rewritten in
//! their canonical form; every other byte of the file is kept as it was, line endings and
//! trailing whitespace included. Section names are printable ASCII without spaces; any other
//! byte, and `>` so that a name can never end the comment early, is written as `%XX`.
//!
//! A marker is a marker only where Markdown reads an HTML comment at block level: a marker line
//! inside a fenced or indented code block, or inside a longer HTML block, is text like any other
//! (a hand-written example of the markers stays an example). pulldown-cmark tells where blocks are.
//!
//! Marker problems are data with line numbers, all reported together, like catalog problems (at
//! most [`MAX_PROBLEMS`], then how many more).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use crate::catalog::{Diagnostic, Diagnostics, Location, Severity};

/// Every marker line starts with this once leading whitespace is removed.
pub const MARKER_PREFIX: &str = "<!-- chatia-socket:";
const MARKER_SUFFIX: &str = " -->";

/// Problems reported one by one; beyond them, one line says how many more there are.
pub const MAX_PROBLEMS: usize = 100;

/// One generated section: its marker name and its Markdown, with `\n` line endings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub name: String,
    pub body: String,
}

/// A problem with the markers of an existing file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkerProblem {
    /// 1-based line of the marker at fault.
    pub line: usize,
    /// Stable id of the problem class, e.g. `unclosed-section`.
    pub code: &'static str,
    pub message: String,
    pub hint: String,
}

/// Every marker problem of one file, sorted by line. Nothing is written while there are any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkerProblems(pub Vec<MarkerProblem>);

impl MarkerProblems {
    /// The problems as positioned diagnostics of the file at `path`.
    pub fn diagnostics(&self, path: &Path) -> Diagnostics {
        Diagnostics(
            self.0
                .iter()
                .map(|problem| Diagnostic {
                    location: Location {
                        path: path.to_owned(),
                        line: problem.line,
                        column: 1,
                    },
                    severity: Severity::Error,
                    code: problem.code,
                    message: problem.message.clone(),
                    hint: Some(problem.hint.clone()),
                })
                .collect(),
        )
    }
}

impl fmt::Display for MarkerProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(f, "{n} marker problem{}", if n == 1 { "" } else { "s" })?;
        for problem in &self.0 {
            write!(
                f,
                "\n  line {}: error[{}]: {}\n    = hint: {}",
                problem.line, problem.code, problem.message, problem.hint
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for MarkerProblems {}

/// `<!-- chatia-socket:begin NAME -->`.
pub fn begin_marker(name: &str) -> String {
    format!("{MARKER_PREFIX}begin {}{MARKER_SUFFIX}", encode_name(name))
}

/// `<!-- chatia-socket:end NAME -->`.
pub fn end_marker(name: &str) -> String {
    format!("{MARKER_PREFIX}end {}{MARKER_SUFFIX}", encode_name(name))
}

/// A new file: the hand-editable `intro`, then every section in order.
pub fn create(intro: &str, sections: &[Section]) -> String {
    let mut out = intro.trim_end().to_owned();
    out.push_str("\n\n");
    for section in sections {
        push_section(&mut out, section, "\n");
    }
    out
}

/// Replaces the sections of `existing` with `sections`, which are in their canonical order.
/// A section the file lacks is inserted after the nearest section that precedes it in that
/// order (before the nearest one that follows it when none does); a section of the file that
/// `sections` lacks is removed when `removable` accepts its name, and is a problem otherwise.
pub fn splice(existing: &str, sections: &[Section], removable: impl Fn(&str) -> bool) -> Result<String, MarkerProblems> {
    let parsed = parse(existing, |name| sections.iter().any(|s| s.name == name) || removable(name))?;
    let eol = line_ending(existing);
    let wanted: HashMap<&str, &Section> = sections.iter().map(|s| (s.name.as_str(), s)).collect();

    // Which wanted sections the file has, in file order, and where removed ones were.
    let present: Vec<&str> = parsed
        .pieces
        .iter()
        .filter_map(|piece| match piece {
            Piece::Section { name, .. } if wanted.contains_key(name.as_str()) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    if parsed.pieces.iter().all(|p| matches!(p, Piece::Text(_))) {
        return Err(no_markers(sections));
    }
    let (mut after, mut before) = (HashMap::new(), HashMap::new());
    let mut orphans = Vec::new();
    for (index, section) in sections.iter().enumerate() {
        if present.contains(&section.name.as_str()) {
            continue;
        }
        let preceding = sections[..index].iter().rev().find(|s| present.contains(&s.name.as_str()));
        let following = sections[index + 1..].iter().find(|s| present.contains(&s.name.as_str()));
        match (preceding, following) {
            (Some(anchor), _) => after.entry(anchor.name.as_str()).or_insert_with(Vec::new).push(section),
            (None, Some(anchor)) => before.entry(anchor.name.as_str()).or_insert_with(Vec::new).push(section),
            // The file only has sections of removed events: the new ones take the first's place.
            (None, None) => orphans.push(section),
        }
    }

    let mut out = String::with_capacity(existing.len() + sections.iter().map(|s| s.body.len()).sum::<usize>());
    let mut orphans_placed = false;
    for piece in &parsed.pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Section { name, end_eol } => {
                let Some(section) = wanted.get(name.as_str()) else {
                    if !orphans_placed {
                        orphans_placed = true;
                        for orphan in &orphans {
                            push_section(&mut out, orphan, eol);
                        }
                    }
                    continue;
                };
                for inserted in before.get(name.as_str()).into_iter().flatten() {
                    push_section(&mut out, inserted, eol);
                }
                let inserts = after.get(name.as_str());
                let end_eol = match (inserts, *end_eol) {
                    // The end marker was the file's last line; what follows needs a line of its own.
                    (Some(_), "") => eol,
                    (_, kept) => kept,
                };
                push_section_with_end(&mut out, section, eol, end_eol);
                for inserted in inserts.into_iter().flatten() {
                    push_section(&mut out, inserted, eol);
                }
            }
        }
    }
    Ok(out)
}

/// The line ending of the file's first line; files without one get `\n`.
pub fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if text[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

fn push_section(out: &mut String, section: &Section, eol: &str) {
    push_section_with_end(out, section, eol, eol);
}

/// The blank lines around the body keep each marker an HTML block of its own in CommonMark.
fn push_section_with_end(out: &mut String, section: &Section, eol: &str, end_eol: &str) {
    out.push_str(&begin_marker(&section.name));
    out.push_str(eol);
    out.push_str(eol);
    let body = section.body.replace('\r', "");
    for line in body.trim_matches('\n').split('\n') {
        out.push_str(line);
        out.push_str(eol);
    }
    out.push_str(eol);
    out.push_str(&end_marker(&section.name));
    out.push_str(end_eol);
}

fn no_markers(sections: &[Section]) -> MarkerProblems {
    let first = sections.first().map_or("index", |s| s.name.as_str());
    MarkerProblems(vec![MarkerProblem {
        line: 1,
        code: "no-sections",
        message: "the file has no chatia-socket sections, so there is nowhere to put the generated text".to_owned(),
        hint: format!(
            "put the two lines `{}` and `{}` where the generated reference should go; `docs` fills them and adds the other sections after them",
            begin_marker(first),
            end_marker(first)
        ),
    }])
}

/// A file cut into hand-written text and sections.
#[derive(Debug)]
struct Parsed<'a> {
    pieces: Vec<Piece<'a>>,
}

#[derive(Debug)]
enum Piece<'a> {
    /// Kept byte for byte.
    Text(&'a str),
    /// Rewritten; only the end marker's line ending (none at the end of a file) is kept.
    Section { name: String, end_eol: &'a str },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Begin,
    End,
}

/// A recognised marker line.
struct Marker {
    kind: Kind,
    name: String,
}

/// An open section while parsing.
struct Open {
    name: String,
    line: usize,
    /// Byte offset where its begin line starts.
    start: usize,
}

fn parse(text: &str, known: impl Fn(&str) -> bool) -> Result<Parsed<'_>, MarkerProblems> {
    let html_blocks = html_block_starts(text);
    let mut problems = Vec::new();
    let mut pieces = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut open: Option<Open> = None;
    // Where the current run of hand-written text starts; a byte-order mark stays part of it.
    let mut text_start = 0;
    let mut offset = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mut line_no = 0;
    while offset < text.len() {
        line_no += 1;
        let (content, eol) = split_line(&text[offset..]);
        let line_start = offset;
        offset += content.len() + eol.len();
        let trimmed = content.trim_matches([' ', '\t']);
        let indent = content.len() - content.trim_start_matches([' ', '\t']).len();
        let at_block_level = (line_start..=line_start + indent).any(|at| html_blocks.contains(&at));
        if !at_block_level || !trimmed.starts_with("<!--") {
            continue;
        }
        if !trimmed.starts_with(MARKER_PREFIX) {
            if looks_like_marker(trimmed) {
                problems.push(near_miss(line_no, trimmed));
            }
            continue;
        }
        let marker = match parse_marker(trimmed) {
            Ok(marker) => marker,
            Err(problem) => {
                problems.push(MarkerProblem {
                    line: line_no,
                    ..problem
                });
                continue;
            }
        };
        match (marker.kind, open.take()) {
            (Kind::Begin, outer) => {
                if let Some(outer) = outer {
                    problems.push(MarkerProblem {
                        line: line_no,
                        code: "nested-section",
                        message: format!(
                            "section `{}` begins inside section `{}`, which begins at line {} and is not closed yet",
                            marker.name, outer.name, outer.line
                        ),
                        hint: format!(
                            "sections cannot nest: add `{}` before line {line_no}",
                            end_marker(&outer.name)
                        ),
                    });
                }
                if !known(&marker.name) {
                    problems.push(unknown_section(line_no, &marker.name));
                }
                if let Some(first) = seen.insert(marker.name.clone(), line_no) {
                    problems.push(MarkerProblem {
                        line: line_no,
                        code: "duplicate-section",
                        message: format!("section `{}` appears twice, at lines {first} and {line_no}", marker.name),
                        hint: "remove one of the two marker pairs and what lies between them".to_owned(),
                    });
                }
                open = Some(Open {
                    name: marker.name,
                    line: line_no,
                    start: line_start,
                });
            }
            (Kind::End, None) => problems.push(MarkerProblem {
                line: line_no,
                code: "unopened-section",
                message: format!("end of section `{}` without a begin marker before it", marker.name),
                hint: format!("add `{}` above it, or remove this line", begin_marker(&marker.name)),
            }),
            (Kind::End, Some(section)) => {
                if section.name != marker.name {
                    problems.push(MarkerProblem {
                        line: line_no,
                        code: "mismatched-section",
                        message: format!(
                            "section `{}` begins at line {} but this line ends section `{}`",
                            section.name, section.line, marker.name
                        ),
                        hint: format!("the end marker must name the same section: `{}`", end_marker(&section.name)),
                    });
                }
                pieces.push(Piece::Text(&text[text_start..section.start]));
                pieces.push(Piece::Section {
                    name: section.name,
                    end_eol: eol,
                });
                text_start = offset;
            }
        }
    }
    if let Some(section) = open {
        problems.push(MarkerProblem {
            line: section.line,
            code: "unclosed-section",
            message: format!("section `{}` begins here and never ends", section.name),
            hint: format!("add `{}` on a line of its own after its text", end_marker(&section.name)),
        });
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Err(MarkerProblems(capped(problems)));
    }
    pieces.push(Piece::Text(&text[text_start..]));
    pieces.retain(|p| !matches!(p, Piece::Text("")));
    Ok(Parsed { pieces })
}

/// Where Markdown starts an HTML block at the top level (not in a list item or a quote): only there
/// can a marker line be one.
fn html_block_starts(text: &str) -> HashSet<usize> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    // A byte-order mark would hide the first line's HTML from the parser.
    let skip = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mut depth = 0usize;
    let mut starts = HashSet::new();
    for (event, range) in Parser::new(&text[skip..]).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_) | Tag::Item | Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::HtmlBlock) if depth == 0 => {
                starts.insert(range.start + skip);
            }
            _ => {}
        }
    }
    starts
}

/// `<!--  chatia-socket:begin x -->`, `<!-- chatia-socket : end x-->`: meant as a marker.
fn looks_like_marker(trimmed: &str) -> bool {
    let squeezed: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    squeezed.starts_with("<!--chatia-socket:")
}

fn near_miss(line: usize, trimmed: &str) -> MarkerProblem {
    MarkerProblem {
        line,
        code: "malformed-marker",
        message: format!("`{}` looks like a marker but is not written like one", trimmed.chars().take(120).collect::<String>()),
        hint: "write it exactly `<!-- chatia-socket:begin NAME -->` or `<!-- chatia-socket:end NAME -->`: one space after `<!--` and before `-->`".to_owned(),
    }
}

/// The first [`MAX_PROBLEMS`] problems, and one more saying how many were left out.
fn capped(mut problems: Vec<MarkerProblem>) -> Vec<MarkerProblem> {
    if problems.len() <= MAX_PROBLEMS {
        return problems;
    }
    let more = problems.len() - MAX_PROBLEMS;
    let line = problems[MAX_PROBLEMS].line;
    problems.truncate(MAX_PROBLEMS);
    problems.push(MarkerProblem {
        line,
        code: "more-problems",
        message: format!(
            "… and {more} more marker problem{} from here on",
            if more == 1 { "" } else { "s" }
        ),
        hint: "fix the ones above first; they are often the cause of the rest".to_owned(),
    });
    problems
}

/// The line at the start of `text` and its line ending (`\n`, `\r\n`, or none at the end).
fn split_line(text: &str) -> (&str, &str) {
    match text.find('\n') {
        Some(i) if text[..i].ends_with('\r') => (&text[..i - 1], &text[i - 1..=i]),
        Some(i) => (&text[..i], &text[i..=i]),
        None => (text, ""),
    }
}

fn parse_marker(trimmed: &str) -> Result<Marker, MarkerProblem> {
    let malformed = |message: String| MarkerProblem {
        line: 0,
        code: "malformed-marker",
        message,
        hint: "markers look like `<!-- chatia-socket:begin NAME -->` and `<!-- chatia-socket:end NAME -->`, alone on their line"
            .to_owned(),
    };
    let rest = &trimmed[MARKER_PREFIX.len()..];
    let Some(inner) = rest.strip_suffix(MARKER_SUFFIX) else {
        return Err(malformed(format!("`{trimmed}` does not end with ` -->`")));
    };
    let (kind, name) = match inner.split_once(' ') {
        Some(("begin", name)) => (Kind::Begin, name),
        Some(("end", name)) => (Kind::End, name),
        _ => {
            return Err(malformed(format!(
                "`{trimmed}` is neither a `begin` nor an `end` marker followed by a section name"
            )))
        }
    };
    if name.is_empty() || name.contains(char::is_whitespace) {
        return Err(malformed(format!("`{trimmed}` does not name one section")));
    }
    let name = decode_name(name).ok_or_else(|| malformed(format!("`{name}` has an invalid `%` escape")))?;
    Ok(Marker { kind, name })
}

fn unknown_section(line: usize, name: &str) -> MarkerProblem {
    MarkerProblem {
        line,
        code: "unknown-section",
        message: format!("`{name}` is not a section chatia-socket writes"),
        hint: "sections are `index`, `rooms`, `connection`, `events/<resource>` and `client-events/<name>`; fix the name or remove the marker pair"
            .to_owned(),
    }
}

/// Printable ASCII except `%` and `>` stays; everything else becomes `%XX`.
fn encode_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for byte in name.bytes() {
        if byte.is_ascii_graphic() && byte != b'%' && byte != b'>' {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn decode_name(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(name: &str, body: &str) -> Section {
        Section {
            name: name.to_owned(),
            body: body.to_owned(),
        }
    }

    fn events(names: &[&str]) -> Vec<Section> {
        names.iter().map(|n| section(n, &format!("## {n}\nnew"))).collect()
    }

    fn pair(name: &str, body: &str) -> String {
        format!("{}\n{body}\n{}\n", begin_marker(name), end_marker(name))
    }

    fn removable(name: &str) -> bool {
        name.starts_with("events/")
    }

    fn codes(result: Result<String, MarkerProblems>) -> Vec<(usize, &'static str)> {
        result.unwrap_err().0.iter().map(|p| (p.line, p.code)).collect()
    }

    #[test]
    fn markers_inside_code_blocks_are_text() {
        let example = format!(
            "# Notes\n\n```md\n{}\nexample\n{}\n```\n\n    {}\n\n",
            begin_marker("index"),
            end_marker("index"),
            begin_marker("index")
        );
        let text = format!("{example}{}", pair("index", "old"));
        let out = splice(&text, &[section("index", "new")], removable).unwrap();
        assert!(
            out.starts_with(&example),
            "the hand-written examples survive byte for byte:\n{out}"
        );
        assert!(
            out.contains("new") && !out.contains("old"),
            "the real section is replaced:\n{out}"
        );
    }

    #[test]
    fn a_marker_inside_a_longer_html_comment_is_text() {
        let commented = format!("<!--\n{}\n-->\n\n", begin_marker("index"));
        let text = format!("{commented}{}", pair("index", "old"));
        let out = splice(&text, &[section("index", "new")], removable).unwrap();
        assert!(out.starts_with(&commented), "{out}");
    }

    #[test]
    fn a_near_miss_marker_is_reported_where_it_is() {
        let text = format!("<!--  chatia-socket:begin index -->\nold\n{}\n", end_marker("index"));
        assert_eq!(
            codes(splice(&text, &[section("index", "new")], removable)),
            [(1, "malformed-marker"), (3, "unopened-section")]
        );
    }

    #[test]
    fn marker_problems_are_capped() {
        let text = "<!-- chatia-socket:bogus -->\n\n".repeat(MAX_PROBLEMS + 50);
        let problems = splice(&text, &[section("index", "new")], removable).unwrap_err().0;
        assert_eq!(problems.len(), MAX_PROBLEMS + 1);
        assert!(problems.last().unwrap().message.contains("and 50 more"));
    }

    #[test]
    fn replaces_only_between_markers() {
        let doc = format!("intro  \n\n{}between\n{}outro\t", pair("a", "old"), pair("b", "old"));
        let out = splice(&doc, &events(&["a", "b"]), removable).unwrap();
        assert_eq!(
            out,
            format!(
                "intro  \n\n{}\n\n## a\nnew\n\n{}\nbetween\n{}\n\n## b\nnew\n\n{}\noutro\t",
                begin_marker("a"),
                end_marker("a"),
                begin_marker("b"),
                end_marker("b")
            )
        );
    }

    #[test]
    fn keeps_crlf_line_endings() {
        let doc = format!("intro\r\n{}tail\r\n", pair("a", "old").replace('\n', "\r\n"));
        let out = splice(&doc, &events(&["a"]), removable).unwrap();
        assert!(!out.replace("\r\n", "").contains('\n'), "{out:?}");
        assert!(out.starts_with("intro\r\n") && out.ends_with("tail\r\n"));
    }

    #[test]
    fn inserts_a_new_section_after_its_predecessor() {
        let doc = format!("{}text\n{}", pair("events/a", "x"), pair("events/c", "x"));
        let out = splice(&doc, &events(&["events/a", "events/b", "events/c"]), removable).unwrap();
        let a = out.find(&end_marker("events/a")).unwrap();
        let b = out.find(&begin_marker("events/b")).unwrap();
        let text = out.find("text\n").unwrap();
        assert!(a < b && b < text, "{out}");
    }

    #[test]
    fn inserts_before_the_first_section_when_nothing_precedes() {
        let doc = format!("top\n{}", pair("events/b", "x"));
        let out = splice(&doc, &events(&["events/a", "events/b"]), removable).unwrap();
        assert!(out.starts_with(&format!("top\n{}", begin_marker("events/a"))), "{out}");
    }

    #[test]
    fn inserting_after_a_last_line_without_newline_starts_a_new_line() {
        let doc = pair("events/a", "x").trim_end().to_owned();
        let out = splice(&doc, &events(&["events/a", "events/b"]), removable).unwrap();
        assert!(out.contains(&format!("{}\n{}", end_marker("events/a"), begin_marker("events/b"))));
        assert!(out.ends_with(&format!("{}\n", end_marker("events/b"))));
    }

    #[test]
    fn removes_a_removed_events_section_and_nothing_else() {
        let doc = format!("a\n{}b\n{}c\n", pair("events/a", "x"), pair("events/gone", "x"));
        let out = splice(&doc, &events(&["events/a"]), removable).unwrap();
        assert!(!out.contains("gone"));
        assert!(out.ends_with(&format!("{}\nb\nc\n", end_marker("events/a"))), "{out}");
    }

    #[test]
    fn new_sections_replace_removed_ones_when_no_other_section_is_left() {
        let doc = format!("a\n{}b\n", pair("events/gone", "x"));
        let out = splice(&doc, &events(&["events/new"]), removable).unwrap();
        assert_eq!(
            out,
            format!(
                "a\n{}\n\n## events/new\nnew\n\n{}\nb\n",
                begin_marker("events/new"),
                end_marker("events/new")
            )
        );
    }

    #[test]
    fn is_idempotent() {
        let doc = format!("a\n{}b\n", pair("events/a", "x"));
        let sections = events(&["index", "events/a", "events/b"]);
        let once = splice(&doc, &sections, removable).unwrap();
        assert_eq!(splice(&once, &sections, removable).unwrap(), once);
    }

    #[test]
    fn keeps_a_byte_order_mark() {
        let doc = format!("\u{feff}{}", pair("a", "x"));
        let out = splice(&doc, &events(&["a"]), removable).unwrap();
        assert!(out.starts_with(&format!("\u{feff}{}", begin_marker("a"))));
    }

    #[test]
    fn rejects_a_file_without_sections() {
        assert_eq!(
            codes(splice("# Hand-written\n", &events(&["index"]), removable)),
            [(1, "no-sections")]
        );
    }

    #[test]
    fn rejects_an_unclosed_section() {
        let doc = format!("x\n{}\nbody\n", begin_marker("a"));
        assert_eq!(codes(splice(&doc, &events(&["a"]), removable)), [(2, "unclosed-section")]);
    }

    #[test]
    fn rejects_an_end_without_begin() {
        let doc = format!("{}x\n{}\n", pair("a", ""), end_marker("a"));
        assert_eq!(codes(splice(&doc, &events(&["a"]), removable)), [(5, "unopened-section")]);
    }

    #[test]
    fn rejects_nested_sections() {
        let doc = format!("{}\n{}{}\n", begin_marker("a"), pair("b", "x"), end_marker("a"));
        let found = codes(splice(&doc, &events(&["a", "b"]), removable));
        assert!(found.contains(&(2, "nested-section")), "{found:?}");
    }

    #[test]
    fn rejects_a_duplicated_section() {
        let doc = format!("{}{}", pair("a", "x"), pair("a", "y"));
        assert_eq!(codes(splice(&doc, &events(&["a"]), removable)), [(4, "duplicate-section")]);
    }

    #[test]
    fn rejects_a_misnamed_section() {
        let doc = format!("{}{}", pair("a", "x"), pair("evnts/a", "y"));
        assert_eq!(codes(splice(&doc, &events(&["a"]), removable)), [(4, "unknown-section")]);
        let doc = format!("{}\nx\n{}\n", begin_marker("a"), end_marker("b"));
        assert_eq!(
            codes(splice(&doc, &events(&["a", "b"]), removable)),
            [(3, "mismatched-section")]
        );
    }

    #[test]
    fn rejects_malformed_markers_and_reports_all_problems_at_once() {
        let doc = "<!-- chatia-socket:begn a -->\n<!-- chatia-socket:end -->\n<!-- chatia-socket:begin a\n<!-- chatia-socket:end a -->\n";
        // Line 4 is inside the comment that line 3 leaves open, as Markdown reads it.
        assert_eq!(
            codes(splice(doc, &events(&["a"]), removable)),
            [(1, "malformed-marker"), (2, "malformed-marker"), (3, "malformed-marker")]
        );
    }

    #[test]
    fn names_cannot_close_the_comment() {
        let name = "events/a-->b c%";
        assert!(!begin_marker(name)[4..].contains("-->b"));
        let doc = pair(name, "x");
        let out = splice(&doc, &events(&[name]), removable).unwrap();
        assert!(out.contains("## events/a-->b c%\nnew"));
        assert_eq!(out.matches("-->").count(), 3);
    }

    #[test]
    fn problems_render_with_their_lines() {
        let problems = splice("x\n", &events(&["index"]), removable).unwrap_err();
        let rendered = problems.diagnostics(Path::new("WEBSOCKET.md")).to_string();
        assert!(rendered.starts_with("WEBSOCKET.md:1:1: error[no-sections]"), "{rendered}");
        assert!(problems.to_string().contains("line 1: error[no-sections]"));
    }
}
