//! `chatia-socket docs` as users meet it, through the real binary: it creates WEBSOCKET.md,
//! refreshes it in place, `--check` reports drift with a diff, marker problems stop it with
//! their line numbers and leave the file untouched, and the committed example stays current.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chatia_socket::docs::splice::{begin_marker, end_marker};

const FIXTURE: &str = "fixtures/chatia/socket-events.yaml";
/// `outputs.docs` of the fixture catalog, relative to it.
const DOCS: &str = "docs/backend/WEBSOCKET.md";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], out: Option<&Path>) -> Run {
    let mut command = Command::cargo_bin("chatia-socket").unwrap();
    command.env("NO_COLOR", "1").args(args);
    if let Some(out) = out {
        command.arg("--out-dir").arg(out);
    }
    let output = command.output().unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn docs(out: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["docs", "--catalog", FIXTURE];
    args.extend(extra);
    run(&args, Some(out))
}

fn out_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    (dir, out)
}

#[test]
fn committed_example_is_current() {
    let check = run(&["docs", "--check", "--catalog", FIXTURE], None);
    assert_eq!(
        check.code, 0,
        "fixtures/chatia/{DOCS} is out of date; run `cargo run -- docs --catalog {FIXTURE}`\n{}{}",
        check.stdout, check.stderr
    );
    assert!(check.stdout.contains("current"), "{}", check.stdout);
}

#[test]
fn creates_the_file_with_an_introduction_then_finds_it_current() {
    let (_dir, out) = out_dir();
    let first = docs(&out, &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.stdout.contains("wrote"), "{}", first.stdout);
    let text = fs::read_to_string(out.join(DOCS)).unwrap();
    assert!(text.starts_with("# WebSocket events\n"), "{text}");
    let intro = &text[..text.find("<!--").unwrap()];
    assert!(intro.contains("chatia-socket docs --catalog socket-events.yaml"), "{intro}");
    let names = [
        "index",
        "rooms",
        "connection",
        "events/ticket",
        "events/automationRule",
        "client-events/joinChatBox",
        "client-events/markAsRead",
    ];
    for name in names {
        assert!(
            text.contains(&begin_marker(name)) && text.contains(&end_marker(name)),
            "{name}"
        );
    }
    let again = docs(&out, &[]);
    assert_eq!(again.code, 0);
    assert!(again.stdout.contains("current"), "{}", again.stdout);
    assert_eq!(docs(&out, &["--check"]).code, 0);
}

#[test]
fn check_reports_a_hand_edit_inside_a_section_and_writes_nothing() {
    let (_dir, out) = out_dir();
    assert_eq!(docs(&out, &[]).code, 0);
    let path = out.join(DOCS);
    let edited = fs::read_to_string(&path)
        .unwrap()
        .replace("A ticket was created, changed", "EDITED BY HAND");
    fs::write(&path, &edited).unwrap();

    let check = docs(&out, &["--check"]);
    assert_eq!(check.code, 1, "{}{}", check.stdout, check.stderr);
    assert!(check.stdout.contains("drifted"), "{}", check.stdout);
    assert!(check.stdout.contains("-**Purpose:** EDITED BY HAND"), "{}", check.stdout);
    assert!(
        check.stdout.contains("+**Purpose:** A ticket was created, changed"),
        "{}",
        check.stdout
    );
    assert!(
        check.stdout.contains("chatia-socket docs --catalog"),
        "names the fix: {}",
        check.stdout
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), edited, "--check writes nothing");

    assert_eq!(docs(&out, &[]).code, 0);
    assert!(!fs::read_to_string(&path).unwrap().contains("EDITED BY HAND"));
}

#[test]
fn refresh_keeps_hand_written_text_and_line_endings() {
    let (_dir, out) = out_dir();
    assert_eq!(docs(&out, &[]).code, 0);
    let path = out.join(DOCS);
    let generated = fs::read_to_string(&path).unwrap();
    let end_rooms = end_marker("rooms");
    let handwritten = generated
        .replacen("# WebSocket events", "# Our sockets  \t", 1)
        .replacen(&end_rooms, &format!("{end_rooms}\n\nA note between sections. \n"), 1)
        .replace('\n', "\r\n")
        + "Trailing words without a newline";
    fs::write(&path, &handwritten).unwrap();

    let run = docs(&out, &["--check"]);
    assert_eq!(run.code, 0, "only hand-written text changed: {}", run.stdout);
    assert_eq!(docs(&out, &[]).code, 0);
    assert_eq!(fs::read_to_string(&path).unwrap(), handwritten);
}

/// Writes `text` as the fixture's WEBSOCKET.md, runs `args`, and checks that the run stops
/// with exit 2, names `lines`, and leaves the file as it was.
fn assert_refused(text: &str, args: &[&str], lines: &[&str], code: &str) {
    let (_dir, out) = out_dir();
    let path = out.join(DOCS);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    let run = run(args, Some(&out));
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains(&format!("error[{code}]")), "{}", run.stderr);
    for line in lines {
        assert!(
            run.stderr.contains(&format!("WEBSOCKET.md:{line}:")),
            "line {line} in: {}",
            run.stderr
        );
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), text, "the file is untouched");
}

#[test]
fn unclosed_section_is_refused_with_its_line() {
    let text = format!("# Doc\n\n{}\nold\n", begin_marker("index"));
    assert_refused(&text, &["docs", "--catalog", FIXTURE], &["3"], "unclosed-section");
    assert_refused(&text, &["docs", "--check", "--catalog", FIXTURE], &["3"], "unclosed-section");
}

#[test]
fn duplicated_section_is_refused_with_both_lines() {
    let pair = format!("{}\n{}\n", begin_marker("rooms"), end_marker("rooms"));
    let text = format!("{pair}text\n{pair}");
    assert_refused(&text, &["docs", "--catalog", FIXTURE], &["4"], "duplicate-section");
    let run_text = {
        let (_dir, out) = out_dir();
        let path = out.join(DOCS);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &text).unwrap();
        docs(&out, &[]).stderr
    };
    assert!(run_text.contains("lines 1 and 4"), "{run_text}");
}

#[test]
fn nested_and_misnamed_sections_are_all_reported_at_once() {
    let text = format!(
        "{}\n{}\n{}\n{}\n{}\n{}\n",
        begin_marker("index"),
        begin_marker("rooms"),
        end_marker("rooms"),
        end_marker("index"),
        begin_marker("tables"),
        end_marker("tables")
    );
    assert_refused(&text, &["docs", "--catalog", FIXTURE], &["2", "4", "5"], "nested-section");
    assert_refused(&text, &["docs", "--catalog", FIXTURE], &["5"], "unknown-section");
}

#[test]
fn gen_refreshes_docs_too_and_refuses_the_same_marker_problems() {
    let (_dir, out) = out_dir();
    let run = run(&["gen", "--catalog", FIXTURE, "--target", "docs"], Some(&out));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.join(DOCS).is_file());

    let text = format!("{}\n", end_marker("index"));
    assert_refused(
        &text,
        &["gen", "--catalog", FIXTURE, "--target", "docs"],
        &["1"],
        "unopened-section",
    );
}

#[test]
fn a_file_without_markers_is_refused_not_appended_to() {
    let text = "# Our WebSocket notes\n\nWritten by hand.\n";
    assert_refused(text, &["docs", "--catalog", FIXTURE], &["1"], "no-sections");
}

#[test]
fn a_catalog_without_a_docs_output_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("socket-events.yaml");
    let text = fs::read_to_string(FIXTURE)
        .unwrap()
        .replace("  docs: docs/backend/WEBSOCKET.md\n", "");
    fs::write(&catalog, text).unwrap();
    let run = run(&["docs", "--catalog", catalog.to_str().unwrap()], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("outputs:"), "{}", run.stderr);
}
