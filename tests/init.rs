//! `chatia-socket init --from`: a catalog drafted from the labelled lineage projects passes
//! `check`, and `audit --catalog` with it finds what the code really does wrong and nothing the
//! draft itself got wrong.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const PROJECTS: [&str; 6] = [
    "canove",
    "ticketz",
    "atendechat",
    "workspace-fork",
    "slash-company",
    "whaticket",
];

fn project(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/audit").join(name)
}

fn cli() -> Command {
    let mut command = Command::cargo_bin("chatia-socket").unwrap();
    command.env_remove("CLICOLOR_FORCE").env("NO_COLOR", "1");
    command
}

/// The audit settings a project is labelled with, as `--config` arguments.
fn config(dir: &Path) -> Vec<String> {
    let file = dir.join("chatia-audit.yaml");
    if file.exists() {
        vec!["--config".into(), file.display().to_string()]
    } else {
        Vec::new()
    }
}

/// Drafts the catalog of `name` into a fresh folder; returns the folder and the catalog path.
fn init(name: &str) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let catalog = out.path().join("socket-events.yaml");
    let dir = project(name);
    let output = cli()
        .arg("init")
        .arg("--from")
        .arg(&dir)
        .args(config(&dir))
        .arg("--output")
        .arg(&catalog)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{name}: {stderr}");
    assert!(stderr.contains("drafted"), "{name}: {stderr}");
    (out, catalog)
}

/// (rule, path, line) of every finding of `audit` on a project, with or without a catalog.
fn findings(name: &str, catalog: Option<&Path>) -> BTreeSet<(String, String, u64)> {
    let dir = project(name);
    let mut command = cli();
    command.arg("audit").arg(&dir).args(config(&dir)).args(["--format", "json"]);
    if let Some(catalog) = catalog {
        command.arg("--catalog").arg(catalog);
    }
    let output = command.output().unwrap();
    let report: Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|_| panic!("{name}: {}", String::from_utf8_lossy(&output.stderr)));
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
}

/// path:line of each labelled finding, relative to the project, when the project is labelled.
fn labelled(name: &str) -> BTreeSet<(String, u64)> {
    let Ok(text) = fs::read_to_string(project(name).join("labels.json")) else {
        return BTreeSet::new();
    };
    let labels: Value = serde_json::from_str(&text).unwrap();
    let prefix = format!("fixtures/audit/{name}/");
    labels["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().trim_start_matches(&prefix).to_owned(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn drafted_catalogs_pass_check() {
    for name in PROJECTS {
        let (_dir, catalog) = init(name);
        let output = cli().arg("check").arg("--catalog").arg(&catalog).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn the_audit_with_a_drafted_catalog_reports_only_what_the_code_does() {
    for name in PROJECTS {
        let (_dir, catalog) = init(name);
        let with = findings(name, Some(&catalog));
        let without = findings(name, None);
        let labels = labelled(name);
        for (rule, path, line) in &with {
            assert!(
                !matches!(rule.as_str(), "unknown-event" | "unknown-action" | "duplicate-handler"),
                "{name}: the draft misses what {path}:{line} uses ({rule})"
            );
            let genuine = without.contains(&(rule.clone(), path.clone(), *line)) || labels.contains(&(path.clone(), *line));
            assert!(
                genuine,
                "{name}: {rule} at {path}:{line} comes from the draft, not from the code"
            );
        }
        for (path, line) in &labels {
            assert!(
                with.iter().any(|(_, p, l)| p == path && l == line),
                "{name}: the labelled finding at {path}:{line} is gone with the drafted catalog"
            );
        }
    }
}

/// What the draft of `ticketz` holds, read off its code by hand: every Socket.IO event its
/// backend emits or its frontend listens to, with the actions its payloads name.
#[test]
fn the_draft_of_ticketz_recovers_its_events_actions_and_fields() {
    let (_dir, catalog) = init("ticketz");
    let text = fs::read_to_string(&catalog).unwrap();
    let drafted = chatia_socket::catalog::load(&catalog).unwrap().catalog;
    let set = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect::<BTreeSet<_>>();
    let actions = |event: &str| drafted.events[event].actions.keys().cloned().collect::<BTreeSet<_>>();
    assert_eq!(actions("ticket"), set(&["update", "delete", "updateUnread"]));
    assert_eq!(actions("contact"), set(&["create", "update", "delete"]));
    assert_eq!(actions("queue"), set(&["update", "delete"]));
    assert_eq!(actions("appMessage"), set(&["create"]));
    for event in [
        "importContacts",
        "tag",
        "settings",
        "schedule",
        "user",
        "whatsappSession",
        "ready",
    ] {
        assert!(drafted.events.contains_key(event), "{event}");
    }
    assert_eq!(drafted.events.len(), 11, "{text}");
    assert_eq!(drafted.events["ticket"].entity.as_deref(), Some("Ticket"));
    let message = &drafted.events["appMessage"];
    assert_eq!(
        (message.entity.as_deref(), message.entity_field.as_deref()),
        (Some("Message"), Some("message"))
    );
    assert_eq!(drafted.events["importContacts"].fields["records"].ty, "integer");
    let client: BTreeSet<String> = drafted.client_events.keys().cloned().collect();
    assert_eq!(
        client,
        set(&[
            "joinChatBox",
            "leaveChatBox",
            "joinNotification",
            "leaveNotification",
            "joinTickets",
            "leaveTickets"
        ])
    );
    assert_eq!(drafted.rooms["queuePending"].pattern, "queue-{queueId}-pending");
    assert!(
        text.contains("# guessed from backend/src/helpers/SetTicketMessagesAsRead.ts:19"),
        "{text}"
    );
}

#[test]
fn the_conventions_the_code_uses_are_drafted() {
    let (_dir, catalog) = init("slash-company");
    let text = fs::read_to_string(&catalog).unwrap();
    assert!(text.contains("  namespace: \"/{companyId}\"\n"), "{text}");
    assert!(text.contains("the default is /workspace-{companyId}"), "{text}");
}

#[test]
fn an_existing_file_is_never_replaced() {
    let out = tempfile::tempdir().unwrap();
    let catalog = out.path().join("socket-events.yaml");
    fs::write(&catalog, "mine\n").unwrap();
    let output = cli()
        .arg("init")
        .arg("--from")
        .arg(project("ticketz"))
        .arg("--output")
        .arg(&catalog)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("never replaces"));
    assert_eq!(fs::read_to_string(&catalog).unwrap(), "mine\n");
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 1, "no temporary file is left");
}

#[test]
fn bad_arguments_exit_2_and_write_nothing() {
    let out = tempfile::tempdir().unwrap();
    let catalog = out.path().join("socket-events.yaml");
    let missing = cli()
        .arg("init")
        .arg("--from")
        .arg(out.path().join("nope"))
        .arg("--output")
        .arg(&catalog)
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    let no_from = cli().arg("init").arg("--output").arg(&catalog).output().unwrap();
    assert_eq!(no_from.status.code(), Some(2));
    let empty = cli()
        .arg("init")
        .arg("--from")
        .arg(out.path())
        .arg("--output")
        .arg(&catalog)
        .output()
        .unwrap();
    assert_eq!(empty.status.code(), Some(2));
    assert!(!catalog.exists());
}

/// Names and paths that could end a YAML string or comment early: the draft still parses,
/// keeps each of them inside its comment or string, and checks clean.
#[test]
fn hostile_names_cannot_break_out_of_the_draft() {
    let code = tempfile::tempdir().unwrap();
    let folder = code.path().join("evil\n# injected: true");
    fs::create_dir_all(&folder).unwrap();
    let source = r#"
import Ticket from "../models/Ticket";
export const run = (io, companyId, ticket) => {
  io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, { action: "up\"date\n#", ticket, "a: b": 1, "x\u2028y": true });
  io.of(`/workspace-${companyId}`).emit("evil\": 1}\n  injected: true", { action: "create" });
  io.of(`/workspace-${companyId}`).to(`room-${ticket.id}"]`).emit(`company-${companyId}-ticket`, { action: "delete", ticketId: ticket.id });
  socket.on("join\nChat: {}", (id) => {});
};
"#;
    fs::write(folder.join("emit.ts"), source).unwrap();
    let catalog = code.path().join("socket-events.yaml");
    let output = cli()
        .arg("init")
        .arg("--from")
        .arg(code.path())
        .arg("--output")
        .arg(&catalog)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let text = fs::read_to_string(&catalog).unwrap();
    for line in text.lines() {
        assert!(!line.trim_start().starts_with("injected"), "a name broke out: {line}\n{text}");
    }
    let drafted = chatia_socket::catalog::load(&catalog).unwrap().catalog;
    assert!(drafted.events.contains_key("ticket"), "{text}");
    let check = cli().arg("check").arg("--catalog").arg(&catalog).output().unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}\n{text}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(text.contains("not drafted"), "what check refused is listed: {text}");
}
