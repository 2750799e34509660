€import { Server, Socket } from "socket.io";
import { verify } from "jsonwebtoken";
import authConfig from "../config/auth";
import logger from "../utils/logger";

/**
 * Namespaces kept for the Android app 1.x and the desktop widget 1.x.
 * Remove once every device runs 2.x (see docs/SOCKETS.md).
 */
const legacyAuth = (socket: Socket, next: (err?: Error) => void) => {
  try {
    verify(socket.handshake.auth.token, authConfig.secret);
    next();
  } catch {
    next(new Error("unauthorized"));
  }
};

export const registerLegacyNamespaces = (io: Server): void => {
  // Mobile 1.x connects to `/<companyId>`; a function decides so that inactive companies are refused.
  io.of((name, auth, next) => {
    next(null, /^\/\d+$/.test(name));
  }).on("connection", (socket: Socket) => {
    const companyId = socket.nsp.name.slice(1);
    socket.on("joinChatBox", (ticketId: string) => socket.join(ticketId));
    logger.debug(`legacy mobile client of company ${companyId}`);
  });

  // Desktop widget 1.x: guarded in its own chain.
  io.of(/^\/widget-\d+$/)
    .use(legacyAuth)
    .on("connection", socket => {
      socket.on("joinTickets", (status: string) => socket.join(status));
    });

  // Old dashboards still connect to `/` and pick their company in the query string.
  io.on("connection", socket => {
    const { companyId } = socket.handshake.query;
    socket.join(`company-${companyId}-mainchannel`);
    socket.to(`company-${companyId}-mainchannel`).emit(`company-${companyId}-user`, {
      action: "update",
      online: true
    });
  });
};
