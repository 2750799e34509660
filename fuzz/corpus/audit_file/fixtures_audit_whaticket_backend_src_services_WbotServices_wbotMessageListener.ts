€import { proto, WASocket } from "@whiskeysockets/baileys";
import { EventEmitter } from "events";
import { getIO } from "../../libs/socket";
import CreateMessageService from "../MessageServices/CreateMessageService";
import Ticket from "../../models/Ticket";
import Message from "../../models/Message";
import { logger } from "../../utils/logger";

type Session = WASocket & { id?: number };

// Internal bus between the listener and the queue workers; not Socket.IO.
export const messageBus = new EventEmitter();

const handleMsgAck = async (msg: proto.IWebMessageInfo, ack: number, companyId: number) => {
  const messageToUpdate = await Message.findByPk(msg.key.id, {
    include: ["contact", { model: Message, as: "quotedMsg", include: ["contact"] }]
  });
  if (!messageToUpdate) return;
  await messageToUpdate.update({ ack });
  const ticket = await Ticket.findByPk(messageToUpdate.ticketId);

  const io = getIO();
  io.of(`/workspace-${ticket.companyId}`)
    .to(`ticket-${messageToUpdate.ticketId}`)
    .emit(`company-${companyId}-appMessage`, {
      action: "update",
      message: messageToUpdate,
      companyId,
      userId: null,
      timestamp: new Date().toISOString()
    });
};

const wbotMessageListener = async (wbot: Session, companyId: number): Promise<void> => {
  wbot.ev.on("messages.upsert", async (messageUpsert: any) => {
    for (const message of messageUpsert.messages) {
      messageBus.emit("received", message);
      await CreateMessageService({
        messageData: { id: message.key.id, ticketId: 0, body: message.message?.conversation || "" },
        companyId
      });
    }
  });

  wbot.ev.on("messages.update", (messageUpdate: any[]) => {
    messageUpdate.forEach(async (message: any) => {
      logger.debug(`ack ${message.update.status}`);
      await handleMsgAck(message, message.update.status, companyId);
    });
  });
};

export { wbotMessageListener, handleMsgAck };
