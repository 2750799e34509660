€import { getIO } from "../libs/socket";

const EVENTS = { TICKET: "ticket" };

export const emitToCompanyNamespace = (companyId: number, event: string, payload: unknown) => {
  // A declared wrapper (config.yaml): its call sites are checked instead of this line.
  getIO().of(`/workspace-${companyId}`).emit(event, payload);
};

export const emitAll = (companyId: number) => {
  emitToCompanyNamespace(companyId, `company-${companyId}-ticket`, {});
  getIO().of(`/workspace-${companyId}`).emit(`company-${companyId}-${EVENTS.TICKET}`, {});
};
