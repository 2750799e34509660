€import * as Sentry from "@sentry/node";
import { initWASocket } from "../../libs/wbot";
import Whatsapp from "../../models/Whatsapp";
import { wbotMessageListener } from "./wbotMessageListener";
import wbotMonitor from "./wbotMonitor";
import { getIO } from "../../libs/socket";
import logger from "../../utils/logger";

export const StartWhatsAppSession = async (whatsapp: Whatsapp, companyId: number): Promise<void> => {
  await whatsapp.update({ status: "OPENING" });

  const io = getIO();
  const ns = io.of(`/workspace-${companyId}`);
  ns.emit(`company-${companyId}-whatsappSession`, {
    action: "update",
    session: whatsapp,
    companyId,
    userId: null,
    timestamp: new Date().toISOString()
  });

  try {
    const wbot = await initWASocket(whatsapp);
    wbotMessageListener(wbot, companyId);
    wbotMonitor(wbot, whatsapp, companyId);
  } catch (err) {
    Sentry.captureException(err);
    logger.error(err);
    ns.emit(`company-${companyId}-whatsappSession`, {
      action: "error",
      session: whatsapp,
      companyId,
      userId: null,
      timestamp: new Date().toISOString()
    });
  }
};
