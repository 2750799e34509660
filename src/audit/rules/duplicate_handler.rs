use indexmap::IndexMap;

use super::{declare_rule, Context, Hit, Rule, RuleMeta, SETUP_EVENTS};
use crate::audit::pattern::Pattern;
use crate::audit::scan::{FileFacts, NamespaceArg, SocketNamespace};
use crate::catalog::model::ClientEvent;

declare_rule! {
    /// ### What it does
    /// With `--catalog` (one that lists `clientEvents`), reports a server-side
    /// `socket.on(name, …)` for an event the generated setup already handles:
    /// - wherever it is registered, an event the setup serves entirely: a client event with
    ///   `joins` or `leaves` (the setup checks ownership, then joins or leaves the room) and the
    ///   setup's own `room:join` / `room:leave`;
    /// - any other catalogued client event, when the socket belongs to a namespace the setup
    ///   serves: the namespace `setupCompanyNamespaces(...)` returns, or a company namespace by
    ///   the catalog's `conventions.namespace` — `io.of(/^\/workspace-\d+$/)` (a regex literal
    ///   matching it) or `` io.of(`/workspace-${companyId}`) ``. `setupCompanyNamespaces`
    ///   registers a handler for every client event there and calls the typed handler it is given.
    ///
    /// Other client events on the default namespace, or on a socket whose connection handler is
    /// not in the file, are not judged; nor are files chatia-socket generated (they are the setup).
    /// Nothing is reported unless the scanned code holds the generated setup (a file with
    /// chatia-socket's header): until a team adopts it, the handlers it wrote are the only ones.
    ///
    /// ### Why is this bad
    /// The event is handled twice: once by the generated setup, once here. The raw handler runs
    /// without the setup's ownership check, rate limit and size limit, may join a room the check
    /// refused, and answers the acknowledgement a second time; its logic belongs in one place.
    ///
    /// ### Impact
    /// `convention`: the generated setup answers the event first, so this listener is dead code
    /// that reads as if it ran; no client receives more or less because of it.
    ///
    /// ### Example
    /// Bad (the catalog's `joinChatBox` has `joins: { room: ticket }`):
    /// ```ts
    /// setupCompanyNamespaces(io, options).on("connection", (socket) => {
    ///   socket.on("joinChatBox", (ticketId) => socket.join(`ticket-${ticketId}`));
    ///   socket.on("markAsRead", (ticketId, ack) => markAsRead(ticketId).then(ack));
    /// });
    /// ```
    /// Good: no handler for `joinChatBox`, and `markAsRead`'s logic in the typed handler passed to
    /// `setupCompanyNamespaces` — or remove `joins` from `joinChatBox` in the catalog to handle it
    /// yourself.
    DuplicateHandler, "duplicate-handler", Warning, catalog: true, impacts: [Convention], summary: "server `socket.on` for a client event the generated setup already handles"
}

impl Rule for DuplicateHandler {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        let Some(client_events) = cx.client_events() else { return };
        if facts.generated {
            return;
        }
        for handler in &facts.handlers {
            let Some(name) = handler.event.as_ref().and_then(|e| e.as_literal()) else {
                continue;
            };
            let Some(served) = served(client_events, &name, || serves_namespace(&cx.namespace, &handler.namespace)) else {
                continue;
            };
            out.push(Self::hit(handler.span, served.message(&name), served.hint(&name)));
        }
    }
}

/// How the generated setup handles an event.
enum Served<'c> {
    /// The catalog binds the event to a room the setup joins.
    Joins(&'c str),
    /// The catalog binds the event to a room the setup leaves.
    Leaves(&'c str),
    /// `room:join` / `room:leave`, the setup's own requests.
    RoomRequest,
    /// The setup registers it and calls the typed handler it is given.
    Typed,
}

/// How the setup handles `name`, if it does; `on_served_namespace` is asked only for events
/// that need a typed handler, which the setup registers on its own namespaces only.
fn served<'c>(
    client_events: &'c IndexMap<String, ClientEvent>,
    name: &str,
    on_served_namespace: impl FnOnce() -> bool,
) -> Option<Served<'c>> {
    if SETUP_EVENTS.contains(&name) {
        return Some(Served::RoomRequest);
    }
    let event = client_events.get(name)?;
    if let Some(binding) = &event.joins {
        return Some(Served::Joins(&binding.room));
    }
    if let Some(binding) = &event.leaves {
        return Some(Served::Leaves(&binding.room));
    }
    on_served_namespace().then_some(Served::Typed)
}

impl Served<'_> {
    fn message(&self, name: &str) -> String {
        let setup = match self {
            Served::Joins(room) => format!("the generated setup joins the room `{room}` for it after the ownership check"),
            Served::Leaves(room) => format!("the generated setup leaves the room `{room}` for it"),
            Served::RoomRequest if name == "room:join" => "the generated setup answers it, asking `canJoinRoom` first".to_owned(),
            Served::RoomRequest => "the generated setup answers it".to_owned(),
            Served::Typed => {
                "`setupCompanyNamespaces` registers it on this namespace and calls the typed handler it is given".to_owned()
            }
        };
        format!("`{name}` is handled twice: {setup}, and this handler runs as well")
    }

    fn hint(&self, name: &str) -> String {
        match self {
            Served::Joins(_) => format!(
                "remove this handler; to handle `{name}` yourself, remove `joins` from it in the catalog and write its typed handler"
            ),
            Served::Leaves(_) => format!(
                "remove this handler; to handle `{name}` yourself, remove `leaves` from it in the catalog and write its typed handler"
            ),
            Served::RoomRequest => {
                "remove this handler; `canJoinRoom`, an option of `setupCompanyNamespaces`, decides who may join".to_owned()
            }
            Served::Typed => format!(
                "move this logic into the `{name}` handler passed to `setupCompanyNamespaces`, and remove this `socket.on`"
            ),
        }
    }
}

/// Whether the generated setup serves the namespace a socket is connected to: its own parent
/// namespace, or a company namespace by the catalog's convention.
fn serves_namespace(convention: &Pattern, namespace: &SocketNamespace) -> bool {
    match namespace {
        SocketNamespace::Of(NamespaceArg::Generated) => true,
        SocketNamespace::Of(NamespaceArg::Name(name)) => convention.matches(name).is_some(),
        SocketNamespace::Of(NamespaceArg::Regex(source)) => js_regex_matches(source, &convention.example("1", "")),
        // A function may accept any name; the default namespace and unknown ones are not the setup's.
        SocketNamespace::Of(NamespaceArg::Function) | SocketNamespace::Default | SocketNamespace::Unknown => false,
    }
}

/// Whether a JavaScript regex literal (`/^\/workspace-\d+$/i`) matches `text`; one the `regex`
/// crate cannot read (look-arounds, back-references) is taken as not matching.
fn js_regex_matches(literal: &str, text: &str) -> bool {
    let Some((body, flags)) = literal.strip_prefix('/').and_then(|rest| rest.rsplit_once('/')) else {
        return false;
    };
    regex::RegexBuilder::new(body)
        .case_insensitive(flags.contains('i'))
        .build()
        .is_ok_and(|re| re.is_match(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::{catalog, client_catalog, Run};

    const IMPORT: &str = "import { Server } from \"socket.io\";\n";

    fn lines(catalog: Option<&crate::catalog::Catalog>, source: &str) -> Vec<usize> {
        let run = Run {
            catalog,
            file: "server.ts",
            ..Run::default()
        };
        run.hits(&DuplicateHandler, &format!("{IMPORT}{source}"))
            .into_iter()
            .map(|(line, _)| line - 1)
            .collect()
    }

    #[test]
    fn room_bound_events_fail_on_any_namespace() {
        let catalog = client_catalog();
        let source = "io.on(\"connection\", (socket) => {\n  socket.on(\"joinChatBox\", (id) => socket.join(`ticket-${id}`));\n  socket.once(\"leaveChatBox\", (id) => socket.leave(`ticket-${id}`));\n  socket.on(\"room:join\", h);\n});\nsocket.on(\"room:leave\", h);";
        assert_eq!(lines(Some(&catalog), source), vec![2, 3, 4, 6]);
    }

    #[test]
    fn typed_events_fail_on_the_namespaces_the_setup_serves() {
        let catalog = client_catalog();
        let source = [
            "setupCompanyNamespaces(io, options).on(\"connection\", (socket) => socket.on(\"markAsRead\", h));",
            "const parent = Socket.setupCompanyNamespaces(io, options);",
            "parent.on(\"connection\", (socket) => socket.on(\"markAsRead\", h));",
            "io.of(/^\\/workspace-\\d+$/).use(auth).on(\"connection\", (socket) => socket.on(\"markAsRead\", h));",
            "io.of(`/workspace-${companyId}`).on(\"connection\", (socket) => socket.on(\"markAsRead\", h));",
        ]
        .join("\n");
        assert_eq!(lines(Some(&catalog), &source), vec![1, 3, 4, 5]);
    }

    #[test]
    fn typed_events_pass_elsewhere_and_other_handlers_pass() {
        let catalog = client_catalog();
        let source = [
            "io.on(\"connection\", (socket) => socket.on(\"markAsRead\", h));",
            "io.of(/^\\/widget-\\d+$/).use(auth).on(\"connection\", (socket) => socket.on(\"markAsRead\", h));",
            "io.of((name, auth, next) => next(null, true)).on(\"connection\", (socket) => socket.on(\"markAsRead\", h));",
            "socket.on(\"markAsRead\", h);",
            "setupCompanyNamespaces(io, options).on(\"connection\", (socket) => {",
            "  socket.on(\"disconnect\", h);",
            "  socket.on(\"exportTickets\", h);",
            "  socket.on(eventName, h);",
            "  socket.off(\"joinChatBox\", h);",
            "});",
        ]
        .join("\n");
        assert!(lines(Some(&catalog), &source).is_empty());
    }

    #[test]
    fn the_message_says_what_the_setup_does() {
        let catalog = client_catalog();
        let run = Run {
            catalog: Some(&catalog),
            file: "server.ts",
            ..Run::default()
        };
        let hits = run.raw_hits(&DuplicateHandler, "io.on(\"connection\", (s) => s.on(\"joinChatBox\", h));");
        assert_eq!(
            hits[0].message,
            "`joinChatBox` is handled twice: the generated setup joins the room `ticket` for it after the ownership check, and this handler runs as well"
        );
        assert!(hits[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("remove `joins` from it in the catalog"));
    }

    #[test]
    fn nothing_is_judged_without_client_events_or_in_generated_files() {
        let source = "io.on(\"connection\", (socket) => socket.on(\"joinChatBox\", h));";
        assert!(lines(None, source).is_empty());
        assert!(lines(Some(&catalog()), source).is_empty());
        let generated = format!("// @generated by chatia-socket from socket-events.yaml. Do not edit by hand.\n{source}");
        let catalog = client_catalog();
        let run = Run {
            catalog: Some(&catalog),
            file: "server.ts",
            ..Run::default()
        };
        assert!(run.hits(&DuplicateHandler, &generated).is_empty());
    }

    #[test]
    fn javascript_regex_literals_are_matched_with_their_flags() {
        assert!(js_regex_matches("/^\\/workspace-\\d+$/", "/workspace-1"));
        assert!(js_regex_matches("/^\\/WORKSPACE-\\d+$/i", "/workspace-1"));
        assert!(!js_regex_matches("/^\\/widget-\\d+$/", "/workspace-1"));
        assert!(!js_regex_matches("/^(?<=x)\\/workspace$/", "/workspace-1"));
    }
}
