//! Writing: the one place responsekit writes files. Each file goes to a temporary name beside
//! its target and is renamed into place, so an interrupted build never leaves a half-written
//! document; the manifest (every file with its size and SHA-256, sorted) is written last.

use crate::kit::{Kit, OutputFile};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

pub const MANIFEST: &str = "manifest.json";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub files: Vec<ManifestEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
    /// The jurisdiction whose kit the file belongs to; none for the site's shared pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// `out` joined with a relative `/`-separated path, refusing anything that could leave `out`.
pub fn safe_join(out: &Path, rel: &str) -> Option<PathBuf> {
    let rel = Path::new(rel);
    let normal = rel.components().all(|c| matches!(c, Component::Normal(_)));
    (normal && !rel.as_os_str().is_empty()).then(|| out.join(rel))
}

/// Writes one file atomically: a temporary sibling, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with_mode(path, bytes, None)
}

/// Like [`write_atomic`], for files holding personal information: readable by the owner only,
/// in folders only the owner can enter.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with_mode(path, bytes, Some(0o600))
}

fn write_with_mode(path: &Path, bytes: &[u8], mode: Option<u32>) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        if mode.is_some() {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(dir)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        if let Some(mode) = mode {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(mode);
        }
        let mut f = options.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Reads the manifest of an earlier build, if there is a readable one.
pub fn read_manifest(out: &Path) -> Option<Manifest> {
    let text = std::fs::read_to_string(out.join(MANIFEST)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Writes the kits of `built` jurisdictions into `out`, then the shared files `shared` makes
/// from the ids of every kit now in `out`, then the manifest. Entries of jurisdictions built
/// now are replaced; entries of others (built earlier with a filter) are kept.
pub fn write_kits(
    out: &Path,
    built: &[(String, &Kit)],
    shared: impl FnOnce(&BTreeSet<String>) -> Vec<OutputFile>,
) -> std::io::Result<Manifest> {
    let mut entries: BTreeMap<String, ManifestEntry> = read_manifest(out)
        .unwrap_or_default()
        .files
        .into_iter()
        .filter(|e| {
            e.jurisdiction
                .as_ref()
                .is_some_and(|owner| !built.iter().any(|(id, _)| id == owner))
        })
        .map(|e| (e.path.clone(), e))
        .collect();
    let write = |entries: &mut BTreeMap<String, ManifestEntry>,
                 owner: Option<&str>,
                 file: &OutputFile|
     -> std::io::Result<()> {
        let target = safe_join(out, &file.path).ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("output path `{}` leaves the output folder", file.path),
            )
        })?;
        write_atomic(&target, &file.bytes)?;
        let entry = ManifestEntry {
            path: file.path.clone(),
            size: file.bytes.len() as u64,
            sha256: sha256_hex(&file.bytes),
            jurisdiction: owner.map(str::to_string),
        };
        entries.insert(file.path.clone(), entry);
        Ok(())
    };
    for (id, kit) in built {
        for file in &kit.files {
            write(&mut entries, Some(id), file)?;
        }
    }
    let present: BTreeSet<String> = entries
        .values()
        .filter_map(|e| e.jurisdiction.clone())
        .collect();
    for file in shared(&present) {
        write(&mut entries, None, &file)?;
    }
    let manifest = Manifest {
        files: entries.into_values().collect(),
    };
    let mut json = serde_json::to_string_pretty(&manifest).map_err(std::io::Error::other)?;
    json.push('\n');
    write_atomic(&out.join(MANIFEST), json.as_bytes())?;
    Ok(manifest)
}
