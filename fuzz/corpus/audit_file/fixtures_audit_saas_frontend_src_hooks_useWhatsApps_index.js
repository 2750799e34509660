‚import { useState, useEffect, useReducer } from "react";
import toastError from "../../errors/toastError";
import api from "../../services/api";
import { socketConnection } from "../../services/socket";

const reducer = (state, action) => {
  if (action.type === "LOAD_WHATSAPPS") {
    return [...action.payload];
  }
  if (action.type === "UPDATE_WHATSAPPS") {
    const whatsApp = action.payload;
    const index = state.findIndex(s => s.id === whatsApp.id);
    if (index !== -1) {
      state[index] = whatsApp;
      return [...state];
    }
    return [whatsApp, ...state];
  }
  if (action.type === "UPDATE_SESSION") {
    const whatsApp = action.payload;
    return state.map(s => (s.id === whatsApp.id ? { ...s, status: whatsApp.status, qrcode: whatsApp.qrcode, retries: whatsApp.retries } : s));
  }
  if (action.type === "DELETE_WHATSAPPS") {
    return state.filter(s => s.id !== action.payload);
  }
  return state;
};

const useWhatsApps = () => {
  const [whatsApps, dispatch] = useReducer(reducer, []);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    setLoading(true);
    const fetchSession = async () => {
      try {
        const { data } = await api.get("/whatsapp/?session=0");
        dispatch({ type: "LOAD_WHATSAPPS", payload: data });
        setLoading(false);
      } catch (err) {
        setLoading(false);
        toastError(err);
      }
    };
    fetchSession();
  }, []);

  useEffect(() => {
    const companyId = localStorage.getItem("companyId");
    const socket = socketConnection({ companyId });

    socket.on(`company-${companyId}-whatsapp`, data => {
      if (data.action === "update") {
        dispatch({ type: "UPDATE_WHATSAPPS", payload: data.whatsapp });
      }
      if (data.action === "delete") {
        dispatch({ type: "DELETE_WHATSAPPS", payload: data.whatsappId });
      }
    });

    socket.on(`company-${companyId}-whatsappSession`, data => {
      if (data.action === "update") {
        dispatch({ type: "UPDATE_SESSION", payload: data.session });
      }
    });

    return () => {
      socket.disconnect();
    };
  }, []);

  return { whatsApps, loading };
};

export default useWhatsApps;
