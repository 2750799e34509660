{%- import "rust/macros.rs" as m -%}
/// Where the rate limiter and the payload timestamps read the time; tests inject their own.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> ::chrono::DateTime<::chrono::Utc>;
}

/// The system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> ::chrono::DateTime<::chrono::Utc> {
        ::chrono::Utc::now()
    }
}

/// The rate limit of the server's emits: at most [`RateLimiter::EVENTS`] events per company in a
/// window of [`RateLimiter::WINDOW_SECONDS`] seconds — the catalog's, unless
/// [`RateLimiter::with_limit`] sets another at run time — counted over every event and every
/// emitter that shares this limiter (clones share it). A window opens with the first event
/// counted in it.
///
/// The budgets of an emit: an action the catalog marks critical (by default every `delete`) is
/// always sent and counts against no budget. Any other emit first counts against its event's own
/// budget when the catalog gives it one ([`RateLimiter::with_event_limit`] sets another), and is
/// dropped when that is spent without counting against the company's; then it counts against the
/// company's budget, and is dropped when that is spent.
{%- if cluster %}
///
/// The catalog's scope is `cluster`: [`RateLimiter::with_redis`] counts in the Redis every server
/// shares, one atomic script per emit (a round trip), under the keys
/// `chatia-socket:rate:{companyId}` and `chatia-socket:rate:{companyId}:{resource}` that the
/// generated Node servers count under too; Redis expires each window. When Redis cannot be
/// reached the emit is sent uncounted and the error is logged: real time goes on through an
/// outage of the limit, never the other way round. Without `with_redis` (tests, one server) each
/// process counts its own emits.
{%- else %} Each process counts its own emits.
{%- endif %}
#[derive(Clone)]
pub struct RateLimiter {
    clock: ::std::sync::Arc<dyn Clock>,
    events: u64,
    window_seconds: u64,
    /// Each event's own budget (events, window seconds), by resource.
    event_budgets: ::std::sync::Arc<::std::collections::HashMap<&'static str, (u64, u64)>>,
    /// By company and resource; `""` (no resource is empty) is the company's own budget.
    windows: ::std::sync::Arc<::std::sync::Mutex<::std::collections::HashMap<(i64, &'static str), __ChatiaWindow>>>,
{%- if cluster %}
    /// Where the budgets are counted when every server shares them.
    store: Option<::redis::aio::ConnectionManager>,
{%- endif %}
}
{%- if cluster %}

/// One emit's count in Redis, atomically: the event's own budget first (when it has one), then
/// the company's; each key expires with its window. `{0, 0}` sent; `{1, n}` or `{2, n}` dropped
/// by the company's or the event's budget, the n-th drop of the window.
static __CHATIA_RATE_SCRIPT: ::std::sync::LazyLock<::redis::Script> = ::std::sync::LazyLock::new(|| {
    ::redis::Script::new(
        r#"
{{ rate_script }}"#,
    )
});
{%- endif %}

/// Every event's resource, and the own budget of those that have one (events, window seconds).
const __CHATIA_EVENT_BUDGETS: &[(&str, Option<(u64, u64)>)] = &[
{%- for (resource, budget) in budgets %}
    ({{ resource }}, {% if let Some(b) = budget %}Some(({{ b.events }}, {{ b.window_seconds }})){% else %}None{% endif %}),
{%- endfor %}
];

/// How an action is sent: whether no rate limit drops it, and whether a busy client may miss it.
#[derive(Clone, Copy)]
struct __ChatiaDelivery {
    critical: bool,
    volatile: bool,
}

/// Which budget dropped an emit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    /// The company's, shared by all its events.
    Company,
    /// The event's own.
    Event,
}

/// A fixed window: it opens with the first event counted in it and lasts its length; its first
/// `limit` events pass.
#[derive(Clone, Copy)]
struct __ChatiaWindow {
    start_millis: i64,
    count: u64,
    /// Events refused in this window: the first refusal is the one worth a log line.
    refused: u64,
}

impl __ChatiaWindow {
    fn opened(now_millis: i64) -> Self {
        __ChatiaWindow {
            start_millis: now_millis,
            count: 0,
            refused: 0,
        }
    }

    fn is_over(&self, now_millis: i64, window_millis: i64) -> bool {
        now_millis < self.start_millis || now_millis.saturating_sub(self.start_millis) >= window_millis
    }

    /// Counts one event at `now_millis`; `false` when it is past the window's limit.
    fn admit(&mut self, now_millis: i64, limit: u64, window_millis: i64) -> bool {
        if self.is_over(now_millis, window_millis) {
            *self = Self::opened(now_millis);
        }
        if self.count >= limit {
            self.refused += 1;
            return false;
        }
        self.count += 1;
        true
    }
}

/// Counts one event in the window of `key` under `budget` (events, window seconds); `false` when
/// it is past the budget.
fn __chatia_count(
    windows: &mut ::std::collections::HashMap<(i64, &'static str), __ChatiaWindow>,
    key: (i64, &'static str),
    budget: (u64, u64),
    now_millis: i64,
) -> bool {
    let window_millis = __chatia_window_millis(budget.1);
    let window = windows.entry(key).or_insert(__ChatiaWindow::opened(now_millis));
    window.admit(now_millis, budget.0, window_millis)
}

/// A window length in milliseconds, as the windows compare it.
fn __chatia_window_millis(window_seconds: u64) -> i64 {
    i64::try_from(window_seconds.saturating_mul(1000)).unwrap_or(i64::MAX)
}

impl RateLimiter {
    /// The catalog's number of events a company may send per window.
    pub const EVENTS: u64 = {{ rate_events }};
    /// The catalog's length of a window.
    pub const WINDOW_SECONDS: u64 = {{ rate_window_seconds }};
    /// Past this many companies, windows that ended are forgotten.
    const TRACKED: usize = 4096;

    /// A limiter on the system clock.
    pub fn new() -> Self {
        Self::with_clock(SystemClock)
    }

    /// A limiter reading `clock`, which also dates the payloads of the emitters that use it.
    pub fn with_clock(clock: impl Clock) -> Self {
        let budgets = __CHATIA_EVENT_BUDGETS
            .iter()
            .filter_map(|(resource, budget)| Some((*resource, (*budget)?)))
            .collect();
        RateLimiter {
            clock: ::std::sync::Arc::new(clock),
            events: Self::EVENTS,
            window_seconds: Self::WINDOW_SECONDS,
            event_budgets: ::std::sync::Arc::new(budgets),
            windows: ::std::sync::Arc::default(),
{%- if cluster %}
            store: None,
{%- endif %}
        }
    }
{%- if cluster %}

    /// The same limiter counting in the Redis of `connection`, shared by every server that
    /// counts there: `RateLimiter::new().with_redis(ConnectionManager::new(client).await?)`.
    pub fn with_redis(self, connection: ::redis::aio::ConnectionManager) -> Self {
        RateLimiter {
            store: Some(connection),
            ..self
        }
    }
{%- endif %}

    /// The same limiter with another own budget for the event of `resource` than the catalog's:
    /// `events` per `window_seconds`. `None` when the catalog has no event of that resource.
    pub fn with_event_limit(self, resource: &str, events: u64, window_seconds: u64) -> Option<Self> {
        let (resource, _) = __CHATIA_EVENT_BUDGETS.iter().find(|(known, _)| *known == resource)?;
        let mut budgets = (*self.event_budgets).clone();
        budgets.insert(resource, (events, window_seconds));
        Some(RateLimiter {
            event_budgets: ::std::sync::Arc::new(budgets),
            ..self
        })
    }

    /// The own budget of `resource`'s event, if it has one: events per window seconds.
    pub fn event_limit(&self, resource: &str) -> Option<(u64, u64)> {
        self.event_budgets.get(resource).copied()
    }

    /// The same limiter with another limit than the catalog's: `events` per `window_seconds`.
    pub fn with_limit(self, events: u64, window_seconds: u64) -> Self {
        RateLimiter {
            events,
            window_seconds,
            ..self
        }
    }

    /// Events a company may send per window.
    pub fn events(&self) -> u64 {
        self.events
    }

    /// Length of a window.
    pub fn window_seconds(&self) -> u64 {
        self.window_seconds
    }

    /// Counts one event of `company_id` against the company's budget{% if cluster %} in this process{% endif %} and returns the time it
    /// is sent at, or `None` when the company has used up its window.
    pub fn try_acquire(&self, company_id: i64) -> Option<::chrono::DateTime<::chrono::Utc>> {
        let now = self.clock.now();
        let mut windows = self.windows.lock().unwrap_or_else(::std::sync::PoisonError::into_inner);
        self.forget_ended(&mut windows, now.timestamp_millis());
        let budget = (self.events, self.window_seconds);
        __chatia_count(&mut windows, (company_id, ""), budget, now.timestamp_millis()).then_some(now)
    }

    /// Counts one emit of `resource`'s event by the rule above: the time it is sent at, or the
    /// budget that drops it.
    async fn admit(
        &self,
        company_id: i64,
        resource: &'static str,
        critical: bool,
    ) -> Result<::chrono::DateTime<::chrono::Utc>, Budget> {
        let now = self.clock.now();
        if critical {
            return Ok(now);
        }
{%- if cluster %}
        if let Some(store) = &self.store {
            return self.admit_shared(store.clone(), company_id, resource).await.map(|()| now);
        }
{%- endif %}
        let now_millis = now.timestamp_millis();
        let mut windows = self.windows.lock().unwrap_or_else(::std::sync::PoisonError::into_inner);
        self.forget_ended(&mut windows, now_millis);
        if let Some(own) = self.event_limit(resource) {
            if !__chatia_count(&mut windows, (company_id, resource), own, now_millis) {
                return Err(Budget::Event);
            }
        }
        let company = (self.events, self.window_seconds);
        if __chatia_count(&mut windows, (company_id, ""), company, now_millis) {
            Ok(now)
        } else {
            Err(Budget::Company)
        }
    }
{%- if cluster %}

    /// [`Self::admit`] in Redis; an unreachable Redis admits the emit uncounted, and says so.
    async fn admit_shared(
        &self,
        mut store: ::redis::aio::ConnectionManager,
        company_id: i64,
        resource: &'static str,
    ) -> Result<(), Budget> {
        let (own_events, own_seconds) = self.event_limit(resource).unwrap_or((0, 1));
        let counted: Result<(i64, i64), ::redis::RedisError> = __CHATIA_RATE_SCRIPT
            .key(format!("chatia-socket:rate:{company_id}"))
            .key(format!("chatia-socket:rate:{company_id}:{resource}"))
            .arg(self.events)
            .arg(self.window_seconds.saturating_mul(1000))
            .arg(own_events)
            .arg(own_seconds.saturating_mul(1000))
            .invoke_async(&mut store)
            .await;
        let error = match counted {
            Ok((0, _)) => return Ok(()),
            Ok((1, _)) => return Err(Budget::Company),
            Ok((2, _)) => return Err(Budget::Event),
            Ok(reply) => format!("unexpected reply {reply:?} of the rate limit script"),
            Err(error) => error.to_string(),
        };
        ::tracing::error!(
            companyId = company_id,
            event = resource,
            error,
            "rate limit store unreachable; the emit is sent uncounted"
        );
        Ok(())
    }
{%- endif %}

    /// Past [`Self::TRACKED`] windows, forgets those older than the longest budget: they ended.
    fn forget_ended(&self, windows: &mut ::std::collections::HashMap<(i64, &'static str), __ChatiaWindow>, now_millis: i64) {
        if windows.len() < Self::TRACKED {
            return;
        }
        let longest = self.event_budgets.values().map(|b| b.1).fold(self.window_seconds, u64::max);
        let longest_millis = __chatia_window_millis(longest);
        windows.retain(|_, window| !window.is_over(now_millis, longest_millis));
    }
}

impl Default for RateLimiter {
    fn default() -> Self {
        Self::new()
    }
}

impl ::std::fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "RateLimiter({} events per {} s)", self.events, self.window_seconds)
    }
}

/// Why an event was not sent.
#[derive(Debug)]
#[non_exhaustive]
pub enum EmitError {
    /// The company, or the event, used up its rate limit window; the event was dropped.
    RateLimited {
        company_id: i64,
        event: String,
        /// Which budget: `limit` and `window_seconds` are that budget's.
        budget: Budget,
        limit: u64,
        window_seconds: u64,
    },
    /// A room-targeted method got no room. socketioxide reads an empty room list as the whole
    /// namespace, so nothing was sent.
    NoRooms { event: String },
    /// The adapter could not open the company's namespace on this server to forward the event to
    /// the other servers (e.g. Redis is unreachable); nothing was sent.
    Forward {
        event: String,
        namespace: String,
        message: String,
    },
    /// socketioxide could not serialise or broadcast the event.
    Broadcast {
        event: String,
        namespace: String,
        source: ::socketioxide::BroadcastError,
    },
}

impl ::std::fmt::Display for EmitError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            EmitError::RateLimited {
                company_id,
                event,
                budget,
                limit,
                window_seconds,
            } => {
                let whose = match budget {
                    Budget::Company => "its",
                    Budget::Event => "the event's",
                };
                write!(
                    f,
                    "{event} not sent: company {company_id} reached {whose} rate limit of {limit} events per {window_seconds} s"
                )
            }
            EmitError::NoRooms { event } => write!(f, "{event} not sent: no room given"),
            EmitError::Forward { event, namespace, message } => {
                write!(f, "{event} not sent to {namespace}: the adapter cannot open it here: {message}")
            }
            EmitError::Broadcast { event, namespace, source } => write!(f, "{event} not sent to {namespace}: {source}"),
        }
    }
}

impl ::std::error::Error for EmitError {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            EmitError::Broadcast { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Emits the catalog's events into one company's namespace, on behalf of one user: the
/// namespace, the event names and the payloads' `companyId` all come from the one company id
/// given here, so an event cannot reach another company. It sends through the namespaces
/// [`register_namespace`] serves: with an adapter that joins several servers, an emit reaches the
/// company's clients on every server, also from a server none of them is connected to
/// ([`CompanyAdapter`]).
pub struct CompanyEmitter<A: CompanyAdapter = ::socketioxide::adapter::LocalAdapter> {
    namespaces: CompanyNamespaces<A>,
    limiter: RateLimiter,
    company_id: i64,
    user_id: i64,
    namespace: String,
}

impl<A: CompanyAdapter> Clone for CompanyEmitter<A> {
    fn clone(&self) -> Self {
        CompanyEmitter {
            namespaces: self.namespaces.clone(),
            limiter: self.limiter.clone(),
            company_id: self.company_id,
            user_id: self.user_id,
            namespace: self.namespace.clone(),
        }
    }
}

impl<A: CompanyAdapter> ::std::fmt::Debug for CompanyEmitter<A> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("CompanyEmitter")
            .field("company_id", &self.company_id)
            .field("user_id", &self.user_id)
            .field("namespace", &self.namespace)
            .finish_non_exhaustive()
    }
}

impl<A: CompanyAdapter> CompanyEmitter<A> {
    /// An emitter for `company_id`, whose payloads name `user_id` as the cause.
    pub fn new(namespaces: &CompanyNamespaces<A>, limiter: &RateLimiter, company_id: i64, user_id: i64) -> Self {
        CompanyEmitter {
            namespaces: namespaces.clone(),
            limiter: limiter.clone(),
            company_id,
            user_id,
            namespace: __chatia_namespace(company_id),
        }
    }

    pub fn company_id(&self) -> i64 {
        self.company_id
    }

    pub fn user_id(&self) -> i64 {
        self.user_id
    }

    /// The company's namespace, `{{ namespace_pattern }}`.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }
{%- for ev in events %}
{%- for a in ev.actions %}
{%- if ev.broadcast %}

    /// Sends `{{ ev.name_doc }}` with `action: "{{ a.name }}"` to every client of the company.
{%- if !a.doc.is_empty() %}
    ///
{%- endif %}
{%- call m::doc(a.doc.as_slice(), "    ") %}{% endcall %}
{%- if a.many_args %}
    #[allow(clippy::too_many_arguments)]
{%- endif %}
    pub async fn {{ a.method }}(&self{% call m::params(a.params.as_slice()) %}{% endcall %}) -> Result<(), EmitError> {
{%- call m::payload(ev, a) %}{% endcall %}
        self.__chatia_send({{ ev.resource }}, {{ a.delivery }}, None, __chatia_payload).await
    }
{%- endif %}
{%- if !ev.rooms.is_empty() %}

    /// Sends `{{ ev.name_doc }}` with `action: "{{ a.name }}"` to the clients in any of `rooms`.
{%- if !a.doc.is_empty() %}
    ///
{%- endif %}
{%- call m::doc(a.doc.as_slice(), "    ") %}{% endcall %}
{%- if a.many_args %}
    #[allow(clippy::too_many_arguments)]
{%- endif %}
    pub async fn {{ a.method_to }}(&self, {{ a.rooms_param }}: &[{{ ev.room_enum }}]{% call m::params(a.params.as_slice()) %}{% endcall %}) -> Result<(), EmitError> {
{%- call m::payload(ev, a) %}{% endcall %}
        let __chatia_rooms = {{ a.rooms_param }}.iter().map({{ ev.room_enum }}::name).collect();
        self.__chatia_send({{ ev.resource }}, {{ a.delivery }}, Some(__chatia_rooms), __chatia_payload).await
    }
{%- endif %}
{%- endfor %}
{%- endfor %}

    /// Counts the event against the rate limit, then sends it to the company's namespace, or to
    /// `rooms` in it.
    async fn __chatia_send<P: ::serde::Serialize>(
        &self,
        resource: &'static str,
        delivery: __ChatiaDelivery,
        rooms: Option<Vec<String>>,
        payload: impl FnOnce(::chrono::DateTime<::chrono::Utc>) -> P,
    ) -> Result<(), EmitError> {
        let event = __chatia_event_name(self.company_id, resource);
        if rooms.as_ref().is_some_and(Vec::is_empty) {
            return Err(EmitError::NoRooms { event });
        }
        let timestamp = match self.limiter.admit(self.company_id, resource, delivery.critical).await {
            Ok(timestamp) => timestamp,
            Err(budget) => {
                let (limit, window_seconds) = match budget {
                    Budget::Company => (self.limiter.events, self.limiter.window_seconds),
                    Budget::Event => self.limiter.event_limit(resource).unwrap_or_default(),
                };
                return Err(EmitError::RateLimited {
                    company_id: self.company_id,
                    event,
                    budget,
                    limit,
                    window_seconds,
                });
            }
        };
        let opened = self.namespaces.operators(&self.namespace).await;
        let operator = opened.map_err(|message| EmitError::Forward {
            event: event.clone(),
            namespace: self.namespace.clone(),
            message,
        })?;
        let Some(mut operator) = operator else {
            return Ok(());
        };
        if let Some(rooms) = rooms {
            operator = operator.to(rooms);
        }
        if delivery.volatile {
            operator = operator.volatile();
        }
        let payload = payload(timestamp);
        let sent = operator.emit(&event, &payload).await;
        sent.map_err(|source| EmitError::Broadcast {
            event,
            namespace: self.namespace.clone(),
            source,
        })
    }
}

/// `{{ namespace_pattern }}` for one company.
fn __chatia_namespace(company_id: i64) -> String {
    {{ namespace_expr }}
}

/// `{{ event_pattern }}` for one company and resource.
fn __chatia_event_name(company_id: i64, resource: &str) -> String {
    {{ event_expr }}
}
