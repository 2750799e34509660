//! `catalog-version-not-bumped`: breaking changes need a new major `info.version`.

use semver::Version;

use super::{found, pointer, Change, Cx, Direction, Found, In, Rule};
use crate::protocol::Info;

/// The version rule's change, when breaking changes that were not allowed came without a
/// version that says so.
pub(super) fn check(cx: &Cx<'_>, changes: &[Change]) -> Option<Found> {
    let breaking = changes.iter().filter(|c| c.fails()).count();
    if breaking == 0 {
        return None;
    }
    let count = format!("{breaking} breaking change{}", if breaking == 1 { "" } else { "s" });
    let (message, hint) = match (&cx.old.info.version, &cx.new.info.version) {
        (Some(old), Some(new)) if bumped(old, new) => return None,
        (Some(old), Some(new)) if old == new => (
            format!("{count}, but `info.version` is still {new}"),
            format!("release them as {}", next(old)),
        ),
        (Some(old), Some(new)) => (
            format!("{count}, but `info.version` went from {old} to {new}"),
            format!("release them as {}", next(old)),
        ),
        (None, Some(new)) => (
            format!("{count}, and the old catalog has no `info.version` to compare {new} with"),
            "for the first release with a version, accept it with `--allow catalog-version-not-bumped`".to_owned(),
        ),
        (_, None) => (
            format!("{count}, and the catalog has no `info.version`"),
            "add `info: { version: \"1.0.0\" }` and raise its major version with every breaking change".to_owned(),
        ),
    };
    // Without `info`, the format's `version` line is where the new block belongs.
    let at = if cx.new.info == Info::default() {
        pointer(&["version"])
    } else {
        pointer(&["info", "version"])
    };
    let change = found(
        Rule::CatalogVersionNotBumped,
        Direction::Both,
        "info.version".to_owned(),
        message,
        In::New,
        at,
    );
    Some(change.hint(hint))
}

/// A new major version, or below 1.0.0 a new minor one, as semantic versioning has it.
fn bumped(old: &Version, new: &Version) -> bool {
    if old.major == 0 && new.major == 0 {
        new.minor > old.minor
    } else {
        new.major > old.major
    }
}

/// The smallest version that is [`bumped`] from `old`.
fn next(old: &Version) -> Version {
    if old.major == 0 {
        Version::new(0, old.minor + 1, 0)
    } else {
        Version::new(old.major + 1, 0, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn a_breaking_release_raises_the_major_version_or_below_one_the_minor() {
        assert!(bumped(&v("1.4.2"), &v("2.0.0")));
        assert!(bumped(&v("1.4.2"), &v("2.0.0-rc.1")));
        assert!(!bumped(&v("1.4.2"), &v("1.5.0")));
        assert!(!bumped(&v("2.0.0"), &v("1.0.0")));
        assert!(bumped(&v("0.3.1"), &v("0.4.0")));
        assert!(!bumped(&v("0.3.1"), &v("0.3.2")));
        assert!(bumped(&v("0.3.1"), &v("1.0.0")));
        assert_eq!(next(&v("1.4.2")), v("2.0.0"));
        assert_eq!(next(&v("0.3.1")), v("0.4.0"));
    }
}
