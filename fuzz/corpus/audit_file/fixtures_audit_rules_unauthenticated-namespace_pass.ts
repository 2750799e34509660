€import { Server } from "socket.io";

export const initIO = (httpServer: any) => {
  const io = new Server(httpServer);
  io.use((socket, next) => next());
  const workspaces = io.of(/^\/workspace-\d+$/);
  workspaces.use((socket, next) => next());
  workspaces.on("connection", socket => {});
  io.of((name, auth, next) => next(null, true))
    .use((socket, next) => next())
    .on("connection", socket => {});
};

export const emitOnly = (companyId: number) => {
  const io = new Server();
  io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, {});
};
