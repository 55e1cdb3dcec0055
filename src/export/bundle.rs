//! Zip bundles: one jurisdiction's documents in one language, in every format, with a short
//! README and the manifest entries of what is inside, for handing to a county's counsel.
//! Deterministic: entries sorted, fixed timestamps, fixed compression.

use super::ExportError;
use crate::digest::sha256_hex;
use crate::document::Lang;
use crate::i18n::{t, Text};
use std::fmt::Write as _;
use std::io::Write;

/// A file to put in a bundle: its path inside the zip and its bytes.
pub struct Entry<'a> {
    /// Where it goes, relative to the bundle's folder (`/`-separated).
    pub path: String,
    /// The file's contents.
    pub bytes: &'a [u8],
}

/// The zip of `entries` under the folder `root`, plus `README.txt` and `manifest.json`.
pub fn to_zip(
    root: &str,
    lang: Lang,
    title: &str,
    mut entries: Vec<Entry<'_>>,
) -> Result<Vec<u8>, ExportError> {
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let manifest: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| serde_json::json!({ "path": e.path, "size": e.bytes.len(), "sha256": sha256_hex(e.bytes) }))
        .collect();
    let manifest = serde_json::to_string_pretty(&serde_json::json!({ "files": manifest }))
        .unwrap_or_default()
        + "\n";
    let readme = readme(lang, title, &entries);
    let mut files = vec![
        (format!("{root}/README.txt"), readme.as_bytes()),
        (format!("{root}/manifest.json"), manifest.as_bytes()),
    ];
    files.extend(
        entries
            .iter()
            .map(|e| (format!("{root}/{}", e.path), e.bytes)),
    );
    zip_files(&files)
}

/// The zip of `files` (path inside the zip, bytes), in the order given: deflated, with fixed
/// timestamps and permissions, so the same files make the same zip.
pub fn zip_files(files: &[(String, &[u8])]) -> Result<Vec<u8>, ExportError> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (path, bytes) in files {
        zip.start_file(path.as_str(), options)?;
        zip.write_all(bytes).map_err(ExportError::Write)?;
    }
    Ok(zip.finish()?.into_inner())
}

fn readme(lang: Lang, title: &str, entries: &[Entry<'_>]) -> String {
    let mut out = format!(
        "{}: {title}\n\n{}\n\n{}\n",
        t(lang, Text::BundleTitle),
        t(lang, Text::BundleNotice),
        t(lang, Text::BundleFiles)
    );
    for e in entries {
        let _ = writeln!(out, "  {}", e.path);
    }
    out
}
