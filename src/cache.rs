//! Remembering what a run found, so the next run with the same inputs need not do it again.
//!
//! `check` and `gen` spend their time loading the catalog and rendering every target, though in
//! development and CI the catalog has most often not changed since the last run. A slot holds the
//! result of one command on one catalog (`check`'s summary, or the digest of every output `gen`
//! left on disk) under a key made of every input: the catalog's bytes, the command's settings and
//! this binary (its release and the digest of its file, so a rebuilt binary starts afresh). Such
//! a result is only used whole and only after what it says has been checked against the disk.
//! `audit` keeps a slot per scanned tree, with what it found in each file under the digest of
//! that file's text (`audit::remembered`). So the cache can make a run faster but never change
//! what it reports; a lost, corrupt or unwritable cache only makes the run slower.
//!
//! Slots live in the user's cache folder (`CHATIA_SOCKET_CACHE_DIR`, or the platform's, such as
//! `~/.cache/chatia-socket`), never in the project: `--check` writes nothing there.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// Raised when the layout of a slot changes, so an older layout is never read as this one.
const LAYOUT: &[u8] = b"chatia-socket cache 2";

/// The environment variable that moves the cache, as `--no-cache` turns it off.
pub const DIR_VARIABLE: &str = "CHATIA_SOCKET_CACHE_DIR";

/// The cache folder, when there is one and it is wanted.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    binary: Vec<u8>,
}

/// Where one command's result on one catalog is kept, and the inputs it must have been found with.
#[derive(Debug, Clone)]
pub struct Slot {
    name: String,
    key: String,
}

#[derive(Serialize, Deserialize)]
struct Stored<T> {
    key: String,
    value: T,
}

impl Cache {
    /// The cache, unless `disabled`, the platform names no cache folder, or this binary's file
    /// cannot be found (nothing would then tell two builds apart).
    pub fn open(disabled: bool) -> Option<Cache> {
        if disabled {
            return None;
        }
        let dir = match std::env::var_os(DIR_VARIABLE) {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => dirs::cache_dir()?.join("chatia-socket"),
        };
        let cache = Cache { dir, binary: Vec::new() };
        let digest = cache.file_digest(&std::env::current_exe().ok()?)?;
        let binary = [env!("CARGO_PKG_VERSION").as_bytes(), &digest.to_le_bytes()].concat();
        Some(Cache { binary, ..cache })
    }

    /// The digest of `file`, as the cache remembers it under the file's path, size and
    /// modification time (digested afresh when they change). Used for this binary, whose digest is
    /// in every key: a new build starts afresh, while the same build installed again (each CI
    /// run's `npm install`) finds what the last run kept; digesting it costs a few milliseconds.
    fn file_digest(&self, file: &Path) -> Option<u128> {
        let meta = fs::metadata(file).ok()?;
        let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
        let path = file.as_os_str().as_encoded_bytes();
        let stamp = digest_parts(&[path, &meta.len().to_le_bytes(), &modified.as_nanos().to_le_bytes()]);
        // One memo per path, holding the stamp it was made for and the digest.
        let memo = format!("file-{:032x}", digest(path));
        let remembered = fs::read(self.dir.join(&memo)).ok();
        if let Some(bytes) = remembered.and_then(|bytes| <[u8; 32]>::try_from(bytes).ok()) {
            let (seen, digest) = bytes.split_at(16);
            if seen == stamp.to_le_bytes() {
                return Some(u128::from_le_bytes(digest.try_into().ok()?));
            }
        }
        let digest = digest_file(file).ok()?;
        let memo_bytes = [stamp.to_le_bytes(), digest.to_le_bytes()].concat();
        // Failing to keep it only costs the next run the digest again.
        let _ = self.write_file(&memo, &memo_bytes);
        Some(digest)
    }

    /// The slot of one command on one catalog: `identity` says which (command, paths, settings),
    /// `inputs` are what its result depends on besides them.
    pub fn slot(&self, identity: &[&[u8]], inputs: &[&[u8]]) -> Slot {
        let name = digest_parts(identity);
        let mut all: Vec<&[u8]> = vec![LAYOUT, &self.binary];
        all.extend_from_slice(identity);
        all.extend_from_slice(inputs);
        Slot {
            name: format!("{name:032x}"),
            key: format!("{:032x}", digest_parts(&all)),
        }
    }

    /// What the slot holds, when it was stored with the same inputs.
    pub fn get<T: DeserializeOwned>(&self, slot: &Slot) -> Option<T> {
        let bytes = fs::read(self.dir.join(&slot.name)).ok()?;
        let stored: Stored<T> = postcard::from_bytes(&bytes).ok()?;
        (stored.key == slot.key).then_some(stored.value)
    }

    /// Replaces what the slot holds. Failing to store is not an error of the run.
    pub fn put<T: Serialize>(&self, slot: &Slot, value: T) {
        let stored = Stored {
            key: slot.key.clone(),
            value,
        };
        let _ = self.write(&slot.name, &stored);
    }

    fn write<T: Serialize>(&self, name: &str, stored: &Stored<T>) -> anyhow::Result<()> {
        self.write_file(name, &postcard::to_stdvec(stored)?)
    }

    /// Written beside its name and renamed, so a concurrent run reads the old file or the new one.
    fn write_file(&self, name: &str, bytes: &[u8]) -> anyhow::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let tag = self.dir.join("CACHEDIR.TAG");
        if !tag.exists() {
            // The standard mark that tells backup tools the folder can be left out.
            fs::write(tag, "Signature: 8a477f597d28d172789f06886806bc55\n# chatia-socket's cache\n")?;
        }
        let mut temp = tempfile::NamedTempFile::new_in(&self.dir)?;
        temp.write_all(bytes)?;
        temp.persist(self.dir.join(name))?;
        Ok(())
    }
}

/// The digest of a file's bytes, as slots record outputs.
pub fn digest(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The digest of a file's bytes, read in pieces: a run checks every output, and reading each
/// whole into memory would cost more than the reading itself.
pub fn digest_file(path: &Path) -> std::io::Result<u128> {
    use std::io::Read;
    let mut file = fs::File::open(path)?;
    let mut hasher = Xxh3::new();
    let mut buffer = vec![0; 256 * 1024];
    loop {
        match file.read(&mut buffer) {
            Ok(0) => return Ok(hasher.digest128()),
            Ok(n) => hasher.update(&buffer[..n]),
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
}

/// Parts are length-prefixed, so `["ab", "c"]` and `["a", "bc"]` differ.
fn digest_parts(parts: &[&[u8]]) -> u128 {
    let mut hasher = Xxh3::new();
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.digest128()
}

/// A path as a slot's identity spells it: absolute, so two folders' catalogs never share a slot.
pub fn path_identity(path: &Path) -> Vec<u8> {
    let absolute = fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_owned());
    absolute.as_os_str().as_encoded_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cache(dir: &Path) -> Cache {
        Cache {
            dir: dir.join("cache"),
            binary: b"build".to_vec(),
        }
    }

    #[test]
    fn a_slot_returns_what_was_stored_only_for_the_same_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        let slot = cache.slot(&[b"check", b"/a/socket-events.yaml"], &[b"version: 1"]);
        assert_eq!(cache.get::<String>(&slot), None);
        cache.put(&slot, "ok".to_owned());
        assert_eq!(cache.get::<String>(&slot).as_deref(), Some("ok"));
        let edited = cache.slot(&[b"check", b"/a/socket-events.yaml"], &[b"version: 2"]);
        assert_eq!(cache.get::<String>(&edited), None, "another catalog text is another key");
        let rebuilt = Cache {
            binary: b"another build".to_vec(),
            ..cache.clone()
        };
        let same_inputs = rebuilt.slot(&[b"check", b"/a/socket-events.yaml"], &[b"version: 1"]);
        assert_eq!(rebuilt.get::<String>(&same_inputs), None, "another build is another key");
        let elsewhere = cache.slot(&[b"check", b"/b/socket-events.yaml"], &[b"version: 1"]);
        assert_eq!(cache.get::<String>(&elsewhere), None, "another catalog is another slot");
        assert!(dir.path().join("cache/CACHEDIR.TAG").exists());
    }

    #[test]
    fn a_file_is_digested_as_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.ts");
        let text: Vec<u8> = (0..700_000u32).map(|i| (i % 251) as u8).collect();
        fs::write(&path, &text).unwrap();
        assert_eq!(digest_file(&path).unwrap(), digest(&text));
    }

    #[test]
    fn a_file_digest_is_remembered_under_its_stamp_and_made_again_when_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        let binary = dir.path().join("chatia-socket");
        fs::write(&binary, b"build 1").unwrap();
        assert_eq!(cache.file_digest(&binary), Some(digest(b"build 1")));
        let memo = fs::read_dir(&cache.dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .find(|path| path.file_name().unwrap().to_str().unwrap().starts_with("file-"))
            .unwrap();
        // A memo that says otherwise is believed while the file's stamp is the one it was made for.
        let mut told = fs::read(&memo).unwrap();
        told[16..].copy_from_slice(&7u128.to_le_bytes());
        fs::write(&memo, &told).unwrap();
        assert_eq!(cache.file_digest(&binary), Some(7));
        fs::write(&binary, b"build 22").unwrap();
        assert_eq!(
            cache.file_digest(&binary),
            Some(digest(b"build 22")),
            "a new build is digested"
        );
        let reinstalled = dir.path().join("elsewhere");
        fs::copy(&binary, &reinstalled).unwrap();
        assert_eq!(
            cache.file_digest(&reinstalled),
            cache.file_digest(&binary),
            "the same bytes, the same digest"
        );
    }

    #[test]
    fn parts_are_told_apart_by_their_lengths() {
        assert_ne!(digest_parts(&[b"ab", b"c"]), digest_parts(&[b"a", b"bc"]));
    }

    #[test]
    fn a_corrupt_or_unwritable_cache_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        let slot = cache.slot(&[b"check"], &[b"x"]);
        cache.put(&slot, 1u32);
        fs::write(dir.path().join("cache").join(&slot.name), b"{not json").unwrap();
        assert_eq!(cache.get::<u32>(&slot), None);
        let blocked = Cache {
            dir: dir.path().join("cache/CACHEDIR.TAG/below"),
            ..cache
        };
        blocked.put(&slot, 1u32);
        assert_eq!(blocked.get::<u32>(&slot), None);
    }
}
