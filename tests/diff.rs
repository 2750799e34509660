//! `chatia-socket diff` as users meet it: the corpus of before/after catalogs under
//! `fixtures/diff/`, each compared exactly with its `expected.txt`, then the command line:
//! exit codes, formats, `--against` on a real git repository, bad input, the rule listing.
//!
//! `expected.txt` holds a `# comment` saying what the case is, an optional `args: …` line, the
//! `exit N` line and one line per change: `severity[(allowed)] direction rule subject`, sorted.
//! `DIFF_BLESS=1 cargo test --test diff` rewrites the change lines from what the tool says; read
//! the result before committing it.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

const CORPUS: &str = "fixtures/diff";
const FIXTURE: &str = "fixtures/chatia/socket-events.yaml";

fn chatia() -> Command {
    let mut command = Command::cargo_bin("chatia-socket").unwrap();
    command.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    command
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// One case of the corpus, as its `expected.txt` says.
struct Case {
    dir: PathBuf,
    header: Vec<String>,
    args: Vec<String>,
    exit: i32,
    changes: Vec<String>,
}

fn read_case(dir: &Path) -> Case {
    let text = fs::read_to_string(dir.join("expected.txt")).unwrap();
    let mut case = Case {
        dir: dir.to_owned(),
        header: Vec::new(),
        args: Vec::new(),
        exit: -1,
        changes: Vec::new(),
    };
    for line in text.lines() {
        if line.starts_with('#') || line.starts_with("args: ") {
            case.header.push(line.to_owned());
        }
        if let Some(args) = line.strip_prefix("args: ") {
            case.args = args.split_whitespace().map(str::to_owned).collect();
        } else if let Some(code) = line.strip_prefix("exit ") {
            case.exit = code.parse().unwrap();
        } else if !line.starts_with('#') && !line.is_empty() {
            case.changes.push(line.to_owned());
        }
    }
    case
}

fn cases() -> Vec<Case> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.iter().map(|dir| read_case(dir)).collect()
}

/// `severity[(allowed)] direction rule subject` for every change of a JSON report.
fn change_lines(report: &Value) -> Vec<String> {
    let mut lines: Vec<String> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let allowed = if c["allowed"].as_bool().unwrap() { "(allowed)" } else { "" };
            let text = |key: &str| c[key].as_str().unwrap().to_owned();
            format!(
                "{}{allowed} {} {} {}",
                text("severity"),
                text("direction"),
                text("rule"),
                text("subject")
            )
        })
        .collect();
    lines.sort();
    lines
}

fn run_case(case: &Case) -> (i32, Vec<String>, String) {
    let output = chatia()
        .arg("diff")
        .arg(case.dir.join("old.yaml"))
        .arg(case.dir.join("new.yaml"))
        .args(["--format", "json"])
        .args(&case.args)
        .output()
        .unwrap();
    let code = output.status.code().unwrap();
    let lines = serde_json::from_str(&stdout(&output))
        .map(|r| change_lines(&r))
        .unwrap_or_default();
    (code, lines, stderr(&output))
}

#[test]
fn every_corpus_pair_gives_exactly_its_expected_changes() {
    let cases = cases();
    assert!(cases.len() >= 60, "the corpus has {} pairs", cases.len());
    let bless = std::env::var_os("DIFF_BLESS").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let (code, got, stderr) = run_case(case);
        if bless {
            let mut text = case.header.join("\n");
            text.push_str(&format!("\nexit {code}\n"));
            got.iter().for_each(|line| text.push_str(&format!("{line}\n")));
            fs::write(case.dir.join("expected.txt"), text).unwrap();
            continue;
        }
        if code != case.exit || got != case.changes {
            failures.push(format!(
                "{}: expected exit {} with\n  {}\ngot exit {code} with\n  {}\n{stderr}",
                case.dir.display(),
                case.exit,
                case.changes.join("\n  "),
                got.join("\n  ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} pairs differ:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// `(rule, direction, severity)` of every line of every `expected.txt`.
fn verdicts_in_corpus() -> BTreeSet<(String, String, String)> {
    cases()
        .iter()
        .flat_map(|case| case.changes.clone())
        .map(|line| {
            let words: Vec<&str> = line.split(' ').collect();
            let severity = words[0].trim_end_matches("(allowed)");
            (words[2].to_owned(), words[1].to_owned(), severity.to_owned())
        })
        .collect()
}

/// `(rule, direction, severity)` as `diff --rules` lists them.
fn verdicts_listed() -> BTreeSet<(String, String, String)> {
    let output = chatia().args(["diff", "--rules"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let mut listed = BTreeSet::new();
    for block in text.split("\n\n").filter(|b| !b.trim().is_empty()) {
        let mut lines = block.lines();
        let id = lines.next().unwrap().trim().to_owned();
        for verdict in lines.next().unwrap().trim().split("; ") {
            let (severity, direction) = verdict.split_once(' ').unwrap();
            listed.insert((id.clone(), direction_name(direction), severity.to_owned()));
        }
    }
    listed
}

fn direction_name(arrow: &str) -> String {
    match arrow {
        "server→client" => "server-to-client",
        "client→server" => "client-to-server",
        "both directions" | "both" => "both",
        other => panic!("unknown direction `{other}`"),
    }
    .to_owned()
}

#[test]
fn the_corpus_exercises_every_rule_in_every_direction_it_judges() {
    let listed = verdicts_listed();
    assert!(listed.len() > 40, "{listed:?}");
    let in_corpus = verdicts_in_corpus();
    let missing: Vec<_> = listed.difference(&in_corpus).collect();
    let unknown: Vec<_> = in_corpus.difference(&listed).collect();
    assert!(missing.is_empty(), "no corpus pair shows {missing:?}");
    assert!(unknown.is_empty(), "the corpus expects verdicts no rule gives: {unknown:?}");
}

#[test]
fn the_readme_table_lists_every_rule_with_its_verdicts() {
    let readme = fs::read_to_string("README.md").unwrap();
    let start = readme.find("\n## diff\n").expect("README has `## diff`");
    let section = &readme[start + 1..];
    let section = &section[..section[1..].find("\n## ").map_or(section.len(), |i| i + 1)];
    let in_readme: BTreeSet<(String, String, String)> = section
        .lines()
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            (
                cells[1].trim_matches('`').to_owned(),
                direction_name(cells[2]),
                cells[3].to_owned(),
            )
        })
        .collect();
    assert_eq!(in_readme, verdicts_listed());
}

fn diff(args: &[&str]) -> Output {
    chatia().arg("diff").args(args).output().unwrap()
}

fn case_path(name: &str, side: &str) -> String {
    format!("{CORPUS}/{name}/{side}.yaml")
}

#[test]
fn exit_status_is_0_without_breaking_changes_1_with_them_and_2_on_bad_input() {
    let identical = diff(&[&case_path("identical", "old"), &case_path("identical", "new")]);
    assert_eq!(identical.status.code(), Some(0), "{}", stderr(&identical));
    assert!(stdout(&identical).starts_with("no changes between"), "{}", stdout(&identical));
    let compatible = diff(&[&case_path("action-added", "old"), &case_path("action-added", "new")]);
    assert_eq!(compatible.status.code(), Some(0));
    let breaking = diff(&[&case_path("action-removed", "old"), &case_path("action-removed", "new")]);
    assert_eq!(breaking.status.code(), Some(1));
    let missing = diff(&[&case_path("identical", "old"), "no/such/catalog.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("cannot read catalog no/such/catalog.yaml"),
        "{}",
        stderr(&missing)
    );
    let one_side = diff(&[&case_path("identical", "old")]);
    assert_eq!(one_side.status.code(), Some(2), "NEW is required with OLD");
    let unknown_rule = diff(&[
        &case_path("identical", "old"),
        &case_path("identical", "new"),
        "--allow",
        "event-gone",
    ]);
    assert_eq!(unknown_rule.status.code(), Some(2));
    assert!(
        stderr(&unknown_rule).contains("`event-gone` is not a diff rule"),
        "{}",
        stderr(&unknown_rule)
    );
}

#[test]
fn an_invalid_catalog_on_either_side_is_reported_with_its_position_and_exit_2() {
    let bad = "fixtures/catalogs/invalid/unknown-type.yaml";
    let output = diff(&[bad, FIXTURE]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(&format!("{bad}:6:24: error[unknown-type]: unknown type `Contactt`")),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).is_empty(), "no report for a catalog that does not load");
    let both = diff(&[bad, "fixtures/catalogs/invalid/unknown-room.yaml"]);
    assert_eq!(both.status.code(), Some(2));
    assert!(
        stderr(&both).contains("error[unknown-type]") && stderr(&both).contains("error[unknown-room]"),
        "both sides are reported: {}",
        stderr(&both)
    );
}

#[test]
fn text_output_groups_changes_and_points_into_the_new_catalog_or_else_the_old() {
    let (old, new) = (case_path("enum-value-renamed", "old"), case_path("enum-value-renamed", "new"));
    let output = diff(&[&old, &new]);
    assert_eq!(output.status.code(), Some(1));
    let expected = format!(
        "breaking: 3 changes

{new}:5:3: breaking[catalog-version-not-bumped] (both directions): 2 breaking changes, but `info.version` is still 1.2.0
  = hint: release them as 2.0.0
{new}:11:17: breaking[enum-value-added] (server→client): value `medium` was added to enum `Priority`
  = hint: clients built from the old catalog do not know it; ship clients that accept it first
{old}:11:17: breaking[enum-value-removed] (server→client): value `normal` of enum `Priority` was removed
  = hint: servers not yet upgraded still send it; upgrade every server before shipping clients without it

3 breaking, 0 allowed, 0 compatible changes between {old} and {new}
"
    );
    assert_eq!(stdout(&output), expected);
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let args = [case_path("action-removed", "old"), case_path("action-removed", "new")];
    let forced = Command::cargo_bin("chatia-socket")
        .unwrap()
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .arg("diff")
        .args(&args)
        .output()
        .unwrap();
    assert!(stdout(&forced).contains('\u{1b}'), "CLICOLOR_FORCE paints");
    let plain = Command::cargo_bin("chatia-socket")
        .unwrap()
        .env("NO_COLOR", "1")
        .env("CLICOLOR_FORCE", "1")
        .arg("diff")
        .args(&args)
        .output()
        .unwrap();
    assert!(!stdout(&plain).contains('\u{1b}'), "NO_COLOR wins");
}

#[test]
fn json_report_holds_every_change_with_its_place_and_a_summary() {
    let (old, new) = (
        case_path("allow-one-of-two-rules", "old"),
        case_path("allow-one-of-two-rules", "new"),
    );
    let output = diff(&[&old, &new, "--format", "json", "--allow", "field-made-optional"]);
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["version"], 1);
    assert_eq!(
        (report["old"].as_str(), report["new"].as_str()),
        (Some(old.as_str()), Some(new.as_str()))
    );
    assert_eq!(
        report["summary"],
        serde_json::json!({ "breaking": 2, "allowed": 1, "compatible": 0 })
    );
    let optional = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "field-made-optional")
        .unwrap();
    assert_eq!(optional["allowed"], true);
    assert_eq!(optional["direction"], "server-to-client");
    assert_eq!(optional["subject"], "types.Ticket.fields.subject");
    assert_eq!(
        (optional["path"].as_str(), optional["line"].as_u64()),
        (Some(new.as_str()), Some(17))
    );
    for change in report["changes"].as_array().unwrap() {
        for key in ["rule", "severity", "direction", "subject", "message", "path"] {
            assert!(change[key].is_string(), "{key} in {change}");
        }
        assert!(change["line"].as_u64().unwrap() >= 1 && change["column"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn sarif_report_is_valid_sarif_with_every_rule_and_suppressed_allowed_changes() {
    let (old, new) = (
        case_path("allow-one-of-two-rules", "old"),
        case_path("allow-one-of-two-rules", "new"),
    );
    let output = diff(&[&old, &new, "--format", "sarif", "--allow", "field-made-optional"]);
    assert_eq!(output.status.code(), Some(1));
    let log: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-schema-2.1.0"));
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "chatia-socket");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "catalog-version-not-bumped"));
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"], "ruleIndex points at the rule");
        assert!(result["message"]["text"].is_string());
        assert!(["error", "note"].contains(&result["level"].as_str().unwrap()));
        let location = &result["locations"][0]["physicalLocation"];
        assert!(location["artifactLocation"]["uri"].is_string());
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
        let suppressed = result["suppressions"].is_array();
        assert_eq!(suppressed, result["ruleId"] == "field-made-optional", "{result}");
    }
    assert!(rules.iter().all(|r| r["help"]["text"].as_str().unwrap().contains("--allow")));
    insta::assert_json_snapshot!("diff_sarif_results", (output.status.code(), results));
}

fn sarif_validator() -> jsonschema::Validator {
    let schema = fs::read_to_string("fixtures/audit/sarif/sarif-schema-2.1.0.json").unwrap();
    jsonschema::validator_for(&serde_json::from_str(&schema).unwrap()).unwrap()
}

fn assert_valid_sarif(validator: &jsonschema::Validator, log: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF does not validate: {errors:#?}");
}

#[test]
fn sarif_validates_against_the_official_2_1_0_schema_for_every_corpus_pair() {
    let validator = sarif_validator();
    for case in cases() {
        let output = chatia()
            .arg("diff")
            .arg(case.dir.join("old.yaml"))
            .arg(case.dir.join("new.yaml"))
            .args(["--format", "sarif"])
            .args(&case.args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(case.exit), "{}", case.dir.display());
        let log: Value = serde_json::from_str(&stdout(&output)).unwrap();
        assert_valid_sarif(&validator, &log);
    }
    let mut broken: Value = serde_json::from_str(&stdout(&diff(&[
        &case_path("action-removed", "old"),
        &case_path("action-removed", "new"),
        "--format",
        "sarif",
    ])))
    .unwrap();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(
        validator.iter_errors(&broken).next().is_some(),
        "the schema check must be able to fail"
    );
}

#[test]
fn sarif_levels_are_error_for_breaking_and_note_for_compatible_and_removals_point_into_the_old_file() {
    let (old, new) = (case_path("enum-value-renamed", "old"), case_path("enum-value-renamed", "new"));
    let log: Value = serde_json::from_str(&stdout(&diff(&[&old, &new, "--format", "sarif"]))).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let by_rule = |id: &str| results.iter().find(|r| r["ruleId"] == id).unwrap();
    let added = by_rule("enum-value-added");
    assert_eq!(added["level"], "error");
    assert_eq!(added["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], new);
    assert_eq!(
        added["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({ "startLine": 11, "startColumn": 17 })
    );
    assert_eq!(
        added["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "types.Priority.enum.medium"
    );
    let removed = by_rule("enum-value-removed");
    assert_eq!(removed["level"], "error");
    assert_eq!(removed["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], old);
    assert_eq!(removed["properties"]["catalog"], "old");
    let (old, new) = (
        case_path("compatible-only-without-version", "old"),
        case_path("compatible-only-without-version", "new"),
    );
    let log: Value = serde_json::from_str(&stdout(&diff(&[&old, &new, "--format", "sarif"]))).unwrap();
    let raised = &log["runs"][0]["results"][0];
    assert_eq!(
        (raised["ruleId"].as_str(), raised["level"].as_str()),
        (Some("rate-limit-raised"), Some("note"))
    );
}

#[test]
fn json_report_snapshot() {
    let (old, new) = (
        case_path("allow-one-of-two-rules", "old"),
        case_path("allow-one-of-two-rules", "new"),
    );
    let output = diff(&[&old, &new, "--format", "json", "--allow", "field-made-optional"]);
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    insta::assert_json_snapshot!("diff_json", (output.status.code(), report));
}

#[test]
fn allowing_every_breaking_rule_passes_and_the_listing_keeps_them() {
    let (old, new) = (case_path("allow-two-rules", "old"), case_path("allow-two-rules", "new"));
    let failing = diff(&[&old, &new, "--allow", "field-made-optional"]);
    assert_eq!(failing.status.code(), Some(1));
    let passing = diff(&[&old, &new, "--allow", "field-made-optional", "--allow", "max-bytes-lowered"]);
    assert_eq!(passing.status.code(), Some(0), "{}", stderr(&passing));
    let text = stdout(&passing);
    assert!(text.starts_with("allowed: 2 changes\n"), "{text}");
    assert!(
        text.contains("breaking[max-bytes-lowered] (client→server, allowed)"),
        "{text}"
    );
    assert!(
        text.ends_with(&format!(
            "0 breaking, 2 allowed, 0 compatible changes between {old} and {new}\n"
        )),
        "{text}"
    );
}

/// A git repository in a temporary folder holding the helpdesk case's old catalog at HEAD and
/// its new one in the work tree.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .current_dir(dir.path())
            .args([
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.com",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "--quiet"]);
    fs::create_dir(dir.path().join("api")).unwrap();
    fs::copy(case_path("action-removed", "old"), dir.path().join("api/socket-events.yaml")).unwrap();
    git(&["add", "."]);
    git(&["commit", "--quiet", "-m", "first"]);
    fs::copy(case_path("action-removed", "new"), dir.path().join("api/socket-events.yaml")).unwrap();
    dir
}

#[test]
fn against_reads_the_old_catalog_from_a_git_revision() {
    let repo = repository();
    let run = |dir: &Path, catalog: &str| {
        chatia()
            .current_dir(dir)
            .args(["diff", "--against", "HEAD", "--catalog", catalog, "--format", "json"])
            .output()
            .unwrap()
    };
    let from_root = run(repo.path(), "api/socket-events.yaml");
    assert_eq!(from_root.status.code(), Some(1), "{}", stderr(&from_root));
    let report: Value = serde_json::from_str(&stdout(&from_root)).unwrap();
    assert_eq!(report["old"], "HEAD:api/socket-events.yaml");
    let removed = &report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "action-removed")
        .unwrap();
    assert_eq!(
        removed["path"], "HEAD:api/socket-events.yaml",
        "a removal points into the old catalog"
    );
    let sarif = chatia()
        .current_dir(repo.path())
        .args([
            "diff",
            "--against",
            "HEAD",
            "--catalog",
            "api/socket-events.yaml",
            "--format",
            "sarif",
        ])
        .output()
        .unwrap();
    assert_eq!(sarif.status.code(), Some(1));
    let log: Value = serde_json::from_str(&stdout(&sarif)).unwrap();
    assert_valid_sarif(&sarif_validator(), &log);
    let removed = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "action-removed")
        .unwrap();
    let physical = &removed["locations"][0]["physicalLocation"];
    assert_eq!(
        physical["artifactLocation"]["uri"], "api/socket-events.yaml",
        "the work tree's catalog, as code scanning knows it"
    );
    assert!(
        physical["region"].is_null(),
        "a line of the old revision is no line of the work tree's file"
    );
    assert!(
        removed["properties"]["oldLocation"]
            .as_str()
            .unwrap()
            .starts_with("HEAD:api/socket-events.yaml:"),
        "{removed}"
    );
    let from_inside = run(&repo.path().join("api"), "socket-events.yaml");
    assert_eq!(
        from_inside.status.code(),
        Some(1),
        "the path is relative to where the command runs: {}",
        stderr(&from_inside)
    );
    fs::copy(case_path("action-removed", "old"), repo.path().join("api/socket-events.yaml")).unwrap();
    assert_eq!(
        run(repo.path(), "api/socket-events.yaml").status.code(),
        Some(0),
        "the work tree matches HEAD"
    );
}

#[test]
fn against_explains_what_git_cannot_give() {
    let repo = repository();
    let run = |dir: &Path, args: &[&str]| chatia().current_dir(dir).arg("diff").args(args).output().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let cases: [(&Path, &[&str], &str); 4] = [
        (
            repo.path(),
            &["--against", "HEAD", "--catalog", "api/other.yaml"],
            "api/other.yaml does not exist at `HEAD`",
        ),
        (
            repo.path(),
            &["--against", "no-such-branch", "--catalog", "api/socket-events.yaml"],
            "`no-such-branch` is not a revision",
        ),
        (
            repo.path(),
            &["--against=--output=x", "--catalog", "api/socket-events.yaml"],
            "is not a git revision",
        ),
        (
            outside.path(),
            &["--against", "HEAD", "--catalog", "socket-events.yaml"],
            "not inside a git repository",
        ),
    ];
    for (dir, args, message) in cases {
        let output = run(dir, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains(message), "{args:?}: {}", stderr(&output));
    }
    let conflicting = run(repo.path(), &["a.yaml", "b.yaml", "--against", "HEAD"]);
    assert_eq!(conflicting.status.code(), Some(2), "two files or --against, not both");
}

#[test]
fn against_reports_an_invalid_old_catalog_with_its_revision() {
    let repo = repository();
    let bad = fs::read_to_string("fixtures/catalogs/invalid/unknown-type.yaml").unwrap();
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .current_dir(repo.path())
            .args([
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.com",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .status()
            .unwrap()
    };
    fs::write(repo.path().join("api/socket-events.yaml"), bad).unwrap();
    assert!(git(&["commit", "--quiet", "-am", "broken"]).success());
    fs::copy(case_path("action-removed", "new"), repo.path().join("api/socket-events.yaml")).unwrap();
    let output = chatia()
        .current_dir(repo.path())
        .args(["diff", "--against", "HEAD", "--catalog", "api/socket-events.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("HEAD:api/socket-events.yaml:6:24: error[unknown-type]"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn help_shows_examples_and_the_rule_listing_explains_each_rule() {
    let help = chatia().args(["diff", "--help"]).output().unwrap();
    let text = stdout(&help);
    for example in [
        "chatia-socket diff old.yaml new.yaml",
        "chatia-socket diff --against origin/main",
        "--allow",
        "--rules",
    ] {
        assert!(text.contains(example), "{example} in:\n{text}");
    }
    let rules = stdout(&chatia().args(["diff", "--rules"]).output().unwrap());
    assert!(
        rules.contains("enum-value-added\n  breaking server→client; breaking client→server\n"),
        "{rules}"
    );
}
