//! `chatia-socket audit` on trees that try to break it: nesting deep enough to overflow a stack,
//! one-line bundles full of emits, floods of broken suppressions. Each run must end as usual,
//! with every other file's findings, in bounded memory and output. The files are generated here.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn audit() -> Command {
    let mut command = Command::cargo_bin("chatia-socket").unwrap();
    command.arg("audit").env_remove("CLICOLOR_FORCE").env_remove("NO_COLOR");
    command
}

/// A scratch project of a multi-tenant product: a file that names the company, so that an emit to
/// every socket is a leak (in a project that names none it only breaks the house rule).
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("tenant.ts"),
        "export const companyOf = (user) => user.companyId;\n",
    )
    .unwrap();
    dir
}

/// The JSON report and the exit code of `audit . --format json` in `dir`.
fn audit_json(dir: &Path) -> (Value, i32) {
    let output = audit().current_dir(dir).args([".", "--format", "json"]).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let report = serde_json::from_str(&stdout).unwrap_or_else(|err| panic!("{err}: {stdout:.400}"));
    (report, output.status.code().expect("exited, not killed by a signal"))
}

fn findings_of<'r>(report: &'r Value, path: &str) -> Vec<&'r Value> {
    let findings = report["findings"].as_array().unwrap();
    findings.iter().filter(|f| f["path"] == path).collect()
}

/// Every shape the parser or the scanner would recurse into, each far past the nesting the audit
/// follows; `prefix` and `suffix` repeat `n` times around `middle`.
const NESTINGS: [(&str, &str, &str, &str, usize); 16] = [
    ("parens.js", "(", "1", ")", 2_000),
    ("arrays.js", "[", "", "]", 2_000),
    ("objects.js", "{a:", "1", "}", 2_000),
    ("templates.js", "`${", "1", "}`", 2_000),
    ("calls.js", "f(", "", ")", 5_000),
    ("ternaries.js", "a ? b : ", "c", "", 10_000),
    ("arrows.js", "() => ", "1", "", 10_000),
    ("unary.js", "!", "a", "", 10_000),
    ("assignments.js", "a = ", "1", "", 10_000),
    ("news.js", "new ", "A", "", 10_000),
    ("sums.js", "a + ", "a", "", 10_000),
    ("members.js", "", "a", ".b", 10_000),
    ("method-chain.js", "", "io", ".to(r)", 10_000),
    ("jsx.jsx", "<a>", "", "</a>", 2_000),
    ("destructuring.ts", "[", "a", "]", 2_000),
    ("else-if.js", "", "if (a) {}", " else if (a) {}", 10_000),
];

#[test]
fn deeply_nested_files_are_reported_and_the_run_goes_on() {
    let dir = project();
    for (name, prefix, middle, suffix, n) in NESTINGS {
        let nested = format!("{}{middle}{}", prefix.repeat(n), suffix.repeat(n));
        let text = if name == "destructuring.ts" {
            format!("const {nested} = x;\nio.emit(\"a\");\n")
        } else if name == "else-if.js" {
            format!("{nested}\nio.emit(\"a\");\n")
        } else {
            format!("x = {nested};\nio.emit(\"a\");\n")
        };
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    std::fs::write(dir.path().join("ok.ts"), "getIO().emit(\"ticket\");\n").unwrap();
    let (report, code) = audit_json(dir.path());
    assert_eq!(code, 1, "the normal file's errors decide the exit code");
    let normal: Vec<&str> = findings_of(&report, "ok.ts")
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(normal, ["event-name", "global-emit"]);
    for (name, ..) in NESTINGS {
        let found = findings_of(&report, name);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        assert_eq!(found[0]["rule"], "parse-error", "{name}");
        let message = found[0]["message"].as_str().unwrap();
        assert!(message.contains("nests more than 1000 levels deep"), "{name}: {message}");
    }
    // The nested files, the one that checks fine and the project's tenant.ts.
    assert_eq!(report["summary"]["files"], NESTINGS.len() + 2);
}

/// JSX text and attributes that the parser reads as text but that look like the start of a
/// comment, string, template or regular expression, each followed by code nesting deep enough
/// (1.9 million brackets, 3.8 MB) to overflow the parser's stack if the bound missed it.
const JSX_HIDING: [(&str, &str, &str); 6] = [
    ("comment.tsx", "const a = <p>/*</p>;\n", "\n// */\n"),
    ("quote.tsx", "const a = <p>it's</p>; ", " // '\n"),
    ("template.jsx", "const a = <p>`</p>; ", " // `\n"),
    ("attribute.tsx", "const a = <a b=\"\\\" />; ", " // \"\n"),
    ("statement.jsx", "if (ok) {}\n<p>/*</p>;\n", "\n// */\n"),
    ("text-paren.tsx", "const a = <b>(it's</b>; ", " // '\n"),
];

#[test]
fn code_after_jsx_text_that_looks_like_a_comment_or_string_is_bounded_too() {
    let dir = tempfile::tempdir().unwrap();
    let n = 1_900_000;
    let deep = format!("x = {}1{};", "(".repeat(n), ")".repeat(n));
    for (name, before, after) in JSX_HIDING {
        std::fs::write(dir.path().join(name), format!("{before}{deep}{after}io.emit(\"a\");\n")).unwrap();
    }
    let (report, _) = audit_json(dir.path());
    for (name, ..) in JSX_HIDING {
        let found = findings_of(&report, name);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        assert_eq!(found[0]["rule"], "parse-error", "{name}");
        let message = found[0]["message"].as_str().unwrap();
        assert!(message.contains("nests more than 1000 levels deep"), "{name}: {message}");
    }
}

#[test]
fn nesting_within_the_bound_is_audited() {
    let dir = project();
    let nested = format!("{}io.emit(\"a\"){}", "(".repeat(300), ")".repeat(300));
    std::fs::write(dir.path().join("a.js"), format!("x = {nested};\n")).unwrap();
    let (report, _) = audit_json(dir.path());
    let rules: Vec<&str> = findings_of(&report, "a.js")
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["event-name", "global-emit"]);
}

/// A one-line bundle: `emits` emits spread over a line about 400 KB long.
fn one_line_bundle(emits: usize) -> String {
    let filler = "a=1;".repeat(30);
    format!("{}\n", format!("io.emit(\"x\");{filler}").repeat(emits))
}

#[test]
fn a_one_line_bundle_gives_a_report_that_grows_with_its_findings_not_its_line() {
    let dir = project();
    let bundle = dir.path().join("bundle.js");
    std::fs::write(&bundle, one_line_bundle(3_000)).unwrap();
    let output = audit().current_dir(dir.path()).arg(".").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let findings = stdout.lines().filter(|line| line.starts_with("error[")).count();
    assert_eq!(findings, 6_000);
    // Each finding's frame shows at most a window of 120 columns of the line.
    assert!(
        stdout.len() < findings * 1_024,
        "{} bytes for {findings} findings",
        stdout.len()
    );
    assert!(stdout.lines().all(|line| line.chars().count() < 400));
    let (report, _) = audit_json(dir.path());
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.len() < findings * 512, "{} bytes of JSON", json.len());
}

/// Peak memory of the same audit, where `/usr/bin/time` can tell it.
#[test]
fn a_one_line_bundle_is_audited_in_bounded_memory() {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        eprintln!("skipped: no /usr/bin/time to measure peak memory with");
        return;
    }
    let dir = project();
    std::fs::write(dir.path().join("bundle.js"), one_line_bundle(3_000)).unwrap();
    let output = std::process::Command::new(time)
        .arg("-v")
        .arg(assert_cmd::cargo::cargo_bin("chatia-socket"))
        .args(["audit", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let kilobytes: usize = stderr
        .lines()
        .find_map(|line| line.trim().strip_prefix("Maximum resident set size (kbytes): "))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no peak memory in {stderr}"));
    // Copying the line into each finding took 2.3 GB here.
    assert!(kilobytes < 200 * 1024, "{kilobytes} KB");
}

#[test]
fn a_flood_of_broken_suppressions_is_listed_up_to_a_cap_then_counted() {
    let dir = project();
    let text = format!(
        "{}{}getIO().emit(\"ticket\");\n",
        "// chatia-socket-ignore\n".repeat(5_000),
        "// chatia-socket-ignore global-emit: stale\nconst a = 1;\n".repeat(5_000)
    );
    std::fs::write(dir.path().join("flood.ts"), text).unwrap();
    let (report, code) = audit_json(dir.path());
    assert_eq!(code, 1);
    let found = findings_of(&report, "flood.ts");
    let count = |rule: &str| found.iter().filter(|f| f["rule"] == rule).count();
    assert_eq!((count("invalid-suppression"), count("unused-suppression")), (21, 21));
    assert_eq!(
        (count("event-name"), count("global-emit")),
        (1, 1),
        "the real findings are all there"
    );
    let summaries: Vec<&str> = found
        .iter()
        .filter_map(|f| f["message"].as_str().filter(|m| m.starts_with('…')))
        .collect();
    assert_eq!(
        summaries,
        [
            "… and 4980 more invalid suppressions in this file, not listed",
            "… and 4980 more unused suppressions in this file, not listed"
        ]
    );
}
