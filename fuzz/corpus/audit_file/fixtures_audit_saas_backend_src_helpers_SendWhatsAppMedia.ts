€import fs from "fs";
import { WAMessage, AnyMessageContent } from "@whiskeysockets/baileys";
import { getIO } from "../libs/socket";
import GetTicketWbot from "./GetTicketWbot";
import Ticket from "../models/Ticket";

interface Request {
  media: Express.Multer.File;
  ticket: Ticket;
  body?: string;
}

const SendWhatsAppMedia = async ({ media, ticket, body }: Request): Promise<WAMessage> => {
  const wbot = await GetTicketWbot(ticket);
<<<<<<< HEAD
  const options: AnyMessageContent = { document: fs.readFileSync(media.path), fileName: media.originalname, mimetype: media.mimetype, caption: body };
=======
  const options: AnyMessageContent = { document: fs.readFileSync(media.path), fileName: media.originalname, mimetype: media.mimetype };
>>>>>>> feature/media-caption
  const sent = await wbot.sendMessage(`${ticket.contact.number}@s.whatsapp.net`, options);
  getIO().emit(`company-${ticket.companyId}-appMessage`, { action: "create", message: sent });
  return sent;
};

export default SendWhatsAppMedia;
