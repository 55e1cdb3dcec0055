//! Writing: the one place responsekit writes files. A build renders each jurisdiction, writes
//! it and drops it (memory stays flat however large the tree); skips a jurisdiction whose
//! inputs did not change since the manifest recorded them; never overwrites a file a person
//! edited; writes each file to a temporary name beside its target and renames it into place,
//! so an interrupted build never leaves a half-written document; and writes the manifest
//! (every file with its size, SHA-256 and inputs, sorted) last.

use crate::config::Jurisdiction;
use crate::diagnostic::Diagnostic;
use crate::kit::{OutputFile, Project, Selection};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

pub const MANIFEST: &str = "manifest.json";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub files: Vec<ManifestEntry>,
    /// Set when the build that wrote this manifest did all it was asked without a problem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_build: Option<LastBuild>,
}

/// A build that did all it was asked: a rebuild with the same [`input_digest`] has nothing to
/// do, and can say so without loading the tree ([`unchanged_since_last_build`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastBuild {
    /// The [`input_digest`] it was built from.
    pub inputs: String,
    /// How many files its selection covers (written or unchanged).
    pub files: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lowercase hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
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
        // No fsync: the rename is what makes a write all-or-nothing against a killed
        // process, and syncing every one of thousands of files would dominate a build.
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

/// SHA-256 over labelled, length-prefixed parts, so two different lists of parts never hash
/// alike: what input hashes are made of.
#[derive(Default)]
pub struct PartsHasher(Sha256);

impl PartsHasher {
    pub fn part(&mut self, label: &str, value: &[u8]) {
        self.0.update(label.as_bytes());
        self.0.update((value.len() as u64).to_le_bytes());
        self.0.update(value);
    }

    /// The digest, in lowercase hex.
    pub fn finish(self) -> String {
        hex(&self.0.finalize())
    }
}

/// A digest of everything a build reads, taken without parsing anything: the running tool, the
/// selection, and the path and bytes of every file under `roots` (the jurisdiction tree, and the
/// `--templates` folder if any). `None` when a folder cannot be walked (a link loop, say): the
/// build then loads the tree and reports the problem.
pub fn input_digest(selection: &Selection, roots: &[&Path]) -> Option<String> {
    let mut hasher = PartsHasher::default();
    let mut part = |label: &str, value: &[u8]| hasher.part(label, value);
    part("tool", crate::kit::tool_fingerprint().as_bytes());
    part("selection", format!("{selection:?}").as_bytes());
    for root in roots {
        part("root", root.as_os_str().as_encoded_bytes());
        let walk = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walk {
            let entry = entry.ok()?;
            let rel = entry.path().strip_prefix(root).ok()?;
            if entry.file_type().is_dir() {
                part("dir", rel.as_os_str().as_encoded_bytes());
            } else {
                part("file", rel.as_os_str().as_encoded_bytes());
                part("bytes", &Sha256::digest(std::fs::read(entry.path()).ok()?));
            }
        }
    }
    Some(hasher.finish())
}

/// How many files the last build into `out` covered, if it did all it was asked from the
/// inputs `digest` describes and every file it listed is still there: a rebuild has nothing to
/// do. A file someone deleted, or an interrupted build (its journal or staged files), sends
/// the rebuild the long way.
pub fn unchanged_since_last_build(out: &Path, digest: &str) -> Option<usize> {
    if out.join(JOURNAL).exists() || out.join(STAGING).exists() {
        return None;
    }
    let manifest = read_manifest(out)?;
    let last = manifest.last_build.filter(|b| b.inputs == digest)?;
    manifest
        .files
        .iter()
        .all(|f| out.join(&f.path).is_file())
        .then_some(last.files)
}

/// What a build did.
#[derive(Debug, Default)]
pub struct Report {
    /// Files written now.
    pub written: usize,
    /// Files whose inputs had not changed, left as they were.
    pub unchanged: usize,
    /// Jurisdictions that could not be built, with why; nothing was written for them.
    pub failed: Vec<(String, Vec<Diagnostic>)>,
    /// Things a person should know: edited files kept or moved aside.
    pub notes: Vec<Diagnostic>,
    pub manifest: Manifest,
}

/// How files already in the output folder are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rebuild {
    /// Skip jurisdictions whose inputs did not change; never overwrite a file someone edited.
    Changed,
    /// Rebuild everything; an edited file is first moved aside to `<name>.edited-<time>.<ext>`.
    Force,
}

/// Files in the output folder that are the build's own bookkeeping, not kit files.
const JOURNAL: &str = ".responsekit-journal.json";
const STAGING: &str = ".responsekit-staging";

/// Exclusive right to write into an output folder, held until dropped (the operating system
/// releases it if the process dies, so a killed build never leaves a stale lock). The lock is
/// taken on the folder itself (or, before it exists, on its nearest existing parent), so
/// taking it writes nothing.
pub struct OutputLock {
    _dir: std::fs::File,
}

impl OutputLock {
    /// Takes the lock, calling `waiting` first if another build holds it, then waiting for it.
    pub fn acquire(out: &Path, waiting: impl FnOnce()) -> std::io::Result<OutputLock> {
        let target = out
            .ancestors()
            .find(|p| p.is_dir())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let dir = std::fs::File::open(&target)?;
        match dir.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                waiting();
                dir.lock()?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
        Ok(OutputLock { _dir: dir })
    }
}

/// The renames that make a build's staged files the output, and the manifest that goes with
/// them. Written before the first rename, so a build killed while renaming is finished by the
/// next one.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Journal {
    /// (staged file, target, where an edited copy of the target goes first), relative to `out`.
    renames: Vec<(String, String, Option<String>)>,
    manifest: Manifest,
}

impl Journal {
    fn commit(&self, out: &Path) -> std::io::Result<()> {
        for (staged, target, aside) in &self.renames {
            let (staged, target) = (out.join(staged), out.join(target));
            if !staged.exists() {
                continue; // renamed before an interruption
            }
            if let Some(aside) = aside {
                if target.exists() {
                    std::fs::rename(&target, out.join(aside))?;
                }
            }
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::rename(&staged, &target)?;
        }
        let mut json =
            serde_json::to_string_pretty(&self.manifest).map_err(std::io::Error::other)?;
        json.push('\n');
        write_atomic(&out.join(MANIFEST), json.as_bytes())?;
        std::fs::remove_file(out.join(JOURNAL))?;
        let _ = std::fs::remove_dir_all(out.join(STAGING));
        Ok(())
    }
}

/// Finishes a build that was killed while moving its files into place, and clears what a
/// build killed earlier left staged. Returns whether there was one to finish.
fn recover(out: &Path) -> std::io::Result<bool> {
    let journal = std::fs::read_to_string(out.join(JOURNAL))
        .ok()
        .and_then(|t| serde_json::from_str::<Journal>(&t).ok());
    match journal {
        Some(journal) => journal.commit(out).map(|()| true),
        None => {
            let _ = std::fs::remove_file(out.join(JOURNAL));
            let _ = std::fs::remove_dir_all(out.join(STAGING));
            Ok(false)
        }
    }
}

/// Builds the selected kits into `out`, one jurisdiction at a time in parallel: each is
/// rendered in memory, staged on disk, and dropped, so memory does not grow with the tree.
/// Until every jurisdiction is staged, nothing listed in the manifest is touched: a build
/// killed then leaves the previous output and manifest exactly as they were. Then the shared
/// pages `shared` makes from the ids of every kit in `out`, then the journal, the renames and
/// the new manifest, which records `digest` (the [`input_digest`] of this build, if the caller
/// saw no problem loading the tree) when nothing failed. The caller holds the [`OutputLock`].
pub fn build(
    project: &Project,
    selection: &Selection,
    out: &Path,
    rebuild: Rebuild,
    digest: Option<String>,
    shared: impl FnOnce(&BTreeSet<String>) -> Vec<OutputFile>,
    done: &(dyn Fn() + Sync),
) -> std::io::Result<Report> {
    let mut report = Report::default();
    if recover(out)? {
        report.notes.push(
            Diagnostic::note("finished moving the files of an interrupted build into place")
                .in_file(out),
        );
    }
    let old = read_manifest(out).unwrap_or_default();
    let previous: HashMap<&str, &ManifestEntry> =
        old.files.iter().map(|e| (e.path.as_str(), e)).collect();
    let writer = Writer {
        out,
        previous: &previous,
        rebuild,
        stamp: edit_stamp(),
    };
    let outcomes: Vec<(String, Result<Built, Vec<Diagnostic>>)> = project
        .resolved
        .par_iter()
        .filter(|(id, _)| selection.selects(id))
        .map(|(id, resolved)| {
            let outcome = resolved
                .as_ref()
                .map_err(Clone::clone)
                .and_then(|j| writer.jurisdiction(project, j, selection));
            done();
            (id.clone(), outcome)
        })
        .collect();
    let mut entries: BTreeMap<String, ManifestEntry> = old
        .files
        .iter()
        .map(|e| (e.path.clone(), e.clone()))
        .collect();
    let mut journal = Journal::default();
    let mut stage = |staged: Vec<Staged>, entries: &mut BTreeMap<String, ManifestEntry>| {
        for s in staged {
            journal
                .renames
                .push((s.staged, s.entry.path.clone(), s.aside));
            entries.insert(s.entry.path.clone(), s.entry);
        }
    };
    // No kit at all (every selected jurisdiction failed, or there are none): nothing is
    // written, not even the home pages and the manifest, so a broken tree leaves no trace.
    let nothing_built = outcomes.iter().all(|(_, o)| o.is_err());
    for (id, outcome) in outcomes {
        match outcome {
            Ok(built) => {
                report.written += built.staged.len();
                report.unchanged += built.unchanged;
                report.notes.extend(built.notes);
                stage(built.staged, &mut entries);
            }
            Err(problems) => report.failed.push((id, problems)),
        }
    }
    if nothing_built {
        report.manifest = old;
        return Ok(report);
    }
    let present: BTreeSet<String> = entries
        .values()
        .filter_map(|e| e.jurisdiction.clone())
        .collect();
    let mut shared_staged = Vec::new();
    for file in shared(&present) {
        let unchanged = previous
            .get(file.path.as_str())
            .is_some_and(|e| e.sha256 == sha256_hex(&file.bytes))
            && out.join(&file.path).is_file();
        if unchanged {
            report.unchanged += 1;
        } else if let Some(staged) = writer.stage(None, None, &file, &mut report.notes)? {
            report.written += 1;
            shared_staged.push(staged);
        }
    }
    stage(shared_staged, &mut entries);
    let clean = report.failed.is_empty() && report.notes.is_empty();
    report.manifest = Manifest {
        files: entries.into_values().collect(),
        last_build: digest.filter(|_| clean).map(|inputs| LastBuild {
            inputs,
            files: report.written + report.unchanged,
        }),
    };
    // Files staged with the same bytes as before (a deleted output rebuilt) still go in place.
    if !journal.renames.is_empty() || report.manifest != old || !out.join(MANIFEST).is_file() {
        journal.manifest = report.manifest.clone();
        let mut json = serde_json::to_string(&journal).map_err(std::io::Error::other)?;
        json.push('\n');
        write_atomic(&out.join(JOURNAL), json.as_bytes())?;
        journal.commit(out)?;
    }
    Ok(report)
}

/// One jurisdiction's part of a build.
struct Built {
    staged: Vec<Staged>,
    unchanged: usize,
    notes: Vec<Diagnostic>,
}

/// A file written to the staging folder, waiting to be moved into place.
struct Staged {
    /// Relative to the output folder.
    staged: String,
    entry: ManifestEntry,
    /// Where the edited copy at the target goes first (`--force`), relative to the output folder.
    aside: Option<String>,
}

struct Writer<'a> {
    out: &'a Path,
    previous: &'a HashMap<&'a str, &'a ManifestEntry>,
    rebuild: Rebuild,
    /// The suffix given to edited copies moved aside.
    stamp: String,
}

impl Writer<'_> {
    fn jurisdiction(
        &self,
        project: &Project,
        j: &Jurisdiction,
        selection: &Selection,
    ) -> Result<Built, Vec<Diagnostic>> {
        let inputs = project.inputs(j, selection)?;
        let up_to_date = self.rebuild == Rebuild::Changed
            && inputs.paths.iter().all(|p| {
                self.previous
                    .get(p.as_str())
                    .is_some_and(|e| e.inputs.as_deref() == Some(inputs.fingerprint.as_str()))
                    && self.out.join(p).is_file()
            });
        if up_to_date {
            return Ok(Built {
                staged: Vec::new(),
                unchanged: inputs.paths.len(),
                notes: Vec::new(),
            });
        }
        let kit = crate::kit::render_kit(project, j, selection)?;
        let mut built = Built {
            staged: Vec::new(),
            unchanged: 0,
            notes: Vec::new(),
        };
        for file in &kit.files {
            let staged = self
                .stage(
                    Some(&j.id),
                    Some(&inputs.fingerprint),
                    file,
                    &mut built.notes,
                )
                .map_err(|e| {
                    vec![
                        Diagnostic::error(format!("cannot write `{}` ({e})", file.path))
                            .in_file(self.out),
                    ]
                })?;
            match staged {
                Some(staged) => built.staged.push(staged),
                None => built.unchanged += 1,
            }
        }
        Ok(built)
    }

    /// Writes one file to the staging folder, unless a person edited the copy in the output
    /// folder since the last build: that copy is kept (and `None` returned), or with `--force`
    /// marked to be moved aside when the file is moved into place.
    fn stage(
        &self,
        owner: Option<&str>,
        inputs: Option<&str>,
        file: &OutputFile,
        notes: &mut Vec<Diagnostic>,
    ) -> std::io::Result<Option<Staged>> {
        let invalid = || {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("output path `{}` leaves the output folder", file.path),
            )
        };
        let target = safe_join(self.out, &file.path).ok_or_else(invalid)?;
        let staged = format!("{STAGING}/{}", file.path);
        let mut aside = None;
        if let Some(previous) = self.previous.get(file.path.as_str()) {
            let edited =
                std::fs::read(&target).is_ok_and(|bytes| sha256_hex(&bytes) != previous.sha256);
            if edited {
                match self.rebuild {
                    Rebuild::Changed => {
                        notes.push(
                            Diagnostic::note("kept: this file was edited after it was built, so its new version was not written")
                                .in_file(&target)
                                .with_hint("rebuild with --force to replace it; your edited copy is then moved aside, not lost"),
                        );
                        return Ok(None);
                    }
                    Rebuild::Force => {
                        let moved = edited_name(Path::new(&file.path), &self.stamp);
                        notes.push(
                            Diagnostic::note(format!(
                                "your edited copy was moved to {}",
                                self.out.join(&moved).display()
                            ))
                            .in_file(&target),
                        );
                        aside = Some(moved.to_string_lossy().into_owned());
                    }
                }
            }
        }
        write_atomic(&self.out.join(&staged), &file.bytes)?;
        Ok(Some(Staged {
            staged,
            aside,
            entry: ManifestEntry {
                path: file.path.clone(),
                size: file.bytes.len() as u64,
                sha256: sha256_hex(&file.bytes),
                jurisdiction: owner.map(str::to_string),
                inputs: inputs.map(str::to_string),
            },
        }))
    }
}

/// `letter.docx` → `letter.edited-20261127T101500.docx`.
fn edited_name(path: &Path, stamp: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match path.extension() {
        Some(ext) => format!("{stem}.edited-{stamp}.{}", ext.to_string_lossy()),
        None => format!("{stem}.edited-{stamp}"),
    };
    path.with_file_name(name)
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

/// Writes `files` (paths relative to `dir`) as the new folder `dir`, all or nothing, readable
/// by the owner only: staged in a hidden folder beside `dir` (same parent, so one file system)
/// and moved into place in one rename. Fails with `AlreadyExists`, writing nothing, when `dir`
/// exists (the rename never replaces a folder that holds anything); on any failure the staging
/// folder is removed.
pub fn write_new_folder_private(dir: &Path, files: &[OutputFile]) -> std::io::Result<()> {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "no folder name",
        ));
    };
    if std::fs::symlink_metadata(dir).is_ok() {
        return Err(std::io::ErrorKind::AlreadyExists.into());
    }
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.recursive(true).create(parent)?;
    let staging = parent.join(format!(
        ".{}.staging-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    builder.recursive(false).create(&staging)?;
    let result = files
        .iter()
        .try_for_each(|f| {
            let path = safe_join(&staging, &f.path).ok_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("output path `{}` leaves the output folder", f.path),
                )
            })?;
            write_private(&path, &f.bytes)
        })
        .and_then(|()| {
            std::fs::rename(&staging, dir).map_err(|e| match e.kind() {
                // Another run took the name first: a folder that holds files is never replaced.
                std::io::ErrorKind::DirectoryNotEmpty => std::io::ErrorKind::AlreadyExists.into(),
                _ => e,
            })
        });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}
