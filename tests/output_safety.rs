//! Files the tool must never lose or write: the catalog, files through symbolic links, FIFOs and
//! devices, anything outside the catalog's folder, and the outputs of a run that failed.

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

/// A catalog with every output; `docs` goes to `docs_path`.
fn catalog(dir: &Path, docs_path: &str) -> std::path::PathBuf {
    let text = format!(
        "version: 1\noutputs:\n  typescriptTypes: shared/events.ts\n  docs: {docs_path}\nevents:\n  ticket:\n    actions: {{ delete: {{}} }}\n"
    );
    let path = dir.join("socket-events.yaml");
    fs::write(&path, text).unwrap();
    path
}

fn run(args: &[&str], catalog: &Path) -> (i32, String) {
    let output = Command::cargo_bin("chatia-socket")
        .unwrap()
        .args(args)
        .arg("--catalog")
        .arg(catalog)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text)
}

/// Every file under `dir` with its bytes, to prove a refused run touched nothing.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let bytes = fs::read(e.path()).unwrap_or_default();
            (e.path().strip_prefix(dir).unwrap().display().to_string(), bytes)
        })
        .collect();
    files.sort();
    files
}

fn refused_untouched(dir: &Path, args: &[&str], catalog: &Path, expect: &str) {
    let before = tree(dir);
    let (code, text) = run(args, catalog);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains(expect), "expected `{expect}` in:\n{text}");
    assert_eq!(tree(dir), before, "a refused run must touch nothing");
}

#[test]
fn the_catalog_cannot_be_an_output() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = catalog(dir.path(), "./socket-events.yaml");
    refused_untouched(dir.path(), &["gen"], &catalog, "is the catalog itself");
    refused_untouched(dir.path(), &["docs"], &catalog, "is the catalog itself");
}

#[test]
fn an_existing_file_without_markers_is_not_the_docs_target() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = catalog(dir.path(), "WEBSOCKET.md");
    for text in ["", "  \n", "# Notes of ours\n"] {
        fs::write(dir.path().join("WEBSOCKET.md"), text).unwrap();
        refused_untouched(dir.path(), &["docs"], &catalog, "no-sections");
    }
}

#[test]
fn outputs_do_not_leave_the_catalog_folder_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let inner = dir.path().join("inner");
    fs::create_dir(&inner).unwrap();
    let catalog = catalog(&inner, "../WEBSOCKET.md");
    refused_untouched(dir.path(), &["gen"], &catalog, "--allow-outside");
    let (code, text) = run(&["docs", "--allow-outside"], &catalog);
    assert_eq!(code, 0, "{text}");
    assert!(dir.path().join("WEBSOCKET.md").exists());
}

#[test]
fn two_outputs_with_one_path_are_refused_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = catalog(dir.path(), "shared/./events.ts");
    let (code, text) = run(&["check"], &catalog);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("name the same file"), "{text}");
}

#[test]
fn a_folder_path_is_refused_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = catalog(dir.path(), "docs/");
    let (code, text) = run(&["check"], &catalog);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("names a folder"), "{text}");
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let real = tempfile::tempdir().unwrap();
    fs::write(real.path().join("WEBSOCKET.md"), "<!-- hand-written -->\n").unwrap();
    std::os::unix::fs::symlink(real.path().join("WEBSOCKET.md"), dir.path().join("WEBSOCKET.md")).unwrap();
    std::os::unix::fs::symlink(real.path(), dir.path().join("shared")).unwrap();
    let catalog = catalog(dir.path(), "WEBSOCKET.md");
    refused_untouched(dir.path(), &["docs"], &catalog, "symbolic link");
    refused_untouched(
        dir.path(),
        &["gen", "--target", "typescript-types"],
        &catalog,
        "symbolic link",
    );
    assert_eq!(
        tree(real.path()),
        [("WEBSOCKET.md".to_owned(), b"<!-- hand-written -->\n".to_vec())]
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_at_an_output_path_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = catalog(dir.path(), "WEBSOCKET.md");
    let fifo = dir.path().join("WEBSOCKET.md");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let (code, text) = run(&["gen"], &catalog);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("not a regular file"), "{text}");
}

#[test]
fn a_failed_run_leaves_every_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = catalog(dir.path(), "docs/WEBSOCKET.md");
    // `docs` cannot be created: a file stands where its folder must go. The types output comes
    // first and must not be written either.
    fs::write(dir.path().join("docs"), "a file, not a folder").unwrap();
    fs::write(dir.path().join(".chatia-socket-stale"), "left by a killed run").unwrap();
    let (code, text) = run(&["gen"], &catalog);
    assert_eq!(code, 2, "{text}");
    assert!(
        !dir.path().join("shared").exists(),
        "no output and no folder is left: {:?}",
        tree(dir.path())
    );
}
