€import { getIO } from "../libs/socket";

const TICKET_EVENT = (companyId: number) => `company-${companyId}-ticket`;
const CONTACT = "contact";

export const emitAll = (companyId: number, ticket: any) => {
  const io = getIO();
  const ns = io.of(`/workspace-${companyId}`);
  // Template literal.
  ns.emit(`company-${companyId}-ticket`, { action: "update" });
  // Nested template literal.
  ns.emit(`company-${`${companyId}`}-appMessage`, { action: "create" });
  // Concatenation, with a const of this file.
  ns.emit("company-" + companyId + "-" + CONTACT, { action: "delete" });
  // A const holding the whole name.
  const EVENT = `company-${companyId}-quickMessage`;
  ns.emit(EVENT, { action: "update" });
  // String(id) and id.toString() inside the name are the same id.
  ns.emit(`company-${String(companyId)}-ticket`, {});
  ns.emit("company-" + companyId.toString() + "-ticket", {});
  // Unresolvable names are dynamic-event's business, not this rule's.
  ns.emit(TICKET_EVENT(companyId), {});
};
