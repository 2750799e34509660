//! Baselines: today's findings recorded so that only new ones are reported. A fingerprint is
//! the rule, the path and the flagged code without whitespace (plus an occurrence number for
//! identical code in one file), so it survives the code moving to other lines.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};

use super::finding::Finding;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    pub path: String,
    pub fingerprint: String,
}

/// Gives every finding its fingerprint. Findings must already be sorted.
pub fn fingerprint(findings: &mut [Finding]) {
    let mut seen: HashMap<(&'static str, String, u64), usize> = HashMap::new();
    for finding in findings.iter_mut() {
        let hash = finding.code_hash;
        let n = seen.entry((finding.rule, finding.path.clone(), hash)).or_insert(0);
        *n += 1;
        finding.fingerprint = format!("{hash:016x}:{n}");
    }
}

pub fn of(findings: &[Finding]) -> Baseline {
    let mut entries: Vec<Entry> = findings
        .iter()
        .map(|f| Entry {
            rule: f.rule.to_owned(),
            path: f.path.clone(),
            fingerprint: f.fingerprint.clone(),
        })
        .collect();
    entries.sort();
    Baseline {
        version: 1,
        findings: entries,
    }
}

pub fn write(path: &Path, baseline: &Baseline) -> anyhow::Result<()> {
    let mut text = serde_json::to_string_pretty(baseline)?;
    text.push('\n');
    std::fs::write(path, text).with_context(|| format!("cannot write baseline {}", path.display()))
}

pub fn read(path: &Path) -> anyhow::Result<Baseline> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read baseline {}", path.display()))?;
    let baseline: Baseline =
        serde_json::from_str(&text).with_context(|| format!("{} is not a chatia-socket baseline", path.display()))?;
    if baseline.version != 1 {
        bail!(
            "{}: baseline version {} is not supported (only 1)",
            path.display(),
            baseline.version
        );
    }
    Ok(baseline)
}

/// Keeps the findings that are not in the baseline.
pub fn new_findings(findings: Vec<Finding>, baseline: &Baseline) -> Vec<Finding> {
    let known: std::collections::HashSet<(&str, &str, &str)> = baseline
        .findings
        .iter()
        .map(|e| (e.rule.as_str(), e.path.as_str(), e.fingerprint.as_str()))
        .collect();
    findings
        .into_iter()
        .filter(|f| !known.contains(&(f.rule, f.path.as_str(), f.fingerprint.as_str())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::finding::LineIndex;
    use crate::catalog::model::Severity;

    fn finding(text: &str, at: &str) -> Finding {
        let start = text.find(at).unwrap();
        let span = oxc_span::Span::new(start as u32, (start + at.len()) as u32);
        LineIndex::new(text).finding("a.ts", "global-emit", Severity::Error, span, "m".into(), None)
    }

    #[test]
    fn fingerprints_survive_moving_lines_and_reindenting() {
        let before = "io.emit(\"x\", {});\n";
        let after = "\n\n// moved\nfunction f() {\n    io.emit( \"x\",\n      {} );\n}\n";
        let mut a = vec![finding(before, "io.emit(\"x\", {})")];
        let mut b = vec![finding(after, "io.emit( \"x\",\n      {} )")];
        fingerprint(&mut a);
        fingerprint(&mut b);
        assert_ne!(a[0].line, b[0].line);
        assert_eq!(a[0].fingerprint, b[0].fingerprint);
    }

    #[test]
    fn identical_code_twice_gets_two_fingerprints_and_only_new_ones_remain() {
        let text = "io.emit(\"x\");\nio.emit(\"x\");\n";
        let mut two = vec![finding(text, "io.emit(\"x\")"), finding(&text[14..], "io.emit(\"x\")")];
        fingerprint(&mut two);
        assert_ne!(two[0].fingerprint, two[1].fingerprint);
        let baseline = of(&two[..1]);
        assert_eq!(new_findings(two.clone(), &baseline).len(), 1);
    }
}
