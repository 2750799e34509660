‚import React, { useEffect, useState, useContext } from "react";
import api from "../../services/api";
import { SocketContext } from "../../context/Socket/SocketContext";

type Lane = { id: string; title: string };

const Kanban = () => {
  const { socket } = useContext(SocketContext);
  const [lanes, setLanes] = useState([]);

  useEffect(() => {
    const load = () => api.get("/tags/kanban").then(({ data }) => setLanes(data.lista));
    load();
    socket.on(`company-${socket.companyId}-tag`, load);
  }, [socket]);

  return <div>{lanes.map(lane => <div key={lane.id}>{lane.title}</div>)}</div>;
};

export default Kanban;
