use socketioxide::SocketIo;

use {{ module }}::{ {{- imports -}} };

pub async fn {{ function }}(io: &SocketIo, company_id: i64, user_id: i64{% for p in params %}, {{ p }}{% endfor %}) {
    // … the service has just saved the change …

    // Bound once: the namespace and the event name both come from company_id.
    let emitter = SocketEmitter::new(io.clone(), company_id, user_id);
{%- if broadcast %}
    // Every client of the company. Real time is best effort: log a failure, keep the request.
    if let Err(err) = emitter.{{ method }}({{ args }}) {
        tracing::warn!(company_id, user_id, event = "{{ resource }}", %err, "socket emit failed");
    }
{%- else if let Some(room) = room %}
    // Only the clients in one room. Real time is best effort: log a failure, keep the request.
    if let Err(err) = emitter.{{ method }}_to({{ room }}, {{ args }}) {
        tracing::warn!(company_id, user_id, event = "{{ resource }}", %err, "socket emit failed");
    }
{%- endif %}
}
