//! The Socket.IO layer of the company namespaces `{{ namespace_pattern }}`, for socketioxide 0.18:
//!
//! - payload types whose JSON is exactly what the generated TypeScript payload types describe;
//! - [`CompanyEmitter`], bound to one company and one user, with one method per event and action
//!   and [`RateLimiter`], the catalog's limit of {{ rate_events }} events per {{ rate_window_seconds }} s per company;
//! - [`register_namespace`], which serves `{{ namespace_pattern }}` behind the application's
//!   [`SocketGuard`], answers `room:join` and `room:leave`{% if has_client_events %}, and serves the client events
//!   ([`ClientEventName`]) — limits, checks of the arguments, ownership check{% if client.has_handlers %}, the application's
//!   [`ClientEventHandlers`]{% endif %} — answering through the acknowledgement ([`Ack`]){% endif %};
//!   it logs every refusal through `tracing`.
//!
//! Declare it as a module of the application (`mod socket_events;`). Its dependencies:
//!
//! ```toml
//! socketioxide = { version = "0.18", features = ["extensions"] }
//! serde = { version = "1", features = ["derive"] }
//! chrono = { version = "0.4", default-features = false, features = ["std", "clock"] }
//! tracing = "0.1"
//! serde_json = "1"
//! tokio = { version = "1", features = ["sync"] }
{%- if rust_adapter_channel.is_some() %}
//! # The Redis adapter (`RedisAdapter`).
//! socketioxide-redis = "0.4"
{%- endif %}
{%- if cluster %}
//! # The budgets shared through Redis (`RateLimiter::with_redis`).
//! redis = { version = "1", features = ["tokio-comp", "connection-manager"] }
{%- else if rust_adapter_channel.is_some() %}
//! redis = { version = "1", features = ["tokio-comp"] }
{%- endif %}
//! ```

{% include "rust/types.rs" %}

{% include "rust/payloads.rs" %}

{% include "rust/rooms.rs" %}

{% include "rust/emitter.rs" %}

{% include "rust/client_events.rs" %}

{% include "rust/setup.rs" %}

{% include "rust/serve.rs" %}
{%- if has_client_events %}

{% include "rust/validate.rs" %}
{%- endif %}

{% include "rust/wire.rs" %}
