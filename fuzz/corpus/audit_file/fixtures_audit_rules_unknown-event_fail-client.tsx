import React, { useEffect } from "react";
import { socketConnection } from "../../services/socket";

export function MessagesList({ ticketId, companyId }: { ticketId: number; companyId: number }) {
  useEffect(() => {
    const socket = socketConnection({ companyId });
    socket.on("connect", () => socket.emit("joinChatbox", ticketId)); // expect: unknown-event
    socket.emit("joinTickets", "open"); // expect: unknown-event
    socket.emit(`company-${companyId}-ticket`, { action: "update" }); // expect: unknown-event
    return () => {
      socket.emit("leaveChatBox", ticketId);
      socket.disconnect();
    };
  }, [ticketId, companyId]);
  return <div />;
}
