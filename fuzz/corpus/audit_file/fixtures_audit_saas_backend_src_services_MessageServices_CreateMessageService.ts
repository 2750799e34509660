€import { getIO } from "../../libs/socket";
import Message from "../../models/Message";
import Ticket from "../../models/Ticket";
import Whatsapp from "../../models/Whatsapp";

export interface MessageData {
  id: string;
  ticketId: number;
  body: string;
  contactId?: number;
  fromMe?: boolean;
  read?: boolean;
  mediaType?: string;
  mediaUrl?: string;
  ack?: number;
  queueId?: number;
}

interface Request {
  messageData: MessageData;
  companyId: number;
}

const CreateMessageService = async ({ messageData, companyId }: Request): Promise<Message> => {
  await Message.upsert({ ...messageData, companyId });

  const message = await Message.findByPk(messageData.id, {
    include: [
      "contact",
      {
        model: Ticket,
        as: "ticket",
        include: ["contact", "queue", { model: Whatsapp, as: "whatsapp", attributes: ["name"] }]
      },
      { model: Message, as: "quotedMsg", include: ["contact"] }
    ]
  });

  if (!message) {
    throw new Error("ERR_CREATING_MESSAGE");
  }

  if (message.ticket.queueId !== null && message.queueId === null) {
    await message.update({ queueId: message.ticket.queueId });
  }

  const payload = {
    action: "create",
    message,
    ticket: message.ticket,
    contact: message.ticket.contact,
    companyId,
    userId: message.ticket.userId,
    timestamp: new Date().toISOString()
  };

  const io = getIO();
  io.of(`/workspace-${companyId}`)
    .to(`ticket-${message.ticketId}`)
    // .to(message.ticket.status) â€” status rooms are per company now, see below
    .to(`status-${message.ticket.status}`)
    /* .to("notification") */
    .emit(`company-${companyId}-appMessage`, payload);

  return message;
};

export default CreateMessageService;
