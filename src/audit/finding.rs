//! A finding: one problem at one place, ready for any reporter.

use oxc_span::Span;
use serde::Serialize;

use crate::catalog::model::Severity;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub rule: &'static str,
    #[serde(serialize_with = "severity_name")]
    pub severity: Severity,
    /// Relative to the scanned root, `/`-separated.
    pub path: String,
    /// 1-based; the span covers the whole call expression.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: String,
    #[serde(skip)]
    pub hint: Option<String>,
    /// The source lines the span covers (at most a few), for code frames.
    #[serde(skip)]
    pub lines: Vec<String>,
    /// Identifies the finding across edits that move it to other lines (see `baseline`).
    #[serde(skip)]
    pub fingerprint: String,
    /// The flagged source text with whitespace removed; the fingerprint's input.
    #[serde(skip)]
    pub(crate) code: String,
}

fn severity_name<S: serde::Serializer>(severity: &Severity, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(super::rules::severity_name(*severity))
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
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// `(line, column)` of a byte offset, both 1-based; the column counts characters.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let column = self.text.get(start..offset).map_or(offset - start, |s| s.chars().count()) + 1;
        (line, column)
    }

    pub fn line(&self, offset: usize) -> usize {
        self.position(offset).0
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &'t str {
        let start = self.starts.get(line - 1).copied().unwrap_or(self.text.len());
        let end = self.starts.get(line).map_or(self.text.len(), |next| next - 1);
        self.text.get(start..end.max(start)).unwrap_or("").trim_end_matches('\r')
    }

    /// Builds a finding for `span` in this file.
    #[allow(clippy::too_many_arguments)]
    pub fn finding(
        &self,
        path: &str,
        rule: &'static str,
        severity: Severity,
        span: Span,
        message: String,
        hint: Option<String>,
    ) -> Finding {
        let (line, column) = self.position(span.start as usize);
        let (end_line, end_column) = self.position(span.end as usize);
        let lines = (line..=end_line.min(line + 3))
            .map(|l| self.line_text(l).to_owned())
            .collect();
        let code = self
            .text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        Finding {
            rule,
            severity,
            path: path.to_owned(),
            line,
            column,
            end_line,
            end_column,
            message,
            hint,
            lines,
            fingerprint: String::new(),
            code,
        }
    }
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
}
