use socketioxide::SocketIo;

use {{ module }}::{register_namespace, RoomRequest, SocketGuard, SocketSession};

/// The handshake's `auth` object, `{ token }`.
#[derive(serde::Deserialize)]
pub struct Credentials {
    pub token: String,
}

/// The application's own checks, which the generated namespace setup calls.
pub struct Guard {
    /// Whose token this is: `None` is refused with `unauthorized`, another company with `forbidden`.
    pub verify_token: fn(&str) -> Option<SocketSession>,
    /// Whether this user may follow this room; asked before every `room:join`.
    pub may_join: fn(SocketSession, &RoomRequest) -> bool,
}

impl SocketGuard for Guard {
    type Credentials = Credentials;

    async fn authenticate(&self, credentials: Credentials) -> Option<SocketSession> {
        (self.verify_token)(&credentials.token)
    }

    async fn may_join(&self, session: SocketSession, room: &RoomRequest) -> bool {
        (self.may_join)(session, room)
    }
}

/// Once at startup, before the first emit.
pub fn setup_realtime(io: &SocketIo, guard: Guard) -> Result<(), socketioxide::NsInsertError> {
    register_namespace(io, guard)
}
