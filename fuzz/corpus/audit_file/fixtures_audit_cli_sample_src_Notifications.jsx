ƒimport React, { useEffect } from "react";
import { socketConnection } from "./services/socket";

export const Notifications = ({ companyId }) => {
  useEffect(() => {
    const socket = socketConnection({ companyId });
    socket.emit("joinNotification");
    socket.on(`company-${companyId}-appMessage`, data => console.log(data));
  }, [companyId]);
  return null;
};
