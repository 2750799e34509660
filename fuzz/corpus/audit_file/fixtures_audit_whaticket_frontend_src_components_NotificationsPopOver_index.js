‚import React, { useState, useRef, useEffect, useContext } from "react";
import { useHistory } from "react-router-dom";
import useSound from "use-sound";
import Popover from "@material-ui/core/Popover";
import alertSound from "../../assets/sound.mp3";
import { AuthContext } from "../../context/Auth/AuthContext";
import { SocketContext } from "../../context/Socket/SocketContext";

const NotificationsPopOver = () => {
  const history = useHistory();
  const { user } = useContext(AuthContext);
  const ticketIdUrl = +history.location.pathname.split("/")[2];
  const anchorEl = useRef();
  const [notifications, setNotifications] = useState([]);
  const [play] = useSound(alertSound);
  const socketManager = useContext(SocketContext);

  useEffect(() => {
    const companyId = user.companyId;
    const socket = socketManager.getSocket(companyId);

    socket.on("connect", () => socket.emit("joinNotification"));

    socket.on(`company-${companyId}-appMessage`, data => {
      if (data.action === "create" && !data.message.read && data.ticket.id !== ticketIdUrl) {
        setNotifications(prev => [data.ticket, ...prev]);
        play();
      }
    });
  }, [user, ticketIdUrl, play, socketManager]);

  return <Popover open={notifications.length > 0} anchorEl={anchorEl.current} />;
};

export default NotificationsPopOver;
