€import { EventEmitter } from "events";
import { getIO } from "../libs/socket";

export const shapes = async (companyId: number, ticket: any, room: string) => {
  const io = getIO();
  io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, {});
  io.of(`/workspace-${companyId}`).to(ticket.status).to("notification").emit(`company-${companyId}-ticket`, {});
  const ns = io.of(`/workspace-${companyId}`);
  ns.to(room).emit(`company-${companyId}-ticket`, {});
  ns.except(room).volatile.compress(true).emit(`company-${companyId}-ticket`, {});
  await ns.timeout(5000).emitWithAck(`company-${companyId}-ticket`, {});
  io?.of(`/workspace-${companyId}`)?.emit(`company-${companyId}-ticket`, {});
  // Server-to-server, not to clients.
  io.serverSideEmit(`company-${companyId}-ticket`, {});
  // Allowlisted platform-wide event (see config.yaml).
  io.emit("platform-maintenance", { startsAt: "02:00" });
};

export const workspaces = () => {
  const io = getIO();
  const ns = io.of(/^\/workspace-\d+$/);
  ns.use((socket, next) => next());
  ns.on("connection", socket => {
    socket.broadcast.emit(`company-${socket.data.companyId}-ticket`, {});
    socket.to(`ticket-${socket.data.ticketId}`).emit(`company-${socket.data.companyId}-ticket`, {});
  });
};

// Node's EventEmitter is not Socket.IO.
class CampaignQueue extends EventEmitter {
  run() {
    this.emit("ticket", {});
  }
}
const bus = new EventEmitter();
bus.emit("ticket", {});
process.emit("warning", new Error("x") as any);
const io2 = new EventEmitter();
io2.emit("ticket");
export { CampaignQueue };
