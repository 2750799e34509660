use super::{declare_rule, Context, Hit, Rule, RuleMeta};
use crate::audit::scan::{FileFacts, NamespaceArg};

declare_rule! {
    /// ### What it does
    /// Reports a workspace namespace that is set up without middleware of its own: a dynamic
    /// namespace (`io.of(/^\/workspace-\d+$/)`, `io.of((name, auth, next) => …)`), or a
    /// `/workspace-…` namespace with a `connection` handler, when no `.use(...)` is registered on
    /// it — in its own chain (`io.of(re).use(auth).on(...)`) or through the variable or class
    /// field holding it (`const ns = io.of(re); ns.use(auth)`, `this.ns = this.io.of(re);
    /// this.ns.use(auth)`). `io.of(...)` calls that only emit are not set-ups and are not reported.
    /// A field is followed in source order: a `.use` in a method above the assignment is not seen.
    /// Nor is a namespace reported whose `connection` handler verifies the handshake's token
    /// itself: first thing, it is authenticated as well as by middleware; after an `await`, a join
    /// or a `socket.on`, it is `late-auth`.
    ///
    /// ### Why is this bad
    /// In Socket.IO, `io.use(...)` guards the main namespace `/` only. A namespace without its own
    /// middleware accepts any connection, so anyone can join `/workspace-2` and receive company
    /// 2's events without a token.
    ///
    /// ### Impact
    /// `unguarded`: any client can connect to the namespace, whatever is emitted there today.
    ///
    /// ### Example
    /// Bad:
    /// ```ts
    /// io.use(authMiddleware);
    /// io.of(/^\/workspace-\d+$/).on("connection", onConnection);
    /// ```
    /// Good:
    /// ```ts
    /// const workspaces = io.of(/^\/workspace-\d+$/);
    /// workspaces.use(authMiddleware);
    /// workspaces.on("connection", onConnection);
    /// ```
    UnauthenticatedNamespace, "unauthenticated-namespace", Error, catalog: false, impacts: [Unguarded], summary: "workspace namespace with no `.use(` middleware of its own"
}

impl Rule for UnauthenticatedNamespace {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        // A handler that verifies the token itself authenticates; `late-auth` judges when.
        let verified_in_handler = |span| facts.handler_auths.iter().any(|auth| auth.span == span);
        for site in facts
            .namespaces
            .iter()
            .filter(|site| !site.guarded && !verified_in_handler(site.span))
        {
            let workspace = match &site.arg {
                NamespaceArg::Regex(_) | NamespaceArg::Function => true,
                // Never a site of its own: the generated setup registers its middleware itself.
                NamespaceArg::Generated => false,
                NamespaceArg::Name(name) => site.setup && cx.namespace.matches(name).is_some(),
            };
            if workspace {
                out.push(Self::hit(
                    site.span,
                    "this workspace namespace has no `.use(...)` middleware; `io.use` only guards `/`",
                    "register the authentication middleware on the namespace itself: `ns.use(authMiddleware)`",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::lines;

    #[test]
    fn namespaces_with_their_own_middleware_pass() {
        let source = "io.use(auth);\nio.of(/^\\/workspace-\\d+$/).use(auth).on(\"connection\", s => {});\nconst ws = io.of((name, query, next) => next(null, true));\nws.on(\"connection\", s => {});\nws.use(auth);\nio.of(`/workspace-${id}`).emit(`company-${id}-ticket`, {});";
        assert!(lines(&UnauthenticatedNamespace, source).is_empty());
    }

    #[test]
    fn namespaces_guarded_only_by_io_use_fail() {
        let source = "io.use(auth);\nio.of(/^\\/workspace-\\d+$/).on(\"connection\", s => {});\nconst ns = io.of(`/workspace-${companyId}`);\nns.on(\"connection\", s => {});\nio.of(/^\\/workspace-\\d+$/).use(auth);";
        assert_eq!(lines(&UnauthenticatedNamespace, source), vec![2, 3]);
    }

    #[test]
    fn namespaces_held_by_class_fields_and_assignments_are_guarded_through_them() {
        let source = "class Gateway {\n  private widgets = this.io.of(/^\\/widget-\\d+$/);\n  listen() {\n    this.workspaces = this.io.of(/^\\/workspace-\\d+$/);\n    this.workspaces.use(auth);\n    this.workspaces.on(\"connection\", s => {});\n    this.widgets.use(auth);\n  }\n}\nlet legacy;\nfunction start() {\n  legacy = io.of(/^\\/\\d+$/);\n  legacy.use(auth);\n}";
        assert!(lines(&UnauthenticatedNamespace, source).is_empty());
    }

    #[test]
    fn a_namespace_whose_handler_verifies_the_token_is_left_to_late_auth() {
        let source = "io.of(/^\\/workspace-\\d+$/).on(\"connection\", s => {\n  try { verify(s.handshake.auth.token, secret); } catch { s.disconnect(); return; }\n});\nio.of(/^\\/\\d+$/).on(\"connection\", async s => {\n  await load();\n  verify(s.handshake.auth.token, secret);\n});\nio.of(/^\\/widget-\\d+$/).on(\"connection\", s => {\n  const userId = s.handshake.query.userId;\n  if (!userId) s.disconnect();\n});";
        assert_eq!(lines(&UnauthenticatedNamespace, source), vec![8]);
    }

    #[test]
    fn a_class_field_namespace_without_its_own_use_fails() {
        let source = "class Gateway {\n  listen() {\n    this.io.use(auth);\n    this.workspaces = this.io.of(/^\\/workspace-\\d+$/);\n    this.workspaces.on(\"connection\", s => {});\n  }\n}";
        assert_eq!(lines(&UnauthenticatedNamespace, source), vec![4]);
    }
}
