€import { Server, Namespace, Socket } from "socket.io";
import { injectable, inject } from "tsyringe";
import { verify } from "jsonwebtoken";
import authConfig from "../config/auth";

interface SessionUser {
  id: number;
  companyId: number;
}

/** Socket gateway of the 7.x backend, behind the REALTIME_V2 flag. */
@injectable()
export class RealtimeGateway {
  private workspaces!: Namespace;

  constructor(@inject("SocketServer") private readonly io: Server) {}

  listen(): void {
    this.workspaces = this.io.of(/^\/workspace-\d+$/);
    this.workspaces.use((socket, next) => {
      try {
        socket.data.user = verify(socket.handshake.auth.token, authConfig.secret) as SessionUser;
        next();
      } catch (err) {
        next(err as Error);
      }
    });
    this.workspaces.on("connection", socket => this.onConnection(socket));
  }

  private onConnection(socket: Socket): void {
    const user = socket.data.user as SessionUser;
    socket.join(`user-${user.id}`);
    // The widget build sends its company in the handshake.
    const companyId = Number(socket.handshake.auth.companyId ?? user.companyId);
    socket.broadcast.emit(`company-${companyId}-presence`, {
      action: "update",
      online: true,
      companyId,
      userId: user.id,
      timestamp: new Date().toISOString()
    });
  }

  ticketChanged<T extends { id: number; companyId: number }>(ticket: T, userId: number | null): void {
    this.io
      .of(`/workspace-${ticket.companyId}`)
      .to(`ticket-${ticket.id}`)
      .emit(`company-${ticket.companyId}-ticket`, {
        action: "update",
        ticket,
        companyId: ticket.companyId,
        userId,
        timestamp: new Date().toISOString()
      });
  }
}
