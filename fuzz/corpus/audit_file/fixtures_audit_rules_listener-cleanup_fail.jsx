ƒimport React, { useEffect } from "react";
import { socketConnection } from "../../services/socket";

export default function Notifications({ companyId }) {
  useEffect(() => {
    const socket = socketConnection({ companyId });
    socket.on(`company-${companyId}-appMessage`, onMessage); // expect: listener-cleanup
  }, [companyId]);
  useEffect(() => {
    const socket = socketConnection({ companyId });
    socket.on(`company-${companyId}-ticket`, onTicket);
    return () => {
      socket.off(`company-${companyId}-ticket`); // expect: listener-cleanup
    };
  }, [companyId]);
  return <div />;
}
