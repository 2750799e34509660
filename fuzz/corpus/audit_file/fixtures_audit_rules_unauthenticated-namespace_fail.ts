€import { Server } from "socket.io";

export const initIO = (httpServer: any) => {
  const io = new Server(httpServer);
  io.use((socket, next) => next());
  io.of(/^\/workspace-\d+$/).on("connection", socket => {}); // expect: unauthenticated-namespace
  const byName = io.of(`/workspace-${1}`); // expect: unauthenticated-namespace
  byName.on("connection", socket => {});
  io.of((name, auth, next) => next(null, true)).on("connection", socket => {}); // expect: unauthenticated-namespace
};
