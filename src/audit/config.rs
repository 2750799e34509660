//! The audit settings (the catalog's `audit:` section or `--config FILE`), checked and compiled.
//! Problems are data with a JSON pointer, so the loader can give them file:line:col.

use std::collections::HashMap;

use globset::{Glob, GlobSet, GlobSetBuilder};

use super::rules;
use crate::catalog::load::escape_pointer;
use crate::catalog::model::{AuditConfig, AuditConventions, Conventions, Severity, Wrapper};
use crate::catalog::validate::Problem;

/// Checked settings, ready for the engine.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub severities: HashMap<&'static str, Severity>,
    /// Rules whose severity the settings name; their hits all get that severity.
    pub explicit: Vec<&'static str>,
    pub include: Option<GlobSet>,
    pub exclude: GlobSet,
    pub wrappers: Vec<Wrapper>,
    pub allow_global: Vec<String>,
    /// The settings' own naming rules, for a run without a catalog.
    pub conventions: Option<AuditConventions>,
}

impl Compiled {
    pub fn severity(&self, rule: &str) -> Severity {
        self.severities.get(rule).copied().unwrap_or(Severity::Off)
    }

    /// Whether a path relative to the scanned root is to be scanned.
    pub fn selects(&self, relative: &str) -> bool {
        self.include.as_ref().is_none_or(|set| set.is_match(relative)) && !self.exclude.is_match(relative)
    }
}

/// `prefix` is where the settings live in their document: `/audit` in a catalog, empty in a file.
pub fn compile(config: &AuditConfig, prefix: &str) -> Result<Compiled, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut explicit = Vec::new();
    let mut severities: HashMap<&'static str, Severity> = rules::all()
        .iter()
        .map(|r| (r.meta().id, r.meta().default_severity))
        .collect();
    for (id, severity) in &config.rules {
        match rules::meta(id) {
            Some(meta) => {
                severities.insert(meta.id, *severity);
                explicit.push(meta.id);
            }
            None => {
                let known: Vec<&str> = rules::all().iter().map(|r| r.meta().id).collect();
                let suggestion = rules::closest(id, known.iter().map(|k| k.to_string()).collect::<Vec<_>>().iter())
                    .map(|k| format!("did you mean `{k}`? "))
                    .unwrap_or_default();
                problems.push(problem(
                    format!("{prefix}/rules/{}", escape_pointer(id)),
                    true,
                    "unknown-rule",
                    format!("`{id}` is not an audit rule"),
                    format!("{suggestion}rules: {}", known.join(", ")),
                ));
            }
        }
    }
    let include = globs(&config.include, &format!("{prefix}/include"), &mut problems);
    let exclude = globs(&config.exclude, &format!("{prefix}/exclude"), &mut problems);
    for (i, wrapper) in config.wrappers.iter().enumerate() {
        if wrapper.name.trim().is_empty() {
            problems.push(problem(
                format!("{prefix}/wrappers/{i}/name"),
                false,
                "invalid-value",
                "a wrapper needs the name it is called by".to_owned(),
                "e.g. `name: emitToCompanyNamespace`".to_owned(),
            ));
        }
        if wrapper.event_arg.is_none() && !wrapper.returns_operator {
            problems.push(problem(
                format!("{prefix}/wrappers/{i}"),
                false,
                "invalid-value",
                format!(
                    "wrapper `{}` says neither which argument is the event nor that it returns an operator",
                    wrapper.name
                ),
                "set `eventArg` (0-based), or `returnsOperator: true` when `.emit` is called on its result".to_owned(),
            ));
        }
    }
    if let Some(conventions) = &config.conventions {
        check_conventions(conventions, prefix, &mut problems);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Compiled {
        severities,
        explicit,
        include: (!config.include.is_empty()).then_some(include),
        exclude,
        wrappers: config.wrappers.clone(),
        allow_global: config.allow_global.clone(),
        conventions: config.conventions.clone(),
    })
}

/// With a catalog its `conventions` rule: settings that name other patterns are a mistake to
/// point out, not to pick a winner for.
pub fn against_catalog(config: &AuditConfig, catalog: &Conventions, prefix: &str) -> Vec<Problem> {
    let Some(own) = &config.conventions else { return Vec::new() };
    [
        ("namespace", &own.namespace, &catalog.namespace),
        ("event", &own.event, &catalog.event),
    ]
    .into_iter()
    .filter_map(|(key, own, theirs)| {
        let own = own.as_ref().filter(|own| *own != theirs)?;
        Some(problem(
            format!("{prefix}/conventions/{key}"),
            false,
            "conflicting-conventions",
            format!("the {key} pattern `{own}` differs from the catalog's `{theirs}`"),
            "with --catalog the catalog's conventions apply: remove this setting or change the catalog".to_owned(),
        ))
    })
    .collect()
}

/// Each pattern holds the placeholders the rules read.
fn check_conventions(conventions: &AuditConventions, prefix: &str, problems: &mut Vec<Problem>) {
    let patterns = [
        (
            "namespace",
            &conventions.namespace,
            &["{companyId}"][..],
            "/workspace-{companyId}",
        ),
        (
            "event",
            &conventions.event,
            &["{companyId}", "{resource}"][..],
            "company-{companyId}-{resource}",
        ),
    ];
    for (key, pattern, needed, example) in patterns {
        let Some(pattern) = pattern else { continue };
        let missing: Vec<&str> = needed.iter().copied().filter(|p| !pattern.contains(p)).collect();
        if !missing.is_empty() {
            problems.push(problem(
                format!("{prefix}/conventions/{key}"),
                false,
                "invalid-pattern",
                format!("the {key} pattern `{pattern}` lacks {}", missing.join(" and ")),
                format!("e.g. `{example}`"),
            ));
        }
    }
}

fn globs(patterns: &[String], pointer: &str, problems: &mut Vec<Problem>) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for (i, pattern) in patterns.iter().enumerate() {
        match Glob::new(pattern) {
            Ok(glob) => {
                builder.add(glob);
            }
            Err(err) => problems.push(problem(
                format!("{pointer}/{i}"),
                false,
                "invalid-glob",
                format!("`{pattern}` is not a glob: {}", err.kind()),
                "globs are relative to the scanned root, e.g. `backend/src/**/*.ts`".to_owned(),
            )),
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

fn problem(pointer: String, on_key: bool, code: &'static str, message: String, hint: String) -> Problem {
    Problem {
        pointer,
        on_key,
        code,
        message,
        hint: Some(hint),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_come_from_the_rules() {
        let compiled = compile(&AuditConfig::default(), "").unwrap();
        assert_eq!(compiled.severity("global-emit"), Severity::Error);
        assert_eq!(compiled.severity("payload-fields"), Severity::Warning);
        assert!(compiled.selects("backend/src/a.ts"));
    }

    #[test]
    fn unknown_rules_and_bad_globs_are_problems_with_pointers() {
        let mut config = AuditConfig::default();
        config.rules.insert("global-emitt".into(), Severity::Off);
        config.exclude.push("a/[".into());
        let problems = compile(&config, "/audit").unwrap_err();
        let pointers: Vec<&str> = problems.iter().map(|p| p.pointer.as_str()).collect();
        assert_eq!(pointers, vec!["/audit/rules/global-emitt", "/audit/exclude/0"]);
        assert!(problems[0].hint.as_deref().unwrap().contains("did you mean `global-emit`"));
    }

    #[test]
    fn include_and_exclude_select_relative_paths() {
        let config = AuditConfig {
            include: vec!["backend/**".into()],
            exclude: vec!["**/*.spec.ts".into()],
            ..AuditConfig::default()
        };
        let compiled = compile(&config, "").unwrap();
        assert!(compiled.selects("backend/src/a.ts"));
        assert!(!compiled.selects("backend/src/a.spec.ts"));
        assert!(!compiled.selects("frontend/src/a.js"));
    }
}
