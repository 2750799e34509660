{%- if let Some(room) = room %}
import { useCompanySocket, {{ room.hook }}, type CompanyConnection, type RoomMembership } from {{ react_module }};
{%- if !room.type_imports.is_empty() %}
import type { {{ room.type_imports|join(", ") }} } from {{ types_module }};
{%- endif %}

/**
 * The company's connection, following one room while mounted. `apiUrl` is the server's origin.
 * Show `connection.status` (`refused` carries the reason: `unauthorized` or `forbidden`) and
 * `room.status` (`refused` carries the server's error, `no-reply` a timeout).
 */
export function {{ room.wrapper }}(apiUrl: string, companyId: number, token: string{% for p in room.params %}, {{ p }}{% endfor %}): { connection: CompanyConnection; room: RoomMembership } {
  // Opens {{ namespace }} with `auth: { token }`; `idle` until then, closed on unmount.
  const connection = useCompanySocket(apiUrl, companyId, token);
  // Joins once connected and again after every new connection; leaves on unmount or when an argument changes.
  const room = {{ room.hook }}(connection.socket{% for a in room.args %}, {{ a }}{% endfor %});
  return { connection, room };
}
{%- else %}
import { useEffect } from "react";
import { useCompanySocket, type CompanyClientSocket } from {{ react_module }};

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
