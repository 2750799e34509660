//! Finds the source files to audit: `.gitignore` honoured (also outside a git checkout),
//! `node_modules`, `dist` and `build` skipped, only JS/TS sources, walked in parallel.

use std::io::Read as _;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use anyhow::bail;
use ignore::{WalkBuilder, WalkState};

use super::config::Compiled;

/// Only real sources: `x.ts.backup-2025…` and `x.js.map` end otherwise.
pub const EXTENSIONS: [&str; 8] = ["js", "jsx", "ts", "tsx", "mjs", "cjs", "mts", "cts"];
const SKIPPED_DIRS: [&str; 3] = ["node_modules", "dist", "build"];

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourcePath {
    /// Relative to the scanned root, `/`-separated: the path every report shows.
    pub relative: String,
    pub path: PathBuf,
}

/// The folder findings are relative to: the common ancestor of the given paths (a file counts
/// as its folder), so `audit backend/src frontend/src` reports `backend/src/…`.
pub fn root_of(paths: &[PathBuf], cwd: &Path) -> PathBuf {
    let folders: Vec<PathBuf> = paths
        .iter()
        .map(|p| {
            let absolute = normalize(&cwd.join(p));
            if absolute.is_file() {
                absolute.parent().map(Path::to_path_buf).unwrap_or(absolute)
            } else {
                absolute
            }
        })
        .collect();
    let Some(first) = folders.first() else {
        return cwd.to_path_buf();
    };
    let mut root = first.clone();
    for folder in &folders[1..] {
        while !folder.starts_with(&root) {
            if !root.pop() {
                break;
            }
        }
    }
    root
}

/// `a/./b/../c` → `a/c`, without touching the file system (symlinks stay as given).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

pub fn is_source(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|ext| EXTENSIONS.contains(&ext))
}

/// Every source file under `paths`, sorted by relative path. A path that does not exist is an
/// error (a usage mistake); a file given by name is audited even if ignored.
pub fn sources(paths: &[PathBuf], root: &Path, cwd: &Path, config: &Compiled) -> anyhow::Result<Vec<SourcePath>> {
    let found = Mutex::new(Vec::new());
    each_source(paths, root, cwd, config, || {
        |source| found.lock().expect("no panics while locked").push(source)
    })?;
    let mut found = found.into_inner().expect("no panics while locked");
    found.sort();
    found.dedup();
    Ok(found)
}

/// Hands every source file under `paths` to a visitor, on the walk's own threads as it finds
/// them, so that reading overlaps walking; `visitor` makes one visitor per thread (which may
/// keep a buffer). A file under two of `paths` is visited twice.
pub fn each_source<V: FnMut(SourcePath) + Send>(
    paths: &[PathBuf],
    root: &Path,
    cwd: &Path,
    config: &Compiled,
    visitor: impl Fn() -> V + Sync,
) -> anyhow::Result<()> {
    for given in paths {
        let absolute = normalize(&cwd.join(given));
        if !absolute.exists() {
            bail!("{}: no such file or folder", given.display());
        }
        if absolute.is_file() {
            if let Some(source) = source_path(&absolute, root) {
                visitor()(source);
            }
            continue;
        }
        let walker = WalkBuilder::new(&absolute)
            .require_git(false)
            .filter_entry(|entry| {
                let skipped = entry.file_type().is_some_and(|t| t.is_dir())
                    && entry.file_name().to_str().is_some_and(|name| SKIPPED_DIRS.contains(&name));
                !skipped
            })
            .build_parallel();
        let errors = Mutex::new(Vec::new());
        walker.run(|| {
            let mut visit = visitor();
            let errors = &errors;
            Box::new(move |entry| {
                match entry {
                    Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) && is_source(entry.path()) => {
                        if let Some(source) = source_path(entry.path(), root) {
                            if config.selects(&source.relative) {
                                visit(source);
                            }
                        }
                    }
                    Ok(_) => {}
                    // Unreadable folders are reported, but do not stop the walk.
                    Err(err) => errors.lock().expect("no panics while locked").push(err.to_string()),
                }
                WalkState::Continue
            })
        });
        let errors = errors.into_inner().expect("no panics while locked");
        if let Some(first) = errors.first() {
            anstream::eprintln!("warning: {first} (while walking {})", given.display());
        }
    }
    Ok(())
}

fn source_path(path: &Path, root: &Path) -> Option<SourcePath> {
    let relative = path.strip_prefix(root).ok()?;
    let relative = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    Some(SourcePath {
        relative,
        path: path.to_path_buf(),
    })
}

/// The largest file the audit reads (the worker stacks are sized for it, see `super::WORKER_STACK`).
const MAX_BYTES: usize = 4 * 1024 * 1024;

/// Reads a file as text; the reason when it cannot be audited as text.
pub fn read(path: &Path) -> Result<String, String> {
    let mut bytes = Vec::new();
    read_into(path, &mut bytes)?;
    String::from_utf8(bytes).map_err(|err| not_utf8(err.utf8_error()))
}

/// Reads a file's bytes into `buffer` (cleared first, its capacity reused); the reason when it
/// cannot be audited as text. What is not UTF-8 is left to [`text`], for the files that matter.
pub fn read_into(path: &Path, buffer: &mut Vec<u8>) -> Result<(), String> {
    buffer.clear();
    let file = std::fs::File::open(path).map_err(|err| format!("cannot read the file: {err}"))?;
    // One byte more than allowed tells a file that is too large without asking its size.
    file.take(MAX_BYTES as u64 + 1)
        .read_to_end(buffer)
        .map_err(|err| format!("cannot read the file: {err}"))?;
    if buffer.len() > MAX_BYTES {
        return Err(format!("the file is larger than {} MiB", MAX_BYTES / 1024 / 1024));
    }
    if memchr::memchr(0, &buffer[..buffer.len().min(8192)]).is_some() {
        return Err("the file looks binary".to_owned());
    }
    Ok(())
}

/// The bytes [`read_into`] read, as text.
pub fn text(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes).map_err(not_utf8)
}

fn not_utf8(err: std::str::Utf8Error) -> String {
    format!("the file is not UTF-8 (byte {})", err.valid_up_to())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_refuses_large_and_binary_files_and_reuses_the_buffer() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        };
        let mut buffer = Vec::with_capacity(16);
        let limit = write("limit.js", &vec![b'x'; MAX_BYTES]);
        assert_eq!(read_into(&limit, &mut buffer), Ok(()));
        assert_eq!(buffer.len(), MAX_BYTES);
        let large = write("large.js", &vec![b'x'; MAX_BYTES + 1]);
        assert_eq!(
            read_into(&large, &mut buffer),
            Err("the file is larger than 4 MiB".to_owned())
        );
        let binary = write("binary.js", b"a\0b");
        assert_eq!(read_into(&binary, &mut buffer), Err("the file looks binary".to_owned()));
        let small = write("small.js", b"io.emit('x')");
        assert_eq!(read_into(&small, &mut buffer), Ok(()));
        assert_eq!(buffer, b"io.emit('x')");
        assert!(text(b"'\xe9'").unwrap_err().starts_with("the file is not UTF-8 (byte 1)"));
    }

    #[test]
    fn backups_and_maps_are_not_sources() {
        assert!(is_source(Path::new("a/CreateMessageService.ts")));
        assert!(is_source(Path::new("a/App.jsx")));
        assert!(!is_source(Path::new("a/CreateMessageService.ts.backup-2025-01-03")));
        assert!(!is_source(Path::new("a/main.js.map")));
        assert!(!is_source(Path::new("a/README.md")));
    }

    #[test]
    fn the_root_is_the_common_ancestor() {
        let cwd = Path::new("/repo");
        let paths = [PathBuf::from("backend/src"), PathBuf::from("frontend/src")];
        assert_eq!(root_of(&paths, cwd), PathBuf::from("/repo"));
        assert_eq!(
            root_of(&[PathBuf::from("backend/./src/")], cwd),
            PathBuf::from("/repo/backend/src")
        );
    }

    #[test]
    fn walking_skips_ignored_and_vendored_folders() {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str| {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        };
        for rel in [
            "src/a.ts",
            "src/b.tsx",
            "node_modules/x/index.js",
            "dist/a.js",
            "build/b.js",
            "src/gen/c.ts",
            "src/d.ts.backup-2025",
        ] {
            write(rel);
        }
        std::fs::write(dir.path().join(".gitignore"), "src/gen/\n").unwrap();
        let config = super::super::config::compile(&Default::default(), "").unwrap();
        let found = sources(&[dir.path().to_path_buf()], dir.path(), dir.path(), &config).unwrap();
        let relative: Vec<&str> = found.iter().map(|s| s.relative.as_str()).collect();
        assert_eq!(relative, vec!["src/a.ts", "src/b.tsx"]);
    }
}
