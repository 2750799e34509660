‚import React, { useEffect } from "react";
import { socketConnection } from "../../services/socket";

// Every client event here is in the catalog.
const TicketsList = ({ status, companyId, dispatch }) => {
  useEffect(() => {
    const socket = socketConnection({ companyId });
    socket.on("connect", () => {
      socket.emit("joinTickets", status);
      socket.emit("joinNotification");
    });
    socket.on(`company-${companyId}-ticket`, data => dispatch({ type: data.action, payload: data.ticket }));
    return () => {
      socket.emit("leaveTickets", status);
      socket.emit("leaveNotification");
      socket.disconnect();
    };
  }, [status, companyId, dispatch]);
  return <div />;
};

export default TicketsList;
