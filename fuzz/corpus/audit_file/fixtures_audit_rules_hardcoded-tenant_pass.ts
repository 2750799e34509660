€import { getIO } from "../libs/socket";

export const emitAll = (companyId: number, ticketId: number) => {
  const io = getIO();
  io.of(`/workspace-${companyId}`).to(`ticket-${ticketId}`).emit(`company-${companyId}-ticket`, {});
  // A number in a room name is not a company.
  io.of(`/workspace-${companyId}`).to("status-1").emit(`company-${companyId}-ticket`, {});
};
