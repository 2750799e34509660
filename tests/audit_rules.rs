//! Per-rule fixtures: `fixtures/audit/rules/<rule>/` holds pass and fail files. A finding is
//! expected exactly where a comment says so — `// expect: RULE` on the line of the call, or
//! `// expect-next: RULE, RULE` on the line before it — and nowhere else, for the folder's rule
//! and every rule an expectation names. A folder may hold `config.yaml` (audit settings); all use
//! `fixtures/audit/catalog.yaml`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chatia_socket::audit::{self, config, Settings};
use chatia_socket::catalog::model::AuditConfig;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/audit")
}

fn settings(paths: Vec<PathBuf>, config_file: Option<&Path>, with_catalog: bool) -> Settings {
    let config = match config_file.filter(|p| p.exists()) {
        Some(path) => {
            let bytes = std::fs::read(path).unwrap();
            let parsed = chatia_socket::catalog::load::parse::<AuditConfig>(path, &bytes).unwrap();
            assert!(parsed.problems.is_empty(), "{} has problems", path.display());
            parsed.value.unwrap()
        }
        None => AuditConfig::default(),
    };
    let catalog = with_catalog.then(|| {
        chatia_socket::catalog::load(&fixtures().join("catalog.yaml"))
            .unwrap()
            .catalog
    });
    Settings {
        paths,
        catalog,
        config: config::compile(&config, "").unwrap(),
        cache: None,
    }
}

/// `(file, line, rule)` of every expectation comment under `dir`.
fn expectations(dir: &Path) -> BTreeSet<(String, usize, String)> {
    let mut expected = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !audit::walk::is_source(&path) {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for (i, line) in std::fs::read_to_string(&path).unwrap().lines().enumerate() {
            for (marker, offset) in [("// expect-next: ", 2), ("// expect: ", 1)] {
                if let Some(rules) = line.split(marker).nth(1) {
                    for rule in rules.split(',') {
                        expected.insert((name.clone(), i + offset, rule.trim().to_owned()));
                    }
                }
            }
        }
    }
    expected
}

#[test]
fn every_rule_reports_exactly_its_expected_lines() {
    let root = fixtures().join("rules");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    folders.sort();
    let ids: Vec<&str> = audit::rules::all().iter().map(|r| r.meta().id).collect();
    let names: Vec<String> = folders
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        {
            let mut sorted = ids.clone();
            sorted.sort_unstable();
            sorted
        },
        "one fixture folder per rule"
    );
    for folder in folders {
        let rule = folder.file_name().unwrap().to_string_lossy().into_owned();
        let expected = expectations(&folder);
        assert!(
            expected.iter().any(|(_, _, r)| *r == rule),
            "{rule}: the fail file expects nothing"
        );
        let judged: BTreeSet<String> = expected.iter().map(|(_, _, r)| r.clone()).chain([rule.clone()]).collect();
        let report = audit::run(
            &settings(vec![folder.clone()], Some(&folder.join("config.yaml")), true),
            &folder,
        )
        .unwrap();
        let found: BTreeSet<(String, usize, String)> = report
            .findings
            .iter()
            .filter(|f| judged.contains(f.rule))
            .map(|f| (f.path.clone(), f.line, f.rule.to_owned()))
            .collect();
        assert_eq!(found, expected, "{rule}: findings differ from the expectations");
        let pass_files_clean = report
            .findings
            .iter()
            .filter(|f| f.rule == rule)
            .all(|f| !f.path.starts_with("pass"));
        assert!(pass_files_clean, "{rule}: a pass file has a finding");
    }
}

#[test]
fn false_positive_traps_report_nothing() {
    let traps = fixtures().join("traps");
    let report = audit::run(&settings(vec![traps.clone()], None, false), &traps).unwrap();
    let found: Vec<String> = report
        .findings
        .iter()
        .map(|f| format!("{}:{} {}", f.path, f.line, f.rule))
        .collect();
    assert!(found.is_empty(), "traps reported: {found:#?}");
    // The walk saw the real sources only: no backups, docs, node_modules, dist, build or ignored files.
    assert_eq!(report.summary.files, 3);
}

/// Helpers found by following imports: an undeclared `emitToCompany(companyId, event, payload)`
/// and an operator-returning `audienceFor(io, companyId, ticket)` are judged at each call, with
/// the call's arguments, and not in their bodies; a helper no file imports keeps its findings.
#[test]
fn helpers_in_other_files_are_judged_at_their_calls() {
    let folder = fixtures().join("cross-file");
    let expected = expectations(&folder);
    let report = audit::run(
        &settings(vec![folder.clone()], Some(&folder.join("chatia-audit.yaml")), false),
        &folder,
    )
    .unwrap();
    let found: BTreeSet<(String, usize, String)> = report
        .findings
        .iter()
        .map(|f| (f.path.clone(), f.line, f.rule.to_owned()))
        .collect();
    assert_eq!(found, expected);
}
