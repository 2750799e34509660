€import { getIO } from "../libs/socket";

const NS = (id: number) => `/workspace-${id}`;

export const emitAll = (companyId: number, ticket: any) => {
  const io = getIO();
  io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, {});
  io.of("/workspace-" + ticket.companyId).emit(`company-${ticket.companyId}-ticket`, {});
  const name = `/workspace-${companyId}`;
  io.of(name).emit(`company-${companyId}-ticket`, {});
  // Cannot be judged: a call.
  io.of(NS(companyId)).emit(`company-${companyId}-ticket`, {});
  // Not Socket.IO.
  Array.of(companyId);
};
