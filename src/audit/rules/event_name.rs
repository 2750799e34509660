use super::{declare_rule, event_shape, Context, EventShape, Hit, Rule, RuleMeta};
use crate::audit::scan::FileFacts;

declare_rule! {
    /// ### What it does
    /// Checks that every event the server emits is named after the catalog's convention,
    /// `company-{companyId}-{resource}` by default: the literal prefix, the company id, a hyphen,
    /// and one resource name. Checked on direct emits, `emitWithAck`, `serverSideEmit` and declared
    /// wrappers. Names listed in `allowGlobal` are accepted (they are platform-wide on purpose).
    ///
    /// ### Why is this bad
    /// Clients subscribe by name. A name without the company (`company-announcement`, `"ticket"`),
    /// with a different shape (`appMessage-${id}`) or with a typo in the separators
    /// (`company${id}-file`) either reaches every company's listeners or none, and cannot be
    /// checked against the catalog. Per-user targeting in the name
    /// (`company-${id}-chat-user-${userId}`) belongs in a room instead.
    ///
    /// ### Impact
    /// `convention`: the event still reaches the clients of the namespace it is emitted on, and a
    /// client listens to that name. `lost` when no client listener of the project can receive it
    /// (`company${id}-file` where the panel listens to `company-${id}-file`): `lost-event` then
    /// leaves the site to this finding.
    ///
    /// ### Example
    /// Bad:
    /// ```ts
    /// io.of(`/workspace-${companyId}`).emit("ticket", payload);
    /// io.of(`/workspace-${companyId}`).emit(`company${companyId}-file`, payload);
    /// ```
    /// Good:
    /// ```ts
    /// io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, payload);
    /// ```
    EventName, "event-name", Error, catalog: false, impacts: [Convention, Lost], summary: "event name not `company-{companyId}-{resource}`"
}

impl Rule for EventName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        for emit in &facts.emits {
            let Some(event) = &emit.event else { continue };
            if cx.is_allowed_global(event) || event_shape(&cx.event, event) != EventShape::Broken {
                continue;
            }
            out.push(Self::hit(
                emit.span,
                format!("event name `{event}` does not follow `{}`", cx.event.source()),
                format!(
                    "name it like `{}`; target users or tickets with rooms, not with the name",
                    cx.event.example("${companyId}", "ticket")
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::{lines, Run};

    #[test]
    fn convention_names_pass() {
        let source = "const io = getIO();\nio.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, {});\nio.of(ns).emit(\"company-\" + ticket.companyId + \"-appMessage\", {});\nconst EVENT = `company-${id}-contact`;\nio.of(ns).emit(EVENT, {});";
        assert!(lines(&EventName, source).is_empty());
    }

    #[test]
    fn missing_hyphen_missing_id_other_forms_and_bare_names_fail() {
        let source = "const io = getIO();\nio.of(ns).emit(`company${id}-file`, {});\nio.emit(\"company-announcement\", {});\nio.of(ns).emit(`appMessage-${id}`, {});\nio.to(room).emit(\"ticket\", {});\nio.of(ns).emit(`company-${id}-chat-user-${userId}`, {});";
        assert_eq!(lines(&EventName, source), vec![2, 3, 4, 5, 6]);
    }

    #[test]
    fn names_that_cannot_be_resolved_are_left_to_dynamic_event() {
        let source = "getIO().of(ns).emit(eventName, {});\ngetIO().of(ns).emit(`${prefix}-ticket`, {});";
        assert!(lines(&EventName, source).is_empty());
    }

    #[test]
    fn allowlisted_platform_events_pass() {
        let run = Run {
            allow_global: vec!["platform-*".into()],
            ..Run::default()
        };
        assert!(run
            .hits(&EventName, "getIO().emit(\"platform-announcement\", {});")
            .is_empty());
    }

    #[test]
    fn emits_in_comments_and_strings_are_not_code() {
        let source = "// io.emit(\"ticket\", {})\nconst doc = 'io.emit(\"ticket\", {})';\n/* getIO().emit(\"x\") */";
        assert!(lines(&EventName, source).is_empty());
    }

    #[test]
    fn wrappers_declared_by_bare_name_are_checked_when_called_through_an_object() {
        let wrapper = |name: &str| crate::catalog::model::Wrapper {
            name: name.into(),
            company_arg: Some(0),
            event_arg: Some(1),
            payload_arg: Some(2),
            returns_operator: false,
        };
        let run = Run {
            wrappers: vec![wrapper("emitToCompany"), wrapper("SocketService.emitTenant")],
            ..Run::default()
        };
        let source = "SocketEmitter.emitToCompany(id, \"ticket\", {});\nthis.emitToCompany(id, \"ticket\", {});\nSocketService.emitTenant(id, \"ticket\", {});\nOther.emitTenant(id, \"ticket\", {});";
        let found: Vec<usize> = run.hits(&EventName, source).into_iter().map(|(l, _)| l).collect();
        assert_eq!(found, vec![1, 2, 3]);
    }
}
