use super::{declare_rule, Context, Hit, Rule, RuleMeta};
use crate::audit::scan::FileFacts;
use crate::catalog::model::FIXED_FIELDS;

declare_rule! {
    /// ### What it does
    /// Reports an emit whose payload is an object literal (or a `const` holding one) without one
    /// of the fields every event carries: `action`, `companyId`, `userId`, `timestamp`. Payloads
    /// that are not object literals, or that spread another object (`...base`), cannot be judged
    /// and are left alone; so are allowlisted platform-wide events.
    ///
    /// ### Why is this bad
    /// Clients use `companyId` to drop events that are not theirs, `userId` to tell their own
    /// changes from others', `timestamp` to order updates and `action` to know what happened.
    /// A payload without them breaks the generated hooks' types and the client-side tenant check.
    ///
    /// ### Impact
    /// `convention`: the payload still reaches the right company; clients just cannot rely on the
    /// house shape.
    ///
    /// ### Example
    /// Bad:
    /// ```ts
    /// ns.emit(`company-${companyId}-ticket`, { action: "update", ticket });
    /// ```
    /// Good:
    /// ```ts
    /// ns.emit(`company-${companyId}-ticket`, {
    ///   action: "update", ticket, companyId, userId: req.user.id, timestamp: new Date().toISOString(),
    /// });
    /// ```
    PayloadFields, "payload-fields", Warning, catalog: false, impacts: [Convention], summary: "object-literal payload missing `action`, `companyId`, `userId` or `timestamp`"
}

impl Rule for PayloadFields {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        for emit in &facts.emits {
            if emit.event.as_ref().is_some_and(|e| cx.is_allowed_global(e)) {
                continue;
            }
            let Some(object) = emit.payload.as_ref().and_then(|p| p.object.as_ref()) else {
                continue;
            };
            if object.has_spread {
                continue;
            }
            let missing: Vec<String> = FIXED_FIELDS
                .iter()
                .filter(|field| !object.keys.iter().any(|key| key == *field))
                .map(|field| format!("`{field}`"))
                .collect();
            if missing.is_empty() {
                continue;
            }
            out.push(Self::hit(
                emit.span,
                format!("payload lacks {}", missing.join(", ")),
                "every event carries `action`, `companyId`, `userId` and `timestamp`; the generated emitters add them for you",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::lines;

    #[test]
    fn complete_spread_and_non_literal_payloads_pass() {
        let source = "const ns = getIO().of(x);\nns.emit(e, { action: \"update\", companyId, userId, timestamp: Date.now(), ticket });\nns.emit(e, { ...base, ticket });\nns.emit(e, payload);\nns.emit(e);";
        assert!(lines(&PayloadFields, source).is_empty());
    }

    #[test]
    fn missing_fields_fail() {
        let source = "const ns = getIO().of(x);\nns.emit(e, { action: \"update\", ticket });\nconst payload = { action: \"delete\", ticketId };\nns.emit(e, payload);";
        assert_eq!(lines(&PayloadFields, source), vec![2, 4]);
    }
}
