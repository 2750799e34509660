//! rustc-style text: `error[rule]: message`, ` --> path:line:col`, a code frame, a hint.

use std::io::Write;

use anstyle::Style;

use crate::audit::finding::Finding;
use crate::audit::Report;
use crate::catalog::model::Severity;
use crate::style;

pub fn render(report: &Report, out: &mut dyn Write, color: bool) -> std::io::Result<()> {
    let paint = |s: Style| if color { s } else { Style::new() };
    for finding in &report.findings {
        let (label, level) = match finding.severity {
            Severity::Error => ("error", paint(style::ERROR)),
            _ => ("warning", paint(style::WARNING)),
        };
        let bold = paint(style::PATH);
        let hint = paint(style::HINT);
        writeln!(
            out,
            "{level}{label}[{}]{level:#}{bold}: {}{bold:#}",
            finding.rule, finding.message
        )?;
        let gutter = finding
            .end_line
            .min(finding.line + finding.lines.len().saturating_sub(1))
            .to_string()
            .len();
        let pad = " ".repeat(gutter);
        writeln!(
            out,
            "{pad}{hint}-->{hint:#} {}:{}:{}",
            finding.path, finding.line, finding.column
        )?;
        writeln!(out, "{pad} {hint}|{hint:#}")?;
        frame(finding, out, gutter, level, hint)?;
        if let Some(text) = &finding.hint {
            writeln!(out, "{pad} {hint}|{hint:#}")?;
            writeln!(out, "{pad} {hint}= hint:{hint:#} {text}")?;
        }
        writeln!(out)?;
    }
    let summary = &report.summary;
    let totals = if summary.errors + summary.warnings == 0 {
        "no problems".to_owned()
    } else {
        format!(
            "{} error{}, {} warning{}",
            summary.errors,
            plural(summary.errors),
            summary.warnings,
            plural(summary.warnings)
        )
    };
    writeln!(
        out,
        "{totals} in {} file{} ({} emit{} checked)",
        summary.files,
        plural(summary.files),
        summary.emits,
        plural(summary.emits)
    )
}

fn frame(finding: &Finding, out: &mut dyn Write, gutter: usize, level: Style, hint: Style) -> std::io::Result<()> {
    let pad = " ".repeat(gutter);
    for (i, text) in finding.lines.iter().enumerate() {
        let number = finding.line + i;
        let shown = text.replace('\t', " ");
        writeln!(out, "{hint}{number:>gutter$} |{hint:#} {shown}")?;
        if i == 0 {
            let width = shown.chars().count();
            let start = finding.column.saturating_sub(1).min(width);
            let end = if finding.end_line == finding.line {
                finding.end_column.saturating_sub(1).min(width)
            } else {
                width
            };
            let carets = "^".repeat(end.saturating_sub(start).max(1));
            writeln!(out, "{pad} {hint}|{hint:#} {}{level}{carets}{level:#}", " ".repeat(start))?;
        }
    }
    if finding.end_line >= finding.line + finding.lines.len() {
        writeln!(out, "{pad} {hint}|{hint:#} ...")?;
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
