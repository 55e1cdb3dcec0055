//! Writing: the one place responsekit writes kit files. A build renders each jurisdiction,
//! stages its files and drops it (memory stays flat however large the tree); skips a
//! jurisdiction whose inputs did not change since the manifest recorded them; never replaces a
//! file that is not its own unedited output (a person's edit, or a file it never wrote: kept,
//! or with `--force` moved aside); removes what it no longer produces; and makes the staged
//! files the output through a journal (`journal`), so an interrupted build never leaves a
//! half-written document and is finished by the next one. The folder is locked (`lock`)
//! while a build writes, and the manifest (`manifest`) is written last. A rebuild of unchanged
//! inputs stops before anything is loaded (`shortcut`); a rebuild after a change whose reach
//! is known loads and renders only what it reaches and carries the other kits over (`delta`);
//! two jurisdictions that would write one path are both refused (`produced`).

mod delta;
mod files;
mod journal;
mod lock;
mod manifest;
mod produced;
mod shortcut;
pub mod write_back;

pub use delta::{fast_rebuild, Delta};
pub use files::{
    real_path, replace_folder_private, safe_join, write_atomic, write_new_folder_private,
    write_private,
};
pub use lock::{check_out_folder, OutputLock};
pub use manifest::{LastBuild, Manifest, ManifestEntry, Previous, MANIFEST};
pub use shortcut::{settled, unchanged_since_last_build, InputFiles, Inputs};

use crate::config::Jurisdiction;
use crate::diagnostic::Diagnostic;
use crate::digest::{sha256_file, sha256_hex};
use crate::kit::{OutputFile, Project, Selection};
use files::STAGING;
use journal::{clear_staging, Found, Journal, Move, Removal};

use produced::Produced;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

/// What a build did.
#[derive(Debug, Default)]
pub struct Report {
    /// Files written now.
    pub written: usize,
    /// Their paths in the output folder, sorted (what `-v` lists).
    pub wrote: Vec<String>,
    /// Files whose inputs had not changed, left as they were.
    pub unchanged: usize,
    /// Files removed because nothing produces them any more.
    pub removed: Vec<String>,
    /// Jurisdictions that could not be built, with why; nothing was written for them.
    pub failed: Vec<(String, Vec<Diagnostic>)>,
    /// Things a person should know: files kept or moved aside.
    pub notes: Vec<Diagnostic>,
    /// The manifest the build left in the output folder.
    pub manifest: Manifest,
}

/// How files already in the output folder are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rebuild {
    /// Skip jurisdictions whose inputs did not change; never replace a file someone edited.
    Changed,
    /// Rebuild everything; an edited file is first moved aside to `<name>.edited-<time>.<ext>`.
    Force,
}

/// Builds the selected kits into `out`, one jurisdiction at a time in parallel: each is
/// rendered in memory, staged on disk, and dropped, so memory does not grow with the tree.
/// Until every jurisdiction is staged, nothing in the output is touched: a build killed then
/// leaves the previous output and manifest exactly as they were. Then the shared pages
/// `shared` makes from every kit in `out` (its id and its files' paths), then the journal,
/// the moves, the removals and the new manifest, which records `inputs` (the [`Inputs`] of this build, if the
/// caller saw no problem loading the tree) when nothing failed. The kits of
/// `project.unchanged` are carried over as the last build left them. `previous` is the
/// manifest as the caller read it, if it did with no interrupted build to finish. The caller
/// holds the [`OutputLock`]. An error stops the whole build (the output is then as it was, or,
/// after the first move, finished by the next build); a jurisdiction's problems stop only it.
pub fn build(
    project: &Project,
    selection: &Selection,
    out: &Path,
    rebuild: Rebuild,
    (previous, inputs): (Option<Previous>, Option<Inputs>),
    shared: impl FnOnce(&BTreeMap<String, BTreeSet<String>>) -> Vec<OutputFile>,
    done: &(dyn Fn() + Sync),
) -> Result<Report, Diagnostic> {
    let mut report = Report {
        notes: journal::recover(out)?,
        ..Report::default()
    };
    let previous = match previous {
        Some(previous) if report.notes.is_empty() => previous,
        _ => manifest::read(out),
    };
    if let Previous::Untrusted(why) = &previous {
        report.notes.push(
            Diagnostic::note(format!("the manifest cannot be trusted: {why}"))
                .in_file(out.join(MANIFEST))
                .with_hint("this build keeps every file here that differs from what it makes, and writes a new manifest"),
        );
    }
    let old: &[ManifestEntry] = previous.manifest().map_or(&[], |m| m.files.as_slice());
    let by_path: HashMap<&str, &ManifestEntry> = old.iter().map(|e| (e.path.as_str(), e)).collect();
    let produced = Produced::of(project);
    let writer = Writer {
        out,
        previous: &previous,
        by_path: &by_path,
        rebuild,
    };
    let mut outcomes: Vec<(String, Result<Built, Vec<Diagnostic>>)> = project
        .resolved
        .par_iter()
        .filter(|(id, _)| selection.selects(id))
        .map(|(id, resolved)| {
            let outcome = match produced.collisions(id) {
                Some(problem) => Err(vec![problem]),
                None => resolved
                    .as_ref()
                    .map_err(Clone::clone)
                    .and_then(|j| writer.jurisdiction(project, j, selection)),
            };
            done();
            (id.clone(), outcome)
        })
        .collect();
    // Carried over: every file as the last build left it (the fast rebuild checked them).
    let mut carried: HashMap<&str, Vec<String>> = HashMap::new();
    for entry in old {
        if let Some(id) = entry.jurisdiction.as_deref() {
            if project.unchanged.contains(id) {
                carried.entry(id).or_default().push(entry.path.clone());
            }
        }
    }
    for id in project.unchanged.iter().filter(|id| selection.selects(id)) {
        let fine = carried.remove(id.as_str()).unwrap_or_default();
        let built = Built {
            unchanged: fine.len(),
            fine,
            ..Built::default()
        };
        done();
        outcomes.push((id.clone(), Ok(built)));
    }
    // No kit at all (every selected jurisdiction failed, or there are none): nothing is
    // written or removed, not even the home pages and the manifest, so a broken tree leaves
    // no trace and destroys nothing.
    if outcomes.iter().all(|(_, o)| o.is_err()) {
        report.failed = outcomes
            .into_iter()
            .filter_map(|(id, o)| o.err().map(|p| (id, p)))
            .collect();
        report.manifest = previous.manifest().cloned().unwrap_or_default();
        clear_staging(out);
        return Ok(report);
    }
    let mut entries: BTreeMap<String, ManifestEntry> =
        old.iter().map(|e| (e.path.clone(), e.clone())).collect();
    let mut kept: BTreeSet<String> = previous
        .manifest()
        .map(|m| m.kept.iter().cloned().collect())
        .unwrap_or_default();
    let mut moves = Vec::new();
    let mut built_ids = HashSet::new();
    let mut apply = |built: Built, entries: &mut BTreeMap<String, ManifestEntry>| {
        for path in built.fine {
            kept.remove(&path);
        }
        for (path, entry) in built.adopted {
            kept.remove(&path);
            entries.insert(path, entry);
        }
        kept.extend(built.kept);
        for (m, entry) in built.staged {
            kept.remove(&m.path);
            entries.insert(m.path.clone(), entry);
            moves.push(m);
        }
    };
    for (id, outcome) in outcomes {
        match outcome {
            Ok(built) => {
                report.written += built.staged.len();
                report.unchanged += built.unchanged;
                report.notes.extend(built.notes.iter().cloned());
                apply(built, &mut entries);
                built_ids.insert(id);
            }
            Err(problems) => report.failed.push((id, problems)),
        }
    }
    // Every kit in the output folder with its files, so the shared pages link only to those.
    let mut present: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for e in entries.values() {
        if let Some(id) = &e.jurisdiction {
            present
                .entry(id.clone())
                .or_default()
                .insert(e.path.clone());
        }
    }
    let shared_files = shared(&present);
    let shared_paths: HashSet<&str> = shared_files.iter().map(|f| f.path.as_str()).collect();
    let mut pages = Built::default();
    for file in &shared_files {
        let same = by_path
            .get(file.path.as_str())
            .is_some_and(|e| e.sha256 == sha256_hex(&file.bytes))
            && previous.unchanged(&out.join(&file.path), by_path[file.path.as_str()]);
        if same {
            pages.unchanged += 1;
            pages.fine.push(file.path.clone());
        } else {
            writer
                .plan(None, None, file, &mut pages)
                .map_err(|mut e| e.remove(0))?;
        }
    }
    report.written += pages.staged.len();
    report.unchanged += pages.unchanged;
    report.notes.extend(pages.notes.iter().cloned());
    apply(pages, &mut entries);

    // What no build produces any more: a jurisdiction gone from the tree, a document or
    // language a rebuilt jurisdiction no longer has, a home page of a language gone.
    let whole_site = !shared_files.is_empty() && selection.langs.is_empty();
    let ids: HashSet<&str> = project.ids().collect();
    let mut removals = Vec::new();
    for entry in old {
        let stale = match &entry.jurisdiction {
            Some(id) => match produced.paths.get(id.as_str()) {
                None => !ids.contains(id.as_str()),
                Some(paths) => built_ids.contains(id) && !paths.contains(entry.path.as_str()),
            },
            None => whole_site && !shared_paths.contains(entry.path.as_str()),
        };
        if !stale {
            continue;
        }
        entries.remove(&entry.path);
        kept.remove(&entry.path);
        let target = out.join(&entry.path);
        if previous.unchanged(&target, entry) {
            removals.push(Removal {
                path: entry.path.clone(),
                found: Found::file(&target, &entry.sha256),
            });
        } else if std::fs::symlink_metadata(&target).is_ok() {
            report.notes.push(
                Diagnostic::note("kept: no kit has this file any more, but it was edited after it was built, so it was left in place")
                    .in_file(&target)
                    .with_hint("delete it yourself if you no longer need it; responsekit no longer lists it in the manifest"),
            );
        }
    }
    let clean = report.failed.is_empty() && report.notes.is_empty();
    let manifest = Manifest {
        files: entries.into_values().collect(),
        kept: kept.into_iter().collect(),
        last_build: inputs.filter(|_| clean).map(|inputs| LastBuild {
            inputs: inputs.digest,
            files: report.written + report.unchanged,
            sources: inputs.files,
        }),
    };
    let unchanged = previous.manifest() == Some(&manifest);
    if moves.is_empty() && removals.is_empty() && unchanged {
        report.manifest = manifest;
        clear_staging(out);
        return Ok(report);
    }
    moves.sort_by(|a, b| a.path.cmp(&b.path));
    report.wrote = moves.iter().map(|m| m.path.clone()).collect();
    let committed = Journal {
        moves,
        removals,
        manifest: Some(manifest),
    }
    .commit(out)?;
    report.notes.extend(committed.notes);
    report.removed = committed.removed;
    report.manifest = committed.manifest;
    Ok(report)
}

/// One jurisdiction's (or the shared pages') part of a build.
#[derive(Default)]
struct Built {
    /// Files staged, each with its move and its new manifest entry.
    staged: Vec<(Move, ManifestEntry)>,
    /// Files found already holding what the build makes (a copy not recorded as ours).
    adopted: Vec<(String, ManifestEntry)>,
    /// Files found as built, left alone.
    fine: Vec<String>,
    /// Files recorded as ours but edited since, kept.
    kept: Vec<String>,
    unchanged: usize,
    notes: Vec<Diagnostic>,
}

struct Writer<'a> {
    out: &'a Path,
    previous: &'a Previous,
    by_path: &'a HashMap<&'a str, &'a ManifestEntry>,
    rebuild: Rebuild,
}

impl Writer<'_> {
    fn jurisdiction(
        &self,
        project: &Project,
        j: &Jurisdiction,
        selection: &Selection,
    ) -> Result<Built, Vec<Diagnostic>> {
        let inputs = project.inputs(j, selection)?;
        let mut built = Built::default();
        let up_to_date = self.rebuild == Rebuild::Changed
            && inputs.paths.iter().all(|p| {
                self.by_path
                    .get(p.as_str())
                    .is_some_and(|e| e.inputs.as_deref() == Some(inputs.fingerprint.as_str()))
                    && std::fs::symlink_metadata(self.out.join(p)).is_ok()
            });
        if up_to_date {
            for path in &inputs.paths {
                let target = self.out.join(path);
                if self
                    .previous
                    .unchanged(&target, self.by_path[path.as_str()])
                {
                    built.unchanged += 1;
                    built.fine.push(path.clone());
                } else {
                    built.notes.push(kept_note(&target, true));
                    built.kept.push(path.clone());
                }
            }
            return Ok(built);
        }
        let kit = crate::kit::render_kit(project, j, selection)?;
        for file in &kit.files {
            self.plan(Some(&j.id), Some(&inputs.fingerprint), file, &mut built)?;
        }
        Ok(built)
    }

    /// Decides what becomes of one file: staged (written to the staging folder, to be moved
    /// into place), adopted (the file there already holds these bytes), or kept (the file
    /// there is not our unedited output: a person's edit, or a file responsekit never wrote;
    /// with `--force` it is staged to be moved aside instead).
    fn plan(
        &self,
        owner: Option<&str>,
        inputs: Option<&str>,
        file: &OutputFile,
        built: &mut Built,
    ) -> Result<(), Vec<Diagnostic>> {
        let target = safe_join(self.out, &file.path).ok_or_else(|| {
            vec![Diagnostic::error(format!(
                "output path `{}` leaves the output folder",
                file.path
            ))]
        })?;
        let sha256 = sha256_hex(&file.bytes);
        let entry = ManifestEntry {
            path: file.path.clone(),
            size: file.bytes.len() as u64,
            sha256: sha256.clone(),
            jurisdiction: owner.map(str::to_string),
            inputs: inputs.map(str::to_string),
        };
        let recorded = self.by_path.get(file.path.as_str()).copied();
        let (found, aside) = match std::fs::symlink_metadata(&target) {
            Err(_) => (Found::Nothing, false),
            Ok(meta) if meta.is_dir() => {
                return Err(vec![Diagnostic::error(
                    "a folder is where responsekit writes a file; nothing was written for this kit",
                )
                .in_file(&target)
                .with_hint("move the folder out of the way, then build again")]);
            }
            Ok(_) if recorded.is_some_and(|e| self.previous.unchanged(&target, e)) => (
                Found::file(&target, recorded.map_or("", |e| &e.sha256)),
                false,
            ),
            Ok(meta) => {
                let same = meta.is_file() && sha256_file(&target).as_deref() == Some(&sha256);
                if same {
                    built.unchanged += 1;
                    built.adopted.push((file.path.clone(), entry));
                    return Ok(());
                }
                if self.rebuild == Rebuild::Changed {
                    built.notes.push(kept_note(&target, recorded.is_some()));
                    if recorded.is_some() {
                        built.kept.push(file.path.clone());
                    }
                    return Ok(());
                }
                (Found::Nothing, true)
            }
        };
        let staged = self.out.join(STAGING).join(&file.path);
        let written = staged
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&staged, &file.bytes));
        written.map_err(|e| {
            vec![Diagnostic::error(format!("cannot write `{}` ({e})", file.path))
                .in_file(self.out)
                .with_hint("free some disk space or fix the folder's permissions, then build again; nothing in the output was changed")]
        })?;
        built.staged.push((
            Move {
                path: file.path.clone(),
                found,
                aside,
                previous: recorded.cloned(),
            },
            entry,
        ));
        Ok(())
    }
}

/// Why a file already in the output folder was not replaced.
fn kept_note(target: &Path, recorded: bool) -> Diagnostic {
    let why = if recorded {
        "this file was edited after it was built"
    } else {
        "responsekit did not write this file (it is not in the manifest)"
    };
    Diagnostic::note(format!("kept: {why}, so its new version was not written"))
        .in_file(target)
        .with_hint("rebuild with --force to replace it; your copy is then moved aside, not lost")
}
