//! One file per subcommand, holding glue only: turn arguments into settings, call the library,
//! print, and choose the exit status.

mod audit;
mod check;
mod diff;
mod docs;
mod export;
mod gen;
mod init;
mod schema;

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::{Cli, Command};
use crate::exit::ExitStatus;

pub fn run(cli: Cli) -> Result<ExitStatus> {
    match cli.command {
        Command::Gen(args) => gen::run(args),
        Command::Init(args) => init::run(args),
        Command::Check(args) => check::run(args),
        Command::Schema => schema::run(),
        Command::Docs(args) => docs::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Export(command) => export::run(command),
        Command::Diff(args) => diff::run(args),
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
    report_loaded(crate::catalog::load(path))
}

/// Prints the warnings of a loaded catalog, or the problems of one that is not.
fn report_loaded(loaded: Result<crate::catalog::Loaded>) -> Result<std::result::Result<crate::catalog::Loaded, ExitStatus>> {
    match loaded {
        Ok(loaded) => {
            let mut err = anstream::stderr();
            for warning in &loaded.warnings.0 {
                writeln!(err, "{}", warning.render(true))?;
            }
            Ok(Ok(loaded))
        }
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
    // anstream drops the styles when stderr is not a terminal or NO_COLOR is set.
    let mut err = anstream::stderr();
    for diagnostic in &diagnostics.0 {
        writeln!(err, "{}", diagnostic.render(true))?;
    }
    let n = diagnostics.0.len();
    writeln!(err, "{n} problem{} found; nothing was written", if n == 1 { "" } else { "s" })?;
    Ok(())
}

/// Renders `targets`. Marker problems in WEBSOCKET.md are problems in the user's input: they are
/// printed with their lines like catalog problems, and the run stops with exit 2.
fn generate(
    loaded: &crate::catalog::Loaded,
    targets: &[crate::gen::Target],
    place: &crate::gen::output::Place,
) -> Result<std::result::Result<Vec<crate::gen::GeneratedFile>, ExitStatus>> {
    let err = match crate::gen::generate_in(loaded, targets, place) {
        Ok(files) => return Ok(Ok(files)),
        Err(err) => err,
    };
    let (Some(problems), Some(relative)) = (
        err.downcast_ref::<crate::docs::MarkerProblems>(),
        crate::gen::Target::Docs.output_path(&loaded.catalog.outputs),
    ) else {
        return Err(err);
    };
    let path = place.destination(std::path::Path::new(relative))?;
    print_diagnostics(&problems.diagnostics(&path))?;
    Ok(Err(ExitStatus::Error))
}

/// Outputs go next to the catalog unless `--out-dir` re-roots them.
fn output_place(catalog: &std::path::Path, args: &crate::cli::OutputArgs) -> crate::gen::output::Place {
    let folder = catalog.parent().unwrap_or(std::path::Path::new(""));
    crate::gen::output::Place {
        root: args.out_dir.clone().unwrap_or_else(|| folder.to_owned()),
        rerooted: args.out_dir.is_some(),
        allow_outside: args.allow_outside,
        catalog: catalog.to_owned(),
    }
}

/// The command that brings drifted files up to date, as `--check` suggests it.
fn fix_command(subcommand: &str, catalog: &std::path::Path, args: &crate::cli::OutputArgs) -> String {
    let mut command = format!("chatia-socket {subcommand} --catalog {}", catalog.display());
    if let Some(dir) = &args.out_dir {
        command.push_str(&format!(" --out-dir {}", dir.display()));
    }
    command
}

/// Prints what happened to each file (the ones already current only with `show_current`); drift
/// makes the run fail with the diffs and the fix.
fn print_reports(
    reports: &[crate::gen::output::Report],
    mode: crate::gen::output::Mode,
    fix: &str,
    show_current: bool,
) -> Result<ExitStatus> {
    use crate::gen::output::Status;
    use crate::style::{ADDED, HINT, REMOVED};
    let mut out = anstream::stdout();
    let mut drifted = 0;
    let mut written = 0;
    for report in reports {
        let path = report.path.display();
        match &report.status {
            Status::Written => {
                written += 1;
                writeln!(out, "{ADDED}wrote{ADDED:#}     {path}")?;
            }
            Status::Unchanged if show_current => writeln!(out, "current   {path}")?,
            Status::Unchanged => {}
            Status::Drifted { diff, written_by } => {
                drifted += 1;
                writeln!(out, "{REMOVED}drifted{REMOVED:#}   {path}")?;
                if let Some(written_by) = written_by {
                    writeln!(out, "  {HINT}= note:{HINT:#} {written_by}")?;
                }
                for line in diff.lines() {
                    let style = match line.as_bytes().first() {
                        Some(b'+') => ADDED,
                        Some(b'-') => REMOVED,
                        Some(b'@') => HINT,
                        _ => anstyle::Style::new(),
                    };
                    writeln!(out, "{style}{line}{style:#}")?;
                }
            }
        }
    }
    if !show_current && written == 0 && drifted == 0 {
        writeln!(out, "no output changed")?;
    }
    if mode == crate::gen::output::Mode::Check && drifted > 0 {
        writeln!(
            out,
            "{drifted} file{} out of date; run `{fix}` to update",
            if drifted == 1 { " is" } else { "s are" }
        )?;
        return Ok(ExitStatus::Failure);
    }
    Ok(ExitStatus::Success)
}
