//! The ways a team installs chatia-socket, each run for real: the npm packages through their
//! launcher, the GitHub Action's shell steps, and the pre-commit hooks with pre-commit from PyPI.
//! They need npm, Python and the network to the registries, so they are `#[ignore]`d here and run
//! by `scripts/test.sh` (`cargo test --test distribution -- --ignored`).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;
use yaml_rust2::{Yaml, YamlLoader};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_chatia-socket")
}

fn run(command: &mut Command) -> Output {
    command.env_remove("CLICOLOR_FORCE").env("NO_COLOR", "1");
    command.output().unwrap_or_else(|err| panic!("{command:?}: {err}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `command` and insists on exit 0.
fn ok(command: &mut Command) -> Output {
    let output = run(command);
    assert!(
        output.status.success(),
        "{command:?}\n{}\n{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    output
}

/// The folder holding the launcher and this platform's tarballs, and the two tarballs, built once
/// from the test binary by `npm/build.sh`.
fn tarballs() -> &'static (tempfile::TempDir, PathBuf, PathBuf) {
    static BUILT: OnceLock<(tempfile::TempDir, PathBuf, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        let listed = ok(Command::new("bash").arg(repo().join("npm/build.sh")).args([
            "--out",
            out.path().to_str().unwrap(),
            "--binary",
            binary(),
        ]));
        let files: Vec<PathBuf> = text(&listed.stdout).lines().map(PathBuf::from).collect();
        let find = |name: &str| {
            files
                .iter()
                .find(|f| f.file_name().unwrap().to_str().unwrap().starts_with(name))
                .unwrap()
                .clone()
        };
        let (launcher, platform) = (find("chatia-socket-0"), find("chatia-socket-linux-x64-0"));
        (out, launcher, platform)
    })
}

/// A scratch Node project with `npm install -D` of `packages` (tarball paths and npm flags).
fn node_project(packages: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("package.json"),
        "{ \"name\": \"scratch\", \"private\": true }\n",
    )
    .unwrap();
    ok(Command::new("npm")
        .current_dir(dir.path())
        .args(["install", "-D", "--no-audit", "--no-fund", "--loglevel=error"])
        .args(packages));
    dir
}

fn npx(dir: &Path, args: &[&str]) -> Output {
    run(Command::new("npx")
        .current_dir(dir)
        .args(["--no-install", "chatia-socket"])
        .args(args))
}

#[test]
#[ignore = "needs npm; run by scripts/test.sh"]
fn the_npm_package_runs_the_platform_binary_through_its_launcher() {
    let (_, launcher, platform) = tarballs();
    let project = node_project(&[launcher.to_str().unwrap(), platform.to_str().unwrap()]);
    let version = npx(project.path(), &["--version"]);
    let direct = run(Command::new(binary()).arg("--version"));
    assert_eq!(text(&version.stdout), text(&direct.stdout));
    assert!(text(&version.stdout).starts_with(&format!("chatia-socket {} (", env!("CARGO_PKG_VERSION"))));

    let catalog = repo().join("fixtures/chatia/socket-events.yaml");
    let check = npx(project.path(), &["check", "--catalog", catalog.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    let audit = npx(
        project.path(),
        &[
            "audit",
            repo().join("fixtures/audit/ticketz").to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(audit.status.code(), Some(1), "findings exit 1 through the launcher");
    let report: Value = serde_json::from_slice(&audit.stdout).unwrap();
    assert!(!report["findings"].as_array().unwrap().is_empty());
    let missing = npx(project.path(), &["check", "--catalog", "missing.yaml"]);
    assert_eq!(missing.status.code(), Some(2), "an input error exits 2 through the launcher");
}

#[test]
#[ignore = "needs npm; run by scripts/test.sh"]
fn without_its_platform_package_the_launcher_names_the_missing_package() {
    let (_, launcher, _) = tarballs();
    let project = node_project(&["--omit=optional", launcher.to_str().unwrap()]);
    let output = npx(project.path(), &["--version"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("@chatia-socket/linux-x64") && stderr.contains("is not installed"),
        "{stderr}"
    );
    assert!(stderr.contains("hint:"), "{stderr}");
}

#[test]
fn the_launcher_knows_every_platform_package_the_package_depends_on() {
    let manifest: Value =
        serde_json::from_str(&fs::read_to_string(repo().join("npm/chatia-socket/package.json")).unwrap()).unwrap();
    let table: Value =
        serde_json::from_str(&fs::read_to_string(repo().join("npm/chatia-socket/platforms.json")).unwrap()).unwrap();
    let mut depended: Vec<&str> = manifest["optionalDependencies"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut known: Vec<&str> = table
        .as_object()
        .unwrap()
        .values()
        .map(|p| p["package"].as_str().unwrap())
        .collect();
    depended.sort_unstable();
    known.sort_unstable();
    assert_eq!(depended, known);
    assert_eq!(manifest["version"], env!("CARGO_PKG_VERSION"));
}

/// A project with the bundled catalog, its generated files, and one emit to every company.
fn audited_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        repo().join("fixtures/chatia/socket-events.yaml"),
        dir.path().join("socket-events.yaml"),
    )
    .unwrap();
    ok(Command::new(binary())
        .current_dir(dir.path())
        .args(["gen", "--catalog", "socket-events.yaml"]));
    fs::create_dir_all(dir.path().join("backend/src/services")).unwrap();
    fs::write(
        dir.path().join("backend/src/services/TicketService.ts"),
        "import { getIO } from \"../libs/socket\";\nexport const update = (ticket: any) => {\n  getIO().emit(\"ticket\", { action: \"update\", ticket });\n};\n",
    )
    .unwrap();
    dir
}

/// The value of a `${{ … }}` expression of the action, from its inputs and what steps wrote.
fn evaluate(expression: &str, inputs: &HashMap<String, String>, outputs: &HashMap<String, String>, temp: &Path) -> String {
    let expression = expression.trim();
    if let Some(name) = expression.strip_prefix("inputs.") {
        return inputs.get(name).cloned().unwrap_or_else(|| panic!("no input `{name}`"));
    }
    if let Some(name) = expression.strip_prefix("steps.audit.outputs.") {
        return outputs.get(name).cloned().unwrap_or_default();
    }
    match expression {
        "runner.temp" => temp.display().to_string(),
        _ => panic!("the test does not know the expression `{expression}`"),
    }
}

/// `text` with each `${{ … }}` replaced by its value.
fn substitute(text: &str, inputs: &HashMap<String, String>, outputs: &HashMap<String, String>, temp: &Path) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("closed expression") + start;
        out.push_str(&evaluate(&rest[start + 3..end], inputs, outputs, temp));
        rest = &rest[end + 2..];
    }
    out + rest
}

/// An `if:` of the action: `always()` and comparisons with string literals joined by `&&`.
fn condition(text: &str, inputs: &HashMap<String, String>, outputs: &HashMap<String, String>, temp: &Path) -> bool {
    let text = text.trim().trim_start_matches("${{").trim_end_matches("}}");
    text.split("&&").all(|term| {
        let term = term.trim();
        if term == "always()" {
            return true;
        }
        let (left, right, equal) = match (term.split_once("!="), term.split_once("==")) {
            (Some((l, r)), _) => (l, r, false),
            (None, Some((l, r))) => (l, r, true),
            _ => panic!("the test does not know the condition `{term}`"),
        };
        let literal = right.trim().trim_matches('\'');
        (evaluate(left, inputs, outputs, temp) == literal) == equal
    })
}

struct ActionRun {
    /// Name and exit status of each step that ran; `uses:` steps are listed with `None`.
    steps: Vec<(String, Option<i32>)>,
    outputs: HashMap<String, String>,
}

/// Runs the action's steps as GitHub's runner would, on `project`: `run:` steps in bash with their
/// `env:` and `working-directory:`, `uses:` steps only noted; a failed step skips the later
/// steps that do not say `always()`.
fn run_action(project: &Path, given: &[(&str, &str)]) -> ActionRun {
    let action = &YamlLoader::load_from_str(&fs::read_to_string(repo().join("action.yml")).unwrap()).unwrap()[0];
    let mut inputs: HashMap<String, String> = HashMap::new();
    for (name, input) in action["inputs"].as_hash().unwrap() {
        inputs.insert(
            name.as_str().unwrap().to_owned(),
            input["default"].as_str().unwrap_or("").to_owned(),
        );
    }
    for (name, value) in given {
        assert!(inputs.contains_key(*name), "the action has no input `{name}`");
        inputs.insert((*name).to_owned(), (*value).to_owned());
    }
    let temp = tempfile::tempdir().unwrap();
    let (github_output, github_path) = (temp.path().join("output"), temp.path().join("path"));
    let mut outputs = HashMap::new();
    let mut steps = Vec::new();
    let mut failed = false;
    for step in action["runs"]["steps"].as_vec().unwrap() {
        let name = step["name"].as_str().unwrap().to_owned();
        let wanted = match step["if"].as_str() {
            Some(test) => condition(test, &inputs, &outputs, temp.path()),
            None => !failed,
        };
        if !wanted || (failed && !step["if"].as_str().is_some_and(|t| t.contains("always()"))) {
            continue;
        }
        if step["uses"].as_str().is_some() {
            steps.push((name, None));
            continue;
        }
        let script = step["run"].as_str().unwrap();
        let dir = step["working-directory"]
            .as_str()
            .map_or(".".to_owned(), |d| substitute(d, &inputs, &outputs, temp.path()));
        let mut command = Command::new("bash");
        // How GitHub runs `shell: bash`.
        command
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
            .current_dir(project.join(dir));
        if let Some(env) = step["env"].as_hash() {
            for (key, value) in env {
                command.env(
                    key.as_str().unwrap(),
                    substitute(value.as_str().unwrap(), &inputs, &outputs, temp.path()),
                );
            }
        }
        let path = fs::read_to_string(&github_path).unwrap_or_default();
        let extra: Vec<&str> = path.lines().collect();
        command
            .env("GITHUB_OUTPUT", &github_output)
            .env("GITHUB_PATH", &github_path)
            .env("PATH", format!("{}:{}", extra.join(":"), std::env::var("PATH").unwrap()));
        let status = run(&mut command).status.code();
        for line in fs::read_to_string(&github_output).unwrap_or_default().lines() {
            if let Some((key, value)) = line.split_once('=') {
                outputs.insert(key.to_owned(), value.to_owned());
            }
        }
        failed |= status != Some(0);
        steps.push((name, status));
    }
    ActionRun { steps, outputs }
}

#[test]
#[ignore = "needs npm; run by scripts/test.sh"]
fn the_action_installs_from_npm_audits_into_sarif_and_checks_for_drift() {
    let (_, launcher, platform) = tarballs();
    let project = audited_project();
    let package = format!("{} {}", launcher.display(), platform.display());
    let run = run_action(project.path(), &[("package", &package), ("paths", "backend")]);
    let status = |name: &str| run.steps.iter().find(|(n, _)| n == name).map(|(_, s)| *s);
    assert_eq!(status("Install chatia-socket"), Some(Some(0)));
    assert_eq!(
        status("Audit"),
        Some(Some(0)),
        "findings do not stop the steps that report them"
    );
    assert_eq!(run.outputs.get("exit-code").map(String::as_str), Some("1"));
    assert_eq!(status("Upload the findings to code scanning"), Some(None));
    assert_eq!(status("Generated files are current"), Some(Some(0)));
    assert_eq!(status("Fail on findings"), Some(Some(1)), "the job fails on findings");
    let sarif: Value = serde_json::from_str(&fs::read_to_string(project.path().join("chatia-socket.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "global-emit"), "{results:?}");

    let generated = project.path().join("shared/socket/events.ts");
    let edited = fs::read_to_string(&generated).unwrap() + "// edited by hand\n";
    fs::write(&generated, edited).unwrap();
    let drifted = run_action(
        project.path(),
        &[("package", &package), ("paths", "backend"), ("upload-sarif", "false")],
    );
    let drift = drifted
        .steps
        .iter()
        .find(|(n, _)| n == "Generated files are current")
        .unwrap();
    assert_eq!(drift.1, Some(1), "gen --check fails on drift");
    assert!(!drifted.steps.iter().any(|(n, _)| n == "Upload the findings to code scanning"));
}

/// pre-commit from PyPI, in a virtual environment of its own.
fn pre_commit() -> &'static Path {
    static INSTALLED: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &INSTALLED
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            ok(Command::new("python3").args(["-m", "venv"]).arg(dir.path()));
            ok(Command::new(dir.path().join("bin/pip")).args([
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "pre-commit==4.2.0",
            ]));
            let bin = dir.path().join("bin/pre-commit");
            (dir, bin)
        })
        .1
}

/// `pre-commit try-repo` of this repository's hook `id` on `files` of `project`.
fn try_hook(project: &Path, id: &str, files: &[&str]) -> Output {
    run(Command::new(pre_commit())
        .current_dir(project)
        .env("PRE_COMMIT_HOME", project.join(".pre-commit-home"))
        .args(["try-repo", repo().to_str().unwrap(), id, "--files"])
        .args(files))
}

#[test]
#[ignore = "needs npm and PyPI; run by scripts/test.sh"]
fn the_pre_commit_hooks_run_with_pre_commit() {
    let (_, launcher, platform) = tarballs();
    let project = audited_project();
    let dir = project.path();
    ok(Command::new("npm")
        .current_dir(dir)
        .args(["install", "-D", "--no-audit", "--no-fund", "--loglevel=error"])
        .args([launcher, platform]));
    ok(Command::new("git").current_dir(dir).args(["init", "-q"]));
    fs::write(dir.join(".gitignore"), "node_modules/\n.pre-commit-home/\n").unwrap();
    ok(Command::new("git").current_dir(dir).args(["add", "-A"]));

    let check = try_hook(dir, "chatia-socket-check-npx", &["socket-events.yaml"]);
    assert!(check.status.success(), "{}", text(&check.stdout));
    let clean = try_hook(dir, "chatia-socket-gen-check-npx", &["socket-events.yaml"]);
    assert!(clean.status.success(), "{}", text(&clean.stdout));
    let audit = try_hook(dir, "chatia-socket-audit-npx", &["backend/src/services/TicketService.ts"]);
    assert_eq!(audit.status.code(), Some(1), "{}", text(&audit.stdout));
    assert!(text(&audit.stdout).contains("global-emit"), "{}", text(&audit.stdout));

    let generated = dir.join("shared/socket/events.ts");
    fs::write(&generated, fs::read_to_string(&generated).unwrap() + "// edited by hand\n").unwrap();
    let drift = try_hook(dir, "chatia-socket-gen-check-npx", &["shared/socket/events.ts"]);
    assert_eq!(drift.status.code(), Some(1), "{}", text(&drift.stdout));
}

/// The hooks that build from source with cargo are the npx hooks, but for how they get the tool.
#[test]
fn every_hook_comes_built_from_source_and_through_npx_alike() {
    let hooks = YamlLoader::load_from_str(&fs::read_to_string(repo().join(".pre-commit-hooks.yaml")).unwrap()).unwrap();
    let hooks = hooks[0].as_vec().unwrap();
    let by_id: HashMap<&str, &Yaml> = hooks.iter().map(|h| (h["id"].as_str().unwrap(), h)).collect();
    let built: Vec<&&str> = by_id.keys().filter(|id| !id.ends_with("-npx")).collect();
    assert_eq!(built.len() * 2, hooks.len());
    for id in built {
        let (cargo, npx) = (by_id[*id], by_id[format!("{id}-npx").as_str()]);
        assert_eq!(cargo["language"].as_str(), Some("rust"));
        assert_eq!(npx["language"].as_str(), Some("system"));
        assert_eq!(
            format!("npx --no-install {}", cargo["entry"].as_str().unwrap()),
            npx["entry"].as_str().unwrap()
        );
        for key in ["name", "files", "types_or", "pass_filenames", "require_serial"] {
            assert_eq!(cargo[key], npx[key], "{id}: {key}");
        }
    }
}
