use std::io::Write;

use anyhow::Result;

use crate::cli::{AsyncapiArgs, ExportCommand, ExportFormatArg};
use crate::exit::ExitStatus;
use crate::export::{self, Format};

pub fn run(command: ExportCommand) -> Result<ExitStatus> {
    match command {
        ExportCommand::Asyncapi(args) => asyncapi(args),
    }
}

fn asyncapi(args: AsyncapiArgs) -> Result<ExitStatus> {
    let loaded = match super::load_catalog(&args.catalog.catalog)? {
        Ok(loaded) => loaded,
        Err(status) => return Ok(status),
    };
    let protocol = crate::protocol::resolve(&loaded)?;
    let format = match args.format {
        ExportFormatArg::Json => Format::Json,
        ExportFormatArg::Yaml => Format::Yaml,
    };
    let text = export::render(&export::asyncapi::document(&protocol), format);
    match &args.output {
        Some(path) => {
            export::write(path, &text, &args.catalog.catalog)?;
            writeln!(anstream::stdout(), "wrote {}", path.display())?;
        }
        None => std::io::stdout().write_all(text.as_bytes())?,
    }
    Ok(ExitStatus::Success)
}
