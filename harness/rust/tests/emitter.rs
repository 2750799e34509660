//! The generated emitter and rate limiter without a network: what an emit returns when no client
//! of the company is connected, how the catalog's limit is counted per company on the injected
//! clock, and what the errors say.

use std::future::Future;

use chatia_socket_harness::app::{Guard, TestClock};
use chatia_socket_harness::{awkward, chatia};
use chrono::{DateTime, TimeDelta, Utc};
use socketioxide::SocketIo;

struct Clock(TestClock);

impl chatia::Clock for Clock {
    fn now(&self) -> DateTime<Utc> {
        self.0.read()
    }
}

impl awkward::Clock for Clock {
    fn now(&self) -> DateTime<Utc> {
        self.0.read()
    }
}

fn start() -> DateTime<Utc> {
    "2024-05-01T10:00:00.000Z".parse().unwrap()
}

fn chatia_limiter() -> (TestClock, chatia::RateLimiter) {
    let clock = TestClock::new(start());
    (clock.clone(), chatia::RateLimiter::with_clock(Clock(clock)))
}

/// A server on which no client is connected.
fn chatia_namespaces() -> chatia::CompanyNamespaces {
    chatia::register_namespace(&SocketIo::new_svc().1, Guard).unwrap()
}

fn awkward_namespaces() -> awkward::CompanyNamespaces {
    awkward::register_namespace(&SocketIo::new_svc().1, Guard).unwrap()
}

#[test]
fn the_limit_is_the_catalogs_per_company_per_window() {
    let (clock, limiter) = chatia_limiter();
    let window = i64::try_from(chatia::RateLimiter::WINDOW_SECONDS).unwrap() * 1000;
    for _ in 0..chatia::RateLimiter::EVENTS {
        assert_eq!(limiter.try_acquire(1), Some(start()));
    }
    assert_eq!(limiter.try_acquire(1), None, "one past the limit");
    assert_eq!(limiter.try_acquire(2), Some(start()), "another company has its own budget");
    clock.advance_millis(window - 1);
    assert_eq!(limiter.try_acquire(1), None, "the window is not over");
    clock.advance_millis(1);
    assert_eq!(limiter.try_acquire(1), Some(start() + TimeDelta::milliseconds(window)));
}

#[tokio::test]
async fn a_limit_set_at_run_time_replaces_the_catalogs() {
    let (clock, limiter) = chatia_limiter();
    let limiter = limiter.with_limit(2, 5);
    assert_eq!((limiter.events(), limiter.window_seconds()), (2, 5));
    assert_eq!(format!("{limiter:?}"), "RateLimiter(2 events per 5 s)");
    let emitter = chatia::CompanyEmitter::new(&chatia_namespaces(), &limiter, 1, 1);
    for id in 0..2 {
        emitter.ticket_remove_from_list(id).await.unwrap();
    }
    let error = emitter.ticket_remove_from_list(2).await.unwrap_err();
    assert!(
        matches!(
            error,
            chatia::EmitError::RateLimited {
                limit: 2,
                window_seconds: 5,
                ..
            }
        ),
        "{error}"
    );
    clock.advance_millis(5_000);
    emitter.ticket_remove_from_list(3).await.unwrap();
}

#[tokio::test]
async fn a_flood_of_one_event_is_dropped_by_its_own_budget_and_critical_actions_always_go() {
    let (clock, limiter) = chatia_limiter();
    let limiter = limiter.with_limit(130, 60);
    assert_eq!(limiter.event_limit("campaign"), Some((120, 60)));
    assert_eq!(limiter.event_limit("ticket"), None);
    let emitter = chatia::CompanyEmitter::new(&chatia_namespaces(), &limiter, 1, 1);
    let mut outcomes = Vec::new();
    for i in 0..500 {
        outcomes.push(emitter.campaign_progress(1, i, 500).await);
    }
    assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 120);
    let error = outcomes.pop().unwrap().unwrap_err();
    assert!(
        matches!(error, chatia::EmitError::RateLimited { budget: chatia::Budget::Event, limit: 120, window_seconds: 60, .. }),
        "{error}"
    );
    assert_eq!(
        error.to_string(),
        "company-1-campaign not sent: company 1 reached the event's rate limit of 120 events per 60 s"
    );
    // The flood used 120 of the company's 130: the other events still have 10.
    for id in 0..10 {
        emitter.ticket_remove_from_list(id).await.unwrap();
    }
    let error = emitter.ticket_remove_from_list(10).await.unwrap_err();
    assert!(matches!(error, chatia::EmitError::RateLimited { budget: chatia::Budget::Company, limit: 130, .. }), "{error}");
    // Deletes are critical: sent with every budget spent, and counted against none.
    for id in 0..50 {
        emitter.ticket_delete(id).await.unwrap();
        emitter.campaign_delete(id).await.unwrap();
    }
    clock.advance_millis(60_000);
    for id in 0..130 {
        emitter.ticket_remove_from_list(id).await.unwrap();
    }
}

#[test]
fn an_events_budget_set_at_run_time_replaces_the_catalogs() {
    let (_, limiter) = chatia_limiter();
    let limiter = limiter.with_event_limit("ticket", 3, 1).expect("the catalog has ticket events");
    assert_eq!(limiter.event_limit("ticket"), Some((3, 1)));
    assert_eq!(limiter.event_limit("campaign"), Some((120, 60)));
    assert!(limiter.clone().with_event_limit("no-such-event", 1, 1).is_none());
}

#[test]
fn clones_share_one_budget() {
    let (_, limiter) = chatia_limiter();
    let other = limiter.clone();
    for i in 0..chatia::RateLimiter::EVENTS {
        let half = if i % 2 == 0 { &limiter } else { &other };
        assert!(half.try_acquire(7).is_some());
    }
    assert_eq!(other.try_acquire(7), None);
    assert_eq!(limiter.try_acquire(7), None);
}

#[test]
fn a_clock_set_back_opens_a_new_window() {
    let clock = TestClock::new(start());
    let limiter = awkward::RateLimiter::with_clock(Clock(clock.clone()));
    while limiter.try_acquire(3).is_some() {}
    clock.advance_millis(-60_000);
    assert!(limiter.try_acquire(3).is_some());
}

#[tokio::test]
async fn an_emit_to_a_company_without_clients_is_not_an_error_but_counts() {
    let clock = TestClock::new(start());
    let limiter = awkward::RateLimiter::with_clock(Clock(clock));
    let emitter = awkward::CompanyEmitter::new(&awkward_namespaces(), &limiter, 9, 1);
    assert_eq!(emitter.namespace(), "/workspace-9");
    for id in 0..awkward::RateLimiter::EVENTS {
        emitter
            .app_event_typeof(i64::try_from(id).unwrap(), "p")
            .await
            .expect("nobody listens: fine");
    }
    let error = emitter.app_event_typeof(1, "p").await.expect_err("over the limit");
    assert!(matches!(
        &error,
        awkward::EmitError::RateLimited { company_id: 9, event, limit: 5, window_seconds: 1, budget: awkward::Budget::Company } if event == "company-9-app-event"
    ));
    assert_eq!(
        error.to_string(),
        "company-9-app-event not sent: company 9 reached its rate limit of 5 events per 1 s"
    );
}

#[tokio::test]
async fn an_empty_room_list_is_refused_before_it_counts() {
    let (_, limiter) = chatia_limiter();
    let emitter = chatia::CompanyEmitter::new(&chatia_namespaces(), &limiter, 4, 1);
    let error = emitter.ticket_delete_to(&[], 5).await.expect_err("no room");
    assert!(matches!(&error, chatia::EmitError::NoRooms { event } if event == "company-4-ticket"));
    assert_eq!(error.to_string(), "company-4-ticket not sent: no room given");
    for _ in 0..chatia::RateLimiter::EVENTS {
        assert!(limiter.try_acquire(4).is_some(), "the refused emit used none of the budget");
    }
}

fn assert_send<F: Future + Send>(future: F) -> F {
    future
}

#[tokio::test]
async fn emits_can_be_awaited_from_spawned_tasks() {
    let (_, limiter) = chatia_limiter();
    let emitter = chatia::CompanyEmitter::new(&chatia_namespaces(), &limiter, 1, 1);
    let handle = tokio::spawn(async move {
        let rooms = [chatia::TicketEventRoom::Status {
            status: chatia::TicketStatus::Open,
        }];
        assert_send(emitter.ticket_delete_to(&rooms, 1)).await
    });
    handle.await.unwrap().unwrap();
}
