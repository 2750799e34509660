ƒimport React, { useContext, useEffect } from "react";
import { SocketContext } from "../../context/Socket/SocketContext";

export default function Tickets({ companyId, eventName }) {
  const socketManager = useContext(SocketContext);
  useEffect(() => {
    const socket = socketManager.getSocket(companyId);
    socket.on("connect", () => socket.emit("joinTickets", "open"));
    socket.on(`company-${companyId}-ticket`, onTicket);
    socket.on(`company-${companyId}-quickMessage`, onQuickMessage);
    socket.on(eventName, onAnything);
    return () => socket.disconnect();
  }, [companyId, socketManager, eventName]);
  return <div />;
}
