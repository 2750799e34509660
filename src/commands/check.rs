use std::io::Write;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::cache::{self, Cache};
use crate::cli::CheckArgs;
use crate::exit::ExitStatus;

/// What `check` prints of a valid catalog, and what its cache slot keeps.
#[derive(Serialize, Deserialize)]
struct Counts {
    events: usize,
    client_events: usize,
    types: usize,
    rooms: usize,
}

pub fn run(args: CheckArgs) -> Result<ExitStatus> {
    let path = &args.catalog.catalog;
    let bytes = crate::catalog::read(path)?;
    let cache = Cache::open(args.cache.no_cache);
    let slot = cache
        .as_ref()
        .map(|cache| cache.slot(&[b"check", &cache::path_identity(path)], &[&bytes]));
    let cached = cache
        .as_ref()
        .zip(slot.as_ref())
        .and_then(|(cache, slot)| cache.get::<Counts>(slot));
    let counts = match cached {
        Some(counts) => counts,
        None => {
            let loaded = match super::report_loaded(crate::catalog::load_bytes(path, &bytes))? {
                Ok(loaded) => loaded,
                Err(status) => return Ok(status),
            };
            let catalog = &loaded.catalog;
            let counts = Counts {
                events: catalog.events.len(),
                client_events: catalog.client_events.len(),
                types: catalog.types.len(),
                rooms: catalog.rooms.len(),
            };
            // Warnings are printed on every run, so only a catalog without any is remembered.
            if let (Some(cache), Some(slot), true) = (&cache, &slot, loaded.warnings.0.is_empty()) {
                cache.put(slot, &counts);
            }
            counts
        }
    };
    writeln!(
        anstream::stdout(),
        "{}: ok ({} events, {} client events, {} types, {} rooms)",
        path.display(),
        counts.events,
        counts.client_events,
        counts.types,
        counts.rooms
    )?;
    Ok(ExitStatus::Success)
}
