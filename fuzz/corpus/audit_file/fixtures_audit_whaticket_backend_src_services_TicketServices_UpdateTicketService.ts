€import moment from "moment";
import { getIO } from "../../libs/socket";
import Ticket from "../../models/Ticket";
import ShowTicketService from "./ShowTicketService";
import CheckContactOpenTickets from "../../helpers/CheckContactOpenTickets";

interface TicketData {
  status?: string;
  userId?: number | null;
  queueId?: number | null;
  whatsappId?: number;
}

interface Request {
  ticketData: TicketData;
  ticketId: string | number;
  companyId: number;
  requestUserId: number;
}

const UpdateTicketService = async ({ ticketData, ticketId, companyId, requestUserId }: Request): Promise<Ticket> => {
  const { status, userId, queueId } = ticketData;
  const io = getIO();

  const ticket = await ShowTicketService(ticketId, companyId);
  const oldStatus = ticket.status;
  const oldUserId = ticket.user?.id;

  if (oldStatus === "closed") {
    await CheckContactOpenTickets(ticket.contact.id, ticket.whatsappId);
  }

  await ticket.update({ status, queueId, userId });
  await ticket.reload();

  if (ticket.status !== oldStatus || ticket.user?.id !== oldUserId) {
    io.of(`/workspace-${companyId}`)
      .to(`status-${oldStatus}`)
      .emit(`company-${companyId}-ticket`, {
        action: "delete",
        ticketId: ticket.id,
        companyId,
        userId: requestUserId,
        timestamp: moment().toISOString()
      });
  }

  io.of(`/workspace-${companyId}`)
    .to(`status-${ticket.status}`)
    .to("notification")
    .to(`ticket-${ticket.id}`)
    .emit(`company-${companyId}-ticket`, {
      action: "update",
      ticket,
      companyId,
      userId: requestUserId,
      timestamp: moment().toISOString()
    });

  return ticket;
};

export default UpdateTicketService;
