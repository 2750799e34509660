€import { getIO } from "../libs/socket";

export const emitAll = (companyId: number) => {
  const ns = getIO().of(`/workspace-${companyId}`);
  ns.emit(`company-${companyId}-ticket`, { action: "remove" }); // expect: unknown-action
  const ACTION = "upsert";
  ns.emit(`company-${companyId}-contact`, { action: ACTION }); // expect: unknown-action
};
