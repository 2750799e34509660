import React, { useEffect } from "react";
import { socketConnection } from "../../services/socket";

// Every client event the React client sends is in the catalog's clientEvents.
export function MessagesList({ ticketId, companyId }: { ticketId: number; companyId: number }) {
  useEffect(() => {
    const socket = socketConnection({ companyId });
    socket.on("connect", () => socket.emit("joinChatBox", ticketId));
    socket.emit("joinNotification");
    socket.timeout(5000).emitWithAck("markAsRead", ticketId);
    socket.emit("room:join", { room: "ticket", params: { ticketId } });
    return () => {
      socket.emit("leaveChatBox", ticketId);
      socket.disconnect();
    };
  }, [ticketId, companyId]);
  return <div />;
}
