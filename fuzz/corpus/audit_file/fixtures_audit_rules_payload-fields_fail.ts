€import { getIO } from "../libs/socket";

export const emitAll = (companyId: number, ticket: any) => {
  const ns = getIO().of(`/workspace-${companyId}`);
  ns.emit(`company-${companyId}-ticket`, { action: "update", ticket }); // expect: payload-fields
  const payload = { action: "delete", ticketId: ticket.id, companyId };
  ns.emit(`company-${companyId}-ticket`, payload); // expect: payload-fields
};
