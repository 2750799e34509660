€import { getIO } from "../libs/socket";

export const emitAll = (companyId: number, ticket: any, user: any) => {
  const io = getIO();
  io.of("/workspace-1").emit("company-2-ticket", {}); // expect: tenant-mismatch
  io.of(`/workspace-${companyId}`).emit(`company-${ticket.companyId}-ticket`, {}); // expect: tenant-mismatch
  io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, { companyId: user.companyId }); // expect: tenant-mismatch
  io.of(String(ticket.companyId)).emit(`company-${companyId}-ticket`, {}); // expect: tenant-mismatch
};
