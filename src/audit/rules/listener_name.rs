use super::{closest, declare_rule, event_shape, Context, EventShape, Hit, Impact, Rule, RuleMeta};
use crate::audit::scan::{FileFacts, ListenerKind};

/// Events the Socket.IO client emits itself; listening to them is always fine.
const CLIENT_RESERVED: [&str; 11] = [
    "connect",
    "connect_error",
    "disconnect",
    "error",
    "ping",
    "reconnect",
    "reconnect_attempt",
    "reconnect_error",
    "reconnect_failed",
    "newListener",
    "removeListener",
];

declare_rule! {
    /// ### What it does
    /// Checks the name of every client-side `socket.on(name, …)` / `socket.once(name, …)`: it
    /// must follow `company-{companyId}-{resource}`, and with `--catalog` its resource must be
    /// an event of the catalog — which catches typos such as `company-${id}-quickemessage`.
    /// Socket.IO's own events (`connect`, `disconnect`, `connect_error`, `reconnect…`) and
    /// allowlisted platform-wide events are accepted; names that cannot be resolved are skipped.
    /// A socket is client-side when it comes from `socket.io-client` (`io(...)`,
    /// `socketConnection(...)`, `socketManager.getSocket(...)`) or is named like a socket in a
    /// file that imports `socket.io-client` or React or is `.jsx`/`.tsx`. The server's own
    /// `socket.on("joinChatBox", …)` inside `io.on("connection")` is not a client listener, and
    /// neither is a backend connected to *another* Socket.IO server (the Evolution API, a relay):
    /// a file without React or JSX that opens a `socket.io-client` connection and also emits as
    /// our server, calls `getIO`, or imports Node-only modules (`fs`, `node:*`, `express`,
    /// `sequelize`, `bull`, Baileys, …) listens to that server's event names.
    ///
    /// ### Why is this bad
    /// A listener whose name the server never emits is dead code that looks alive: the screen
    /// simply never updates, and nothing fails.
    ///
    /// ### Impact
    /// `convention` when the name breaks the naming rule: the server may still emit that name.
    /// `lost` when the name is no event of the catalog: a server generated from it never emits the
    /// event, so the listener never runs; and when no server emit of the project names it
    /// (`lost-event` then leaves the site to this finding).
    ///
    /// ### Example
    /// Bad:
    /// ```js
    /// socket.on(`company-${companyId}-quickemessage`, onQuickMessage);
    /// socket.on("ticket", onTicket);
    /// ```
    /// Good:
    /// ```js
    /// socket.on(`company-${companyId}-quickMessage`, onQuickMessage);
    /// ```
    ListenerName, "listener-name", Error, catalog: false, impacts: [Convention, Lost], summary: "client listener name breaks the naming rule or names no catalog event"
}

impl Rule for ListenerName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        for listener in &facts.listeners {
            if !matches!(listener.kind, ListenerKind::On | ListenerKind::Once) {
                continue;
            }
            let Some(event) = &listener.event else { continue };
            if event
                .as_literal()
                .is_some_and(|name| CLIENT_RESERVED.contains(&name.as_str()))
                || cx.is_allowed_global(event)
            {
                continue;
            }
            match event_shape(&cx.event, event) {
                EventShape::Broken => out.push(Self::hit(
                    listener.span,
                    format!("listener name `{event}` does not follow `{}`", cx.event.source()),
                    format!("listen to `{}`", cx.event.example("${companyId}", "ticket")),
                )),
                EventShape::Named { resource, .. } => {
                    let Some(catalog) = cx.catalog else { continue };
                    if resource.is_empty() || catalog.events.contains_key(&resource) {
                        continue;
                    }
                    let hint = match closest(&resource, catalog.events.keys()) {
                        Some(name) => format!("did you mean `{name}`?"),
                        None => "listen to an event of the catalog".to_owned(),
                    };
                    let hit = Self::hit(
                        listener.span,
                        format!("listener `{event}` names `{resource}`, which is not an event of the catalog"),
                        hint,
                    );
                    out.push(hit.with_impact(Impact::Lost));
                }
                EventShape::Dynamic | EventShape::DynamicResource => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::{catalog, Run};

    const HEADER: &str = "import React, { useEffect } from \"react\";\n";

    fn client_run(catalog: Option<&crate::catalog::Catalog>) -> Run<'_> {
        Run {
            catalog,
            file: "Component.js",
            ..Run::default()
        }
    }

    #[test]
    fn convention_and_reserved_names_pass() {
        let source = format!("{HEADER}socket.on(`company-${{companyId}}-ticket`, h);\nsocket.on(\"connect\", h);\nsocket.on(\"disconnect\", h);\nsocket.on(eventName, h);");
        assert!(client_run(None).hits(&ListenerName, &source).is_empty());
    }

    #[test]
    fn broken_names_and_typos_fail() {
        let catalog = catalog();
        let source = format!("{HEADER}socket.on(\"ticket\", h);\nsocket.on(`company-${{companyId}}-quickemessage`, h);\nsocket.once(`company${{companyId}}-appMessage`, h);");
        let found = client_run(Some(&catalog)).hits(&ListenerName, &source);
        let lines: Vec<usize> = found.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![2, 3, 4]);
        assert!(found[1].1.contains("quickemessage"));
    }

    #[test]
    fn a_name_the_catalog_lacks_is_lost_and_a_broken_name_a_convention() {
        let catalog = catalog();
        let source = format!("{HEADER}socket.on(\"ticket\", h);\nsocket.on(`company-${{companyId}}-quickemessage`, h);");
        let impacts: Vec<Option<Impact>> = client_run(Some(&catalog))
            .raw_hits(&ListenerName, &source)
            .iter()
            .map(|hit| hit.impact)
            .collect();
        assert_eq!(impacts, [None, Some(Impact::Lost)]);
        assert_eq!(ListenerName::META.impacts[0], Impact::Convention);
    }

    #[test]
    fn server_side_listeners_and_event_emitters_are_not_client_listeners() {
        let server = "import { Server } from \"socket.io\";\nio.on(\"connection\", socket => {\n  socket.on(\"joinChatBox\", id => socket.join(id));\n});\nconst bus = new EventEmitter();\nbus.on(\"ticket\", h);";
        assert!(Run::default().hits(&ListenerName, server).is_empty());
    }

    #[test]
    fn a_backend_connected_to_another_socket_io_server_listens_to_its_names() {
        let relay = "import { io } from \"socket.io-client\";\nimport { emitToCompany } from \"../helpers/socketEmit\";\nconst socket = io(process.env.EVOLUTION_API_URL);\nsocket.on(\"messages.upsert\", h);\ngetIO().of(`/workspace-${id}`).emit(`company-${id}-appMessage`, {});";
        let node = "import { io } from \"socket.io-client\";\nimport path from \"node:path\";\nconst socket = io(url);\nsocket.on(\"qrcode.updated\", h);";
        for source in [relay, node] {
            assert!(Run::default().hits(&ListenerName, source).is_empty(), "{source}");
        }
    }

    #[test]
    fn a_frontend_module_without_react_is_still_a_client() {
        let source = "import openSocket from \"socket.io-client\";\nconst socket = openSocket(url);\nsocket.on(\"ticket\", h);";
        assert_eq!(Run::default().hits(&ListenerName, source).len(), 1);
    }
}
