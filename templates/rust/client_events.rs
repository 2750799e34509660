{%- import "rust/macros.rs" as m -%}
/// Why a client event or a room request was refused: the acknowledgement's `error.code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize)]
pub enum AckErrorCode {
{%- for c in client.ack_codes %}
    #[serde(rename = {{ c.wire }})]
    {{ c.variant }},
{%- endfor %}
}

impl AckErrorCode {
    /// The code as it is written on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
{%- for c in client.ack_codes %}
            Self::{{ c.variant }} => {{ c.wire }},
{%- endfor %}
        }
    }
}

/// A refusal, `{ code, message }`: what a handler returns to refuse a call on purpose
/// (`Err(AckError::not_found("no ticket 5"))`), and what the client reads as `error`.
#[derive(Debug, Clone, PartialEq, Eq, ::serde::Serialize)]
pub struct AckError {
    pub code: AckErrorCode,
    /// Human text; clients decide on the code.
    pub message: String,
}

impl AckError {
    pub fn new(code: AckErrorCode, message: impl Into<String>) -> Self {
        AckError {
            code,
            message: message.into(),
        }
    }
{%- for c in client.ack_codes %}

    /// A refusal with the code `{{ c.name }}`.
    pub fn {{ c.constructor }}(message: impl Into<String>) -> Self {
        Self::new(AckErrorCode::{{ c.variant }}, message)
    }
{%- endfor %}
}

impl ::std::fmt::Display for AckError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl ::std::error::Error for AckError {}

/// The reply through an acknowledgement callback, as the client reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Ack<T = ()> {
    /// `{ ok: true }`.
    Done,
    /// `{ ok: true, data }`.
    Data(T),
    /// `{ ok: false, error: { code, message } }`.
    Refused(AckError),
}

impl<T: ::serde::Serialize> ::serde::Serialize for Ack<T> {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use ::serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        match self {
            Ack::Done => map.serialize_entry("ok", &true)?,
            Ack::Data(data) => {
                map.serialize_entry("ok", &true)?;
                map.serialize_entry("data", data)?;
            }
            Ack::Refused(error) => {
                map.serialize_entry("ok", &false)?;
                map.serialize_entry("error", error)?;
            }
        }
        map.end()
    }
}
{%- if has_client_events %}

/// The catalog's client → server events, which clients emit in their company's namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientEventName {
{%- for e in client.events %}
    /// `{{ e.signature }}`{% if !e.doc.is_empty() %}:{% endif %}
{%- call m::doc(e.doc.as_slice(), "    ") %}{% endcall %}
    {{ e.variant }},
{%- endfor %}
}

impl ClientEventName {
    /// Every client event, in catalog order.
    pub const ALL: [ClientEventName; {{ client.events.len() }}] = [
{%- for e in client.events %}
        Self::{{ e.variant }},
{%- endfor %}
    ];

    /// The event as clients emit it.
    pub const fn as_str(self) -> &'static str {
        match self {
{%- for e in client.events %}
            Self::{{ e.variant }} => {{ e.wire }},
{%- endfor %}
        }
    }

    /// The catalog's limits of the event.
    pub const fn catalog_limit(self) -> ClientLimit {
        match self {
{%- for e in client.events %}
            Self::{{ e.variant }} => ClientLimit {
                events: {{ e.events }},
                window_seconds: {{ e.window_seconds }},
                max_bytes: {{ e.max_bytes }},
            },
{%- endfor %}
        }
    }

    /// How a success is answered: not at all when the catalog gives the event no acknowledgement.
    const fn reply(self) -> __ChatiaReply {
        match self {
{%- for e in client.events %}
            Self::{{ e.variant }} => {{ e.reply }},
{%- endfor %}
        }
    }

    /// The catalog requires an acknowledgement callback.
    const fn needs_callback(self) -> bool {
        match self {
{%- for e in client.events %}
            Self::{{ e.variant }} => {{ e.needs_callback }},
{%- endfor %}
        }
    }
}

/// What one socket may send of one client event: at most `events` in a window of
/// `window_seconds` (a window opens with the first of them), each at most `max_bytes` of JSON
/// arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientLimit {
    pub events: u64,
    pub window_seconds: u64,
    pub max_bytes: u64,
}

/// The limits of every client event: the catalog's, unless the application sets others at run
/// time, e.g. `ClientLimits::catalog().set(ClientEventName::Typing, limit)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientLimits([ClientLimit; {{ client.events.len() }}]);

impl ClientLimits {
    /// The catalog's limits.
    pub fn catalog() -> Self {
        ClientLimits(ClientEventName::ALL.map(ClientEventName::catalog_limit))
    }

    pub fn get(&self, event: ClientEventName) -> ClientLimit {
        self.0[event as usize]
    }

    /// These limits with `limit` for `event`.
    pub fn set(mut self, event: ClientEventName, limit: ClientLimit) -> Self {
        self.0[event as usize] = limit;
        self
    }
}

impl Default for ClientLimits {
    fn default() -> Self {
        Self::catalog()
    }
}

/// A client event's arguments, checked against the catalog and typed.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientEventArgs {
{%- for e in client.events %}
    /// `{{ e.signature }}`.
    {{ e.variant }}{% if !e.args.is_empty() %} {
{%- for a in e.args %}
{%- call m::doc(a.doc.as_slice(), "        ") %}{% endcall %}
        {{ a.ident }}: {{ a.ty }},
{%- endfor %}
    }{% endif %},
{%- endfor %}
}

impl ClientEventArgs {
    /// Checks what a client sent with `event` — its arguments, without the acknowledgement
    /// callback — as the namespace does before the ownership check, and types it: at most
    /// `max_bytes` of JSON, then the catalog's arguments, recursively (an integer is a whole
    /// number within ±(2^53 − 1), `1.0` included; a date-time is RFC 3339 with a real date and a
    /// `Z` or `±HH:MM` offset; a DTO has every required key, no other key, and `null` only where
    /// nullable). A refusal is `invalid-payload`, its message says where.
    pub fn decode(event: ClientEventName, {% if client.has_args %}mut {% endif %}args: Vec<::serde_json::Value>, max_bytes: u64) -> Result<Self, AckError> {
        let size = __chatia_valid::json_len(&args);
        if size > max_bytes {
            return Err(AckError::invalid_payload(format!(
                "the arguments are {size} bytes of JSON, more than the {max_bytes} allowed"
            )));
        }
        match event {
{%- for e in client.events %}
            ClientEventName::{{ e.variant }} => {
                __chatia_valid::arity(&args, {{ e.required_args }}, {{ e.args.len() }})?;
{%- for a in e.args %}
                __chatia_valid::arg(&mut args, {{ loop.index0 }}, {{ a.wire }}, {{ a.flags }}, {{ a.check }})?;
{%- endfor %}
{%- if e.args.is_empty() %}
                Ok(Self::{{ e.variant }})
{%- else %}
                let mut args = args.into_iter();
                Ok(Self::{{ e.variant }} {
{%- for a in e.args %}
                    {{ a.ident }}: {{ a.decode }},
{%- endfor %}
                })
{%- endif %}
            }
{%- endfor %}
        }
    }
{%- if client.has_authorized %}

    /// What the ownership check is asked, for the events the catalog has checked.
    fn ownership(&self) -> Option<ClientEventCall<'_>> {
        match self {
{%- for e in client.events %}
{%- if e.authorize %}
            Self::{{ e.variant }}{{ e.fields_pattern }} => Some(ClientEventCall::{{ e.variant }}{% if !e.args.is_empty() %} {
{%- for a in e.args %}
                {{ a.lend }},
{%- endfor %}
            }{% endif %}),
{%- else %}
            Self::{{ e.variant }}{% if !e.args.is_empty() %} { .. }{% endif %} => None,
{%- endif %}
{%- endfor %}
        }
    }
{%- endif %}
}
{%- if client.has_authorized %}

/// The arguments of a client event whose ownership the application checks
/// ([`SocketGuard::authorize`]), lent from the checked arguments.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ClientEventCall{% if client.call_borrows %}<'a>{% endif %} {
{%- for e in client.events %}
{%- if e.authorize %}
    /// `{{ e.signature }}`.
    {{ e.variant }}{% if !e.args.is_empty() %} {
{%- for a in e.args %}
        {{ a.ident }}: {{ a.lend_ty }},
{%- endfor %}
    }{% endif %},
{%- endif %}
{%- endfor %}
}

impl ClientEventCall{% if client.call_borrows %}<'_>{% endif %} {
    /// The event called.
    pub const fn event(&self) -> ClientEventName {
        match self {
{%- for e in client.events %}
{%- if e.authorize %}
            Self::{{ e.variant }}{% if !e.args.is_empty() %} { .. }{% endif %} => ClientEventName::{{ e.variant }},
{%- endif %}
{%- endfor %}
        }
    }
}
{%- endif %}

/// Who sent a client event and how to answer them beyond the acknowledgement: what a handler
/// and the ownership check receive.
pub struct ClientContext<A: CompanyAdapter = ::socketioxide::adapter::LocalAdapter> {
    pub socket: ::socketioxide::extract::SocketRef<A>,
    pub session: SocketSession,
    /// Emits to the session's company on behalf of its user, under the namespace's
    /// [`RateLimiter`] ([`NamespaceOptions::limiter`]).
    pub emitter: CompanyEmitter<A>,
}

impl<A: CompanyAdapter> Clone for ClientContext<A> {
    fn clone(&self) -> Self {
        ClientContext {
            socket: self.socket.clone(),
            session: self.session,
            emitter: self.emitter.clone(),
        }
    }
}

impl<A: CompanyAdapter> ::std::fmt::Debug for ClientContext<A> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("ClientContext")
            .field("socket", &self.socket)
            .field("session", &self.session)
            .field("emitter", &self.emitter)
            .finish()
    }
}
{%- endif %}
{%- if client.has_handlers %}

/// The application's handlers of the catalog's client events: one method per event that is not
/// a plain join or leave, called once the event passed the limits, the checks of its arguments
/// and the ownership check. `Ok` is answered `{ ok: true }` (with `data` when the catalog types
/// the acknowledgement); an `Err` is answered with its code (`AckError::not_found(…)`) and logged
/// as a warning, except `internal`, which is logged as an error and answered without its
/// message, as a panic is.
pub trait ClientEventHandlers<A: CompanyAdapter = ::socketioxide::adapter::LocalAdapter>: SocketGuard<A> {
{%- for e in client.events %}
{%- if e.has_handler %}
    /// `{{ e.signature }}`{% if !e.doc.is_empty() %}:{% endif %}
{%- call m::doc(e.doc.as_slice(), "    ") %}{% endcall %}
    fn {{ e.method }}(
        &self,
        ctx: ClientContext<A>,
{%- for a in e.args %}
        {{ a.ident }}: {{ a.ty }},
{%- endfor %}
    ) -> impl ::std::future::Future<Output = Result<{{ e.ack_ty }}, AckError>> + Send;
{%- endif %}
{%- endfor %}
}
{%- endif %}
