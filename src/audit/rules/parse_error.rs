use super::{declare_rule, Context, Hit, Rule, RuleMeta};
use crate::audit::scan::FileFacts;

declare_rule! {
    /// ### What it does
    /// Reports a source file the audit could not check: a syntax error the parser cannot
    /// recover from, or a file that cannot be read, is not UTF-8, looks binary or is too large.
    /// The run goes on with the other files.
    ///
    /// ### Why is this bad
    /// Nothing in that file was checked, so an emit that breaks tenant isolation could hide
    /// there. Usually it is a file that is not really source (a backup, a bundle), which belongs in
    /// `exclude`.
    ///
    /// ### Impact
    /// `convention`: nothing in the file was checked, which hides findings rather than being one.
    ///
    /// ### Example
    /// Bad:
    /// ```ts
    /// io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, {
    /// ```
    /// Good:
    /// ```ts
    /// io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, {});
    /// ```
    ParseError, "parse-error", Warning, catalog: false, impacts: [Convention], summary: "file could not be parsed"
}

impl Rule for ParseError {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        if let Some((span, message)) = &facts.parse_error {
            out.push(Self::hit(
                *span,
                format!("not checked: {message}"),
                "fix the syntax, or add the file to `exclude` if it is not source",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::lines;

    #[test]
    fn valid_typescript_and_jsx_pass() {
        assert!(lines(&ParseError, "const x: number = 1;\nexport default x;").is_empty());
    }

    #[test]
    fn syntax_errors_fail_at_their_position() {
        assert_eq!(lines(&ParseError, "const a = 1;\nio.emit(\"x\", {;\n"), vec![2]);
    }
}
