//! A JSON value as block-style YAML.
//!
//! Why not yaml-rust2's emitter: it leaves some strings plain that a YAML reader then takes for
//! something else — `0o17` is the number 15 to a YAML 1.2 reader — and writes BEL, ESC or a C1
//! control unquoted, which YAML readers refuse. Here a string is plain only when it is a simple
//! word no reader can mistake; any other string is written as a JSON string literal (by serde),
//! which is a YAML double-quoted scalar, with the characters YAML wants escaped escaped as well.

use serde_json::Value;

/// The longest key YAML allows in `key: value` form; a longer one is written as `? key`.
const IMPLICIT_KEY_LIMIT: usize = 1024;

/// The document as YAML, with a final newline.
pub fn to_string(document: &Value) -> String {
    if !is_block(document) {
        return format!("{}\n", leaf(document));
    }
    let mut lines = Vec::new();
    block(document, 0, &mut lines);
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// A non-empty mapping or sequence: written over several lines.
fn is_block(value: &Value) -> bool {
    match value {
        Value::Object(map) => !map.is_empty(),
        Value::Array(items) => !items.is_empty(),
        _ => false,
    }
}

/// The lines of a block value whose entries start at column `indent`.
fn block(value: &Value, indent: usize, lines: &mut Vec<String>) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                let key = scalar(key);
                if key.chars().count() > IMPLICIT_KEY_LIMIT {
                    lines.push(format!("{pad}? {key}"));
                    entry(format!("{pad}:"), item, indent, lines);
                } else {
                    entry(format!("{pad}{key}:"), item, indent, lines);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                if is_block(item) {
                    // The item's first line moves up beside its dash: `- key: value`.
                    let first = lines.len();
                    block(item, indent + 2, lines);
                    lines[first].replace_range(indent..indent + 2, "- ");
                } else {
                    lines.push(format!("{pad}- {}", leaf(item)));
                }
            }
        }
        _ => unreachable!("only blocks are written over lines"),
    }
}

fn entry(head: String, value: &Value, indent: usize, lines: &mut Vec<String>) {
    if is_block(value) {
        lines.push(head);
        block(value, indent + 2, lines);
    } else {
        lines.push(format!("{head} {}", leaf(value)));
    }
}

fn leaf(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => scalar(s),
        Value::Object(_) => "{}".to_owned(),
        Value::Array(_) => "[]".to_owned(),
    }
}

fn scalar(text: &str) -> String {
    if is_plain(text) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

/// A word of letters, digits and `_ $ . / -` that starts with a letter, `_` or `$` and is no
/// YAML keyword: every YAML reader reads it back as this string.
fn is_plain(text: &str) -> bool {
    const KEYWORDS: [&str; 13] = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf", "infinity", "~",
    ];
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.' | '/' | '-'))
        && !KEYWORDS.contains(&text.to_ascii_lowercase().as_str())
}

fn quoted(text: &str) -> String {
    escape_unprintable(&serde_json::to_string(text).expect("a string serialises"))
}

/// JSON text with what JSON leaves raw but YAML does not allow (DEL, C1 controls, non-characters)
/// or may read as a line break (U+2028, U+2029) escaped as `\uXXXX`. Those characters only occur
/// inside string literals, where the escape means the same character.
pub(super) fn escape_unprintable(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if matches!(
            c,
            '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        ) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use yaml_rust2::{Yaml, YamlLoader};

    /// What a YAML reader makes of the text, as JSON.
    fn read_back(text: &str) -> Value {
        let docs = YamlLoader::load_from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(docs.len(), 1, "{text}");
        to_json(&docs[0])
    }

    fn to_json(yaml: &Yaml) -> Value {
        match yaml {
            Yaml::Null => Value::Null,
            Yaml::Boolean(b) => Value::Bool(*b),
            Yaml::Integer(i) => json!(i),
            Yaml::String(s) => json!(s),
            Yaml::Array(items) => items.iter().map(to_json).collect(),
            Yaml::Hash(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.as_str().expect("string keys").to_owned(), to_json(v)))
                    .collect(),
            ),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn every_tricky_string_reads_back_as_itself() {
        let strings = [
            "",
            " lead",
            "trail ",
            "0o17",
            "0x1F",
            "1e3",
            "017",
            "+1",
            ".inf",
            "nan",
            "yes",
            "No",
            "~",
            "null",
            "- item",
            "a: b",
            "a #b",
            "#c",
            "*alias",
            "&anchor",
            "!tag",
            "%dir",
            "@at",
            "`tick`",
            "'single'",
            "\"double\"",
            "{x}",
            "[y]",
            "line\nbreak",
            "tab\there",
            "bell\u{7}",
            "esc\u{1b}",
            "del\u{7f}",
            "c1\u{85}\u{9b}",
            "ls\u{2028}ps\u{2029}",
            "bom\u{feff}",
            "bidi\u{202e}",
            "*/ </script> ${x}",
            "\\back\\slash",
            "Ünïcödé",
            "$ref",
            "x-chatia-rooms",
            "---",
            "...",
        ];
        let document = json!({
            "keys": strings.iter().map(|s| (s.to_string(), json!(s))).collect::<serde_json::Map<_, _>>(),
            "list": strings.as_slice(),
        });
        assert_eq!(read_back(&to_string(&document)), document);
    }

    #[test]
    fn nested_blocks_and_empty_containers_read_back() {
        let document = json!({
            "a": [{"b": 1, "c": [true, null, [1, 2], {"d": {}}]}, [], {}, [[{"e": "f"}]]],
            "g": {"h": {"i": -3}},
        });
        assert_eq!(read_back(&to_string(&document)), document);
    }

    #[test]
    fn a_key_too_long_for_one_line_form_is_written_as_an_explicit_key() {
        let long = "k".repeat(IMPLICIT_KEY_LIMIT + 1);
        let document = json!({ long.clone(): {"x": 1}, "short": [long.clone()] });
        let text = to_string(&document);
        assert!(text.starts_with("? k"), "{text}");
        assert_eq!(read_back(&text), document);
    }

    #[test]
    fn simple_words_stay_plain() {
        let text = to_string(&json!({"type": "object", "$ref": "#/components/schemas/Ticket", "asyncapi": "3.0.0"}));
        assert_eq!(
            text,
            "type: object\n$ref: \"#/components/schemas/Ticket\"\nasyncapi: \"3.0.0\"\n"
        );
    }
}
