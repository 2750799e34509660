€import { Request, Response } from "express";
import { getIO } from "../libs/socket";
import SendWhatsAppMessage from "../services/WbotServices/SendWhatsAppMessage";
import ShowTicketService from "../services/TicketServices/ShowTicketService";
import DeleteWhatsAppMessage from "../services/WbotServices/DeleteWhatsAppMessage";

export const store = async (req: Request, res: Response): Promise<Response> => {
  const { ticketId } = req.params;
  const { body, quotedMsg } = req.body;
  const { companyId } = req.user;

  const ticket = await ShowTicketService(ticketId, companyId);
  await SendWhatsAppMessage({ body, ticket, quotedMsg });

  return res.send();
};

export const remove = async (req: Request, res: Response): Promise<Response> => {
  const { messageId } = req.params;
  const { companyId } = req.body;

  const message = await DeleteWhatsAppMessage(messageId);
  const io = getIO();
  // chatia-socket-ignore payload-fields: the mobile app still reads the old delete payload
  io.of(`/workspace-${companyId}`).to(`ticket-${message.ticketId}`).emit(`company-${companyId}-appMessage`, {
    action: "delete",
    message
  });

  return res.send();
};
