//! Renderers of a diff report. Each writes one format of the same changes; none decides what
//! is a change or whether it breaks.

mod json;
mod sarif;
mod text;

use std::io::Write;

use super::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Grouped into failing, allowed and compatible changes, one `path:line:col` line each.
    Text,
    /// `{"version":1,"old","new","changes":[…],"summary":{…}}`.
    Json,
    /// SARIF 2.1.0 for code-scanning uploads.
    Sarif,
}

/// Writes `report` in `format`. `color` only matters to `Text`.
pub fn render(format: Format, report: &Report, out: &mut dyn Write, color: bool) -> std::io::Result<()> {
    match format {
        Format::Text => text::render(report, out, color),
        Format::Json => json::render(report, out),
        Format::Sarif => sarif::render(report, out),
    }
}

/// `diff --rules`: every rule with its verdict in each direction and why.
pub fn rules(out: &mut dyn Write) -> std::io::Result<()> {
    for rule in super::Rule::ALL {
        let doc = rule.doc();
        let verdicts: Vec<String> = doc
            .verdicts
            .iter()
            .map(|(direction, severity)| format!("{} {}", severity.name(), direction.arrow()))
            .collect();
        writeln!(out, "{}\n  {}\n  {}\n", doc.id, verdicts.join("; "), doc.why)?;
    }
    Ok(())
}
