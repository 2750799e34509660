{%- import "ts/macros.ts" as m -%}
/* eslint-disable */
// React hooks for socket.io-client 4.7: open a company's namespace, subscribe to its events, and
// apply list events to state. Plain `.ts`, no JSX.
//
// - `useCompanySocket(url, companyId, token)` opens `{{ namespace_pattern }}` with `auth: { token }`.
// - `use<Resource>Events(socket, companyId, handlers)` subscribes while mounted. It keeps the
//   latest handlers in a ref, so passing new functions on every render does not resubscribe, and
//   it removes only its own listener (`socket.off(event, listener)`), never the other
//   components' listeners of the same event.
// - `apply<Resource>Event(list, payload)` returns the list with the event applied, without
//   changing the list it was given.
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { io as __chatiaConnect } from "socket.io-client";
import type {
  ManagerOptions as __ChatiaManagerOptions,
  Socket as __ChatiaClientSocket,
  SocketOptions as __ChatiaSocketOptions,
} from "socket.io-client";
import { companyNamespace, eventNames } from {{ types_import }};
import type {
{%- for name in type_imports %}
  {{ name }},
{%- endfor %}
} from {{ types_import }};

/** A socket.io-client socket on one company's namespace, typed by the catalog. */
export type CompanyClientSocket = __ChatiaClientSocket<ServerToClientEvents, ClientToServerEvents>;

/** Options of the socket.io-client connection; `auth` is the hook's. */
export type UseCompanySocketOptions = Omit<Partial<__ChatiaManagerOptions & __ChatiaSocketOptions>, "auth">;

/**
 * Opens the namespace of `companyId` on `url`, the server's origin (`https://api.example.com`),
 * sending `auth: { token }`, and closes it on unmount or when `url`, `companyId` or `token`
 * changes. Returns `null` until the socket exists and while `companyId` or `token` is missing.
 * `options` are read when the socket opens; changing them alone does not reconnect.
 */
export function useCompanySocket(
  url: string,
  companyId: number | null | undefined,
  token: string | null | undefined,
  options?: UseCompanySocketOptions,
): CompanyClientSocket | null {
  const [socket, setSocket] = useState<CompanyClientSocket | null>(null);
  const latestOptions = useRef(options);
  useLayoutEffect(() => {
    latestOptions.current = options;
  });
  useEffect(() => {
    if (companyId === null || companyId === undefined || !token) {
      return undefined;
    }
    const origin = url.replace(/\/+$/, "");
    const opened: CompanyClientSocket = __chatiaConnect(origin + companyNamespace(companyId), {
      ...latestOptions.current,
      auth: { token },
    });
    setSocket(opened);
    return () => {
      opened.disconnect();
      setSocket((current) => (current === opened ? null : current));
    };
  }, [url, companyId, token]);
  return socket;
}
{% for ev in events %}
/**
 * What `{{ ev.hook }}` calls: one function for every `{{ ev.resource }}` event, or one function per
 * action (actions without one are ignored).
 */
export type {{ ev.handlers }} =
  | ((payload: {{ ev.payload }}) => void)
  | {
{%- for a in ev.actions %}
{%- call m::doc(a.doc.as_slice(), "      ") %}{% endcall %}
      {{ a.key }}?: (payload: {{ a.variant }}) => void;
{%- endfor %}
    };

/**
{%- for line in ev.doc %}
 *{% if !line.is_empty() %} {{ line }}{% endif %}
{%- endfor %}
{%- if !ev.doc.is_empty() %}
 *
{%- endif %}
 * Calls `handlers` for every `{{ ev.resource }}` event of `companyId` that reaches `socket`, from
 * mount to unmount.
 */
export function {{ ev.hook }}(socket: CompanyClientSocket | null | undefined, companyId: number, handlers: {{ ev.handlers }}): void {
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!socket) {
      return undefined;
    }
    const event = eventNames.{{ ev.member }}(companyId);
    const listener = (payload: {{ ev.payload }}): void => {{ ev.dispatch }}(latest.current, payload);
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [socket, companyId]);
}
{%- if let Some(list) = ev.list %}

/**
 * Applies a `{{ ev.resource }}` event to a list of `{{ list.entity }}` (matched by `id`) and returns the
 * result; the given list is never changed, and comes back as is when the event changes nothing.
{%- for line in list.doc %}
 * - {{ line }}
{%- endfor %}
 */
export function {{ list.apply }}(list: {{ list.entity }}[], payload: {{ ev.payload }}): {{ list.entity }}[];
export function {{ list.apply }}(list: readonly {{ list.entity }}[], payload: {{ ev.payload }}): readonly {{ list.entity }}[];
export function {{ list.apply }}(list: readonly {{ list.entity }}[], payload: {{ ev.payload }}): readonly {{ list.entity }}[] {
  switch (payload.action) {
{%- for c in list.cases %}
{%- for literal in c.literals %}
    case {{ literal }}:
{%- endfor %}
      return {{ c.expr }};
{%- endfor %}
    default:
      return list;
  }
}
{%- endif %}
{% endfor %}
// Internals. Their names start with `__chatia` so they cannot meet a name from the catalog.

/** A throwing handler must not stop the other listeners of the event; report it instead. */
function __chatiaReport(error: unknown): void {
  if (typeof reportError === "function") {
    reportError(error);
  } else {
    console.error(error);
  }
}
{% for ev in events %}
function {{ ev.dispatch }}(handlers: {{ ev.handlers }}, payload: {{ ev.payload }}): void {
  try {
    if (typeof handlers === "function") {
      handlers(payload);
      return;
    }
    switch (payload.action) {
{%- for a in ev.actions %}
      case {{ a.literal }}:
        handlers.{{ a.key }}?.(payload);
        return;
{%- endfor %}
    }
  } catch (error) {
    __chatiaReport(error);
  }
}
{% endfor %}
{%- if uses_upsert %}
function __chatiaUpsert<T extends { id: unknown }>(list: readonly T[], item: T): readonly T[] {
  const index = list.findIndex((entry) => entry.id === item.id);
  return index === -1 ? [item, ...list] : __chatiaReplaceAt(list, index, item);
}
{% endif %}
{%- if uses_replace %}
function __chatiaReplace<T extends { id: unknown }>(list: readonly T[], item: T): readonly T[] {
  const index = list.findIndex((entry) => entry.id === item.id);
  return index === -1 ? list : __chatiaReplaceAt(list, index, item);
}
{% endif %}
{%- if uses_upsert || uses_replace %}
function __chatiaReplaceAt<T>(list: readonly T[], index: number, item: T): readonly T[] {
  const copy = list.slice();
  copy[index] = item;
  return copy;
}
{% endif %}
{%- if uses_remove %}
function __chatiaRemove<T extends { id: unknown }>(list: readonly T[], id: unknown): readonly T[] {
  const index = list.findIndex((entry) => entry.id === id);
  return index === -1 ? list : [...list.slice(0, index), ...list.slice(index + 1)];
}
{% endif -%}
