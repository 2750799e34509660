€import AppError from "../../errors/AppError";
import CheckContactOpenTickets from "../../helpers/CheckContactOpenTickets";
import GetDefaultWhatsApp from "../../helpers/GetDefaultWhatsApp";
import GetDefaultWhatsAppByUser from "../../helpers/GetDefaultWhatsAppByUser";
import Ticket from "../../models/Ticket";
import ShowContactService from "../ContactServices/ShowContactService";
import ShowWhatsAppService from "../WhatsappService/ShowWhatsAppService";
import { getIO } from "../../libs/socket";

interface Request {
  contactId: number;
  status: string;
  userId: number;
  companyId: number;
  queueId?: number;
  whatsappId?: string;
}

const CreateTicketService = async ({
  contactId,
  status,
  userId,
  queueId,
  companyId,
  whatsappId
}: Request): Promise<Ticket> => {
  let whatsapp;
  if (whatsappId !== undefined && whatsappId !== null && whatsappId !== "") {
    whatsapp = await ShowWhatsAppService(whatsappId, companyId);
  }

  let defaultWhatsapp = await GetDefaultWhatsAppByUser(userId);
  if (whatsapp) {
    defaultWhatsapp = whatsapp;
  }
  if (!defaultWhatsapp) {
    defaultWhatsapp = await GetDefaultWhatsApp(companyId);
  }

  await CheckContactOpenTickets(contactId, defaultWhatsapp.id);

  const { isGroup } = await ShowContactService(contactId, companyId);

  const [{ id }] = await Ticket.findOrCreate({
    where: { contactId, companyId, whatsappId: defaultWhatsapp.id },
    defaults: { contactId, companyId, whatsappId: defaultWhatsapp.id, status, isGroup, userId }
  });

  await Ticket.update({ companyId, queueId, userId, status: "open" }, { where: { id } });

  const ticket = await Ticket.findByPk(id, { include: ["contact", "queue"] });
  if (!ticket) {
    throw new AppError("ERR_CREATING_TICKET");
  }

  const io = getIO();
  io.of(String(companyId))
    .emit(`company-${companyId}-ticket`, {
      action: "update",
      ticket,
      companyId,
      userId,
      timestamp: new Date().toISOString()
    });

  return ticket;
};

export default CreateTicketService;
