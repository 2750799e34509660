€import { Server } from "socket.io";
import { Server as HttpServer } from "http";
import { setupCompanyNamespaces } from "./socket/emitters";
import { verifyToken, canJoinRoom } from "./socketAuth";
import { markAsRead } from "../services/MessageServices/MarkAsReadService";
import { logger } from "../utils/logger";

let io: Server;

export const initIO = (httpServer: HttpServer): Server => {
  io = new Server(httpServer, { cors: { origin: process.env.FRONTEND_URL } });

  const companies = setupCompanyNamespaces(io, { verifyToken, canJoinRoom, logger });
  companies.on("connection", socket => {
    const { companyId, userId } = socket.data;
    logger.info(`user ${userId} connected to company ${companyId}`);

    // Relayed by hand before the catalog described the typing indicator.
    socket.on("typing", (indicator: { ticketId: number; typing: boolean }) => {
      socket.to(`ticket-${indicator.ticketId}`).emit(`company-${companyId}-typing`, {
        action: "update",
        ticketId: indicator.ticketId,
        typing: indicator.typing,
        companyId,
        userId,
        timestamp: Date.now()
      });
    });

    socket.on("markAsReed", async (ticketId: number, ack: (receipt: unknown) => void) => {
      ack(await markAsRead(companyId, userId, ticketId));
    });

    socket.on("disconnect", reason => {
      logger.info(`user ${userId} left company ${companyId}: ${reason}`);
    });
  });

  // Legacy clients still connect to `/` until every frontend is updated.
  io.on("connection", socket => {
    socket.on("joinChatBox", (ticketId: string) => {
      socket.join(ticketId);
    });
  });

  return io;
};

export const getIO = (): Server => io;
