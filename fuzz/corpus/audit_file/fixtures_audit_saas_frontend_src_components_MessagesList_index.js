‚import React, { useContext, useState, useEffect, useReducer, useRef } from "react";
import { CircularProgress } from "@material-ui/core";

import api from "../../services/api";
import toastError from "../../errors/toastError";
import { SocketContext } from "../../context/Socket/SocketContext";
import MessageBubble from "../MessageBubble";

const reducer = (state, action) => {
  if (action.type === "LOAD_MESSAGES") {
    return [...action.payload.reverse(), ...state];
  }
  if (action.type === "ADD_MESSAGE") {
    return state.some(m => m.id === action.payload.id) ? state : [...state, action.payload];
  }
  if (action.type === "UPDATE_MESSAGE") {
    return state.map(m => (m.id === action.payload.id ? action.payload : m));
  }
  if (action.type === "RESET") {
    return [];
  }
  return state;
};

const MessagesList = ({ ticket, ticketId }) => {
  const [messagesList, dispatch] = useReducer(reducer, []);
  const [pageNumber, setPageNumber] = useState(1);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const lastMessageRef = useRef();
  const { socket } = useContext(SocketContext);

  useEffect(() => {
    dispatch({ type: "RESET" });
    setPageNumber(1);
  }, [ticketId]);

  useEffect(() => {
    setLoading(true);
    const delayDebounceFn = setTimeout(() => {
      const fetchMessages = async () => {
        if (ticketId === undefined) return;
        try {
          const { data } = await api.get("/messages/" + ticketId, { params: { pageNumber } });
          dispatch({ type: "LOAD_MESSAGES", payload: data.messages });
          setHasMore(data.hasMore);
          setLoading(false);
        } catch (err) {
          setLoading(false);
          toastError(err);
        }
      };
      fetchMessages();
    }, 500);
    return () => clearTimeout(delayDebounceFn);
  }, [pageNumber, ticketId]);

  const scrollToBottom = () => {
    lastMessageRef.current?.scrollIntoView({});
  };

  useEffect(() => {
    if (!socket || !ticket?.companyId) return undefined;
    const companyId = ticket.companyId;

    const joinRoom = () => socket.emit("joinChatBox", `${ticket.id}`);
    const onAppMessage = data => {
      if (data.action === "create" && data.message.ticketId === ticket.id) {
        dispatch({ type: "ADD_MESSAGE", payload: data.message });
        scrollToBottom();
      }
      if (data.action === "update") {
        dispatch({ type: "UPDATE_MESSAGE", payload: data.message });
      }
    };

    socket.on("connect", joinRoom);
    socket.on(`company-${companyId}-appMessage`, onAppMessage);
    joinRoom();

    return () => {
      socket.emit("joinChatBoxLeave", `${ticket.id}`);
      socket.off("connect", joinRoom);
      socket.off(`company-${companyId}-appMessage`, onAppMessage);
    };
  }, [socket, ticket]);

  const loadMore = () => setPageNumber(prev => prev + 1);

  return (
    <div onScroll={e => hasMore && e.currentTarget.scrollTop === 0 && loadMore()}>
      {messagesList.map(message => (
        <MessageBubble key={message.id} message={message} />
      ))}
      {loading && <CircularProgress />}
      <div ref={lastMessageRef} />
    </div>
  );
};

export default MessagesList;
