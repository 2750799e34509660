€import { Server } from "socket.io";

// Server-side listeners are client-to-server events, not this rule's business.
export const initIO = (httpServer: any) => {
  const io = new Server(httpServer);
  io.on("connection", socket => {
    socket.on("joinChatBox", (ticketId: string) => socket.join(ticketId));
    socket.on("joinNotification", () => socket.join("notification"));
  });
};
