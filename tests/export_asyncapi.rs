//! `chatia-socket export asyncapi` as users meet it: the document of each catalog, its snapshot,
//! what it holds checked against the resolved protocol, YAML and JSON alike, `--output`, and a bad
//! catalog that stops the run. harness/tests/asyncapi validates the same documents with
//! @asyncapi/parser.
//!
//! Re-bless the snapshot with `INSTA_UPDATE=always cargo test --test export_asyncapi`.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use chatia_socket::protocol::{Protocol, TypeKind};
use serde_json::Value;

const CHATIA: &str = "fixtures/chatia/socket-events.yaml";
const CATALOGS: [&str; 4] = [
    CHATIA,
    "fixtures/catalogs/awkward/socket-events.yaml",
    "fixtures/catalogs/cluster/socket-events.yaml",
    HOSTILE,
];
const HOSTILE: &str = "harness/tests/asyncapi/hostile/socket-events.yaml";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn export(args: &[&str]) -> Run {
    let output = Command::cargo_bin("chatia-socket")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["export", "asyncapi"])
        .args(args)
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// The JSON document of a catalog, after checking the run went well.
fn document(catalog: &str) -> Value {
    let run = export(&["--catalog", catalog]);
    assert_eq!(run.code, 0, "{catalog}: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{catalog}: not JSON: {e}"))
}

fn protocol(catalog: &str) -> Protocol {
    let loaded = chatia_socket::catalog::load(Path::new(catalog)).unwrap();
    chatia_socket::protocol::resolve(&loaded).unwrap()
}

/// What a `$ref` points at; every reference of these documents is local.
fn resolve<'a>(document: &'a Value, reference: &Value) -> &'a Value {
    let pointer = reference["$ref"].as_str().expect("a reference");
    let pointer = pointer.strip_prefix('#').unwrap_or_else(|| panic!("{pointer} is not local"));
    document
        .pointer(pointer)
        .unwrap_or_else(|| panic!("{pointer} points at nothing"))
}

fn every_reference<'a>(value: &'a Value, found: &mut Vec<&'a Value>) {
    match value {
        Value::Object(map) => {
            if map.get("$ref").is_some_and(Value::is_string) {
                found.push(value);
            }
            map.values().for_each(|v| every_reference(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| every_reference(v, found)),
        _ => {}
    }
}

#[test]
fn every_fixture_catalog_exports_a_json_asyncapi_3_document() {
    for catalog in CATALOGS {
        let document = document(catalog);
        assert_eq!(document["asyncapi"], "3.0.0", "{catalog}");
        assert_eq!(document["info"]["title"], "socket-events.yaml", "{catalog}");
        assert_eq!(document["info"]["version"], "1.0.0", "{catalog}");
        let description = document["info"]["description"].as_str().unwrap();
        assert!(description.contains("server application"), "{catalog}: {description}");
    }
}

#[test]
fn the_chatia_document_matches_its_snapshot() {
    let run = export(&["--catalog", CHATIA]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("chatia_asyncapi", run.stdout);
}

#[test]
fn output_is_deterministic() {
    for format in ["json", "yaml"] {
        let first = export(&["--catalog", CHATIA, "--format", format]);
        let second = export(&["--catalog", CHATIA, "--format", format]);
        assert_eq!(first.code, 0, "{}", first.stderr);
        assert_eq!(first.stdout, second.stdout, "{format}");
    }
}

#[test]
fn every_server_event_is_a_sent_message_with_one_branch_per_action() {
    for catalog in CATALOGS {
        let document = document(catalog);
        let messages = &document["channels"]["companyNamespace"]["messages"];
        for event in &protocol(catalog).events {
            let message = &messages[format!("server.{}", event.resource)];
            let name = message["name"]
                .as_str()
                .unwrap_or_else(|| panic!("{catalog}: no message for {}", event.resource));
            assert_eq!(name, format!("company-{{companyId}}-{}", event.resource));
            let payload = &message["payload"];
            assert_eq!(payload["discriminator"], "action");
            let branches = payload["oneOf"].as_array().unwrap();
            assert_eq!(branches.len(), event.actions.len(), "{catalog}: {}", event.resource);
            for (branch, action) in branches.iter().zip(&event.actions) {
                assert_eq!(branch["properties"]["action"]["const"], action.name.as_str());
                assert_eq!(branch["x-chatia-critical"], action.critical);
                assert_eq!(branch["x-chatia-volatile"], action.volatile);
                let required: Vec<&str> = branch["required"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r.as_str().unwrap())
                    .collect();
                for common in ["action", "companyId", "userId", "timestamp"] {
                    assert!(required.contains(&common), "{catalog}: {} {}", event.resource, action.name);
                }
                assert_eq!(branch["properties"]["timestamp"]["format"], "date-time");
                for carried in &action.carried {
                    let field = &carried.field;
                    let schema = branch.pointer(&property("", &field.name));
                    assert!(schema.is_some_and(Value::is_object), "{} carries {}", action.name, field.name);
                    assert_eq!(required.contains(&field.name.as_str()), !field.optional, "{}", field.name);
                }
            }
            let operation = &document["operations"][format!("send.{}", event.resource)];
            assert_eq!(operation["action"], "send");
            assert_eq!(operation["x-chatia-rooms"], serde_json::json!(event.rooms));
            assert_eq!(operation["x-chatia-broadcast"], event.broadcast);
            assert_eq!(operation["x-chatia-rate-limit"].is_object(), event.budget.is_some());
        }
    }
}

#[test]
fn every_client_event_is_a_received_message_and_its_ack_the_reply() {
    for catalog in CATALOGS {
        let document = document(catalog);
        let messages = &document["channels"]["companyNamespace"]["messages"];
        for event in &protocol(catalog).client_events {
            let payload = &messages[format!("client.{}", event.name)]["payload"];
            assert_eq!(payload["type"], "array", "{catalog}: {}", event.name);
            assert_eq!(payload["maxItems"], event.args.len());
            assert_eq!(payload["minItems"], event.args.iter().filter(|a| !a.optional).count());
            let titles: Vec<&str> = payload["items"]
                .as_array()
                .map_or_else(Vec::new, |items| items.iter().map(|i| i["title"].as_str().unwrap()).collect());
            let names: Vec<&str> = event.args.iter().map(|a| a.name.as_str()).collect();
            assert_eq!(titles, names);
            let operation = &document["operations"][format!("receive.{}", event.name)];
            assert_eq!(operation["action"], "receive");
            assert_eq!(operation["x-chatia-rate-limit"]["events"], event.rate_limit.events);
            assert_eq!(operation["x-chatia-max-bytes"], event.max_bytes);
            assert_eq!(operation["x-chatia-authorize"], event.authorize);
            assert_eq!(operation["reply"].is_object(), event.ack.is_some(), "{}", event.name);
            if let Some(ack) = &event.ack {
                assert_eq!(operation["reply"]["x-chatia-required"], ack.required);
                let reply = resolve(&document, &operation["reply"]["messages"][0]);
                assert_eq!(reply["payload"]["oneOf"].as_array().unwrap().len(), 2);
            }
        }
    }
}

#[test]
fn the_namespace_is_the_channel_with_a_company_id_parameter() {
    for catalog in CATALOGS {
        let document = document(catalog);
        let channel = &document["channels"]["companyNamespace"];
        assert_eq!(channel["address"], protocol(catalog).namespace.text.as_str());
        assert!(channel["parameters"]["companyId"]["description"].is_string(), "{catalog}");
        assert_eq!(channel["parameters"].as_object().unwrap().len(), 1);
    }
}

#[test]
fn every_operation_references_messages_of_its_own_channel_and_every_reference_resolves() {
    for catalog in CATALOGS {
        let document = document(catalog);
        let protocol = protocol(catalog);
        let operations = document["operations"].as_object().unwrap();
        assert_eq!(operations.len(), protocol.events.len() + protocol.client_events.len());
        for (id, operation) in operations {
            let channel = operation["channel"]["$ref"].as_str().unwrap();
            let replies = operation.get("reply").map(|r| &r["messages"]);
            for message in operation["messages"]
                .as_array()
                .unwrap()
                .iter()
                .chain(replies.into_iter().flat_map(|m| m.as_array().unwrap()))
            {
                let target = message["$ref"].as_str().unwrap();
                assert!(
                    target.starts_with(&format!("{channel}/messages/")),
                    "{catalog}: {id} -> {target}"
                );
                assert!(resolve(&document, message)["payload"].is_object(), "{catalog}: {id}");
            }
        }
        let mut references = Vec::new();
        every_reference(&document, &mut references);
        assert!(!references.is_empty());
        for reference in references {
            resolve(&document, reference);
        }
    }
}

#[test]
fn every_catalog_type_is_a_component_schema_with_optional_and_nullable_fields_respected() {
    let document = document("fixtures/catalogs/awkward/socket-events.yaml");
    let schemas = &document["components"]["schemas"];
    for decl in &protocol("fixtures/catalogs/awkward/socket-events.yaml").types {
        assert!(schemas[&decl.name].is_object(), "{}", decl.name);
    }
    let record = &schemas["Record"];
    let required = record["required"].as_array().unwrap();
    let props = &record["properties"];
    // Nullable, not optional: required, and `null` is one of its types.
    assert!(required.contains(&"delete".into()));
    assert_eq!(props["delete"]["type"], serde_json::json!(["boolean", "null"]));
    // Optional and nullable: not required, an array or null.
    assert!(!required.contains(&"async".into()));
    assert_eq!(props["async"]["type"], serde_json::json!(["array", "null"]));
    // Optional reference: not required, the type itself.
    assert!(!required.contains(&"enum".into()));
    assert_eq!(props["enum"]["$ref"], "#/components/schemas/class");
    assert_eq!(props["maybeWhen"]["format"], "date-time");
    assert_eq!(
        props["lookup"]["additionalProperties"]["items"]["$ref"],
        "#/components/schemas/Record"
    );
    // A nullable reference is a `oneOf` with null.
    let previous = &document["channels"]["companyNamespace"]["messages"]["server.app-event"]["payload"]["oneOf"][3]["properties"]
        ["previous"];
    assert_eq!(previous["oneOf"][1], serde_json::json!({"type": "null"}));
}

#[test]
fn rooms_and_rate_limits_are_extensions() {
    let document = document(CHATIA);
    let channel = &document["channels"]["companyNamespace"];
    assert_eq!(
        channel["x-chatia-rate-limit"],
        serde_json::json!({"per": "company", "events": 1000, "windowSeconds": 60, "scope": "process"})
    );
    assert_eq!(channel["x-chatia-rooms"]["ticket"]["pattern"], "ticket-{ticketId}");
    assert_eq!(
        channel["x-chatia-rooms"]["status"]["params"],
        serde_json::json!([{"name": "status", "schema": {"$ref": "#/components/schemas/TicketStatus"}}])
    );
    assert_eq!(channel["x-chatia-rooms"]["user"]["joinable"], false);
    let operations = &document["operations"];
    assert_eq!(
        operations["send.campaign"]["x-chatia-rate-limit"],
        serde_json::json!({"per": "company", "events": 120, "windowSeconds": 60})
    );
    assert_eq!(
        operations["receive.joinChatBox"]["x-chatia-room"],
        serde_json::json!({"action": "join", "room": "ticket", "params": [{"name": "ticketId", "argument": "ticketId"}]})
    );
    assert_eq!(operations["receive.typing"]["x-chatia-max-bytes"], 256);
    assert_eq!(
        document["x-chatia-adapters"]["typescript"],
        serde_json::json!({"kind": "redis-streams", "channel": "chatia.node"})
    );
}

#[test]
fn yaml_and_json_carry_the_same_document() {
    for catalog in CATALOGS {
        let run = export(&["--catalog", catalog, "--format", "yaml"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let docs = yaml_rust2::YamlLoader::load_from_str(&run.stdout).unwrap_or_else(|e| panic!("{catalog}: {e}"));
        assert_eq!(yaml_to_json(&docs[0]), document(catalog), "{catalog}");
    }
}

fn yaml_to_json(yaml: &yaml_rust2::Yaml) -> Value {
    use yaml_rust2::Yaml;
    match yaml {
        Yaml::Null => Value::Null,
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Integer(i) => (*i).into(),
        Yaml::String(s) => s.as_str().into(),
        Yaml::Array(items) => items.iter().map(yaml_to_json).collect(),
        Yaml::Hash(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.as_str().unwrap().to_owned(), yaml_to_json(v)))
                .collect(),
        ),
        other => panic!("unexpected YAML node {other:?}"),
    }
}

/// Where an object schema holds its property `name`: `__proto__`, which JavaScript readers cannot
/// keep as a key, is the one pattern property.
fn property(schema: &str, name: &str) -> String {
    if name == "__proto__" {
        format!("{schema}/patternProperties/^__proto__$")
    } else {
        format!("{schema}/properties/{name}")
    }
}

/// Every text of the catalog that reaches the document, with the JSON Pointer it must be found
/// at: names and descriptions of types, fields, rooms, events, actions and arguments, and enum
/// values.
fn every_text(protocol: &Protocol) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    let mut add = |pointer: String, text: &Option<String>| texts.extend(text.clone().map(|t| (pointer, t)));
    let channel = "/channels/companyNamespace";
    for decl in &protocol.types {
        let key = if decl.name == "__proto__" {
            "chatia.__proto__"
        } else {
            &decl.name
        };
        let schema = format!("/components/schemas/{key}");
        add(format!("{schema}/title"), &Some(decl.name.clone()));
        add(format!("{schema}/description"), &decl.description);
        match &decl.kind {
            TypeKind::Enum(values) => {
                for (i, value) in values.iter().enumerate() {
                    add(format!("{schema}/enum/{i}"), &Some(value.clone()));
                }
            }
            TypeKind::Dto(fields) => {
                for field in fields {
                    add(format!("{}/description", property(&schema, &field.name)), &field.description);
                }
            }
        }
    }
    for room in &protocol.rooms {
        let pointer = format!("{channel}/x-chatia-rooms/{}", room.name);
        add(format!("{pointer}/description"), &room.description);
        for (i, param) in room.params.iter().enumerate() {
            add(format!("{pointer}/params/{i}/name"), &Some(param.name.clone()));
        }
    }
    for event in &protocol.events {
        let message = format!("{channel}/messages/server.{}", event.resource);
        add(format!("{message}/description"), &event.description);
        add(format!("/operations/send.{}/description", event.resource), &event.description);
        for (i, action) in event.actions.iter().enumerate() {
            let branch = format!("{message}/payload/oneOf/{i}");
            add(format!("{branch}/description"), &action.description);
            for carried in &action.carried {
                let field = &carried.field;
                add(format!("{}/description", property(&branch, &field.name)), &field.description);
            }
        }
    }
    for event in &protocol.client_events {
        add(
            format!("{channel}/messages/client.{}/description", event.name),
            &event.description,
        );
        add(format!("/operations/receive.{}/description", event.name), &event.description);
        for (i, arg) in event.args.iter().enumerate() {
            let item = format!("{channel}/messages/client.{}/payload/items/{i}", event.name);
            add(format!("{item}/title"), &Some(arg.name.clone()));
            add(format!("{item}/description"), &arg.description);
        }
        if let Some(room) = &event.room {
            for (i, (param, arg)) in room.params.iter().enumerate() {
                let pointer = format!("/operations/receive.{}/x-chatia-room/params/{i}", event.name);
                add(format!("{pointer}/name"), &Some(param.clone()));
                add(format!("{pointer}/argument"), &Some(event.args[*arg].name.clone()));
            }
        }
    }
    texts
}

#[test]
fn hostile_text_comes_back_exactly_as_the_catalog_wrote_it_in_json_and_yaml() {
    let texts = every_text(&protocol(HOSTILE));
    let all: String = texts.iter().map(|(_, text)| text.as_str()).collect();
    for hostile in [
        "\"",
        "'",
        "`",
        "${",
        "*/",
        "</script>",
        "\n",
        "\r\n",
        "\t",
        ": ",
        "- ",
        "#",
        "&",
        "*",
        "!",
        "%",
        "@",
        "---",
        "\u{7}",
        "\u{1b}",
        "\u{7f}",
        "\u{85}",
        "\u{2028}",
        "\u{2029}",
        "\u{202e}",
        "\u{feff}",
        "\u{1f600}",
        "]]>",
        "__proto__",
    ] {
        assert!(all.contains(hostile), "the hostile catalog has no {hostile:?}");
    }
    let yaml = export(&["--catalog", HOSTILE, "--format", "yaml"]);
    assert_eq!(yaml.code, 0, "{}", yaml.stderr);
    let yaml = yaml_to_json(&yaml_rust2::YamlLoader::load_from_str(&yaml.stdout).unwrap()[0]);
    for (format, document) in [("json", document(HOSTILE)), ("yaml", yaml)] {
        for (pointer, text) in &texts {
            assert_eq!(
                document.pointer(pointer),
                Some(&Value::String(text.clone())),
                "{format}: {pointer}"
            );
        }
    }
}

#[test]
fn output_writes_the_file_and_replaces_only_an_earlier_export() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("docs/asyncapi.yaml");
    let target = path.to_str().unwrap();
    let first = export(&["--catalog", CHATIA, "--format", "yaml", "--output", target]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.stdout.contains("wrote"), "{}", first.stdout);
    let stdout = export(&["--catalog", CHATIA, "--format", "yaml"]).stdout;
    assert_eq!(fs::read_to_string(&path).unwrap(), stdout);
    // An earlier export is replaced, as JSON this time.
    let again = export(&["--catalog", CHATIA, "--output", target]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(serde_json::from_str::<Value>(&fs::read_to_string(&path).unwrap()).is_ok());
    let names: Vec<String> = fs::read_dir(dir.path().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["asyncapi.yaml"], "no temporary file is left behind");
}

#[test]
fn output_never_replaces_a_file_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("asyncapi.json");
    fs::write(&path, "{\"asyncapi\": \"3.0.0\", \"info\": \"written by hand\"}\n").unwrap();
    let run = export(&["--catalog", CHATIA, "--output", path.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("refusing to overwrite"), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "{\"asyncapi\": \"3.0.0\", \"info\": \"written by hand\"}\n"
    );
    let catalog = dir.path().join("socket-events.yaml");
    fs::copy(CHATIA, &catalog).unwrap();
    let run = export(&["--catalog", catalog.to_str().unwrap(), "--output", catalog.to_str().unwrap()]);
    assert_eq!(run.code, 2, "the catalog is never an output");
    assert!(run.stderr.contains("is the catalog itself"), "{}", run.stderr);
    assert_eq!(fs::read(&catalog).unwrap(), fs::read(CHATIA).unwrap());
}

#[test]
fn a_bad_catalog_is_reported_as_check_reports_it_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("asyncapi.json");
    let bad = "fixtures/catalogs/invalid/many-problems.yaml";
    let run = export(&["--catalog", bad, "--output", path.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(!path.exists(), "nothing is written");
    let check = Command::cargo_bin("chatia-socket")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["check", "--catalog", bad])
        .output()
        .unwrap();
    assert_eq!(run.stderr, String::from_utf8(check.stderr).unwrap());
    assert!(run.stderr.contains(&format!("{bad}:")), "positioned: {}", run.stderr);
}

#[test]
fn help_shows_examples() {
    for args in [&["export", "--help"][..], &["export", "asyncapi", "--help"]] {
        let output = Command::cargo_bin("chatia-socket").unwrap().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(0));
        let help = String::from_utf8(output.stdout).unwrap();
        assert!(help.contains("Example"), "{help}");
        assert!(help.contains("chatia-socket export asyncapi"), "{help}");
    }
    let unknown = Command::cargo_bin("chatia-socket")
        .unwrap()
        .args(["export", "openapi"])
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn the_catalog_info_is_the_document_info() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("socket-events.yaml");
    let text = "version: 1\ninfo:\n  title: ChatIA Flow real-time API\n  version: 2.1.0\n  description: Tickets and messages, live.\nevents:\n  ticket:\n    actions: { update: {} }\n";
    std::fs::write(&catalog, text).unwrap();
    let info = document(catalog.to_str().unwrap())["info"].clone();
    assert_eq!(info["title"], "ChatIA Flow real-time API");
    assert_eq!(info["version"], "2.1.0");
    assert!(
        info["description"]
            .as_str()
            .unwrap()
            .starts_with("Tickets and messages, live.\n\n"),
        "{info}"
    );
    let without = document("fixtures/chatia/socket-events.yaml")["info"].clone();
    assert_eq!(
        (without["title"].as_str(), without["version"].as_str()),
        (Some("socket-events.yaml"), Some("1.0.0"))
    );
}
