//! The labelled projects: whole WhaTicket-style codebases whose every expected finding is listed,
//! with the reason, in `expected-findings.json`. The audit's JSON must equal that list exactly;
//! on a difference the test reports precision, recall and what was missed or unexpected.

use std::collections::BTreeMap;
use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the `command` the expected file records (from the repository root) and returns its JSON.
fn run_recorded_command(expected: &Value) -> (Value, i32) {
    let command = expected["command"].as_str().expect("the expected file records its command");
    let args: Vec<&str> = command
        .strip_prefix("chatia-socket ")
        .expect("the command runs chatia-socket")
        .split_whitespace()
        .collect();
    let output = Command::cargo_bin("chatia-socket")
        .unwrap()
        .current_dir(root())
        .args(&args)
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let json = serde_json::from_str(&stdout).unwrap_or_else(|err| {
        panic!(
            "`{command}` printed no JSON ({err}); stderr:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (json, output.status.code().unwrap())
}

fn without_labels(findings: &Value) -> Vec<Value> {
    findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let mut f = f.clone();
            f.as_object_mut().unwrap().remove("label");
            f
        })
        .collect()
}

/// `rule path:line` of each finding, counted (two findings of one rule may share a line).
fn keys(findings: &[Value]) -> BTreeMap<String, usize> {
    let mut keys = BTreeMap::new();
    for f in findings {
        *keys
            .entry(format!(
                "{} {}:{}",
                f["rule"].as_str().unwrap(),
                f["path"].as_str().unwrap(),
                f["line"]
            ))
            .or_default() += 1;
    }
    keys
}

struct Score {
    precision: f64,
    recall: f64,
    missed: Vec<String>,
    unexpected: Vec<String>,
}

fn score(actual: &[Value], expected: &[Value]) -> Score {
    let (actual, expected) = (keys(actual), keys(expected));
    let count = |m: &BTreeMap<String, usize>| m.values().sum::<usize>();
    let matched: usize = expected
        .iter()
        .map(|(key, n)| (*n).min(actual.get(key).copied().unwrap_or(0)))
        .sum();
    let surplus = |a: &BTreeMap<String, usize>, b: &BTreeMap<String, usize>| -> Vec<String> {
        a.iter()
            .filter(|(key, n)| **n > b.get(*key).copied().unwrap_or(0))
            .map(|(key, _)| key.clone())
            .collect()
    };
    Score {
        precision: if count(&actual) == 0 {
            1.0
        } else {
            matched as f64 / count(&actual) as f64
        },
        recall: if count(&expected) == 0 {
            1.0
        } else {
            matched as f64 / count(&expected) as f64
        },
        missed: surplus(&expected, &actual),
        unexpected: surplus(&actual, &expected),
    }
}

fn assert_project_matches_its_labels(project: &str) {
    let path = root().join("fixtures/audit").join(project).join("expected-findings.json");
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let unlabelled: Vec<&Value> = expected["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["label"].as_str().is_none_or(|l| l.trim().is_empty()))
        .collect();
    assert!(
        unlabelled.is_empty(),
        "{project}: every expected finding says why: {unlabelled:#?}"
    );

    let (actual, code) = run_recorded_command(&expected);
    let (actual_findings, expected_findings) = (without_labels(&actual["findings"]), without_labels(&expected["findings"]));
    let score = score(&actual_findings, &expected_findings);
    assert!(
        score.missed.is_empty() && score.unexpected.is_empty(),
        "{project}: precision {:.3}, recall {:.3}\nmissed: {:#?}\nunexpected: {:#?}",
        score.precision,
        score.recall,
        score.missed,
        score.unexpected
    );
    for (a, e) in actual_findings.iter().zip(&expected_findings) {
        assert_eq!(a, e, "{project}: same finding, different position or message");
    }
    assert_eq!(actual["summary"], expected["summary"], "{project}: summary");
    // By default the run fails on errors that leak, are unguarded or lost, not on conventions.
    let failing = expected_findings
        .iter()
        .any(|f| f["severity"] == "error" && ["leak", "unguarded", "lost"].contains(&f["impact"].as_str().unwrap()));
    assert_eq!(code, i32::from(failing), "{project}: exit code");
}

#[test]
fn whaticket_project_has_precision_and_recall_of_one() {
    assert_project_matches_its_labels("whaticket");
}

#[test]
fn saas_project_has_precision_and_recall_of_one() {
    assert_project_matches_its_labels("saas");
}

#[test]
fn client_events_project_has_precision_and_recall_of_one() {
    assert_project_matches_its_labels("client-events");
}

#[test]
fn scoring_counts_findings_that_share_a_line() {
    let finding = |rule: &str, line: u64| serde_json::json!({ "rule": rule, "path": "a.ts", "line": line });
    let expected = [
        finding("hardcoded-tenant", 3),
        finding("hardcoded-tenant", 3),
        finding("global-emit", 5),
    ];
    let actual = [finding("hardcoded-tenant", 3), finding("event-name", 9)];
    let score = score(&actual, &expected);
    assert_eq!((score.precision, score.recall), (0.5, 1.0 / 3.0));
    assert_eq!(score.missed, vec!["global-emit a.ts:5", "hardcoded-tenant a.ts:3"]);
    assert_eq!(score.unexpected, vec!["event-name a.ts:9"]);
}

#[test]
fn every_labelled_project_is_tested() {
    let mut projects: Vec<String> = std::fs::read_dir(root().join("fixtures/audit"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected-findings.json").exists())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    projects.sort();
    assert_eq!(
        projects,
        ["client-events", "saas", "whaticket"],
        "add a test above for a new labelled project"
    );
}

/// The single-tenant original (`fixtures/audit/canove`): its broadcasts on `/` reach its one
/// company's panels only, so none of its findings is a leak.
#[test]
fn the_single_tenant_original_has_no_leak() {
    let labels: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("fixtures/audit/canove/labels.json")).unwrap()).unwrap();
    let (report, _) = run_recorded_command(&labels);
    let findings = report["findings"].as_array().unwrap();
    let global: Vec<&Value> = findings.iter().filter(|f| f["rule"] == "global-emit").collect();
    assert_eq!(global.len(), 24, "every broadcast on `/` is still reported");
    assert!(findings.iter().all(|f| f["impact"] != "leak"), "{findings:#?}");
    assert_eq!(report["summary"]["impacts"]["leak"], 0);
}

/// The five lineage projects labelled before the audit-impact rules were run on them
/// (`labels.json`): every finding, of every rule, is a labelled one with its labelled impact,
/// and every label is found.
#[test]
fn lineage_projects_get_exactly_their_labelled_findings() {
    for project in ["canove", "ticketz", "atendechat", "workspace-fork", "slash-company"] {
        let dir = format!("fixtures/audit/{project}/");
        let labels: Value =
            serde_json::from_str(&std::fs::read_to_string(root().join(&dir).join("labels.json")).unwrap()).unwrap();
        let (report, _) = run_recorded_command(&labels);
        let site = |f: &Value, path: &str| {
            format!(
                "{} {}:{} {}",
                f["rule"].as_str().unwrap(),
                path,
                f["line"],
                f["impact"].as_str().unwrap()
            )
        };
        let mut expected: Vec<String> = labels["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| site(f, f["path"].as_str().unwrap().strip_prefix(&dir).unwrap()))
            .collect();
        let mut actual: Vec<String> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| site(f, f["path"].as_str().unwrap()))
            .collect();
        expected.sort();
        actual.sort();
        assert_eq!(actual, expected, "{project}");
    }
}
