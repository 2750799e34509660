€import { getIO } from "../libs/socket";

export const emitAll = (companyId: number) => {
  // expect-next: unused-suppression
  // chatia-socket-ignore global-emit: legacy, fixed since
  getIO().of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`);
  getIO()
    .of(`/workspace-${companyId}`)
    // expect-next: unused-suppression
    .emit(`company-${companyId}-appMessage`); // chatia-socket-ignore event-name: on a later line of the call, so it matches nothing
};
