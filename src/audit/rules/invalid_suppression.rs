use super::{declare_rule, Context, Hit, Rule, RuleMeta};
use crate::audit::scan::FileFacts;

declare_rule! {
    /// ### What it does
    /// Reports a `chatia-socket-ignore` comment that cannot be honoured: it names no rule or an
    /// unknown rule, or gives no reason after a colon. Such a comment suppresses nothing.
    ///
    /// ### Why is this bad
    /// A suppression is a decision someone will have to revisit; without the reason nobody can,
    /// and a misspelt rule id silently leaves the finding in place (or hides a real one later).
    ///
    /// ### Impact
    /// `convention`: a suppression that says nothing about why; the finding it hides is judged on
    /// its own.
    ///
    /// ### Example
    /// Bad:
    /// ```ts
    /// // chatia-socket-ignore global-emit
    /// io.emit("platform-maintenance", payload);
    /// ```
    /// Good:
    /// ```ts
    /// // chatia-socket-ignore global-emit: maintenance banner goes to every company on purpose
    /// io.emit("platform-maintenance", payload);
    /// ```
    InvalidSuppression, "invalid-suppression", Error, catalog: false, impacts: [Convention], summary: "suppression without a reason or with an unknown rule"
}

impl Rule for InvalidSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Judged by `suppress::apply`, which sees the other rules' hits.
    fn check(&self, _cx: &Context<'_>, _facts: &FileFacts, _out: &mut Vec<Hit>) {}
}

#[cfg(test)]
mod tests {
    use crate::audit::testing::audit_snippet;

    #[test]
    fn suppression_with_a_reason_silences_the_rule() {
        let source =
            "// chatia-socket-ignore global-emit: maintenance banner for every company\ngetIO().emit(\"company-1-x\", {});";
        let rules: Vec<&str> = audit_snippet(source).iter().map(|f| f.rule).collect();
        assert!(!rules.contains(&"global-emit"));
        assert!(!rules.contains(&"invalid-suppression"));
    }

    #[test]
    fn missing_reason_and_unknown_rules_are_reported_and_suppress_nothing() {
        let source = "// chatia-socket-ignore global-emit\ngetIO().emit(\"company-1-x\", {});\ngetIO().emit(\"company-1-x\", {}); // chatia-socket-ignore globl-emit: typo";
        let found: Vec<(usize, &str)> = audit_snippet(source)
            .iter()
            .filter(|f| matches!(f.rule, "global-emit" | "invalid-suppression"))
            .map(|f| (f.line, f.rule))
            .collect();
        assert_eq!(
            found,
            vec![
                (1, "invalid-suppression"),
                (2, "global-emit"),
                (3, "global-emit"),
                (3, "invalid-suppression")
            ]
        );
    }
}
