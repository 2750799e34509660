use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::audit::impact::Impact;
use crate::audit::report::{self, Format};
use crate::audit::{baseline, config, rules, FailOn, Settings};
use crate::catalog::model::{AuditConfig, Catalog, Severity};
use crate::catalog::validate::Problem;
use crate::catalog::{Diagnostics, Loaded};
use crate::cli::{AuditArgs, FailOnArg, FormatArg};
use crate::exit::ExitStatus;

/// `chatia-socket audit`, without clap.
#[derive(Debug, Clone)]
pub struct AuditSettings {
    pub paths: Vec<PathBuf>,
    pub catalog: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub format: Format,
    pub fail_on: FailOn,
    pub baseline: Option<PathBuf>,
    pub write_baseline: Option<PathBuf>,
    pub explain: Option<String>,
    pub only: Vec<PathBuf>,
    pub no_cache: bool,
}

impl From<AuditArgs> for AuditSettings {
    fn from(args: AuditArgs) -> Self {
        AuditSettings {
            no_cache: args.cache.no_cache,
            paths: args.paths,
            catalog: args.catalog,
            config: args.config,
            format: match args.format {
                FormatArg::Text => Format::Text,
                FormatArg::Json => Format::Json,
                FormatArg::Sarif => Format::Sarif,
                FormatArg::Github => Format::Github,
            },
            fail_on: fail_on(&args.fail_on),
            baseline: args.baseline,
            write_baseline: args.write_baseline,
            explain: args.explain,
            only: args.only,
        }
    }
}

/// `--fail-on`: a severity alone keeps every impact; impacts alone keep the `error` threshold.
fn fail_on(items: &[FailOnArg]) -> FailOn {
    if items.is_empty() {
        return FailOn::default();
    }
    let impacts: Vec<Impact> = items
        .iter()
        .filter_map(|item| match item {
            FailOnArg::Leak => Some(Impact::Leak),
            FailOnArg::Unguarded => Some(Impact::Unguarded),
            FailOnArg::Lost => Some(Impact::Lost),
            FailOnArg::Convention => Some(Impact::Convention),
            FailOnArg::Warning | FailOnArg::Error => None,
        })
        .collect();
    FailOn {
        severity: if items.contains(&FailOnArg::Warning) {
            Severity::Warning
        } else {
            Severity::Error
        },
        impacts: if impacts.is_empty() { Impact::ALL.to_vec() } else { impacts },
    }
}

pub fn run(args: AuditArgs) -> Result<ExitStatus> {
    let settings = AuditSettings::from(args);
    if let Some(rule) = &settings.explain {
        return explain(rule);
    }
    let catalog = match &settings.catalog {
        Some(path) => match super::load_catalog(path)? {
            Ok(loaded) => Some(loaded),
            Err(status) => return Ok(status),
        },
        None => None,
    };
    let compiled = match compiled_config(settings.config.as_deref(), catalog.as_ref())? {
        Ok(compiled) => compiled,
        Err(diagnostics) => {
            let mut err = anstream::stderr();
            for diagnostic in &diagnostics.0 {
                writeln!(err, "{}", diagnostic.render(true))?;
            }
            return Ok(ExitStatus::Error);
        }
    };
    let audit = Settings {
        paths: settings.paths.clone(),
        catalog: catalog.map(|loaded| loaded.catalog),
        config: compiled,
        cache: crate::cache::Cache::open(settings.no_cache),
    };
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let mut found = crate::audit::run(&audit, &cwd)?;
    if !settings.only.is_empty() {
        found.keep_only(&settings.only, &cwd);
    }
    if !found.skipped.is_empty() {
        anstream::eprintln!(
            "note: no --catalog given; skipped {} and the catalog check of listener-name",
            found.skipped.join(", ")
        );
    }
    if let Some(path) = &settings.write_baseline {
        let inputs: Vec<&Path> = settings
            .catalog
            .iter()
            .chain(&settings.config)
            .map(PathBuf::as_path)
            .collect();
        baseline::write(path, &baseline::of(&found.findings), &inputs)?;
        anstream::eprintln!("wrote {} finding(s) to the baseline {}", found.findings.len(), path.display());
        return Ok(ExitStatus::Success);
    }
    if let Some(path) = &settings.baseline {
        let known = baseline::read(path)?;
        found.findings = baseline::new_findings(std::mem::take(&mut found.findings), &known);
        found.recount();
    }
    // Rendered whole, then written at once: stdout is line-buffered, and a report of a large
    // tree has thousands of lines.
    let mut rendered = Vec::new();
    report::render(settings.format, &found, &mut rendered, true)?;
    let mut out = anstream::stdout().lock();
    out.write_all(&rendered)?;
    out.flush()?;
    Ok(if found.fails(&settings.fail_on) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

fn explain(rule: &str) -> Result<ExitStatus> {
    match rules::explain(rule) {
        Some(text) => {
            anstream::stdout().write_all(text.as_bytes())?;
            Ok(ExitStatus::Success)
        }
        None => {
            let known: Vec<&str> = rules::all().iter().map(|r| r.meta().id).collect();
            anstream::eprintln!("error: `{rule}` is not an audit rule; rules: {}", known.join(", "));
            Ok(ExitStatus::Error)
        }
    }
}

/// `--config FILE` wins over the catalog's `audit:` section; problems come back positioned.
pub(super) fn compiled_config(config: Option<&Path>, catalog: Option<&Loaded>) -> Result<Result<config::Compiled, Diagnostics>> {
    if let Some(path) = config {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read audit config {}", path.display()))?;
        let parsed = match crate::catalog::load::parse::<AuditConfig>(path, &bytes) {
            Ok(parsed) => parsed,
            Err(diagnostics) => return Ok(Err(diagnostics)),
        };
        let Some(value) = parsed.value.filter(|_| parsed.problems.is_empty()) else {
            return Ok(Err(parsed.spans.diagnostics(parsed.problems)));
        };
        let conflicts = catalog.map_or_else(Vec::new, |c| config::against_catalog(&value, &c.catalog.conventions, ""));
        return Ok(with_conflicts(config::compile(&value, ""), conflicts).map_err(|problems| parsed.spans.diagnostics(problems)));
    }
    let Some(loaded) = catalog else {
        return Ok(Ok(
            config::compile(&AuditConfig::default(), "").expect("the defaults are valid")
        ));
    };
    let section = loaded.catalog.audit.clone().unwrap_or_default();
    let conflicts = config::against_catalog(&section, &loaded.catalog.conventions, "/audit");
    match with_conflicts(config::compile(&section, "/audit"), conflicts) {
        Ok(compiled) => Ok(Ok(compiled)),
        Err(problems) => Ok(Err(catalog_diagnostics(&loaded.path, problems)?)),
    }
}

/// The compiled settings, unless they or their conventions have problems: then all of them.
fn with_conflicts(
    compiled: std::result::Result<config::Compiled, Vec<Problem>>,
    mut conflicts: Vec<Problem>,
) -> std::result::Result<config::Compiled, Vec<Problem>> {
    match compiled {
        Ok(compiled) if conflicts.is_empty() => Ok(compiled),
        Ok(_) => Err(conflicts),
        Err(mut problems) => {
            problems.append(&mut conflicts);
            Err(problems)
        }
    }
}

/// Positions for problems in the catalog's `audit:` section: the catalog is parsed again for its spans.
fn catalog_diagnostics(path: &Path, problems: Vec<crate::catalog::validate::Problem>) -> Result<Diagnostics> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read catalog {}", path.display()))?;
    Ok(match crate::catalog::load::parse::<Catalog>(path, &bytes) {
        Ok(parsed) => parsed.spans.diagnostics(problems),
        Err(diagnostics) => diagnostics,
    })
}
