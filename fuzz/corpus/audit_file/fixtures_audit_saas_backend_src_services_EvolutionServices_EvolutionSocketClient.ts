€import { io, Socket } from "socket.io-client";
import Whatsapp from "../../models/Whatsapp";
import logger from "../../utils/logger";
import { emitToCompanyNamespace, nowIso } from "../../helpers/socketEmit";
import { handleMessage } from "../WbotServices/wbotMessageListener";

const clients = new Map<number, Socket>();

/** Evolution API pushes its instance events over Socket.IO; we relay them to the company's clients. */
export const connectEvolution = (whatsapp: Whatsapp): Socket => {
  const socket = io(`${process.env.EVOLUTION_API_URL}/${whatsapp.name}`, {
    transports: ["websocket"],
    extraHeaders: { apikey: process.env.EVOLUTION_API_KEY as string }
  });

  socket.on("connect", () => logger.info(`evolution: ${whatsapp.name} connected`));

  socket.on("qrcode.updated", async ({ data }) => {
    await whatsapp.update({ qrcode: data.qrcode.base64, status: "qrcode" });
    emitToCompanyNamespace(whatsapp.companyId, `company-${whatsapp.companyId}-whatsappSession`, {
      action: "update",
      session: whatsapp,
      companyId: whatsapp.companyId,
      userId: null,
      timestamp: nowIso()
    });
  });

  socket.on("messages.upsert", ({ data }) => handleMessage(data, whatsapp as never, whatsapp.companyId));

  socket.on("connection.update", async ({ data }) => {
    if (data.state === "close") {
      await whatsapp.update({ status: "DISCONNECTED" });
      socket.disconnect();
      clients.delete(whatsapp.id);
    }
  });

  clients.set(whatsapp.id, socket);
  return socket;
};
