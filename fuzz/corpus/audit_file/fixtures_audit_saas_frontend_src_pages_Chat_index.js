‚import React, { useContext, useEffect, useRef, useState } from "react";
import { useParams, useHistory } from "react-router-dom";
import api from "../../services/api";
import { AuthContext } from "../../context/Auth/AuthContext";
import { SocketContext } from "../../context/Socket/SocketContext";
import ChatList from "./ChatList";
import ChatMessages from "./ChatMessages";

const Chat = () => {
  const { user } = useContext(AuthContext);
  const { socket } = useContext(SocketContext);
  const { id } = useParams();
  const history = useHistory();
  const [chats, setChats] = useState([]);
  const [currentChat, setCurrentChat] = useState({});
  const [messages, setMessages] = useState([]);
  const isMounted = useRef(true);

  useEffect(() => {
    api.get("/chats").then(({ data }) => {
      if (isMounted.current) setChats(data.records);
    });
    return () => {
      isMounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (!socket) return undefined;
    const companyId = user.companyId;

    const onChatUser = data => {
      if (data.action === "new-message") {
        setChats(prev => prev.map(c => (c.id === data.chatId ? { ...c, unreads: c.unreads + 1 } : c)));
      }
      if (data.action === "update") {
        setChats(prev => prev.map(c => (c.id === data.chat.id ? data.chat : c)));
      }
    };
    const onChat = data => {
      if (data.action === "new-message" && data.chat.id === currentChat.id) {
        setMessages(prev => [...prev, data.newMessage]);
      }
      if (data.action === "delete") {
        setChats(prev => prev.filter(c => c.id !== +data.id));
        history.push("/chats");
      }
    };

    socket.on(`company-${companyId}-chat-user-${user.id}`, onChatUser);
    socket.on(`company-${companyId}-chat`, onChat);
    return () => {
      socket.off(`company-${companyId}-chat-user-${user.id}`, onChatUser);
      socket.off(`company-${companyId}-chat`, onChat);
    };
  }, [socket, user, currentChat, history]);

  return (
    <div>
      <ChatList chats={chats} selected={id} onSelect={setCurrentChat} />
      <ChatMessages chat={currentChat} messages={messages} />
    </div>
  );
};

export default Chat;
