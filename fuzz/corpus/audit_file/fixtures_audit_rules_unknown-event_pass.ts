€import { getIO } from "../libs/socket";

export const emitAll = (companyId: number) => {
  const ns = getIO().of(`/workspace-${companyId}`);
  ns.emit(`company-${companyId}-ticket`, {});
  ns.emit(`company-${companyId}-appMessage`, {});
  ns.emit(`company-${companyId}-contact`, {});
};
