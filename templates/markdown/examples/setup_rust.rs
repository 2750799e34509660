use socketioxide::SocketIo;

use {{ module }}::{ {%- for i in imports %}{{ i }}{% if !loop.last %}, {% endif %}{% endfor -%} };

/// The handshake's `auth` object, `{ token }`.
#[derive(serde::Deserialize)]
pub struct Credentials {
    pub token: String,
}
{%- for h in handlers %}

/// Serves `{{ h.event_doc }}` once every check passed; an `Err` answers the client with its code.
pub type {{ h.alias }} = fn(SocketSession{{ h.arg_types }}) -> Result<{{ h.ack_ty }}, AckError>;
{%- endfor %}

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
{%- for h in handlers %}
    /// Serves `{{ h.event_doc }}`.
    pub {{ h.field }}: {{ h.alias }},
{%- endfor %}
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

/// One method per client event with a handler: the generated setup calls it only for a valid,
/// admitted and authorized call, and answers the acknowledgement with what it returns.
impl ClientEventHandlers for Guard {
{%- for h in handlers %}
{%- if !loop.first %}
{% endif %}
    async fn {{ h.method }}(&self, ctx: ClientContext{{ h.params }}) -> Result<{{ h.ack_ty }}, AckError> {
        (self.{{ h.field }})(ctx.session{{ h.arg_names }})
    }
{%- endfor %}
}
{%- endif %}

/// Once at startup, before the first emit: the emitters send through what it returns.
pub fn setup_realtime(io: &SocketIo, guard: Guard) -> Result<CompanyNamespaces, socketioxide::NsInsertError> {
    register_namespace(io, guard)
}
