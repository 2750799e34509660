use super::{declare_rule, event_shape, Context, EventShape, Hit, Rule, RuleMeta};
use crate::audit::scan::FileFacts;

declare_rule! {
    /// ### What it does
    /// With `--catalog`, reports a payload whose `action` is a literal the catalog does not allow
    /// for that event (`{ action: "remove" }` on `ticket`, which allows `create`, `update`,
    /// `delete`). Only literal actions on events of the catalog are checked. Skipped without a
    /// catalog.
    ///
    /// ### Why is this bad
    /// Clients switch on `action`; the generated hooks only handle the catalog's actions. An
    /// action they do not know is silently ignored, so the screen goes stale.
    ///
    /// ### Impact
    /// `lost`: clients built from the catalog handle only its actions, so none of them acts on
    /// this one.
    ///
    /// ### Example
    /// Bad:
    /// ```ts
    /// ns.emit(`company-${companyId}-ticket`, { action: "remove", ticketId, companyId, userId, timestamp });
    /// ```
    /// Good:
    /// ```ts
    /// ns.emit(`company-${companyId}-ticket`, { action: "delete", ticketId, companyId, userId, timestamp });
    /// ```
    UnknownAction, "unknown-action", Error, catalog: true, impacts: [Lost], summary: "literal `action` not allowed for that resource by the catalog"
}

impl Rule for UnknownAction {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        let Some(catalog) = cx.catalog else { return };
        for emit in &facts.emits {
            let Some(event) = &emit.event else { continue };
            let EventShape::Named { resource, .. } = event_shape(&cx.event, event) else {
                continue;
            };
            let Some(definition) = catalog.events.get(&resource) else {
                continue;
            };
            let action = emit
                .payload
                .as_ref()
                .and_then(|p| p.object.as_ref())
                .and_then(|o| o.action.as_ref())
                .and_then(|a| a.as_literal());
            let Some(action) = action else { continue };
            if definition.actions.contains_key(&action) {
                continue;
            }
            let allowed: Vec<String> = definition.actions.keys().map(|a| format!("`{a}`")).collect();
            out.push(Self::hit(
                emit.span,
                format!("action `{action}` is not an action of `{resource}`"),
                format!("`{resource}` allows {}", allowed.join(", ")),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::{catalog, Run};

    #[test]
    fn catalog_actions_and_non_literal_actions_pass() {
        let catalog = catalog();
        let run = Run {
            catalog: Some(&catalog),
            ..Run::default()
        };
        let source = "const ns = getIO().of(ns);\nns.emit(`company-${id}-ticket`, { action: \"update\" });\nns.emit(`company-${id}-ticket`, { action });\nns.emit(`company-${id}-other`, { action: \"zap\" });";
        assert!(run.hits(&UnknownAction, source).is_empty());
    }

    #[test]
    fn actions_outside_the_catalog_fail() {
        let catalog = catalog();
        let run = Run {
            catalog: Some(&catalog),
            ..Run::default()
        };
        let source = "const ns = getIO().of(x);\nns.emit(`company-${id}-ticket`, { action: \"remove\" });\nns.emit(`company-${id}-appMessage`, { action: \"delete\" });";
        let lines: Vec<usize> = run.hits(&UnknownAction, source).into_iter().map(|(l, _)| l).collect();
        assert_eq!(lines, vec![2, 3]);
    }
}
