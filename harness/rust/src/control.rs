//! The loopback server's control channel: one JSON command per line on stdin, one JSON answer
//! per line on stdout, in order. The Node tests use it to make the server emit, to move the
//! clock, and to read what the server logged and how often the client-event handlers ran.

use std::sync::Mutex;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::app::TestClock;
use crate::dispatch::{self, EmitCommand};
use crate::{awkward, chatia};

#[derive(Debug, Deserialize)]
pub struct Request {
    pub id: u64,
    #[serde(flatten)]
    pub command: Command,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "op", rename_all = "camelCase")]
pub enum Command {
    Emit(EmitCommand),
    /// `now` as RFC 3339 text.
    SetClock {
        now: String,
    },
    AdvanceClock {
        millis: i64,
    },
    /// A fresh rate limiter, so that independent cases do not share windows.
    ResetRateLimit,
    /// The log records since the last `logs`.
    Logs,
    /// How often the ownership check and each client-event handler ran.
    Calls,
}

/// A client limit set at run time, `--client-limit <event>=<events>/<seconds>/<maxBytes>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitOverride {
    pub event: String,
    pub events: u64,
    pub window_seconds: u64,
    pub max_bytes: u64,
}

impl std::str::FromStr for LimitOverride {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("client limit {text:?}: write <event>=<events>/<seconds>/<maxBytes>");
        let (event, numbers) = text.split_once('=').ok_or_else(bad)?;
        let numbers: Vec<u64> = numbers
            .split('/')
            .map(str::parse)
            .collect::<Result<_, _>>()
            .map_err(|_| bad())?;
        let [events, window_seconds, max_bytes] = numbers.as_slice() else {
            return Err(bad());
        };
        Ok(LimitOverride {
            event: event.to_owned(),
            events: *events,
            window_seconds: *window_seconds,
            max_bytes: *max_bytes,
        })
    }
}

/// The catalog's client limits with the overrides applied.
fn chatia_limits(overrides: &[LimitOverride]) -> Result<chatia::ClientLimits, String> {
    overrides.iter().try_fold(chatia::ClientLimits::catalog(), |limits, o| {
        let event = chatia::ClientEventName::ALL
            .into_iter()
            .find(|event| event.as_str() == o.event)
            .ok_or_else(|| format!("no client event {:?}", o.event))?;
        let limit = chatia::ClientLimit {
            events: o.events,
            window_seconds: o.window_seconds,
            max_bytes: o.max_bytes,
        };
        Ok(limits.set(event, limit))
    })
}

/// An adapter both catalogs can run on: the in-process one, or Redis (`--redis`).
pub trait Adapter: chatia::CompanyAdapter + awkward::CompanyAdapter {}

impl<A: chatia::CompanyAdapter + awkward::CompanyAdapter> Adapter for A {}

/// The catalog a server runs: the namespaces its emitters send through, and its rate limiter on
/// the shared test clock.
pub enum Catalog<A: Adapter> {
    Chatia(chatia::CompanyNamespaces<A>, Mutex<chatia::RateLimiter>),
    Awkward(awkward::CompanyNamespaces<A>, Mutex<awkward::RateLimiter>),
}

impl<A: Adapter> Catalog<A> {
    /// Serves `name`'s namespaces on `io` behind the test guard, with the client limits the
    /// catalog gives unless overridden.
    pub fn serve(
        name: &str,
        io: &socketioxide::SocketIo<A>,
        clock: &TestClock,
        overrides: &[LimitOverride],
    ) -> Result<Self, String> {
        let clock = ClockHandle(clock.clone());
        match name {
            "chatia" => {
                let options = chatia::NamespaceOptions {
                    limiter: chatia::RateLimiter::with_clock(ClockHandle(clock.0.clone())),
                    limits: chatia_limits(overrides)?,
                };
                let namespaces = chatia::register_namespace_with(io, crate::app::Guard, options).map_err(|e| e.to_string())?;
                Ok(Catalog::Chatia(namespaces, Mutex::new(chatia::RateLimiter::with_clock(clock))))
            }
            "awkward" if overrides.is_empty() => {
                let namespaces = awkward::register_namespace(io, crate::app::Guard).map_err(|e| e.to_string())?;
                Ok(Catalog::Awkward(namespaces, Mutex::new(awkward::RateLimiter::with_clock(clock))))
            }
            "awkward" => Err("the awkward catalog has no client events to limit".to_owned()),
            other => Err(format!("no catalog {other:?}; use chatia or awkward")),
        }
    }
}

/// The test clock, as each catalog's `Clock`.
struct ClockHandle(TestClock);

impl chatia::Clock for ClockHandle {
    fn now(&self) -> DateTime<Utc> {
        self.0.read()
    }
}

impl awkward::Clock for ClockHandle {
    fn now(&self) -> DateTime<Utc> {
        self.0.read()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Runs one request line and returns the answer line.
pub async fn answer<A: Adapter>(line: &str, catalog: &Catalog<A>, clock: &TestClock) -> Value {
    let request: Request = match serde_json::from_str(line) {
        Ok(request) => request,
        Err(error) => return json!({ "id": null, "ok": false, "kind": "bad-command", "error": error.to_string() }),
    };
    let outcome = match request.command {
        Command::SetClock { now } => DateTime::parse_from_rfc3339(&now)
            .map(|now| clock.set(now.with_timezone(&Utc)))
            .map(Ok)
            .map_err(|e| format!("clock time {now:?}: {e}")),
        Command::AdvanceClock { millis } => {
            clock.advance_millis(millis);
            Ok(Ok(()))
        }
        Command::ResetRateLimit => {
            match catalog {
                Catalog::Chatia(_, limiter) => *lock(limiter) = chatia::RateLimiter::with_clock(ClockHandle(clock.clone())),
                Catalog::Awkward(_, limiter) => *lock(limiter) = awkward::RateLimiter::with_clock(ClockHandle(clock.clone())),
            }
            Ok(Ok(()))
        }
        Command::Logs => return json!({ "id": request.id, "ok": true, "logs": crate::logs::take() }),
        Command::Calls => return json!({ "id": request.id, "ok": true, "calls": crate::client_events::calls() }),
        Command::Emit(cmd) => match catalog {
            Catalog::Chatia(namespaces, limiter) => {
                let limiter = lock(limiter).clone();
                dispatch::chatia(namespaces, &limiter, &cmd).await
            }
            Catalog::Awkward(namespaces, limiter) => {
                let limiter = lock(limiter).clone();
                dispatch::awkward(namespaces, &limiter, &cmd).await
            }
        },
    };
    match outcome {
        Ok(Ok(())) => json!({ "id": request.id, "ok": true }),
        Ok(Err(failure)) => json!({ "id": request.id, "ok": false, "kind": failure.kind, "error": failure.message }),
        Err(error) => json!({ "id": request.id, "ok": false, "kind": "bad-command", "error": error }),
    }
}
