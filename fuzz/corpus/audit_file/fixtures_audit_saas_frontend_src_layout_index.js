‚import React, { useState, useContext, useEffect } from "react";
import AppBar from "@material-ui/core/AppBar";
import Toolbar from "@material-ui/core/Toolbar";
import { AuthContext } from "../context/Auth/AuthContext";
import { SocketContext } from "../context/Socket/SocketContext";
import toastError from "../errors/toastError";
import AnnouncementsPopover from "../components/AnnouncementsPopover";

const LoggedInLayout = ({ children }) => {
  const { handleLogout } = useContext(AuthContext);
  const { socket } = useContext(SocketContext);
  const [announcement, setAnnouncement] = useState(null);

  useEffect(() => {
    if (!socket) return undefined;
    const companyId = localStorage.getItem("companyId");
    const userId = localStorage.getItem("userId");

    const onCompanyAuth = data => {
      if (data.user.id === +userId) {
        toastError("Sua conta foi acessada em outro computador.");
        setTimeout(() => {
          handleLogout();
        }, 1000);
      }
    };
    const onAnnouncement = data => setAnnouncement(data.record);

    socket.on(`company-${companyId}-auth`, onCompanyAuth);
    socket.on("company-announcement", onAnnouncement);
    socket.emit("userStatus");

    const interval = setInterval(() => socket.emit("userStatus"), 1000 * 60 * 5);

    return () => {
      socket.off(`company-${companyId}-auth`, onCompanyAuth);
      socket.off("company-announcement", onAnnouncement);
      clearInterval(interval);
    };
  }, [socket, handleLogout]);

  return (
    <div>
      <AppBar position="absolute">
        <Toolbar>
          <AnnouncementsPopover announcement={announcement} />
        </Toolbar>
      </AppBar>
      <main>{children}</main>
    </div>
  );
};

export default LoggedInLayout;
