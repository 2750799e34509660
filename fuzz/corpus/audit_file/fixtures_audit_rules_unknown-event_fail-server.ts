€import { Server } from "socket.io";

export const initIO = (httpServer: any) => {
  const io = new Server(httpServer);
  io.on("connection", socket => {
    socket.on("markAsread", (ticketId: number) => markAsRead(ticketId)); // expect: unknown-event
    socket.on("typing", (indicator: unknown) => relay(indicator)); // expect: unknown-event
    socket.on(`company-${socket.data.companyId}-appMessage`, onMessage); // expect: unknown-event
  });
};
