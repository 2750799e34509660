import React, { useEffect } from "react";
import { socketConnection } from "../../services/socket";

export default function MessagesList({ ticketId, companyId, onMessage }: Props) {
  useEffect(() => {
    const socket = socketConnection({ companyId });
    socket.on("connect", () => socket.emit("joinChatBox", ticketId));
    socket.on(`company-${companyId}-appMessage`, onMessage);
    return () => {
      socket.emit("leaveChatbox", ticketId);
      socket.off(`company-${companyId}-appMessage`, onMessage);
      socket.disconnect();
    };
  }, [ticketId, companyId, onMessage]);
  return <div />;
}

interface Props {
  ticketId: number;
  companyId: number;
  onMessage: (data: unknown) => void;
}
