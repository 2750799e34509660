‚import React, { createContext, useContext, useEffect, useMemo, useRef, useState } from "react";
import { socketConnection } from "../../services/socket";
import { AuthContext } from "../Auth/AuthContext";

const SocketContext = createContext(null);

const SocketProvider = ({ children }) => {
  const { user } = useContext(AuthContext);
  const socketRef = useRef(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (!user?.companyId) return undefined;
    socketRef.current = socketConnection({ companyId: user.companyId });
    const onReady = () => setReady(true);
    socketRef.current.on("ready", onReady);
    socketRef.current.on("disconnect", () => setReady(false));
    return () => {
      socketRef.current.off("ready", onReady);
      socketRef.current.disconnect();
      socketRef.current = null;
    };
  }, [user?.companyId]);

  const value = useMemo(() => ({ socket: socketRef.current, ready }), [ready]);
  return <SocketContext.Provider value={value}>{children}</SocketContext.Provider>;
};

const useSocket = () => useContext(SocketContext);

export { SocketContext, SocketProvider, useSocket };
