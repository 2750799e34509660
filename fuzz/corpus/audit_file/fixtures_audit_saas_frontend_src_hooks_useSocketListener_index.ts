€import { useEffect } from "react";
import type { Socket } from "socket.io-client";

/** Subscribes `handler` to `event` for the component's lifetime. */
export function useSocketListener<T = unknown>(socket: Socket | null, event: string, handler: (payload: T) => void): void {
  useEffect(() => {
    if (!socket) return undefined;
    const listener = handler as (...args: any[]) => void;
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [socket, event, handler]);
}
