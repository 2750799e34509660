//! What an application supplies to the generated code: a clock (here one the tests set) and a
//! guard (here tokens `user:<companyId>:<userId>` and a fixed ownership rule).

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

/// Ids at or above this belong to nobody in the tests: joining their rooms is refused.
pub const FOREIGN_ID: i64 = 1000;

/// The test application's guard; one implementation per catalog.
#[derive(Debug, Clone, Copy, Default)]
pub struct Guard;

fn session_of(credentials: &Credentials) -> Result<(i64, i64), String> {
    parse_token(&credentials.token)
}

impl crate::chatia::SocketGuard for Guard {
    type Credentials = Credentials;

    async fn authenticate(&self, credentials: Credentials) -> Result<crate::chatia::SocketSession, String> {
        let (company_id, user_id) = session_of(&credentials)?;
        Ok(crate::chatia::SocketSession { company_id, user_id })
    }

    async fn may_join(&self, session: crate::chatia::SocketSession, room: &crate::chatia::RoomRequest) -> Result<(), String> {
        match room {
            crate::chatia::RoomRequest::Ticket { ticket_id } if *ticket_id >= FOREIGN_ID => {
                Err(format!("ticket {ticket_id} does not belong to user {}", session.user_id))
            }
            _ => Ok(()),
        }
    }

    /// The catalog's `user` room is not joinable: the server puts each socket in its user's room.
    async fn on_connect(&self, socket: &socketioxide::extract::SocketRef, session: crate::chatia::SocketSession) {
        let user_id = session.user_id;
        socket.join(crate::chatia::Room::User { user_id }.name());
    }
}

/// The awkward catalog keeps the default `on_connect`.
impl crate::awkward::SocketGuard for Guard {
    type Credentials = Credentials;

    async fn authenticate(&self, credentials: Credentials) -> Result<crate::awkward::SocketSession, String> {
        let (company_id, user_id) = session_of(&credentials)?;
        Ok(crate::awkward::SocketSession { company_id, user_id })
    }

    async fn may_join(&self, session: crate::awkward::SocketSession, room: &crate::awkward::RoomRequest) -> Result<(), String> {
        match room {
            crate::awkward::RoomRequest::For { self_, .. } if *self_ >= FOREIGN_ID => {
                Err(format!("room {} is not open to user {}", room.name(), session.user_id))
            }
            _ => Ok(()),
        }
    }
}
