//! Benchmark input for `chatia-socket gen` and `check`: `catalog_bench FILE EVENTS` writes a
//! catalog of EVENTS server events, the bundled catalog's events repeated under new names
//! (`ticketR3`) with its types, rooms and client events. Deterministic: the same EVENTS always
//! gives the same bytes. Every repeated event names its entity field and id field as the
//! original's resource does, so its `carries` stay valid.

use std::fmt::Write as _;

const BUNDLED: &str = include_str!("../fixtures/chatia/socket-events.yaml");

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(file), Some(events)) = (args.first(), args.get(1).and_then(|n| n.parse::<usize>().ok())) else {
        eprintln!("usage: catalog_bench FILE EVENTS");
        std::process::exit(2);
    };
    std::fs::write(file, catalog(events)).expect("the catalog can be written");
}

/// The bundled catalog with its `events:` section replaced by `count` events.
fn catalog(count: usize) -> String {
    let (head, rest) = BUNDLED.split_once("\nevents:\n").expect("the bundled catalog has events");
    let (events, tail) = rest
        .split_once("\nclientEvents:\n")
        .expect("the bundled catalog has client events");
    let blocks = event_blocks(events);
    let mut out = format!("{head}\nevents:\n");
    for i in 0..count {
        let (name, body) = &blocks[i % blocks.len()];
        let _ = writeln!(out, "  {name}R{i}:");
        let has_entity = body.iter().any(|line| line.starts_with("    entity:"));
        if has_entity && !body.iter().any(|line| line.starts_with("    entityField:")) {
            let _ = writeln!(out, "    entityField: {name}");
        }
        if has_entity && !body.iter().any(|line| line.starts_with("    idField:")) {
            let _ = writeln!(out, "    idField: {name}Id");
        }
        for line in body {
            let _ = writeln!(out, "{line}");
        }
    }
    let _ = write!(out, "\nclientEvents:\n{tail}");
    out
}

/// Each event of the section: its name and its indented lines (comments and blank lines kept).
fn event_blocks(section: &str) -> Vec<(String, Vec<&str>)> {
    let mut blocks: Vec<(String, Vec<&str>)> = Vec::new();
    for line in section.lines() {
        let is_name = line.starts_with("  ") && !line.starts_with("   ") && line.trim_end().ends_with(':');
        if is_name {
            blocks.push((line.trim().trim_end_matches(':').to_owned(), Vec::new()));
        } else if let Some((_, body)) = blocks.last_mut() {
            body.push(line);
        }
    }
    for (_, body) in &mut blocks {
        while body
            .last()
            .is_some_and(|line| line.trim().is_empty() || line.trim_start().starts_with('#'))
        {
            body.pop();
        }
    }
    blocks
}
