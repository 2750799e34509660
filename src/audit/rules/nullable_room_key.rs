use super::{declare_rule, Context, Hit, Rule, RuleMeta};
use crate::audit::room_key;
use crate::audit::scan::FileFacts;

declare_rule! {
    /// ### What it does
    /// Reports a broadcast on the default namespace `/` to a room whose key interpolates a
    /// record's foreign key that can be null — `` io.to(`queue-${ticket.queueId}-notification`) ``,
    /// or a name read from one (`const oldQueueId = ticket.queueId`) — with no test on the way
    /// that shows it set (`if (ticket.queueId)`, `ticket.queueId && …`, an earlier
    /// `if (!ticket.queueId) return;`), when the project joins sockets to the room that key names
    /// with a null there (`socket.join("queue-null-notification")`). An entity's own `id` and the
    /// company's id are never null and are not reported; a key that is the value alone
    /// (`ticket.queueId.toString()`) throws on null rather than naming a room. The finding names
    /// the join.
    ///
    /// ### Why is this bad
    /// A template literal spells `null` as `"null"`: for a ticket in no queue the room is
    /// `queue-null-notification`, which the connection handler joins for the agents of every
    /// company who see tickets without a queue. Company A's new message reaches company B.
    ///
    /// ### Impact
    /// `leak`: sockets of other companies receive the payload. `convention` in a codebase that
    /// serves one company.
    ///
    /// ### Example
    /// Bad:
    /// ```ts
    /// io.to(`queue-${ticket.queueId}-notification`).emit(`company-${companyId}-appMessage`, payload);
    /// ```
    /// Good:
    /// ```ts
    /// if (ticket.queueId) {
    ///   io.to(`queue-${ticket.queueId}-notification`).emit(`company-${companyId}-appMessage`, payload);
    /// }
    /// ```
    NullableRoomKey, "nullable-room-key", Error, catalog: false, impacts: [Leak, Convention], summary: "room key of `/` built from a value that can be null"
}

impl Rule for NullableRoomKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Every broadcast to a room of `/` with an untested foreign key in its key; the project
    /// model keeps those whose null room some join names, and adds where.
    fn check(&self, cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        for (emit, rooms) in cx.room_broadcasts(facts) {
            let Some((room, value)) = rooms
                .iter()
                .find_map(|room| room_key::nullable_values(room).first().map(|value| (room, *value)))
            else {
                continue;
            };
            out.push(Self::hit(
                emit.span,
                format!(
                    "`{}` sends to the room `{}`, and `{}` can be null: the room is then `{}`, and sockets of every company are joined to it",
                    emit.callee,
                    room.key,
                    value.text,
                    room_key::with_null(&room.key, value)
                ),
                format!(
                    "send to that room only inside `if ({0})`, or put the company in its key where the sockets join it and where it is sent to",
                    value.text
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::lines;

    #[test]
    fn untested_foreign_keys_in_room_names_are_candidates() {
        let source = [
            "const io = getIO();",
            "io.to(`queue-${ticket.queueId}-notification`).emit(\"x\", payload);",
            "if (ticket.queueId) {",
            "  io.to(`queue-${ticket.queueId}-notification`).emit(\"x\", payload);",
            "}",
            "ticket.queueId && io.to(`queue-${ticket.queueId}-pending`).emit(\"x\", payload);",
            "const oldQueueId = ticket.queueId;",
            "io.to(`queue-${oldQueueId}-pending`).emit(\"x\", payload);",
            "io.to(`ticket-${ticket.id}`).to(message.ticketId.toString()).emit(\"x\", payload);",
            "function f(ticket) {",
            "  if (!ticket.userId) return;",
            "  io.to(`user-${ticket.userId}`).emit(\"x\", payload);",
            "}",
        ]
        .join("\n");
        assert_eq!(lines(&NullableRoomKey, &source), vec![2, 8]);
    }
}
