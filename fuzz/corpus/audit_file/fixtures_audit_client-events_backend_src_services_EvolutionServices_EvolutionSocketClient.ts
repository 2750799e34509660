€import { io } from "socket.io-client";
import path from "node:path";
import { logger } from "../../utils/logger";

// A backend connected to the Evolution API's Socket.IO server: these names are that server's.
export const connectEvolution = (instance: string) => {
  const socket = io(process.env.EVOLUTION_API_URL, { transports: ["websocket"] });
  socket.on("connect", () => socket.emit("subscribe", { instance }));
  socket.on("messages.upsert", data => logger.info(path.basename(instance), data));
  return socket;
};
