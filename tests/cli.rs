//! What every subcommand shares: help with examples, exit codes, colour rules.

use assert_cmd::Command;

fn chatia() -> Command {
    Command::cargo_bin("chatia-socket").unwrap()
}

#[test]
fn every_subcommand_help_has_an_example() {
    // Every subcommand clap knows, so a new one cannot be left out.
    let command = <chatia_socket::cli::Cli as clap::CommandFactory>::command();
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .filter(|name| name != "help")
        .collect();
    assert!(subcommands.len() >= 8, "{subcommands:?}");
    for subcommand in &subcommands {
        let output = chatia().args([subcommand, "--help"]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{subcommand}");
        let help = String::from_utf8(output.stdout).unwrap();
        assert!(help.contains("Example"), "{subcommand} --help lacks an example:\n{help}");
        assert!(
            help.contains(&format!("chatia-socket {subcommand}")),
            "{subcommand} example should show the command:\n{help}"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(chatia().arg("frobnicate").output().unwrap().status.code(), Some(2));
    assert_eq!(
        chatia().args(["gen", "--target", "cobol"]).output().unwrap().status.code(),
        Some(2)
    );
}

#[test]
fn colour_is_forced_only_until_no_color_says_otherwise() {
    let args = ["check", "--catalog", "fixtures/catalogs/invalid/unknown-key.yaml"];
    let forced = chatia()
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&forced.stderr).contains("\u{1b}["),
        "CLICOLOR_FORCE should colour the report"
    );
    let plain = chatia()
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&plain.stderr).contains('\u{1b}'),
        "NO_COLOR must win"
    );
    assert_eq!(plain.status.code(), Some(2));
}

#[test]
fn output_to_a_pipe_is_plain() {
    let output = chatia()
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_COLOR")
        .args(["check", "--catalog", "fixtures/catalogs/invalid/unknown-key.yaml"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&output.stderr).contains('\u{1b}'));
}

#[test]
fn completions_are_printed_for_bash() {
    let output = chatia().args(["completions", "bash"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("chatia-socket"));
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    // Far more report than a pipe buffer holds, so the writer meets the closed pipe.
    let source: String = std::iter::once("import { getIO } from \"./socket\";\n".to_owned())
        .chain((0..3000).map(|i| format!("getIO().emit(\"ticket-{i}\", {{}});\n")))
        .collect();
    std::fs::write(dir.path().join("many.ts"), source).unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("chatia-socket"))
        .arg("audit")
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("error") && !stderr.contains("panicked"), "{stderr}");
}

#[test]
fn version_names_the_release_and_the_commit_it_was_built_from() {
    let output = chatia().arg("--version").output().unwrap();
    let line = String::from_utf8(output.stdout).unwrap();
    assert!(
        line.starts_with(&format!("chatia-socket {} (", env!("CARGO_PKG_VERSION"))),
        "{line}"
    );
    let git = std::process::Command::new("git")
        .args(["log", "-1", "--format=%h %cs"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output();
    match git {
        // A checkout: the commit cargo built from is HEAD, as the build script read it.
        Ok(git) if git.status.success() => {
            let head = String::from_utf8(git.stdout).unwrap();
            assert_eq!(
                line.trim_end(),
                format!("chatia-socket {} ({})", env!("CARGO_PKG_VERSION"), head.trim())
            );
        }
        _ => assert!(line.trim_end().ends_with(')'), "{line}"),
    }
}
