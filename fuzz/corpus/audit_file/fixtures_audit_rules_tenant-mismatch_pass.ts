€import { getIO } from "../libs/socket";

export const emitAll = (companyId: number, ticket: any) => {
  const io = getIO();
  io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, { companyId });
  io.of(`/workspace-${String(ticket.companyId)}`).emit(`company-${ticket.companyId.toString()}-ticket`, {
    companyId: ticket.companyId
  });
  io.of(`/workspace-${companyId}`).emit(eventName, { companyId });
};
