//! The chatia catalog's client events as the test application serves them, by a fixed rule
//! that the TypeScript harness server follows too, so that one corpus of `(event, args)` gets
//! the same answers from both servers:
//!
//! - ownership (`authorize`): the call's ticket id (`ticketId`, or `indicator.ticketId`) decides:
//!   below [`FOREIGN_ID`] yes, at or above it no; [`OWNERSHIP_FAILS`] makes the check fail and
//!   [`OWNERSHIP_PANICS`] makes it panic (a throw on the TypeScript side): both `forbidden`;
//! - `typing`: sends the indicator to the ticket's room as the `typing` event, `update` action;
//! - `markAsRead`: answers `{ ticketId, unreadMessages: 0 }`, except for [`MISSING_TICKET`]
//!   (`not-found`), [`BROKEN_TICKET`] (an `internal` error) and [`PANICKING_TICKET`] (a panic, a
//!   throw on the TypeScript side: `internal`).
//!
//! Every valid call is served otherwise. Each handler (of either catalog) and the ownership check
//! count their calls ([`calls`]), so that a test can tell that a refused event never reached them.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use serde_json::{json, Value};

use crate::app::{Guard, FOREIGN_ID};
use crate::chatia::{AckError, ClientContext, CompanyAdapter, ClientEventCall, ClientEventHandlers, ReadReceipt, Typing, TypingEventRoom};

/// The ownership check fails (an `Err`) for this ticket.
pub const OWNERSHIP_FAILS: i64 = 999;
/// The ownership check panics for this ticket.
pub const OWNERSHIP_PANICS: i64 = 998;
/// `markAsRead` refuses this ticket with `not-found`.
pub const MISSING_TICKET: i64 = 404;
/// `markAsRead` fails with an `internal` error for this ticket.
pub const BROKEN_TICKET: i64 = 500;
/// `markAsRead` panics for this ticket.
pub const PANICKING_TICKET: i64 = 501;

static AUTHORIZE: AtomicU64 = AtomicU64::new(0);
/// Handler calls by client event name, as the catalog spells it.
static HANDLED: Mutex<BTreeMap<&'static str, u64>> = Mutex::new(BTreeMap::new());

/// Counts one call of the handler of `event`.
pub(crate) fn handled(event: &'static str) {
    *HANDLED.lock().unwrap_or_else(|e| e.into_inner()).entry(event).or_default() += 1;
}

/// How often the ownership check and each handler ran since the server started; the chatia
/// handlers are always listed, the others once they ran.
pub fn calls() -> Value {
    let mut calls = json!({ "authorize": AUTHORIZE.load(Ordering::SeqCst), "typing": 0, "markAsRead": 0 });
    for (event, count) in HANDLED.lock().unwrap_or_else(|e| e.into_inner()).iter() {
        calls[*event] = json!(count);
    }
    calls
}

/// The ticket a checked call is about.
fn ticket_of(call: ClientEventCall<'_>) -> i64 {
    match call {
        ClientEventCall::JoinChatBox { ticket_id } | ClientEventCall::MarkAsRead { ticket_id } => ticket_id,
        ClientEventCall::Typing { indicator } => indicator.ticket_id,
    }
}

pub(crate) fn owns(call: ClientEventCall<'_>) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
    AUTHORIZE.fetch_add(1, Ordering::SeqCst);
    match ticket_of(call) {
        OWNERSHIP_FAILS => Err("the ticket store is unavailable".into()),
        OWNERSHIP_PANICS => panic!("the ownership check lost its database"),
        ticket => Ok(ticket < FOREIGN_ID),
    }
}

impl<A: CompanyAdapter> ClientEventHandlers<A> for Guard {
    async fn typing(&self, ctx: ClientContext<A>, indicator: Typing) -> Result<(), AckError> {
        handled("typing");
        let room = TypingEventRoom::Ticket {
            ticket_id: indicator.ticket_id,
        };
        let sent = ctx
            .emitter
            .typing_update_to(&[room], indicator.ticket_id, indicator.typing)
            .await;
        sent.map_err(|error| AckError::internal(error.to_string()))
    }

    async fn mark_as_read(&self, _: ClientContext<A>, ticket_id: i64) -> Result<ReadReceipt, AckError> {
        handled("markAsRead");
        match ticket_id {
            MISSING_TICKET => Err(AckError::not_found(format!("no ticket {ticket_id}"))),
            BROKEN_TICKET => Err(AckError::internal("the message store is unavailable")),
            PANICKING_TICKET => panic!("markAsRead lost its database"),
            _ => Ok(ReadReceipt {
                ticket_id,
                unread_messages: 0,
            }),
        }
    }
}
