€import { getIO } from "./libs/socket";
import logger from "./utils/logger";

// io.emit("ticket", { action: "update", ticket });
/*
 * Old code, kept for reference:
 * getIO().to(ticket.status).emit("appMessage", payload);
 */
/** @example io.of(String(companyId)).emit("contact", {}) */
export const describe = () => {
  const doc = 'io.emit("ticket", {})';
  const tpl = `getIO().emit("ticket", ${JSON.stringify({})})`;
  const html = "<code>socket.on('ticket', handler)</code>";
  logger.info(`emitting with io.emit("ticket") is forbidden: ${doc} ${tpl} ${html}`);
  return getIO; // a reference, not a call
};
