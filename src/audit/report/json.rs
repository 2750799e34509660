//! `{"version":1,"findings":[{"rule","severity","impact","path","line","column","endLine","endColumn","message"}],"summary":{…}}`.
//! These fields are an interface: more may be added, none may change.

use std::io::Write;

use serde::Serialize;

use crate::audit::finding::Finding;
use crate::audit::impact::Impact;
use crate::audit::rules::severity_name;
use crate::audit::{Report, Summary};

#[derive(Serialize)]
struct Document<'r> {
    version: u32,
    findings: Vec<Entry<'r>>,
    summary: Summary,
}

/// What the interface shows of a finding: its place and message, not its code frame.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry<'r> {
    rule: &'r str,
    severity: &'static str,
    impact: Impact,
    path: &'r str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'r str,
}

impl<'r> From<&'r Finding> for Entry<'r> {
    fn from(finding: &'r Finding) -> Self {
        Entry {
            rule: finding.rule,
            severity: severity_name(finding.severity),
            impact: finding.impact,
            path: &finding.path,
            line: finding.line,
            column: finding.column,
            end_line: finding.end_line,
            end_column: finding.end_column,
            message: &finding.message,
        }
    }
}

pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let document = Document {
        version: 1,
        findings: report.findings.iter().map(Entry::from).collect(),
        summary: report.summary,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
