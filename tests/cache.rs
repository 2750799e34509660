//! The cache of earlier results makes a run faster and never changes what it reports: each test
//! makes a run that the cache would have answered wrongly, had it trusted what it remembered.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    /// The bundled catalog, with its outputs next to it and a cache of its own.
    fn new() -> Project {
        let dir = tempfile::tempdir().unwrap();
        fs::copy("fixtures/chatia/socket-events.yaml", dir.path().join("socket-events.yaml")).unwrap();
        Project { dir }
    }

    fn path(&self, relative: &str) -> std::path::PathBuf {
        self.dir.path().join(relative)
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        Command::cargo_bin("chatia-socket")
            .unwrap()
            .current_dir(self.dir.path())
            .env("CHATIA_SOCKET_CACHE_DIR", self.path("cache"))
            .args(args)
            .output()
            .unwrap()
    }

    fn cached_slots(&self) -> usize {
        slots(self).len()
    }
}

/// The cache's slots: not its tag, nor the memo of the binary's digest (`file-…`).
fn slots(project: &Project) -> Vec<fs::DirEntry> {
    let Ok(entries) = fs::read_dir(project.path("cache")) else {
        return Vec::new();
    };
    let is_slot = |e: &fs::DirEntry| e.file_name() != "CACHEDIR.TAG" && !e.file_name().to_string_lossy().starts_with("file-");
    entries.flatten().filter(is_slot).collect()
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn check_answers_from_the_cache_only_while_the_catalog_is_the_same() {
    let project = Project::new();
    let first = project.run(&["check"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert_eq!(project.cached_slots(), 1);
    let second = project.run(&["check"]);
    assert_eq!(stdout(&second), stdout(&first));
    let catalog = project.path("socket-events.yaml");
    let text = fs::read_to_string(&catalog).unwrap();
    fs::write(&catalog, text.replacen("version: 1", "version: 1\nbogus: true", 1)).unwrap();
    let broken = project.run(&["check"]);
    assert_eq!(broken.status.code(), Some(2), "an edited catalog is checked again");
    assert!(stderr(&broken).contains("bogus"), "{}", stderr(&broken));
}

#[test]
fn warnings_are_printed_on_every_run() {
    let project = Project::new();
    let catalog = project.path("socket-events.yaml");
    fs::write(
        &catalog,
        fs::read_to_string("fixtures/catalogs/cluster/socket-events.yaml")
            .unwrap()
            .replace("channel: cluster.rust", "channel: cluster.node"),
    )
    .unwrap();
    for _ in 0..2 {
        let run = project.run(&["check"]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        assert!(stderr(&run).contains("shared-adapter-channel"), "{}", stderr(&run));
    }
}

#[test]
fn a_hand_edited_output_is_drift_though_the_catalog_did_not_change() {
    let project = Project::new();
    assert_eq!(project.run(&["gen"]).status.code(), Some(0));
    assert_eq!(project.run(&["gen", "--check"]).status.code(), Some(0));
    let types = project.path("shared/socket/events.ts");
    let generated = fs::read_to_string(&types).unwrap();
    // Same length, other bytes: only the digest can tell.
    let edited = generated.replacen("export", "EXPORT", 1);
    assert_eq!(edited.len(), generated.len());
    fs::write(&types, &edited).unwrap();
    let check = project.run(&["gen", "--check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    assert!(stdout(&check).contains("drifted   "), "{}", stdout(&check));
    let gen = project.run(&["gen"]);
    assert!(stdout(&gen).contains("wrote"), "{}", stdout(&gen));
    assert_eq!(fs::read_to_string(&types).unwrap(), generated);
}

#[test]
fn a_deleted_output_or_another_out_dir_is_generated_again() {
    let project = Project::new();
    assert_eq!(project.run(&["gen"]).status.code(), Some(0));
    fs::remove_file(project.path("docs/backend/WEBSOCKET.md")).unwrap();
    let check = project.run(&["gen", "--check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    let elsewhere = project.run(&["gen", "--out-dir", "other"]);
    assert_eq!(elsewhere.status.code(), Some(0), "{}", stderr(&elsewhere));
    assert!(project.path("other/shared/socket/events.ts").exists());
}

#[test]
fn hand_written_text_of_the_docs_is_kept_when_the_catalog_did_not_change() {
    let project = Project::new();
    assert_eq!(project.run(&["gen"]).status.code(), Some(0));
    let docs = project.path("docs/backend/WEBSOCKET.md");
    let mut text = fs::read_to_string(&docs).unwrap();
    text.push_str("\nNotes of the team.\n");
    fs::write(&docs, &text).unwrap();
    let gen = project.run(&["gen"]);
    assert_eq!(gen.status.code(), Some(0), "{}", stderr(&gen));
    assert_eq!(fs::read_to_string(&docs).unwrap(), text);
    assert_eq!(project.run(&["gen", "--check"]).status.code(), Some(0));
}

#[test]
fn a_remembered_run_still_refuses_an_output_behind_a_symbolic_link() {
    let project = Project::new();
    assert_eq!(project.run(&["gen"]).status.code(), Some(0));
    if !cfg!(unix) {
        return;
    }
    let shared = project.path("shared");
    fs::rename(&shared, project.path("real-shared")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(project.path("real-shared"), &shared).unwrap();
    let gen = project.run(&["gen"]);
    assert_eq!(gen.status.code(), Some(2), "{}", stdout(&gen));
    assert!(stderr(&gen).contains("symbolic link"), "{}", stderr(&gen));
}

#[test]
fn a_remembered_run_removes_what_a_killed_run_left() {
    let project = Project::new();
    assert_eq!(project.run(&["gen"]).status.code(), Some(0));
    let stale = project.path("shared/socket/.chatia-socket-stale");
    fs::write(&stale, "half a file").unwrap();
    assert_eq!(project.run(&["gen"]).status.code(), Some(0));
    assert!(!stale.exists());
}

#[test]
fn no_cache_reads_and_writes_none() {
    let project = Project::new();
    assert_eq!(project.run(&["check", "--no-cache"]).status.code(), Some(0));
    assert_eq!(project.run(&["gen", "--no-cache"]).status.code(), Some(0));
    assert!(!Path::new(&project.path("cache")).exists());
    assert_eq!(project.run(&["gen", "--check"]).status.code(), Some(0));
    assert_eq!(project.cached_slots(), 1);
}

/// The cross-file fixture (helpers defined in one file, called in others) under `code/`.
fn audited_project() -> Project {
    let project = Project::new();
    fs::create_dir(project.path("code")).unwrap();
    for entry in fs::read_dir("fixtures/audit/cross-file").unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, project.path("code").join(path.file_name().unwrap())).unwrap();
    }
    project
}

/// The audit's JSON report, with the cache and without it; both must be the same.
fn audit_both_ways(project: &Project) -> String {
    let args = ["audit", "code", "--config", "code/chatia-audit.yaml", "--format", "json"];
    let cached = project.run(&args);
    let fresh = project.run(&[&args[..], &["--no-cache"]].concat());
    assert_eq!(cached.status.code(), fresh.status.code());
    assert_eq!(stdout(&cached), stdout(&fresh), "the cache changed what the audit reports");
    stdout(&cached)
}

fn slot_contents(project: &Project) -> Vec<Vec<u8>> {
    let mut slots: Vec<Vec<u8>> = slots(project).iter().map(|e| fs::read(e.path()).unwrap()).collect();
    slots.sort();
    slots
}

#[test]
fn an_audit_reports_what_a_run_without_the_cache_reports_after_every_edit() {
    let project = audited_project();
    let first = audit_both_ways(&project);
    assert!(first.contains("untrusted-tenant"), "{first}");
    assert_eq!(project.cached_slots(), 1);
    let remembered = slot_contents(&project);
    assert_eq!(audit_both_ways(&project), first);
    assert_eq!(
        slot_contents(&project),
        remembered,
        "a run that found every file remembered rewrote the cache"
    );

    // callers.ts is unchanged, but the helper it calls no longer emits: its remembered audit,
    // made knowing that helper, must not be used.
    let helper = project.path("code/emitToCompany.ts");
    let text = fs::read_to_string(&helper).unwrap();
    fs::write(
        &helper,
        text.replace(".emit(`company-${companyId}-${event}`, payload)", ".allSockets()"),
    )
    .unwrap();
    let without_helper = audit_both_ways(&project);
    assert_ne!(without_helper, first, "the edit changed nothing: the test proves nothing");
    assert!(!without_helper.contains("untrusted-tenant"), "{without_helper}");

    // Other settings: the same files give other findings.
    fs::write(project.path("code/chatia-audit.yaml"), "rules:\n  payload-fields: error\n").unwrap();
    let other_settings = audit_both_ways(&project);
    assert!(other_settings.contains("payload-fields"), "{other_settings}");

    fs::write(&helper, text).unwrap();
    fs::remove_file(project.path("code/callers.ts")).unwrap();
    let deleted = audit_both_ways(&project);
    assert!(!deleted.contains("callers.ts"), "{deleted}");
}

#[test]
fn an_audit_with_a_corrupt_cache_audits_every_file() {
    let project = audited_project();
    let first = audit_both_ways(&project);
    for entry in fs::read_dir(project.path("cache")).unwrap().flatten() {
        if entry.file_name() != "CACHEDIR.TAG" {
            fs::write(entry.path(), b"\xff\x00not a slot").unwrap();
        }
    }
    assert_eq!(audit_both_ways(&project), first);
}

#[test]
fn an_audit_without_the_cache_writes_none() {
    let project = audited_project();
    let output = project.run(&["audit", "code", "--no-cache"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(!project.path("cache").exists());
}

#[test]
fn the_same_build_installed_again_finds_what_the_last_run_kept() {
    let project = audited_project();
    let installed = project.path("bin/chatia-socket");
    fs::create_dir(project.path("bin")).unwrap();
    let install = || {
        // As `npm install` does: the same bytes, written anew (another modification time).
        let _ = fs::remove_file(&installed);
        fs::copy(assert_cmd::cargo::cargo_bin("chatia-socket"), &installed).unwrap();
    };
    let audit = || {
        std::process::Command::new(&installed)
            .current_dir(project.path(""))
            .env("CHATIA_SOCKET_CACHE_DIR", project.path("cache"))
            .args(["audit", "code", "--config", "code/chatia-audit.yaml", "--format", "json"])
            .output()
            .unwrap()
    };
    install();
    let first = audit();
    let kept = slot_contents(&project);
    assert_eq!(kept.len(), 1);
    std::thread::sleep(std::time::Duration::from_millis(20));
    install();
    assert_eq!(stdout(&audit()), stdout(&first));
    // Every file remembered: the slot is not written again (another key would have rewritten it).
    assert!(
        slot_contents(&project) == kept,
        "the same build, installed again, was taken for another"
    );
    let mut rebuilt = fs::read(&installed).unwrap();
    rebuilt.extend_from_slice(b"another build");
    // Written over the installed file, which keeps its permissions.
    fs::write(&installed, rebuilt).unwrap();
    assert_eq!(stdout(&audit()), stdout(&first));
    assert!(slot_contents(&project) != kept, "another build starts afresh");
}
