//! One file per subcommand, holding glue only: turn arguments into settings, call the library,
//! print, and choose the exit status.

mod audit;
mod check;
mod docs;
mod gen;
mod schema;

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::{Cli, Command};
use crate::exit::ExitStatus;

pub fn run(cli: Cli) -> Result<ExitStatus> {
    match cli.command {
        Command::Gen(args) => gen::run(args),
        Command::Check(args) => check::run(args),
        Command::Schema => schema::run(),
        Command::Docs(args) => docs::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "chatia-socket", &mut out);
            std::io::stdout().write_all(&out)?;
            Ok(ExitStatus::Success)
        }
    }
}

/// Loads the catalog; its problems are printed here so every subcommand reports them alike.
fn load_catalog(path: &std::path::Path) -> Result<std::result::Result<crate::catalog::Loaded, ExitStatus>> {
    match crate::catalog::load(path) {
        Ok(loaded) => Ok(Ok(loaded)),
        Err(err) => match err.downcast::<crate::catalog::Diagnostics>() {
            Ok(diagnostics) => {
                print_diagnostics(&diagnostics)?;
                Ok(Err(ExitStatus::Error))
            }
            Err(other) => Err(other),
        },
    }
}

fn print_diagnostics(diagnostics: &crate::catalog::Diagnostics) -> Result<()> {
    let mut err = anstream::stderr();
    let color = !matches!(anstream::AutoStream::choice(&std::io::stderr()), anstream::ColorChoice::Never);
    for diagnostic in &diagnostics.0 {
        writeln!(err, "{}", diagnostic.render(color))?;
    }
    let n = diagnostics.0.len();
    writeln!(err, "{n} problem{} found; nothing was written", if n == 1 { "" } else { "s" })?;
    Ok(())
}
