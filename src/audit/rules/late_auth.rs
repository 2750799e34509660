use super::{declare_rule, Context, Hit, Rule, RuleMeta};
use crate::audit::scan::FileFacts;

declare_rule! {
    /// ### What it does
    /// Reports a namespace without middleware (no `.use(...)` on it; for `/`, no `io.use(...)`)
    /// whose `connection` handler verifies the handshake's token itself (`verify(token, secret)`,
    /// `jwt.verify`, `verifyToken`, given `socket.handshake.query.token`, `.auth.token` or
    /// `.headers.authorization`), in two ways:
    /// - **after accept**: the handler awaits something other than the verification, joins a room
    ///   or registers `socket.on(...)` handlers before it verifies. Reported at the namespace: the
    ///   `io.of(...)` call, or `io.on(...)` for `/`. A handler that verifies first, before any of
    ///   those, is authenticated as well as by middleware and is not reported (nor is its
    ///   namespace `unauthenticated-namespace`).
    /// - **token-error branch**: a `catch` of the `try` that verifies, or an `if` inside it
    ///   (`err instanceof TokenExpiredError`), keeps the socket — it does not disconnect it — and
    ///   joins, emits, registers a handler or sets `socket.data` after reading the token unverified
    ///   (`decode(token)`), with no comparison of a company id on the way. Reported where that
    ///   branch first acts.
    ///
    /// ### Why is this bad
    /// The connection is accepted before the handler runs. Until the late check disconnects it, a
    /// socket without a valid token is in the namespace: it receives every broadcast there,
    /// another connection's events arriving during the `await`, and can call the handlers
    /// registered before the check; when the check throws out of the handler, the socket stays for
    /// good. A token that does not verify says nothing about its company: an expired token of an
    /// agent of company A, kept by the error branch, sits in company B's namespace and receives its
    /// messages.
    ///
    /// ### Impact
    /// `unguarded`: the namespace lets sockets in that are not, or not yet, authenticated,
    /// whatever is emitted there today. So too in a codebase that serves one company: the sockets
    /// let in are anyone's, not another company's, and they receive that company's data.
    ///
    /// ### Example
    /// Bad:
    /// ```ts
    /// io.of(/^\/\d+$/).on("connection", async (socket) => {
    ///   socket.on("joinTickets", (status) => socket.join(status));
    ///   const company = await Company.findByPk(companyId);
    ///   const { token } = socket.handshake.query;
    ///   try {
    ///     claims = verify(token, secret);
    ///   } catch (err) {
    ///     if (err instanceof TokenExpiredError) {
    ///       socket.data.userId = decode(token).id;
    ///       socket.join("notification");
    ///       return;
    ///     }
    ///     socket.disconnect(true);
    ///   }
    /// });
    /// ```
    /// Good:
    /// ```ts
    /// const companies = io.of(/^\/\d+$/);
    /// companies.use(authMiddleware); // verifies the token and compares its company with the namespace's
    /// companies.on("connection", (socket) => {
    ///   socket.on("joinTickets", (status) => socket.join(status));
    /// });
    /// ```
    LateAuth, "late-auth", Error, catalog: false, impacts: [Unguarded], summary: "token verified inside `connection` after the connection is used, or an error branch that keeps the socket"
}

impl Rule for LateAuth {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        for auth in facts.handler_auths.iter().filter(|auth| !auth.guarded) {
            if let Some(exposure) = auth.late {
                out.push(Self::hit(
                    auth.span,
                    format!(
                        "this namespace has no `.use(...)` middleware and its `connection` handler verifies the token only {}: the connection is already accepted, so until it is dropped a socket without a valid token is in the namespace and receives its broadcasts",
                        exposure.describe()
                    ),
                    "verify the token in middleware on the namespace (`ns.use(authMiddleware)`), which runs before the connection is accepted, or first thing in the handler, before any `await`, `socket.join` or `socket.on`",
                ));
            }
            for &span in &auth.unverified_acts {
                out.push(Self::hit(
                    span,
                    "this branch runs when the token does not verify, yet keeps the socket and acts on the token's unverified claims (`decode`) with no company check: a stale token of another company stays in this namespace",
                    "disconnect the socket whenever the token does not verify (an expired one included: the client reconnects with a fresh token), or compare the decoded company with the namespace's before acting",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::lines;

    const HEAD: &str = "import { Server } from \"socket.io\";\nconst io = new Server();\n";

    fn late_auth(body: &[&str]) -> Vec<usize> {
        lines(&LateAuth, &format!("{HEAD}{}", body.join("\n")))
    }

    #[test]
    fn a_token_verified_before_anything_a_client_can_use_passes() {
        let source = [
            "io.on(\"connection\", async (socket) => {",
            "  socket.on(\"disconnect\", () => log(\"gone\"));",
            "  const { token } = socket.handshake.query;",
            "  let claims;",
            "  try {",
            "    claims = verify(String(token), secret);",
            "  } catch (err) {",
            "    socket.disconnect(true);",
            "    return;",
            "  }",
            "  const user = await User.findByPk(claims.id);",
            "  socket.join(`user-${user.id}`);",
            "  socket.on(\"joinChatBox\", (id) => {});",
            "});",
            "io.of(/^\\/\\d+$/).on(\"connection\", async (socket) => {",
            "  const user = await verifyToken(socket.handshake.auth.token);",
            "  socket.on(\"joinTickets\", (status) => {});",
            "});",
        ];
        assert!(late_auth(&source).is_empty());
        let facts = crate::audit::scan::scan(std::path::Path::new("x.ts"), &format!("{HEAD}{}", source.join("\n")), &[]);
        let checks: Vec<_> = facts.handler_auths.iter().map(|auth| auth.late).collect();
        assert_eq!(checks, [None, None], "both handlers verify, first thing");
    }

    #[test]
    fn an_await_before_the_verification_fails() {
        let source = [
            "io.of(/^\\/\\d+$/).on(\"connection\", async (socket) => {",
            "  const company = await Company.findByPk(companyId);",
            "  if (!company) return socket.disconnect();",
            "  const claims = jwt.verify(socket.handshake.headers.authorization, secret);",
            "});",
        ];
        assert_eq!(late_auth(&source), vec![3]);
    }

    #[test]
    fn handlers_or_joins_before_the_verification_fail_on_the_namespace_or_on_io_on() {
        let source = [
            "const companies = io.of(/^\\/\\d+$/);",
            "companies.on(\"connection\", (socket) => {",
            "  socket.on(\"joinChatBox\", (id) => {});",
            "  try { verify(socket.handshake.auth.token, secret); } catch { socket.disconnect(); }",
            "});",
            "io.on(\"connection\", (socket) => {",
            "  socket.join(\"lobby\");",
            "  verify(socket.handshake.query.token, secret);",
            "});",
        ];
        assert_eq!(late_auth(&source), vec![3, 8]);
    }

    #[test]
    fn namespaces_with_middleware_pass() {
        let source = [
            "io.use(auth);",
            "io.on(\"connection\", async (socket) => {",
            "  await load();",
            "  verify(socket.handshake.query.token, secret);",
            "});",
            "const companies = io.of(/^\\/\\d+$/);",
            "companies.on(\"connection\", async (socket) => {",
            "  socket.on(\"a\", () => {});",
            "  try { verify(socket.handshake.query.token, secret); } catch (err) {",
            "    socket.join(`user-${decode(socket.handshake.query.token).id}`);",
            "  }",
            "});",
            "companies.use(auth);",
        ];
        assert!(late_auth(&source).is_empty());
    }

    #[test]
    fn handlers_that_verify_no_token_are_left_to_unauthenticated_namespace() {
        let source = [
            "io.of(/^\\/\\d+$/).on(\"connection\", async (socket) => {",
            "  await load();",
            "  socket.join(`user-${socket.handshake.query.userId}`);",
            "});",
        ];
        assert!(late_auth(&source).is_empty());
    }

    const TRY: &str = "io.of(/^\\/\\d+$/).on(\"connection\", (socket) => {\n  const { token } = socket.handshake.query;\n  try {\n    claims = verify(String(token), secret);\n  } catch (err) {";

    fn error_branch(branch: &[&str]) -> Vec<usize> {
        lines(&LateAuth, &format!("{HEAD}{TRY}\n{}\n  }}\n}});", branch.join("\n")))
    }

    #[test]
    fn an_error_branch_that_disconnects_passes() {
        let branch = [
            "    const stale = decode(String(token));",
            "    socket.emit(\"unauthorized\", { userId: stale?.id });",
            "    socket.disconnect(true);",
            "    return;",
        ];
        assert!(error_branch(&branch).is_empty());
    }

    #[test]
    fn an_expired_token_branch_acting_on_decode_fails_where_it_first_acts() {
        let branch = [
            "    if (err instanceof TokenExpiredError) {",
            "      const stale = decode(String(token));",
            "      socket.data.userId = stale?.id;",
            "      socket.join(\"notification\");",
            "      socket.emit(\"tokenExpired\", { userId: stale?.id });",
            "      return;",
            "    }",
            "    socket.disconnect(true);",
            "    return;",
        ];
        assert_eq!(error_branch(&branch), vec![11]);
    }

    #[test]
    fn a_branch_falling_through_with_decoded_claims_fails_unless_the_catch_disconnects() {
        let keeps = [
            "    if (err.name === \"TokenExpiredError\") {",
            "      socket.data.user = jwt.decode(token);",
            "    }",
        ];
        assert_eq!(error_branch(&keeps), vec![9]);
        let drops = [keeps.as_slice(), &["    socket.disconnect();"]].concat();
        assert!(error_branch(&drops).is_empty());
    }

    #[test]
    fn an_expired_token_branch_comparing_the_decoded_company_passes() {
        let branch = [
            "    if (err.name === \"TokenExpiredError\") {",
            "      const stale = decode(String(token));",
            "      if (stale.companyId !== companyId) {",
            "        socket.disconnect(true);",
            "        return;",
            "      }",
            "      socket.join(\"notification\");",
            "      return;",
            "    }",
            "    socket.disconnect(true);",
        ];
        assert!(error_branch(&branch).is_empty());
        let inside = [
            "    const stale = decode(String(token));",
            "    if (stale?.companyId === companyId) socket.join(`user-${stale.id}`);",
        ];
        assert!(error_branch(&inside).is_empty());
    }

    #[test]
    fn a_catch_of_a_try_that_verifies_nothing_is_no_token_branch() {
        let source = [
            "io.of(/^\\/\\d+$/).on(\"connection\", (socket) => {",
            "  const { token } = socket.handshake.query;",
            "  const claims = verify(String(token), secret);",
            "  try { load(); } catch (err) {",
            "    socket.join(`user-${decode(String(token)).id}`);",
            "  }",
            "});",
        ];
        assert!(late_auth(&source).is_empty());
    }
}
