€import { getIO } from "../../libs/socket";
import Ticket from "../../models/Ticket";

// The typed `markAsRead` handler's work: clear the counter, then tell the ticket's room.
export const markAsRead = async (companyId: number, userId: number, ticketId: number) => {
  const ticket = await Ticket.findOne({ where: { id: ticketId, companyId } });
  await ticket.update({ unreadMessages: 0 });
  getIO()
    .of(`/workspace-${companyId}`)
    .to(`ticket-${ticketId}`)
    .emit(`company-${companyId}-ticket`, { action: "update", ticket, companyId, userId, timestamp: Date.now() });
  return { ticketId, unreadMessages: 0 };
};
