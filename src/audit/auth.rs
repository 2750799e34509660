//! How a `connection` handler checks the handshake's token itself, followed while the scanner
//! visits the handler: what it did before the verification, and what the branches taken when the
//! token does not verify do with the socket. The scanner says *when* (a verification, an `await`,
//! a join…); this keeps the order and the branches, so the scan needs no second pass.

use oxc_span::Span;

/// A `connection` handler that verifies the token the client sent in its handshake
/// (`verify(socket.handshake.query.token, …)`, `verifyToken(token)`).
#[derive(Debug, Clone)]
pub struct HandlerAuth {
    /// Its namespace as findings name it: the `io.of(...)` call, or the `io.on(...)` call for `/`.
    pub span: Span,
    /// Middleware runs before it: `.use(...)` on the namespace (`io.use(...)` for `/`), or the
    /// generated setup's own.
    pub guarded: bool,
    /// What the handler did with the accepted connection before the verification, if anything.
    pub late: Option<Exposure>,
    /// Where a branch taken when the token did not verify keeps the socket and acts on the token's
    /// unverified claims (`decode(token)`) with no company comparison: joins, emits, registers a
    /// handler or sets `socket.data`.
    pub unverified_acts: Vec<Span>,
}

/// What a handler did before its verification, each something an unauthenticated socket profits by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exposure {
    /// Awaited something other than the verification: other connections' broadcasts reach the
    /// socket meanwhile.
    Await,
    /// Registered a `socket.on(...)` handler the client can call.
    Handler,
    /// Joined a room, whose broadcasts the socket receives.
    Join,
}

impl Exposure {
    pub fn describe(self) -> &'static str {
        match self {
            Exposure::Await => "after an `await`",
            Exposure::Handler => "after `socket.on(...)` handlers are registered",
            Exposure::Join => "after `socket.join(...)`",
        }
    }
}

/// A `connection` handler being visited.
#[derive(Debug)]
pub(super) struct OpenHandler {
    /// The scanner's frame count inside the handler: its own `await`s are at this depth.
    pub depth: usize,
    /// Key of its namespace site, `None` for `/`.
    pub site: Option<u32>,
    /// The `.on("connection", …)` call.
    pub call: Span,
    exposed: Option<Exposure>,
    late: Option<Exposure>,
    verifications: usize,
    /// Branches being visited that run when the token did not verify, innermost last.
    branches: Vec<ErrorBranch>,
    unverified_acts: Vec<Span>,
}

/// A `catch` of a `try` that verifies the token, or an `if` inside one.
#[derive(Debug, Default, Clone)]
struct ErrorBranch {
    /// The first join, emit or handler registration on the socket.
    act: Option<Span>,
    /// The first `socket.data.… =`: what later code trusts, weaker than an act.
    data: Option<Span>,
    /// A nested branch that kept the socket and fell through into this one: it acts here unless
    /// this one disconnects.
    inner: Option<Span>,
    disconnects: bool,
    /// The token's claims were read unverified (`decode(token)`), here or in an enclosing branch.
    decoded: bool,
    /// A company id was compared, here or in an enclosing branch, before what follows.
    compared: bool,
}

impl OpenHandler {
    pub fn new(depth: usize, site: Option<u32>, call: Span) -> Self {
        OpenHandler {
            depth,
            site,
            call,
            exposed: None,
            late: None,
            verifications: 0,
            branches: Vec::new(),
            unverified_acts: Vec::new(),
        }
    }

    pub fn verifications(&self) -> usize {
        self.verifications
    }

    /// The token is verified here; the first verification decides whether it came late.
    pub fn verify(&mut self) {
        if self.verifications == 0 {
            self.late = self.exposed;
        }
        self.verifications += 1;
    }

    /// Something the handler did that an unverified socket profits by (see [`Exposure`]).
    pub fn expose(&mut self, exposure: Exposure) {
        self.exposed = self.exposed.or(Some(exposure));
    }

    pub fn in_error_branch(&self) -> bool {
        !self.branches.is_empty()
    }

    /// A join, emit or handler registration on the socket.
    pub fn act(&mut self, span: Span) {
        if let Some(branch) = self.branches.last_mut() {
            branch.act = branch.act.or(Some(span));
        }
    }

    /// `socket.data.… = …`.
    pub fn set_data(&mut self, span: Span) {
        if let Some(branch) = self.branches.last_mut() {
            branch.data = branch.data.or(Some(span));
        }
    }

    pub fn disconnect(&mut self) {
        if let Some(branch) = self.branches.last_mut() {
            branch.disconnects = true;
        }
    }

    pub fn decode(&mut self) {
        if let Some(branch) = self.branches.last_mut() {
            branch.decoded = true;
        }
    }

    pub fn compare_company(&mut self) {
        if let Some(branch) = self.branches.last_mut() {
            branch.compared = true;
        }
    }

    /// Enters a `catch` of a verifying `try`, or an `if` branch inside one, inheriting what the
    /// enclosing branch already did.
    pub fn enter_branch(&mut self) {
        let inherited = self.branches.last().map(|outer| ErrorBranch {
            decoded: outer.decoded,
            compared: outer.compared,
            ..ErrorBranch::default()
        });
        self.branches.push(inherited.unwrap_or_default());
    }

    /// Leaves the innermost branch; `ends` when it cannot fall through (it returns or throws).
    /// A branch that keeps the socket and ends has acted for good; one that falls through acts
    /// in the enclosing branch, which may still disconnect.
    pub fn leave_branch(&mut self, ends: bool) {
        let Some(branch) = self.branches.pop() else { return };
        let Some(span) = branch.keeps_unverified() else { return };
        match self.branches.last_mut() {
            Some(outer) if !ends => outer.inner = outer.inner.or(Some(span)),
            _ => self.unverified_acts.push(span),
        }
    }

    /// Closes the handler, given whether middleware guards its namespace and where that is.
    pub fn finish(self, span: Span, guarded: bool) -> Option<HandlerAuth> {
        (self.verifications > 0).then_some(HandlerAuth {
            span,
            guarded,
            late: self.late,
            unverified_acts: self.unverified_acts,
        })
    }
}

impl ErrorBranch {
    /// Where this branch keeps the socket and acts on the token's unverified claims, if it does.
    fn keeps_unverified(&self) -> Option<Span> {
        if self.disconnects {
            return None;
        }
        let own = (self.decoded && !self.compared).then(|| self.act.or(self.data)).flatten();
        own.into_iter().chain(self.inner).min_by_key(|span| span.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(start: u32) -> Span {
        Span::new(start, start + 1)
    }

    #[test]
    fn a_verification_after_an_exposure_is_late_and_one_before_is_not() {
        let mut handler = OpenHandler::new(1, None, at(0));
        handler.verify();
        handler.expose(Exposure::Await);
        assert_eq!(handler.finish(at(0), false).unwrap().late, None);
        let mut handler = OpenHandler::new(1, None, at(0));
        handler.expose(Exposure::Handler);
        handler.expose(Exposure::Await);
        handler.verify();
        assert_eq!(handler.finish(at(0), false).unwrap().late, Some(Exposure::Handler));
    }

    #[test]
    fn a_handler_that_never_verifies_is_no_fact() {
        let mut handler = OpenHandler::new(1, None, at(0));
        handler.expose(Exposure::Join);
        assert!(handler.finish(at(0), false).is_none());
    }

    #[test]
    fn a_falling_through_branch_acts_unless_the_enclosing_one_disconnects() {
        let mut handler = OpenHandler::new(1, None, at(0));
        handler.verify();
        handler.enter_branch();
        handler.decode();
        handler.enter_branch();
        handler.set_data(at(5));
        handler.leave_branch(false);
        handler.disconnect();
        handler.leave_branch(true);
        assert!(handler.finish(at(0), false).unwrap().unverified_acts.is_empty());
    }

    #[test]
    fn an_act_outranks_the_socket_data_before_it() {
        let mut handler = OpenHandler::new(1, None, at(0));
        handler.verify();
        handler.enter_branch();
        handler.decode();
        handler.set_data(at(5));
        handler.act(at(9));
        handler.leave_branch(true);
        assert_eq!(handler.finish(at(0), false).unwrap().unverified_acts, [at(9)]);
    }
}
