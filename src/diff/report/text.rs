//! `path:line:col: breaking[rule] server→client: message`, grouped into the changes that fail
//! the run, those accepted with `--allow`, and the compatible ones, then a summary line.

use std::io::Write;

use anstyle::Style;

use crate::diff::{Change, Report, Severity};
use crate::style;

pub fn render(report: &Report, out: &mut dyn Write, color: bool) -> std::io::Result<()> {
    let paint = |s: Style| if color { s } else { Style::new() };
    for group in [Group::Breaking, Group::Allowed, Group::Compatible] {
        let changes: Vec<&Change> = report.changes.iter().filter(|c| group.holds(c)).collect();
        if changes.is_empty() {
            continue;
        }
        let bold = paint(style::PATH);
        writeln!(out, "{bold}{}: {}{bold:#}\n", group.heading(), count(changes.len(), "change"))?;
        for change in changes {
            one(change, out, paint(group.style()), &paint)?;
        }
        writeln!(out)?;
    }
    summary(report, out)
}

/// The changes that fail the run, those accepted with `--allow`, and the compatible ones.
#[derive(Clone, Copy)]
enum Group {
    Breaking,
    Allowed,
    Compatible,
}

impl Group {
    fn holds(self, change: &Change) -> bool {
        match self {
            Group::Breaking => change.fails(),
            Group::Allowed => change.severity == Severity::Breaking && change.allowed,
            Group::Compatible => change.severity == Severity::Compatible,
        }
    }

    fn heading(self) -> &'static str {
        match self {
            Group::Breaking => "breaking",
            Group::Allowed => "allowed",
            Group::Compatible => "compatible",
        }
    }

    fn style(self) -> Style {
        match self {
            Group::Breaking => style::ERROR,
            Group::Allowed => style::WARNING,
            Group::Compatible => style::ADDED,
        }
    }
}

fn one(change: &Change, out: &mut dyn Write, level: Style, paint: &dyn Fn(Style) -> Style) -> std::io::Result<()> {
    let bold = paint(style::PATH);
    let hint = paint(style::HINT);
    let allowed = if change.allowed { ", allowed" } else { "" };
    writeln!(
        out,
        "{bold}{}{bold:#}: {level}{}[{}]{level:#} ({}{allowed}): {}",
        change.location,
        change.severity.name(),
        change.rule,
        change.direction.arrow(),
        change.message
    )?;
    if let Some(text) = &change.hint {
        writeln!(out, "  {hint}= hint:{hint:#} {text}")?;
    }
    Ok(())
}

/// `2 breaking, 1 allowed, 3 compatible changes between OLD and NEW`.
fn summary(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let summary = report.summary();
    let between = format!("between {} and {}", report.old, report.new);
    if report.changes.is_empty() {
        return writeln!(out, "no changes {between}");
    }
    writeln!(
        out,
        "{} breaking, {} allowed, {} {between}",
        summary.breaking,
        summary.allowed,
        count(summary.compatible, "compatible change")
    )
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}
