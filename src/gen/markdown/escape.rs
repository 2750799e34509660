//! Catalog text made safe for each place it lands in WEBSOCKET.md: a table cell, prose, a code
//! span, a fenced block, a Mermaid diagram. Every helper starts from the shared text policy
//! (`names::shown_text`, through [`one_line`] or [`Fenced::new`]): bidirectional controls, line
//! and paragraph separators and other control characters are shown as `\u{…}` before the place's
//! own escaping, so no catalog text turns the direction of a line or ends one unseen.

use crate::catalog::names::shown_text;

/// A fenced code block whose fence is longer than any backtick run in its code.
pub(super) struct Fenced {
    pub fence: String,
    pub lang: &'static str,
    pub code: String,
}

impl Fenced {
    /// The code is generated, so its literals and comments already follow the text policy; any
    /// unsafe character left is shown as `\u{…}`, which every string literal of both languages
    /// reads as the same character.
    pub fn new(lang: &'static str, code: String) -> Self {
        let code = shown_text(&code.trim_matches('\n').replace('\r', ""));
        let fence = "`".repeat((longest_run(&code, '`') + 1).max(3));
        Fenced { fence, lang, code }
    }
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut longest, mut current) = (0, 0);
    for ch in text.chars() {
        current = if ch == c { current + 1 } else { 0 };
        longest = longest.max(current);
    }
    longest
}

/// A code span for any text: the backtick run is longer than any inside it, and a space pads
/// text that starts or ends with a backtick. Line breaks become spaces.
pub(super) fn code_span(text: &str) -> String {
    let text = one_line(text);
    let ticks = "`".repeat(longest_run(&text, '`') + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || (text.starts_with(' ') && text.ends_with(' ')) {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// What an empty table cell shows.
pub(super) const DASH: &str = "—";

/// Catalog prose in a table cell, or a dash when there is none.
pub(super) fn cell_or_dash(text: Option<&str>) -> String {
    text.map(cell).filter(|c| !c.is_empty()).unwrap_or_else(|| DASH.to_owned())
}

/// A code span inside a table cell: GitHub and CommonMark tables need `\|` even there.
pub(super) fn cell_code(text: &str) -> String {
    escape_pipes(&code_span(text))
}

/// Catalog prose on one line: its code spans are kept; elsewhere backslashes, backticks, `<` and
/// `&` are backslash-escaped, so the text can neither start a block, nor open raw HTML or an
/// entity, nor leave a stray backtick that would pair with one of ours.
pub(super) fn prose(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len());
    for (is_code, part) in split_code_spans(&text) {
        if is_code {
            out.push_str(part);
        } else {
            for ch in part.chars() {
                if matches!(ch, '\\' | '`' | '<' | '&') {
                    out.push('\\');
                }
                out.push(ch);
            }
        }
    }
    out
}

/// Catalog prose in a table cell: a pipe cannot end the cell, not even inside a code span
/// (GitHub and CommonMark tables split cells there too).
pub(super) fn cell(text: &str) -> String {
    escape_pipes(&prose(text))
}

/// Every `|` escaped for a table row, code spans included. GFM renderers such as marked split a
/// row at a pipe after an even run of backslashes (`\\|` is an escaped backslash, then a cell
/// boundary), so the pipe gets one backslash, or two after an odd run. Outside code spans `prose` has doubled every backslash,
/// so there it is always one; in a code span the reader then sees one backslash more.
fn escape_pipes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut backslashes = 0;
    for ch in text.chars() {
        if ch == '|' {
            if backslashes % 2 == 1 {
                out.push('\\');
            }
            out.push('\\');
        }
        backslashes = if ch == '\\' { backslashes + 1 } else { 0 };
        out.push(ch);
    }
    out
}

/// Text cut into plain runs and complete code spans (with their backticks), as CommonMark reads
/// them: a backtick run opens a span only when a run of the same length closes it.
fn split_code_spans(text: &str) -> Vec<(bool, &str)> {
    let mut parts = Vec::new();
    let mut plain_start = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if bytes[i] != b'`' || (i > 0 && bytes[i - 1] == b'\\' && !escaped_backslash(bytes, i - 1)) {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
        match find_closing_run(&text[i + run..], run) {
            Some(close) => {
                let end = i + run + close + run;
                if plain_start < i {
                    parts.push((false, &text[plain_start..i]));
                }
                parts.push((true, &text[i..end]));
                i = end;
                plain_start = end;
            }
            None => i += run,
        }
    }
    if plain_start < text.len() {
        parts.push((false, &text[plain_start..]));
    }
    parts
}

/// Whether the backslash at `at` is itself escaped by an odd run of backslashes before it.
fn escaped_backslash(bytes: &[u8], at: usize) -> bool {
    bytes[..at].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// Offset in `rest` of a backtick run of exactly `len`.
fn find_closing_run(rest: &str, len: usize) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            if run == len {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// Catalog text on one line: unsafe characters shown as `\u{…}` (`names::shown_text`), then
/// whitespace runs, LF and TAB included, become one space; ends are trimmed.
pub(super) fn one_line(text: &str) -> String {
    shown_text(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text for a Mermaid message or participant label: `#` and `;` would start an entity or end
/// the statement, so they are written as Mermaid entities.
pub(super) fn mermaid_text(text: &str) -> String {
    let mut out = String::new();
    for ch in one_line(text).chars() {
        match ch {
            '#' => out.push_str("#35;"),
            ';' => out.push_str("#59;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_outlast_the_backticks_inside() {
        assert_eq!(code_span("a"), "`a`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x`"), "`` `x` ``");
        assert_eq!(code_span("a\nb"), "`a b`");
    }

    #[test]
    fn prose_keeps_code_spans_and_disarms_html_and_stray_backticks() {
        assert_eq!(prose("see `a<b>`\nnow"), "see `a<b>` now");
        assert_eq!(prose("<!-- x --> & ` alone \\"), "\\<!-- x --> \\& \\` alone \\\\");
        assert_eq!(prose("a\\`x`"), "a\\\\\\`x\\`");
    }

    #[test]
    fn cells_escape_pipes_inside_and_outside_code() {
        assert_eq!(cell("a | b `c|d`"), "a \\| b `c\\|d`");
        assert_eq!(cell_code("x|y"), "`x\\|y`");
    }

    #[test]
    fn no_backslash_before_a_pipe_lets_it_end_the_cell() {
        use pulldown_cmark::{Event, Options, Parser, Tag};
        for text in ["`x\\|y` and z", "a \\| b", "`\\\\|`", "tail \\"] {
            let row = format!("| h | i |\n| --- | --- |\n| {} | {} |\n", cell(text), cell_code(text));
            let cells = Parser::new_ext(&row, Options::ENABLE_TABLES)
                .filter(|e| matches!(e, Event::Start(Tag::TableCell)))
                .count();
            assert_eq!(cells, 4, "{row}");
        }
        assert_eq!(cell_code("x\\|y"), "`x\\\\\\|y`");
        assert_eq!(cell("a | b"), "a \\| b");
    }

    #[test]
    fn fences_outlast_the_backticks_inside() {
        assert_eq!(Fenced::new("ts", "a ```` b".to_owned()).fence, "`````");
        assert_eq!(Fenced::new("ts", "plain".to_owned()).fence, "```");
    }

    #[test]
    fn every_place_shows_unsafe_characters_escaped() {
        let hostile = "a\u{202E}b\u{2066}c\u{2028}d\re\u{0}f\u{FEFF}g";
        for out in [
            one_line(hostile),
            prose(hostile),
            cell(hostile),
            code_span(hostile),
            cell_code(hostile),
            mermaid_text(hostile),
            Fenced::new("ts", hostile.to_owned()).code,
        ] {
            assert!(!out.chars().any(crate::catalog::names::is_unsafe_char), "{out:?}");
        }
        assert_eq!(code_span("x\u{202E}y"), "`x\\u{202E}y`");
        // Prose escapes the backslash, so the reader sees `\u{202E}`.
        assert_eq!(prose("x\u{202E}y"), "x\\\\u{202E}y");
        assert_eq!(one_line("a\r\nb\u{2029}c"), "a b\\u{2029}c");
    }

    #[test]
    fn mermaid_text_cannot_end_a_statement() {
        assert_eq!(mermaid_text("a;b #c\nd"), "a#59;b #35;c d");
    }
}
