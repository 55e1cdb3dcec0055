//! The no-op shortcut: a digest of every input file, taken before anything is parsed
//! ([`input_digest`]), and whether the last build into a folder was of the same inputs and
//! left every file as it built it ([`unchanged_since_last_build`]): then a rebuild stops there.

use super::files::{self, STAGING};
use super::manifest;
use crate::digest::{sha256_file, tool_fingerprint, PartsHasher};
use crate::kit::Selection;
use rayon::prelude::*;
use std::path::Path;

/// A digest of everything a build reads, taken without parsing anything: the running tool, the
/// selection, and under `roots` (the jurisdiction tree, and the `--templates` folder if any)
/// the name and kind of every entry and the bytes of every file a build reads (YAML and
/// templates; others only by name, so an unrelated huge file costs nothing and a FIFO is never
/// opened). `None` when a folder cannot be walked: the build then loads the tree and reports
/// the problem.
pub fn input_digest(selection: &Selection, roots: &[&Path]) -> Option<String> {
    let mut hasher = PartsHasher::default();
    let mut part = |label: &str, value: &[u8]| hasher.part(label, value);
    part("tool", tool_fingerprint().as_bytes());
    part("selection", format!("{selection:?}").as_bytes());
    for root in roots {
        part("root", root.as_os_str().as_encoded_bytes());
        let walk = walkdir::WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name();
        for entry in walk {
            let entry = entry.ok()?;
            let rel = entry.path().strip_prefix(root).ok()?;
            let rel = rel.as_os_str().as_encoded_bytes();
            let kind = entry.file_type();
            if kind.is_dir() {
                part("dir", rel);
            } else if kind.is_symlink() {
                part("link", rel);
            } else if !kind.is_file() {
                part("special", rel);
            } else if is_read_by_build(entry.path()) {
                part("file", rel);
                let meta = entry.metadata().ok()?;
                if meta.len() > crate::yaml::MAX_FILE_BYTES {
                    part("too big", &meta.len().to_le_bytes()); // refused unread
                } else {
                    part("bytes", sha256_file(entry.path())?.as_bytes());
                }
            } else {
                part("other", rel);
            }
        }
    }
    Some(hasher.finish())
}

/// Whether a build reads the bytes of a file of this name (configs, registries, templates):
/// what [`input_digest`] hashes.
fn is_read_by_build(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    [".yaml", ".yml", crate::templates::EXTENSION]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// How many files the last build into `out` covered, if it did all it was asked from the
/// inputs `digest` describes and every file it listed is still there as it was built: a
/// rebuild has nothing to do. A file someone deleted or edited, or an interrupted build (its
/// journal or staged files), sends the rebuild the long way, which reports them.
pub fn unchanged_since_last_build(out: &Path, digest: &str) -> Option<usize> {
    let bookkeeping = [files::JOURNAL, STAGING];
    if bookkeeping
        .iter()
        .any(|name| std::fs::symlink_metadata(out.join(name)).is_ok())
    {
        return None;
    }
    let previous = manifest::read(out);
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
        let digest = || input_digest(&Selection::default(), &[root]).unwrap();
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
}
