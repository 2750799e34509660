‚import React, { useEffect, useReducer, useContext } from "react";
import { SocketContext } from "../../context/Socket/SocketContext";

const reducer = (state, action) => {
  if (action.type === "ADD_MESSAGE") {
    return [...state, action.payload];
  }
  return state;
};

const MessagesList = ({ ticket, ticketId }) => {
  const [messagesList, dispatch] = useReducer(reducer, []);
  const socketManager = useContext(SocketContext);

  useEffect(() => {
    const companyId = localStorage.getItem("companyId");
    const socket = socketManager.getSocket(companyId);

    socket.on("connect", () => socket.emit("joinChatBox", `${ticket.id}`));

    // Left over from the single-tenant version.
    socket.on("appMessage", data => {
      if (data.action === "create" && data.message.ticketId === ticket.id) {
        dispatch({ type: "ADD_MESSAGE", payload: data.message });
      }
    });

    return () => {
      socket.disconnect();
    };
  }, [ticketId, ticket, socketManager]);

  return <div>{messagesList.length}</div>;
};

export default MessagesList;
