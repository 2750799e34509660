€import { getIO } from "../libs/socket";

export const emitAll = (companyId: number) => {
  const io = getIO();
  io.of("/workspace-1").emit(`company-${companyId}-ticket`, {}); // expect: hardcoded-tenant
  io.of(`/workspace-${companyId}`).emit("company-7-ticket", {}); // expect: hardcoded-tenant
  io.of(`/workspace-${companyId}`).emit("company-" + 3 + "-ticket", {}); // expect: hardcoded-tenant
};
