use super::{declare_rule, Context, Hit, Rule, RuleMeta};
use crate::audit::room_key;
use crate::audit::scan::FileFacts;

declare_rule! {
    /// ### What it does
    /// Reports a broadcast to a room of the default namespace `/` whose key scopes no company and
    /// no single entity — `io.to("notification")`, `io.to(ticket.status)`, `io.to("super")` —
    /// when the server joins sockets to a room of that name somewhere in the project (a
    /// `socket.join` on `/` of the same literal, of a name that fits, or of a value the client
    /// sends). A key with the company in it (`` `company-${companyId}-mainchannel` ``) is that
    /// company's room, and a key that is an entity's id (`ticket.id`, `` `user-${user.id}` ``)
    /// holds only the sockets its join let in (`client-room-join` judges that join): neither is
    /// reported, on any namespace. Rooms inside a company namespace (`/workspace-1`) are that
    /// company's and are not reported either. The finding names one of the joins.
    ///
    /// A broadcast to an open room that no join in the project names is `global-emit`: the
    /// audit cannot see who is in it.
    ///
    /// ### Why is this bad
    /// Socket.IO delivers an event to every socket in the room, whatever company it belongs to.
    /// When the connection handler joins the sockets of every company to `notification` (old
    /// panels) or to a bare status (an old mobile app), company A's ticket, with its contact, is
    /// on company B's screens.
    ///
    /// ### Impact
    /// `leak`: sockets of other companies receive the payload. `convention` in a codebase that
    /// serves one company.
    ///
    /// ### Example
    /// Bad:
    /// ```ts
    /// socket.join("notification");                      // in the connection handler, every company
    /// io.to("notification").emit(`company-${companyId}-appMessage`, payload);
    /// ```
    /// Good:
    /// ```ts
    /// socket.join(`company-${user.companyId}-notification`);
    /// io.to(`company-${companyId}-notification`).emit(`company-${companyId}-appMessage`, payload);
    /// ```
    SharedRoom, "shared-room", Error, catalog: false, impacts: [Leak, Convention], summary: "broadcast to a room of `/` that sockets of every company join"
}

impl Rule for SharedRoom {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Every broadcast to an open room of `/`; the project model keeps those whose room some join
    /// names, and adds where.
    fn check(&self, cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        for (emit, rooms) in cx.room_broadcasts(facts) {
            let Some(open) = rooms.iter().find(|room| room_key::open(&room.key)) else {
                continue;
            };
            out.push(Self::hit(
                emit.span,
                format!(
                    "`{}` sends to the room `{}` of the default namespace `/`, whose key names no company, and sockets of every company are joined to it",
                    emit.callee, open.key
                ),
                "put the company in the room's key (`company-${companyId}-…`) where the sockets join it and where it is sent to, or emit on the company's namespace",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::lines;

    #[test]
    fn open_rooms_of_the_default_namespace_are_candidates() {
        let source = [
            "const io = getIO();",
            "io.to(\"notification\").emit(`company-${companyId}-appMessage`, payload);",
            "io.to(ticket.status).emit(`company-${companyId}-ticket`, payload);",
            "io.to(\"super\").to(`company-${companyId}-admin`).emit(`company-${companyId}-user`, payload);",
            "io.to(`company-${companyId}-mainchannel`).emit(`company-${companyId}-ticket`, payload);",
            "io.to(ticket.id.toString()).to(`user-${ticket.userId}`).emit(`company-${companyId}-ticket`, payload);",
            "io.of(`/workspace-${companyId}`).to(\"notification\").emit(\"appMessage\", payload);",
        ]
        .join("\n");
        assert_eq!(lines(&SharedRoom, &source), vec![2, 3, 4]);
    }
}
