//! A finding: one problem at one place, ready for any reporter.

use oxc_span::Span;
use serde::{Deserialize, Serialize};

use super::impact::Impact;
use super::remembered::RuleId;
use super::value::clip;
use crate::catalog::model::Severity;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    #[serde(with = "super::remembered::rule_id")]
    pub rule: RuleId,
    pub severity: Severity,
    /// What it does to tenants.
    pub impact: Impact,
    /// Relative to the scanned root, `/`-separated.
    pub path: String,
    /// 1-based; the span covers the whole call expression.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: String,
    pub hint: Option<String>,
    /// A window of the source lines the span covers, for code frames.
    pub frame: Frame,
    /// Identifies the finding across edits that move it to other lines (see `baseline`).
    pub fingerprint: String,
    /// FNV-1a of the rule, the path and the flagged source text without whitespace: the
    /// fingerprint's input, hashed as the finding is made so the text is never copied.
    pub(crate) code_hash: u64,
}

/// Characters of a line a code frame shows. Lines of real code fit; a longer one (a minified
/// bundle) is cut to a window around the finding, so a report grows with the number of findings,
/// never with the length of the lines they are on.
pub const FRAME_WIDTH: usize = 120;
/// Characters shown before the span when the window does not start at the line's start.
const FRAME_LEAD: usize = 20;
/// Lines of a span a code frame shows, from its first.
const FRAME_LINES: usize = 4;
/// Characters of a message or a hint; values in them are already short (`value::MAX_TEXT`).
const MAX_MESSAGE: usize = 1_000;

/// What a code frame shows of a finding's lines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frame {
    /// The finding's first lines, each cut to at most [`FRAME_WIDTH`] characters.
    pub lines: Vec<FrameLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameLine {
    /// 1-based character column, in its line, of the first character of `text`.
    pub first_column: usize,
    pub text: String,
    /// The line goes on after `text`.
    pub more: bool,
}

impl Finding {
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str) {
        (&self.path, self.line, self.column, self.rule, &self.message)
    }
}

/// Byte offsets to 1-based line and character column.
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
    /// Characters before each block of [`BLOCK`] bytes, so that a column costs at most one
    /// block's count however long its line is.
    chars_before_block: Vec<usize>,
}

const BLOCK: usize = 1024;

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let chars_before_block = std::iter::once(0)
            .chain(text.as_bytes().chunks(BLOCK).scan(0, |total, block| {
                *total += count_chars(block);
                Some(*total)
            }))
            .collect();
        LineIndex {
            text,
            starts,
            chars_before_block,
        }
    }

    /// `(line, column)` of a byte offset, both 1-based; the column counts characters.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line(offset);
        let column = self.chars_before(offset) - self.chars_before(self.starts[line - 1]) + 1;
        (line, column)
    }

    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset.min(self.text.len()))
    }

    /// Characters before byte `offset`; each byte that does not continue a UTF-8 sequence starts one.
    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        self.chars_before_block[block] + count_chars(&self.text.as_bytes()[block * BLOCK..offset])
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &'t str {
        let start = self.starts.get(line - 1).copied().unwrap_or(self.text.len());
        let end = self.starts.get(line).map_or(self.text.len(), |next| next - 1);
        self.text.get(start..end.max(start)).unwrap_or("").trim_end_matches('\r')
    }

    /// Builds a finding for `span` in this file.
    pub fn finding(
        &self,
        path: &str,
        rule: &'static str,
        (severity, impact): (Severity, Impact),
        span: Span,
        message: String,
        hint: Option<String>,
    ) -> Finding {
        let (line, column) = self.position(span.start as usize);
        let (end_line, end_column) = self.position(span.end as usize);
        let code = self.text.get(span.start as usize..span.end as usize).unwrap_or("");
        Finding {
            rule,
            severity,
            impact,
            path: path.to_owned(),
            line,
            column,
            end_line,
            end_column,
            message: clip(&message, MAX_MESSAGE),
            hint: hint.map(|hint| clip(&hint, MAX_MESSAGE)),
            frame: self.frame(line, column, end_line),
            fingerprint: String::new(),
            code_hash: code_hash(rule, path, code),
        }
    }

    fn frame(&self, line: usize, column: usize, end_line: usize) -> Frame {
        let first_column = if column + FRAME_LEAD <= FRAME_WIDTH {
            1
        } else {
            column - FRAME_LEAD
        };
        let mut lines = vec![self.window(line, first_column)];
        let last = end_line.min(line + FRAME_LINES - 1);
        lines.extend((line + 1..=last).map(|l| self.window(l, 1)));
        Frame { lines }
    }

    /// At most [`FRAME_WIDTH`] characters of `line` from character column `first_column` on.
    fn window(&self, line: usize, first_column: usize) -> FrameLine {
        let text = self.line_text(line);
        let from = if first_column == 1 {
            0
        } else {
            let line_start = self.starts[line - 1];
            self.byte_of_column(line_start, first_column).min(line_start + text.len()) - line_start
        };
        let mut rest = text[from..].chars();
        let shown: String = rest.by_ref().take(FRAME_WIDTH).collect();
        FrameLine {
            first_column,
            text: shown,
            more: rest.next().is_some(),
        }
    }

    /// The byte offset of 1-based character `column` of the line starting at `line_start`.
    fn byte_of_column(&self, line_start: usize, column: usize) -> usize {
        let target = self.chars_before(line_start) + column - 1;
        let block = self.chars_before_block.partition_point(|&before| before <= target) - 1;
        let mut chars = self.chars_before_block[block];
        let bytes = self.text.as_bytes();
        let mut at = block * BLOCK;
        while at < bytes.len() && (chars < target || is_continuation(bytes[at])) {
            if !is_continuation(bytes[at]) {
                chars += 1;
            }
            at += 1;
        }
        at
    }
}

fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| !is_continuation(**b)).count()
}

/// The same bytes `baseline` hashed before findings stopped holding their code, so existing
/// baselines keep matching.
fn code_hash(rule: &str, path: &str, code: &str) -> u64 {
    let mut hash = fnv1a(FNV_OFFSET, rule.as_bytes());
    hash = fnv1a(hash, b"\0");
    hash = fnv1a(hash, path.as_bytes());
    hash = fnv1a(hash, b"\0");
    for c in code.chars().filter(|c| !c.is_whitespace()) {
        hash = fnv1a(hash, c.encode_utf8(&mut [0; 4]).as_bytes());
    }
    hash
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a: stable across Rust versions and platforms, unlike `DefaultHasher`.
fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let index = LineIndex::new("ab\nçé = x\n");
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(3), (2, 1));
        assert_eq!(index.position("ab\nçé".len()), (2, 3));
        assert_eq!(index.line_text(2), "çé = x");
    }

    #[test]
    fn columns_of_a_long_line_count_characters_across_blocks() {
        let text = format!("{}é{}x", "a".repeat(3 * BLOCK), "é".repeat(BLOCK));
        let index = LineIndex::new(&text);
        assert_eq!(index.position(text.len() - 1), (1, 4 * BLOCK + 2));
        assert_eq!(index.byte_of_column(0, 4 * BLOCK + 2), text.len() - 1);
    }

    #[test]
    fn a_long_line_is_framed_by_a_window_around_the_span() {
        let text = format!("{}io.emit(\"x\");{}", "a;".repeat(5_000), "b;".repeat(5_000));
        let start = text.find("io.emit").unwrap();
        let span = Span::new(start as u32, start as u32 + 13);
        let finding =
            LineIndex::new(&text).finding("a.js", "global-emit", (Severity::Error, Impact::Leak), span, "m".into(), None);
        let [line] = finding.frame.lines.as_slice() else {
            panic!("one line")
        };
        assert_eq!(line.first_column, finding.column - FRAME_LEAD);
        assert!(line.text.starts_with(&"a;".repeat(FRAME_LEAD / 2)) && line.text[FRAME_LEAD..].starts_with("io.emit"));
        assert_eq!(line.text.chars().count(), FRAME_WIDTH);
        assert!(line.more);
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let finding = LineIndex::new("io.emit(\"x\");\n").finding(
            "a.js",
            "r",
            (Severity::Error, Impact::Leak),
            Span::new(0, 13),
            "m".into(),
            None,
        );
        assert_eq!(
            finding.frame.lines,
            [FrameLine {
                first_column: 1,
                text: "io.emit(\"x\");".to_owned(),
                more: false
            }]
        );
    }
}
