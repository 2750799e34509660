ƒimport React, { useContext, useEffect } from "react";
import { SocketContext } from "../../context/Socket/SocketContext";

export default function QuickMessages({ companyId }) {
  const socketManager = useContext(SocketContext);
  useEffect(() => {
    const socket = socketManager.getSocket(companyId);
    socket.on(`company-${companyId}-quickemessage`, onQuickMessage); // expect: listener-name
    socket.on("ticket", onTicket); // expect: listener-name
    socket.once(`company${companyId}-appMessage`, onMessage); // expect: listener-name
    return () => socket.disconnect();
  }, [companyId, socketManager]);
  return <div />;
}
