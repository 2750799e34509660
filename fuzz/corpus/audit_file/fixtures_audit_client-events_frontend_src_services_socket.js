‚import openSocket from "socket.io-client";

export function socketConnection({ companyId }) {
  const token = localStorage.getItem("token");
  return openSocket(`${process.env.REACT_APP_BACKEND_URL}/workspace-${companyId}`, {
    auth: { token: JSON.parse(token) }
  });
}
