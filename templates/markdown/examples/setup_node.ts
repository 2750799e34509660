import type { Server } from "socket.io";
import { setupCompanyNamespaces, type CompanyNamespacesOptions, type VerifiedUser } from {{ server_module }};
{%- if joinable %}
import type { RoomRequest } from {{ types_module }};
{%- endif %}

/**
 * Once at startup, before the first emit. `verifyJwt`{% if joinable %} and `mayJoin` are{% else %} is{% endif %} the application's own
 * check{% if joinable %}s{% endif %}: whose token this is{% if joinable %}, and whether this user may follow this room{% endif %}.
 */
export function setupRealtime(
  io: Server,
  verifyJwt: (token: string) => Promise<VerifiedUser | null>,
{%- if joinable %}
  mayJoin: (userId: number, request: RoomRequest) => Promise<boolean>,
{%- endif %}
  // The handlers of the client events and their ownership check.
  clientEvents: Pick<CompanyNamespacesOptions, "handlers" | "authorize">,
): void {
  setupCompanyNamespaces(io, {
    // The token's { companyId, userId }, or null: refused with `unauthorized` (`forbidden` for another company).
    verifyToken: (token) => verifyJwt(token),
{%- if joinable %}
    // Runs before every `room:join`, once the request names a joinable room with valid parameters.
    canJoinRoom: (request, user) => mayJoin(user.userId, request),
{%- else %}
    // No room of the catalog is joinable: every `room:join` is refused before this runs.
    canJoinRoom: () => false,
{%- endif %}
    ...clientEvents,
  });
}
