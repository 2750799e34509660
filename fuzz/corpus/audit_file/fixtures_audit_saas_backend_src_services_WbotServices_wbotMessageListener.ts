€import { proto, WASocket, WAMessageUpdate, getContentType, jidNormalizedUser } from "@whiskeysockets/baileys";
import { EventEmitter } from "events";
import Contact from "../../models/Contact";
import Message from "../../models/Message";
import { getIO } from "../../libs/socket";
import CreateMessageService from "../MessageServices/CreateMessageService";
import FindOrCreateTicketService from "../TicketServices/FindOrCreateTicketService";
import CreateOrUpdateContactService from "../ContactServices/CreateOrUpdateContactService";

type Session = WASocket & { id?: number };

// Local fan-out for the chatbot and the typebot integration.
export const messageEvents = new EventEmitter();

const verifyContact = async (msgContact: { id: string; name: string }, companyId: number): Promise<Contact> =>
  CreateOrUpdateContactService({
    name: msgContact.name,
    number: msgContact.id.replace(/\D/g, ""),
    isGroup: msgContact.id.includes("g.us"),
    companyId
  });

const handleMessage = async (msg: proto.IWebMessageInfo, wbot: Session, companyId: number): Promise<void> => {
  if (!msg.message) return;
  const type = getContentType(msg.message);
  const body = msg.message.conversation || msg.message.extendedTextMessage?.text || "";
  const contact = await verifyContact({ id: msg.key.remoteJid!, name: msg.pushName ?? "" }, companyId);
  const ticket = await FindOrCreateTicketService(contact, wbot.id!, 1, companyId);

  await CreateMessageService({
    messageData: {
      id: msg.key.id!,
      ticketId: ticket.id,
      contactId: msg.key.fromMe ? undefined : contact.id,
      body,
      fromMe: msg.key.fromMe ?? false,
      mediaType: type,
      read: msg.key.fromMe ?? false
    },
    companyId
  });

  messageEvents.emit("message:received", { ticket, msg });
};

const handleMsgAck = async (msg: WAMessageUpdate, ack: number, companyId: number): Promise<void> => {
  const messageToUpdate = await Message.findByPk(msg.key.id!, {
    include: ["contact", { model: Message, as: "quotedMsg", include: ["contact"] }]
  });
  if (!messageToUpdate || messageToUpdate.ack >= ack) return;
  await messageToUpdate.update({ ack });

  const io = getIO();
  io.of(companyId.toString())
    .to(`ticket-${messageToUpdate.ticketId}`)
    .emit(`company-${companyId}-appMessage`, {
      action: "update",
      message: messageToUpdate,
      companyId,
      userId: null,
      timestamp: new Date().toISOString()
    });
};

const wbotMessageListener = (wbot: Session, companyId: number): void => {
  wbot.ev.on("messages.upsert", async ({ messages, type }) => {
    if (type !== "notify") return;
    for (const message of messages) {
      await handleMessage(message, wbot, companyId);
    }
  });

  wbot.ev.on("messages.update", (updates: WAMessageUpdate[]) => {
    updates.forEach(update => {
      if (update.update.status) handleMsgAck(update, update.update.status, companyId);
    });
  });

  wbot.ev.on("contacts.update", async contacts => {
    for (const contact of contacts) {
      const number = jidNormalizedUser(contact.id).replace(/\D/g, "");
      const existing = await Contact.findOne({ where: { number, companyId } });
      if (existing && contact.imgUrl) {
        await existing.update({ profilePicUrl: contact.imgUrl });
        getIO()
          .of(`/workspace-${companyId}`)
          .emit(`company-${companyId}-contact`, {
            action: "update",
            contact: existing,
            companyId: existing.companyId,
            userId: null,
            timestamp: new Date().toISOString()
          });
      }
    }
  });
};

export { wbotMessageListener, handleMessage };
