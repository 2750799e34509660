use anyhow::Result;

use crate::cli::AuditArgs;
use crate::exit::ExitStatus;

pub fn run(_args: AuditArgs) -> Result<ExitStatus> {
    anstream::eprintln!("error: `chatia-socket audit` is not built yet");
    Ok(ExitStatus::Error)
}
