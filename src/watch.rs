//! `gen --watch`: runs a callback after each save that changes one file.
//!
//! Editors save in many ways — writing in place, or writing a temporary file and renaming it
//! over the original (vim, JetBrains) — so the file's folder is watched, not the file; the burst
//! of events one save makes is settled into one call, and a save that leaves the bytes as they
//! were (or a mere read, which some systems report too) calls nothing.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use anyhow::{Context, Result};
use notify::{Event, EventKind, RecursiveMode, Watcher};

/// How long a burst of events must be quiet before the save counts as done.
const SETTLE: Duration = Duration::from_millis(150);

/// A watch on one file, set up: saves from here on are seen.
pub struct FileWatch {
    file: PathBuf,
    folder: PathBuf,
    events: Receiver<notify::Result<Event>>,
    /// The file's bytes when the watch began, or after the last call.
    last: Option<Vec<u8>>,
    // Dropping the watcher ends the events.
    _watcher: notify::RecommendedWatcher,
}

impl FileWatch {
    pub fn new(path: &Path) -> Result<FileWatch> {
        let file = absolute(path)?;
        let folder = file.parent().context("the catalog has no folder")?.to_owned();
        let (sender, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(sender).context("cannot watch files on this system")?;
        watcher
            .watch(&folder, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch {}", folder.display()))?;
        Ok(FileWatch {
            last: std::fs::read(&file).ok(),
            file,
            folder,
            events,
            _watcher: watcher,
        })
    }

    /// Calls `changed` after each save that changes the file, until the process is stopped.
    pub fn run(mut self, mut changed: impl FnMut()) {
        while wait_for_save(&self.events, &self.file, &self.folder) {
            let now = std::fs::read(&self.file).ok();
            if now != self.last {
                self.last = now;
                changed();
            }
        }
    }
}

/// Blocks until events that touch `file` have settled; false once the watcher is gone.
fn wait_for_save(events: &Receiver<notify::Result<Event>>, file: &Path, folder: &Path) -> bool {
    let mut touched = false;
    loop {
        let next = if touched {
            events.recv_timeout(SETTLE)
        } else {
            events.recv().map_err(|_| RecvTimeoutError::Disconnected)
        };
        match next {
            Ok(Ok(event)) => touched |= writes(&event, file),
            Ok(Err(err)) => anstream::eprintln!("warning: watching {}: {err}", folder.display()),
            Err(RecvTimeoutError::Timeout) => return true,
            Err(RecvTimeoutError::Disconnected) => return false,
        }
    }
}

/// The event may have changed `file`: anything but a read, on its path.
fn writes(event: &Event, file: &Path) -> bool {
    !matches!(event.kind, EventKind::Access(_)) && event.paths.iter().any(|path| same_file(path, file))
}

fn absolute(path: &Path) -> Result<PathBuf> {
    let path = std::path::absolute(path).with_context(|| format!("cannot resolve {}", path.display()))?;
    // The folder's real path, as the watcher reports it; the file itself may be missing between saves.
    match (path.parent(), path.file_name()) {
        (Some(folder), Some(name)) => Ok(folder
            .canonicalize()
            .with_context(|| format!("cannot watch {}", folder.display()))?
            .join(name)),
        _ => Ok(path),
    }
}

fn same_file(reported: &Path, file: &Path) -> bool {
    reported == file || reported.canonicalize().is_ok_and(|real| real == file)
}
