€import Ticket from "../../models/Ticket";
import ShowTicketService from "./ShowTicketService";
import CreateLogTicketService from "./CreateLogTicketService";
import { emitToCompanyNamespace } from "../../helpers/socketEmit";

interface Request {
  ticketId: number;
  companyId: number;
  fromUserId: number;
  toUserId?: number;
  toQueueId?: number;
}

const TransferTicketService = async ({ ticketId, companyId, fromUserId, toUserId, toQueueId }: Request): Promise<Ticket> => {
  const ticket = await ShowTicketService(ticketId, companyId);
  const fromQueueId = ticket.queueId;

  await ticket.update({ userId: toUserId ?? null, queueId: toQueueId ?? ticket.queueId, status: "pending" });
  await CreateLogTicketService({ type: "transfered", ticketId, userId: fromUserId, queueId: toQueueId });

  const base = {
    companyId: ticket.companyId,
    userId: fromUserId,
    timestamp: new Date().toISOString()
  };

  // Removed from the old queue's list...
  emitToCompanyNamespace(ticket.companyId, `company-${ticket.companyId}-ticket`, {
    ...base,
    action: "delete",
    ticketId: ticket.id,
    queueId: fromQueueId
  });

  // ...and shown in the new one.
  emitToCompanyNamespace(companyId, `company-${ticket.companyId}-ticket`, {
    action: "update",
    ticket,
    companyId,
    userId: fromUserId,
    timestamp: base.timestamp
  });

  return ticket;
};

export default TransferTicketService;
