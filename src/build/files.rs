//! Paths inside an output folder, and the one atomic file write (a temporary sibling, then a
//! rename) every writer of responsekit goes through.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Names in the output folder that are the build's own bookkeeping, never kit files.
pub const JOURNAL: &str = ".responsekit-journal.json";
pub const STAGING: &str = ".responsekit-staging";

/// `out` joined with a relative `/`-separated path, refusing anything that could leave `out`.
pub fn safe_join(out: &Path, rel: &str) -> Option<PathBuf> {
    let rel = Path::new(rel);
    let normal = rel.components().all(|c| matches!(c, Component::Normal(_)));
    (normal && !rel.as_os_str().is_empty()).then(|| out.join(rel))
}

/// Whether `rel` can name a kit file: relative, without `..`, `.` or empty parts, without a
/// hidden part (the bookkeeping files are hidden), and not the manifest. Every path read back
/// from the manifest or the journal must pass this before it is used.
pub fn is_output_path(rel: &str) -> bool {
    !rel.is_empty()
        && rel != super::MANIFEST
        && !rel.contains('\\')
        && !rel.contains('\0')
        && rel
            .split('/')
            .all(|part| !part.is_empty() && !part.starts_with('.'))
        && safe_join(Path::new("."), rel).is_some()
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
        // No fsync: the rename is what makes a write all-or-nothing against a killed
        // process, and syncing every one of thousands of files would dominate a build.
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_output_paths() {
        for good in ["index.html", "us/ca/en/letter.docx", "bundles/us-ca-en.zip"] {
            assert!(is_output_path(good), "{good}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "./a",
            ".responsekit-staging/a",
            ".responsekit-journal.json",
            "manifest.json",
            "a\\..\\b",
            "a/.hidden",
        ] {
            assert!(!is_output_path(bad), "{bad}");
        }
    }
}
