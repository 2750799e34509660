€import { getIO } from "../libs/socket";

export const emitAll = (companyId: number, eventName: string, prefix: string, resource: string) => {
  const ns = getIO().of(`/workspace-${companyId}`);
  ns.emit(eventName, {}); // expect: dynamic-event
  ns.emit(`${prefix}-ticket`, {}); // expect: dynamic-event
  ns.emit(`company-${companyId}-${resource}`, {}); // expect: dynamic-event
  ns.emit(eventFor(companyId, "ticket"), {}); // expect: dynamic-event
};
