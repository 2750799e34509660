use super::{company_value, declare_rule, event_shape, Context, EventShape, Hit, Rule, RuleMeta};
use crate::audit::pattern::Capture;
use crate::audit::scan::{FileFacts, ListenerKind, NamespaceArg};

declare_rule! {
    /// ### What it does
    /// Reports a literal company id in a namespace (`io.of("/workspace-1")`, `io.of(1)`), in an
    /// emitted or listened event name (`"company-1-ticket"`) or in a wrapper's company argument,
    /// also when spelt once in a `const` of the file (`const PLATFORM_COMPANY_ID = 1`). The
    /// `socket.off(...)` that removes such a listener is not reported again.
    ///
    /// ### Why is this bad
    /// A literal id sends one company's events to whichever company has that id in each
    /// environment: fine on a developer's database, a leak in production. The company must come
    /// from the authenticated user or the entity being changed.
    ///
    /// ### Impact
    /// `leak`: one fixed company receives what is emitted there, whichever company the data
    /// belongs to.
    ///
    /// ### Example
    /// Bad:
    /// ```ts
    /// io.of("/workspace-1").emit("company-1-ticket", payload);
    /// ```
    /// Good:
    /// ```ts
    /// io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, payload);
    /// ```
    HardcodedTenant, "hardcoded-tenant", Error, catalog: false, impacts: [Leak], summary: "a literal company id in a namespace or event name"
}

impl Rule for HardcodedTenant {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        let hint = "take the company id from the authenticated user (`req.user.companyId`) or from the entity being changed";
        for site in &facts.namespaces {
            let NamespaceArg::Name(name) = &site.arg else { continue };
            let literal = match cx.namespace.matches(name) {
                Some(found) => match found.company {
                    Some(Capture::Lit(id)) => Some(id),
                    _ => None,
                },
                None => name
                    .as_literal()
                    .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())),
            };
            if let Some(id) = literal {
                out.push(Self::hit(
                    site.span,
                    format!("namespace `{name}` names company {id} literally"),
                    hint,
                ));
            }
        }
        let events = facts
            .emits
            .iter()
            .filter_map(|e| Some((e.span, e.event.as_ref()?)))
            // Only listening names a company: the matching `off` removes that same listener.
            .chain(
                facts
                    .listeners
                    .iter()
                    .filter(|l| matches!(l.kind, ListenerKind::On | ListenerKind::Once))
                    .filter_map(|l| Some((l.span, l.event.as_ref()?))),
            );
        for (span, event) in events {
            if let EventShape::Named {
                company: Capture::Lit(id),
                ..
            } = event_shape(&cx.event, event)
            {
                if !id.is_empty() {
                    out.push(Self::hit(
                        span,
                        format!("event name `{event}` names company {id} literally"),
                        hint,
                    ));
                }
            }
        }
        for emit in &facts.emits {
            if let Some(Capture::Lit(id)) = emit.company_arg.as_ref().and_then(company_value) {
                out.push(Self::hit(
                    emit.span,
                    format!("`{}` is given company {id} literally", emit.callee),
                    hint,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::{lines, Run};
    use crate::catalog::model::Wrapper;

    #[test]
    fn company_from_variables_passes() {
        let source = "const io = getIO();\nio.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, {});";
        assert!(lines(&HardcodedTenant, source).is_empty());
    }

    #[test]
    fn literal_ids_in_namespaces_events_listeners_and_wrappers_fail() {
        let source = "const io = getIO();\nio.of(\"/workspace-1\").emit(`company-${companyId}-ticket`, {});\nio.of(`/workspace-${companyId}`).emit(\"company-7-ticket\", {});\nio.of(3).emit(e);\nemitToCompany(5, `company-5-ticket`, {});";
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
        let found: Vec<usize> = run.hits(&HardcodedTenant, source).into_iter().map(|(l, _)| l).collect();
        assert_eq!(found, vec![2, 4, 3, 5, 5]);
        let client = "import { socketConnection } from \"../services/socket\";\nimport React from \"react\";\nsocket.on(\"company-1-ticket\", h);";
        assert_eq!(
            Run {
                file: "x.jsx",
                ..Run::default()
            }
            .hits(&HardcodedTenant, client)
            .len(),
            1
        );
    }

    #[test]
    fn removing_a_hardcoded_listener_is_not_a_second_finding() {
        let client = "import React from \"react\";\nsocket.on(\"company-1-settings\", h);\nsocket.off(\"company-1-settings\", h);\nsocket.removeListener(\"company-2-settings\", h);";
        let found = Run {
            file: "x.jsx",
            ..Run::default()
        }
        .hits(&HardcodedTenant, client);
        assert_eq!(found.iter().map(|(l, _)| *l).collect::<Vec<_>>(), vec![2]);
    }

    #[test]
    fn a_company_id_spelt_once_in_a_const_is_still_literal() {
        let source = "const PLATFORM_COMPANY_ID = 1;\nfunction f() { getIO().of(`/workspace-${PLATFORM_COMPANY_ID}`).emit(`company-${companyId}-ticket`, {}); }";
        assert_eq!(lines(&HardcodedTenant, source), vec![2]);
    }
}
