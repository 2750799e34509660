//! Writing generated files safely, or checking them for drift. One path serves `gen`, `docs`
//! and their `--check` modes.
//!
//! Safety rules: nothing is written until every file has been rendered and every existing file
//! has been found safe to replace; each file is written to a temporary file beside it and
//! renamed into place, so a reader never sees half a file.

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context, Result};
use similar::TextDiff;

use super::{GeneratedFile, Ownership, GENERATED_MARK};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Written,
    Unchanged,
    /// `--check` only: the file would change; holds the unified diff.
    Drifted(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub path: PathBuf,
    pub status: Status,
}

/// The current text of a file, or `None` when it does not exist.
pub fn read_existing(path: &Path) -> Result<Option<String>> {
    match fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .with_context(|| format!("{} is not UTF-8 text", path.display())),
        Err(err) if err.kind() == ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Where a catalog-relative output path lands under `root`.
pub fn destination(root: &Path, relative: &Path, rerooted: bool) -> Result<PathBuf> {
    if relative.is_absolute() {
        bail!("output path {} must be relative to the catalog", relative.display());
    }
    if rerooted && relative.components().any(|c| matches!(c, Component::ParentDir)) {
        bail!(
            "output path {} leaves --out-dir; write it without `..` to use --out-dir",
            relative.display()
        );
    }
    Ok(root.join(relative))
}

/// Applies `files` under `root`. In `Write` mode either every changed file is replaced or, when
/// one must not be, none is.
pub fn apply(files: &[GeneratedFile], root: &Path, rerooted: bool, mode: Mode, force: bool) -> Result<Vec<Report>> {
    let mut planned = Vec::new();
    for file in files {
        let path = destination(root, &file.path, rerooted)?;
        let existing = read_existing(&path)?;
        planned.push((file, path, existing));
    }
    if mode == Mode::Write && !force {
        refuse_foreign_files(&planned)?;
    }
    let reports = planned
        .iter()
        .map(|(file, path, existing)| {
            let status = match (existing.as_deref() == Some(file.contents.as_str()), mode) {
                (true, _) => Status::Unchanged,
                (false, Mode::Write) => Status::Written,
                (false, Mode::Check) => Status::Drifted(unified_diff(&file.path, existing.as_deref(), &file.contents)),
            };
            Report {
                path: path.clone(),
                status,
            }
        })
        .collect::<Vec<_>>();
    if mode == Mode::Write {
        let changed = planned
            .iter()
            .filter(|(file, _, existing)| existing.as_deref() != Some(file.contents.as_str()));
        write_all(changed.map(|(file, path, _)| (path.as_path(), file.contents.as_str())))?;
    }
    Ok(reports)
}

/// A whole-file output may only replace a file that chatia-socket wrote.
fn refuse_foreign_files(planned: &[(&GeneratedFile, PathBuf, Option<String>)]) -> Result<()> {
    let foreign: Vec<String> = planned
        .iter()
        .filter(|(file, _, existing)| {
            file.ownership == Ownership::Whole && existing.as_deref().is_some_and(|text| !has_header(text))
        })
        .map(|(_, path, _)| format!("  {}", path.display()))
        .collect();
    if foreign.is_empty() {
        return Ok(());
    }
    bail!(
        "refusing to overwrite {} file{} that chatia-socket did not generate (no `{GENERATED_MARK}` header):\n{}\nnothing was written; move the file away, change the path under `outputs:`, or pass --force",
        foreign.len(),
        if foreign.len() == 1 { "" } else { "s" },
        foreign.join("\n")
    )
}

/// The header sits in the first lines; a mention further down (in a comment) does not count.
pub fn has_header(text: &str) -> bool {
    text.lines().take(3).any(|line| line.contains(GENERATED_MARK))
}

/// Writes every file to a temporary sibling first, then renames them all into place: a failure
/// while writing leaves every destination as it was.
fn write_all<'a>(files: impl Iterator<Item = (&'a Path, &'a str)>) -> Result<()> {
    let mut staged = Vec::new();
    for (path, contents) in files {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        fs::create_dir_all(dir).with_context(|| format!("cannot create folder {}", dir.display()))?;
        let mut temp = tempfile::Builder::new()
            .prefix(".chatia-socket-")
            .permissions(permissions_for(path))
            .tempfile_in(dir)
            .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
        temp.write_all(contents.as_bytes())
            .and_then(|()| temp.as_file().sync_all())
            .with_context(|| format!("cannot write {}", path.display()))?;
        staged.push((temp, path));
    }
    for (temp, path) in staged {
        temp.persist(path)
            .with_context(|| format!("cannot replace {}", path.display()))?;
    }
    Ok(())
}

/// A replaced file keeps its permissions; a new one gets the usual ones for source files.
fn permissions_for(path: &Path) -> fs::Permissions {
    fs::metadata(path)
        .map(|m| m.permissions())
        .unwrap_or_else(|_| default_permissions())
}

#[cfg(unix)]
fn default_permissions() -> fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    fs::Permissions::from_mode(0o644)
}

#[cfg(not(unix))]
fn default_permissions() -> fs::Permissions {
    let mut permissions = fs::metadata(".").map(|m| m.permissions()).expect("the working folder exists");
    permissions.set_readonly(false);
    permissions
}

/// A unified diff from the file on disk to what would be generated.
pub fn unified_diff(path: &Path, old: Option<&str>, new: &str) -> String {
    let shown = path.to_string_lossy().replace('\\', "/");
    let old_name = if old.is_some() {
        format!("a/{shown}")
    } else {
        "/dev/null".to_owned()
    };
    TextDiff::from_lines(old.unwrap_or(""), new)
        .unified_diff()
        .context_radius(3)
        .header(&old_name, &format!("b/{shown}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gen::Target;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            target: Target::TypescriptTypes,
            path: path.into(),
            contents: contents.into(),
            ownership: Ownership::Whole,
        }
    }

    #[test]
    fn a_failed_run_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("blocker"), "a file where a folder must go").unwrap();
        let files = [file("first.ts", "// first\n"), file("blocker/second.ts", "// second\n")];
        assert!(apply(&files, dir.path(), true, Mode::Write, false).is_err());
        assert!(
            !dir.path().join("first.ts").exists(),
            "the first file must not be written when the second fails"
        );
    }

    #[test]
    fn out_dir_cannot_be_escaped() {
        assert!(destination(Path::new("out"), Path::new("../x.ts"), true).is_err());
        assert!(destination(Path::new("out"), Path::new("../x.ts"), false).is_ok());
    }

    #[test]
    fn header_counts_only_at_the_top() {
        assert!(has_header("// @generated by chatia-socket from a.yaml\n"));
        assert!(!has_header("a\nb\nc\n// @generated by chatia-socket\n"));
    }
}
