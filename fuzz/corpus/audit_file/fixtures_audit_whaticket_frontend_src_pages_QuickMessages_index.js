‚import React, { useState, useEffect, useReducer, useContext } from "react";
import api from "../../services/api";
import { AuthContext } from "../../context/Auth/AuthContext";
import { socketConnection } from "../../services/socket";

const reducer = (state, action) => {
  if (action.type === "UPDATE_QUICKMESSAGES") {
    const index = state.findIndex(q => q.id === action.payload.id);
    if (index !== -1) {
      state[index] = action.payload;
      return [...state];
    }
    return [action.payload, ...state];
  }
  return state;
};

const QuickMessages = () => {
  const [quickmessages, dispatch] = useReducer(reducer, []);
  const [loading, setLoading] = useState(false);
  const { user } = useContext(AuthContext);

  useEffect(() => {
    setLoading(true);
    api.get("/quick-messages").then(({ data }) => {
      data.records.forEach(record => dispatch({ type: "UPDATE_QUICKMESSAGES", payload: record }));
      setLoading(false);
    });
  }, []);

  useEffect(() => {
    const companyId = user.companyId;
    const socket = socketConnection({ companyId, userId: user.id });

    socket.on(`company-${companyId}-quickemessage`, data => {
      if (data.action === "update" || data.action === "create") {
        dispatch({ type: "UPDATE_QUICKMESSAGES", payload: data.record });
      }
    });
    return () => {
      socket.off(`company-${companyId}-quickemessage`);
    };
  }, [user]);

  return <div>{loading ? "..." : quickmessages.length}</div>;
};

export default QuickMessages;
