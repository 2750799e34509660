‚import React, { useContext, useEffect } from "react";
import { SocketContext } from "../../context/Socket/SocketContext";

// Client-to-server emits ask the server to join rooms; they are not broadcasts.
const TicketsList = ({ status, ticketId, companyId }) => {
  const socketManager = useContext(SocketContext);
  useEffect(() => {
    const socket = socketManager.getSocket(companyId);
    socket.on("connect", () => {
      socket.emit("joinTickets", status);
      socket.emit("joinNotification");
      socket.emit("joinChatBox", `${ticketId}`);
    });
    socket.on(`company-${companyId}-ticket`, data => console.log(data));
    return () => {
      socket.emit("leaveChatBox", `${ticketId}`);
      socket.off(`company-${companyId}-ticket`, console.log);
    };
  }, [status, ticketId, companyId, socketManager]);
  // socket.on("ticket", handler) in a comment is not a listener.
  return <div title='socket.on("ticket", h)' />;
};

export default TicketsList;
