€import { getIO } from "../libs/socket";

export const emitAll = () => {
  // chatia-socket-ignore global-emit, event-name, payload-fields: maintenance banner goes to every company on purpose
  getIO().emit("platform-maintenance", {});
};
