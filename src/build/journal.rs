//! The journal: the moves and removals that turn a build's staged files into the output, and
//! the manifest that goes with them, written before the first rename so that a build killed
//! half-way is finished by the next one. Every path in a journal is checked before anything is
//! moved, and every move and removal checks that the file it replaces or removes is still the
//! one it planned for: a file edited meanwhile is kept.

use super::files::{is_output_path, write_atomic, JOURNAL, STAGING};
use super::manifest::{self, Manifest, ManifestEntry, MANIFEST};
use crate::diagnostic::Diagnostic;
use crate::digest::sha256_file;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Far above the journal of any tree; a bigger one is not ours.
const MAX_JOURNAL_BYTES: u64 = 1024 * 1024 * 1024;

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Journal {
    pub moves: Vec<Move>,
    pub removals: Vec<Removal>,
    /// The manifest that goes with the moves. Not written into the journal: it is staged
    /// beside the files (`STAGING/STAGED_MANIFEST`) and renamed into place at the end, so a
    /// manifest of tens of thousands of entries is serialised and written once, not twice. A
    /// journal of an earlier version carries it here.
    #[serde(default, skip_serializing)]
    pub manifest: Option<Manifest>,
}

/// The new manifest, staged with the files until the moves are made.
const STAGED_MANIFEST: &str = ".responsekit-manifest.json";

/// A staged file (at `STAGING/<path>`) to move to `<path>`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Move {
    pub path: String,
    /// What was at the target when the move was planned: it is replaced only if that is
    /// still what is there.
    pub found: Found,
    /// `--force` over a file someone edited: whatever is at the target is moved aside first.
    pub aside: bool,
    /// The manifest's entry before this build, kept if the move is not made.
    pub previous: Option<ManifestEntry>,
}

/// A file the build no longer produces, to remove if it still holds what was built.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Removal {
    pub path: String,
    pub found: Found,
}

/// The state of a target file when a build planned to replace or remove it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub(super) enum Found {
    Nothing,
    File {
        size: u64,
        sha256: String,
        /// Modification time (seconds, nanoseconds since 1970): unchanged size and time
        /// spare reading the file again.
        modified: Option<(u64, u32)>,
    },
}

impl Found {
    /// The state of `path` now, taking `sha256` (already known) as its content.
    pub(super) fn file(path: &Path, sha256: &str) -> Found {
        let meta = std::fs::symlink_metadata(path).ok();
        Found::File {
            size: meta.as_ref().map_or(0, std::fs::Metadata::len),
            sha256: sha256.to_string(),
            modified: meta.and_then(|m| modified(&m)),
        }
    }

    /// Whether `path` is still in this state.
    fn holds(&self, path: &Path) -> bool {
        let meta = std::fs::symlink_metadata(path);
        match (self, meta) {
            (Found::Nothing, Err(e)) => e.kind() == std::io::ErrorKind::NotFound,
            (Found::Nothing, Ok(_)) => false,
            (Found::File { .. }, Err(_)) => false,
            (
                Found::File {
                    size,
                    sha256,
                    modified: when,
                },
                Ok(meta),
            ) => {
                meta.is_file()
                    && meta.len() == *size
                    && ((when.is_some() && modified(&meta) == *when)
                        || sha256_file(path).as_deref() == Some(sha256.as_str()))
            }
        }
    }
}

fn modified(meta: &std::fs::Metadata) -> Option<(u64, u32)> {
    let since = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((since.as_secs(), since.subsec_nanos()))
}

/// What committing a journal did besides the planned moves.
#[derive(Debug, Default)]
pub(super) struct Committed {
    /// Things to tell the person: files kept or moved aside.
    pub notes: Vec<Diagnostic>,
    /// Files removed because no build produces them any more.
    pub removed: Vec<String>,
    /// The manifest as written.
    pub manifest: Manifest,
}

impl Journal {
    /// Reads the journal an interrupted build left in `out`, refusing one with a path that
    /// leaves the folder (or any it could not have written) whole, before anything is moved.
    pub(super) fn read(out: &Path) -> Result<Option<Journal>, Diagnostic> {
        let path = out.join(JOURNAL);
        let refuse = |why: String| {
            Diagnostic::error(format!(
                "the journal of an interrupted build cannot be used: {why}; nothing was moved"
            ))
            .in_file(&path)
            .with_hint("responsekit did not write it (it may have come with a copied or downloaded folder): delete it, then build again")
        };
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(refuse(format!("it cannot be read ({e})"))),
        };
        if !meta.is_file() {
            return Err(refuse("it is not a regular file".into()));
        }
        let mut bytes = Vec::new();
        std::fs::File::open(&path)
            .and_then(|f| f.take(MAX_JOURNAL_BYTES).read_to_end(&mut bytes))
            .map_err(|e| refuse(format!("it cannot be read ({e})")))?;
        let journal: Journal = serde_json::from_slice(&bytes)
            .map_err(|e| refuse(format!("it is not a journal ({e})")))?;
        let paths = journal.moves.iter().map(|m| &m.path);
        let paths = paths.chain(journal.removals.iter().map(|r| &r.path));
        let previous = journal.moves.iter().filter_map(|m| m.previous.as_ref());
        for p in paths.chain(previous.map(|e| &e.path)) {
            if !is_output_path(p) {
                return Err(refuse(format!(
                    "it lists `{}`, which is not a file inside the output folder",
                    p.escape_debug()
                )));
            }
        }
        let mut journal = journal;
        if journal.manifest.is_none() {
            // Staged with the files; gone once it was renamed into place, before the journal.
            let staged = out.join(STAGING).join(STAGED_MANIFEST);
            let found = match manifest::read_at(&staged) {
                manifest::Previous::None => manifest::read(out),
                other => other,
            };
            journal.manifest = match found {
                manifest::Previous::Trusted(m, _) => Some(m),
                manifest::Previous::None => {
                    return Err(refuse("the manifest that goes with it is missing".into()))
                }
                manifest::Previous::Untrusted(why) => {
                    return Err(refuse(format!("its manifest is not usable: {why}")))
                }
            };
        }
        if let Some(problem) = journal.manifest.as_ref().and_then(manifest::check) {
            return Err(refuse(format!("its manifest is not usable: {problem}")));
        }
        Ok(Some(journal))
    }

    /// Checks every target, writes the journal, then makes its moves and removals and writes its manifest.
    pub(super) fn commit(self, out: &Path) -> Result<Committed, Diagnostic> {
        self.check_targets(out)?;
        let manifest = self
            .manifest
            .as_ref()
            .map(manifest::to_json)
            .transpose()
            .map_err(|e| {
                Diagnostic::error(format!("cannot write the manifest ({e})")).in_file(out)
            })?;
        if let Some(bytes) = manifest {
            let staging = out.join(STAGING);
            std::fs::create_dir_all(&staging)
                .and_then(|()| write_atomic(&staging.join(STAGED_MANIFEST), &bytes))
                .map_err(|e| {
                    Diagnostic::error(format!(
                        "cannot write the manifest ({e}); nothing was moved"
                    ))
                    .in_file(staging.join(STAGED_MANIFEST))
                    .with_hint(
                        "free some disk space or fix the folder's permissions, then build again",
                    )
                })?;
        }
        let mut json = serde_json::to_string(&self).map_err(|e| {
            Diagnostic::error(format!("cannot write the journal ({e})")).in_file(out)
        })?;
        json.push('\n');
        write_atomic(&out.join(JOURNAL), json.as_bytes()).map_err(|e| {
            Diagnostic::error(format!("cannot write the journal ({e}); nothing was moved"))
                .in_file(out.join(JOURNAL))
                .with_hint("free some disk space or fix the folder's permissions, then build again")
        })?;
        self.finish(out)
    }

    /// Makes the moves and removals, then writes the manifest and clears the journal and the
    /// staging folder. Every target is checked first, so a target that cannot be replaced
    /// stops the build before anything moved; a failure after that leaves the journal, and
    /// the next build finishes the job.
    fn finish(mut self, out: &Path) -> Result<Committed, Diagnostic> {
        self.check_targets(out)?;
        let mut committed = Committed::default();
        let mut not_moved = Vec::new();
        let stamp = edit_stamp();
        for m in &self.moves {
            let staged = out.join(STAGING).join(&m.path);
            let target = out.join(&m.path);
            if std::fs::symlink_metadata(&staged).is_err() {
                continue; // moved before an interruption
            }
            if m.aside {
                if std::fs::symlink_metadata(&target).is_ok() {
                    let moved = free_aside_name(out, &m.path, &stamp);
                    std::fs::rename(&target, out.join(&moved))
                        .map_err(|e| move_failed(&target, &e))?;
                    committed.notes.push(
                        Diagnostic::note(format!(
                            "your copy was moved to {}",
                            out.join(&moved).display()
                        ))
                        .in_file(&target),
                    );
                }
            } else if !m.found.holds(&target) {
                committed.notes.push(
                    Diagnostic::note("kept: this file changed while the build was writing, so its new version was not written")
                        .in_file(&target)
                        .with_hint("rebuild with --force to replace it; your copy is then moved aside, not lost"),
                );
                not_moved.push(m);
                continue;
            }
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir).map_err(|e| move_failed(&target, &e))?;
            }
            std::fs::rename(&staged, &target).map_err(|e| move_failed(&target, &e))?;
        }
        for r in &self.removals {
            let target = out.join(&r.path);
            if r.found.holds(&target) {
                std::fs::remove_file(&target).map_err(|e| move_failed(&target, &e))?;
                remove_empty_parents(out, &target);
                committed.removed.push(r.path.clone());
            }
        }
        let mut manifest = self.manifest.take().unwrap_or_default();
        let staged = out.join(STAGING).join(STAGED_MANIFEST);
        if not_moved.is_empty() && std::fs::symlink_metadata(&staged).is_ok_and(|m| m.is_file()) {
            // The staged manifest is this one: every move was made.
            std::fs::rename(&staged, out.join(MANIFEST))
                .map_err(|e| move_failed(&out.join(MANIFEST), &e))?;
        } else {
            // A move not made leaves the old entry (the file differs from it: edited) or none.
            for m in not_moved {
                let files = &mut manifest.files;
                files.retain(|e| e.path != m.path);
                if let Some(previous) = &m.previous {
                    files.push(previous.clone());
                    manifest.kept.push(m.path.clone());
                }
                manifest.last_build = None;
            }
            manifest.files.sort_by(|a, b| a.path.cmp(&b.path));
            manifest.kept.sort();
            manifest.kept.dedup();
            let json = manifest::to_json(&manifest)
                .map_err(|e| Diagnostic::error(format!("cannot write the manifest ({e})")))?;
            write_atomic(&out.join(MANIFEST), &json)
                .map_err(|e| move_failed(&out.join(MANIFEST), &e))?;
        }
        std::fs::remove_file(out.join(JOURNAL)).map_err(|e| move_failed(&out.join(JOURNAL), &e))?;
        clear_staging(out);
        committed.manifest = manifest;
        Ok(committed)
    }

    /// Refuses, before the first rename, a target that cannot take a file: a folder where the
    /// file goes, a file or link where a folder on its way should be, a manifest that is not a
    /// file.
    fn check_targets(&self, out: &Path) -> Result<(), Diagnostic> {
        let paths = self.moves.iter().map(|m| &m.path);
        for path in paths.chain(self.removals.iter().map(|r| &r.path)) {
            let mut at = out.to_path_buf();
            let parts: Vec<&str> = path.split('/').collect();
            for (i, part) in parts.iter().enumerate() {
                at.push(part);
                let Ok(meta) = std::fs::symlink_metadata(&at) else {
                    break;
                };
                let last = i + 1 == parts.len();
                let problem = if meta.file_type().is_symlink() && !last {
                    "a symbolic link is where responsekit writes a folder"
                } else if last && meta.is_dir() {
                    "a folder is where responsekit writes a file"
                } else if !last && !meta.is_dir() {
                    "a file is where responsekit writes a folder"
                } else {
                    continue;
                };
                return Err(blocked(&at, problem));
            }
        }
        match std::fs::symlink_metadata(out.join(MANIFEST)) {
            Ok(meta) if !meta.is_file() => Err(blocked(
                &out.join(MANIFEST),
                "the manifest's place is taken by something that is not a file",
            )),
            _ => Ok(()),
        }
    }
}

fn blocked(path: &Path, problem: &str) -> Diagnostic {
    Diagnostic::error(format!("{problem}; nothing was moved"))
        .in_file(path)
        .with_hint("move it out of the way, then build again")
}

fn move_failed(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot put the new file in place ({e})"))
        .in_file(path)
        .with_hint("fix this, then build again: the next build finishes moving the files into place, and nothing is lost meanwhile")
}

/// Finishes a build that was killed while moving its files into place, and clears what a
/// build killed earlier left staged. The notes say what happened.
pub(super) fn recover(out: &Path) -> Result<Vec<Diagnostic>, Diagnostic> {
    match Journal::read(out)? {
        Some(journal) => {
            let committed = journal.finish(out)?;
            let mut notes = vec![Diagnostic::note(
                "finished moving the files of an interrupted build into place",
            )
            .in_file(out)];
            notes.extend(committed.notes);
            Ok(notes)
        }
        None => {
            clear_staging(out);
            Ok(Vec::new())
        }
    }
}

/// Removes the staging folder (never following a link in its place).
pub(super) fn clear_staging(out: &Path) {
    let staging = out.join(STAGING);
    match std::fs::symlink_metadata(&staging) {
        Ok(meta) if meta.is_dir() => {
            let _ = std::fs::remove_dir_all(&staging);
        }
        Ok(_) => {
            let _ = std::fs::remove_file(&staging);
        }
        Err(_) => {}
    }
}

/// Removes the folders above `file` that are left empty, up to `out`.
fn remove_empty_parents(out: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == out || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// `letter.docx` → `letter.edited-20261127T101500.docx`, or with `-2`, `-3`, … when that name
/// is taken (two forced builds in one second): a moved-aside copy never replaces another.
fn free_aside_name(out: &Path, path: &str, stamp: &str) -> PathBuf {
    let path = Path::new(path);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (1..)
        .map(|n| {
            let number = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            path.with_file_name(format!("{stem}.edited-{stamp}{number}{ext}"))
        })
        .find(|candidate| std::fs::symlink_metadata(out.join(candidate)).is_err())
        .unwrap_or_else(|| path.to_path_buf())
}

fn edit_stamp() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        now.year(),
        now.month() as u8,
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}
