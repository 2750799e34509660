import { useState } from "react";
{%- if let Some(list) = list %}
import { {{ list.apply }}, {{ hook }}, type CompanyClientSocket } from {{ react_module }};
import type { {{ list.entity }} } from {{ types_module }};

/** `socket` is the company's connection from `useCompanySocket`; `initial` the list as loaded. */
export function {{ component }}({ socket, initial }: { socket: CompanyClientSocket | null; initial: {{ list.entity }}[] }) {
  const [{{ list.state }}, {{ list.setter }}] = useState<{{ list.entity }}[]>(initial);
{%- for line in list.note %}
  // {{ line }}
{%- endfor %}
  {{ hook }}(socket, (payload) => {{ list.setter }}((list) => {{ list.apply }}(list, payload)));
  return <ul>{ {{- list.state }}.map((item) => <li key={item.id}>{item.id}</li>)}</ul>;
}
{%- else %}
import { {{ hook }}, type CompanyClientSocket } from {{ react_module }};
import type { {{ payload_type }} } from {{ types_module }};

/** `socket` is the company's connection from `useCompanySocket`. */
export function {{ component }}({ socket }: { socket: CompanyClientSocket | null }) {
  const [last, setLast] = useState<{{ payload_type }} | null>(null);
  // One handler per action, or one function for all. Subscribes once; new handlers on later
  // renders do not resubscribe, and cleanup removes only this listener.
  {{ hook }}(socket, {
{%- for key in handler_keys %}
    {{ key }}: setLast,
{%- endfor %}
  });
  return <p>{last ? `last change: ${last.action}` : "no change yet"}</p>;
}
{%- endif %}
