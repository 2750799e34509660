€import { Server } from "socket.io";
import { getIO } from "../libs/socket";

export const shapes = async (companyId: number, ticket: any, room: string) => {
  const io = getIO();
  io.emit(`company-${companyId}-ticket`, {}); // expect: global-emit
  getIO().emit(`company-${companyId}-ticket`, {}); // expect: global-emit
  io.to(ticket.status).to("notification").emit(`company-${companyId}-ticket`, {}); // expect: global-emit
  io.to(ticket.status) // expect: global-emit
    // .to(ticket.id.toString())
    /* .to("notification") */
    .emit(`company-${companyId}-ticket`, {});
  io.except(room).emit(`company-${companyId}-ticket`, {}); // expect: global-emit
  io.volatile.emit(`company-${companyId}-ticket`, {}); // expect: global-emit
  io.compress(false).emit(`company-${companyId}-ticket`, {}); // expect: global-emit
  await io.timeout(5000).emitWithAck(`company-${companyId}-ticket`, {}); // expect: global-emit
  io?.emit(`company-${companyId}-ticket`, {}); // expect: global-emit
  getIO()?.to(room)?.emit(`company-${companyId}-ticket`, {}); // expect: global-emit
  io.sockets.emit(`company-${companyId}-ticket`, {}); // expect: global-emit
  io.local.emit(`company-${companyId}-ticket`, {}); // expect: global-emit
  io.of("/").emit(`company-${companyId}-ticket`, {}); // expect: global-emit
};

export const initIO = (httpServer: any) => {
  const server = new Server(httpServer);
  server.on("connection", socket => {
    socket.broadcast.emit(`company-${socket.data.companyId}-ticket`, {}); // expect: global-emit
    socket.to("notification").emit(`company-${socket.data.companyId}-ticket`, {}); // expect: global-emit
  });
};
