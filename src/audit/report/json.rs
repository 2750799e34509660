//! `{"version":1,"findings":[{"rule","severity","path","line","column","endLine","endColumn","message"}],"summary":{…}}`.
//! These fields are an interface: more may be added, none may change.

use std::io::Write;

use serde::Serialize;

use crate::audit::finding::Finding;
use crate::audit::{Report, Summary};

#[derive(Serialize)]
struct Document<'r> {
    version: u32,
    findings: &'r [Finding],
    summary: Summary,
}

pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let document = Document {
        version: 1,
        findings: &report.findings,
        summary: report.summary,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
