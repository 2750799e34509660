€import { getIO } from "../../libs/socket";
import { companyNamespace } from "../../helpers/socketEmit";
import CheckContactOpenTickets from "../../helpers/CheckContactOpenTickets";
import SetTicketMessagesAsRead from "../../helpers/SetTicketMessagesAsRead";
import Ticket from "../../models/Ticket";
import ShowTicketService from "./ShowTicketService";
import SendWhatsAppMessage from "../WbotServices/SendWhatsAppMessage";
import formatBody from "../../helpers/Mustache";
import logger from "../../utils/logger";

interface TicketData {
  status?: string;
  userId?: number | null;
  queueId?: number | null;
  chatbot?: boolean;
  queueOptionId?: number;
}

interface Request {
  ticketData: TicketData;
  ticketId: string | number;
  companyId: number;
  actionUserId?: number;
}

interface Response {
  ticket: Ticket;
  oldStatus: string;
  oldUserId: number | undefined;
}

const UpdateTicketService = async ({ ticketData, ticketId, companyId, actionUserId }: Request): Promise<Response> => {
  try {
    const { status, userId, queueId, chatbot, queueOptionId } = ticketData;
    const io = getIO();

    const ticket = await ShowTicketService(ticketId, companyId);
    await SetTicketMessagesAsRead(ticket);

    const oldStatus = ticket.status;
    const oldUserId = ticket.user?.id;
    const oldQueueId = ticket.queueId;

    if (oldStatus === "closed") {
      await CheckContactOpenTickets(ticket.contact.id);
    }

    if (status === "closed" && ticket.whatsapp?.complationMessage) {
      const body = formatBody(`\u200e${ticket.whatsapp.complationMessage}`, ticket.contact);
      await SendWhatsAppMessage({ body, ticket });
    }

    await ticket.update({ status, queueId, userId, chatbot, queueOptionId });
    await ticket.reload();

    if (ticket.status !== oldStatus || ticket.user?.id !== oldUserId || ticket.queueId !== oldQueueId) {
      // The ticket leaves the tabs that listed it.
      io.to(oldStatus).emit(`company-${companyId}-ticket`, {
        action: "delete",
        ticketId: ticket.id
      });
    }

    companyNamespace(companyId)
      .to(`status-${ticket.status}`)
      .to("notification")
      .to(`ticket-${ticketId}`)
      .emit(`company-${companyId}-ticket`, {
        action: "update",
        ticket,
        companyId,
        userId: actionUserId ?? null,
        timestamp: new Date().toISOString()
      });

    if (ticket.queueId !== oldQueueId) {
      // chatia-socket-ignore tenant-missmatch: ticket.companyId and companyId are the same company here
      io.of(`/workspace-${ticket.companyId}`)
        .to(`queue-${ticket.queueId}`)
        .emit(`company-${companyId}-ticket`, {
          action: "update",
          ticket,
          companyId: ticket.companyId,
          userId: actionUserId ?? null,
          timestamp: new Date().toISOString()
        });
    }

    return { ticket, oldStatus, oldUserId };
  } catch (err) {
    logger.error({ err, ticketId }, "UpdateTicketService failed");
    throw err;
  }
};

export default UpdateTicketService;
