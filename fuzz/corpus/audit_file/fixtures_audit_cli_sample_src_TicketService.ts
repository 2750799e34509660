€import { getIO } from "./libs/socket";

export const update = (companyId: number, ticket: any, userId: number) => {
  const io = getIO();
  io.to(ticket.status).emit("ticket", { action: "update", ticket });
  io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, {
    action: "update",
    ticket,
    companyId,
    userId,
    timestamp: new Date().toISOString()
  });
};
