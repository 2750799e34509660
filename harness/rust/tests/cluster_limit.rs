//! The cluster rate limit of the generated Rust servers (`fixtures/catalogs/cluster`: 40 emits
//! per company per 60 s, `campaign` 10 of its own): two limiters on separate Redis connections,
//! as two servers would hold them, share one budget. Needs the Redis of `REDIS_URL`, which
//! `scripts/test.sh` starts.

use chatia_socket_harness::app::TestClock;
use chatia_socket_harness::cluster;
use socketioxide::SocketIo;

struct Clock(TestClock);

impl cluster::Clock for Clock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.read()
    }
}

/// Refuses every client: these servers only emit.
struct NoClients;

impl cluster::SocketGuard for NoClients {
    type Credentials = ();

    async fn authenticate(&self, (): ()) -> Option<cluster::SocketSession> {
        None
    }

    async fn may_join(&self, _: cluster::SocketSession, _: &cluster::RoomRequest) -> bool {
        false
    }
}

fn redis() -> redis::Client {
    let url = std::env::var("REDIS_URL").expect("set REDIS_URL to a Redis 7 server (scripts/test.sh starts one)");
    redis::Client::open(url).expect("REDIS_URL is a Redis URL")
}

/// A server's emitter for `company_id`, counting in the shared Redis, with no client connected.
async fn server(client: &redis::Client, company_id: i64) -> cluster::CompanyEmitter {
    let connection = redis::aio::ConnectionManager::new(client.clone()).await.expect("Redis answers");
    let limiter = cluster::RateLimiter::with_clock(Clock(TestClock::new(chrono::Utc::now()))).with_redis(connection);
    let namespaces = cluster::register_namespace(&SocketIo::new_svc().1, NoClients).unwrap();
    cluster::CompanyEmitter::new(&namespaces, &limiter, company_id, 1)
}

/// A company no earlier run counted for: the windows live 60 s in Redis.
async fn fresh_company(client: &redis::Client) -> i64 {
    let mut connection = client.get_multiplexed_async_connection().await.expect("Redis answers");
    let n: i64 = redis::cmd("INCR").arg("chatia-socket:test:company").query_async(&mut connection).await.unwrap();
    1_000_000 + n
}

fn ticket() -> cluster::Ticket {
    cluster::Ticket {
        id: 7,
        status: "open".to_owned(),
    }
}

#[tokio::test]
async fn two_servers_together_let_exactly_the_companys_budget_through() {
    let client = redis();
    let company = fresh_company(&client).await;
    let (a, b) = (server(&client, company).await, server(&client, company).await);
    let mut sent = 0;
    let mut dropped = 0;
    for i in 0..60 {
        let emitter = if i % 2 == 0 { &a } else { &b };
        match emitter.ticket_update(&ticket()).await {
            Ok(()) => sent += 1,
            Err(cluster::EmitError::RateLimited { budget: cluster::Budget::Company, limit: 40, .. }) => dropped += 1,
            Err(other) => panic!("unexpected {other}"),
        }
    }
    assert_eq!((sent, dropped), (40, 20));
    // A delete is critical: no budget drops it, on either server.
    a.ticket_delete(7).await.unwrap();
    b.ticket_delete(7).await.unwrap();
    // Another company has its own budget.
    let other = server(&client, fresh_company(&client).await).await;
    other.ticket_update(&ticket()).await.unwrap();
}

#[tokio::test]
async fn an_events_own_budget_is_shared_and_spares_the_others() {
    let client = redis();
    let company = fresh_company(&client).await;
    let (a, b) = (server(&client, company).await, server(&client, company).await);
    let mut sent = 0;
    for i in 0..30 {
        let emitter = if i % 2 == 0 { &a } else { &b };
        match emitter.campaign_update(1, i).await {
            Ok(()) => sent += 1,
            Err(cluster::EmitError::RateLimited { budget: cluster::Budget::Event, limit: 10, .. }) => {}
            Err(other) => panic!("unexpected {other}"),
        }
    }
    assert_eq!(sent, 10, "the campaign's own budget of 10, across both servers");
    // The dropped campaign emits did not count against the company: 30 of its 40 are left.
    for _ in 0..30 {
        a.ticket_update(&ticket()).await.unwrap();
    }
    assert!(matches!(
        b.ticket_update(&ticket()).await,
        Err(cluster::EmitError::RateLimited { budget: cluster::Budget::Company, .. })
    ));
}
