use std::io::Write;

use anyhow::Result;

use crate::cli::CatalogArg;
use crate::exit::ExitStatus;

pub fn run(args: CatalogArg) -> Result<ExitStatus> {
    let loaded = match super::load_catalog(&args.catalog)? {
        Ok(loaded) => loaded,
        Err(status) => return Ok(status),
    };
    let catalog = &loaded.catalog;
    writeln!(
        anstream::stdout(),
        "{}: ok ({} events, {} client events, {} types, {} rooms)",
        loaded.path.display(),
        catalog.events.len(),
        catalog.client_events.len(),
        catalog.types.len(),
        catalog.rooms.len()
    )?;
    Ok(ExitStatus::Success)
}
