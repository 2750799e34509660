‚import React, { useState, useEffect, useReducer, useContext } from "react";
import { makeStyles } from "@material-ui/core/styles";
import List from "@material-ui/core/List";
import TicketListItem from "../TicketListItem";
import useTickets from "../../hooks/useTickets";
import { AuthContext } from "../../context/Auth/AuthContext";
import { SocketContext } from "../../context/Socket/SocketContext";

const useStyles = makeStyles(() => ({ ticketsList: { flex: 1, overflowY: "scroll" } }));

const reducer = (state, action) => {
  if (action.type === "UPDATE_TICKET") {
    const ticket = action.payload;
    const index = state.findIndex(t => t.id === ticket.id);
    if (index !== -1) {
      state[index] = ticket;
      return [...state];
    }
    return [ticket, ...state];
  }
  if (action.type === "DELETE_TICKET") {
    return state.filter(t => t.id !== action.payload);
  }
  return state;
};

const TicketsList = ({ status, searchParam, showAll, selectedQueueIds }) => {
  const classes = useStyles();
  const [pageNumber] = useState(1);
  const [ticketsList, dispatch] = useReducer(reducer, []);
  const { user } = useContext(AuthContext);
  const socketManager = useContext(SocketContext);
  const { tickets } = useTickets({ pageNumber, searchParam, status, showAll, queueIds: JSON.stringify(selectedQueueIds) });

  useEffect(() => {
    dispatch({ type: "LOAD_TICKETS", payload: tickets });
  }, [tickets]);

  useEffect(() => {
    const companyId = localStorage.getItem("companyId");
    const socket = socketManager.getSocket(companyId);

    const onConnect = () => {
      if (status) {
        socket.emit("joinTickets", status);
      } else {
        socket.emit("joinNotification");
      }
    };
    const onCompanyTicket = data => {
      if (data.action === "update") {
        dispatch({ type: "UPDATE_TICKET", payload: data.ticket });
      }
      if (data.action === "delete") {
        dispatch({ type: "DELETE_TICKET", payload: data.ticketId });
      }
    };

    socket.on("connect", onConnect);
    socket.on(`company-${companyId}-ticket`, onCompanyTicket);

    return () => {
      socket.off("connect", onConnect);
      socket.off(`company-${companyId}-ticket`, onCompanyTicket);
    };
  }, [status, showAll, user, selectedQueueIds, socketManager]);

  return (
    <List className={classes.ticketsList}>
      {ticketsList.map(ticket => (
        <TicketListItem ticket={ticket} key={ticket.id} />
      ))}
    </List>
  );
};

export default TicketsList;
