//! `harness-server <chatia|awkward> [--client-limit <event>=<events>/<seconds>/<maxBytes>]…`: a
//! socketioxide server on a free loopback port with the generated namespace setup of one catalog,
//! its client limits set at run time where given. It prints `{"port":N}` once it listens, then
//! answers the control commands of `control.rs` read from stdin, and exits when stdin closes.
//! What the generated code logs is captured for the `logs` command.

use std::process::ExitCode;

use chatia_socket_harness::app::TestClock;
use chatia_socket_harness::control::{self, Catalog, LimitOverride};
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use socketioxide::SocketIo;
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

/// The catalog's name and the client limits to set.
fn parse(args: &[String]) -> Result<(&str, Vec<LimitOverride>), String> {
    let (name, rest) = args.split_first().ok_or("name a catalog: chatia or awkward")?;
    let mut overrides = Vec::new();
    let mut rest = rest.iter();
    while let Some(flag) = rest.next() {
        match (flag.as_str(), rest.next()) {
            ("--client-limit", Some(value)) => overrides.push(value.parse()?),
            _ => return Err(format!("unexpected argument {flag:?}")),
        }
    }
    Ok((name, overrides))
}

async fn serve(args: &[String]) -> Result<(), String> {
    let (name, overrides) = parse(args)?;
    chatia_socket_harness::logs::capture()?;
    let clock = TestClock::new(chrono::DateTime::UNIX_EPOCH);
    let (svc, io) = SocketIo::new_svc();
    let catalog = Catalog::serve(name, &io, &clock, &overrides)?;
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
        let answer = control::answer(&line, &io, &catalog, &clock).await;
        say(answer.to_string()).await?;
    }
    io.close().await;
    Ok(())
}
