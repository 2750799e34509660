use {{ module }}::{ {{- imports|join(", ") -}} };

/// What the service does once it has saved the change. `namespaces` (what `register_namespace`
/// returned) and `limiter` are created once at startup and shared, so the limit holds per company.
{%- if many_args %}
#[allow(clippy::too_many_arguments)]
{%- endif %}
pub async fn {{ function }}(namespaces: &CompanyNamespaces, limiter: &RateLimiter, company_id: i64, user_id: i64{% for p in params %}, {{ p }}{% endfor %}) {
    // Bound once: the namespace and the event name both come from company_id.
    let emitter = CompanyEmitter::new(namespaces, limiter, company_id, user_id);
{%- if let Some(call) = broadcast %}
    // Every client of the company. Real time is best effort: log a failure, keep the request.
    if let Err(err) = emitter.{{ call }}.await {
        tracing::warn!(company_id, user_id, event = {{ resource }}, %err, "socket emit failed");
    }
{%- endif %}
{%- if let Some(call) = room %}
{%- if broadcast.is_some() %}
    // Or only the clients in one room.
{%- else %}
    // Only the clients in one room: this event never goes to the whole company.
{%- endif %}
    if let Err(err) = emitter.{{ call }}.await {
        tracing::warn!(company_id, user_id, event = {{ resource }}, %err, "socket emit failed");
    }
{%- endif %}
}
