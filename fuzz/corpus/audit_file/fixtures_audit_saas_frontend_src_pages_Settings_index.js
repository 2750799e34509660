‚import React, { useState, useEffect, useContext } from "react";
import api from "../../services/api";
import { SocketContext } from "../../context/Socket/SocketContext";

const Settings = () => {
  const { socket } = useContext(SocketContext);
  const [settings, setSettings] = useState([]);

  useEffect(() => {
    api.get("/settings").then(({ data }) => setSettings(data));
  }, []);

  useEffect(() => {
    if (!socket) return undefined;
    const onSettings = data => {
      if (data.action === "update") {
        setSettings(prev => prev.map(s => (s.key === data.setting.key ? data.setting : s)));
      }
    };
    socket.on("company-1-settings", onSettings);
    return () => socket.off("company-1-settings", onSettings);
  }, [socket]);

  const getSettingValue = key => settings.find(s => s.key === key)?.value;

  return (
    <select value={getSettingValue("userRating") || "disabled"} onChange={e => api.put("/settings/userRating", { value: e.target.value })}>
      <option value="disabled">Desabilitado</option>
      <option value="enabled">Habilitado</option>
    </select>
  );
};

export default Settings;
