€import { Namespace } from "socket.io";
import { getIO } from "../libs/socket";
import logger from "../utils/logger";

export interface CompanyEventBase {
  action: string;
  companyId: number;
  userId: number | null;
  timestamp: string;
}

/**
 * Emits one company event on the company's namespace.
 *
 * @example
 *   emitToCompanyNamespace(ticket.companyId, `company-${ticket.companyId}-ticket`, {
 *     action: "update", ticket, companyId: ticket.companyId, userId, timestamp
 *   });
 *
 * Never `io.emit("ticket", payload)`: that reaches every company.
 */
export function emitToCompanyNamespace<T extends CompanyEventBase>(companyId: number, event: string, payload: T): void {
  try {
    getIO().of(`/workspace-${companyId}`).emit(event, payload);
  } catch (err) {
    logger.error({ err, event }, "socket emit failed");
  }
}

/** The company's namespace, for callers that target rooms: `companyNamespace(id).to(room).emit(...)`. */
export const companyNamespace = (companyId: number): Namespace => getIO().of(`/workspace-${companyId}`);

export const nowIso = (): string => new Date().toISOString();

export const SOCKET_USAGE = `
  io.to(ticket.status).emit("ticket", payload);              // 1.x: leaks across companies
  companyNamespace(companyId).emit(\`company-\${companyId}-ticket\`, payload);
`;
