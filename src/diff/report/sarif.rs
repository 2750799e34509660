//! SARIF 2.1.0: the subset code scanning reads, as plain serde structs. Breaking changes are
//! errors, compatible ones notes; an allowed change keeps its level and is marked suppressed.
//! A change points into the new catalog, or into the old one for what it no longer has; an
//! old catalog read from git is no file to point into, so such a change names the catalog file
//! without a line and keeps its place in the old revision in its properties.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::sarif::{Configuration, Help, Message};

use crate::diff::{Change, In, Report, Rule, Severity};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    name: String,
    short_description: Message,
    full_description: Message,
    help: Help,
    default_configuration: Configuration,
    /// The verdict in each direction: `{"server-to-client": "breaking"}`.
    properties: BTreeMap<&'static str, &'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
    /// The same change in the next run, wherever its line moved.
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    properties: ResultProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties {
    direction: &'static str,
    severity: &'static str,
    subject: String,
    /// `old` or `new`: the catalog the location is in.
    catalog: &'static str,
    /// `REF:path:line:col`, for a change located in an old catalog read from git.
    #[serde(skip_serializing_if = "Option::is_none")]
    old_location: Option<String>,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    justification: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
    logical_locations: Vec<LogicalLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
}

/// The changed element as a dotted path of the catalog: `types.Ticket.fields.status`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    fully_qualified_name: String,
}

pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let rules = Rule::ALL.iter().map(|rule| descriptor(*rule)).collect();
    let results = report.changes.iter().map(|change| result(report, change)).collect();
    crate::sarif::write::<Descriptor, SarifResult>(rules, results, out)
}

fn descriptor(rule: Rule) -> Descriptor {
    let doc = rule.doc();
    let breaks = doc.verdicts.iter().any(|(_, s)| *s == Severity::Breaking);
    Descriptor {
        id: doc.id,
        name: heck::AsUpperCamelCase(doc.id).to_string(),
        short_description: Message { text: verdicts(rule) },
        full_description: Message {
            text: doc.why.to_owned(),
        },
        help: help(rule),
        default_configuration: Configuration {
            level: if breaks { "error" } else { "note" },
        },
        properties: doc.verdicts.iter().map(|(d, s)| (d.name(), s.name())).collect(),
    }
}

/// "breaking server→client; compatible client→server".
fn verdicts(rule: Rule) -> String {
    let verdicts: Vec<String> = rule
        .doc()
        .verdicts
        .iter()
        .map(|(direction, severity)| format!("{} {}", severity.name(), direction.arrow()))
        .collect();
    verdicts.join("; ")
}

fn help(rule: Rule) -> Help {
    let doc = rule.doc();
    let accept = format!("To accept it in one run: `chatia-socket diff … --allow {}`.", doc.id);
    Help {
        text: format!("{}: {}.\n\n{accept}", verdicts(rule), doc.why),
        markdown: format!("**{}**: {}.\n\n{accept}", verdicts(rule), doc.why),
    }
}

fn result(report: &Report, change: &Change) -> SarifResult {
    let mut message = change.message.clone();
    if let Some(hint) = &change.hint {
        message.push_str(&format!(" (hint: {hint})"));
    }
    let from_git = change.catalog == In::Old && report.old_revision.is_some();
    SarifResult {
        rule_id: change.rule.id(),
        rule_index: Rule::ALL.iter().position(|r| *r == change.rule).unwrap_or(0),
        level: match change.severity {
            Severity::Breaking => "error",
            Severity::Compatible => "note",
        },
        message: Message { text: message },
        locations: vec![location(report, change, from_git)],
        partial_fingerprints: BTreeMap::from([(
            "chatiaSocketDiff/v1",
            format!("{}:{}:{}", change.rule, change.direction.name(), change.subject),
        )]),
        suppressions: suppressions(change),
        properties: ResultProperties {
            direction: change.direction.name(),
            severity: change.severity.name(),
            subject: change.subject.clone(),
            catalog: change.catalog.name(),
            old_location: from_git.then(|| change.location.to_string()),
        },
    }
}

/// The line of the change in its catalog file, or the work tree's catalog as a whole when the
/// change is in an old catalog that only git has.
fn location(report: &Report, change: &Change, from_git: bool) -> Location {
    let physical = if from_git {
        PhysicalLocation {
            artifact_location: artifact(Path::new(&report.new)),
            region: None,
        }
    } else {
        PhysicalLocation {
            artifact_location: artifact(&change.location.path),
            region: Some(Region {
                start_line: change.location.line,
                start_column: change.location.column,
            }),
        }
    };
    Location {
        physical_location: physical,
        logical_locations: vec![LogicalLocation {
            fully_qualified_name: change.subject.clone(),
        }],
    }
}

/// A relative path is relative to where the command ran, which code scanning calls the source
/// root; an absolute one becomes a `file://` URI.
fn artifact(path: &Path) -> ArtifactLocation {
    let text = path.display().to_string().replace('\\', "/");
    let encoded = encode(&text);
    if path.is_absolute() {
        let slash = if encoded.starts_with('/') { "" } else { "/" };
        ArtifactLocation {
            uri: format!("file://{slash}{encoded}"),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: encoded.trim_start_matches("./").to_owned(),
            uri_base_id: Some("%SRCROOT%"),
        }
    }
}

/// Percent-encodes what a URI path may not hold as it is.
fn encode(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b'@' | b'+' | b'=' | b',' => {
                uri.push(byte as char)
            }
            other => uri.push_str(&format!("%{other:02X}")),
        }
    }
    uri
}

fn suppressions(change: &Change) -> Vec<Suppression> {
    if !change.allowed {
        return Vec::new();
    }
    vec![Suppression {
        kind: "external",
        justification: format!("accepted with `--allow {}`", change.rule),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_stay_relative_to_the_source_root_and_absolute_ones_become_file_uris() {
        let relative = artifact(Path::new("./api/socket events.yaml"));
        assert_eq!(
            (relative.uri.as_str(), relative.uri_base_id),
            ("api/socket%20events.yaml", Some("%SRCROOT%"))
        );
        let absolute = artifact(Path::new("/srv/api/socket-events.yaml"));
        assert_eq!(
            (absolute.uri.as_str(), absolute.uri_base_id),
            ("file:///srv/api/socket-events.yaml", None)
        );
    }
}
