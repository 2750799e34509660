use std::io::Write;

use anyhow::Result;

use crate::exit::ExitStatus;

pub fn run() -> Result<ExitStatus> {
    std::io::stdout().write_all(crate::catalog::schema_json().as_bytes())?;
    Ok(ExitStatus::Success)
}
