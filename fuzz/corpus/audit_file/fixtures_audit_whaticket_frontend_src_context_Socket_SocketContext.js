‚import { createContext } from "react";
import openSocket from "socket.io-client";
import { jwtDecode } from "jwt-decode";

class ManagedSocket {
  constructor(socketManager) {
    this.socketManager = socketManager;
    this.rawSocket = socketManager.currentSocket;
    this.callbacks = [];
  }

  on(event, callback) {
    if (event === "ready" || event === "connect") {
      return this.socketManager.onReady(callback);
    }
    this.callbacks.push({ event, callback });
    return this.rawSocket.on(event, callback);
  }

  off(event, callback) {
    const i = this.callbacks.findIndex(c => c.event === event && c.callback === callback);
    this.callbacks.splice(i, 1);
    return this.rawSocket.off(event, callback);
  }

  emit(event, ...params) {
    return this.rawSocket.emit(event, ...params);
  }
}

const socketManager = {
  currentCompanyId: -1,
  currentUserId: -1,
  currentSocket: null,
  socketReady: false,

  getSocket(companyId) {
    let userId = null;
    if (localStorage.getItem("userId")) {
      userId = localStorage.getItem("userId");
    }
    if (companyId !== this.currentCompanyId || userId !== this.currentUserId) {
      if (this.currentSocket) {
        this.currentSocket.removeAllListeners();
        this.currentSocket.disconnect();
      }
      const token = JSON.parse(localStorage.getItem("token"));
      const { exp } = jwtDecode(token);
      if (Date.now() >= exp * 1000) {
        setTimeout(() => window.location.reload(), 1000);
        return new ManagedSocket(this);
      }
      this.currentCompanyId = companyId;
      this.currentUserId = userId;
      this.currentSocket = openSocket(`${process.env.REACT_APP_BACKEND_URL}/workspace-${companyId}`, {
        transports: ["websocket"],
        auth: { token }
      });
      // The Manager's events, not the server's.
      this.currentSocket.io.on("reconnect_attempt", () => {
        this.currentSocket.io.opts.auth = { token: JSON.parse(localStorage.getItem("token")) };
      });
      this.currentSocket.on("disconnect", reason => {
        console.warn(`socket disconnected because: ${reason}`);
      });
      this.currentSocket.on("connect", () => {
        this.socketReady = true;
      });
    }
    return new ManagedSocket(this);
  },

  onReady(callbackReady) {
    if (this.socketReady) {
      callbackReady();
      return;
    }
    this.currentSocket.once("connect", () => callbackReady());
  }
};

const SocketContext = createContext();

export { SocketContext, socketManager };
