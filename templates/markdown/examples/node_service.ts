import type { Server } from "socket.io";
import { createSocketEmitter } from {{ server_module }};
{%- if !type_imports.is_empty() %}
import type { {{ type_imports|join(", ") }} } from {{ types_module }};
{%- endif %}

export async function {{ service }}(io: Server, companyId: number, userId: number{% for p in params %}, {{ p }}{% endfor %}): Promise<void> {
  // … the service has just saved the change …

  // Bound once: the namespace and the event name both come from companyId.
  const emit = createSocketEmitter(io, companyId, userId);
{%- if broadcast %}
  // Every client of the company. Never throws: a refused or failed emit is logged.
  {{ call }}({{ payload }});
{%- endif %}
{%- if let Some(room) = room %}
  // Only the clients in one room.
  {{ call }}({{ payload }}, {{ room }});
{%- endif %}
}
