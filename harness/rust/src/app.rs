//! What an application supplies to the generated code: a clock (here one the tests set) and a
//! guard (here tokens `user:<companyId>:<userId>` and a fixed ownership rule). The chatia
//! catalog's client-event handlers are in `client_events.rs`.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Deserialize;

/// A clock that stands still until it is set: shared by the rate limiter and the payloads.
#[derive(Debug, Clone)]
pub struct TestClock {
    millis: Arc<AtomicI64>,
}

impl TestClock {
    pub fn new(start: DateTime<Utc>) -> Self {
        TestClock {
            millis: Arc::new(AtomicI64::new(start.timestamp_millis())),
        }
    }

    pub fn set(&self, time: DateTime<Utc>) {
        self.millis.store(time.timestamp_millis(), Ordering::SeqCst);
    }

    pub fn advance_millis(&self, millis: i64) {
        self.millis.fetch_add(millis, Ordering::SeqCst);
    }

    pub fn read(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.millis.load(Ordering::SeqCst)).expect("the test clock stays in range")
    }
}

/// The handshake's `auth` object: `{ token }`.
#[derive(Debug, Clone, Deserialize)]
pub struct Credentials {
    pub token: String,
}

/// A token is `user:<companyId>:<userId>`; anything else is refused.
pub fn parse_token(token: &str) -> Result<(i64, i64), String> {
    let mut parts = token.split(':');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("user"), Some(company), Some(user), None) => {
            let company = company.parse().map_err(|_| format!("bad company in token {token:?}"))?;
            let user = user.parse().map_err(|_| format!("bad user in token {token:?}"))?;
            Ok((company, user))
        }
        _ => Err(format!("unknown token {token:?}")),
    }
}

/// Ids at or above this belong to nobody in the tests: joining their rooms, and client events
/// about them, are refused.
pub const FOREIGN_ID: i64 = 1000;

/// The test application's guard; one implementation per catalog. It reports every refused
/// connection on stderr, where the Node tests read the reason.
#[derive(Debug, Clone, Copy, Default)]
pub struct Guard;

fn report_refusal(namespace: &str, refusal: &dyn std::fmt::Debug) {
    eprintln!("refused {namespace}: {refusal:?}");
}

impl<A: crate::chatia::CompanyAdapter> crate::chatia::SocketGuard<A> for Guard {
    type Credentials = Credentials;

    async fn authenticate(&self, credentials: Credentials) -> Option<crate::chatia::SocketSession> {
        let (company_id, user_id) = parse_token(&credentials.token).ok()?;
        Some(crate::chatia::SocketSession { company_id, user_id })
    }

    async fn may_join(&self, _: crate::chatia::SocketSession, room: &crate::chatia::RoomRequest) -> bool {
        !matches!(room, crate::chatia::RoomRequest::Ticket { ticket_id } if *ticket_id >= FOREIGN_ID)
    }

    /// The catalog's `user` room is not joinable: the server puts each socket in its user's room.
    async fn on_connect(&self, socket: &socketioxide::extract::SocketRef<A>, session: crate::chatia::SocketSession) {
        let user_id = session.user_id;
        socket.join(crate::chatia::Room::User { user_id }.name());
    }

    async fn authorize(
        &self,
        _: &crate::chatia::ClientContext<A>,
        call: crate::chatia::ClientEventCall<'_>,
    ) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
        crate::client_events::owns(call)
    }

    fn on_refused(&self, namespace: &str, refusal: &crate::chatia::ConnectRefusal) {
        report_refusal(namespace, refusal);
    }
}

impl<A: crate::awkward::CompanyAdapter> crate::awkward::SocketGuard<A> for Guard {
    type Credentials = Credentials;

    async fn authenticate(&self, credentials: Credentials) -> Option<crate::awkward::SocketSession> {
        let (company_id, user_id) = parse_token(&credentials.token).ok()?;
        Some(crate::awkward::SocketSession { company_id, user_id })
    }

    async fn may_join(&self, _: crate::awkward::SocketSession, room: &crate::awkward::RoomRequest) -> bool {
        !matches!(room, crate::awkward::RoomRequest::For { self_, .. } if *self_ >= FOREIGN_ID)
    }

    /// `quickMessage` only goes to `in-queue` rooms, which are not joinable: every socket is put in
    /// the queue `main`.
    async fn on_connect(&self, socket: &socketioxide::extract::SocketRef<A>, _: crate::awkward::SocketSession) {
        let queue_id = "main".to_owned();
        socket.join(crate::awkward::Room::InQueue { queue_id }.name());
    }

    fn on_refused(&self, namespace: &str, refusal: &crate::awkward::ConnectRefusal) {
        report_refusal(namespace, refusal);
    }

    /// The same rule as the chatia catalog's: an id at or above [`FOREIGN_ID`] is another company's.
    async fn authorize(
        &self,
        _: &crate::awkward::ClientContext<A>,
        call: crate::awkward::ClientEventCall<'_>,
    ) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
        let crate::awkward::ClientEventCall::BulkTag { quick_message_id, .. } = call;
        Ok(quick_message_id < FOREIGN_ID)
    }
}

/// The awkward catalog's client events: each valid call is served and counted
/// ([`crate::client_events::calls`]); `constructor` answers the record it was sent as the `some`
/// of an `Option`.
impl<A: crate::awkward::CompanyAdapter> crate::awkward::ClientEventHandlers<A> for Guard {
    async fn constructor(
        &self,
        _: crate::awkward::ClientContext<A>,
        record: crate::awkward::Record,
        _: Option<Option<String>>,
    ) -> Result<crate::awkward::Option_, crate::awkward::AckError> {
        crate::client_events::handled("constructor");
        Ok(crate::awkward::Option_ {
            some: Some(record),
            none: Vec::new(),
        })
    }

    async fn bulk_tag(
        &self,
        _: crate::awkward::ClientContext<A>,
        _: i64,
        _: Option<Option<std::collections::BTreeMap<String, crate::awkward::Class>>>,
        _: Option<Vec<DateTime<Utc>>>,
    ) -> Result<(), crate::awkward::AckError> {
        crate::client_events::handled("bulk-tag");
        Ok(())
    }

    async fn delete(&self, _: crate::awkward::ClientContext<A>) -> Result<(), crate::awkward::AckError> {
        crate::client_events::handled("delete");
        Ok(())
    }
}

/// The awkward catalog names no Rust adapter, so its module knows only the in-process one; an
/// application that runs it on Redis says how the adapter opens a namespace, as here.
impl crate::awkward::CompanyAdapter for crate::chatia::RedisAdapter {
    const FORWARDS: bool = true;

    fn open<C: socketioxide::handler::ConnectHandler<Self, T>, T: Send + Sync + 'static>(
        io: &socketioxide::SocketIo<Self>,
        path: String,
        handler: C,
    ) -> crate::awkward::NamespaceOpening {
        let init = io.ns(path, handler);
        Box::pin(async move { init.await.map_err(|error| error.to_string()) })
    }
}

/// The edge catalog's application (`tests/client_events.rs`, `tests/edge.rs`): its handler trait
/// can be implemented, and names like `move`, `authenticate` and
/// arguments named `ctx` and `self` take escaped or suffixed Rust names.
pub struct EdgeApp;

impl crate::edge::SocketGuard for EdgeApp {
    type Credentials = ();

    async fn authenticate(&self, (): ()) -> Option<crate::edge::SocketSession> {
        None
    }

    async fn may_join(&self, _: crate::edge::SocketSession, _: &crate::edge::RoomRequest) -> bool {
        false
    }

    async fn authorize(
        &self,
        _: &crate::edge::ClientContext,
        call: crate::edge::ClientEventCall<'_>,
    ) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
        Ok(match call {
            crate::edge::ClientEventCall::Move { node, .. } => node.id < 1000,
            crate::edge::ClientEventCall::Tag { label, note, .. } => !label.is_empty() && note.is_none(),
        })
    }
}

impl crate::edge::ClientEventHandlers for EdgeApp {
    async fn ping(&self, _: crate::edge::ClientContext) -> Result<(), crate::edge::AckError> {
        Ok(())
    }

    async fn authenticate_(&self, _: crate::edge::ClientContext, ctx_: String, self_: Option<bool>) -> Result<(), crate::edge::AckError> {
        match (ctx_.as_str(), self_) {
            ("", _) => Err(crate::edge::AckError::not_found("no context")),
            _ => Ok(()),
        }
    }

    async fn r#move(
        &self,
        _: crate::edge::ClientContext,
        node: crate::edge::Node,
        _: Option<Option<chrono::DateTime<chrono::Utc>>>,
    ) -> Result<Vec<crate::edge::Node>, crate::edge::AckError> {
        Ok(node.children)
    }

    async fn tag(
        &self,
        _: crate::edge::ClientContext,
        _: crate::edge::Kind,
        label: String,
        _: Option<std::collections::BTreeMap<String, f64>>,
        _: Option<Vec<chrono::DateTime<chrono::Utc>>>,
        _: Option<Option<String>>,
    ) -> Result<i64, crate::edge::AckError> {
        i64::try_from(label.len()).map_err(|e| crate::edge::AckError::internal(e.to_string()))
    }
}
