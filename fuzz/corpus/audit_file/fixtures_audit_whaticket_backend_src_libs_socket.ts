€import { Server as SocketIO } from "socket.io";
import { Server } from "http";
import { verify } from "jsonwebtoken";
import AppError from "../errors/AppError";
import { logger } from "../utils/logger";
import authConfig from "../config/auth";
import User from "../models/User";

let io: SocketIO;

const authenticate = async (socket: any, next: (err?: Error) => void) => {
  const { token } = socket.handshake.auth;
  try {
    const decoded = verify(token, authConfig.secret) as { id: number; companyId: number };
    const user = await User.findByPk(decoded.id);
    socket.data.user = { id: user.id, companyId: user.companyId };
    return next();
  } catch (err) {
    logger.warn(`Invalid socket token: ${err}`);
    return next(new Error("unauthorized"));
  }
};

export const initIO = (httpServer: Server): SocketIO => {
  io = new SocketIO(httpServer, {
    cors: { origin: process.env.FRONTEND_URL }
  });

  io.use(authenticate);

  const workspaces = io.of(/^\/workspace-\d+$/);
  workspaces.use(authenticate);
  workspaces.on("connection", socket => {
    const { companyId, id: userId } = socket.data.user;
    logger.info(`Client connected to company ${companyId}`);
    socket.join(`user-${userId}`);

    socket.on("joinChatBox", (ticketId: string) => {
      socket.join(`ticket-${ticketId}`);
    });
    socket.on("joinNotification", () => {
      socket.join("notification");
    });
    socket.on("joinTickets", (status: string) => {
      socket.join(`status-${status}`);
    });
    socket.on("disconnect", () => {
      logger.info(`Client disconnected from company ${companyId}`);
    });
  });

  // Legacy clients still connect to `/` until every frontend is updated.
  io.on("connection", socket => {
    logger.info("Legacy client connected");
    socket.on("joinChatBox", (ticketId: string) => {
      socket.join(ticketId);
    });
    socket.broadcast.emit("userOnline", { userId: socket.data.user?.id });
  });

  return io;
};

export const getIO = (): SocketIO => {
  if (!io) {
    throw new AppError("Socket IO not initialized");
  }
  return io;
};

export const emitToCompanyNamespace = (companyId: number, event: string, payload: Record<string, unknown>) => {
  getIO().of(`/workspace-${companyId}`).emit(event, payload);
};
