€import { Request, Response } from "express";
import { getIO } from "../libs/socket";
import CreateTicketService from "../services/TicketServices/CreateTicketService";
import DeleteTicketService from "../services/TicketServices/DeleteTicketService";
import ShowTicketService from "../services/TicketServices/ShowTicketService";
import ListTicketsService from "../services/TicketServices/ListTicketsService";

type IndexQuery = {
  searchParam: string;
  pageNumber: string;
  status: string;
  showAll: string;
  queueIds: string;
};

interface TicketData {
  contactId: number;
  status: string;
  queueId: number;
  userId: number;
}

export const index = async (req: Request, res: Response): Promise<Response> => {
  const { pageNumber, status, searchParam, showAll, queueIds: queueIdsStringified } = req.query as IndexQuery;
  const { id: userId, companyId } = req.user;
  const queueIds: number[] = queueIdsStringified ? JSON.parse(queueIdsStringified) : [];
  const { tickets, count, hasMore } = await ListTicketsService({
    searchParam,
    pageNumber,
    status,
    showAll,
    userId,
    queueIds,
    companyId
  });
  return res.status(200).json({ tickets, count, hasMore });
};

export const store = async (req: Request, res: Response): Promise<Response> => {
  const { contactId, status, userId, queueId }: TicketData = req.body;
  const { companyId } = req.user;

  const ticket = await CreateTicketService({ contactId, status, userId, companyId, queueId });

  const io = getIO();
  io.of(`/workspace-${companyId}`)
    .to(`status-${ticket.status}`)
    .emit(`company-${companyId}-ticket`, {
      action: "update",
      ticket,
      companyId,
      userId: Number(req.user.id),
      timestamp: new Date().toISOString()
    });

  return res.status(200).json(ticket);
};

export const remove = async (req: Request, res: Response): Promise<Response> => {
  const { companyId, id: requestUserId } = req.user;
  // ShowTicketService looks the ticket up within the user's company: its companyId is trusted.
  const ticket = await ShowTicketService(req.params.ticketId, companyId);

  await DeleteTicketService(String(ticket.id));

  getIO()
    .of(`/workspace-${ticket.companyId}`)
    .to(`status-${ticket.status}`)
    .to(`ticket-${ticket.id}`)
    .to("notification")
    .emit(`company-${ticket.companyId}-ticket`, {
      action: "delete",
      ticketId: ticket.id,
      companyId: ticket.companyId,
      userId: Number(requestUserId),
      timestamp: new Date().toISOString()
    });

  return res.status(200).json({ message: "ticket deleted" });
};
