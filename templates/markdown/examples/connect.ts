import { io } from "socket.io-client";

// One connection per company namespace; the server refuses a token of another company.
const socket = io(`${baseUrl}{{ namespace }}`, { auth: { token } });
socket.on("connect_error", (err) => console.warn("real-time updates unavailable:", err.message));
{%- if let Some(join) = join %}

const result = await socket.emitWithAck("room:join", {{ join }});
if (!result.ok) console.warn("cannot follow this room:", result.error);
{%- endif %}
