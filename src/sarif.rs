//! The envelope of a SARIF 2.1.0 log, which `audit` and `diff` share: one run of chatia-socket
//! with the rules it knows and what it found. Each report fills in its own rule and result
//! objects (the subset code scanning reads, as plain serde structs).

use std::io::Write;

use serde::Serialize;

const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

#[derive(Serialize)]
struct Log<R, X> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<R, X>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<R, X> {
    tool: Tool<R>,
    /// Our columns count characters.
    column_kind: &'static str,
    results: Vec<X>,
}

#[derive(Serialize)]
struct Tool<R> {
    driver: Driver<R>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<R> {
    name: &'static str,
    semantic_version: &'static str,
    rules: Vec<R>,
}

/// A text of the log: a result's message, a rule's descriptions.
#[derive(Serialize)]
pub struct Message {
    pub text: String,
}

/// A rule's help, as plain text and as Markdown.
#[derive(Serialize)]
pub struct Help {
    pub text: String,
    pub markdown: String,
}

/// A rule's level when nothing overrides it.
#[derive(Serialize)]
pub struct Configuration {
    pub level: &'static str,
}

/// Writes the log of one run with `rules` and `results`, pretty-printed, with a final newline.
pub fn write<R: Serialize, X: Serialize>(rules: Vec<R>, results: Vec<X>, out: &mut dyn Write) -> std::io::Result<()> {
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "chatia-socket",
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}
