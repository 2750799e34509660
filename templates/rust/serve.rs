/// Registers what an accepted socket may send: `room:join`, `room:leave`{% if has_client_events %}, the client events{% endif %},
/// and the fallback that refuses any other event.
fn __chatia_listen<A: CompanyAdapter, G: {{ client.bound }}<A>>(
    socket: &::socketioxide::extract::SocketRef<A>,
    server: &::std::sync::Arc<__ChatiaServer<G>>,
    session: SocketSession,
) {
    let state = ::std::sync::Arc::new(__ChatiaSocketState::new());
    __chatia_room_handlers(socket, server, session);
{%- if has_client_events %}
    for event in ClientEventName::ALL {
        let (server, state) = (server.clone(), state.clone());
        socket.on(
            event.as_str(),
            move |socket: ::socketioxide::extract::SocketRef<A>,
                  io: ::socketioxide::SocketIo<A>,
                  ::socketioxide::extract::TryData(args): ::socketioxide::extract::TryData<__ChatiaArgs>,
                  __ChatiaCallback(callback): __ChatiaCallback,
                  ack: ::socketioxide::extract::AckSender<A>| {
                let call = __ChatiaCall::new(ack, session, &socket, event.as_str(), event.reply());
                // The limit and the checks run here, as the event arrives, before socketioxide
                // spawns the rest: a socket's events are counted in the order it sent them.
                let checked = __chatia_checked(&server, &state, event, args.map(|args| args.0), callback);
                async move {
                    match checked {
                        Ok(args) => __chatia_client_event(&server, socket, io, args, call).await,
                        Err(refusal) => call.refuse(refusal),
                    }
                }
            },
        );
    }
{%- endif %}
    socket.on_fallback(
        move |socket: ::socketioxide::extract::SocketRef<A>,
              ::socketioxide::extract::Event(event): ::socketioxide::extract::Event,
              ack: ::socketioxide::extract::AckSender<A>| async move {
            let first = !state.unknown_heard.swap(true, ::std::sync::atomic::Ordering::Relaxed);
            let level = if first { __ChatiaLevel::Warn } else { __ChatiaLevel::Quiet };
            let error = AckError::not_found(format!("no client event {event:?}"));
            let call = __ChatiaCall::new(ack, session, &socket, event, __ChatiaReply::DONE);
            call.refuse(__ChatiaRefusal::new(level, error));
        },
    );
}

{%- if has_client_events %}

/// What one socket sent so far: the windows of its limit per client event, and whether it sent an
/// unknown event (logged for the first one only).
{%- else %}

/// What one socket sent so far: whether it sent an unknown event (logged for the first one only).
{%- endif %}
struct __ChatiaSocketState {
{%- if has_client_events %}
    windows: ::std::sync::Mutex<[Option<__ChatiaWindow>; {{ client.events.len() }}]>,
{%- endif %}
    unknown_heard: ::std::sync::atomic::AtomicBool,
}

impl __ChatiaSocketState {
    fn new() -> Self {
        __ChatiaSocketState {
{%- if has_client_events %}
            windows: ::std::sync::Mutex::new([None; {{ client.events.len() }}]),
{%- endif %}
            unknown_heard: ::std::sync::atomic::AtomicBool::new(false),
        }
    }
{%- if has_client_events %}

    /// Counts one arrival of `event`, valid or not: flooding with garbage costs budget too.
    fn admit(&self, event: ClientEventName, limit: ClientLimit, now_millis: i64) -> Result<(), __ChatiaRefusal> {
        let mut windows = self.windows.lock().unwrap_or_else(::std::sync::PoisonError::into_inner);
        let window = windows[event as usize].get_or_insert(__ChatiaWindow::opened(now_millis));
        if window.admit(now_millis, limit.events, __chatia_window_millis(limit.window_seconds)) {
            return Ok(());
        }
        let level = if window.refused == 1 { __ChatiaLevel::Warn } else { __ChatiaLevel::Quiet };
        let error = AckError::rate_limited(format!(
            "more than {} {} events in {} s",
            limit.events,
            event.as_str(),
            limit.window_seconds
        ));
        Err(__ChatiaRefusal::new(level, error))
    }
{%- endif %}
}

/// `room:join` and `room:leave`, answered `{ ok: true }` or with a refusal.
fn __chatia_room_handlers<A: CompanyAdapter, G: {{ client.bound }}<A>>(
    socket: &::socketioxide::extract::SocketRef<A>,
    server: &::std::sync::Arc<__ChatiaServer<G>>,
    session: SocketSession,
) {
    let server = server.clone();
    socket.on(
        "room:join",
        move |socket: ::socketioxide::extract::SocketRef<A>,
              ::socketioxide::extract::TryData(request): ::socketioxide::extract::TryData<::serde_json::Value>,
              ack: ::socketioxide::extract::AckSender<A>| async move {
            let call = __ChatiaCall::new(ack, session, &socket, "room:join", __ChatiaReply::DONE);
            let room = match request.map_err(|error| error.to_string()).and_then(RoomRequest::from_json) {
                Ok(room) => room,
                Err(error) => return call.refuse(__chatia_not_a_room(&error)),
            };
            match __chatia_catch(server.app.may_join(session, &room)).await {
                Ok(true) => {
                    socket.join(room.name());
                    call.succeed(());
                }
                Ok(false) => call.refuse(__ChatiaRefusal::warn(AckError::forbidden(format!("may not join {}", room.name())))),
                Err(panic) => call.refuse(__ChatiaRefusal::error(
                    AckError::forbidden("the ownership check failed"),
                    format!("may_join panicked: {panic}"),
                )),
            }
        },
    );
    socket.on(
        "room:leave",
        move |socket: ::socketioxide::extract::SocketRef<A>,
              ::socketioxide::extract::TryData(request): ::socketioxide::extract::TryData<::serde_json::Value>,
              ack: ::socketioxide::extract::AckSender<A>| async move {
            let call = __ChatiaCall::new(ack, session, &socket, "room:leave", __ChatiaReply::DONE);
            match request.map_err(|error| error.to_string()).and_then(RoomRequest::from_json) {
                Ok(room) => {
                    socket.leave(room.name());
                    call.succeed(());
                }
                Err(error) => call.refuse(__chatia_not_a_room(&error)),
            }
        },
    );
}

fn __chatia_not_a_room(error: &str) -> __ChatiaRefusal {
    __ChatiaRefusal::warn(AckError::invalid_payload(format!("not a room clients may join: {error}")))
}
{%- if has_client_events %}

/// Every argument of an event as JSON, however many: socketioxide reads a tuple type as the
/// arguments after the event name, and any other type as the first argument only.
struct __ChatiaArgs(Vec<::serde_json::Value>);

impl<'de> ::serde::Deserialize<'de> for __ChatiaArgs {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Arguments;

        impl<'de> ::serde::de::Visitor<'de> for Arguments {
            type Value = __ChatiaArgs;

            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("the arguments of an event")
            }

            fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<__ChatiaArgs, A::Error> {
                let mut args = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(8));
                while let Some(arg) = seq.next_element()? {
                    args.push(arg);
                }
                Ok(__ChatiaArgs(args))
            }
        }

        deserializer.deserialize_tuple(usize::MAX, Arguments)
    }
}

/// Whether the client passed an acknowledgement callback, which socketioxide's `AckSender` does
/// not tell.
struct __ChatiaCallback(bool);

impl<A: ::socketioxide::adapter::Adapter> ::socketioxide::handler::FromMessageParts<A> for __ChatiaCallback {
    type Error = ::std::convert::Infallible;

    fn from_message_parts(
        _: &::std::sync::Arc<::socketioxide::socket::Socket<A>>,
        _: &mut ::socketioxide::handler::Value,
        ack_id: &Option<i64>,
    ) -> Result<Self, Self::Error> {
        Ok(__ChatiaCallback(ack_id.is_some()))
    }
}

/// The first steps of the contract's order: the socket's limit, then the size and shape of the
/// arguments and the callback the catalog may require.
fn __chatia_checked<G>(
    server: &__ChatiaServer<G>,
    state: &__ChatiaSocketState,
    event: ClientEventName,
    args: Result<Vec<::serde_json::Value>, ::socketioxide::ParserError>,
    callback: bool,
) -> Result<ClientEventArgs, __ChatiaRefusal> {
    let limit = server.options.limits.get(event);
    state.admit(event, limit, server.options.limiter.clock.now().timestamp_millis())?;
    let args = args.map_err(|error| {
        __ChatiaRefusal::warn(AckError::invalid_payload(format!(
            "the arguments are not JSON the server can read: {error}"
        )))
    })?;
    let args = ClientEventArgs::decode(event, args, limit.max_bytes).map_err(__ChatiaRefusal::warn)?;
    if event.needs_callback() && !callback {
        let message = format!("{} needs an acknowledgement callback", event.as_str());
        return Err(__ChatiaRefusal::warn(AckError::invalid_payload(message)));
    }
    Ok(args)
}

/// The last steps: the ownership check, then the join, leave or handler.
async fn __chatia_client_event<A: CompanyAdapter, G: {{ client.bound }}<A>>(
    server: &__ChatiaServer<G>,
    socket: ::socketioxide::extract::SocketRef<A>,
    io: ::socketioxide::SocketIo<A>,
    args: ClientEventArgs,
    call: __ChatiaCall<A>,
) {
    let session = call.session;
    // The sender's namespace is open on this server: it is in it.
    let namespaces = CompanyNamespaces { io, opener: None };
    let ctx = ClientContext {
        emitter: CompanyEmitter::new(&namespaces, &server.options.limiter, session.company_id, session.user_id),
        socket,
        session,
    };
{%- if client.has_authorized %}
    if let Some(question) = args.ownership() {
        if let Err(refusal) = __chatia_authorized(&server.app, &ctx, question).await {
            return call.refuse(refusal);
        }
    }
{%- endif %}
    __chatia_serve({% if client.has_handlers %}&server.app, {% endif %}ctx, args, call).await;
}
{%- if client.has_authorized %}

/// Asks the application's ownership check; anything but a yes is `forbidden`.
async fn __chatia_authorized<A: CompanyAdapter, G: SocketGuard<A>>(
    app: &G,
    ctx: &ClientContext<A>,
    question: ClientEventCall{% if client.call_borrows %}<'_>{% endif %},
) -> Result<(), __ChatiaRefusal> {
    let failed = || AckError::forbidden("the ownership check failed");
    match __chatia_catch(app.authorize(ctx, question)).await {
        Ok(Ok(true)) => Ok(()),
        Ok(Ok(false)) => Err(__ChatiaRefusal::warn(AckError::forbidden("the ownership check refused the call"))),
        Ok(Err(error)) => Err(__ChatiaRefusal::error(failed(), format!("the ownership check failed: {error}"))),
        Err(panic) => Err(__ChatiaRefusal::error(failed(), format!("the ownership check panicked: {panic}"))),
    }
}
{%- endif %}

/// Serves a call that passed every check: joins or leaves its room, or runs its handler.
async fn __chatia_serve<A: CompanyAdapter{% if client.has_handlers %}, G: ClientEventHandlers<A>{% endif %}>({% if client.has_handlers %}app: &G, {% endif %}ctx: ClientContext<A>, args: ClientEventArgs, call: __ChatiaCall<A>) {
    match args {
{%- for e in client.events %}
{%- if let Some(room) = e.room %}
        {{ room.pattern }} => {
            ctx.socket.{{ room.method }}({{ room.room }}.name());
            call.succeed(());
        }
{%- else %}
        ClientEventArgs::{{ e.variant }}{{ e.fields_pattern }} => {
            let handled = ClientEventHandlers::{{ e.method }}(app, ctx{% for a in e.args %}, {{ a.ident }}{% endfor %});
            call.finish(__chatia_catch(handled).await{% if e.ack_wire %}.map(|r| r.map(__chatia_wire::Owned)){% endif %});
        }
{%- endif %}
{%- endfor %}
    }
}
{%- endif %}

/// One event a socket sent: where its answer goes, and who and what its log line names.
struct __ChatiaCall<A: CompanyAdapter> {
    ack: ::socketioxide::extract::AckSender<A>,
    session: SocketSession,
    socket_id: ::socketioxide::socket::Sid,
    event: ::std::borrow::Cow<'static, str>,
    reply: __ChatiaReply,
}

/// How a success is answered.
#[derive(Clone, Copy)]
struct __ChatiaReply {
    /// The catalog gives the event an acknowledgement, so a success is answered.
    answered: bool,
    /// The acknowledgement is typed: a success carries `data`.
    data: bool,
}

impl __ChatiaReply {
    /// `{ ok: true }`, as `room:join` and `room:leave` answer.
    const DONE: Self = __ChatiaReply {
        answered: true,
        data: false,
    };
}

/// A refusal, how loud its log line is, and what the log says when it says more than the
/// answer (the cause of an `internal` error stays in the log).
struct __ChatiaRefusal {
    level: __ChatiaLevel,
    error: AckError,
    detail: Option<String>,
}

#[derive(Clone, Copy)]
enum __ChatiaLevel {
    /// A repeat the log already has: the socket's later unknown events, a window's later refusals.
    Quiet,
    Warn,
    Error,
}

impl __ChatiaRefusal {
    fn new(level: __ChatiaLevel, error: AckError) -> Self {
        __ChatiaRefusal {
            level,
            error,
            detail: None,
        }
    }

    fn warn(error: AckError) -> Self {
        Self::new(__ChatiaLevel::Warn, error)
    }

    fn error(error: AckError, detail: String) -> Self {
        __ChatiaRefusal {
            level: __ChatiaLevel::Error,
            error,
            detail: Some(detail),
        }
    }
}

impl<A: CompanyAdapter> __ChatiaCall<A> {
    fn new(
        ack: ::socketioxide::extract::AckSender<A>,
        session: SocketSession,
        socket: &::socketioxide::extract::SocketRef<A>,
        event: impl Into<::std::borrow::Cow<'static, str>>,
        reply: __ChatiaReply,
    ) -> Self {
        __ChatiaCall {
            ack,
            session,
            socket_id: socket.id,
            event: event.into(),
            reply,
        }
    }

    fn succeed<T: ::serde::Serialize>(self, data: T) {
        // Fails only when the socket is gone; a client that passed no callback gets nothing.
        let _ = match self.reply {
            __ChatiaReply { answered: false, .. } => Ok(()),
            __ChatiaReply { data: true, .. } => self.ack.send(&Ack::Data(data)),
            __ChatiaReply { data: false, .. } => self.ack.send(&Ack::<()>::Done),
        };
    }
{%- if client.has_handlers %}

    /// Answers what a handler returned, or its panic.
    fn finish<T: ::serde::Serialize>(self, outcome: Result<Result<T, AckError>, String>) {
        let internal = || AckError::internal("internal error");
        match outcome {
            Ok(Ok(data)) => self.succeed(data),
            Ok(Err(error)) if error.code == AckErrorCode::Internal => {
                let detail = format!("the handler failed: {}", error.message);
                self.refuse(__ChatiaRefusal::error(internal(), detail));
            }
            Ok(Err(error)) => self.refuse(__ChatiaRefusal::warn(error)),
            Err(panic) => self.refuse(__ChatiaRefusal::error(internal(), format!("the handler panicked: {panic}"))),
        }
    }
{%- endif %}

    /// Logs the refusal at its level and answers it.
    fn refuse(self, refusal: __ChatiaRefusal) {
        let detail = refusal.detail.as_deref().unwrap_or(&refusal.error.message);
        let reason = refusal.error.code.as_str();
        let (company, user, event) = (self.session.company_id, self.session.user_id, &*self.event);
        match refusal.level {
            __ChatiaLevel::Quiet => {}
            __ChatiaLevel::Warn => ::tracing::warn!(
                companyId = company,
                userId = user,
                socketId = %self.socket_id,
                event,
                reason,
                detail,
                "client event refused"
            ),
            __ChatiaLevel::Error => ::tracing::error!(
                companyId = company,
                userId = user,
                socketId = %self.socket_id,
                event,
                reason,
                detail,
                "client event refused"
            ),
        }
        let _ = self.ack.send(&Ack::<()>::Refused(refusal.error));
    }
}

/// Runs `future`, turning a panic into its message, so that a handler or an ownership check that
/// panics still gets its call answered.
async fn __chatia_catch<F: ::std::future::Future>(future: F) -> Result<F::Output, String> {
    let mut future = ::std::pin::pin!(future);
    ::std::future::poll_fn(move |cx| {
        let polled = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| ::std::future::Future::poll(future.as_mut(), cx)));
        match polled {
            Ok(poll) => poll.map(Ok),
            Err(panic) => ::std::task::Poll::Ready(Err(__chatia_panic_text(&*panic))),
        }
    })
    .await
}

fn __chatia_panic_text(panic: &(dyn ::std::any::Any + Send)) -> String {
    match (panic.downcast_ref::<&str>(), panic.downcast_ref::<String>()) {
        (Some(text), _) => (*text).to_owned(),
        (None, Some(text)) => text.clone(),
        (None, None) => "a panic without a message".to_owned(),
    }
}
