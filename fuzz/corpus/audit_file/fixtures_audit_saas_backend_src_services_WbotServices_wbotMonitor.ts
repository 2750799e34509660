�import { WASocket, BinaryNode, Contact as BContact } from "@whiskeysockets/baileys";
import * as Sentry from "@sentry/node";
import Whatsapp from "../../models/Whatsapp";
import Setting from "../../models/Setting";
import logger from "../../utils/logger";
import createOrUpdateBaileysService from "../BaileysServices/CreateOrUpdateBaileysService";
import { getIO } from "../../libs/socket";

type Session = WASocket & { id?: number };

const wbotMonitor = async (wbot: Session, whatsapp: Whatsapp, companyId: number): Promise<void> => {
  try {
    wbot.ws.on("CB:call", async (node: BinaryNode) => {
      const content = node.content?.[0] as BinaryNode | undefined;
      if (content?.tag !== "offer") return;
      const sendMsgCall = await Setting.findOne({ where: { key: "call", companyId } });
      if (sendMsgCall?.value === "disabled") {
        await wbot.sendMessage(node.attrs.from, {
          text: "*Mensagem automática:*\n\nAs chamadas de voz e vídeo estão desabilitadas para esse WhatsApp."
        });
      }
    });

    wbot.ev.on("contacts.upsert", async (contacts: BContact[]) => {
      await createOrUpdateBaileysService({ whatsappId: whatsapp.id, contacts });
    });

    wbot.ev.on("connection.update", ({ connection }) => {
      if (connection !== "close") return;
      const io = getIO();
      io.to(`company-${companyId}-mainchannel`).emit(`company-${companyId}-whatsappSession`, {
        action: "update",
        session: whatsapp,
        companyId,
        userId: null,
        timestamp: new Date().toISOString()
      });
    });
  } catch (err) {
    Sentry.captureException(err);
    logger.error(err);
  }
};

export default wbotMonitor;
