‚import React, { useState, useEffect, useContext } from "react";
import moment from "moment";
import api from "../../services/api";
import { AuthContext } from "../../context/Auth/AuthContext";
import { socketConnection } from "../../services/socket";

const Schedules = () => {
  const { user } = useContext(AuthContext);
  const [schedules, setSchedules] = useState([]);

  useEffect(() => {
    api.get("/schedules").then(({ data }) => setSchedules(data.schedules));
  }, []);

  useEffect(() => {
    const socket = socketConnection({ companyId: user.companyId });
    socket.on("schedule", data => {
      if (data.action === "update" || data.action === "create") {
        setSchedules(prev => [data.schedule, ...prev.filter(s => s.id !== data.schedule.id)]);
      }
      if (data.action === "delete") {
        setSchedules(prev => prev.filter(s => s.id !== +data.scheduleId));
      }
    });
    return () => socket.disconnect();
  }, [user]);

  return (
    <ul>
      {schedules.map(s => (
        <li key={s.id}>
          {moment(s.sendAt).format("DD/MM/YYYY HH:mm")} â€” {s.body}
        </li>
      ))}
    </ul>
  );
};

export default Schedules;
