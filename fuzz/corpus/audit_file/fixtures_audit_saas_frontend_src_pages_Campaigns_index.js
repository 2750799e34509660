‚import React, { useEffect, useReducer, useContext } from "react";
import api from "../../services/api";
import { AuthContext } from "../../context/Auth/AuthContext";
import { socketConnection } from "../../services/socket";

const reducer = (state, action) => {
  if (action.type === "LOAD_CAMPAIGNS") return action.payload;
  if (action.type === "UPDATE_CAMPAIGNS") {
    const index = state.findIndex(c => c.id === action.payload.id);
    if (index === -1) return [action.payload, ...state];
    const next = [...state];
    next[index] = action.payload;
    return next;
  }
  if (action.type === "DELETE_CAMPAIGN") return state.filter(c => c.id !== action.payload);
  return state;
};

const Campaigns = () => {
  const { user } = useContext(AuthContext);
  const [campaigns, dispatch] = useReducer(reducer, []);

  useEffect(() => {
    api.get("/campaigns/list").then(({ data }) => dispatch({ type: "LOAD_CAMPAIGNS", payload: data }));
  }, []);

  useEffect(
    function subscribeToCampaigns() {
      const socket = socketConnection({ companyId: user.companyId });
      socket.on(`company-${user.companyId}-campaign`, data => {
        if (data.action === "update" || data.action === "create") {
          dispatch({ type: "UPDATE_CAMPAIGNS", payload: data.record });
        }
        if (data.action === "delete") {
          dispatch({ type: "DELETE_CAMPAIGN", payload: +data.id });
        }
      });
      return function unsubscribe() {
        socket.disconnect();
      };
    },
    [user.companyId]
  );

  return (
    <table>
      <tbody>
        {campaigns.map(campaign => (
          <tr key={campaign.id}>
            <td>{campaign.name}</td>
            <td>{campaign.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

export default Campaigns;
