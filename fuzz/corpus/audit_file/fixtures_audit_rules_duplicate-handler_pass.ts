€import { Server } from "socket.io";
import { setupCompanyNamespaces } from "./socket/emitters";

// Only events the generated setup does not handle, and typed events where it does not serve.
export const initIO = (httpServer: any) => {
  const io = new Server(httpServer);
  setupCompanyNamespaces(io, { verifyToken, canJoinRoom }).on("connection", socket => {
    socket.on("disconnect", () => logger.info("left"));
    socket.off("joinChatBox", onJoin);
  });
  // The default namespace is not the setup's: its own markAsRead is the only one.
  io.on("connection", socket => {
    socket.on("markAsRead", (ticketId: number) => markAsRead(ticketId));
  });
  io.of(/^\/widget-\d+$/).use(auth).on("connection", socket => {
    socket.on("markAsRead", (ticketId: number) => markAsRead(ticketId));
  });
};
