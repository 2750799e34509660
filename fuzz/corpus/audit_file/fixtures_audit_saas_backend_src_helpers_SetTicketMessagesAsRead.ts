€import { getIO } from "../libs/socket";
import Message from "../models/Message";
import Ticket from "../models/Ticket";
import logger from "../utils/logger";

const SetTicketMessagesAsRead = async (ticketId: number, companyId: number, userId: number): Promise<void> => {
  const ticket = await Ticket.findOne({ where: { id: ticketId, companyId } });
  await ticket?.update({ unreadMessages: 0 });

  try {
    await Message.update({ read: true }, { where: { ticketId, read: false } });
  } catch (err) {
    logger.warn(`Could not mark messages as read. Err: ${err}`);
  }

  getIO()
    .of(`/workspace-${ticket!.companyId}`)
    .to(`status-${ticket!.status}`)
    .to("notification")
    .emit(`company-${ticket?.companyId}-ticket`, {
      action: "update",
      ticket,
      companyId: ticket?.companyId,
      userId,
      timestamp: new Date().toISOString()
    });
};

export default SetTicketMessagesAsRead;
