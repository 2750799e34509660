use socketioxide::SocketIo;

use {{ module }}::{ {%- for i in imports %}{{ i }}{% if !loop.last %}, {% endif %}{% endfor -%} };

/// The handshake's `auth` object, `{ token }`.
#[derive(serde::Deserialize)]
pub struct Credentials {
    pub token: String,
}

/// The application's own checks, which the generated namespace setup calls.
pub struct Guard {
    /// Whose token this is: `None` is refused with `unauthorized`, another company with `forbidden`.
    pub verify_token: fn(&str) -> Option<SocketSession>,
    /// Whether this user may follow this room; asked before every `room:join`.
    pub may_join: fn(SocketSession, &RoomRequest) -> bool,
{%- if authorize %}
    /// Whether this user may make this call; asked before every client event the catalog checks.
    pub authorize: fn(SocketSession, ClientEventCall{% if call_borrows %}<'_>{% endif %}) -> bool,
{%- endif %}
}

impl SocketGuard for Guard {
    type Credentials = Credentials;

    async fn authenticate(&self, credentials: Credentials) -> Option<SocketSession> {
        (self.verify_token)(&credentials.token)
    }

    async fn may_join(&self, session: SocketSession, room: &RoomRequest) -> bool {
        (self.may_join)(session, room)
    }
{%- if authorize %}

    async fn authorize(
        &self,
        ctx: &ClientContext,
        call: ClientEventCall{% if call_borrows %}<'_>{% endif %},
    ) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
        Ok((self.authorize)(ctx.session, call))
    }
{%- endif %}
}
{%- if !handlers.is_empty() %}

/// One method per client event the application serves; these refuse until it does.
impl ClientEventHandlers for Guard {
{%- for h in handlers %}
{%- if !loop.first %}
{% endif %}
    async fn {{ h.method }}(&self, _ctx: ClientContext{{ h.params }}) -> Result<{{ h.ack_ty }}, AckError> {
        Err(AckError::not_found("{{ h.event }} is not served yet"))
    }
{%- endfor %}
}
{%- endif %}

/// Once at startup, before the first emit.
pub fn setup_realtime(io: &SocketIo, guard: Guard) -> Result<(), socketioxide::NsInsertError> {
    register_namespace(io, guard)
}
