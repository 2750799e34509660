//! rustc-style text: `error[rule]: message`, ` --> path:line:col`, a code frame, a hint.

use std::io::Write;

use anstyle::Style;

use crate::audit::finding::Finding;
use crate::audit::impact::Impact;
use crate::audit::Report;
use crate::catalog::model::Severity;
use crate::style;

pub fn render(report: &Report, out: &mut dyn Write, color: bool) -> std::io::Result<()> {
    let paint = |s: Style| if color { s } else { Style::new() };
    for impact in Impact::ALL {
        let group: Vec<&Finding> = report.findings.iter().filter(|f| f.impact == impact).collect();
        if group.is_empty() {
            continue;
        }
        let heading = paint(style::PATH);
        let count = group.len();
        writeln!(
            out,
            "{heading}{impact}: {count} finding{} ({}){heading:#}\n",
            plural(count),
            impact.meaning()
        )?;
        for finding in group {
            one(finding, out, &paint)?;
        }
    }
    summary(report, out)
}

fn one(finding: &Finding, out: &mut dyn Write, paint: &dyn Fn(Style) -> Style) -> std::io::Result<()> {
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
        .min(finding.line + finding.frame.lines.len().saturating_sub(1))
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
    writeln!(out)
}

/// `2 errors, 1 warning in 5 files (12 emits checked): 1 leak, 0 unguarded, 1 lost, 1 convention`.
fn summary(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
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
    let impacts = if report.findings.is_empty() {
        String::new()
    } else {
        let counts: Vec<String> = Impact::ALL
            .iter()
            .map(|impact| format!("{} {impact}", summary.impacts.get(*impact)))
            .collect();
        format!(": {}", counts.join(", "))
    };
    writeln!(
        out,
        "{totals} in {} file{} ({} emit{} checked){impacts}",
        summary.files,
        plural(summary.files),
        summary.emits,
        plural(summary.emits)
    )
}

/// The frame's lines, `...` where a line is cut, carets under the span on its first line.
fn frame(finding: &Finding, out: &mut dyn Write, gutter: usize, level: Style, hint: Style) -> std::io::Result<()> {
    let pad = " ".repeat(gutter);
    for (i, line) in finding.frame.lines.iter().enumerate() {
        let number = finding.line + i;
        let before = if line.first_column > 1 { "..." } else { "" };
        let after = if line.more { "..." } else { "" };
        let shown = line.text.replace('\t', " ");
        writeln!(out, "{hint}{number:>gutter$} |{hint:#} {before}{shown}{after}")?;
        if i == 0 {
            let width = shown.chars().count();
            let column = |c: usize| c.saturating_sub(line.first_column).min(width);
            let start = column(finding.column);
            let end = if finding.end_line == finding.line {
                column(finding.end_column)
            } else {
                width
            };
            let carets = "^".repeat(end.saturating_sub(start).max(1));
            let indent = " ".repeat(before.len() + start);
            writeln!(out, "{pad} {hint}|{hint:#} {indent}{level}{carets}{level:#}")?;
        }
    }
    if finding.end_line >= finding.line + finding.frame.lines.len() {
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
