€import "socket.io";

declare module "socket.io" {
  interface SocketData {
    user: { id: number; companyId: number; profile: string };
  }
}

/** Server â†’ client events, e.g. io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, payload). */
export interface ServerToClientEvents {
  [event: `company-${number}-ticket`]: (payload: { action: "create" | "update" | "delete" }) => void;
}
