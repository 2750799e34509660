/// Who a socket is, once [`SocketGuard::authenticate`] accepted it and its company matched the
/// namespace. Stored in the socket's extensions: `socket.extensions.get::<SocketSession>()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SocketSession {
    pub company_id: i64,
    pub user_id: i64,
}

/// The application's part of the namespace setup: whose credentials a handshake carries, and who
/// may join which room.
///
/// `A` is the adapter of the [`::socketioxide::SocketIo`] it serves: the in-process one unless the
/// servers share one through Redis ([`CompanyAdapter`]).
pub trait SocketGuard<A: CompanyAdapter = ::socketioxide::adapter::LocalAdapter>: Send + Sync + 'static {
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
        ctx: &ClientContext<A>,
        call: ClientEventCall{% if client.call_borrows %}<'_>{% endif %},
    ) -> impl ::std::future::Future<Output = Result<bool, Box<dyn ::std::error::Error + Send + Sync>>> + Send;
{%- endif %}

    /// Runs once a socket is accepted, before the client hears it is connected: the place to
    /// join the rooms the server manages, e.g. `socket.join(Room::User { user_id }.name())`.
    fn on_connect(
        &self,
        socket: &::socketioxide::extract::SocketRef<A>,
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
///
/// Returns the namespaces [`CompanyEmitter::new`] sends through.
{%- if has_client_events %}
/// The limits are the catalog's and the emitters get a [`RateLimiter`] of their own: see
/// [`register_namespace_with`].
{%- endif %}
pub fn register_namespace<A: CompanyAdapter, G: {{ client.bound }}<A>>(
    io: &::socketioxide::SocketIo<A>,
    app: G,
) -> Result<CompanyNamespaces<A>, ::socketioxide::NsInsertError> {
{%- if has_client_events %}
    register_namespace_with(io, app, NamespaceOptions::default())
}

/// [`register_namespace`] with the application's limits and rate limiter.
pub fn register_namespace_with<A: CompanyAdapter, G: {{ client.bound }}<A>>(
    io: &::socketioxide::SocketIo<A>,
    app: G,
    options: NamespaceOptions,
) -> Result<CompanyNamespaces<A>, ::socketioxide::NsInsertError> {
    let server = ::std::sync::Arc::new(__ChatiaServer { app, options });
{%- else %}
    let server = ::std::sync::Arc::new(__ChatiaServer { app });
{%- endif %}
    // One handler for the namespaces that clients open and for those an emitter opens to forward
    // an emit (see `CompanyNamespaces`): a client that connects to either is authenticated.
    let handler = |server: ::std::sync::Arc<__ChatiaServer<G>>| {
        let middleware = move |socket: ::socketioxide::extract::SocketRef<A>,
                               ::socketioxide::extract::TryData(credentials): ::socketioxide::extract::TryData<G::Credentials>| {
            __chatia_accept(server.clone(), socket, credentials)
        };
        // Everything happens in the middleware, before the client hears it is connected, so that
        // its first event finds the handlers in place.
        ::socketioxide::handler::ConnectHandler::with(|_: ::socketioxide::extract::SocketRef<A>| async {}, middleware)
    };
    io.dyn_ns({{ namespace_route }}, handler(server.clone()))?;
    let open = move |io: &::socketioxide::SocketIo<A>, path: String| A::open(io, path, handler(server.clone()));
    let opener = __ChatiaOpener {
        open: Box::new(open),
        opening: ::tokio::sync::Mutex::new(()),
    };
    Ok(CompanyNamespaces {
        io: io.clone(),
        opener: Some(::std::sync::Arc::new(opener)),
    })
}

/// The adapter of the company namespaces: how far an emit goes.
///
/// A namespace exists on a server once a client of its company connected there. With the
/// in-process adapter an emit has nobody to reach on a server without one; with an adapter that
/// joins several servers ([`CompanyAdapter::FORWARDS`]) the emitter opens the namespace on this
/// server first, so that the adapter forwards the emit to the servers where the company's
/// clients are.
pub trait CompanyAdapter: ::socketioxide::adapter::Adapter {
    /// Whether the adapter forwards emits to other servers.
    const FORWARDS: bool;

    /// Opens the namespace `path` on `io` with `handler`, and waits until it can broadcast.
    fn open<C: ::socketioxide::handler::ConnectHandler<Self, T>, T: Send + Sync + 'static>(
        io: &::socketioxide::SocketIo<Self>,
        path: String,
        handler: C,
    ) -> NamespaceOpening;
}

/// A namespace being opened by [`CompanyAdapter::open`]: done, or why it could not be.
pub type NamespaceOpening = ::std::pin::Pin<Box<dyn ::std::future::Future<Output = Result<(), String>> + Send>>;

impl CompanyAdapter for ::socketioxide::adapter::LocalAdapter {
    const FORWARDS: bool = false;

    fn open<C: ::socketioxide::handler::ConnectHandler<Self, T>, T: Send + Sync + 'static>(
        io: &::socketioxide::SocketIo<Self>,
        path: String,
        handler: C,
    ) -> NamespaceOpening {
        io.ns(path, handler);
        Box::pin(::std::future::ready(Ok(())))
    }
}
{%- if let Some(channel) = rust_adapter_channel %}

/// The Redis channel prefix of the Rust servers' adapter (the catalog's
/// `conventions.adapters.rust.channel`). The Node servers' adapters speak another protocol: the
/// two languages' servers cannot share one channel.
pub const ADAPTER_CHANNEL: &str = {{ channel }};

/// socketioxide-redis on a Redis 7 server (RESP3): every server of the deployment builds its
/// `SocketIo` with `SocketIo::builder().with_adapter::<RedisAdapter>(redis_adapter(&client).await?)`.
pub type RedisAdapter = ::socketioxide_redis::RedisAdapter<::socketioxide::adapter::Emitter>;

/// The adapter's state on `client`, on the channel [`ADAPTER_CHANNEL`]. socketioxide-redis needs
/// RESP3: open the client with `?protocol=resp3` in the URL, in lower case
/// (`redis://127.0.0.1:6379/?protocol=resp3`).
pub async fn redis_adapter(
    client: &::redis::Client,
) -> Result<::socketioxide_redis::RedisAdapterCtr<::socketioxide_redis::drivers::redis::RedisDriver>, ::redis::RedisError> {
    let config = ::socketioxide_redis::RedisAdapterConfig::new().with_prefix(ADAPTER_CHANNEL);
    ::socketioxide_redis::RedisAdapterCtr::new_with_redis_config(client, config).await
}

impl<R: ::socketioxide_redis::drivers::Driver> CompanyAdapter for ::socketioxide_redis::CustomRedisAdapter<::socketioxide::adapter::Emitter, R> {
    const FORWARDS: bool = true;

    fn open<C: ::socketioxide::handler::ConnectHandler<Self, T>, T: Send + Sync + 'static>(
        io: &::socketioxide::SocketIo<Self>,
        path: String,
        handler: C,
    ) -> NamespaceOpening {
        let init = io.ns(path, handler);
        Box::pin(async move { init.await.map_err(|error| error.to_string()) })
    }
}
{%- endif %}

/// The company namespaces [`register_namespace`] serves on one `SocketIo`: what
/// [`CompanyEmitter::new`] sends through.
pub struct CompanyNamespaces<A: CompanyAdapter = ::socketioxide::adapter::LocalAdapter> {
    io: ::socketioxide::SocketIo<A>,
    /// Opens a company's namespace on this server; `None` where it is open already.
    opener: Option<::std::sync::Arc<__ChatiaOpener<A>>>,
}

/// Opens one company's namespace with the handler of [`register_namespace`].
type __ChatiaOpen<A> = Box<dyn Fn(&::socketioxide::SocketIo<A>, String) -> NamespaceOpening + Send + Sync>;

struct __ChatiaOpener<A: CompanyAdapter> {
    open: __ChatiaOpen<A>,
    /// Held while a namespace opens: opening one path twice would replace the first.
    opening: ::tokio::sync::Mutex<()>,
}

impl<A: CompanyAdapter> CompanyNamespaces<A> {
    /// The `SocketIo` the namespaces are served on.
    pub fn io(&self) -> &::socketioxide::SocketIo<A> {
        &self.io
    }

    /// The namespace `path` on this server: the one its clients opened, or, when none of them is
    /// here and the adapter forwards, one opened now. `None` when there is nobody to reach.
    async fn operators(&self, path: &str) -> Result<Option<::socketioxide::operators::BroadcastOperators<A>>, String> {
        if let Some(operators) = self.io.of(path) {
            return Ok(Some(operators));
        }
        let Some(opener) = self.opener.as_ref().filter(|_| A::FORWARDS) else {
            return Ok(None);
        };
        let _opening = opener.opening.lock().await;
        if let Some(operators) = self.io.of(path) {
            return Ok(Some(operators));
        }
        (opener.open)(&self.io, path.to_owned()).await?;
        Ok(self.io.of(path))
    }
}

impl<A: CompanyAdapter> Clone for CompanyNamespaces<A> {
    fn clone(&self) -> Self {
        CompanyNamespaces {
            io: self.io.clone(),
            opener: self.opener.clone(),
        }
    }
}

impl<A: CompanyAdapter> ::std::fmt::Debug for CompanyNamespaces<A> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("CompanyNamespaces").field("io", &self.io).finish_non_exhaustive()
    }
}

/// What every socket of the namespaces shares.
struct __ChatiaServer<G> {
    app: G,
{%- if has_client_events %}
    options: NamespaceOptions,
{%- endif %}
}

async fn __chatia_accept<A: CompanyAdapter, G: {{ client.bound }}<A>>(
    server: ::std::sync::Arc<__ChatiaServer<G>>,
    socket: ::socketioxide::extract::SocketRef<A>,
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

async fn __chatia_authenticate<A: CompanyAdapter, G: SocketGuard<A>>(
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
