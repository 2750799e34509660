ƒimport React, { useEffect } from "react";
import { socketConnection } from "../../services/socket";

export default function Notifications({ companyId }) {
  useEffect(() => {
    const socket = socketConnection({ companyId });
    const onMessage = data => console.log(data);
    socket.on(`company-${companyId}-appMessage`, onMessage);
    return () => {
      socket.off(`company-${companyId}-appMessage`, onMessage);
    };
  }, [companyId]);
  useEffect(() => {
    const socket = socketConnection({ companyId });
    socket.on(`company-${companyId}-ticket`, onTicket);
    return () => socket.disconnect();
  }, [companyId]);
  return <div />;
}
