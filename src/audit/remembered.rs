//! What earlier audits of a tree found in each of its files, so that a run parses only the files
//! that changed since (ruff keeps such a cache too). In CI and in a pre-commit hook most files of
//! a tree are as the last run saw them, and parsing them is most of an audit's time.
//!
//! A file's audit depends on its text, its path, the settings and, in the second pass, the
//! helpers the project defines; an entry holds it under the digest of the first and of the last,
//! in a slot named by the audited root and keyed by the settings and this binary
//! ([`crate::cache`]). Every file is still read, and a changed text is a new digest: the cache
//! makes an audit faster, never different. The project-wide judgement (rooms of `/`, lost
//! events) is made again on every run from what the files gave.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use super::scan::Helper;
use super::{FileAudit, Settings};
use crate::cache::{self, Cache, Slot};

/// The two passes of [`super::audit_each_file`]: a file alone, and a file knowing the project's
/// helpers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    Alone,
    Knowing,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    /// Digest of the file's text.
    text: u128,
    /// Digest of the helpers it was audited knowing (of none in the first pass).
    helpers: u128,
    /// The [`FileAudit`], encoded on its own: the slot is decoded before the walk can use it,
    /// and its audits only as the walk's threads find their files unchanged.
    #[serde(with = "serde_bytes")]
    audit: Vec<u8>,
}

/// Entries by path relative to the audited root, one map per pass.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Remembered {
    alone: HashMap<String, Entry>,
    knowing: HashMap<String, Entry>,
}

/// The earlier run's entries, and what this run saw: the digest of every text it audited, and
/// whether any audit had to be made afresh.
pub struct Memory {
    place: Option<(Cache, Slot)>,
    /// Decoded on first use, which [`Memory::preload`] makes early.
    earlier: OnceLock<Remembered>,
    texts: Mutex<HashMap<String, u128>>,
    /// The digest of the helpers the second pass knows, once [`Memory::know`] is told them;
    /// `None` inside when they cannot be encoded, and then no second-pass audit is remembered.
    helpers: OnceLock<Option<u128>>,
    missed: AtomicBool,
}

impl Memory {
    /// The memory of audits of `root` under these settings; empty without a cache.
    pub fn open(settings: &Settings, root: &Path) -> Memory {
        let place = settings
            .cache
            .clone()
            .zip(settings_identity(settings))
            .map(|(cache, identity)| {
                let slot = cache.slot(&[b"audit", &cache::path_identity(root)], &[&identity]);
                (cache, slot)
            });
        Memory {
            place,
            earlier: OnceLock::new(),
            texts: Mutex::new(HashMap::new()),
            helpers: OnceLock::new(),
            missed: AtomicBool::new(false),
        }
    }

    /// Decodes what the earlier run left, on a thread of its own as the walk starts, so that
    /// decoding costs the run little of its time.
    pub fn preload(&self) {
        self.earlier();
    }

    /// What the earlier run left, decoded once (a caller that needs it meanwhile waits for it).
    fn earlier(&self) -> &Remembered {
        self.earlier.get_or_init(|| {
            let stored = self.place.as_ref().and_then(|(cache, slot)| cache.get(slot));
            stored.unwrap_or_default()
        })
    }

    /// The digest of the text of the file at `relative`, and the first pass's audit of it when
    /// remembered. The walk hands the digests to [`Memory::saw`] when it ends.
    pub fn alone(&self, relative: &str, text: &str) -> (u128, Option<FileAudit>) {
        if self.place.is_none() {
            return (0, None);
        }
        let digest = cache::digest(text.as_bytes());
        (digest, self.recall(Pass::Alone, relative, digest, 0))
    }

    /// The digests of the texts the first pass audited, by relative path.
    pub fn saw(&self, texts: Vec<(String, u128)>) {
        self.texts.lock().expect("no panics while locked").extend(texts);
    }

    /// The helpers the project defines, which the second pass's audits depend on.
    pub fn know(&self, helpers: &[Helper]) {
        let digest = postcard::to_stdvec(helpers).ok().map(|bytes| cache::digest(&bytes));
        // Told once per run; a second telling could only repeat the first.
        let _ = self.helpers.set(digest);
    }

    /// The second pass's audit of a file the first pass saw, when remembered with the helpers
    /// [`Memory::know`] was told.
    pub fn recall_knowing(&self, relative: &str) -> Option<FileAudit> {
        let helpers = (*self.helpers.get()?)?;
        let text = *self.texts.lock().expect("no panics while locked").get(relative)?;
        self.recall(Pass::Knowing, relative, text, helpers)
    }

    /// An audit made afresh.
    pub fn made(&self, audit: impl FnOnce() -> FileAudit) -> FileAudit {
        self.missed.store(true, Ordering::Relaxed);
        audit()
    }

    fn recall(&self, pass: Pass, relative: &str, text: u128, helpers: u128) -> Option<FileAudit> {
        let earlier = self.earlier();
        let entries = match pass {
            Pass::Alone => &earlier.alone,
            Pass::Knowing => &earlier.knowing,
        };
        let entry = entries.get(relative)?;
        if entry.text != text || entry.helpers != helpers {
            return None;
        }
        postcard::from_bytes(&entry.audit).ok()
    }

    /// Keeps this run's audits for the next, unless every one of them was remembered already:
    /// `alone` are the first pass's, `knowing` the second's, each with its file's relative path.
    pub fn keep<'a>(
        &self,
        alone: impl Iterator<Item = (&'a str, &'a FileAudit)>,
        knowing: impl Iterator<Item = (&'a str, &'a FileAudit)>,
    ) {
        let Some((cache, slot)) = &self.place else { return };
        if !self.missed.load(Ordering::Relaxed) {
            return;
        }
        let texts = self.texts.lock().expect("no panics while locked");
        let entries = |audits: &mut dyn Iterator<Item = (&'a str, &'a FileAudit)>, helpers: u128| {
            audits
                .filter_map(|(relative, audit)| {
                    let text = *texts.get(relative)?;
                    let audit = postcard::to_stdvec(audit).ok()?;
                    Some((relative.to_owned(), Entry { text, helpers, audit }))
                })
                .collect()
        };
        let remembered = Remembered {
            alone: entries(&mut { alone }, 0),
            knowing: match self.helpers.get() {
                Some(Some(helpers)) => entries(&mut { knowing }, *helpers),
                _ => HashMap::new(),
            },
        };
        cache.put(slot, remembered);
    }
}

/// Everything in the settings a file's audit depends on (`None`, and no cache, should some part
/// not encode). Which files are walked (`include`, `exclude`) is not: it decides which entries
/// are asked for, not what they hold.
fn settings_identity(settings: &Settings) -> Option<Vec<u8>> {
    let config = &settings.config;
    let mut severities: Vec<_> = config.severities.iter().collect();
    severities.sort();
    let identity = (
        &settings.catalog,
        severities,
        &config.explicit,
        &config.wrappers,
        &config.allow_global,
        &config.conventions,
    );
    serde_json::to_vec(&identity).ok()
}

/// A rule's id. Spelt as an alias so that serde reads a stored one through [`rule_id`] instead
/// of borrowing it from the stored bytes (which it does for any field written `&str`).
pub type RuleId = &'static str;

/// A stored rule id is read back as the rule's own.
pub mod rule_id {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(id: &&'static str, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(id)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<&'static str, D::Error> {
        let id = String::deserialize(deserializer)?;
        crate::audit::rules::meta(&id)
            .map(|meta| meta.id)
            .ok_or_else(|| serde::de::Error::custom(format!("no rule `{id}`")))
    }
}

/// A source span as its two offsets.
pub mod span {
    use oxc_span::Span;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(span: &Span, serializer: S) -> Result<S::Ok, S::Error> {
        (span.start, span.end).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Span, D::Error> {
        let (start, end) = <(u32, u32)>::deserialize(deserializer)?;
        Ok(Span::new(start, end))
    }
}

#[cfg(test)]
mod tests {
    use oxc_span::Span;

    use crate::audit::rules::Hit;

    fn hit(rule: &'static str) -> Hit {
        Hit {
            rule,
            span: Span::new(3, 41),
            severity: None,
            impact: None,
            message: "sent to every company".to_owned(),
            hint: Some("emit to the company's room".to_owned()),
        }
    }

    #[test]
    fn a_stored_hit_reads_back_as_it_was() {
        let stored = postcard::to_stdvec(&hit("global-emit")).unwrap();
        assert_eq!(postcard::from_bytes::<Hit>(&stored).unwrap(), hit("global-emit"));
    }

    #[test]
    fn a_stored_rule_that_no_longer_exists_is_not_read() {
        let stored = postcard::to_stdvec(&hit("retired-rule")).unwrap();
        assert!(postcard::from_bytes::<Hit>(&stored).is_err());
    }
}
