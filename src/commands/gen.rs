use std::path::PathBuf;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::cache::{self, Cache};
use crate::cli::{GenArgs, TargetArg};
use crate::exit::ExitStatus;
use crate::gen::output::{Mode, Place, Report, Status};
use crate::gen::{self, Target};

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
    let path = &args.catalog.catalog;
    let bytes = crate::catalog::read(path)?;
    let targets: Vec<Target> = if args.target.is_empty() {
        Target::ALL.to_vec()
    } else {
        args.target.iter().map(|&t| target(t)).collect()
    };
    let place = super::output_place(path, &args.output);
    let mode = if args.output.check { Mode::Check } else { Mode::Write };
    let fix = fix_command(args);
    let cache = Cache::open(args.cache.no_cache).map(|cache| {
        let identity = identity(&place, &targets);
        let slot = cache.slot(&identity.iter().map(Vec::as_slice).collect::<Vec<_>>(), &[&bytes]);
        (cache, slot)
    });
    if let Some(reports) = cache
        .as_ref()
        .and_then(|(cache, slot)| recall(cache.get(slot)?, &place, mode))
    {
        return super::print_reports(&reports, mode, &fix, show_current);
    }
    let loaded = match super::report_loaded(crate::catalog::load_bytes(path, &bytes))? {
        Ok(loaded) => loaded,
        Err(status) => return Ok(status),
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
    let files = match super::generate(&loaded, &targets, &place)? {
        Ok(files) => files,
        Err(status) => return Ok(status),
    };
    if files.is_empty() {
        anstream::eprintln!("error: the catalog names no outputs; add paths under `outputs:`");
        return Ok(ExitStatus::Error);
    }
    let reports = gen::output::apply(&files, &place, mode, args.force)?;
    let status = super::print_reports(&reports, mode, &fix, show_current)?;
    // Warnings are printed on every run, so only a run without any is remembered.
    if let (Some((cache, slot)), ExitStatus::Success, true) = (&cache, status, loaded.warnings.0.is_empty()) {
        cache.put(slot, record(&files));
    }
    Ok(status)
}

/// The command `--check` suggests: it regenerates what was checked, not every target of the catalog.
fn fix_command(args: &GenArgs) -> String {
    let mut fix = super::fix_command("gen", &args.catalog.catalog, &args.output);
    for arg in &args.target {
        if let Some(name) = clap::ValueEnum::to_possible_value(arg) {
            fix.push_str(&format!(" --target {}", name.get_name()));
        }
    }
    fix
}

/// One output as the cache remembers it: where the catalog puts it and what it held.
#[derive(Serialize, Deserialize)]
struct Output {
    path: PathBuf,
    len: u64,
    digest: String,
}

/// What a run's outputs depend on besides the catalog's text: where they go and which targets.
fn identity(place: &Place, targets: &[Target]) -> Vec<Vec<u8>> {
    let flags = [u8::from(place.rerooted), u8::from(place.allow_outside)];
    let targets: Vec<u8> = targets.iter().flat_map(|t| [t.key().as_bytes(), b","].concat()).collect();
    vec![
        b"gen".to_vec(),
        cache::path_identity(&place.catalog),
        cache::path_identity(&place.root),
        flags.to_vec(),
        targets,
    ]
}

fn record(files: &[gen::GeneratedFile]) -> Vec<Output> {
    files
        .iter()
        .map(|file| Output {
            path: file.path.clone(),
            len: file.contents.len() as u64,
            digest: format!("{:032x}", cache::digest(file.contents.as_bytes())),
        })
        .collect()
}

/// The reports of a run with the same inputs, when every output it left is still on disk as it
/// left it: the run would render the same text and find each file up to date.
fn recall(outputs: Vec<Output>, place: &Place, mode: Mode) -> Option<Vec<Report>> {
    let mut reports = Vec::with_capacity(outputs.len());
    for output in outputs {
        let path = place.destination(&output.path).ok()?;
        if std::fs::metadata(&path).ok()?.len() != output.len {
            return None;
        }
        if format!("{:032x}", cache::digest_file(&path).ok()?) != output.digest {
            return None;
        }
        reports.push(Report {
            path,
            status: Status::Unchanged,
        });
    }
    if mode == Mode::Write {
        gen::commit::remove_stale_temporaries(reports.iter().map(|r| r.path.as_path()));
    }
    Some(reports)
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
