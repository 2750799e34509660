//! Loading YAML with positions. The text is parsed into a tree that remembers where every
//! node came from, converted to JSON, checked against the JSON Schema derived from the model
//! (so every structural problem is reported at once, with its position), and only then
//! deserialised.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use marked_yaml::{loader::LoadError, LoaderOptions, Marker, Node};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::diagnostic::{Diagnostic, Diagnostics, Location, Severity};
use super::model::Catalog;
use super::validate::{self, Problem};

/// A valid catalog and where it lives.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub catalog: Catalog,
    pub path: PathBuf,
    /// What the catalog may mean otherwise than it says; printed, never fatal.
    pub warnings: Diagnostics,
    /// Where each node of the file is, for reports about the catalog's content.
    pub spans: SpanIndex,
}

/// Reads and validates a catalog. Problems in its content come back as [`Diagnostics`].
pub fn load(path: &Path) -> anyhow::Result<Loaded> {
    load_bytes(path, &read(path)?)
}

/// The catalog's bytes, as [`load_bytes`] takes them.
pub fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    fs::read(path).with_context(|| format!("cannot read catalog {}", path.display()))
}

/// Validates catalog text that was read from elsewhere (`git show`); `path` is the name
/// diagnostics give it.
pub fn load_bytes(path: &Path, bytes: &[u8]) -> anyhow::Result<Loaded> {
    let parsed = parse::<Catalog>(path, bytes)?;
    let mut problems = parsed.problems;
    if let Some(catalog) = &parsed.value {
        problems.extend(validate::validate(catalog));
    }
    match parsed.value {
        Some(catalog) if problems.is_empty() => {
            let mut warnings = parsed.spans.diagnostics(validate::warnings(&catalog));
            for warning in &mut warnings.0 {
                warning.severity = Severity::Warning;
            }
            Ok(Loaded {
                catalog,
                path: path.to_owned(),
                warnings,
                spans: parsed.spans,
            })
        }
        _ => Err(parsed.spans.diagnostics(problems).into()),
    }
}

/// A document checked against its schema. `value` is there when the document could be read
/// as `T` once unknown keys were left out, so later checks can still run and report too.
pub struct Parsed<T> {
    pub value: Option<T>,
    pub problems: Vec<Problem>,
    pub spans: SpanIndex,
}

/// Parses YAML text into `T`, reporting every structural problem against `T`'s JSON Schema.
/// Errors are problems that stop reading altogether (encoding, YAML syntax).
pub fn parse<T: DeserializeOwned + JsonSchema>(path: &Path, bytes: &[u8]) -> Result<Parsed<T>, Diagnostics> {
    let at_start = |code, message: &str, hint: &str| {
        Diagnostics(vec![diagnostic(path, 1, 1, code, message.to_owned(), Some(hint.to_owned()))])
    };
    if is_utf16(bytes) {
        return Err(at_start(
            "invalid-utf8",
            "the file is UTF-16, not UTF-8",
            "save the catalog as UTF-8 (most editors offer it under \"encoding\")",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|err| invalid_utf8(path, bytes, err.valid_up_to()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if is_blank(text) {
        return Err(at_start(
            "empty-file",
            "the file is empty",
            "start from the example in the README: `version: 1` and an `events:` mapping",
        ));
    }
    if let Some(found) = unprintable(path, text) {
        return Err(Diagnostics(vec![found]));
    }
    // Without `prevent_coercion` every scalar may coerce, so a quoted `"null"` or `"123"` would not be text.
    let options = LoaderOptions::default()
        .error_on_duplicate_keys(true)
        .prevent_coercion(true)
        .toplevel_mapping();
    let root = marked_yaml::parse_yaml_with_options(0, text, options).map_err(|err| load_error(path, text, err))?;
    if let Some((line, column)) = second_document(text) {
        return Err(Diagnostics(vec![diagnostic(
            path,
            line,
            column,
            "multiple-documents",
            "the file holds more than one YAML document; only one catalog is read".to_owned(),
            Some("remove the `---` that starts the second document, or move it to a catalog of its own".to_owned()),
        )]));
    }
    let mut json = to_json(&root);
    let spans = SpanIndex {
        path: path.to_owned(),
        root,
        end: end_of(text),
    };
    let schema = serde_json::to_value(schemars::schema_for!(T)).expect("a derived schema serialises");
    let problems = schema_problems(&schema, &json);
    // Leaving out what is unknown or mistyped often still gives a readable document.
    for problem in problems
        .iter()
        .filter(|p| matches!(p.code, "unknown-key" | "wrong-type" | "invalid-value"))
    {
        remove_pointer(&mut json, &problem.pointer);
    }
    let value = match serde_json::from_value(json) {
        Ok(value) => Some(value),
        Err(_) if !problems.is_empty() => None,
        // The schema accepted it, so this is a gap between schema and model; still report it.
        Err(err) => {
            return Err(at_start(
                "invalid",
                &err.to_string(),
                "compare the file with `chatia-socket schema`",
            ))
        }
    };
    Ok(Parsed { value, problems, spans })
}

fn remove_pointer(json: &mut Value, pointer: &str) {
    let Some((parent, key)) = pointer.rsplit_once('/') else {
        return;
    };
    let key = key.replace("~1", "/").replace("~0", "~");
    if let Some(Value::Object(map)) = json.pointer_mut(parent) {
        map.shift_remove(&key);
    }
}

/// A byte order mark of UTF-16, or the NUL bytes that ASCII text has in every other byte.
fn is_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(64)];
    head.len() >= 4 && head.chunks(2).filter(|pair| pair.contains(&0)).count() * 2 >= head.len()
}

/// Where a second YAML document starts, 1-based; the loader would ignore it silently.
fn second_document(text: &str) -> Option<(usize, usize)> {
    use yaml_rust2::parser::{Event, Parser};
    // Only a `---` or `...` at the start of a line starts or ends a document: without one the
    // file holds one, and its events need not be read a second time.
    let marker = |line: &str| line.starts_with("---") || line.starts_with("...");
    if !text.lines().any(marker) {
        return None;
    }
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0;
    while let Ok((event, mark)) = parser.next_token() {
        match event {
            Event::DocumentStart => {
                documents += 1;
                if documents == 2 {
                    return Some((mark.line(), mark.col() + 1));
                }
            }
            Event::StreamEnd => return None,
            _ => {}
        }
    }
    None
}

/// The first character YAML does not allow in a file (a control character other than tab and
/// line breaks, DEL, a C1 control other than NEL, U+FFFE/U+FFFF). The YAML parser stops reading at
/// a NUL as if the file ended there, so what follows it would be ignored without a word.
fn unprintable(path: &Path, text: &str) -> Option<Diagnostic> {
    let is_printable = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | '\u{85}')
            || (' '..='~').contains(&c)
            || ('\u{A0}'..='\u{FFFD}').contains(&c)
            || c >= '\u{10000}'
    };
    let (offset, c) = text.char_indices().find(|&(_, c)| !is_printable(c))?;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    let code = u32::from(c);
    Some(diagnostic(
        path,
        line,
        column,
        "yaml-syntax",
        format!("the file holds the control character U+{code:04X}, which YAML does not allow"),
        Some(format!(
            "remove it, or write it escaped in a double-quoted string: \"\\u{code:04X}\""
        )),
    ))
}

fn is_blank(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

fn diagnostic(path: &Path, line: usize, column: usize, code: &'static str, message: String, hint: Option<String>) -> Diagnostic {
    Diagnostic {
        location: Location {
            path: path.to_owned(),
            line,
            column,
        },
        severity: Severity::Error,
        code,
        message,
        hint,
    }
}

fn invalid_utf8(path: &Path, bytes: &[u8], valid_up_to: usize) -> Diagnostics {
    let valid = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
    let line = valid.matches('\n').count() + 1;
    let column = valid.rsplit('\n').next().map_or(0, |tail| tail.chars().count()) + 1;
    Diagnostics(vec![diagnostic(
        path,
        line,
        column,
        "invalid-utf8",
        format!("invalid UTF-8 at byte {valid_up_to}"),
        Some("save the catalog as UTF-8".to_owned()),
    )])
}

fn load_error(path: &Path, text: &str, err: LoadError) -> Diagnostics {
    let at = |mark: &Marker, code, message: String, hint: &str| {
        let (line, column) = within(text, mark.line(), mark.column());
        diagnostic(path, line, column, code, message, Some(hint.to_owned()))
    };
    let found = match &err {
        LoadError::TopLevelMustBeMapping(mark) => at(
            mark,
            "not-a-mapping",
            "the catalog must be a mapping of keys to values".into(),
            "start with `version: 1` and an `events:` mapping",
        ),
        LoadError::DuplicateKey(inner) => {
            let first = inner.prev_key.span().start().copied().unwrap_or_else(origin);
            let key = inner.key.span().start().copied().unwrap_or_else(origin);
            at(
                &key,
                "duplicate-key",
                format!("duplicate key `{}`", inner.key.as_str()),
                &format!("it is already defined at line {}; remove or rename one of them", first.line()),
            )
        }
        LoadError::UnexpectedAnchor(mark) => at(
            mark,
            "yaml-syntax",
            "anchors and aliases are not supported".into(),
            "write the value out in full",
        ),
        LoadError::UnexpectedTag(mark) => at(
            mark,
            "yaml-syntax",
            "explicit YAML tags are not supported".into(),
            "remove the `!tag`",
        ),
        LoadError::MappingKeyMustBeScalar(mark) => at(
            mark,
            "yaml-syntax",
            "mapping keys must be plain strings".into(),
            "use a name as the key",
        ),
        LoadError::ScanError(mark, scan) => at(
            mark,
            "yaml-syntax",
            format!("invalid YAML: {}", scan_message(scan)),
            "check indentation, quotes and `key: value` pairs",
        ),
        LoadError::TopLevelMustBeSequence(mark) => at(
            mark,
            "not-a-mapping",
            "unexpected top-level sequence".into(),
            "start with `version: 1`",
        ),
    };
    Diagnostics(vec![found])
}

/// A position of the YAML parser, kept inside `text`: at the end of a file without a final line
/// break the parser reports the line after the last (for a syntax error, or a value left empty),
/// which the user's editor does not have.
fn within(text: &str, line: usize, column: usize) -> (usize, usize) {
    clamp(end_of(text), line, column)
}

/// The last line of `text` and the column just after its last character.
fn end_of(text: &str) -> (usize, usize) {
    let last = text.rsplit('\n').next().unwrap_or("");
    (text.split('\n').count(), last.trim_end_matches('\r').chars().count() + 1)
}

fn clamp(end: (usize, usize), line: usize, column: usize) -> (usize, usize) {
    if line > end.0 {
        end
    } else {
        (line.max(1), column.max(1))
    }
}

/// The scanner's message without its own "at line X column Y" suffix, which we print in front.
fn scan_message(err: &impl std::fmt::Display) -> String {
    let text = err.to_string();
    text.split(" at byte ")
        .next()
        .unwrap_or(&text)
        .split(" at line ")
        .next()
        .unwrap_or(&text)
        .to_owned()
}

/// Where each node of the document came from: the parsed tree itself, followed along a JSON
/// pointer only when a problem is reported (most loads report none, so nothing is indexed ahead).
#[derive(Debug, Clone)]
pub struct SpanIndex {
    path: PathBuf,
    root: Node,
    /// Where the text ends ([`end_of`]): no position points past it.
    end: (usize, usize),
}

/// JSON for the YAML tree, scalars typed by the YAML 1.2 core schema.
fn to_json(node: &Node) -> Value {
    match node {
        Node::Scalar(scalar) => scalar_value(scalar.as_str(), scalar.may_coerce()),
        Node::Sequence(items) => Value::Array(items.iter().map(to_json).collect()),
        Node::Mapping(map) => {
            let mut object = Map::with_capacity(map.len());
            for (name, child) in map.iter() {
                object.insert(name.as_str().to_owned(), to_json(child));
            }
            Value::Object(object)
        }
    }
}

impl SpanIndex {
    /// The position of the node at `pointer`, or of its key; falls back to the nearest parent.
    fn locate(&self, pointer: &str, on_key: bool) -> Marker {
        let start = |node: &Node, key: Option<Marker>| node.span().start().copied().or(key).unwrap_or_else(origin);
        let (mut node, mut key) = (&self.root, None);
        for segment in pointer.split('/').skip(1) {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            let child = match node {
                Node::Mapping(map) => map
                    .iter()
                    .find(|(name, _)| name.as_str() == segment)
                    .map(|(name, child)| (child, name.span().start().copied())),
                Node::Sequence(items) => segment
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i))
                    .map(|item| (item, None)),
                Node::Scalar(_) => None,
            };
            let Some((child, child_key)) = child else { break };
            (node, key) = (child, child_key);
        }
        let value = start(node, key);
        if on_key {
            key.unwrap_or(value)
        } else {
            value
        }
    }

    /// Where the node at `pointer` is (its key, for a mapping entry), or its nearest parent.
    pub fn location(&self, pointer: &str) -> Location {
        let mark = self.locate(pointer, true);
        let (line, column) = clamp(self.end, mark.line(), mark.column());
        Location {
            path: self.path.clone(),
            line,
            column,
        }
    }

    /// Turns problems into sorted diagnostics with positions.
    pub fn diagnostics(&self, problems: Vec<Problem>) -> Diagnostics {
        let mut found: Vec<Diagnostic> = problems
            .into_iter()
            .map(|problem| {
                let mark = self.locate(&problem.pointer, problem.on_key);
                let (line, column) = clamp(self.end, mark.line(), mark.column());
                diagnostic(&self.path, line, column, problem.code, problem.message, problem.hint)
            })
            .collect();
        found.sort_by(|a, b| a.location.cmp(&b.location).then(a.code.cmp(b.code)));
        found.dedup();
        Diagnostics(found)
    }
}

/// Line 1, column 1: where problems of the whole file point.
fn origin() -> Marker {
    Marker::new(0, 0, 1, 1)
}

pub(crate) fn escape_pointer(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// YAML 1.2 core schema: plain scalars may be null, booleans or numbers; quoted ones are strings.
fn scalar_value(text: &str, plain: bool) -> Value {
    if !plain {
        return Value::String(text.to_owned());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Ok(int) = text.parse::<i64>() {
        return Value::from(int);
    }
    let numeric = text.bytes().all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
    match text.parse::<f64>() {
        Ok(float) if numeric && text.bytes().any(|b| b.is_ascii_digit()) => Value::from(float),
        _ => Value::String(text.to_owned()),
    }
}

/// Structural problems, described in the catalog's own words rather than the schema's.
fn schema_problems(schema: &Value, instance: &Value) -> Vec<Problem> {
    let validator = jsonschema::validator_for(schema).expect("the derived schema is valid");
    validator
        .iter_errors(instance)
        .flat_map(|err| validate::describe_schema_error(schema, &err))
        .collect()
}
