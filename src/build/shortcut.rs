//! The inputs of a build as files, and the no-op shortcut. [`Inputs::scan`] lists every entry
//! under the input roots without parsing anything, with the SHA-256 of each file a build reads
//! (hashed again only when its size, times or inode differ from what the last build recorded);
//! its digest says whether anything changed. [`unchanged_since_last_build`] tells that the last
//! build into a folder was of the same inputs and left every file as it built it: then a
//! rebuild stops there.

use super::files::{self, STAGING};
use super::manifest::Previous;
use crate::config::status::Freshness;
use crate::digest::{sha256_file, tool_fingerprint, PartsHasher};
use crate::kit::Selection;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// What a build reads, file by file, as the manifest records it (`last_build.sources`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputFiles {
    /// The tool and the selection: outputs made by another tool or for another selection are
    /// never taken as up to date.
    pub context: String,
    /// Each input folder, in the order scanned.
    pub roots: Vec<InputRoot>,
}

/// One input folder (the jurisdiction tree, the `--templates` folder) and what is under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputRoot {
    pub root: String,
    /// Every entry, in walk order (sorted by name), with `/`-separated paths.
    pub entries: Vec<InputEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputEntry {
    pub path: String,
    pub kind: EntryKind,
    /// Of a file a build reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// Size, modification and change times and inode of a file a build reads, recorded only
    /// when they were old enough at hashing time that any later write changes them: a next
    /// scan that finds them the same takes `sha256` without reading the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stamp: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Dir,
    Link,
    /// A pipe, socket or device: never opened.
    Special,
    /// A file a build reads (configs, registries, templates).
    File,
    /// A read file over the size limit: refused unread.
    TooBig,
    /// Any other file: only its name counts.
    Other,
}

/// The scan of a build's inputs: their digest, and the files (unless a name is not UTF-8 and
/// cannot be recorded).
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The digest of everything scanned (hex), as the manifest records it.
    pub digest: String,
    /// The files scanned, with their stamps; `None` when a name is not UTF-8.
    pub files: Option<InputFiles>,
}

/// How long before a scan a file must have last changed for its stamp to be recorded: longer
/// than any file system's time granularity, so a write after the hash always shows.
const SETTLED: Duration = Duration::from_secs(2);

impl Inputs {
    /// Scans `roots` (the jurisdiction tree, and the `--templates` folder if any) for a build of
    /// `selection`: the name and kind of every entry, and the bytes of every file a build reads
    /// (YAML and templates; others only by name, so an unrelated huge file costs nothing and a
    /// FIFO is never opened). A file whose stamp is what `previous` recorded is not read again.
    /// `None` when a folder cannot be walked: the build then loads the tree and reports the
    /// problem.
    pub fn scan(
        selection: &Selection,
        freshness: Freshness,
        roots: &[&Path],
        previous: Option<&InputFiles>,
    ) -> Option<Inputs> {
        let started = SystemTime::now();
        let context = {
            let mut hasher = PartsHasher::default();
            hasher.part("tool", tool_fingerprint().as_bytes());
            hasher.part("selection", format!("{selection:?}").as_bytes());
            hasher.finish()
        };
        let known: HashMap<(&str, &str), (&str, &str)> = previous
            .filter(|p| p.context == context)
            .into_iter()
            .flat_map(|p| &p.roots)
            .flat_map(|r| {
                r.entries.iter().filter_map(|e| {
                    Some((
                        (r.root.as_str(), e.path.as_str()),
                        (e.stamp.as_deref()?, e.sha256.as_deref()?),
                    ))
                })
            })
            .collect();
        let mut hasher = PartsHasher::default();
        hasher.part("context", context.as_bytes());
        // The directory pages mark what is stale by these: another threshold or day rebuilds them.
        hasher.part("freshness", format!("{freshness:?}").as_bytes());
        let mut utf8 = true;
        let mut listed = Vec::new();
        for root in roots {
            let name = root.to_string_lossy().into_owned();
            utf8 &= root.to_str().is_some();
            hasher.part("root", root.as_os_str().as_encoded_bytes());
            let walk = walkdir::WalkDir::new(root)
                .follow_links(false)
                .sort_by_file_name();
            // (entry, full path, stamp now) in walk order; files hashed below, in parallel.
            let mut entries = Vec::new();
            for entry in walk {
                let entry = entry.ok()?;
                let rel = entry.path().strip_prefix(root).ok()?;
                utf8 &= rel.to_str().is_some();
                let path: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                let kind = entry.file_type();
                let kind = if kind.is_dir() {
                    EntryKind::Dir
                } else if kind.is_symlink() {
                    EntryKind::Link
                } else if !kind.is_file() {
                    EntryKind::Special
                } else if is_read_by_build(entry.path()) {
                    let meta = entry.metadata().ok()?;
                    if meta.len() > crate::yaml::MAX_FILE_BYTES {
                        EntryKind::TooBig
                    } else {
                        EntryKind::File
                    }
                } else {
                    EntryKind::Other
                };
                let stamp = if kind == EntryKind::File {
                    Some(stamp(&entry.metadata().ok()?, started))
                } else {
                    None
                };
                hasher.part(kind.label(), rel.as_os_str().as_encoded_bytes());
                entries.push((
                    InputEntry {
                        path: path.join("/"),
                        kind,
                        sha256: None,
                        stamp: None,
                    },
                    entry.into_path(),
                    stamp,
                ));
            }
            let hashed: Option<Vec<InputEntry>> = entries
                .into_par_iter()
                .map(|(mut e, full, stamp)| {
                    if let Some((now, settled)) = stamp {
                        let sha = match (&now, known.get(&(name.as_str(), e.path.as_str()))) {
                            (Some(now), Some((then, sha))) if now == then => sha.to_string(),
                            _ => sha256_file(&full)?,
                        };
                        e.sha256 = Some(sha);
                        e.stamp = now.filter(|_| settled);
                    }
                    Some(e)
                })
                .collect();
            let entries = hashed?;
            for e in &entries {
                if let Some(sha) = &e.sha256 {
                    hasher.part("bytes", sha.as_bytes());
                }
            }
            listed.push(InputRoot {
                root: name,
                entries,
            });
        }
        Some(Inputs {
            digest: hasher.finish(),
            files: utf8.then_some(InputFiles {
                context,
                roots: listed,
            }),
        })
    }
}

impl EntryKind {
    fn label(self) -> &'static str {
        match self {
            EntryKind::Dir => "dir",
            EntryKind::Link => "link",
            EntryKind::Special => "special",
            EntryKind::File => "file",
            EntryKind::TooBig => "too big",
            EntryKind::Other => "other",
        }
    }
}

/// A file's stamp (`None` where the platform has none to give), and whether it is settled:
/// last changed at least [`SETTLED`] before `now`.
fn stamp(meta: &std::fs::Metadata, now: SystemTime) -> (Option<String>, bool) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let changed = SystemTime::UNIX_EPOCH
            + Duration::new(
                u64::try_from(meta.mtime().max(meta.ctime())).unwrap_or(0),
                0,
            );
        let stamp = format!(
            "{} {}.{} {}.{} {}",
            meta.len(),
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ctime(),
            meta.ctime_nsec(),
            meta.ino()
        );
        (Some(stamp), changed + SETTLED < now)
    }
    #[cfg(not(unix))]
    {
        let _ = (meta, now);
        (None, false)
    }
}

/// Whether a build reads the bytes of a file of this name (configs, registries, templates):
/// what [`Inputs::scan`] hashes.
fn is_read_by_build(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    [".yaml", ".yml", crate::templates::EXTENSION]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Whether the build is free to trust the folder's manifest as the record of a finished
/// build: no journal or staged files are left by an interrupted one.
pub fn settled(out: &Path) -> bool {
    [files::JOURNAL, STAGING]
        .iter()
        .all(|name| std::fs::symlink_metadata(out.join(name)).is_err())
}

/// How many files the last build into `out` (its manifest `previous`) covered, if it did all it
/// was asked from the inputs `digest` describes and every file it listed is still there as it
/// was built: a rebuild has nothing to do. A file someone deleted or edited, or an interrupted
/// build (its journal or staged files), sends the rebuild the long way, which reports them.
pub fn unchanged_since_last_build(out: &Path, previous: &Previous, digest: &str) -> Option<usize> {
    if !settled(out) {
        return None;
    }
    let manifest = previous.manifest()?;
    let last = manifest
        .last_build
        .as_ref()
        .filter(|b| b.inputs == digest)?;
    manifest
        .files
        .par_iter()
        .all(|e| previous.unchanged(&out.join(&e.path), e))
        .then_some(last.files)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRESHNESS: Freshness = Freshness {
        stale_days: crate::config::status::DEFAULT_STALE_DAYS,
        today: crate::config::values::IsoDate(time::macros::date!(2026 - 12 - 02)),
    };

    /// The digest covers the bytes of what a build reads and only the names of the rest: an
    /// unrelated file (however large) is never read, a FIFO never opened.
    #[test]
    fn the_input_digest_reads_only_what_a_build_reads() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("jurisdiction.yaml"), "kind: state\n").unwrap();
        std::fs::write(root.join("scan.pdf"), "one").unwrap();
        let fifo = std::process::Command::new("mkfifo")
            .arg(root.join("pipe"))
            .status()
            .unwrap();
        assert!(fifo.success());
        let digest = || {
            Inputs::scan(&Selection::default(), FRESHNESS, &[root], None)
                .unwrap()
                .digest
        };
        let first = digest();
        std::fs::write(root.join("scan.pdf"), "another content").unwrap();
        assert_eq!(digest(), first, "an unrelated file's bytes were hashed");
        std::fs::write(root.join("jurisdiction.yaml"), "kind: county\n").unwrap();
        assert_ne!(digest(), first, "a config's bytes were not hashed");
        std::fs::rename(root.join("scan.pdf"), root.join("scan2.pdf")).unwrap();
        let renamed = digest();
        std::fs::rename(root.join("scan2.pdf"), root.join("scan.pdf")).unwrap();
        assert_ne!(renamed, digest(), "an unrelated file's name was not hashed");
    }

    /// A file whose stamp is what the last scan recorded is not read again (its recorded hash
    /// is taken, here a made-up one to show it); once written to, it is, even at the same size.
    #[test]
    fn a_settled_file_is_hashed_again_only_once_it_changed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let config = root.join("jurisdiction.yaml");
        std::fs::write(&config, "kind: state\n").unwrap();
        std::thread::sleep(SETTLED + Duration::from_millis(1100));
        let scan = |previous: Option<&InputFiles>| {
            let files = Inputs::scan(&Selection::default(), FRESHNESS, &[root], previous)
                .unwrap()
                .files
                .unwrap();
            let entry = files.roots[0].entries[1].clone();
            (files, entry)
        };
        let (mut first, entry) = scan(None);
        assert!(
            entry.stamp.is_some(),
            "a settled file has its stamp recorded"
        );
        first.roots[0].entries[1].sha256 = Some("recorded".into());
        assert_eq!(scan(Some(&first)).1.sha256.as_deref(), Some("recorded"));
        std::fs::write(&config, "kind: count\n").unwrap();
        let (_, changed) = scan(Some(&first));
        assert_eq!(changed.sha256, crate::digest::sha256_file(&config));
        assert_eq!(changed.stamp, None, "a file just written is not settled");
    }
}
