import React, { useContext } from "react";
import { SocketContext } from "../../context/Socket/SocketContext";

export default function MessageInput({ ticketId, companyId }: { ticketId: number; companyId: number }) {
  const socketManager = useContext(SocketContext);
  const socket = socketManager.getSocket(companyId);

  const onFocus = () => socket.emit("typing", { ticketId, typing: true });
  const onBlur = () => socket.emit(`company-${companyId}-typing`, { ticketId, typing: false });
  const onOpen = async () => {
    const receipt = await socket.timeout(5000).emitWithAck("markAsRead", ticketId);
    return receipt.unreadMessages;
  };

  return <textarea onFocus={onFocus} onBlur={onBlur} onClick={onOpen} />;
}
