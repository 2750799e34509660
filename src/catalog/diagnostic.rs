//! A problem found in the user's catalog, with the place it was found.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub path: PathBuf,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// An error stops the run; a warning is printed and the run goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub location: Location,
    pub severity: Severity,
    /// Stable id of the problem class, e.g. `unknown-key`.
    pub code: &'static str,
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// Renders `path:line:col: error[code]: message` (or `warning[code]`) and, when there is one,
    /// the hint below it.
    pub fn render(&self, color: bool) -> String {
        let (error, hint, bold) = if color {
            let level = match self.severity {
                Severity::Error => crate::style::ERROR,
                Severity::Warning => crate::style::WARNING,
            };
            (level, crate::style::HINT, crate::style::PATH)
        } else {
            Default::default()
        };
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!(
            "{bold}{}{bold:#}: {error}{level}[{}]{error:#}: {}",
            self.location, self.code, self.message
        );
        if let Some(text) = &self.hint {
            out.push_str(&format!("\n  {hint}= hint:{hint:#} {text}"));
        }
        out
    }
}

/// Every problem found in one input, sorted by position: the user fixes them all in one pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{}", diagnostic.render(false))?;
        }
        let n = self.0.len();
        write!(f, "{n} problem{} found", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for Diagnostics {}
