//! Paths inside an output folder, the one atomic file write (a temporary sibling, then a
//! rename) every writer of responsekit goes through, and the all-or-nothing private folder
//! `respond` writes an answer as.

use crate::kit::OutputFile;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Names in the output folder that are the build's own bookkeeping, never kit files.
pub(super) const JOURNAL: &str = ".responsekit-journal.json";
pub(super) const STAGING: &str = ".responsekit-staging";

/// `out` joined with a relative `/`-separated path, refusing anything that could leave `out`.
pub fn safe_join(out: &Path, rel: &str) -> Option<PathBuf> {
    let rel = Path::new(rel);
    let normal = rel.components().all(|c| matches!(c, Component::Normal(_)));
    (normal && !rel.as_os_str().is_empty()).then(|| out.join(rel))
}

/// Whether `rel` can name a kit file: relative, without `..`, `.` or empty parts, without a
/// hidden part (the bookkeeping files are hidden), and not the manifest. Every path read back
/// from the manifest or the journal must pass this before it is used.
pub(super) fn is_output_path(rel: &str) -> bool {
    !rel.is_empty()
        && rel != super::MANIFEST
        && !rel.contains('\\')
        && !rel.contains('\0')
        && rel
            .split('/')
            .all(|part| !part.is_empty() && !part.starts_with('.'))
        && safe_join(Path::new("."), rel).is_some()
}

/// `path` made absolute, links resolved in the part of it that exists; the rest (not there
/// yet, so no link) is added as written, `..` taking off the last name.
pub fn real_path(path: &Path) -> Option<PathBuf> {
    use std::path::Component;
    let absolute = std::path::absolute(path).ok()?;
    let parts: Vec<Component> = absolute.components().collect();
    (1..=parts.len()).rev().find_map(|existing| {
        let mut real = parts[..existing]
            .iter()
            .collect::<PathBuf>()
            .canonicalize()
            .ok()?;
        for part in &parts[existing..] {
            match part {
                Component::ParentDir => {
                    real.pop();
                }
                Component::Normal(name) => real.push(name),
                _ => {}
            }
        }
        Some(real)
    })
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

/// Writes `files` (paths relative to `dir`) as the new folder `dir`, all or nothing, readable
/// by the owner only: staged in a hidden folder beside `dir` (same parent, so one file system)
/// and moved into place in one rename. Fails with `AlreadyExists`, writing nothing, when `dir`
/// exists (the rename never replaces a folder that holds anything); on any failure the staging
/// folder is removed.
pub fn write_new_folder_private(dir: &Path, files: &[OutputFile]) -> std::io::Result<()> {
    if std::fs::symlink_metadata(dir).is_ok() {
        return Err(std::io::ErrorKind::AlreadyExists.into());
    }
    let staging = stage_folder(dir, files)?;
    let result = std::fs::rename(&staging, dir).map_err(|e| match e.kind() {
        // Another run took the name first: a folder that holds files is never replaced.
        std::io::ErrorKind::DirectoryNotEmpty => std::io::ErrorKind::AlreadyExists.into(),
        _ => e,
    });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

/// Writes `files` as the folder `dir` like [`write_new_folder_private`], replacing the folder
/// already there whole (the caller has decided it may: `report` replaces only a folder it
/// wrote). The new folder is staged first; the old one is moved aside, the new one moved in,
/// then the old one removed — a failure before the swap leaves the old folder as it was.
pub fn replace_folder_private(dir: &Path, files: &[OutputFile]) -> std::io::Result<()> {
    let staging = stage_folder(dir, files)?;
    // Named like a staging folder, so a run killed mid-swap leaves one that the next removes.
    let aside = staging.with_file_name(format!(
        ".old{}",
        staging.file_name().unwrap_or_default().to_string_lossy()
    ));
    let had_old = std::fs::symlink_metadata(dir).is_ok();
    let result = (|| {
        if had_old {
            std::fs::rename(dir, &aside)?;
        }
        std::fs::rename(&staging, dir).inspect_err(|_| {
            if had_old {
                let _ = std::fs::rename(&aside, dir);
            }
        })
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    } else if had_old {
        let _ = std::fs::remove_dir_all(&aside);
    }
    result
}

/// Writes `files` into a new hidden staging folder beside `dir` (mode 0700, files 0600) and
/// returns it; on a failure removes it.
fn stage_folder(dir: &Path, files: &[OutputFile]) -> std::io::Result<PathBuf> {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "no folder name",
        ));
    };
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.recursive(true).create(parent)?;
    remove_abandoned_staging(parent);
    let staging = parent.join(format!(
        ".{}.staging-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    builder.recursive(false).create(&staging)?;
    let result = files.iter().try_for_each(|f| {
        let path = safe_join(&staging, &f.path).ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("output path `{}` leaves the output folder", f.path),
            )
        })?;
        write_private(&path, &f.bytes)
    });
    match result {
        Ok(()) => Ok(staging),
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            Err(e)
        }
    }
}

/// Removes the staging folders that runs killed while writing left in `parent` (they hold
/// personal data): those whose process is gone. A run still writing keeps its own.
fn remove_abandoned_staging(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((_, pid)) = name
            .strip_prefix('.')
            .and_then(|n| n.rsplit_once(".staging-"))
        else {
            continue;
        };
        let gone = pid.parse::<u32>().is_ok_and(|pid| !process_is_running(pid));
        if gone && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn process_is_running(pid: u32) -> bool {
    #[cfg(target_os = "linux")]
    {
        Path::new("/proc").join(pid.to_string()).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = pid;
        true // cannot tell: keep it
    }
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
