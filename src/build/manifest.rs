//! The manifest: the record a build leaves of every file it wrote (path, size, SHA-256, owner,
//! inputs), read back only through [`read`], which checks every path in it, so a manifest
//! that came with a downloaded folder can never make a build touch anything outside it.

use super::files::is_output_path;
use crate::digest::sha256_file;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

pub const MANIFEST: &str = "manifest.json";

/// Larger than the manifest of any tree (a 3,000-county tree's is about 30 MB); a bigger file
/// is not one of ours.
const MAX_MANIFEST_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    pub path: String,
    pub size: u64,
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
    /// Reads the manifest an earlier build left in `out` ([`read`]).
    pub fn read(out: &Path) -> Previous {
        read(out)
    }

    pub fn manifest(&self) -> Option<&Manifest> {
        match self {
            Previous::Trusted(m, _) => Some(m),
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

/// Reads the manifest an earlier build left in `out`.
pub fn read(out: &Path) -> Previous {
    let path = out.join(MANIFEST);
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Previous::None,
        Err(e) => return Previous::Untrusted(format!("it cannot be read ({e})")),
    };
    if !meta.is_file() {
        return Previous::Untrusted("it is not a regular file".into());
    }
    let mut bytes = Vec::new();
    let read = std::fs::File::open(&path)
        .and_then(|f| f.take(MAX_MANIFEST_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return Previous::Untrusted(format!("it cannot be read ({e})"));
    }
    if bytes.len() as u64 > MAX_MANIFEST_BYTES {
        return Previous::Untrusted(format!("it is over {MAX_MANIFEST_BYTES} bytes"));
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return Previous::Untrusted("it is not UTF-8 text".into());
    };
    let mut manifest: Manifest = match serde_json::from_str(&text) {
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
pub fn check(manifest: &Manifest) -> Option<String> {
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
