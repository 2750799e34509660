€import { getIO } from "../libs/socket";

export const emitAll = () => {
  // expect-next: invalid-suppression
  // chatia-socket-ignore global-emit
  getIO().emit("platform-maintenance", {}); // expect: global-emit
  // expect-next: global-emit, invalid-suppression
  getIO().emit("platform-maintenance", {}); // chatia-socket-ignore globl-emit: typo in the rule id
};
