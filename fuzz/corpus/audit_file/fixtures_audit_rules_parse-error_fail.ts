€import { getIO } from "../libs/socket";

export const broken = (companyId: number) => {
  getIO().of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, {
}; // expect: parse-error
