use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::catalog::Loaded;
use crate::cli::{DiffArgs, DiffFormatArg};
use crate::diff::report::{self, Format};
use crate::diff::{self, Rule, Side};
use crate::exit::ExitStatus;

/// `chatia-socket diff`, without clap.
#[derive(Debug, Clone)]
pub struct DiffSettings {
    pub sides: Sides,
    pub format: Format,
    pub allow: Vec<String>,
    pub rules: bool,
}

/// Where the two catalogs come from.
#[derive(Debug, Clone)]
pub enum Sides {
    Files {
        old: PathBuf,
        new: PathBuf,
    },
    /// The old catalog is `catalog` as the git revision `reference` has it.
    Git {
        reference: String,
        catalog: PathBuf,
    },
}

impl From<DiffArgs> for DiffSettings {
    fn from(args: DiffArgs) -> Self {
        let sides = match (args.against, args.old, args.new) {
            (Some(reference), _, _) => Sides::Git {
                reference,
                catalog: args.catalog,
            },
            (None, old, new) => Sides::Files {
                old: old.unwrap_or_default(),
                new: new.unwrap_or_default(),
            },
        };
        DiffSettings {
            sides,
            format: match args.format {
                DiffFormatArg::Text => Format::Text,
                DiffFormatArg::Json => Format::Json,
                DiffFormatArg::Sarif => Format::Sarif,
            },
            allow: args.allow,
            rules: args.rules,
        }
    }
}

pub fn run(args: DiffArgs) -> Result<ExitStatus> {
    let settings = DiffSettings::from(args);
    if settings.rules {
        report::rules(&mut anstream::stdout().lock())?;
        return Ok(ExitStatus::Success);
    }
    let Some(allow) = allowed(&settings.allow) else {
        return Ok(ExitStatus::Error);
    };
    let (old, new) = match load_sides(&settings.sides)? {
        Ok(sides) => sides,
        Err(status) => return Ok(status),
    };
    let found = compare(&old, &new, revision(&settings.sides), &allow)?;
    let mut out = anstream::stdout().lock();
    report::render(settings.format, &found, &mut out, true)?;
    out.flush()?;
    Ok(if found.fails() {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// The revision the old catalog is read from, if it is not a file.
fn revision(sides: &Sides) -> Option<&str> {
    match sides {
        Sides::Git { reference, .. } => Some(reference),
        Sides::Files { .. } => None,
    }
}

fn compare(old: &Loaded, new: &Loaded, revision: Option<&str>, allow: &[Rule]) -> Result<diff::Report> {
    let (old_protocol, new_protocol) = (crate::protocol::resolve(old)?, crate::protocol::resolve(new)?);
    let (old_name, new_name) = (old.path.display().to_string(), new.path.display().to_string());
    let old_side = Side {
        protocol: &old_protocol,
        spans: &old.spans,
        name: &old_name,
        revision,
    };
    let new_side = Side {
        protocol: &new_protocol,
        spans: &new.spans,
        name: &new_name,
        revision: None,
    };
    Ok(diff::diff(old_side, new_side, allow))
}

/// The rules `--allow` names; `None` once an unknown one was reported.
fn allowed(ids: &[String]) -> Option<Vec<Rule>> {
    let rules: Vec<Option<Rule>> = ids.iter().map(|id| Rule::from_id(id)).collect();
    for (id, _) in ids.iter().zip(&rules).filter(|(_, rule)| rule.is_none()) {
        anstream::eprintln!("error: `{id}` is not a diff rule; `chatia-socket diff --rules` lists them");
    }
    rules.into_iter().collect()
}

/// Both catalogs, loaded and validated; the problems of both are printed before stopping.
fn load_sides(sides: &Sides) -> Result<std::result::Result<(Loaded, Loaded), ExitStatus>> {
    let (old, new) = match sides {
        Sides::Files { old, new } => (super::load_catalog(old)?, super::load_catalog(new)?),
        Sides::Git { reference, catalog } => {
            let bytes = diff::git::show(reference, catalog)?;
            let name = PathBuf::from(format!("{reference}:{}", catalog.display()));
            let old = super::report_loaded(crate::catalog::load_bytes(Path::new(&name), &bytes))?;
            (old, super::load_catalog(catalog)?)
        }
    };
    Ok(match (old, new) {
        (Ok(old), Ok(new)) => Ok((old, new)),
        (Err(status), _) | (_, Err(status)) => Err(status),
    })
}
