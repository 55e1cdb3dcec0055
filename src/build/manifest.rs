//! The manifest: the record a build leaves of every file it wrote (path, size, SHA-256, owner,
//! inputs), read back only through [`read`], which checks every path in it, so a manifest
//! that came with a downloaded folder can never make a build touch anything outside it.

use super::files::is_output_path;
use crate::digest::sha256_file;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

/// The manifest's file name, at the top of the output folder.
pub const MANIFEST: &str = "manifest.json";

/// Larger than the manifest of any tree (a 3,000-county tree's is about 30 MB); a bigger file
/// is not one of ours.
const MAX_MANIFEST_BYTES: u64 = 512 * 1024 * 1024;

/// The record of the files in an output folder that a build made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Every file built into the folder, sorted by path.
    pub files: Vec<ManifestEntry>,
    /// Files listed above that differ from their entry: edited after they were built and kept.
    /// They are always hashed, never trusted by their size and time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<String>,
    /// Set when the build that wrote this manifest did all it was asked without a problem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_build: Option<LastBuild>,
}

/// A build that did all it was asked: a rebuild with the same input digest has nothing to
/// do, and can say so without loading the tree (`super::unchanged_since_last_build`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LastBuild {
    /// The input digest it was built from.
    pub inputs: String,
    /// How many files its selection covers (written or unchanged).
    pub files: usize,
    /// Its inputs file by file: what the next build compares to find what changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<super::shortcut::InputFiles>,
}

/// One file a build wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    /// Its path inside the output folder, `/`-separated.
    pub path: String,
    /// Its size in bytes, as built.
    pub size: u64,
    /// The SHA-256 of its bytes, as built, in hex.
    pub sha256: String,
    /// The jurisdiction whose kit the file belongs to; none for the site's shared pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    /// Hash of everything the file was made from (see `kit::Inputs`): a rebuild skips it
    /// while this stays the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inputs: Option<String>,
}

/// What an output folder says of its earlier builds.
#[derive(Debug)]
pub enum Previous {
    /// No manifest: nothing in the folder is known to be ours.
    None,
    /// A manifest that reads and whose every path stays inside the folder; with the time it
    /// was written, which tells the files changed since ([`Previous::unchanged`]).
    Trusted(Manifest, Option<SystemTime>),
    /// A manifest that cannot be trusted, and why: the folder is treated as having none.
    Untrusted(String),
}

impl Previous {
    /// Reads the manifest an earlier build left in `out` (`manifest::read`).
    pub fn read(out: &Path) -> Previous {
        read(out)
    }

    /// The manifest, when it is trusted.
    pub fn manifest(&self) -> Option<&Manifest> {
        match self {
            Previous::Trusted(m, _) => Some(m),
            _ => None,
        }
    }

    /// When the trusted manifest was written, if known.
    pub fn written(&self) -> Option<std::time::SystemTime> {
        match self {
            Previous::Trusted(_, written) => *written,
            _ => None,
        }
    }

    /// Whether the file at `path` still holds what `entry` recorded. Cheap when it can be: a
    /// file of the recorded size, last modified before the manifest was written and not known
    /// to be edited, is taken as unchanged without reading it; any other file is hashed.
    pub fn unchanged(&self, path: &Path, entry: &ManifestEntry) -> bool {
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return false;
        };
        if !meta.is_file() || meta.len() != entry.size {
            return false;
        }
        if let Previous::Trusted(manifest, Some(written)) = self {
            let before = meta.modified().is_ok_and(|m| m < *written);
            if before && manifest.kept.binary_search(&entry.path).is_err() {
                return true;
            }
        }
        sha256_file(path).is_some_and(|sha| sha == entry.sha256)
    }
}

/// The manifest as its file holds it: compact JSON with each element of a list (a file, a kept
/// path, an input entry) on a line of its own — readable, diff-friendly, and a third of the
/// pretty-printed size, which a rebuild of a large tree reads and writes whole.
pub(super) fn to_json(manifest: &Manifest) -> serde_json::Result<Vec<u8>> {
    // Sized for the whole file at once (an entry is about 270 bytes): growing a buffer of tens
    // of megabytes by doubling copies it and clears fresh pages again at every step.
    let mut bytes = Vec::with_capacity(manifest.files.len() * 288 + 4096);
    let mut writer =
        serde_json::Serializer::with_formatter(&mut bytes, OneElementPerLine::default());
    manifest.serialize(&mut writer)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// A JSON formatter that starts each element of an array on a new line and breaks no other
/// line; an empty array stays `[]`.
#[derive(Default)]
struct OneElementPerLine {
    /// For each array being written, whether it has an element yet.
    open: Vec<bool>,
}

impl serde_json::ser::Formatter for OneElementPerLine {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open.push(false);
        writer.write_all(b"[")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if let Some(any) = self.open.last_mut() {
            *any = true;
        }
        writer.write_all(if first { b"\n" } else { b",\n" })
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        let any = self.open.pop().unwrap_or(false);
        writer.write_all(if any { b"\n]" } else { b"]" })
    }
}

/// Reads the manifest an earlier build left in `out`.
pub(super) fn read(out: &Path) -> Previous {
    read_at(&out.join(MANIFEST))
}

/// Reads the manifest at `path` (the output's, or the one a build staged beside its files).
pub(super) fn read_at(path: &Path) -> Previous {
    let path = path.to_path_buf();
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Previous::None,
        Err(e) => return Previous::Untrusted(format!("it cannot be read ({e})")),
    };
    if !meta.is_file() {
        return Previous::Untrusted("it is not a regular file".into());
    }
    // Read into a buffer of the file's size, not one grown by doubling (see `to_json`).
    let capacity = usize::try_from(meta.len().min(MAX_MANIFEST_BYTES)).unwrap_or(0) + 1;
    let mut bytes = Vec::with_capacity(capacity);
    let read = std::fs::File::open(&path)
        .and_then(|f| f.take(MAX_MANIFEST_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return Previous::Untrusted(format!("it cannot be read ({e})"));
    }
    if bytes.len() as u64 > MAX_MANIFEST_BYTES {
        return Previous::Untrusted(format!("it is over {MAX_MANIFEST_BYTES} bytes"));
    }
    if std::str::from_utf8(&bytes).is_err() {
        return Previous::Untrusted("it is not UTF-8 text".into());
    }
    let mut manifest: Manifest = match serde_json::from_slice(&bytes) {
        Ok(m) => m,
        Err(e) => return Previous::Untrusted(format!("it is not a manifest ({e})")),
    };
    if let Some(problem) = check(&manifest) {
        return Previous::Untrusted(problem);
    }
    manifest.kept.sort();
    Previous::Trusted(manifest, meta.modified().ok())
}

/// What is wrong with the paths of `manifest`, if anything: each must name a distinct file
/// inside the output folder.
pub(super) fn check(manifest: &Manifest) -> Option<String> {
    let mut seen = std::collections::HashSet::new();
    for path in manifest.files.iter().map(|e| &e.path).chain(&manifest.kept) {
        if !is_output_path(path) {
            return Some(format!(
                "it lists `{}`, which is not a file inside the output folder",
                path.escape_debug()
            ));
        }
    }
    for entry in &manifest.files {
        if !seen.insert(entry.path.as_str()) {
            return Some(format!("it lists `{}` twice", entry.path));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str) -> ManifestEntry {
        ManifestEntry {
            path: path.into(),
            size: 3,
            sha256: "ab".into(),
            jurisdiction: Some("us/xx".into()),
            inputs: None,
        }
    }

    #[test]
    fn the_file_holds_one_element_per_line_and_reads_back_the_same() {
        let manifest = Manifest {
            files: vec![entry("us/xx/en/a.md"), entry("us/xx/en/b.md")],
            kept: vec!["us/xx/en/b.md".into()],
            last_build: None,
        };
        let json = to_json(&manifest).unwrap();
        assert_eq!(
            String::from_utf8(json.clone()).unwrap(),
            concat!(
                "{\"files\":[\n",
                "{\"path\":\"us/xx/en/a.md\",\"size\":3,\"sha256\":\"ab\",\"jurisdiction\":\"us/xx\"},\n",
                "{\"path\":\"us/xx/en/b.md\",\"size\":3,\"sha256\":\"ab\",\"jurisdiction\":\"us/xx\"}\n",
                "],\"kept\":[\n",
                "\"us/xx/en/b.md\"\n",
                "]}\n",
            )
        );
        assert_eq!(serde_json::from_slice::<Manifest>(&json).unwrap(), manifest);
        let empty = to_json(&Manifest::default()).unwrap();
        assert_eq!(empty, b"{\"files\":[]}\n");
    }
}
