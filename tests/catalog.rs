//! The catalog as users meet it: `check` on the bundled fixture and on every class of bad input,
//! the JSON Schema, and the guarantee that a broken catalog never touches an output file.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use assert_cmd::Command;

const FIXTURE: &str = "fixtures/chatia/socket-events.yaml";

fn chatia() -> Command {
    let mut command = Command::cargo_bin("chatia-socket").unwrap();
    command.env("NO_COLOR", "1");
    command
}

/// Runs `check` and returns its exit code and stderr.
fn check(path: &Path) -> (i32, String) {
    let output = chatia().arg("check").arg("--catalog").arg(path).output().unwrap();
    (output.status.code().unwrap(), String::from_utf8(output.stderr).unwrap())
}

#[test]
fn fixture_catalog_checks_clean() {
    let output = chatia().args(["check", "--catalog", FIXTURE]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("ok (7 events"));
}

#[test]
fn check_summarises_every_kind_of_entry_of_the_catalog() {
    let summary = |path: &str| {
        let output = chatia().args(["check", "--catalog", path]).output().unwrap();
        format!(
            "exit {}\n{}",
            output.status.code().unwrap(),
            String::from_utf8(output.stdout).unwrap()
        )
    };
    insta::assert_snapshot!(
        format!("{}{}", summary(FIXTURE), summary("fixtures/catalogs/awkward/socket-events.yaml")),
        @r"
    exit 0
    fixtures/chatia/socket-events.yaml: ok (7 events, 8 client events, 14 types, 4 rooms)
    exit 0
    fixtures/catalogs/awkward/socket-events.yaml: ok (3 events, 3 client events, 3 types, 2 rooms)
    "
    );
}

#[test]
fn awkward_catalog_checks_clean() {
    let (code, stderr) = check(Path::new("fixtures/catalogs/awkward/socket-events.yaml"));
    assert_eq!(code, 0, "{stderr}");
}

/// Each bad input: the diagnostics it must produce, as `line:col: error[code]: message` prefixes.
const BAD_INPUTS: &[(&str, &[&str])] = &[
    ("unknown-key", &["4:5: error[unknown-key]: unknown key `descripton`"]),
    (
        "wrong-type",
        &["5:16: error[wrong-type]: `broadcast` must be a boolean, found a string"],
    ),
    ("duplicate-key", &["5:3: error[duplicate-key]: duplicate key `ticket`"]),
    ("unknown-type", &["6:24: error[unknown-type]: unknown type `Contactt`"]),
    ("unknown-room", &["9:13: error[unknown-room]: unknown room `tikcet`"]),
    (
        "unknown-placeholder",
        &[
            "4:14: error[missing-placeholder]: pattern `ticket-{id}` lacks `{ticketId}`",
            "4:14: error[unknown-placeholder]: placeholder `{id}` has no parameter",
        ],
    ),
    (
        "name-collision",
        &["5:3: error[name-collision]: event `appMessage` collides with `app-message`"],
    ),
    (
        "invalid-identifier",
        &["5:7: error[invalid-identifier]: `2fast` is not a valid field name"],
    ),
    (
        "reserved-event",
        &["3:3: error[reserved-event]: `disconnect` is reserved by Socket.IO"],
    ),
    (
        "reserved-field",
        &["6:7: error[reserved-field]: payload field `companyId` is built in"],
    ),
    (
        "zero-rate-limit",
        &["4:13: error[invalid-rate-limit]: rate limit `events` must be at least 1, found 0"],
    ),
    (
        "negative-rate-limit",
        &["3:45: error[invalid-rate-limit]: rate limit `windowSeconds` must be at least 1, found -60"],
    ),
    (
        "absolute-output",
        &["3:9: error[invalid-path]: output path `/etc/socket_events.rs` is absolute"],
    ),
    ("empty", &["1:1: error[empty-file]: the file is empty"]),
    ("not-a-mapping", &["1:1: error[not-a-mapping]: the catalog must be a mapping"]),
    ("yaml-syntax", &["5:5: error[yaml-syntax]: invalid YAML"]),
    (
        "many-problems",
        &[
            "3:14: error[missing-placeholder]: pattern `/workspace` lacks `{companyId}`",
            "4:24: error[invalid-rate-limit]",
            "8:23: error[unknown-type]: unknown type `Status`",
            "11:13: error[unknown-type]: entity `Tikcet` is not a DTO of this catalog",
            "12:49: error[unknown-field]: action `archive` carries `archivedAt`",
            "13:13: error[unknown-room]: unknown room `queue`",
            "14:3: error[reserved-event]: `connect` is reserved by Socket.IO",
        ],
    ),
    (
        "invalid-type",
        &["5:21: error[invalid-type]: `string[` is not a type expression"],
    ),
    (
        "unreachable-event",
        &["5:16: error[unreachable-event]: the event neither broadcasts nor targets a room"],
    ),
    (
        "unsupported-version",
        &["1:10: error[unsupported-version]: catalog version 2 is not supported"],
    ),
    (
        "unused-field",
        &["13:7: error[unused-field]: payload field `archivedAt` is carried by no action of `ticket` events"],
    ),
    (
        "client-event-name",
        &["6:3: error[invalid-identifier]: `join chat box` is not a valid client event name"],
    ),
    (
        "reserved-client-event",
        &[
            "6:3: error[reserved-event]: `disconnecting` is reserved by Socket.IO",
            "7:3: error[reserved-event]: `room:leave` is served by the generated setup",
        ],
    ),
    (
        "client-event-collision",
        &["7:3: error[name-collision]: client event `markAsRead` collides with `mark-as-read`"],
    ),
    (
        "client-event-shape",
        &[
            "10:12: error[wrong-type]: `joins` must be a mapping, found a string",
            "12:35: error[unknown-key]: unknown key `parms`",
        ],
    ),
    (
        "argument-collision",
        &["9:17: error[name-collision]: argument `ticket_id` collides with `ticketId`"],
    ),
    (
        "unknown-argument-type",
        &["12:34: error[unknown-type]: unknown type `Typign`"],
    ),
    (
        "misplaced-optional",
        &["8:48: error[misplaced-optional]: argument `page` is optional, but `text` after it is not"],
    ),
    (
        "unknown-ack-type",
        &["13:18: error[unknown-type]: unknown type `ReadReciept`"],
    ),
    (
        "joins-and-leaves",
        &["11:5: error[conflicting-keys]: client event `toggleNotification` both joins and leaves a room"],
    ),
    (
        "unknown-join-room",
        &["10:20: error[unknown-room]: unknown room `notifications`"],
    ),
    (
        "unknown-parameter",
        &["13:38: error[unknown-parameter]: room `ticket` has no parameter `ticketid`"],
    ),
    (
        "unknown-argument",
        &["13:48: error[unknown-argument]: room parameter `ticketId` is mapped to `chatID`"],
    ),
    (
        "unbound-parameter",
        &["11:21: error[unbound-parameter]: room `ticket` needs parameter `ticketId`"],
    ),
    (
        "type-mismatch",
        &[
            "15:31: error[type-mismatch]: argument `status` is `string`, but it fills parameter `status` of room `status`, which is `TicketStatus`",
            "15:49: error[type-mismatch]: argument `status` is nullable",
        ],
    ),
    (
        "unused-argument",
        &["13:17: error[unused-argument]: argument `markAsRead` fills no parameter of room `ticket`"],
    ),
    (
        "unused-ack-type",
        &["17:18: error[unused-ack-type]: client event `joinChatBox` joins a room without a handler"],
    ),
    (
        "zero-client-rate-limit",
        &["7:26: error[invalid-rate-limit]: rate limit `events` must be at least 1, found 0"],
    ),
    (
        "zero-max-bytes",
        &[
            "3:20: error[invalid-value]: `maxPayloadBytes` must be at least 1, found 0",
            "9:15: error[invalid-value]: `maxBytes` must be at least 1, found -1",
        ],
    ),
    ("many-client-problems", MANY_CLIENT_PROBLEMS),
    (
        "invalid-info-version",
        &["4:12: error[invalid-version]: `v2` is not a semantic version"],
    ),
];

/// One catalog with a mistake of nearly every kind in its client events: all are reported in one run.
const MANY_CLIENT_PROBLEMS: &[&str] = &[
    "16:3: error[reserved-event]: `connect` is reserved by Socket.IO",
    "19:33: error[type-mismatch]: argument `ticketId` is `string`",
    "19:51: error[misplaced-optional]: argument `ticketId` is optional, but `2nd` after it is not",
    "19:51: error[type-mismatch]: argument `ticketId` is optional",
    "20:17: error[invalid-identifier]: `2nd` is not a valid argument name",
    "20:17: error[unused-argument]: argument `2nd` fills no parameter of room `ticket`",
    "21:18: error[unknown-type]: unknown type `Tikcet`",
    "21:18: error[unused-ack-type]",
    "23:3: error[name-collision]: client event `join-chat-box` collides with `joinChatBox`",
    "27:20: error[unknown-room]: unknown room `statuss`",
    "28:26: error[invalid-rate-limit]",
    "30:21: error[unbound-parameter]: room `status` needs parameter `status`",
    "30:39: error[unknown-parameter]: room `status` has no parameter `state`",
];

#[test]
fn every_bad_input_is_reported_with_position_and_exit_2() {
    for (name, expected) in BAD_INPUTS {
        let path = format!("fixtures/catalogs/invalid/{name}.yaml");
        let (code, stderr) = check(Path::new(&path));
        assert_eq!(code, 2, "{name}: {stderr}");
        let reported: Vec<&str> = stderr.lines().filter(|l| l.starts_with(&path)).collect();
        assert_eq!(
            reported.len(),
            expected.len(),
            "{name}: expected {} problems, got:\n{stderr}",
            expected.len()
        );
        for (line, want) in reported.iter().zip(expected.iter()) {
            assert!(
                line.starts_with(&format!("{path}:{want}")),
                "{name}: expected `{want}`, got `{line}`"
            );
        }
    }
}

#[test]
fn every_problem_comes_with_a_hint() {
    for (name, _) in BAD_INPUTS {
        let (_, stderr) = check(Path::new(&format!("fixtures/catalogs/invalid/{name}.yaml")));
        let problems = stderr.lines().filter(|l| l.contains(": error[")).count();
        let hints = stderr.lines().filter(|l| l.trim_start().starts_with("= hint:")).count();
        assert_eq!(problems, hints, "{name}:\n{stderr}");
    }
}

#[test]
fn client_event_mistakes_are_all_reported_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("socket-events.yaml");
    let text = fs::read_to_string("fixtures/catalogs/invalid/many-client-problems.yaml").unwrap();
    let with_output = text.replacen("version: 1\n", "version: 1\noutputs: { typescriptTypes: out/events.ts }\n", 1);
    fs::write(&catalog, with_output).unwrap();
    let output = chatia().arg("gen").arg("--catalog").arg(&catalog).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("{} problems found", MANY_CLIENT_PROBLEMS.len())),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn room_bindings_suggest_the_room_parameter_and_the_argument_meant() {
    let (_, stderr) = check(Path::new("fixtures/catalogs/invalid/unknown-join-room.yaml"));
    assert!(stderr.contains("did you mean `notification`?"), "{stderr}");
    let (_, stderr) = check(Path::new("fixtures/catalogs/invalid/unknown-parameter.yaml"));
    assert!(stderr.contains("did you mean `ticketId`?"), "{stderr}");
    let (_, stderr) = check(Path::new("fixtures/catalogs/invalid/unknown-argument.yaml"));
    assert!(stderr.contains("did you mean `chatId`?"), "{stderr}");
}

#[test]
fn unknown_key_suggests_the_closest_key() {
    let (_, stderr) = check(Path::new("fixtures/catalogs/invalid/unknown-key.yaml"));
    assert!(stderr.contains("did you mean `description`?"), "{stderr}");
}

#[test]
fn invalid_utf8_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("socket-events.yaml");
    fs::write(&path, b"version: 1\nevents:\n  ticket: \xff\n").unwrap();
    let (code, stderr) = check(&path);
    assert_eq!(code, 2);
    assert!(stderr.contains(":3:11: error[invalid-utf8]"), "{stderr}");
}

/// Found by the `catalog` fuzz target: the YAML parser puts an error, or a value left empty, at the
/// end of a file without a final line break on the line after the last.
#[test]
fn a_yaml_error_at_the_end_of_the_file_points_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("socket-events.yaml");
    for (text, expected) in [
        (
            "version: 1\nevents:\n  ticket:\n    actions: { delete",
            "4:22: error[yaml-syntax]",
        ),
        ("version: 1\r\nevents: { ticket: [", "2:20: error[yaml-syntax]"),
        ("version: 1\nevents:\n  ticket:", "3:10: error[wrong-type]"),
    ] {
        fs::write(&path, text).unwrap();
        let (code, stderr) = check(&path);
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains(&format!("socket-events.yaml:{expected}")),
            "{text:?}: {stderr}"
        );
    }
}

/// Found by the `catalog` fuzz target: the YAML parser stops at a NUL as if the file ended there,
/// so a catalog could hide what follows it.
#[test]
fn a_control_character_in_the_file_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("socket-events.yaml");
    for (text, expected) in [
        (
            &b"version: 1\nevents:\n  ticket:\n    actions:\0 { delete: {} }\n"[..],
            "4:13: error[yaml-syntax]",
        ),
        (b"version: 1\nevents: {}\x7f\n", "2:11: error[yaml-syntax]"),
        (b"version: 1\n# \xc2\x9b\nevents: {}\n", "2:3: error[yaml-syntax]"),
    ] {
        fs::write(&path, text).unwrap();
        let (code, stderr) = check(&path);
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains(&format!("socket-events.yaml:{expected}")),
            "{text:?}: {stderr}"
        );
        assert!(stderr.contains("control character U+"), "{stderr}");
    }
}

#[test]
fn a_quoted_keyword_or_number_is_text_and_a_plain_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("socket-events.yaml");
    let catalog = |values: &str| {
        format!("version: 1\ntypes:\n  Word:\n    description: \"12\"\n    enum: {values}\nevents:\n  word:\n    actions: {{ set: {{}} }}\n")
    };
    fs::write(&path, catalog(r#"["null", 'true', "12", "0o17"]"#)).unwrap();
    let loaded = chatia_socket::catalog::load(&path).unwrap();
    let protocol = chatia_socket::protocol::resolve(&loaded).unwrap();
    assert_eq!(protocol.enum_values("Word").unwrap(), ["null", "true", "12", "0o17"]);
    assert_eq!(protocol.type_decl("Word").unwrap().description.as_deref(), Some("12"));
    fs::write(&path, catalog("[word, null]")).unwrap();
    let (code, stderr) = check(&path);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("5:18: error[wrong-type]: item 2 of `enum` must be a string"),
        "{stderr}"
    );
}

#[test]
fn missing_catalog_is_an_error_naming_the_file() {
    let (code, stderr) = check(Path::new("does/not/exist.yaml"));
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot read catalog does/not/exist.yaml"), "{stderr}");
}

#[test]
fn broken_catalog_leaves_every_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("socket-events.yaml");
    let good = fs::read_to_string(FIXTURE).unwrap();
    fs::write(&catalog, &good).unwrap();
    let out = dir.path().join("out");
    let status = chatia()
        .args(["gen", "--target", "typescript-types", "--out-dir"])
        .arg(&out)
        .arg("--catalog")
        .arg(&catalog)
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(0), "{}", String::from_utf8_lossy(&status.stderr));
    let before = snapshot_tree(&out);
    assert!(!before.is_empty());

    // A change that would alter the output, plus an error: the error must win.
    let broken = good
        .replace("enum: [open, pending, closed]", "enum: [open, pending, closed, archived]")
        .replace("rooms: [ticket]", "rooms: [tickte]");
    fs::write(&catalog, broken).unwrap();
    let output = chatia()
        .args(["gen", "--target", "typescript-types", "--out-dir"])
        .arg(&out)
        .arg("--catalog")
        .arg(&catalog)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("error[unknown-room]"));
    assert_eq!(snapshot_tree(&out), before);
}

fn snapshot_tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().display().to_string(), fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn committed_schema_matches_the_model() {
    let committed = fs::read_to_string("schemas/catalog.schema.json").unwrap();
    assert_eq!(
        committed,
        chatia_socket::catalog::schema_json(),
        "schemas/catalog.schema.json drifted; run `cargo run -q -- schema > schemas/catalog.schema.json`"
    );
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let output = chatia().arg("schema").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        fs::read_to_string("schemas/catalog.schema.json").unwrap()
    );
}

#[test]
fn fixture_catalogs_validate_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(&fs::read_to_string("schemas/catalog.schema.json").unwrap()).unwrap();
    let validator = jsonschema::draft202012::new(&schema).expect("the schema is valid draft 2020-12");
    for path in [FIXTURE, "fixtures/catalogs/awkward/socket-events.yaml"] {
        let text = fs::read_to_string(path).unwrap();
        assert!(
            text.starts_with("# yaml-language-server: $schema="),
            "{path} should point editors at the schema"
        );
        let document = yaml_as_json(&text);
        let errors: Vec<String> = validator
            .iter_errors(&document)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");
    }
}

#[test]
fn schema_rejects_what_the_loader_rejects() {
    let schema: serde_json::Value = serde_json::from_str(&fs::read_to_string("schemas/catalog.schema.json").unwrap()).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let structural = [
        "unknown-key",
        "wrong-type",
        "zero-rate-limit",
        "negative-rate-limit",
        "unsupported-version",
        "zero-client-rate-limit",
        "zero-max-bytes",
        "client-event-shape",
    ];
    for name in structural {
        let text = fs::read_to_string(format!("fixtures/catalogs/invalid/{name}.yaml")).unwrap();
        assert!(!validator.is_valid(&yaml_as_json(&text)), "{name} should not validate");
    }
}

/// The fixture as an editor's YAML language server sees it: an independent YAML reader.
fn yaml_as_json(text: &str) -> serde_json::Value {
    let node = marked_yaml::parse_yaml(0, text).unwrap();
    to_json(&node)
}

fn to_json(node: &marked_yaml::Node) -> serde_json::Value {
    use marked_yaml::Node;
    match node {
        Node::Scalar(s) if s.may_coerce() => {
            if let Some(b) = s.as_bool() {
                serde_json::Value::Bool(b)
            } else if let Ok(i) = s.as_str().parse::<i64>() {
                i.into()
            } else {
                s.as_str().into()
            }
        }
        Node::Scalar(s) => s.as_str().into(),
        Node::Sequence(items) => items.iter().map(to_json).collect(),
        Node::Mapping(map) => map
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), to_json(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}

#[test]
fn readme_example_catalog_checks_clean() {
    let readme = fs::read_to_string("README.md").unwrap();
    let start = readme.find("```yaml\nversion: 1").expect("README has the example catalog") + "```yaml\n".len();
    let example = &readme[start..start + readme[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("socket-events.yaml");
    fs::write(&path, example).unwrap();
    let (code, stderr) = check(&path);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn readme_lists_every_problem_code_check_can_print() {
    let in_source = problem_codes_in_source();
    // A parser that found nothing would make this test pass vacuously.
    for known in [
        "unknown-key",
        "invalid-utf8",
        "empty-file",
        "unused-field",
        "unbound-parameter",
    ] {
        assert!(in_source.contains(known), "`{known}` not found in the sources: {in_source:?}");
    }
    let in_readme = problem_codes_in_readme();
    let undocumented: Vec<_> = in_source.difference(&in_readme).collect();
    let stale: Vec<_> = in_readme.difference(&in_source).collect();
    assert!(
        undocumented.is_empty(),
        "codes missing from the README's table: {undocumented:?}"
    );
    assert!(stale.is_empty(), "README lists codes `check` no longer prints: {stale:?}");
}

/// The string literal given as a problem code: the second argument of `at(…)` (`Problem::at`
/// and load's local `at`), the first of `at_start(…)`, the fourth of `diagnostic(…)`.
fn problem_codes_in_source() -> BTreeSet<String> {
    let mut files = vec!["src/catalog/validate.rs".into(), "src/catalog/load.rs".into()];
    files.extend(
        fs::read_dir("src/catalog/validate")
            .unwrap()
            .map(|entry| entry.unwrap().path().display().to_string()),
    );
    let calls = [("at(", 1), ("at_start(", 0), ("diagnostic(", 3)];
    let mut codes = BTreeSet::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for (call, index) in calls {
            for (start, _) in text.match_indices(call) {
                let before = text[..start].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                codes.extend(string_argument(&text[start + call.len()..], index));
            }
        }
    }
    codes
}

/// The `index`-th argument of a call whose argument list starts `args`, when it is a string literal.
fn string_argument(args: &str, index: usize) -> Option<String> {
    let (mut depth, mut current, mut start, mut in_string) = (0usize, 0, 0, false);
    let mut chars = args.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if in_string => {
                chars.next();
            }
            '"' => in_string = !in_string,
            _ if in_string => {}
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' | ',' if depth == 0 => {
                if current == index {
                    let arg = args[start..i].trim();
                    return arg.strip_prefix('"')?.strip_suffix('"').map(str::to_owned);
                }
                if c != ',' {
                    return None;
                }
                current += 1;
                start = i + 1;
            }
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The codes in the first column of the README's table under "What `check` rejects".
fn problem_codes_in_readme() -> BTreeSet<String> {
    let readme = fs::read_to_string("README.md").unwrap();
    let start = readme.find("### What `check` rejects").expect("README has the problem codes");
    let section = &readme[start..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    section
        .lines()
        .filter(|line| line.starts_with("| `"))
        .filter_map(|line| line.split('|').nth(1))
        .flat_map(|cell| cell.split('`').skip(1).step_by(2).map(str::to_owned).collect::<Vec<_>>())
        .collect()
}

/// The bundled catalog with `from` replaced by `to`, written to a temporary folder.
fn fixture_with(from: &str, to: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let text = fs::read_to_string(FIXTURE).unwrap();
    assert!(text.contains(from), "the fixture has no {from:?}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("socket-events.yaml");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
    (dir, path)
}

#[test]
fn one_adapter_channel_for_both_languages_is_a_warning_that_still_passes() {
    let (_dir, path) = fixture_with("channel: chatia.rust", "channel: chatia.node");
    let (code, stderr) = check(&path);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "warning[shared-adapter-channel]: the Node and the Rust servers would share the Redis adapter channel `chatia.node`"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("give `rust` (or `typescript`) its own `channel`"), "{stderr}");
    // Both on the default channel are the same mistake.
    let (_dir, path) = fixture_with("rust: { kind: redis, channel: chatia.rust }", "rust: { kind: redis }");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replacen("channel: chatia.node }", "}", 1)).unwrap();
    let (code, stderr) = check(&path);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("share the Redis adapter channel `socket.io`"), "{stderr}");
    // Distinct channels are clean.
    let (_, stderr) = check(Path::new(FIXTURE));
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn delivery_settings_that_contradict_each_other_are_refused() {
    let (_dir, path) = fixture_with("        volatile: true\n", "        volatile: true\n        critical: true\n");
    let (code, stderr) = check(&path);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("error[volatile-critical]"), "{stderr}");
    let (_dir, path) = fixture_with("channel: chatia.rust", "channel: \"chatia rust\"");
    let (code, stderr) = check(&path);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("error[invalid-name]: adapter channel `chatia rust` is not a plain Redis key prefix"),
        "{stderr}"
    );
    let (_dir, path) = fixture_with("rust: { kind: redis,", "rust: { kind: redis-streams,");
    let (code, stderr) = check(&path);
    assert_eq!(code, 2, "{stderr}");
}
