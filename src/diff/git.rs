//! `--against GIT_REF`: the old catalog as a git revision has it, read with `git show`.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

/// The bytes of `catalog` (a path in the work tree) at `reference`. Git resolves `REF:./file`
/// relative to the folder it runs in, so the path means the same as it does on disk.
pub fn show(reference: &str, catalog: &Path) -> Result<Vec<u8>> {
    // A revision that starts like an option would be read as one.
    if reference.is_empty() || reference.starts_with('-') {
        bail!("`{reference}` is not a git revision");
    }
    let folder = catalog
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file = catalog
        .file_name()
        .with_context(|| format!("{} is not a file name", catalog.display()))?;
    let spec = format!("{reference}:./{}", file.to_string_lossy());
    let output = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["show", "--no-textconv", &spec])
        .output()
        .context("cannot run git, which `--against` needs")?;
    if output.status.success() {
        return Ok(output.stdout);
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    bail!(failure(&stderr, reference, catalog, folder))
}

/// Git's complaint in the words of the command line.
fn failure(stderr: &str, reference: &str, catalog: &Path, folder: &Path) -> String {
    let catalog = catalog.display();
    if stderr.contains("not a git repository") {
        format!(
            "{} is not inside a git repository, which `--against` reads the old catalog from",
            folder.display()
        )
    } else if stderr.contains("does not exist in") || stderr.contains("exists on disk, but not in") {
        format!("{catalog} does not exist at `{reference}`")
    } else if stderr.contains("invalid object name") || stderr.contains("unknown revision") || stderr.contains("bad revision") {
        format!("`{reference}` is not a revision of this repository")
    } else if stderr.contains("cannot change to") {
        format!("the folder {} of the catalog does not exist", folder.display())
    } else {
        format!("git show {reference}:{catalog} failed: {}", stderr.trim())
    }
}
