//! Renderers. Each takes the same report and writes one format; none decides what is a finding.

mod github;
mod json;
mod sarif;
mod text;

use std::io::Write;

use super::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// rustc-style, with a code frame and a hint, then a summary line.
    Text,
    /// `{"version":1,"findings":[…],"summary":{…}}`.
    Json,
    /// SARIF 2.1.0 for code-scanning uploads.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…`).
    Github,
}

/// Writes `report` in `format`. `color` only matters to `Text`.
pub fn render(format: Format, report: &Report, out: &mut dyn Write, color: bool) -> std::io::Result<()> {
    match format {
        Format::Text => text::render(report, out, color),
        Format::Json => json::render(report, out),
        Format::Sarif => sarif::render(report, out),
        Format::Github => github::render(report, out),
    }
}

pub use sarif::to_value as sarif_value;
