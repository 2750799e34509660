use super::{declare_rule, Context, Hit, Rule, RuleMeta};
use crate::audit::room_key;
use crate::audit::scan::{FileFacts, Reach};

declare_rule! {
    /// ### What it does
    /// Reports server-side emits that go to the default namespace `/`, which every company's
    /// clients share: `io.emit`, `getIO().emit`, `io.sockets.emit`, `io.local.emit`,
    /// `io.to(room).emit` without `.of(...)`, and `socket.broadcast.emit` / `socket.to(room).emit`
    /// from a socket whose `connection` handler is on the server itself. Events listed in
    /// `allowGlobal` (platform-wide announcements) are accepted. A broadcast to rooms of `/` is
    /// reported only when a room's key scopes no company or entity and no join in the project
    /// names it (`shared-room` and `nullable-room-key` report the rest). An emit on the parent of
    /// dynamic namespaces itself (`const workspaces = io.of(/^\/workspace-\d+$/);
    /// workspaces.emit(…)`) is reported too: socket.io sends it to every child namespace. A
    /// socket of a child namespace broadcasts in its own child and is not reported.
    ///
    /// Only Socket.IO receivers count: a chain must start at `getIO()`, `io`, `this.io`, a
    /// variable bound to `getIO()` or `new Server(...)`, a namespace, or a server-side socket. A
    /// variable bound to anything else — `new EventEmitter()`, a Bull queue, a stream — is never
    /// a socket, even when it is called `io`; `this.emit(...)` in a class extending `EventEmitter`
    /// and `process.emit(...)` are not Socket.IO either. A client's `socket.emit(...)` is a
    /// request to the server, not a broadcast, and is not judged.
    ///
    /// ### Why is this bad
    /// Tenant isolation rests on each company having its own namespace. On `/`, every connected
    /// client of every company receives the event (or may join the room: room names such as a
    /// ticket status are shared by all companies), so one company's tickets and messages leak to
    /// the others.
    ///
    /// ### Impact
    /// `leak`: every company's clients on the default namespace receive the payload, or can join
    /// the room it is sent to. `convention` in a codebase that serves one company (no catalog,
    /// and no file names a company or tenant id): there is no other company to reach. `lost` when
    /// no client of the project connects to the default namespace (every `io(url)` of the client
    /// code opens a named one): nobody receives it.
    ///
    /// ### Example
    /// Bad:
    /// ```ts
    /// const io = getIO();
    /// io.to(ticket.status).emit(`company-${companyId}-ticket`, payload);
    /// ```
    /// Good:
    /// ```ts
    /// const io = getIO();
    /// io.of(`/workspace-${companyId}`).to(ticket.status).emit(`company-${companyId}-ticket`, payload);
    /// ```
    GlobalEmit, "global-emit", Error, catalog: false, impacts: [Leak, Convention, Lost], summary: "emit reaches every client of the server or the default namespace"
}

impl Rule for GlobalEmit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        for emit in &facts.emits {
            let reaches = match emit.reach {
                Reach::DefaultNamespace => "every client of every company",
                Reach::DefaultNamespaceRooms => "a room of the default namespace `/`, shared by every company",
                Reach::DefaultNamespaceBroadcast => "every other client of the default namespace `/`",
                Reach::ParentNamespace => "every child namespace of that parent: the clients of every company",
                _ => continue,
            };
            if emit.event.as_ref().is_some_and(|event| cx.is_allowed_global(event)) {
                continue;
            }
            // Company rooms and an entity's room hold no other company's sockets.
            if emit
                .shared_rooms()
                .is_some_and(|rooms| !rooms.iter().any(|room| room_key::open(&room.key)))
            {
                continue;
            }
            out.push(Self::hit(
                emit.span,
                format!("`{}` reaches {reaches}", emit.callee),
                format!(
                    "emit on the company namespace, io.of(`{}`); if the event is platform-wide on purpose, add it to `allowGlobal`",
                    cx.namespace.example("${companyId}", "")
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
    fn every_global_shape_fails() {
        let source = [
            "const io = getIO();",
            "io.emit(\"company-1-ticket\", {});",
            "getIO().emit(`company-${id}-ticket`, {});",
            "io.to(room).to(other).emit(`company-${id}-ticket`, {});",
            "io.sockets.emit(`company-${id}-ticket`, {});",
            "io?.emit(`company-${id}-ticket`, {});",
            "io.volatile.compress(true).timeout(500).emit(`company-${id}-ticket`, {});",
            "io.local.emit(`company-${id}-ticket`, {});",
            "io.except(room).emit(`company-${id}-ticket`, {});",
            "io.of(\"/\").emit(`company-${id}-ticket`, {});",
            "io.on(\"connection\", socket => {",
            "  socket.broadcast.emit(`company-${id}-ticket`, {});",
            "  socket.to(room).emit(`company-${id}-ticket`, {});",
            "});",
            "await io.timeout(1000).emitWithAck(`company-${id}-ticket`, {});",
        ]
        .join("\n");
        assert_eq!(lines(&GlobalEmit, &source), vec![2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 15]);
    }

    #[test]
    fn the_parent_of_dynamic_namespaces_reaches_every_child() {
        let source = [
            "const io = getIO();",
            "const workspaces = io.of(/^\\/workspace-\\d+$/);",
            "workspaces.on(\"connection\", socket => {",
            "  socket.broadcast.emit(`company-${companyId}-user`, {});",
            "  socket.on(\"disconnect\", () => workspaces.emit(`company-${companyId}-user`, {}));",
            "});",
            "io.of((name, auth, next) => next(null, true)).to(room).emit(`company-${companyId}-ticket`, {});",
        ]
        .join("\n");
        assert_eq!(lines(&GlobalEmit, &source), vec![5, 7]);
    }

    #[test]
    fn company_namespaces_pass() {
        let source = [
            "const io = getIO();",
            "io.of(`/workspace-${companyId}`).to(room).emit(`company-${companyId}-ticket`, {});",
            "const ns = io.of(`/workspace-${companyId}`);",
            "ns.to(room).emit(`company-${companyId}-ticket`, {});",
            "ns.except(room).volatile.emit(`company-${companyId}-ticket`, {});",
            "io.of(/^\\/workspace-\\d+$/).on(\"connection\", socket => {",
            "  socket.broadcast.emit(`company-${companyId}-ticket`, {});",
            "});",
            "io.serverSideEmit(\"sync\", {});",
        ]
        .join("\n");
        assert!(lines(&GlobalEmit, &source).is_empty());
    }

    #[test]
    fn allowlisted_events_pass() {
        let run = Run {
            allow_global: vec!["platform-announcement".into()],
            ..Run::default()
        };
        assert!(run
            .hits(&GlobalEmit, "getIO().emit(\"platform-announcement\", {});")
            .is_empty());
    }

    #[test]
    fn a_client_variable_called_io_is_not_the_server() {
        let client = "import { getClientSocket } from \"../services/socket\";\nconst io = getClientSocket();\nio.emit(\"joinChatBox\", id);";
        assert!(lines(&GlobalEmit, client).is_empty());
        // In a server file the same shape is the server: `socketIo(httpServer)` returns it.
        let server = "const socketIo = require(\"socket.io\");\nconst io = socketIo(httpServer);\nio.emit(\"ticket\", {});";
        assert_eq!(lines(&GlobalEmit, server), vec![3]);
    }

    #[test]
    fn event_emitters_and_client_emits_are_not_socket_io() {
        let source = [
            "import { EventEmitter } from \"events\";",
            "const bus = new EventEmitter();",
            "bus.emit(\"ticket\", {});",
            "class Queue extends EventEmitter { run() { this.emit(\"done\"); } }",
            "const io = new EventEmitter();",
            "io.emit(\"ticket\");",
        ]
        .join("\n");
        assert!(lines(&GlobalEmit, &source).is_empty());
        let client = "import React, { useEffect } from \"react\";\nsocket.emit(\"joinChatBox\", ticketId);";
        assert!(Run {
            file: "x.jsx",
            ..Run::default()
        }
        .hits(&GlobalEmit, client)
        .is_empty());
    }

    #[test]
    fn fields_and_assignments_say_what_a_name_holds() {
        let source = [
            "import { Server } from \"socket.io\";",
            "class Bus {",
            "  constructor() { this.socket = new EventEmitter(); }",
            "  run() { this.socket.emit(\"done\"); this.socket.broadcast.emit(\"done\"); }",
            "}",
            "class Gateway {",
            "  constructor(http) { this.server = new Server(http); }",
            "  notify() { this.server.emit(`company-${id}-ticket`, {}); }",
            "}",
        ]
        .join("\n");
        assert_eq!(lines(&GlobalEmit, &source), vec![8]);
    }
}
