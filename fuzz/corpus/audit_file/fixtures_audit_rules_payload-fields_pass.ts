€import { getIO } from "../libs/socket";

export const emitAll = (companyId: number, userId: number, ticket: any, base: any) => {
  const ns = getIO().of(`/workspace-${companyId}`);
  ns.emit(`company-${companyId}-ticket`, {
    action: "update",
    ticket,
    companyId,
    userId,
    timestamp: new Date().toISOString()
  });
  ns.emit(`company-${companyId}-ticket`, { ...base, ticket });
  ns.emit(`company-${companyId}-ticket`, buildPayload(ticket));
};
