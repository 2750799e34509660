use super::{
    capture_text, company_value, declare_rule, event_shape, namespace_company, Context, EventShape, Hit, Rule, RuleMeta,
};
use crate::audit::pattern::Capture;
use crate::audit::scan::{Emit, FileFacts, NamespaceArg};
use crate::catalog::model::Severity;

/// Where an emit names its company (`namespace`, `event name`, …) and what it says.
type Place = (&'static str, Capture);

declare_rule! {
    /// ### What it does
    /// Compares the company an emit names in each place it names one: the namespace
    /// (`/workspace-{companyId}`, or a bare id used as the namespace), the event name
    /// (`company-{companyId}-…`), the payload's `companyId` and a wrapper's company argument.
    /// Two different literals (`/workspace-1` with `company-2-ticket`) are an error; two different
    /// expressions (`companyId` with `ticket.companyId`) are a warning, since they may hold the
    /// same value but nothing guarantees it. Conversions such as `String(x)`, `x.toString()`, `+x`,
    /// and the marks `x!.companyId` / `x?.companyId`, are ignored when comparing.
    ///
    /// ### Why is this bad
    /// The namespace decides who receives the event and the name decides who listens to it. When
    /// they disagree, company A's clients receive an event labelled for company B (a leak), or
    /// the event is delivered where nobody listens (a silent bug).
    ///
    /// ### Impact
    /// `leak`: the payload goes to a company other than the one it names, or its data goes to
    /// another company's namespace.
    ///
    /// ### Example
    /// Bad:
    /// ```ts
    /// io.of(`/workspace-${companyId}`).emit(`company-${ticket.companyId}-ticket`, { companyId, … });
    /// ```
    /// Good:
    /// ```ts
    /// const { companyId } = ticket;
    /// io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, { companyId, … });
    /// ```
    TenantMismatch, "tenant-mismatch", Error, catalog: false, impacts: [Leak], summary: "the company of the namespace, the event name and the payload differ"
}

impl Rule for TenantMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        // A helper's call mixes the caller's values with the helper's own: the helper's emit is
        // judged in its body.
        for emit in facts.emits.iter().filter(|e| !e.through_helper) {
            let places = companies(cx, emit);
            let mut worst: Option<(Severity, &Place, &Place)> = None;
            for (i, a) in places.iter().enumerate() {
                for b in &places[i + 1..] {
                    let severity = match (&a.1, &b.1) {
                        (Capture::Lit(x), Capture::Lit(y)) if x != y => Severity::Error,
                        (Capture::Dyn(x), Capture::Dyn(y)) if x.value_key() != y.value_key() => Severity::Warning,
                        (Capture::Lit(_), Capture::Dyn(_)) | (Capture::Dyn(_), Capture::Lit(_)) => Severity::Warning,
                        _ => continue,
                    };
                    if worst.is_none_or(|(s, _, _)| severity > s) {
                        worst = Some((severity, a, b));
                    }
                }
            }
            if let Some((severity, a, b)) = worst {
                let mut hit = Self::hit(
                    emit.span,
                    format!(
                        "the {} names company `{}` but the {} names `{}`",
                        a.0,
                        capture_text(&a.1),
                        b.0,
                        capture_text(&b.1)
                    ),
                    "take the company id from one variable and use it for the namespace, the event name and the payload",
                );
                hit.severity = Some(severity);
                out.push(hit);
            }
        }
    }
}

fn companies(cx: &Context<'_>, emit: &Emit) -> Vec<Place> {
    let mut places = Vec::new();
    if let Some(NamespaceArg::Name(name)) = &emit.namespace {
        places.extend(namespace_company(&cx.namespace, name).map(|c| ("namespace", c)));
    }
    if let Some(company) = emit.company_arg.as_ref().and_then(company_value) {
        places.push(("company argument", company));
    }
    if let Some(EventShape::Named { company, .. }) = emit.event.as_ref().map(|e| event_shape(&cx.event, e)) {
        if company != Capture::Lit(String::new()) {
            places.push(("event name", company));
        }
    }
    let payload_company = emit
        .payload
        .as_ref()
        .and_then(|p| p.object.as_ref())
        .and_then(|o| o.company.as_ref());
    if let Some(company) = payload_company.and_then(company_value) {
        places.push(("payload", company));
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::Run;

    fn severities(source: &str) -> Vec<(usize, Severity)> {
        let facts = crate::audit::scan::scan(std::path::Path::new("x.ts"), source, &[]);
        let cx = Context {
            catalog: None,
            event: crate::audit::pattern::Pattern::new("company-{companyId}-{resource}"),
            namespace: crate::audit::pattern::Pattern::new("/workspace-{companyId}"),
            allow_global: &[],
        };
        let mut out = Vec::new();
        TenantMismatch.check(&cx, &facts, &mut out);
        out.iter()
            .map(|h| (source[..h.span.start as usize].matches('\n').count() + 1, h.severity.unwrap()))
            .collect()
    }

    #[test]
    fn same_company_everywhere_passes() {
        let source = "const io = getIO();\nio.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, { companyId });\nio.of(String(ticket.companyId)).emit(`company-${ticket.companyId.toString()}-ticket`, { companyId: ticket.companyId });";
        assert!(Run::default().hits(&TenantMismatch, source).is_empty());
    }

    #[test]
    fn different_literals_are_errors_and_different_expressions_warnings() {
        let source = "const io = getIO();\nio.of(\"/workspace-1\").emit(\"company-2-ticket\", {});\nio.of(`/workspace-${companyId}`).emit(`company-${ticket.companyId}-ticket`, {});\nio.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, { companyId: user.companyId });";
        assert_eq!(
            severities(source),
            vec![(2, Severity::Error), (3, Severity::Warning), (4, Severity::Warning)]
        );
    }

    #[test]
    fn numeric_consts_of_the_file_are_the_literal_they_hold() {
        let source = "const PLATFORM_COMPANY_ID = 1;\nconst io = getIO();\nio.of(\"/workspace-1\").emit(\"company-1-user\", { companyId: PLATFORM_COMPANY_ID });\nio.of(\"/workspace-2\").emit(\"company-2-user\", { companyId: PLATFORM_COMPANY_ID });";
        assert_eq!(severities(source), vec![(4, Severity::Error)]);
    }

    #[test]
    fn a_const_read_from_the_same_row_is_the_same_company() {
        let source = [
            "export async function f(whatsapp, ticket) {",
            "  const { companyId } = whatsapp;",
            "  const { companyId: owner } = ticket;",
            "  const cid = whatsapp.companyId;",
            "  getIO().of(`/workspace-${whatsapp.companyId}`).emit(`company-${companyId}-ticket`, { companyId: cid });",
            "  getIO().of(`/workspace-${owner}`).emit(`company-${ticket.companyId}-ticket`, {});",
            "  getIO().of(`/workspace-${owner}`).emit(`company-${companyId}-ticket`, {});",
            "}",
            "function g(whatsapp) {",
            "  let { companyId } = whatsapp;",
            "  companyId = other.companyId;",
            "  getIO().of(`/workspace-${whatsapp.companyId}`).emit(`company-${companyId}-ticket`, {});",
            "}",
        ]
        .join("\n");
        // Only what can differ at run time: another row's company, and a `let` that was reassigned.
        assert_eq!(severities(&source), vec![(7, Severity::Warning), (12, Severity::Warning)]);
    }

    #[test]
    fn non_null_and_optional_spellings_of_one_company_pass() {
        let source = "getIO().of(`/workspace-${ticket!.companyId}`).emit(`company-${ticket?.companyId}-ticket`, { companyId: ticket.companyId });\ngetIO().of(`/workspace-${ticket!.companyId}`).emit(`company-${contact?.companyId}-ticket`, {});";
        assert_eq!(severities(source), vec![(2, Severity::Warning)]);
    }

    #[test]
    fn unary_plus_is_a_conversion_like_number() {
        let source = "getIO().of(`/workspace-${companyId}`).emit(`company-${companyId}-queue`, { companyId: +companyId });\ngetIO().of(`/workspace-${companyId}`).emit(`company-${companyId}-queue`, { companyId: -companyId });";
        assert_eq!(severities(source), vec![(2, Severity::Warning)]);
    }
}
