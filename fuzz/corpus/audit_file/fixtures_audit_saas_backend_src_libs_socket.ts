€import { Server as SocketIO, Socket, Namespace } from "socket.io";
import { Server } from "http";
import { verify } from "jsonwebtoken";
import { instrument } from "@socket.io/admin-ui";
import AppError from "../errors/AppError";
import logger from "../utils/logger";
import authConfig from "../config/auth";
import User from "../models/User";
import Ticket from "../models/Ticket";

interface TokenPayload {
  id: string;
  companyId: number;
  profile: string;
}

let io: SocketIO;

const authenticate = async (socket: Socket, next: (err?: Error) => void): Promise<void> => {
  const token = socket.handshake.auth?.token as string | undefined;
  if (!token) {
    next(new Error("missing token"));
    return;
  }
  try {
    const decoded = verify(token, authConfig.secret) as TokenPayload;
    const nspCompanyId = Number(socket.nsp.name.replace("/workspace-", ""));
    if (decoded.companyId !== nspCompanyId) {
      next(new Error("wrong company"));
      return;
    }
    socket.data.user = { id: Number(decoded.id), companyId: decoded.companyId, profile: decoded.profile };
    next();
  } catch (err) {
    logger.warn({ err }, "socket token rejected");
    next(new Error("unauthorized"));
  }
};

export const initIO = (httpServer: Server): SocketIO => {
  io = new SocketIO(httpServer, {
    cors: { origin: process.env.FRONTEND_URL },
    pingTimeout: 60000
  });

  if (process.env.SOCKET_ADMIN === "true") {
    instrument(io, { auth: false, mode: "development" });
  }

  io.use(authenticate);

  const workspaces: Namespace = io.of(/^\/workspace-\d+$/);
  workspaces.use(authenticate);

  workspaces.on("connection", async socket => {
    const { id: userId, companyId } = socket.data.user;
    logger.info(`client connected: user ${userId} company ${companyId}`);

    const user = await User.findByPk(userId);
    if (user) {
      user.online = true;
      await user.save();
    }

    socket.join(`user-${userId}`);
    socket.emit("ready");

    socket.on("joinChatBox", async (ticketId: string) => {
      const ticket = await Ticket.findOne({ where: { id: ticketId, companyId } });
      if (!ticket) {
        logger.warn(`user ${userId} tried to join ticket ${ticketId} of another company`);
        return;
      }
      socket.join(`ticket-${ticket.id}`);
    });

    socket.on("joinNotification", () => socket.join("notification"));
    socket.on("joinTickets", (status: string) => socket.join(`status-${status}`));
    socket.on("joinTicketsLeave", (status: string) => socket.leave(`status-${status}`));

    socket.on("typing", (ticketId: string) => {
      socket.to(`ticket-${ticketId}`).emit(`company-${companyId}-presence`, {
        action: "update",
        ticketId,
        companyId,
        userId,
        timestamp: new Date().toISOString()
      });
    });

    socket.on("disconnect", async () => {
      if (user) {
        user.online = false;
        await user.save();
      }
      socket.broadcast.emit(`company-${companyId}-user`, {
        action: "update",
        user: { id: userId, online: false },
        companyId,
        userId,
        timestamp: new Date().toISOString()
      });
    });
  });

  return io;
};

export const getIO = (): SocketIO => {
  if (!io) {
    throw new AppError("Socket IO not initialized");
  }
  return io;
};
