€import { getIO } from "../libs/socket";

export const emitAll = (companyId: number, action: string) => {
  const ns = getIO().of(`/workspace-${companyId}`);
  ns.emit(`company-${companyId}-ticket`, { action: "update" });
  ns.emit(`company-${companyId}-ticket`, { action });
  ns.emit(`company-${companyId}-appMessage`, { action: "delete" });
};
