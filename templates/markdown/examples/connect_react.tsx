import { useEffect } from "react";
import { useCompanySocket, type CompanyClientSocket } from {{ react_module }};
{%- if let Some(room) = room %}
{%- if !room.type_imports.is_empty() %}
import type { {{ room.type_imports|join(", ") }} } from {{ types_module }};
{%- endif %}

/** The company's connection, following one room while mounted. `apiUrl` is the server's origin. */
export function {{ room.hook }}(apiUrl: string, companyId: number, token: string{% for p in room.params %}, {{ p }}{% endfor %}): CompanyClientSocket | null {
  // Opens {{ namespace }} with `auth: { token }`; null until then, closed on unmount.
  const { socket } = useCompanySocket(apiUrl, companyId, token);
  useEffect(() => {
    if (!socket) return undefined;
    // `unauthorized` or `forbidden`: the server refused the token for this company.
    const refused = (err: Error) => console.warn("real-time updates unavailable:", err.message);
    // Rooms do not outlive a connection: ask again after every reconnection.
    const join = () =>
      socket.emit("room:join", {{ room.request }}, (result) => {
        if (!result.ok) console.warn("cannot follow this room:", result.error);
      });
    socket.on("connect_error", refused);
    socket.on("connect", join);
    if (socket.connected) join();
    return () => {
      socket.off("connect_error", refused);
      socket.off("connect", join);
      if (socket.connected) socket.emit("room:leave", {{ room.request }});
    };
  }, [socket{% for d in room.deps %}, {{ d }}{% endfor %}]);
  return socket;
}
{%- else %}

/** The company's connection while mounted. `apiUrl` is the server's origin. */
export function useCompanyConnection(apiUrl: string, companyId: number, token: string): CompanyClientSocket | null {
  // Opens {{ namespace }} with `auth: { token }`; null until then, closed on unmount.
  const { socket } = useCompanySocket(apiUrl, companyId, token);
  useEffect(() => {
    if (!socket) return undefined;
    // `unauthorized` or `forbidden`: the server refused the token for this company.
    const refused = (err: Error) => console.warn("real-time updates unavailable:", err.message);
    socket.on("connect_error", refused);
    return () => {
      socket.off("connect_error", refused);
    };
  }, [socket]);
  return socket;
}
{%- endif %}
