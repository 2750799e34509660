use anyhow::Result;

use crate::cli::DocsArgs;
use crate::exit::ExitStatus;
use crate::gen::{self, output::Mode, Target};

pub fn run(args: DocsArgs) -> Result<ExitStatus> {
    let loaded = match super::load_catalog(&args.catalog.catalog)? {
        Ok(loaded) => loaded,
        Err(status) => return Ok(status),
    };
    if Target::Docs.output_path(&loaded.catalog.outputs).is_none() {
        anstream::eprintln!(
            "error: the catalog names no output for docs; add `docs: docs/backend/WEBSOCKET.md` under `outputs:`"
        );
        return Ok(ExitStatus::Error);
    }
    let place = super::output_place(&loaded.path, &args.output);
    let files = match super::generate(&loaded, &[Target::Docs], &place)? {
        Ok(files) => files,
        Err(status) => return Ok(status),
    };
    let mode = if args.output.check { Mode::Check } else { Mode::Write };
    let reports = gen::output::apply(&files, &place, mode, false)?;
    super::print_reports(
        &reports,
        mode,
        &super::fix_command("docs", &args.catalog.catalog, &args.output),
        true,
    )
}
