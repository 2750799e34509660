€import { proto } from "@whiskeysockets/baileys";
import { getIO } from "../libs/socket";
import Message from "../models/Message";
import Ticket from "../models/Ticket";
import { logger } from "../utils/logger";
import GetTicketWbot from "./GetTicketWbot";

const SetTicketMessagesAsRead = async (ticket: Ticket): Promise<void> => {
  await ticket.update({ unreadMessages: 0 });
  await Message.update({ read: true }, { where: { ticketId: ticket.id, read: false } });

  try {
    const wbot = await GetTicketWbot(ticket);
    const getJsonMessage = await Message.findAll({ where: { ticketId: ticket.id, fromMe: false, read: false } });
    if (getJsonMessage.length > 0) {
      const lastMessages: proto.IWebMessageInfo = JSON.parse(JSON.stringify(getJsonMessage[0].dataJson));
      await wbot.readMessages([lastMessages.key]);
    }
  } catch (err) {
    logger.warn(`Could not mark messages as read. Err: ${err}`);
  }

  const io = getIO();
  io.to(ticket.status).to("notification").emit(`company-${ticket.companyId}-ticket`, {
    action: "updateUnread",
    ticketId: ticket.id
  });
};

export default SetTicketMessagesAsRead;
