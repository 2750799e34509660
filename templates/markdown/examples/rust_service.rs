use socketioxide::SocketIo;

use {{ module }}::{ {{- imports -}} };

/// `limiter` is created once at startup and shared, so the limit holds per company.
pub async fn {{ function }}(io: &SocketIo, limiter: &RateLimiter, company_id: i64, user_id: i64{% for p in params %}, {{ p }}{% endfor %}) {
    // … the service has just saved the change …

    // Bound once: the namespace and the event name both come from company_id.
    let emitter = CompanyEmitter::new(io, limiter, company_id, user_id);
{%- if broadcast %}
    // Every client of the company. Real time is best effort: log a failure, keep the request.
    if let Err(err) = emitter.{{ method }}({{ args }}).await {
        tracing::warn!(company_id, user_id, event = "{{ resource }}", %err, "socket emit failed");
    }
{%- endif %}
{%- if let Some(rooms) = rooms %}
    // Only the clients in one room.
    if let Err(err) = emitter.{{ method }}_to({{ rooms }}{% if !args.is_empty() %}, {{ args }}{% endif %}).await {
        tracing::warn!(company_id, user_id, event = "{{ resource }}", %err, "socket emit failed");
    }
{%- endif %}
}
