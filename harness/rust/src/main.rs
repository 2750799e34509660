//! `harness-server <chatia|awkward> [--client-limit <event>=<events>/<seconds>/<maxBytes>]…
//! [--redis <url>]`: a socketioxide server on a free loopback port with the generated namespace
//! setup of one catalog, its client limits set at run time where given, on the in-process adapter
//! or, with `--redis`, on the chatia catalog's Redis adapter (several servers share it). It prints `{"port":N}` once it listens, then
//! answers the control commands of `control.rs` read from stdin, and exits when stdin closes.
//! What the generated code logs is captured for the `logs` command.

use std::process::ExitCode;

use chatia_socket_harness::app::TestClock;
use chatia_socket_harness::control::{self, Catalog, LimitOverride};
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use chatia_socket_harness::chatia;
use socketioxide::{SocketIo, SocketIoBuilder};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match serve(&args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("harness-server: {error}");
            ExitCode::from(2)
        }
    }
}

/// What the command line asks for.
struct Options<'a> {
    catalog: &'a str,
    overrides: Vec<LimitOverride>,
    redis: Option<&'a str>,
}

fn parse(args: &[String]) -> Result<Options<'_>, String> {
    let (catalog, rest) = args.split_first().ok_or("name a catalog: chatia or awkward")?;
    let mut options = Options {
        catalog,
        overrides: Vec::new(),
        redis: None,
    };
    let mut rest = rest.iter();
    while let Some(flag) = rest.next() {
        match (flag.as_str(), rest.next()) {
            ("--client-limit", Some(value)) => options.overrides.push(value.parse()?),
            ("--redis", Some(url)) => options.redis = Some(url),
            _ => return Err(format!("unexpected argument {flag:?}")),
        }
    }
    Ok(options)
}

async fn serve(args: &[String]) -> Result<(), String> {
    let options = parse(args)?;
    chatia_socket_harness::logs::capture()?;
    match options.redis {
        None => run(&options, SocketIo::builder()).await,
        Some(url) => {
            let client = redis::Client::open(url).map_err(|e| format!("redis {url}: {e}"))?;
            let adapter = chatia::redis_adapter(&client).await.map_err(|e| format!("redis {url}: {e}"))?;
            run(&options, SocketIo::builder().with_adapter::<chatia::RedisAdapter>(adapter)).await
        }
    }
}

async fn run<A: control::Adapter>(options: &Options<'_>, builder: SocketIoBuilder<A>) -> Result<(), String> {
    let (svc, io) = builder.build_svc();
    let clock = TestClock::new(chrono::DateTime::UNIX_EPOCH);
    let catalog = Catalog::serve(options.catalog, &io, &clock, &options.overrides)?;
    let listener = TcpListener::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let svc = svc.clone();
            tokio::spawn(async move {
                // A client that goes away mid-request is no concern of the tests.
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), svc)
                    .with_upgrades()
                    .await;
            });
        }
    });
    let mut stdout = tokio::io::stdout();
    let mut say = async |line: String| -> Result<(), String> {
        stdout
            .write_all(format!("{line}\n").as_bytes())
            .await
            .map_err(|e| e.to_string())?;
        stdout.flush().await.map_err(|e| e.to_string())
    };
    say(format!("{{\"port\":{port}}}")).await?;
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    while let Some(line) = lines.next_line().await.map_err(|e| e.to_string())? {
        if line.trim().is_empty() {
            continue;
        }
        let answer = control::answer(&line, &catalog, &clock).await;
        say(answer.to_string()).await?;
    }
    io.close().await;
    Ok(())
}
