//! Replacing a set of files all together, or not at all.
//!
//! Every new text is first written and synced to a temporary file beside its destination
//! (`.chatia-socket-*`), in folders created for the purpose. Only then are the temporaries
//! renamed into place, one by one; each rename is atomic, and a failed one puts back every file
//! already replaced (from a hard link, or a copy, of its old text), removes the new ones and the
//! folders created. Temporaries left by a run that was killed are removed first.
//!
//! What a kill can leave: killed while staging, only temporaries (removed by the next run); killed
//! between two renames, some outputs new and the others old (each of them whole), which the next
//! `gen` completes.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use tempfile::{NamedTempFile, TempPath};

/// The prefix of every temporary file; nothing else in an output folder starts with it.
const TEMP_PREFIX: &str = ".chatia-socket-";

/// One destination, staged.
struct Staged<'a> {
    path: &'a Path,
    temp: TempPath,
    /// The old text, kept until every rename has succeeded; `None` for a new file.
    backup: Option<TempPath>,
}

/// Writes every `(path, contents)`: all of them, or none.
pub fn write_all(files: Vec<(&Path, &str)>) -> Result<()> {
    let mut created = Vec::new();
    let staged = stage(&files, &mut created);
    let staged = match staged {
        Ok(staged) => staged,
        Err(err) => {
            remove_folders(&created);
            return Err(err);
        }
    };
    let folders: Vec<PathBuf> = staged.iter().map(|s| folder_of(s.path).to_owned()).collect();
    if let Err(err) = rename_all(staged) {
        remove_folders(&created);
        return Err(err);
    }
    for folder in dedup(folders) {
        sync_folder(&folder);
    }
    Ok(())
}

fn stage<'a>(files: &[(&'a Path, &str)], created: &mut Vec<PathBuf>) -> Result<Vec<Staged<'a>>> {
    let mut staged = Vec::new();
    for folder in dedup(files.iter().map(|(path, _)| folder_of(path).to_owned()).collect()) {
        create_folder(&folder, created)?;
        remove_stale_in(&folder);
    }
    for &(path, contents) in files {
        staged.push(Staged {
            path,
            temp: write_temp(path, contents)?,
            backup: backup(path)?,
        });
    }
    Ok(staged)
}

fn rename_all(staged: Vec<Staged<'_>>) -> Result<()> {
    let mut done: Vec<(&Path, Option<TempPath>)> = Vec::new();
    for Staged { path, temp, backup } in staged {
        if let Err(err) = temp.persist(path) {
            let failure = anyhow::Error::new(err.error).context(format!("cannot replace {}", path.display()));
            roll_back(done);
            return Err(failure);
        }
        done.push((path, backup));
    }
    // The backups (temporary paths) are deleted as they drop.
    Ok(())
}

/// Puts back the old text of every replaced file and removes the files that are new.
fn roll_back(done: Vec<(&Path, Option<TempPath>)>) {
    for (path, backup) in done.into_iter().rev() {
        let _ = match backup {
            Some(backup) => backup.persist(path).map_err(|e| e.error),
            None => fs::remove_file(path),
        };
    }
}

fn write_temp(path: &Path, contents: &str) -> Result<TempPath> {
    let folder = folder_of(path);
    let mut temp = NamedTempFile::with_prefix_in(TEMP_PREFIX, folder)
        .with_context(|| format!("cannot create a temporary file in {}", folder.display()))?;
    temp.as_file()
        .set_permissions(permissions_for(path))
        .and_then(|()| temp.write_all(contents.as_bytes()))
        .and_then(|()| temp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(temp.into_temp_path())
}

/// A second name for the file's old text: a hard link when the file system allows it, a copy
/// otherwise.
fn backup(path: &Path) -> Result<Option<TempPath>> {
    if !path.exists() {
        return Ok(None);
    }
    let holder = NamedTempFile::with_prefix_in(TEMP_PREFIX, folder_of(path))
        .with_context(|| format!("cannot back up {}", path.display()))?
        .into_temp_path();
    fs::remove_file(&holder).ok();
    if fs::hard_link(path, &holder).is_err() {
        fs::copy(path, &holder).with_context(|| format!("cannot back up {}", path.display()))?;
    }
    Ok(Some(holder))
}

/// Creates the folder and its missing parents, remembering each one created (deepest last).
fn create_folder(folder: &Path, created: &mut Vec<PathBuf>) -> Result<()> {
    let missing: Vec<&Path> = folder
        .ancestors()
        .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
        .collect();
    for dir in missing.into_iter().rev() {
        fs::create_dir(dir).with_context(|| format!("cannot create folder {}", dir.display()))?;
        created.push(dir.to_owned());
    }
    Ok(())
}

/// Removes the folders a failed run created, deepest first; a folder that is not empty stays.
fn remove_folders(created: &[PathBuf]) {
    for dir in created.iter().rev() {
        let _ = fs::remove_dir(dir);
    }
}

/// Temporaries of a run that was killed: regular files with our prefix.
/// Removes what a killed run left beside these files, as a run that writes would.
pub(crate) fn remove_stale_temporaries<'a>(files: impl Iterator<Item = &'a Path>) {
    for folder in dedup(files.map(|path| folder_of(path).to_owned()).collect()) {
        remove_stale_in(&folder);
    }
}

fn remove_stale_in(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let stale = entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) && entry.file_type().is_ok_and(|t| t.is_file());
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Makes the renames themselves durable, where the platform can.
fn sync_folder(folder: &Path) {
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
}

fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

fn dedup(mut folders: Vec<PathBuf>) -> Vec<PathBuf> {
    folders.sort();
    folders.dedup();
    folders
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_temporaries_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".chatia-socket-abc123"), "half a file").unwrap();
        fs::write(dir.path().join("notes.md"), "mine").unwrap();
        write_all(vec![(&dir.path().join("a.ts"), "// a\n")]).unwrap();
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.ts", "notes.md"]);
    }

    #[test]
    fn folders_created_for_a_failed_run_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("blocker"), "a file where a folder must go").unwrap();
        let first = dir.path().join("new/deep/a.ts");
        let second = dir.path().join("blocker/b.ts");
        assert!(write_all(vec![(&first, "// a\n"), (&second, "// b\n")]).is_err());
        assert!(
            !dir.path().join("new").exists(),
            "the folders made for the first file are gone"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_rename_puts_every_replaced_file_back() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("a.ts");
        fs::write(&old, "// old a\n").unwrap();
        let new = dir.path().join("b.ts");
        // A destination that is a non-empty folder cannot be replaced by a rename.
        let blocked = dir.path().join("c.ts");
        fs::create_dir(&blocked).unwrap();
        fs::write(blocked.join("keep"), "x").unwrap();
        let result = write_all(vec![(&old, "// new a\n"), (&new, "// b\n"), (&blocked, "// c\n")]);
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(&old).unwrap(), "// old a\n");
        assert!(!new.exists());
        let leftovers = fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with(TEMP_PREFIX))
            .count();
        assert_eq!(leftovers, 0, "no temporary is left behind");
    }
}
