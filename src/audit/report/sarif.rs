//! SARIF 2.1.0: the subset code scanning reads, as plain serde structs.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use crate::sarif::{Configuration, Help, Message};

use crate::audit::impact::Impact;
use crate::audit::rules::{self, severity_name};
use crate::audit::Report;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: String,
    short_description: Message,
    full_description: Message,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

/// What code scanning ranks a rule by: `security-severity` from its usual impact, and the
/// `security` tag for the impacts that harm tenants.
#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
    #[serde(rename = "security-severity")]
    security_severity: &'static str,
    /// Every impact its findings can carry, the usual one first.
    impacts: Vec<&'static str>,
}

#[derive(Serialize)]
struct ResultProperties {
    impact: &'static str,
    #[serde(rename = "security-severity")]
    security_severity: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    properties: ResultProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

pub fn to_value(report: &Report) -> serde_json::Value {
    let mut out = Vec::new();
    render(report, &mut out).expect("writing to memory succeeds");
    serde_json::from_slice(&out).expect("the log is JSON")
}

pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let (rules, results) = rules_and_results(report);
    crate::sarif::write(rules, results, out)
}

/// The rule descriptors and the results of the log.
fn rules_and_results(report: &Report) -> (Vec<Rule>, Vec<SarifResult>) {
    let all = rules::all();
    let descriptors = all
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            let docs = rules::explain(meta.id).unwrap_or_default();
            Rule {
                id: meta.id,
                name: heck::AsUpperCamelCase(meta.id).to_string(),
                short_description: Message {
                    text: meta.summary.to_owned(),
                },
                full_description: Message {
                    text: first_paragraph(&docs),
                },
                help: Help {
                    text: docs.clone(),
                    markdown: docs,
                },
                default_configuration: Configuration {
                    level: severity_name(meta.default_severity),
                },
                properties: rule_properties(meta.impacts),
            }
        })
        .collect();
    let results = report
        .findings
        .iter()
        .map(|f| {
            let mut message = f.message.clone();
            if let Some(hint) = &f.hint {
                message.push_str(&format!(" (hint: {hint})"));
            }
            SarifResult {
                rule_id: f.rule,
                rule_index: all.iter().position(|r| r.meta().id == f.rule).unwrap_or(0),
                level: severity_name(f.severity),
                message: Message { text: message },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: f.path.clone(),
                            uri_base_id: "%SRCROOT%",
                        },
                        region: Region {
                            start_line: f.line,
                            start_column: f.column,
                            end_line: f.end_line,
                            end_column: f.end_column,
                        },
                    },
                }],
                partial_fingerprints: BTreeMap::from([("chatiaSocketFingerprint/v1", f.fingerprint.clone())]),
                properties: ResultProperties {
                    impact: f.impact.name(),
                    security_severity: f.impact.security_severity(),
                },
            }
        })
        .collect();
    (descriptors, results)
}

fn rule_properties(impacts: &[Impact]) -> RuleProperties {
    let usual = impacts[0];
    let harms = impacts.iter().any(|i| matches!(i, Impact::Leak | Impact::Unguarded));
    RuleProperties {
        tags: if harms {
            vec!["security", "multi-tenancy"]
        } else {
            vec!["correctness"]
        },
        security_severity: usual.security_severity(),
        impacts: impacts.iter().map(|i| i.name()).collect(),
    }
}

/// The "What it does" paragraph of a rule's docs.
fn first_paragraph(docs: &str) -> String {
    docs.split("### What it does")
        .nth(1)
        .and_then(|rest| rest.split("###").next())
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_that_can_leak_rank_high_in_code_scanning_and_conventions_low() {
        let leak = rule_properties(&[Impact::Leak]);
        assert_eq!((leak.security_severity, leak.tags.contains(&"security")), ("8.5", true));
        let mixed = rule_properties(&[Impact::Convention, Impact::Lost]);
        assert_eq!((mixed.security_severity, mixed.tags.contains(&"security")), ("1.0", false));
        assert_eq!(mixed.impacts, ["convention", "lost"]);
    }
}
