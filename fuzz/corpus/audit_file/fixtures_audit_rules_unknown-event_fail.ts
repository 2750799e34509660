€import { getIO } from "../libs/socket";

export const emitAll = (companyId: number) => {
  const ns = getIO().of(`/workspace-${companyId}`);
  ns.emit(`company-${companyId}-tiket`, {}); // expect: unknown-event
  ns.emit(`company-${companyId}-invoice`, {}); // expect: unknown-event
};
