use super::{declare_rule, event_shape, Context, EventShape, Hit, Rule, RuleMeta};
use crate::audit::pattern::Capture;
use crate::audit::scan::{Emit, FileFacts, NamespaceArg};
use crate::audit::value::Dyn;

declare_rule! {
    /// ### What it does
    /// Reports an emit whose company id — in the namespace, the event name, the payload's
    /// `companyId` or a wrapper's company argument — comes from request input: `req.body`,
    /// `req.query`, `req.params`, `req.headers`/`req.header()`/`req.get()`, or a socket's
    /// `handshake.query`/`handshake.headers`/`handshake.auth`. The value is followed through the
    /// same function: variables assigned from it (`const { companyId } = req.body`), members,
    /// methods called on it (`req.query.companyId.trim()`), conversions (`Number(…)`, `+x`) and
    /// operators (`req.body.companyId || req.user.companyId`). `req.user` (set by authentication
    /// middleware) is trusted, and so is what a function looks up with the input as an argument:
    /// `ShowTicketService(req.params.ticketId, companyId)` returns the ticket, whose `companyId`
    /// is the entity's own, and `verify(socket.handshake.auth.token)` the verified claims.
    ///
    /// ### Why is this bad
    /// Request input is whatever the client sends. Taking the tenant from it lets any
    /// authenticated user of company A push events into company B's namespace by changing one
    /// field of the request.
    ///
    /// ### Impact
    /// `leak`: the client chooses the company, so it can name another company's id and receive or
    /// write its data.
    ///
    /// ### Example
    /// Bad:
    /// ```ts
    /// const { companyId } = req.body;
    /// io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, payload);
    /// ```
    /// Good:
    /// ```ts
    /// const { companyId } = req.user;
    /// io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, payload);
    /// ```
    UntrustedTenant, "untrusted-tenant", Warning, catalog: false, impacts: [Leak], summary: "company id comes from request input rather than the authenticated user"
}

impl Rule for UntrustedTenant {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        for emit in &facts.emits {
            if let Some(source) = company_sources(cx, emit).into_iter().find(|d| d.untrusted) {
                out.push(Self::hit(
                    emit.span,
                    format!("the company id `{}` comes from request input", source.text),
                    "use the authenticated user's company (`req.user.companyId`), never one the client sends",
                ));
            }
        }
    }
}

fn company_sources(cx: &Context<'_>, emit: &Emit) -> Vec<Dyn> {
    let mut sources: Vec<Dyn> = Vec::new();
    if let Some(NamespaceArg::Name(name)) = &emit.namespace {
        sources.extend(name.dyns().cloned());
    }
    if let Some(company) = &emit.company_arg {
        sources.extend(company.dyns().cloned());
    }
    if let Some(EventShape::Named {
        company: Capture::Dyn(d),
        ..
    }) = emit.event.as_ref().map(|e| event_shape(&cx.event, e))
    {
        sources.push(d);
    }
    if let Some(company) = emit
        .payload
        .as_ref()
        .and_then(|p| p.object.as_ref())
        .and_then(|o| o.company.as_ref())
    {
        sources.extend(company.dyns().cloned());
    }
    sources
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::lines;

    #[test]
    fn authenticated_company_passes() {
        let source = "export const store = async (req, res) => {\n  const { companyId } = req.user;\n  getIO().of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, { companyId });\n};";
        assert!(lines(&UntrustedTenant, source).is_empty());
    }

    #[test]
    fn request_input_fails_directly_and_through_variables() {
        let source = "export const store = async (req, res) => {\n  getIO().of(`/workspace-${req.params.companyId}`).emit(\"e\");\n  const { companyId } = req.body;\n  getIO().of(`/workspace-${companyId}`).emit(\"e\");\n  const id = Number(req.headers[\"x-company\"]);\n  getIO().of(\"/workspace-1\").emit(`company-${id}-ticket`);\n};\nconst other = () => { const { companyId } = req.user; getIO().of(`/workspace-${companyId}`).emit(\"e\"); };";
        assert_eq!(lines(&UntrustedTenant, source), vec![2, 4, 6]);
    }

    #[test]
    fn entities_looked_up_with_request_input_are_trusted() {
        let source = "export const remove = async (req, res) => {\n  const { companyId } = req.user;\n  const ticket = await ShowTicketService(req.params.ticketId, companyId);\n  const contact = await Contact.findOne({ where: { id: req.body.contactId, companyId } });\n  getIO().of(`/workspace-${ticket.companyId}`).emit(`company-${contact.companyId}-ticket`, { companyId: ticket.companyId });\n};";
        assert!(lines(&UntrustedTenant, source).is_empty());
    }

    #[test]
    fn request_input_reshaped_by_methods_operators_and_conversions_fails() {
        let source = "export const store = async (req, res) => {\n  const companyId = req.query.companyId.trim();\n  getIO().of(`/workspace-${companyId}`).emit(\"e\");\n  const fallback = req.body?.companyId || req.user.companyId;\n  getIO().of(`/workspace-${fallback}`).emit(\"e\");\n  const [, company] = req.header(\"x-tenant\").split(\":\");\n  getIO().of(`/workspace-${+company}`).emit(\"e\");\n  const data = req.body as Payload;\n  getIO().of(`/workspace-${data.companyId}`).emit(\"e\");\n};";
        assert_eq!(lines(&UntrustedTenant, source), vec![3, 5, 7, 9]);
    }

    #[test]
    fn the_handshake_auth_payload_is_input_but_its_verified_token_is_not() {
        let source = "import { Server } from \"socket.io\";\nworkspaces.on(\"connection\", socket => {\n  const decoded = verify(socket.handshake.auth.token, secret);\n  socket.broadcast.emit(`company-${decoded.companyId}-presence`, {});\n  const companyId = Number(socket.handshake.auth.companyId);\n  socket.broadcast.emit(`company-${companyId}-presence`, {});\n});";
        assert_eq!(lines(&UntrustedTenant, source), vec![6]);
    }
}
