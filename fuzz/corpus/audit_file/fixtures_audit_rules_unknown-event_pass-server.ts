€import { Server } from "socket.io";

// The server handles the catalog's client events, the setup's room requests and Socket.IO's own.
export const initIO = (httpServer: any) => {
  const io = new Server(httpServer);
  io.on("connection", socket => {
    socket.on("markAsRead", (ticketId: number, ack: Function) => ack({ ticketId, unreadMessages: 0 }));
    // A known name, though the generated setup answers it already (duplicate-handler says so).
    socket.on("room:leave", (request: unknown) => leave(socket, request));
    socket.on("disconnecting", () => logger.info("leaving"));
    socket.on("disconnect", () => logger.info("left"));
  });
};
