//! `chatia-socket audit` as a user runs it: the real binary, each output format, exit codes.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/audit")
}

fn audit() -> Command {
    let mut command = Command::cargo_bin("chatia-socket").unwrap();
    command.arg("audit").env_remove("CLICOLOR_FORCE").env_remove("NO_COLOR");
    command
}

/// stdout, stderr and the exit code of `audit ARGS` run in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let output = audit().current_dir(dir).args(args).output().unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap(),
    )
}

fn sample() -> PathBuf {
    fixtures().join("cli/sample")
}

fn snapshot_text(stdout: &str, code: i32) -> String {
    format!("exit: {code}\n{stdout}")
}

#[test]
fn text_format_is_rustc_style_with_frame_hint_and_summary() {
    let (stdout, stderr, code) = run_in(&sample(), &["src"]);
    assert_eq!(code, 1);
    assert!(!stdout.contains('\u{1b}'), "no colour when stdout is not a terminal");
    assert_eq!(stderr.matches("skipped unknown-event, unknown-action").count(), 1);
    insta::assert_snapshot!("audit_text", snapshot_text(&stdout, code));
}

#[test]
fn json_format_snapshot() {
    let (stdout, _, code) = run_in(&sample(), &["src", "--format", "json"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("audit_json", snapshot_text(&stdout, code));
}

#[test]
fn github_format_snapshot() {
    let (stdout, _, code) = run_in(&sample(), &["src", "--format", "github"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("audit_github", snapshot_text(&stdout, code));
}

#[test]
fn sarif_format_snapshot_and_schema() {
    let (stdout, _, code) = run_in(&sample(), &["src", "--format", "sarif"]);
    assert_eq!(code, 1);
    let sarif: Value = serde_json::from_str(&stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 6);
    // Only the results: the rules' help text is the rules' docs and would make this snapshot noisy.
    insta::assert_json_snapshot!("audit_sarif_results", (code, results));
}

#[test]
fn sarif_validates_against_the_official_2_1_0_schema() {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("sarif/sarif-schema-2.1.0.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for args in [
        vec!["src", "--format", "sarif"],
        vec![
            "../../whaticket",
            "--format",
            "sarif",
            "--catalog",
            "../../whaticket/socket-events.yaml",
        ],
    ] {
        let (stdout, _, _) = run_in(&sample(), &args);
        let sarif: Value = serde_json::from_str(&stdout).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "SARIF does not validate: {errors:#?}");
        assert_eq!(sarif["version"], "2.1.0");
        let mut broken = sarif.clone();
        broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
        assert!(
            validator.iter_errors(&broken).next().is_some(),
            "the schema check must be able to fail"
        );
        let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
        assert!(rules
            .iter()
            .all(|r| r["help"]["text"].as_str().unwrap().contains("### Why is this bad")));
    }
}

#[test]
fn client_events_text_snapshot_with_suggestions_and_hints() {
    let project = fixtures().join("client-events");
    let (stdout, _, code) = run_in(&project, &[".", "--catalog", "socket-events.yaml"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("audit_client_events_text", snapshot_text(&stdout, code));
}

#[test]
fn client_events_are_judged_only_with_a_catalog_that_lists_them() {
    let project = fixtures().join("client-events");
    let (stdout, stderr, code) = run_in(&project, &[".", "--format", "json"]);
    // Only the legacy `/` handler's unchecked join, which needs no catalog to be seen.
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let found: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}:{}",
                f["rule"].as_str().unwrap(),
                f["path"].as_str().unwrap(),
                f["line"]
            )
        })
        .collect();
    assert_eq!(
        (found, code),
        (vec!["client-room-join backend/src/libs/socket.ts:42".to_owned()], 1)
    );
    assert!(
        stderr.contains("skipped unknown-event, unknown-action, duplicate-handler"),
        "{stderr}"
    );

    let catalog = std::fs::read_to_string(project.join("socket-events.yaml")).unwrap();
    let (server_half, _) = catalog.split_once("clientEvents:").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let without = dir.path().join("server-events.yaml");
    std::fs::write(&without, server_half).unwrap();
    let (stdout, stderr, code) = run_in(&project, &[".", "--catalog", without.to_str().unwrap(), "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!((rules, code), (vec!["client-room-join"], 1), "{stderr}");
}

#[test]
fn colour_follows_the_terminal_settings() {
    let forced = audit()
        .current_dir(sample())
        .args(["src"])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(String::from_utf8(forced.stdout).unwrap().contains('\u{1b}'));
    let no_color = audit()
        .current_dir(sample())
        .args(["src"])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8(no_color.stdout).unwrap().contains('\u{1b}'));
}

#[test]
fn exit_codes_follow_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    let clean = "getIO().of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, { action: \"update\", companyId, userId, timestamp });\n";
    std::fs::write(dir.path().join("clean.ts"), clean).unwrap();
    assert_eq!(run_in(dir.path(), &["."]).2, 0);
    // Only a warning (payload-fields): below the default threshold, at `--fail-on warning`.
    std::fs::write(
        dir.path().join("warn.ts"),
        "getIO().of(`/workspace-${id}`).emit(`company-${id}-ticket`, { action: \"update\" });\n",
    )
    .unwrap();
    assert_eq!(run_in(dir.path(), &["."]).2, 0);
    assert_eq!(run_in(dir.path(), &[".", "--fail-on", "warning"]).2, 1);
    std::fs::write(dir.path().join("error.ts"), "getIO().emit(\"ticket\");\n").unwrap();
    assert_eq!(run_in(dir.path(), &["."]).2, 1);
}

#[test]
fn usage_and_input_errors_exit_2() {
    let (_, stderr, code) = run_in(&sample(), &["no/such/folder"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no/such/folder: no such file or folder"), "{stderr}");
    let (_, stderr, code) = run_in(&sample(), &["--explain", "global-emitt"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not an audit rule"));
    assert_eq!(run_in(&sample(), &["--format", "xml"]).2, 2);
    let (_, _, code) = run_in(&sample(), &["src", "--baseline", "missing-baseline.json"]);
    assert_eq!(code, 2);
}

#[test]
fn config_problems_are_reported_with_their_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.ts"), "getIO().emit(\"x\");\n").unwrap();
    std::fs::write(
        dir.path().join("audit.yaml"),
        "rules:\n  global-emit: off\n  globl-emit: warning\nexclude:\n  - \"a/[\"\n",
    )
    .unwrap();
    let (stdout, stderr, code) = run_in(dir.path(), &[".", "--config", "audit.yaml"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("audit.yaml:3:3: error[unknown-rule]"), "{stderr}");
    assert!(stderr.contains("did you mean `global-emit`"), "{stderr}");
    assert!(stderr.contains("audit.yaml:5:5: error[invalid-glob]"), "{stderr}");
}

#[test]
fn config_diagnostics_snapshot_with_temp_paths_filtered() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("audit.yaml");
    std::fs::write(
        &config,
        "rules:\n  global-emit: sometimes\nwrappers:\n  - name: emitToCompany\n",
    )
    .unwrap();
    let (_, stderr, code) = run_in(&sample(), &["src", "--config", config.to_str().unwrap()]);
    assert_eq!(code, 2);
    // Temp paths differ per run; the snapshot keeps the rest.
    let stderr = stderr.replace(dir.path().to_str().unwrap(), "[TMP]");
    insta::assert_snapshot!("audit_config_errors", stderr);
}

#[test]
fn config_sets_severity_off_include_exclude_and_allowlist() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("src/legacy")).unwrap();
    std::fs::write(
        dir.path().join("src/a.ts"),
        "getIO().emit(\"platform-maintenance\", {});\ngetIO().of(`/workspace-${id}`).emit(eventName, {});\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("src/legacy/b.ts"), "getIO().emit(\"ticket\", {});\n").unwrap();
    std::fs::write(dir.path().join("other.ts"), "getIO().emit(\"ticket\", {});\n").unwrap();
    std::fs::write(
        dir.path().join("audit.yaml"),
        "include: [\"src/**\"]\nexclude: [\"src/legacy/**\"]\nrules:\n  payload-fields: off\n  dynamic-event: error\nallowGlobal: [platform-maintenance]\n",
    )
    .unwrap();
    let (stdout, _, code) = run_in(dir.path(), &[".", "--config", "audit.yaml", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let found: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}:{} {}", f["rule"], f["path"], f["line"], f["severity"]))
        .collect();
    assert_eq!(found, vec!["\"dynamic-event\" \"src/a.ts\":2 \"error\""]);
    assert_eq!(report["summary"]["files"], 1);
    // An error of impact `convention` fails only a run that asks for it.
    assert_eq!(code, 0);
    assert_eq!(
        run_in(dir.path(), &[".", "--config", "audit.yaml", "--fail-on", "error"]).2,
        1
    );
    assert_eq!(
        run_in(dir.path(), &[".", "--config", "audit.yaml", "--fail-on", "convention"]).2,
        1
    );
    assert_eq!(
        run_in(dir.path(), &[".", "--config", "audit.yaml", "--fail-on", "leak,lost"]).2,
        0
    );
}

#[test]
fn baseline_reports_only_new_findings_even_after_code_moves() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("svc.ts");
    std::fs::write(&file, "const io = getIO();\nio.emit(\"ticket\", {});\n").unwrap();
    // Several companies share this server, so an emit to all of them leaks.
    std::fs::write(
        dir.path().join("tenant.ts"),
        "export const companyOf = (user) => user.companyId;\n",
    )
    .unwrap();
    let (_, stderr, code) = run_in(dir.path(), &[".", "--write-baseline", "baseline.json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.path().join("baseline.json").exists());
    std::fs::write(
        &file,
        "// moved down and re-indented\nexport function f() {\n  const io = getIO();\n    io.emit( \"ticket\",  {} );\n}\n",
    )
    .unwrap();
    let (stdout, _, code) = run_in(dir.path(), &[".", "--baseline", "baseline.json", "--format", "json"]);
    assert_eq!(code, 0, "{stdout}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["findings"].as_array().unwrap().len(), 0);
    std::fs::write(
        &file,
        "const io = getIO();\nio.emit(\"ticket\", {});\nio.emit(\"contact\", {});\n",
    )
    .unwrap();
    let (stdout, _, code) = run_in(dir.path(), &[".", "--baseline", "baseline.json", "--format", "json"]);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert!(report["findings"].as_array().unwrap().iter().all(|f| f["line"] == 3));
    assert_eq!(report["summary"]["errors"], 2);
}

#[test]
fn broken_files_are_findings_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("binary.js"), b"\x00\x01\x02emit").unwrap();
    std::fs::write(dir.path().join("latin1.ts"), b"const s = '\xe9';\nio.emit('x');\n").unwrap();
    std::fs::write(dir.path().join("syntax.ts"), "io.emit(\"x\", {;\n").unwrap();
    std::fs::write(dir.path().join("huge.js"), "//".repeat(3 * 1024 * 1024)).unwrap();
    std::fs::write(dir.path().join("ok.ts"), "getIO().emit(\"ticket\");\n").unwrap();
    std::fs::write(
        dir.path().join("tenant.ts"),
        "export const companyOf = (user) => user.companyId;\n",
    )
    .unwrap();
    let (stdout, _, code) = run_in(dir.path(), &[".", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let found: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}", f["path"].as_str().unwrap(), f["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        vec![
            "binary.js parse-error",
            "huge.js parse-error",
            "latin1.ts parse-error",
            "ok.ts event-name",
            "ok.ts global-emit",
            "syntax.ts parse-error"
        ]
    );
    assert_eq!(code, 1);
}

/// A file without a Socket.IO word is not parsed, so its encoding is never a finding; one that
/// holds a word and cannot be read as text still is (see the test above).
#[test]
fn files_without_socket_words_are_not_checked_for_their_encoding() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("labels.ts"), b"export const title = '\xe9t\xe9';\n").unwrap();
    std::fs::write(dir.path().join("ok.ts"), "getIO().emit(\"ticket\");\n").unwrap();
    let (stdout, _, _) = run_in(dir.path(), &[".", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let paths: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["ok.ts", "ok.ts"]);
    assert_eq!(report["summary"]["files"], 2);
}

/// The walk hands a file under two of the given paths over twice; it is reported once.
#[test]
fn a_file_under_two_given_paths_is_audited_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("src/a.ts"), "getIO().emit(\"ticket\");\n").unwrap();
    let (stdout, _, _) = run_in(dir.path(), &["src", "src/a.ts", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["event-name", "global-emit"]);
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn explain_prints_the_rule_documentation() {
    let (stdout, _, code) = run_in(&sample(), &["--explain", "listener-cleanup"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("listener-cleanup ("));
    for heading in ["### What it does", "### Why is this bad", "### Example"] {
        assert!(stdout.contains(heading));
    }
}

/// A folder with one file of findings and a baseline of them written by the tool.
fn with_baseline() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("svc.ts"), "getIO().emit(\"ticket\", {});\n").unwrap();
    let (_, stderr, code) = run_in(dir.path(), &["svc.ts", "--write-baseline", "baseline.json"]);
    assert_eq!(code, 0, "{stderr}");
    let baseline = dir.path().join("baseline.json");
    (dir, baseline)
}

#[test]
fn a_written_baseline_carries_its_mark_and_is_replaced_again() {
    let (dir, baseline) = with_baseline();
    let text = std::fs::read_to_string(&baseline).unwrap();
    assert!(
        text.starts_with("{\n  \"generated\": \"@generated by chatia-socket audit --write-baseline. "),
        "{text}"
    );
    std::fs::write(dir.path().join("svc.ts"), "getIO().emit(\"contact\", {});\n").unwrap();
    let (_, stderr, code) = run_in(dir.path(), &["svc.ts", "--write-baseline", "baseline.json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_ne!(std::fs::read_to_string(&baseline).unwrap(), text);
    let (stdout, _, code) = run_in(dir.path(), &["svc.ts", "--baseline", "baseline.json", "--format", "json"]);
    assert_eq!(
        (
            code,
            serde_json::from_str::<Value>(&stdout).unwrap()["summary"]["errors"].clone()
        ),
        (0, 0.into())
    );
}

#[test]
fn a_baseline_written_before_the_mark_is_read_and_replaced() {
    let (dir, baseline) = with_baseline();
    let mut old: Value = serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    old.as_object_mut().unwrap().remove("generated");
    std::fs::write(&baseline, serde_json::to_string_pretty(&old).unwrap()).unwrap();
    let (_, stderr, code) = run_in(dir.path(), &["svc.ts", "--baseline", "baseline.json"]);
    assert_eq!(code, 0, "{stderr}");
    let (_, stderr, code) = run_in(dir.path(), &["svc.ts", "--write-baseline", "baseline.json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(std::fs::read_to_string(&baseline).unwrap().contains("@generated"));
}

#[test]
fn write_baseline_refuses_a_file_it_did_not_write() {
    let (dir, _) = with_baseline();
    for foreign in ["notes\n", "{\"version\": 1, \"findings\": [], \"mine\": true}\n", ""] {
        std::fs::write(dir.path().join("notes.json"), foreign).unwrap();
        let (_, stderr, code) = run_in(dir.path(), &["svc.ts", "--write-baseline", "notes.json"]);
        assert_eq!(code, 2, "{foreign:?}");
        assert!(stderr.contains("is not a baseline chatia-socket wrote"), "{stderr}");
        assert_eq!(std::fs::read_to_string(dir.path().join("notes.json")).unwrap(), foreign);
    }
}

#[test]
fn write_baseline_refuses_the_catalog_and_the_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("svc.ts"), "getIO().emit(\"ticket\", {});\n").unwrap();
    let catalog = std::fs::read_to_string(fixtures().join("catalog.yaml")).unwrap();
    std::fs::write(dir.path().join("catalog.yaml"), &catalog).unwrap();
    std::fs::write(dir.path().join("audit.yaml"), "rules: {}\n").unwrap();
    for args in [
        ["--catalog", "catalog.yaml", "--write-baseline", "./catalog.yaml"],
        ["--config", "audit.yaml", "--write-baseline", "audit.yaml"],
    ] {
        let (_, stderr, code) = run_in(dir.path(), &[&["svc.ts"], &args[..]].concat());
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("the catalog or config this run reads"), "{stderr}");
    }
    assert_eq!(std::fs::read_to_string(dir.path().join("catalog.yaml")).unwrap(), catalog);
    assert_eq!(std::fs::read_to_string(dir.path().join("audit.yaml")).unwrap(), "rules: {}\n");
}

#[cfg(unix)]
#[test]
fn write_baseline_refuses_a_symbolic_link_a_folder_and_a_fifo() {
    let (dir, baseline) = with_baseline();
    let before = std::fs::read_to_string(&baseline).unwrap();
    std::os::unix::fs::symlink(&baseline, dir.path().join("link.json")).unwrap();
    std::fs::create_dir(dir.path().join("folder.json")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(dir.path().join("fifo.json"))
        .status()
        .unwrap();
    assert!(fifo.success());
    for (target, why) in [
        ("link.json", "a symbolic link"),
        ("folder.json", "not a regular file"),
        ("fifo.json", "not a regular file"),
    ] {
        let (_, stderr, code) = run_in(dir.path(), &["svc.ts", "--write-baseline", target]);
        assert_eq!(code, 2, "{target}: {stderr}");
        assert!(stderr.contains(why), "{target}: {stderr}");
    }
    assert_eq!(
        std::fs::read_to_string(&baseline).unwrap(),
        before,
        "the link's target is untouched"
    );
}

#[test]
fn write_baseline_replaces_the_file_whole_by_renaming_a_new_one() {
    let (dir, baseline) = with_baseline();
    let before = std::fs::read_to_string(&baseline).unwrap();
    // A second name of the old file keeps the old text only if the new one is a new file put in
    // its place, never the old one rewritten where a reader could see half of it.
    std::fs::hard_link(&baseline, dir.path().join("old.json")).unwrap();
    std::fs::write(dir.path().join("svc.ts"), "getIO().emit(\"contact\", {});\n").unwrap();
    let (_, stderr, code) = run_in(dir.path(), &["svc.ts", "--write-baseline", "baseline.json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(dir.path().join("old.json")).unwrap(), before);
    assert_ne!(std::fs::read_to_string(&baseline).unwrap(), before);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["baseline.json", "old.json", "svc.ts"], "no temporary file is left");
}

#[test]
fn audit_settings_set_the_naming_rules_of_a_run_without_a_catalog() {
    let dir = tempfile::tempdir().unwrap();
    // socket.io serves `io.of(String(id))` as `/${id}`: the product's `/{companyId}` convention.
    let emit = "getIO().of(String(companyId)).emit(`company-${companyId}-ticket`, { action: \"update\", companyId, userId, timestamp });\n";
    std::fs::write(dir.path().join("svc.ts"), emit).unwrap();
    std::fs::write(dir.path().join("audit.yaml"), "conventions:\n  namespace: \"/{companyId}\"\n").unwrap();
    let rules_of = |stdout: &str| -> Vec<String> {
        let report: Value = serde_json::from_str(stdout).unwrap();
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    let (default, _, _) = run_in(dir.path(), &[".", "--format", "json"]);
    assert_eq!(rules_of(&default), ["namespace-name"]);
    let (configured, _, code) = run_in(dir.path(), &[".", "--config", "audit.yaml", "--format", "json"]);
    assert_eq!((rules_of(&configured), code), (Vec::<String>::new(), 0));

    // With a catalog its conventions rule, and settings naming others are refused with a position.
    std::fs::write(
        dir.path().join("socket-events.yaml"),
        "version: 1\nevents:\n  ticket:\n    actions: { update: {} }\n",
    )
    .unwrap();
    let (_, stderr, code) = run_in(
        dir.path(),
        &[".", "--config", "audit.yaml", "--catalog", "socket-events.yaml"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("audit.yaml:2:14: error[conflicting-conventions]"), "{stderr}");
    std::fs::write(
        dir.path().join("bad.yaml"),
        "conventions:\n  event: \"company-{companyId}\"\n",
    )
    .unwrap();
    let (_, stderr, code) = run_in(dir.path(), &[".", "--config", "bad.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("bad.yaml:2:10: error[invalid-pattern]: the event pattern `company-{companyId}` lacks {resource}"),
        "{stderr}"
    );
}

#[test]
fn a_broadcast_leaks_where_a_catalog_or_a_file_names_companies_and_is_a_convention_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("svc.ts"), "getIO().emit(\"ticket\", {});\n").unwrap();
    std::fs::write(
        dir.path().join("socket-events.yaml"),
        "version: 1\nevents:\n  ticket:\n    actions: { update: {} }\n",
    )
    .unwrap();
    let impact_of_global_emit = |args: &[&str]| -> String {
        let (stdout, _, _) = run_in(dir.path(), args);
        let report: Value = serde_json::from_str(&stdout).unwrap();
        let findings = report["findings"].as_array().unwrap();
        let found = findings.iter().find(|f| f["rule"] == "global-emit").unwrap();
        found["impact"].as_str().unwrap().to_owned()
    };
    assert_eq!(impact_of_global_emit(&[".", "--format", "json"]), "convention");
    assert_eq!(
        impact_of_global_emit(&[".", "--format", "json", "--catalog", "socket-events.yaml"]),
        "leak"
    );
    std::fs::write(
        dir.path().join("tenant.ts"),
        "export const companyOf = (user) => user.companyId;\n",
    )
    .unwrap();
    assert_eq!(impact_of_global_emit(&[".", "--format", "json"]), "leak");
}

/// `--only` reports the findings of the full run that are in the given files: the whole tree is
/// still read, so nothing is found (or missed) for want of the other files.
#[test]
fn only_reports_the_given_files_findings_of_a_whole_tree_run() {
    let project = fixtures().join("ticketz");
    let findings = |args: &[&str]| -> Vec<(String, String, u64)> {
        let (stdout, _, _) = run_in(&project, &[&[".", "--format", "json"], args].concat());
        let report: Value = serde_json::from_str(&stdout).unwrap();
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    f["path"].as_str().unwrap().to_owned(),
                    f["line"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let all = findings(&[]);
    let files = ["backend/src/libs/socket.ts", "./frontend/src/pages/Contacts/index.js"];
    let only = findings(&["--only", files[0], files[1]]);
    let expected: Vec<_> = all
        .iter()
        .filter(|(_, path, _)| files.iter().any(|f| f.trim_start_matches("./") == path))
        .cloned()
        .collect();
    assert!(!expected.is_empty() && expected.len() < all.len(), "{all:?}");
    assert_eq!(only, expected);
    let (_, _, code) = run_in(&project, &[".", "--only", "backend/src/controllers/TagController.ts"]);
    assert_eq!(code, 0, "a file without findings passes");
}
