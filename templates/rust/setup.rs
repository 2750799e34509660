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

    /// The ownership check of `room:join`: may this user join this room? A refusal is answered
    /// `{ ok: false, error: "forbidden" }`.
    fn may_join(&self, session: SocketSession, room: &RoomRequest) -> impl ::std::future::Future<Output = bool> + Send;

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

/// Serves the company namespaces `{{ namespace_pattern }}` on `io`. A connection is accepted when
/// the namespace names a company, `guard` authenticates the handshake's credentials, and they
/// belong to that company. An accepted socket can send `room:join` and `room:leave` with a
/// [`RoomRequest`] and an acknowledgement callback, answered with a [`RoomResult`]: `{ ok: true }`,
/// or `{ ok: false, error }` with `invalid room request` (not a joinable room) or `forbidden`
/// ([`SocketGuard::may_join`] said no). Leaving needs no check.
pub fn register_namespace<G: SocketGuard>(
    io: &::socketioxide::SocketIo,
    guard: G,
) -> Result<(), ::socketioxide::NsInsertError> {
    let guard = ::std::sync::Arc::new(guard);
    let middleware = move |socket: ::socketioxide::extract::SocketRef,
                           ::socketioxide::extract::TryData(credentials): ::socketioxide::extract::TryData<G::Credentials>| {
        __chatia_accept(guard.clone(), socket, credentials)
    };
    // Everything happens in the middleware, before the client hears it is connected, so that
    // its first `room:join` finds the handlers in place.
    let handler = |_: ::socketioxide::extract::SocketRef| async {};
    io.dyn_ns(
        {{ namespace_route }},
        ::socketioxide::handler::ConnectHandler::with(handler, middleware),
    )
}

async fn __chatia_accept<G: SocketGuard>(
    guard: ::std::sync::Arc<G>,
    socket: ::socketioxide::extract::SocketRef,
    credentials: Result<G::Credentials, ::socketioxide::ParserError>,
) -> Result<(), ConnectRefusal> {
    let session = match __chatia_authenticate(&*guard, socket.ns(), credentials).await {
        Ok(session) => session,
        Err(refusal) => {
            guard.on_refused(socket.ns(), &refusal);
            return Err(refusal);
        }
    };
    socket.extensions.insert(session);
    __chatia_room_handlers(&socket, &guard, session);
    guard.on_connect(&socket, session).await;
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

fn __chatia_room_handlers<G: SocketGuard>(
    socket: &::socketioxide::extract::SocketRef,
    guard: &::std::sync::Arc<G>,
    session: SocketSession,
) {
    let guard = guard.clone();
    socket.on(
        "room:join",
        move |socket: ::socketioxide::extract::SocketRef,
              ::socketioxide::extract::TryData(request): ::socketioxide::extract::TryData<RoomRequest>,
              ack: ::socketioxide::extract::AckSender| async move {
            let result = match request {
                Err(_) => RoomResult::refused("invalid room request"),
                Ok(room) if guard.may_join(session, &room).await => {
                    socket.join(room.name());
                    RoomResult::accepted()
                }
                Ok(_) => RoomResult::refused("forbidden"),
            };
            // Fails only when the socket is gone; a client that sent no callback gets nothing.
            let _ = ack.send(&result);
        },
    );
    socket.on(
        "room:leave",
        |socket: ::socketioxide::extract::SocketRef,
         ::socketioxide::extract::TryData(request): ::socketioxide::extract::TryData<RoomRequest>,
         ack: ::socketioxide::extract::AckSender| async move {
            let result = match request {
                Err(_) => RoomResult::refused("invalid room request"),
                Ok(room) => {
                    socket.leave(room.name());
                    RoomResult::accepted()
                }
            };
            let _ = ack.send(&result);
        },
    );
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
