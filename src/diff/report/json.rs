//! `{"version":1,"old","new","changes":[{"rule","severity","direction","subject","message","hint",
//! "allowed","catalog","path","line","column"}],"summary":{"breaking","allowed","compatible"}}`. These fields
//! are an interface: more may be added, none may change.

use std::io::Write;

use serde::Serialize;

use crate::diff::{Direction, Report, Severity, Summary};

#[derive(Serialize)]
struct Document<'r> {
    version: u32,
    old: &'r str,
    new: &'r str,
    changes: Vec<Change<'r>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Change<'r> {
    rule: &'static str,
    severity: Severity,
    direction: Direction,
    subject: &'r str,
    message: &'r str,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'r str>,
    allowed: bool,
    /// `old` or `new`: the catalog `path` is; `old` for what the new one no longer has.
    catalog: &'static str,
    path: String,
    line: usize,
    column: usize,
}

pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let changes = report
        .changes
        .iter()
        .map(|c| Change {
            rule: c.rule.id(),
            severity: c.severity,
            direction: c.direction,
            subject: &c.subject,
            message: &c.message,
            hint: c.hint.as_deref(),
            allowed: c.allowed,
            catalog: c.catalog.name(),
            path: c.location.path.display().to_string(),
            line: c.location.line,
            column: c.location.column,
        })
        .collect();
    let document = Document {
        version: 1,
        old: &report.old,
        new: &report.new,
        changes,
        summary: report.summary(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
