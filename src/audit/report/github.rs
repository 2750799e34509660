//! GitHub Actions workflow commands: one `::error`/`::warning` annotation per finding.

use std::io::Write;

use crate::audit::Report;
use crate::catalog::model::Severity;

pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    for f in &report.findings {
        let level = if f.severity == Severity::Error { "error" } else { "warning" };
        let mut message = f.message.clone();
        if let Some(hint) = &f.hint {
            message.push_str(&format!("\nhint: {hint}"));
        }
        writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&f.path),
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            property(&format!("{} ({})", f.rule, f.impact)),
            data(&message)
        )?;
    }
    Ok(())
}

/// Escaping of a command's message, as the runner expects it.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escaping of a command's property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_escaped() {
        assert_eq!(data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(property("a,b:c"), "a%2Cb%3Ac");
    }
}
