use super::{declare_rule, Context, Hit, Rule, RuleMeta};
use crate::audit::scan::FileFacts;

declare_rule! {
    /// ### What it does
    /// Reports a `chatia-socket-ignore RULE: reason` comment whose rule reports nothing on the
    /// comment's line or the next one. Rules that are `off` or skipped (no `--catalog`) are not
    /// judged.
    ///
    /// ### Why is this bad
    /// Stale suppressions pile up after the code they excused is fixed or moved, and the next
    /// real finding on that line is then hidden without anyone deciding so.
    ///
    /// ### Impact
    /// `convention`: a stale comment; it hides nothing today.
    ///
    /// ### Example
    /// Bad:
    /// ```ts
    /// // chatia-socket-ignore global-emit: legacy
    /// io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, payload);
    /// ```
    /// Good:
    /// ```ts
    /// io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, payload);
    /// ```
    UnusedSuppression, "unused-suppression", Warning, catalog: false, impacts: [Convention], summary: "suppression that matches no finding"
}

impl Rule for UnusedSuppression {
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
    fn used_suppressions_pass() {
        let source = "getIO().emit(\"company-1-x\", {}); // chatia-socket-ignore global-emit, hardcoded-tenant: demo tenant";
        assert!(audit_snippet(source).iter().all(|f| f.rule != "unused-suppression"));
    }

    #[test]
    fn suppressions_matching_nothing_are_reported() {
        let source = "// chatia-socket-ignore global-emit: legacy\ngetIO().of(`/workspace-${id}`).emit(`company-${id}-ticket`);\n\n// chatia-socket-ignore unknown-event: catalog rules are skipped without a catalog\ngetIO().of(`/workspace-${id}`).emit(`company-${id}-tiket`);";
        let found: Vec<(usize, &str)> = audit_snippet(source).iter().map(|f| (f.line, f.rule)).collect();
        assert_eq!(found, vec![(1, "unused-suppression")]);
    }
}
