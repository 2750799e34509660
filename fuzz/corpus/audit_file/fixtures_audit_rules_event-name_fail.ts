€import { getIO } from "../libs/socket";

const BARE = "ticket";

export const emitAll = (companyId: number, id: number, userId: number) => {
  const io = getIO();
  const ns = io.of(`/workspace-${companyId}`);
  ns.emit(`company${id}-file`, {}); // expect: event-name
  ns.emit("company-announcement", {}); // expect: event-name
  ns.emit(`appMessage-${id}`, {}); // expect: event-name
  ns.emit("ticket", {}); // expect: event-name
  ns.emit(BARE, {}); // expect: event-name
  ns.to(`user-${userId}`).emit(`company-${companyId}-chat-user-${userId}`, {}); // expect: event-name
  ns.emit("company-" + companyId, {}); // expect: event-name
  ns // expect: event-name
    // .to("notification")
    .emit(`company_${companyId}_ticket`, {});
};
