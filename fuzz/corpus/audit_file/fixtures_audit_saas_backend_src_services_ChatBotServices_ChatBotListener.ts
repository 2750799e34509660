�import { proto, WASocket } from "@whiskeysockets/baileys";
import Ticket from "../../models/Ticket";
import QueueOption from "../../models/QueueOption";
import { emitToCompanyNamespace } from "../../helpers/socketEmit";
import SendWhatsAppMessage from "../WbotServices/SendWhatsAppMessage";
import UpdateTicketService from "../TicketServices/UpdateTicketService";

type Session = WASocket & { id?: number };

const EVENTS = {
  ticket: (companyId: number) => `company-${companyId}-ticket`
} as const;

export const sayChatbot = async (
  queueId: number,
  wbot: Session,
  ticket: Ticket,
  msg: proto.IWebMessageInfo
): Promise<void> => {
  const selectedOption =
    msg.message?.buttonsResponseMessage?.selectedButtonId ||
    msg.message?.listResponseMessage?.singleSelectReply?.selectedRowId ||
    msg.message?.conversation;
  if (!queueId && selectedOption) return;

  const option = await QueueOption.findOne({ where: { queueId, option: selectedOption } });
  if (!option) {
    await SendWhatsAppMessage({ body: "Opção inválida", ticket });
    return;
  }

  await UpdateTicketService({
    ticketData: { queueOptionId: option.id, chatbot: true },
    ticketId: ticket.id,
    companyId: ticket.companyId
  });

  emitToCompanyNamespace(ticket.companyId, EVENTS.ticket(ticket.companyId), {
    action: "update",
    ticket,
    companyId: ticket.companyId,
    userId: null,
    timestamp: new Date().toISOString()
  });
};
