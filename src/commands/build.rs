//! `responsekit build`: checks and locks the output folder, stops early when nothing changed
//! since the last build, loads only what a change reaches when that is known (else the whole
//! tree), refuses a `--jurisdiction` that names nothing, then has [`crate::build`] write the
//! selected kits and the site's home pages, and sums up.

use super::{check_selection, load, Report, TreePaths};
use crate::build::{self, Rebuild};
use crate::config::status::Freshness;
use crate::diagnostic::Diagnostic;
use crate::export::Format;
use crate::kit::{self, Project, Selection};
use std::path::Path;

/// What a person watching a build sees while it runs, before the report: the binary shows a
/// progress bar; a caller that only wants the report passes [`Unwatched`].
pub trait Watch: Sync {
    /// Shows `text` now: the build waits for something.
    fn notice(&self, text: &str);
    /// `jurisdictions` are about to be rendered.
    fn start(&self, jurisdictions: usize);
    /// One more jurisdiction is done (called from the rendering threads).
    fn step(&self);
    /// Rendering is over.
    fn finish(&self);
}

/// Sees nothing while the build runs.
pub struct Unwatched;

impl Watch for Unwatched {
    fn notice(&self, _: &str) {}
    fn start(&self, _: usize) {}
    fn step(&self) {}
    fn finish(&self) {}
}

/// Builds the kits `selection` picks from `tree` into `out`; the site's directory pages mark
/// the facts `freshness` says are stale.
pub fn run(
    tree: &TreePaths,
    out: &Path,
    selection: &Selection,
    rebuild: Rebuild,
    freshness: Freshness,
    watch: &dyn Watch,
) -> Report {
    let mut report = Report::default();
    let mut inputs = vec![(tree.root.as_path(), "jurisdiction folder")];
    inputs.extend(tree.templates.as_deref().map(|t| (t, "templates folder")));
    if let Err(d) = build::check_out_folder(out, &inputs) {
        report.problem(&d);
        return report.finish(false);
    }
    // Two builds into one folder would interleave their files: the second waits.
    let lock = build::OutputLock::acquire(out, || {
        watch.notice(&format!(
            "waiting for another responsekit build writing to {}…",
            out.display()
        ));
    });
    let lock = match lock {
        Ok(lock) => lock,
        Err(d) => {
            report.problem(&d);
            return report.finish(false);
        }
    };
    let done = build_locked(
        &mut report,
        tree,
        out,
        selection,
        (rebuild, freshness),
        watch,
    );
    lock.release();
    report.finish(done)
}

fn build_locked(
    report: &mut Report,
    tree: &TreePaths,
    out: &Path,
    selection: &Selection,
    (rebuild, freshness): (Rebuild, Freshness),
    watch: &dyn Watch,
) -> bool {
    let started = std::time::Instant::now();
    let summary = |report: &mut Report, files: usize, written: usize, unchanged: usize| {
        report.info(format!(
            "{files} files in {}: {written} written, {unchanged} unchanged, in {:.1}s",
            out.display(),
            started.elapsed().as_secs_f64()
        ));
    };
    let mut roots = vec![tree.root.as_path()];
    roots.extend(tree.templates.as_deref());
    // The manifest as the last build left it (none while an interrupted build is to finish):
    // its record of the inputs saves hashing the files that did not change.
    let previous = build::settled(out).then(|| build::Previous::read(out));
    let recorded = previous
        .as_ref()
        .and_then(|p| p.manifest())
        .and_then(|m| m.last_build.as_ref())
        .and_then(|b| b.sources.as_ref());
    let inputs = build::Inputs::scan(selection, freshness, &roots, recorded);
    let fast = match (rebuild, &previous, &inputs) {
        (Rebuild::Changed, Some(previous), Some(inputs)) => {
            if let Some(files) = build::unchanged_since_last_build(out, previous, &inputs.digest) {
                summary(report, files, 0, files);
                return true;
            }
            build::fast_rebuild(out, previous, inputs, selection)
        }
        _ => None,
    };
    let project = match fast {
        Some(delta) => {
            let project = Project::load_part(
                &tree.root,
                tree.templates.as_deref(),
                &delta.files,
                &delta.reached,
                delta.carried,
            );
            report.problems(&project.tree.diagnostics);
            project
        }
        None => load(report, tree),
    };
    if !check_selection(report, &project, selection) {
        return false;
    }
    let langs = selection.langs();
    let site = selection.formats().contains(&Format::Html);
    let shared =
        |present: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>| {
            if site {
                kit::home_pages(&project, present, &langs, freshness)
            } else {
                Vec::new()
            }
        };
    watch.start(kit::selected(&project, selection));
    // A tree that loaded with warnings is not recorded as done: the next build shows them again.
    let inputs = inputs.filter(|_| project.tree.diagnostics.is_empty());
    let built = build::build(
        &project,
        selection,
        out,
        rebuild,
        (previous, inputs),
        shared,
        &|| watch.step(),
    );
    watch.finish();
    let built = match built {
        Ok(built) => built,
        Err(d) => {
            report.problem(&d);
            return false;
        }
    };
    for path in &built.wrote {
        report.detail(format!("wrote {}", out.join(path).display()));
    }
    for (_, problems) in &built.failed {
        report.problems(problems);
    }
    report.problems(&built.notes);
    if !built.removed.is_empty() {
        report.info(format!(
            "removed {} file(s) that no kit has any more: {}",
            built.removed.len(),
            built.removed.join(", ")
        ));
    }
    summary(
        report,
        built.manifest.files.len(),
        built.written,
        built.unchanged,
    );
    if !built.failed.is_empty() {
        let ids: Vec<&str> = built.failed.iter().map(|(id, _)| id.as_str()).collect();
        report.problem(&Diagnostic::error(format!(
            "{} jurisdiction(s) not built, nothing written for them: {}",
            ids.len(),
            ids.join(", ")
        )));
    }
    built.failed.is_empty()
}
