//! The README's promises: every test a promise names exists, as a test, where it says.

use std::fs;
use std::path::Path;

/// The text of the README's section `heading`, up to the next section of its level.
fn section<'a>(readme: &'a str, heading: &str) -> &'a str {
    let start = readme
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("README has `{heading}`"));
    let rest = &readme[start + heading.len() + 2..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

/// Every `path.rs::name` in `text`.
fn named_tests(text: &str) -> Vec<(String, String)> {
    let pattern = regex::Regex::new(r"`([A-Za-z0-9_./-]+\.rs)::([a-z0-9_]+)`").unwrap();
    pattern
        .captures_iter(text)
        .map(|c| (c[1].to_owned(), c[2].to_owned()))
        .collect()
}

/// Whether `source` defines `name` as a test: `fn name(` with `#[test]` among the attributes and
/// comments right above it (`#[ignore]` or `#[cfg(unix)]` may sit between).
fn defines_test(source: &str, name: &str) -> bool {
    let lines: Vec<&str> = source.lines().collect();
    lines.iter().enumerate().any(|(i, line)| {
        line.trim_start().starts_with(&format!("fn {name}("))
            && lines[..i]
                .iter()
                .rev()
                .map(|above| above.trim())
                .take_while(|above| above.starts_with("#[") || above.starts_with("//"))
                .any(|above| above == "#[test]")
    })
}

#[test]
fn every_test_a_promise_names_exists() {
    let readme = fs::read_to_string("README.md").unwrap();
    let promises = section(&readme, "## What is promised");
    let named = named_tests(promises);
    assert!(named.len() >= 40, "the promises name {} tests", named.len());
    let missing: Vec<String> = named
        .iter()
        .filter(|(file, name)| {
            let path = Path::new(file);
            !path.is_file() || !defines_test(&fs::read_to_string(path).unwrap(), name)
        })
        .map(|(file, name)| format!("{file}::{name}"))
        .collect();
    assert!(
        missing.is_empty(),
        "the README's promises name tests that do not exist: {missing:?}"
    );
}

#[test]
fn a_renamed_test_would_be_caught() {
    let source = "#[test]\nfn kept() {}\n\nfn helper() {}\n#[cfg(unix)]\n#[test]\n#[ignore = \"slow\"]\nfn guarded() {}\n";
    assert!(defines_test(source, "kept"));
    assert!(defines_test(source, "guarded"));
    assert!(!defines_test(source, "helper"), "a function that is not a test");
    assert!(!defines_test(source, "gone"));
    assert_eq!(
        named_tests("`tests/a.rs::one_test`, `src/b/c.rs::other` and `not::this`"),
        [
            ("tests/a.rs".to_owned(), "one_test".to_owned()),
            ("src/b/c.rs".to_owned(), "other".to_owned())
        ]
    );
}
