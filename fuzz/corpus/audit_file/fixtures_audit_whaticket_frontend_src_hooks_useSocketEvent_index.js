‚import { useContext, useEffect } from "react";
import { SocketContext } from "../../context/Socket/SocketContext";

// A generic hook: the event name is a parameter, so there is nothing to check here.
export default function useSocketEvent(companyId, eventName, handler) {
  const socketManager = useContext(SocketContext);
  useEffect(() => {
    const socket = socketManager.getSocket(companyId);
    socket.on(eventName, handler);
    return () => socket.off(eventName, handler);
  }, [companyId, eventName, handler, socketManager]);
}
