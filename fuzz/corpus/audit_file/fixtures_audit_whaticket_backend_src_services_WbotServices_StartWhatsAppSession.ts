€import { getIO } from "../../libs/socket";
import Whatsapp from "../../models/Whatsapp";
import { initWASocket } from "../../libs/wbot";
import { wbotMessageListener } from "./wbotMessageListener";
import { logger } from "../../utils/logger";

export const StartWhatsAppSession = async (whatsapp: Whatsapp, companyId: number): Promise<void> => {
  await whatsapp.update({ status: "OPENING" });

  const io = getIO();
  io.of(`/workspace-${companyId}`).emit(`company-${companyId}-whatsappSession`, {
    action: "update",
    session: whatsapp,
    companyId,
    userId: null,
    timestamp: new Date().toISOString()
  });

  try {
    const wbot = await initWASocket(whatsapp);
    wbotMessageListener(wbot, companyId);
  } catch (err) {
    logger.error(err);
    io.of(String(companyId)).emit(`company-${companyId}-whatsappSession`, {
      action: "update",
      session: whatsapp
    });
  }
};
