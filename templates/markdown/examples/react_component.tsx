import { useState } from "react";
import type { Socket } from "socket.io-client";
import { {{ hook }} } from {{ react_module }};
{%- if let Some(entity) = entity %}
import type { {{ entity }} } from {{ types_module }};

export function {{ component }}({ socket, companyId, initial }: { socket: Socket; companyId: number; initial: {{ entity }}[] }) {
  const [{{ state }}, {{ setter }}] = useState<{{ entity }}[]>(initial);
  // Subscribes once; later renders only swap the handlers, cleanup removes only this listener.
  {{ hook }}(socket, companyId, {
{%- for h in handlers %}
{%- match h %}
{%- when Handler::Prepend { key, value } %}
    {{ key }}: (payload) => {{ setter }}((list) => [{{ value }}, ...list]),
{%- when Handler::Replace { key, value } %}
    {{ key }}: (payload) => {{ setter }}((list) => list.map((item) => (item.id === {{ value }}.id ? {{ value }} : item))),
{%- when Handler::Remove { key, id } %}
    {{ key }}: (payload) => {{ setter }}((list) => list.filter((item) => item.id !== {{ id }})),
{%- when Handler::Keep { key } %}
    {{ key }}: (payload) => console.log(payload),
{%- endmatch %}
{%- endfor %}
{%- if !others.is_empty() %}
    // Also available: {{ others|join(", ") }}.
{%- endif %}
  });
  return <ul>{ {{- state }}.map((item) => <li key={item.id}>{item.id}</li>)}</ul>;
}
{%- else %}
import type { {{ payload_type }} } from {{ types_module }};

export function {{ component }}({ socket, companyId }: { socket: Socket; companyId: number }) {
  const [{{ state }}, {{ setter }}] = useState<{{ payload_type }} | null>(null);
  // Subscribes once; later renders only swap the handlers, cleanup removes only this listener.
  {{ hook }}(socket, companyId, {
{%- for h in handlers %}
{%- match h %}
{%- when Handler::Keep { key } %}
    {{ key }}: {{ setter }},
{%- when _ %}
{%- endmatch %}
{%- endfor %}
  });
  return <p>{ {{- state }} ? `last change: ${ {{- state }}.action}` : "no change yet"}</p>;
}
{%- endif %}
