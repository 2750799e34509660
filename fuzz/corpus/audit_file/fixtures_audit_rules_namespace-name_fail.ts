€import { getIO } from "../libs/socket";

export const emitAll = (companyId: number, ticket: any) => {
  const io = getIO();
  io.of(String(companyId)).emit(`company-${companyId}-ticket`, {}); // expect: namespace-name
  io.of(companyId.toString()).emit(`company-${companyId}-ticket`, {}); // expect: namespace-name
  io.of(ticket.companyId).emit(`company-${companyId}-ticket`, {}); // expect: namespace-name
  io.of(`/${companyId}`).emit(`company-${companyId}-ticket`, {}); // expect: namespace-name
  io.of(1).emit(`company-${companyId}-ticket`, {}); // expect: namespace-name
  io.of("/companies").emit(`company-${companyId}-ticket`, {}); // expect: namespace-name
  const ns = io.of(`/company-${companyId}`); // expect: namespace-name
  ns.emit(`company-${companyId}-ticket`, {});
};
