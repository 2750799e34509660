use super::{declare_rule, event_shape, Context, EventShape, Hit, Rule, RuleMeta};
use crate::audit::scan::FileFacts;

declare_rule! {
    /// ### What it does
    /// Reports an emitted event name that cannot be resolved in the file, so the other rules
    /// cannot check it: a parameter or variable (`io.of(ns).emit(eventName, …)`), a call
    /// (`eventFor(companyId)`), an unknown prefix (`` `${prefix}-ticket` ``) or a resource that
    /// is an expression (`` `company-${companyId}-${resource}` ``). String literals, template
    /// literals, concatenations and `const`s of the same file are resolved. Emits inside the
    /// body of a declared wrapper are not reported: the wrapper's call sites are checked instead.
    /// Listener names are not reported either (generic `useSocketEvent(name)` hooks are normal).
    ///
    /// ### Why is this bad
    /// An event the audit cannot read is an event it cannot vouch for: it may break the naming
    /// rule or name another company's event. Resolve it statically, declare the helper as a
    /// wrapper, or suppress it with a reason.
    ///
    /// ### Impact
    /// `convention`: the name cannot be checked, so nothing is known to be wrong; it may be right.
    ///
    /// ### Example
    /// Bad:
    /// ```ts
    /// io.of(`/workspace-${companyId}`).emit(eventName, payload);
    /// ```
    /// Good:
    /// ```ts
    /// io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, payload);
    /// ```
    DynamicEvent, "dynamic-event", Warning, catalog: false, impacts: [Convention], summary: "event name cannot be resolved statically"
}

impl Rule for DynamicEvent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        for emit in facts.emits.iter().filter(|e| !e.in_wrapper_definition) {
            let Some(event) = &emit.event else { continue };
            let what = match event_shape(&cx.event, event) {
                EventShape::Dynamic => "cannot be resolved statically",
                EventShape::DynamicResource => "has a resource that cannot be resolved statically",
                _ => continue,
            };
            out.push(Self::hit(
                emit.span,
                format!("event name `{event}` {what}"),
                "spell the name out (a template literal or a `const` in this file), or declare the helper as a wrapper in the audit config",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::{lines, Run};
    use crate::catalog::model::Wrapper;

    #[test]
    fn resolvable_names_pass() {
        let source = "const E = \"company-\" + id + \"-ticket\";\nconst ns = getIO().of(x);\nns.emit(E, {});\nns.emit(`company-${`${id}`}-ticket`, {});\nns.emit(\"ticket\", {});";
        assert!(lines(&DynamicEvent, source).is_empty());
    }

    #[test]
    fn unresolvable_names_warn() {
        let source = "const ns = getIO().of(x);\nns.emit(eventName, {});\nns.emit(`${prefix}-ticket`, {});\nns.emit(`company-${id}-${resource}`, {});\nns.emit(eventFor(id), {});";
        assert_eq!(lines(&DynamicEvent, source), vec![2, 3, 4, 5]);
    }

    #[test]
    fn wrapper_bodies_are_left_to_their_call_sites() {
        let run = Run {
            wrappers: vec![Wrapper {
                name: "emitToCompany".into(),
                company_arg: Some(0),
                event_arg: Some(1),
                payload_arg: Some(2),
                returns_operator: false,
            }],
            ..Run::default()
        };
        let source = "export const emitToCompany = (companyId, event, payload) => {\n  getIO().of(`/workspace-${companyId}`).emit(event, payload);\n};\nemitToCompany(companyId, name, {});";
        let found: Vec<usize> = run.hits(&DynamicEvent, source).into_iter().map(|(l, _)| l).collect();
        assert_eq!(found, vec![4]);
    }
}
