use indexmap::IndexMap;
use oxc_span::Span;

use super::{closest, declare_rule, event_shape, Context, EventShape, Hit, Rule, RuleMeta, SETUP_EVENTS, SOCKET_RESERVED};
use crate::audit::scan::FileFacts;
use crate::audit::value::Str;
use crate::catalog::model::{Catalog, ClientEvent};

declare_rule! {
    /// ### What it does
    /// With `--catalog`, reports an event name the catalog does not know, in both directions:
    /// - an emitted server event whose name follows the convention but whose resource is not an
    ///   event of the catalog (`company-${id}-tiket`);
    /// - when the catalog lists `clientEvents`: a client's `socket.emit(name, …)` and a server
    ///   handler `socket.on(name, …)` whose name is not one of them, nor a request the generated
    ///   setup answers (`room:join`, `room:leave`), nor an event of Socket.IO itself (`disconnect`,
    ///   `disconnecting`, `error`, …). A close client event is suggested (`joinChatbox` →
    ///   `joinChatBox`). A client emitting a server event's name, or the server handling one, is
    ///   reported as the wrong direction.
    ///
    /// Client events are only judged against a catalog that lists some: one without
    /// `clientEvents` does not describe what clients send. Names that cannot be resolved are
    /// skipped. Skipped without a catalog.
    ///
    /// ### Why is this bad
    /// The catalog is the contract between backend and frontend: generated hooks, types and docs
    /// only know its events. A server event outside it has no typed payload and, often, no
    /// listener; a client event outside it is never sent by the generated client, or never
    /// handled by the generated setup. Either way it is a typo or an undocumented event, and the
    /// request or the update is lost without an error.
    ///
    /// ### Impact
    /// `lost`: clients built from the catalog never listen to an event it lacks, and a server
    /// generated from it refuses a client event it lacks with `not-found` and never sends it
    /// the handler's way.
    ///
    /// ### Example
    /// Bad (catalog defines the event `ticket` and the client event `joinChatBox`):
    /// ```ts
    /// io.of(`/workspace-${companyId}`).emit(`company-${companyId}-tiket`, payload);
    /// socket.emit("joinChatbox", ticketId);            // in the React client
    /// socket.on("joinChatbox", (ticketId) => { … });   // in the server's connection handler
    /// socket.emit(`company-${companyId}-ticket`, {});  // a client cannot send a server event
    /// ```
    /// Good:
    /// ```ts
    /// io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, payload);
    /// socket.emit("joinChatBox", ticketId);
    /// ```
    UnknownEvent, "unknown-event", Error, catalog: true, impacts: [Lost], summary: "event (server resource or client event) not in the catalog"
}

impl Rule for UnknownEvent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        let Some(catalog) = cx.catalog else { return };
        check_server_emits(cx, catalog, facts, out);
        let Some(client_events) = cx.client_events() else { return };
        let sent = facts.client_emits.iter().map(|e| (Direction::ClientSends, e.span, &e.event));
        let handled = facts.handlers.iter().map(|h| (Direction::ServerHandles, h.span, &h.event));
        for (direction, span, event) in sent.chain(handled) {
            let Some(event) = event else { continue };
            out.extend(judge_client_event(cx, client_events, direction, span, event));
        }
    }
}

fn check_server_emits(cx: &Context<'_>, catalog: &Catalog, facts: &FileFacts, out: &mut Vec<Hit>) {
    for emit in &facts.emits {
        let Some(event) = &emit.event else { continue };
        let EventShape::Named { resource, .. } = event_shape(&cx.event, event) else {
            continue;
        };
        if resource.is_empty() || catalog.events.contains_key(&resource) {
            continue;
        }
        let hint = match closest(&resource, catalog.events.keys()) {
            Some(name) => format!("did you mean `{name}`? Otherwise add `{resource}` to the catalog's events"),
            None => format!("add `{resource}` to the catalog's events, or emit one of its events"),
        };
        out.push(UnknownEvent::hit(
            emit.span,
            format!("`{resource}` is not an event of the catalog"),
            hint,
        ));
    }
}

/// Who names a client event: a client sending it, or the server handling it.
#[derive(Debug, Clone, Copy)]
enum Direction {
    ClientSends,
    ServerHandles,
}

fn judge_client_event(
    cx: &Context<'_>,
    client_events: &IndexMap<String, ClientEvent>,
    direction: Direction,
    span: Span,
    event: &Str,
) -> Option<Hit> {
    // Checked before the shape: a catalogued client event may happen to look like a server one.
    let name = event.as_literal();
    if name.as_deref().is_some_and(|name| is_known_client_event(client_events, name)) {
        return None;
    }
    if let EventShape::Named { resource, .. } = event_shape(&cx.event, event) {
        let meant = closest(&resource, client_events.keys());
        return Some(wrong_direction(direction, span, event, meant));
    }
    name.map(|name| not_a_client_event(client_events, direction, span, &name))
}

fn is_known_client_event(client_events: &IndexMap<String, ClientEvent>, name: &str) -> bool {
    client_events.contains_key(name) || SETUP_EVENTS.contains(&name) || SOCKET_RESERVED.contains(&name)
}

/// `meant`: the client event named like the server event's resource (`typing` for
/// `company-${id}-typing`), the likely intent.
fn wrong_direction(direction: Direction, span: Span, event: &Str, meant: Option<&String>) -> Hit {
    let (message, hint) = match direction {
        Direction::ClientSends => (
            format!("the client emits `{event}`, a server event: the server sends it to clients and handles no such event"),
            match meant {
                Some(name) => format!("emit the client event `{name}` instead; to receive `{event}`, listen with `socket.on`"),
                None => "to receive it, listen with `socket.on`; to ask the server for something, emit one of the catalog's clientEvents".to_owned(),
            },
        ),
        Direction::ServerHandles => (
            format!("the server handles `{event}`, a server event: clients receive it and never send it, so this handler never runs"),
            match meant {
                Some(name) => format!("handle the client event `{name}` instead; `{event}` is for the server to emit"),
                None => "emit it to the clients instead; the server handles the catalog's clientEvents".to_owned(),
            },
        ),
    };
    UnknownEvent::hit(span, message, hint)
}

fn not_a_client_event(client_events: &IndexMap<String, ClientEvent>, direction: Direction, span: Span, name: &str) -> Hit {
    let message = match direction {
        Direction::ClientSends => format!("the client emits `{name}`, which is not one of the catalog's clientEvents"),
        Direction::ServerHandles => format!(
            "handler for `{name}`, which is not one of the catalog's clientEvents: clients built from the catalog never send it"
        ),
    };
    let hint = match closest(name, client_events.keys()) {
        Some(known) => format!("did you mean `{known}`? Otherwise add `{name}` to the catalog's clientEvents"),
        None => format!("add `{name}` to the catalog's clientEvents"),
    };
    UnknownEvent::hit(span, message, hint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::{catalog, client_catalog, Run};

    const SERVER: &str = "import { Server } from \"socket.io\";\nconst io = new Server();\nio.of(/^\\/workspace-\\d+$/).use(auth).on(\"connection\", (socket) => {\n";
    const CLIENT: &str = "import React from \"react\";\n";

    fn with<'c>(catalog: &'c crate::catalog::Catalog, file: &'static str) -> Run<'c> {
        Run {
            catalog: Some(catalog),
            file,
            ..Run::default()
        }
    }

    fn lines(run: &Run<'_>, source: &str) -> Vec<usize> {
        run.hits(&UnknownEvent, source).into_iter().map(|(line, _)| line).collect()
    }

    #[test]
    fn catalog_resources_pass() {
        let catalog = catalog();
        let source = "getIO().of(ns).emit(`company-${id}-ticket`, {});\ngetIO().of(ns).emit(`company-${id}-appMessage`, {});";
        assert!(with(&catalog, "x.ts").hits(&UnknownEvent, source).is_empty());
    }

    #[test]
    fn resources_outside_the_catalog_fail_with_a_suggestion() {
        let catalog = catalog();
        let found = with(&catalog, "x.ts").hits(&UnknownEvent, "getIO().of(ns).emit(`company-${id}-tiket`, {});");
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("`tiket`"));
    }

    #[test]
    fn without_a_catalog_nothing_is_reported() {
        let source =
            format!("{SERVER}  socket.on(\"joinChatbox\", h);\n}});\ngetIO().of(ns).emit(`company-${{id}}-tiket`, {{}});");
        assert!(Run::default().hits(&UnknownEvent, &source).is_empty());
    }

    #[test]
    fn catalogued_client_events_room_requests_and_socket_io_events_pass() {
        let catalog = client_catalog();
        let server = format!("{SERVER}  socket.on(\"joinChatBox\", h);\n  socket.once(\"markAsRead\", h);\n  socket.on(\"room:join\", h);\n  socket.on(\"disconnecting\", h);\n  socket.on(\"disconnect\", h);\n  socket.on(eventName, h);\n}});");
        assert!(lines(&with(&catalog, "server.ts"), &server).is_empty());
        let client = format!("{CLIENT}socket.emit(\"joinChatBox\", id);\nsocket.emitWithAck(\"markAsRead\", id);\nsocket.timeout(500).emit(\"room:leave\", {{}});\nsocket.emit(eventName, id);");
        assert!(lines(&with(&catalog, "Chat.tsx"), &client).is_empty());
    }

    #[test]
    fn client_events_outside_the_catalog_fail_with_a_suggestion() {
        let catalog = client_catalog();
        let server = format!("{SERVER}  socket.on(\"joinChatbox\", h);\n  socket.on(\"exportTickets\", h);\n}});");
        let found = with(&catalog, "server.ts").hits(&UnknownEvent, &server);
        assert_eq!(found.iter().map(|(l, _)| *l).collect::<Vec<_>>(), vec![4, 5]);
        assert!(found[0].1.starts_with("handler for `joinChatbox`"));
        let client = format!("{CLIENT}socket.emit(\"joinChatbox\", id);");
        let found = with(&catalog, "Chat.tsx").hits(&UnknownEvent, &client);
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("the client emits `joinChatbox`"));
    }

    #[test]
    fn the_suggestion_is_the_close_client_event() {
        let catalog = client_catalog();
        let client = format!("{CLIENT}socket.emit(\"joinChatbox\", id);");
        let out = with(&catalog, "Chat.tsx").raw_hits(&UnknownEvent, &client);
        assert_eq!(
            out[0].hint.as_deref(),
            Some("did you mean `joinChatBox`? Otherwise add `joinChatbox` to the catalog's clientEvents")
        );
    }

    #[test]
    fn server_event_names_in_the_client_to_server_direction_fail() {
        let catalog = client_catalog();
        let server = format!("{SERVER}  socket.on(`company-${{companyId}}-ticket`, h);\n}});");
        let found = with(&catalog, "server.ts").hits(&UnknownEvent, &server);
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("a server event: clients receive it"));
        let client = format!("{CLIENT}socket.emit(`company-${{companyId}}-ticket`, {{}});");
        let found = with(&catalog, "Chat.tsx").hits(&UnknownEvent, &client);
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("a server event: the server sends it"));
    }

    #[test]
    fn the_wrong_direction_suggests_the_client_event_of_the_same_name() {
        let catalog = client_catalog();
        let client = format!(
            "{CLIENT}socket.emit(`company-${{companyId}}-markAsRead`, id);\nsocket.emit(`company-${{companyId}}-ticket`, {{}});"
        );
        let hints: Vec<String> = with(&catalog, "Chat.tsx")
            .raw_hits(&UnknownEvent, &client)
            .into_iter()
            .map(|hit| hit.hint.unwrap())
            .collect();
        assert_eq!(
            hints,
            [
                "emit the client event `markAsRead` instead; to receive `company-${companyId}-markAsRead`, listen with `socket.on`",
                "to receive it, listen with `socket.on`; to ask the server for something, emit one of the catalog's clientEvents",
            ]
        );
    }

    #[test]
    fn a_catalog_without_client_events_judges_no_client_event() {
        let catalog = catalog();
        let server = format!("{SERVER}  socket.on(\"joinChatbox\", h);\n}});");
        assert!(lines(&with(&catalog, "server.ts"), &server).is_empty());
        let client = format!("{CLIENT}socket.emit(\"joinChatbox\", id);");
        assert!(lines(&with(&catalog, "Chat.tsx"), &client).is_empty());
    }

    #[test]
    fn a_backend_relaying_another_socket_io_server_sends_that_servers_names() {
        let catalog = client_catalog();
        let relay = "import { io } from \"socket.io-client\";\nimport path from \"node:path\";\nconst socket = io(url);\nsocket.emit(\"subscribe\", instance);";
        assert!(lines(&with(&catalog, "relay.ts"), relay).is_empty());
    }
}
