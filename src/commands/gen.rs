use anyhow::Result;

use crate::cli::{GenArgs, TargetArg};
use crate::exit::ExitStatus;
use crate::gen::{self, output::Mode, Target};

pub fn run(args: GenArgs) -> Result<ExitStatus> {
    if !args.watch {
        return generate(&args, true);
    }
    let catalog = &args.catalog.catalog;
    // Watching before the first run, so that a save during it is not missed.
    let watch = crate::watch::FileWatch::new(catalog)?;
    generate(&args, true)?;
    anstream::eprintln!("watching {} for changes; Ctrl-C stops", catalog.display());
    watch.run(|| {
        anstream::eprintln!("\n{} changed", catalog.display());
        // A broken save is reported like any run, and the watch goes on.
        if let Err(err) = generate(&args, false) {
            anstream::eprintln!("error: {err:#}");
        }
    });
    Ok(ExitStatus::Success)
}

/// One run of `gen`; `show_current` lists the files that were already up to date too.
fn generate(args: &GenArgs, show_current: bool) -> Result<ExitStatus> {
    let loaded = match super::load_catalog(&args.catalog.catalog)? {
        Ok(loaded) => loaded,
        Err(status) => return Ok(status),
    };
    let targets: Vec<Target> = if args.target.is_empty() {
        Target::ALL.to_vec()
    } else {
        args.target.iter().map(|&t| target(t)).collect()
    };
    let missing: Vec<&str> = targets
        .iter()
        .filter(|t| t.output_path(&loaded.catalog.outputs).is_none())
        .map(|t| t.key())
        .collect();
    if !args.target.is_empty() && !missing.is_empty() {
        anstream::eprintln!(
            "error: the catalog names no output for {}; add it under `outputs:`",
            missing.join(", ")
        );
        return Ok(ExitStatus::Error);
    }
    let place = super::output_place(&loaded, &args.output);
    let files = match super::generate(&loaded, &targets, &place)? {
        Ok(files) => files,
        Err(status) => return Ok(status),
    };
    if files.is_empty() {
        anstream::eprintln!("error: the catalog names no outputs; add paths under `outputs:`");
        return Ok(ExitStatus::Error);
    }
    let mode = if args.output.check { Mode::Check } else { Mode::Write };
    let reports = gen::output::apply(&files, &place, mode, args.force)?;
    let mut fix = super::fix_command("gen", &args.catalog.catalog, &args.output);
    // The fix regenerates what was checked, not every target of the catalog.
    for arg in &args.target {
        if let Some(name) = clap::ValueEnum::to_possible_value(arg) {
            fix.push_str(&format!(" --target {}", name.get_name()));
        }
    }
    super::print_reports(&reports, mode, &fix, show_current)
}

fn target(arg: TargetArg) -> Target {
    match arg {
        TargetArg::Rust => Target::Rust,
        TargetArg::TypescriptServer => Target::TypescriptServer,
        TargetArg::TypescriptTypes => Target::TypescriptTypes,
        TargetArg::React => Target::React,
        TargetArg::Docs => Target::Docs,
    }
}
