import React, { useEffect, useReducer, useState } from "react";
import { useSocket } from "../../context/Socket/SocketContext";
import { useAuth } from "../../hooks/useAuth";
import api from "../../services/api";

interface Ticket {
  id: number;
  status: "open" | "pending" | "closed";
  unreadMessages: number;
  queueId: number | null;
  userId: number | null;
}

type TicketEvent = { action: "update"; ticket: Ticket } | { action: "delete"; ticketId: number };

type Action = { type: "LOAD"; payload: Ticket[] } | { type: "UPSERT"; payload: Ticket } | { type: "DELETE"; payload: number };

function reducer(state: Ticket[], action: Action): Ticket[] {
  switch (action.type) {
    case "LOAD":
      return action.payload;
    case "UPSERT": {
      const rest = state.filter(t => t.id !== action.payload.id);
      return [action.payload, ...rest];
    }
    case "DELETE":
      return state.filter(t => t.id !== action.payload);
    default:
      return state;
  }
}

const byId = <T extends { id: number },>(items: T[]): Record<number, T> =>
  items.reduce<Record<number, T>>((acc, item) => ({ ...acc, [item.id]: item }), {});

export default function TicketsListCustom({ status }: { status: Ticket["status"] }): JSX.Element {
  const { user } = useAuth();
  const { socket } = useSocket();
  const [tickets, dispatch] = useReducer(reducer, []);
  const [loading, setLoading] = useState<boolean>(true);
  const companyId = user?.companyId;

  useEffect(() => {
    api.get<{ tickets: Ticket[] }>("/tickets", { params: { status } }).then(({ data }) => {
      dispatch({ type: "LOAD", payload: data.tickets });
      setLoading(false);
    });
  }, [status]);

  useEffect(() => {
    if (!socket || !companyId) return;
    const onTicket = (data: TicketEvent) => {
      if (data.action === "update") dispatch({ type: "UPSERT", payload: data.ticket });
      if (data.action === "delete") dispatch({ type: "DELETE", payload: data.ticketId });
    };
    socket?.emit("joinTickets", status);
    socket?.on(`company-${companyId}-ticket`, onTicket);
    return () => {
      socket?.emit("joinTicketsLeave", status);
      socket?.off(`company-${companyId}-ticket`);
    };
  }, [socket, companyId, status]);

  const indexed = byId(tickets);
  return (
    <ul aria-busy={loading}>
      {Object.values(indexed).map(ticket => (
        <li key={ticket.id}>
          #{ticket.id} {ticket.unreadMessages > 0 && <strong>{ticket.unreadMessages}</strong>}
        </li>
      ))}
    </ul>
  );
}
