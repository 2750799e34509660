use anyhow::Result;

use crate::cli::DocsArgs;
use crate::exit::ExitStatus;

pub fn run(_args: DocsArgs) -> Result<ExitStatus> {
    anstream::eprintln!("error: `chatia-socket docs` is not built yet");
    Ok(ExitStatus::Error)
}
