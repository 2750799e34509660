Åimport React, { useCallback, useEffect, useState } from "react";
import { useSocket } from "../../context/Socket/SocketContext";
import { useAuth } from "../../hooks/useAuth";
import api from "../../services/api";

type Counters = Record<"open" | "pending" | "closed", number>;

interface AppMessageEvent {
  action: "create" | "update";
  message: { id: string; fromMe: boolean };
}

const emptyCounters: Counters = { open: 0, pending: 0, closed: 0 };

export default function Dashboard(): JSX.Element {
  const { user } = useAuth();
  const { socket } = useSocket();
  const [counters, setCounters] = useState<Counters>(emptyCounters);
  const [lastInbound, setLastInbound] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const { data } = await api.get<Counters>("/dashboard/counters");
    setCounters(data);
  }, []);

  useEffect(() => {
    const companyId = user?.companyId;
    if (!socket || companyId === undefined) return;
    const onMessage = (data: AppMessageEvent) => {
      if (data.action === "create" && !data.message.fromMe) setLastInbound(data.message.id);
    };
    socket!.on(`company-${companyId}-ticket`, refresh);
    socket!.on(`company-${companyId}-appMessage`, onMessage);
    return () => void socket?.off(`company-${companyId}-ticket`, refresh).off(`company-${companyId}-appMessage`, onMessage);
  }, [socket, user?.companyId, refresh]);

  return (
    <section>
      {(Object.keys(counters) as Array<keyof Counters>).map(key => (
        <article key={key}>
          <h3>{key}</h3>
          <p>{counters[key]}</p>
        </article>
      ))}
      {lastInbound && <small>last: {lastInbound}</small>}
    </section>
  );
}
