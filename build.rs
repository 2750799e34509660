//! Records the commit the binary is built from, for `--version`: `CHATIA_SOCKET_COMMIT` when the
//! packaging sets it (a build outside a checkout), else what git says of the checkout.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=CHATIA_SOCKET_COMMIT");
    let commit = std::env::var("CHATIA_SOCKET_COMMIT")
        .ok()
        .filter(|commit| !commit.is_empty())
        .or_else(|| git(&["log", "-1", "--format=%h %cs"]))
        .unwrap_or_else(|| "commit unknown".to_owned());
    println!("cargo:rustc-env=CHATIA_SOCKET_COMMIT={commit}");
    // A new commit moves the ref HEAD points at (or, once packed, packed-refs).
    if let (Some(git_dir), Some(common)) = (git(&["rev-parse", "--git-dir"]), git(&["rev-parse", "--git-common-dir"])) {
        println!("cargo:rerun-if-changed={}", PathBuf::from(git_dir).join("HEAD").display());
        println!(
            "cargo:rerun-if-changed={}",
            PathBuf::from(&common).join("packed-refs").display()
        );
        if let Some(reference) = git(&["symbolic-ref", "-q", "HEAD"]) {
            println!("cargo:rerun-if-changed={}", PathBuf::from(&common).join(reference).display());
        }
    }
}

/// What `git ARGS` prints on one line, when it succeeds.
fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (output.status.success() && !text.is_empty() && !text.contains('\n')).then(|| text.to_owned())
}
