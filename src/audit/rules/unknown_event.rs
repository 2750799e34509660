use super::{closest, declare_rule, event_shape, Context, EventShape, Hit, Rule, RuleMeta};
use crate::audit::scan::FileFacts;

declare_rule! {
    /// ### What it does
    /// With `--catalog`, reports an emitted event whose name follows the convention but whose
    /// resource is not an event of the catalog (`company-${id}-tiket`). Skipped without a catalog.
    ///
    /// ### Why is this bad
    /// The catalog is the contract between backend and frontend: generated hooks, types and docs
    /// only know its events. An event outside it has no typed payload and, often, no listener —
    /// it is either a typo or an undocumented event.
    ///
    /// ### Example
    /// Bad (catalog defines `ticket`):
    /// ```ts
    /// io.of(`/workspace-${companyId}`).emit(`company-${companyId}-tiket`, payload);
    /// ```
    /// Good:
    /// ```ts
    /// io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, payload);
    /// ```
    UnknownEvent, "unknown-event", Error, catalog: true, summary: "resource not in the catalog"
}

impl Rule for UnknownEvent {
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
            if resource.is_empty() || catalog.events.contains_key(&resource) {
                continue;
            }
            let hint = match closest(&resource, catalog.events.keys()) {
                Some(name) => format!("did you mean `{name}`? Otherwise add `{resource}` to the catalog's events"),
                None => format!("add `{resource}` to the catalog's events, or emit one of its events"),
            };
            out.push(Self::hit(
                emit.span,
                format!("`{resource}` is not an event of the catalog"),
                hint,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::{catalog, Run};

    #[test]
    fn catalog_resources_pass() {
        let catalog = catalog();
        let run = Run {
            catalog: Some(&catalog),
            ..Run::default()
        };
        let source = "getIO().of(ns).emit(`company-${id}-ticket`, {});\ngetIO().of(ns).emit(`company-${id}-appMessage`, {});";
        assert!(run.hits(&UnknownEvent, source).is_empty());
    }

    #[test]
    fn resources_outside_the_catalog_fail_with_a_suggestion() {
        let catalog = catalog();
        let run = Run {
            catalog: Some(&catalog),
            ..Run::default()
        };
        let found = run.hits(&UnknownEvent, "getIO().of(ns).emit(`company-${id}-tiket`, {});");
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("`tiket`"));
    }

    #[test]
    fn without_a_catalog_nothing_is_reported() {
        assert!(Run::default()
            .hits(&UnknownEvent, "getIO().of(ns).emit(`company-${id}-tiket`, {});")
            .is_empty());
    }
}
