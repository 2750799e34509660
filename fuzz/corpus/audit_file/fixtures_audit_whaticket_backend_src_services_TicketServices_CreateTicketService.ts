€import AppError from "../../errors/AppError";
import CheckContactOpenTickets from "../../helpers/CheckContactOpenTickets";
import GetDefaultWhatsApp from "../../helpers/GetDefaultWhatsApp";
import { emitToCompanyNamespace } from "../../libs/socket";
import Ticket from "../../models/Ticket";
import ShowContactService from "../ContactServices/ShowContactService";

interface Request {
  contactId: number;
  status: string;
  userId: number;
  companyId: number;
  queueId?: number;
}

const CreateTicketService = async ({ contactId, status, userId, queueId, companyId }: Request): Promise<Ticket> => {
  const defaultWhatsapp = await GetDefaultWhatsApp(companyId);

  await CheckContactOpenTickets(contactId, defaultWhatsapp.id);

  const { isGroup } = await ShowContactService(contactId, companyId);

  const ticket = await Ticket.create({
    contactId,
    status,
    isGroup,
    userId,
    companyId,
    whatsappId: defaultWhatsapp.id,
    queueId
  });

  if (!ticket) {
    throw new AppError("ERR_CREATING_TICKET");
  }

  emitToCompanyNamespace(companyId, `company-${companyId}-ticket`, {
    action: "create",
    ticket,
    companyId,
    userId,
    timestamp: new Date().toISOString()
  });

  return ticket;
};

export default CreateTicketService;
