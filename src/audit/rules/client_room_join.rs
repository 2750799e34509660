use super::{declare_rule, Context, Hit, Rule, RuleMeta};
use crate::audit::scan::{FileFacts, SocketNamespace};

declare_rule! {
    /// ### What it does
    /// Reports `socket.join(room)` on a server socket when the room's name is what the client sent
    /// — an argument of the event handler the join is in (`socket.on("joinChatBox", (ticketId) =>
    /// socket.join(ticketId))`) — where that opens rooms of others: on the default namespace `/`,
    /// which every company shares, or anywhere when the client names the whole room (it can then
    /// join any room of the namespace: another user's, the admins'). A family of rooms of a company
    /// namespace (`` `ticket-${ticketId}` `` on `/workspace-1`) holds that company's rooms only and
    /// is not reported. Nor is a join whose name holds an id the server knows
    /// (`` `company-${user.companyId}-${status}` `` is that company's room, and
    /// `` `queue-${queue.id}-${status}` `` one of the user's own queues, whatever the client sent),
    /// or one with a check on the way: an enclosing `if` that compares a company id or holds the
    /// value to a fixed set (`STATUSES.includes(status)`, `status === "open"`), an earlier guard
    /// clause that does (`if (ticket.companyId !== user.companyId) return;`), or an earlier call
    /// given both the client's value and a company id (`await ShowTicketService(ticketId, companyId)`).
    ///
    /// ### Why is this bad
    /// A client can name any room: another company's ticket, a bare status shared by every
    /// company, `notification`. Once joined, it receives whatever the server sends there.
    ///
    /// ### Impact
    /// `unguarded`: the join lets a client into rooms it does not own, whatever is sent there
    /// today. `convention` in a codebase that serves one company: every room is its own.
    ///
    /// ### Example
    /// Bad:
    /// ```ts
    /// socket.on("joinChatBox", (ticketId) => socket.join(ticketId));
    /// ```
    /// Good:
    /// ```ts
    /// socket.on("joinChatBox", async (ticketId) => {
    ///   const ticket = await Ticket.findByPk(ticketId);
    ///   if (ticket?.companyId !== user.companyId) return;
    ///   socket.join(`ticket-${ticket.id}`);
    /// });
    /// ```
    ClientRoomJoin, "client-room-join", Error, catalog: false, impacts: [Unguarded, Convention], summary: "`socket.join` of a room the client names, with no company check"
}

impl Rule for ClientRoomJoin {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        for join in &facts.joins {
            if !join.from_client || join.server_scoped || join.checked {
                continue;
            }
            let opens = if join.namespace == SocketNamespace::Default {
                "on the default namespace `/`, shared by every company, so the client can join another company's room"
            } else if join.room.is_opaque() {
                "and the client names the whole room, so it can join any room of the namespace: another user's, the admins'"
            } else {
                continue;
            };
            out.push(Self::hit(
                join.span,
                format!("`socket.join({})` joins a room the client names, unchecked, {opens}", join.room),
                "check that what the client names belongs to the socket's company (and user) before joining, or build the room from the verified company (`company-${user.companyId}-…`); a catalog client event with `joins:` generates both",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::lines;

    const SERVER: &str = "import { Server } from \"socket.io\";\nconst io = new Server();\nio.on(\"connection\", (socket) => {\n";

    #[test]
    fn a_room_the_client_names_fails() {
        let source = format!("{SERVER}  socket.on(\"joinChatBox\", (ticketId) => socket.join(ticketId));\n  socket.on(\"joinTickets\", (status) => {{ socket.join(`status-${{status}}`); }});\n  socket.on(\"x\", ({{ room }}) => socket.join(room));\n}});");
        assert_eq!(lines(&ClientRoomJoin, &source), vec![4, 5, 6]);
    }

    #[test]
    fn server_rooms_company_rooms_and_checked_joins_pass() {
        let source = [
            SERVER.trim_end(),
            "  socket.join(`company-${user.companyId}-mainchannel`);",
            "  socket.join(\"notification\");",
            "  socket.on(\"joinTickets\", (status) => socket.join(`company-${user.companyId}-${status}`));",
            "  socket.on(\"joinQueues\", (status) => user.queues.forEach((queue) => socket.join(`queue-${queue.id}-${status}`)));",
            "  socket.on(\"joinChatBox\", async (ticketId) => {",
            "    const ticket = await Ticket.findByPk(ticketId);",
            "    if (ticket && ticket.companyId === user.companyId) { socket.join(ticketId); }",
            "  });",
            "  socket.on(\"a\", async (ticketId) => {",
            "    const ticket = await Ticket.findByPk(ticketId);",
            "    if (!ticket || ticket.companyId !== user.companyId) return;",
            "    socket.join(ticketId);",
            "  });",
            "  socket.on(\"joinTickets\", (status) => { if (STATUSES.includes(status)) socket.join(status); });",
            "  socket.on(\"leaveTickets\", (status) => { if (status !== \"open\" && status !== \"closed\") return; socket.join(status); });",
            "  socket.on(\"b\", async (ticketId) => {",
            "    await ShowTicketService(ticketId, user.companyId);",
            "    socket.join(`ticket-${ticketId}`);",
            "  });",
            "});",
        ]
        .join("\n");
        assert_eq!(lines(&ClientRoomJoin, &source), Vec::<usize>::new());
    }

    #[test]
    fn in_a_company_namespace_only_a_whole_room_the_client_names_fails() {
        let source = "import { Server } from \"socket.io\";\nconst io = new Server();\nio.of(/^\\/workspace-\\d+$/).use(auth).on(\"connection\", (socket) => {\n  socket.on(\"joinChatBox\", (ticketId) => socket.join(`ticket-${ticketId}`));\n  socket.on(\"joinRoom\", (room) => socket.join(room));\n});";
        assert_eq!(lines(&ClientRoomJoin, source), vec![5]);
    }

    #[test]
    fn a_check_elsewhere_does_not_count() {
        let source = format!("{SERVER}  socket.on(\"d\", (status) => {{ if (count(`status-${{status}}`) !== 1) return; socket.join(status); }});\n  socket.on(\"c\", (status) => {{ socket.join(`company-${{user.companyId}}-${{status}}`); socket.join(status); }});\n  socket.on(\"a\", (ticketId) => {{\n    if (user.companyId) {{ log(); }} else {{ socket.join(ticketId); }}\n  }});\n  socket.on(\"b\", (ticketId) => socket.join(ticketId));\n}});\nfunction f(companyId) {{ if (companyId) return; }}");
        assert_eq!(lines(&ClientRoomJoin, &source), vec![4, 5, 7, 9]);
    }
}
