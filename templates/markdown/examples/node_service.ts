import type { Server } from "socket.io";
import { createSocketEmitter } from {{ server_module }};
{%- if !type_imports.is_empty() %}
import type { {{ type_imports|join(", ") }} } from {{ types_module }};
{%- endif %}

/** What the service does once it has saved the change, in the request of `userId`. */
export function {{ service }}(io: Server, companyId: number, userId: number{% for p in params %}, {{ p }}{% endfor %}): void {
  // Bound once: the namespace and the event name both come from companyId.
  const emit = createSocketEmitter(io, companyId, userId);
{%- if let Some(args) = broadcast %}
  // Every client of the company. Never throws: returns "sent", "rate-limited" or "failed", and logs the last two.
  {{ call }}({{ args }});
{%- endif %}
{%- if let Some(args) = room %}
{%- if broadcast.is_some() %}
  // Or only the clients in one room.
{%- else %}
  // Only the clients in one room: this event never goes to the whole company.
{%- endif %}
  {{ call }}({{ args }});
{%- endif %}
}
