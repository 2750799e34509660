/// Who a socket is, once [`SocketGuard::authenticate`] accepted it and its company matched the
/// namespace. Stored in the socket's extensions: `socket.extensions.get::<SocketSession>()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SocketSession {
    pub company_id: i64,
    pub user_id: i64,
}

/// The application's part of the namespace setup: whose credentials a handshake carries, and who
/// may join which room.
pub trait SocketGuard: Send + Sync + 'static {
    /// The `auth` object clients pass to `io(url, { auth })`, e.g. `{ token: string }`.
    type Credentials: ::serde::de::DeserializeOwned + Send + Sync + 'static;

    /// Checks the credentials and says whose they are, or `None` when they are not valid: the
    /// connection is then refused with `unauthorized`. A session of another company than the
    /// namespace's is refused with `forbidden`.
    fn authenticate(
        &self,
        credentials: Self::Credentials,
    ) -> impl ::std::future::Future<Output = Option<SocketSession>> + Send;

    /// The ownership check of `room:join`: may this user join this room? A refusal (or a panic)
    /// is answered `{ ok: false, error: { code: "forbidden", … } }`.
    fn may_join(&self, session: SocketSession, room: &RoomRequest) -> impl ::std::future::Future<Output = bool> + Send;
{%- if client.has_authorized %}

    /// The ownership check of the client events the catalog has checked: may this user make this
    /// call? It runs once the call passed the limits and the checks of its arguments. `Ok(false)`
    /// is answered `forbidden` and logged as a warning; an `Err` or a panic is answered
    /// `forbidden` too, and logged as an error.
    fn authorize(
        &self,
        ctx: &ClientContext,
        call: ClientEventCall{% if client.call_borrows %}<'_>{% endif %},
    ) -> impl ::std::future::Future<Output = Result<bool, Box<dyn ::std::error::Error + Send + Sync>>> + Send;
{%- endif %}

    /// Runs once a socket is accepted, before the client hears it is connected: the place to
    /// join the rooms the server manages, e.g. `socket.join(Room::User { user_id }.name())`.
    fn on_connect(
        &self,
        socket: &::socketioxide::extract::SocketRef,
        session: SocketSession,
    ) -> impl ::std::future::Future<Output = ()> + Send {
        let _ = (socket, session);
        async {}
    }

    /// Hears every refused connection with the reason, which the client only sees as
    /// `unauthorized` or `forbidden`: the place to log it.
    fn on_refused(&self, namespace: &str, refusal: &ConnectRefusal) {
        let _ = (namespace, refusal);
    }
}

/// Why a connection to a company namespace was refused. The client's `connect_error` message is
/// its text: `forbidden` for [`ConnectRefusal::OtherCompany`], `unauthorized` otherwise, as the
/// TypeScript server answers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConnectRefusal {
    /// The namespace fits the pattern but names no company, e.g. a non-canonical number.
    NotACompany,
    /// The handshake's `auth` is not the guard's credentials.
    UnreadableCredentials(String),
    /// The guard refused the credentials.
    Unauthenticated,
    /// The credentials belong to another company.
    OtherCompany { namespace_company: i64, session_company: i64 },
}

impl ::std::fmt::Display for ConnectRefusal {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            ConnectRefusal::OtherCompany { .. } => f.write_str("forbidden"),
            _ => f.write_str("unauthorized"),
        }
    }
}

impl ::std::error::Error for ConnectRefusal {}

{%- if has_client_events %}
/// How [`register_namespace_with`] serves the company namespaces.
#[derive(Debug, Clone, Default)]
pub struct NamespaceOptions {
    /// Dates the windows of the client limits, and rate-limits the emitters of [`ClientContext`]:
    /// give the application's own, so that handlers and the rest of the application share one
    /// budget per company.
    pub limiter: RateLimiter,
    /// Per socket and client event.
    pub limits: ClientLimits,
}
{%- endif %}

/// Serves the company namespaces `{{ namespace_pattern }}` on `io`. A connection is accepted when
/// the namespace names a company, `app` authenticates the handshake's credentials, and they
/// belong to that company. An accepted socket can send:
///
/// - `room:join` and `room:leave` with a [`RoomRequest`], answered with a [`RoomResult`]:
///   `{ ok: true }`, or `{ ok: false, error: { code, message } }` with `invalid-payload` (not a
///   joinable room) or `forbidden` ([`SocketGuard::may_join`] said no); leaving needs no check;
{%- if has_client_events %}
/// - the catalog's client events ([`ClientEventName`]), checked in this order: the socket's
///   limit per event ([`ClientLimits`], `rate-limited`), the size and shape of the arguments
///   ([`ClientEventArgs::decode`], `invalid-payload`), the ownership check where the catalog has
///   one{% if client.has_authorized %} ([`SocketGuard::authorize`]){% endif %} (`forbidden`), then a join, a leave or the
///   application's handler{% if client.has_handlers %} ([`ClientEventHandlers`]){% endif %};
{%- endif %}
/// - any other event, refused with `not-found`.
///
/// A refusal is answered through the acknowledgement callback when the client passed one, and
/// logged through `tracing` with `companyId`, `userId`, `socketId`, `event`, `reason` (the code)
/// and `detail` — a warning, or an error for a failed ownership check or handler; the first
/// unknown event of a socket and the first refusal of each rate-limit window only.
{%- if has_client_events %}
/// The limits are the catalog's and the emitters get a [`RateLimiter`] of their own: see
/// [`register_namespace_with`].
{%- endif %}
pub fn register_namespace<G: {{ client.bound }}>(
    io: &::socketioxide::SocketIo,
    app: G,
) -> Result<(), ::socketioxide::NsInsertError> {
{%- if has_client_events %}
    register_namespace_with(io, app, NamespaceOptions::default())
}

/// [`register_namespace`] with the application's limits and rate limiter.
pub fn register_namespace_with<G: {{ client.bound }}>(
    io: &::socketioxide::SocketIo,
    app: G,
    options: NamespaceOptions,
) -> Result<(), ::socketioxide::NsInsertError> {
    let server = ::std::sync::Arc::new(__ChatiaServer { app, options });
{%- else %}
    let server = ::std::sync::Arc::new(__ChatiaServer { app });
{%- endif %}
    let middleware = move |socket: ::socketioxide::extract::SocketRef,
                           ::socketioxide::extract::TryData(credentials): ::socketioxide::extract::TryData<G::Credentials>| {
        __chatia_accept(server.clone(), socket, credentials)
    };
    // Everything happens in the middleware, before the client hears it is connected, so that
    // its first event finds the handlers in place.
    let handler = |_: ::socketioxide::extract::SocketRef| async {};
    io.dyn_ns(
        {{ namespace_route }},
        ::socketioxide::handler::ConnectHandler::with(handler, middleware),
    )
}

/// What every socket of the namespaces shares.
struct __ChatiaServer<G> {
    app: G,
{%- if has_client_events %}
    options: NamespaceOptions,
{%- endif %}
}

async fn __chatia_accept<G: {{ client.bound }}>(
    server: ::std::sync::Arc<__ChatiaServer<G>>,
    socket: ::socketioxide::extract::SocketRef,
    credentials: Result<G::Credentials, ::socketioxide::ParserError>,
) -> Result<(), ConnectRefusal> {
    let session = match __chatia_authenticate(&server.app, socket.ns(), credentials).await {
        Ok(session) => session,
        Err(refusal) => {
            server.app.on_refused(socket.ns(), &refusal);
            return Err(refusal);
        }
    };
    socket.extensions.insert(session);
    __chatia_listen(&socket, &server, session);
    server.app.on_connect(&socket, session).await;
    Ok(())
}

async fn __chatia_authenticate<G: SocketGuard>(
    guard: &G,
    namespace: &str,
    credentials: Result<G::Credentials, ::socketioxide::ParserError>,
) -> Result<SocketSession, ConnectRefusal> {
    let namespace_company = __chatia_company_of(namespace).ok_or(ConnectRefusal::NotACompany)?;
    let credentials = credentials.map_err(|error| ConnectRefusal::UnreadableCredentials(error.to_string()))?;
    let session = guard.authenticate(credentials).await.ok_or(ConnectRefusal::Unauthenticated)?;
    if session.company_id != namespace_company {
        return Err(ConnectRefusal::OtherCompany {
            namespace_company,
            session_company: session.company_id,
        });
    }
    Ok(session)
}

/// The company a namespace names: the inverse of `__chatia_namespace`, canonical numbers only.
fn __chatia_company_of(namespace: &str) -> Option<i64> {
    let rest = namespace.strip_prefix({{ namespace_prefix }})?;
    let sign = usize::from(rest.starts_with('-'));
    let end = rest[sign..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(rest.len(), |digits| digits + sign);
    let company_id: i64 = rest[..end].parse().ok()?;
    (__chatia_namespace(company_id) == namespace).then_some(company_id)
}
