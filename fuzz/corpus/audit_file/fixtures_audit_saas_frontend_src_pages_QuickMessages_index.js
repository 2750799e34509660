‚import React, { useState, useEffect, useReducer, useContext } from "react";
import { toast } from "react-toastify";
import api from "../../services/api";
import toastError from "../../errors/toastError";
import { AuthContext } from "../../context/Auth/AuthContext";
import { SocketContext } from "../../context/Socket/SocketContext";

const reducer = (state, action) => {
  switch (action.type) {
    case "LOAD":
      return action.payload;
    case "UPSERT": {
      const others = state.filter(q => q.id !== action.payload.id);
      return [action.payload, ...others];
    }
    case "DELETE":
      return state.filter(q => q.id !== +action.payload);
    default:
      return state;
  }
};

const QuickMessages = () => {
  const { user } = useContext(AuthContext);
  const { socket } = useContext(SocketContext);
  const [quickMessages, dispatch] = useReducer(reducer, []);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    (async () => {
      setLoading(true);
      try {
        const { data } = await api.get("/quick-messages", { params: { companyId: user.companyId } });
        dispatch({ type: "LOAD", payload: data.records });
      } catch (err) {
        toastError(err);
      }
      setLoading(false);
    })();
  }, [user.companyId]);

  useEffect(() => {
    if (!socket) return undefined;
    const onQuickMessage = data => {
      if (data.action === "update" || data.action === "create") {
        dispatch({ type: "UPSERT", payload: data.record });
      }
      if (data.action === "delete") {
        dispatch({ type: "DELETE", payload: data.id });
        toast.info("Resposta rÃ¡pida removida");
      }
    };
    socket.on(`company-${user.companyId}-quickMessages`, onQuickMessage);
    return () => socket.off(`company-${user.companyId}-quickMessages`, onQuickMessage);
  }, [socket, user.companyId]);

  return (
    <ul aria-busy={loading}>
      {quickMessages.map(q => (
        <li key={q.id}>
          <strong>/{q.shortcode}</strong> {q.message}
        </li>
      ))}
    </ul>
  );
};

export default QuickMessages;
