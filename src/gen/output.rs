//! Writing generated files safely, or checking them for drift. One path serves `gen`, `docs`
//! and their `--check` modes.
//!
//! Safety rules: nothing is written until every file has been rendered and every existing file
//! has been found safe to replace; each file is written to a temporary file beside it and
//! renamed into place, so a reader never sees half a file.

use std::fs;
use std::io::ErrorKind;
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
    /// `--check` only: the file would change: the unified diff, and which releases wrote the file
    /// when its header says they are not this one ([`super::written_by`]).
    Drifted {
        diff: String,
        written_by: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub path: PathBuf,
    pub status: Status,
}

/// Where outputs go, and what they may touch.
#[derive(Debug, Clone)]
pub struct Place {
    /// Output paths are relative to it: the catalog's folder, or `--out-dir`.
    pub root: PathBuf,
    /// `--out-dir` was given: no output may leave it.
    pub rerooted: bool,
    /// `--allow-outside`: an output may leave the root through `..` or a symbolic link.
    pub allow_outside: bool,
    /// The catalog, which no output may replace.
    pub catalog: PathBuf,
}

impl Place {
    /// Where a catalog-relative output path lands, once it is known to be safe to read and replace:
    /// inside the root (unless allowed), not through a symbolic link, not a folder or device, not
    /// the catalog.
    pub fn destination(&self, relative: &Path) -> Result<PathBuf> {
        let shown = relative.display();
        if relative.is_absolute() {
            bail!("output path {shown} must be relative to the catalog");
        }
        if relative.as_os_str().to_string_lossy().ends_with(['/', '\\']) || relative.file_name().is_none() {
            bail!("output path {shown} names a folder; give the path of a file");
        }
        let leaves = leaves_root(relative);
        if leaves && self.rerooted {
            bail!("output path {shown} leaves --out-dir; write it without `..` to use --out-dir");
        }
        if leaves && !self.allow_outside {
            bail!("output path {shown} leaves the catalog's folder; pass --allow-outside if that is meant");
        }
        let path = self.root.join(relative);
        if !self.allow_outside {
            refuse_symlinked_folders(&self.root, relative)?;
        }
        check_file_type(&path)?;
        if same_file(&path, &self.catalog) {
            bail!("output path {shown} is the catalog itself; give the output another path");
        }
        Ok(path)
    }
}

/// Whether `..` takes the path above its starting folder at some point.
fn leaves_root(relative: &Path) -> bool {
    let mut depth = 0i64;
    for component in relative.components() {
        match component {
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            _ => {}
        }
        if depth < 0 {
            return true;
        }
    }
    false
}

/// A folder of the output path that is a symbolic link would take the write elsewhere.
fn refuse_symlinked_folders(root: &Path, relative: &Path) -> Result<()> {
    let mut path = root.to_owned();
    let folders = relative.parent().into_iter().flat_map(Path::components);
    for component in folders {
        path.push(component);
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            bail!(
                "folder {} of output path {} is a symbolic link; point the output at the real folder, or pass --allow-outside",
                path.display(),
                relative.display()
            );
        }
    }
    Ok(())
}

/// An output may only replace a regular file: not a folder, a device, a FIFO (reading one would
/// hang), or a symbolic link (replacing it would fork the file it points to).
fn check_file_type(path: &Path) -> Result<()> {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return Ok(());
    };
    let kind = meta.file_type();
    let what = if kind.is_symlink() {
        "a symbolic link; point the output at the file it links to"
    } else if kind.is_dir() {
        "a folder; give the path of a file"
    } else if !kind.is_file() {
        "not a regular file (a device, FIFO or socket)"
    } else {
        return Ok(());
    };
    bail!("output {} is {what}", path.display())
}

pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The current text of a file, or `None` when it does not exist. Only a regular file is read.
pub fn read_existing(path: &Path) -> Result<Option<String>> {
    check_file_type(path)?;
    match fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .with_context(|| format!("{} is not UTF-8 text", path.display())),
        Err(err) if err.kind() == ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Applies `files` under `place`. In `Write` mode either every changed file is replaced or, when
/// one must not be or cannot be, none is.
pub fn apply(files: &[GeneratedFile], place: &Place, mode: Mode, force: bool) -> Result<Vec<Report>> {
    let mut planned = Vec::new();
    for file in files {
        let path = place.destination(&file.path)?;
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
                (false, Mode::Check) => Status::Drifted {
                    diff: unified_diff(&file.path, existing.as_deref(), &file.contents),
                    written_by: existing.as_deref().and_then(super::written_by),
                },
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
            .filter(|(file, _, existing)| existing.as_deref() != Some(file.contents.as_str()))
            .map(|(file, path, _)| (path.as_path(), file.contents.as_str()));
        super::commit::write_all(changed.collect())?;
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

    fn place(root: &Path, rerooted: bool, allow_outside: bool) -> Place {
        Place {
            root: root.to_owned(),
            rerooted,
            allow_outside,
            catalog: root.join("socket-events.yaml"),
        }
    }

    #[test]
    fn a_failed_run_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("blocker"), "a file where a folder must go").unwrap();
        let files = [file("first.ts", "// first\n"), file("blocker/second.ts", "// second\n")];
        assert!(apply(&files, &place(dir.path(), true, false), Mode::Write, false).is_err());
        assert!(
            !dir.path().join("first.ts").exists(),
            "the first file must not be written when the second fails"
        );
    }

    #[test]
    fn outputs_stay_inside_the_root_unless_allowed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        assert!(place(&root, true, true).destination(Path::new("../x.ts")).is_err());
        assert!(place(&root, false, false).destination(Path::new("../x.ts")).is_err());
        assert!(place(&root, false, false).destination(Path::new("a/../x.ts")).is_ok());
        assert!(place(&root, false, true).destination(Path::new("../x.ts")).is_ok());
    }

    #[test]
    fn a_folder_path_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let place = place(dir.path(), false, false);
        assert!(place.destination(Path::new("docs/")).is_err());
        fs::create_dir(dir.path().join("docs")).unwrap();
        assert!(place.destination(Path::new("docs")).is_err());
    }

    #[test]
    fn the_catalog_is_never_an_output() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("socket-events.yaml"), "version: 1\n").unwrap();
        let err = place(dir.path(), false, false)
            .destination(Path::new("./socket-events.yaml"))
            .unwrap_err();
        assert!(err.to_string().contains("is the catalog itself"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_and_fifos_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let place = place(dir.path(), false, false);
        fs::create_dir(dir.path().join("real")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("linked")).unwrap();
        assert!(place.destination(Path::new("linked/a.ts")).is_err());
        std::os::unix::fs::symlink(dir.path().join("real/a.md"), dir.path().join("doc.md")).unwrap();
        assert!(place.destination(Path::new("doc.md")).is_err());
        let fifo = dir.path().join("pipe.ts");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        assert!(place.destination(Path::new("pipe.ts")).is_err());
        assert!(read_existing(&fifo).is_err(), "reading a FIFO would hang");
    }

    #[test]
    fn header_counts_only_at_the_top() {
        assert!(has_header("// @generated by chatia-socket from a.yaml\n"));
        assert!(!has_header("a\nb\nc\n// @generated by chatia-socket\n"));
    }
}
