//! What every subcommand shares: help with examples, exit codes, colour rules.

use assert_cmd::Command;

fn chatia() -> Command {
    Command::cargo_bin("chatia-socket").unwrap()
}

#[test]
fn every_subcommand_help_has_an_example() {
    for subcommand in ["gen", "check", "schema", "docs", "audit", "completions"] {
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
