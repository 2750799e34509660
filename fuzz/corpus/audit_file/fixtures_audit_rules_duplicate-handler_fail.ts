€import { Server } from "socket.io";
import { setupCompanyNamespaces } from "./socket/emitters";

// The generated setup serves the company namespaces; these handlers do its work a second time.
export const initIO = (httpServer: any) => {
  const io = new Server(httpServer);
  const parent = setupCompanyNamespaces(io, { verifyToken, canJoinRoom });
  parent.on("connection", socket => {
    socket.on("joinChatBox", (ticketId: number) => socket.join(`ticket-${ticketId}`)); // expect: duplicate-handler
    socket.on("markAsRead", (ticketId: number, ack: Function) => markAsRead(ticketId).then(ack)); // expect: duplicate-handler
    socket.on("room:join", (request: unknown, ack: Function) => ack({ ok: true })); // expect: duplicate-handler
  });
  // A legacy connection handler on the default namespace still joins rooms the catalog binds.
  io.on("connection", socket => {
    socket.on("joinNotification", () => socket.join("notification")); // expect: duplicate-handler
    socket.once("leaveChatBox", (ticketId: number) => socket.leave(`ticket-${ticketId}`)); // expect: duplicate-handler
  });
  io.of(/^\/workspace-\d+$/).use(auth).on("connection", socket => {
    // expect-next: duplicate-handler
    socket.on("markAsRead", async (ticketId: number) => {
      await markAsRead(ticketId);
    });
  });
};
