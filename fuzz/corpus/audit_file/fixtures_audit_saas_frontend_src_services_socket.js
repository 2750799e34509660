‚import openSocket from "socket.io-client";
import { isObject } from "lodash";

export function socketConnection(params) {
  let userId = null;
  if (localStorage.getItem("userId")) {
    userId = localStorage.getItem("userId");
  }
  const companyId = params?.companyId ?? localStorage.getItem("companyId");
  const token = JSON.parse(localStorage.getItem("token"));

  const socket = openSocket(`${process.env.REACT_APP_BACKEND_URL}/workspace-${companyId}`, {
    transports: ["websocket", "polling", "flashsocket"],
    pingTimeout: 18000,
    pingInterval: 18000,
    auth: { token },
    query: isObject(params) ? { ...params, userId } : { userId }
  });

  socket.on("connect_error", err => {
    console.warn("socket connect_error", err.message);
  });

  // The Manager's event, not the server's.
  socket.io.on("reconnect_attempt", () => {
    socket.io.opts.auth = { token: JSON.parse(localStorage.getItem("token")) };
  });

  return socket;
}
