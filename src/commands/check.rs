//! `responsekit check`: loads everything and renders every document to the document model in
//! memory (each distinct template set also to every selected format: `kit::check_all`),
//! writes nothing, and reports every problem at once, with the registry's review, the facts
//! not verified within `--stale` days and the unknown facts left as fill-ins.

use super::{load, Report, TreePaths};
use crate::config::values::IsoDate;
use crate::config::UnknownFact;
use crate::diagnostic::Diagnostic;
use crate::kit::{self, Project, Selection};

/// Checks `tree` in the formats `selection` names (its jurisdictions and languages are not
/// looked at: every one is checked), counting `stale_days` back from `today` (default: today).
pub fn run(
    tree: &TreePaths,
    selection: &Selection,
    stale_days: u32,
    today: Option<IsoDate>,
) -> Report {
    let mut report = Report::default();
    let project = load(&mut report, tree);
    let formats = Selection {
        formats: selection.formats.clone(),
        bundles: selection.bundles,
        ..Selection::default()
    };
    review(
        &mut report,
        &project,
        &formats,
        stale_days,
        today.unwrap_or_else(IsoDate::today),
    );
    report.finish(true)
}

fn review(
    report: &mut Report,
    project: &Project,
    selection: &Selection,
    stale_days: u32,
    today: IsoDate,
) {
    report.problems(&project.registry.review(today, stale_days));
    let results = kit::check_all(project, selection);
    let cutoff = IsoDate(today.0 - time::Duration::days(i64::from(stale_days)));
    let mut fill_ins = 0;
    for ((_, resolved), (_, problems)) in project.resolved.iter().zip(&results) {
        report.problems(problems);
        if let Ok(j) = resolved {
            for (path, date) in j.stale_facts(cutoff) {
                report.problem(
                    &Diagnostic::note(format!(
                        "{}: `{path}` was last verified on {date} (more than {stale_days} days before {today})",
                        j.id
                    ))
                    .with_hint("check the fact at its source again, then update its `verified:` date"),
                );
            }
            for fact in &j.unknown {
                fill_ins += 1;
                report.problem(&unknown_fact_note(fact));
            }
        }
    }
    let jurisdictions = results.len();
    if report.errors == 0 {
        report.info(format!("checked {jurisdictions} jurisdictions: no problems, {fill_ins} unknown facts left as fill-ins"));
    } else {
        let errors = report.errors;
        report.notice(format!(
            "checked {jurisdictions} jurisdictions: {errors} problem(s)"
        ));
    }
}

/// The note for an unknown fact of a jurisdiction, in the file of its chain that declares it
/// (reported once, however many jurisdictions inherit it).
fn unknown_fact_note(fact: &UnknownFact) -> Diagnostic {
    Diagnostic::note(format!(
        "`{}` is unknown; documents show a highlighted fill-in for it",
        fact.path
    ))
    .in_file(&fact.file)
    .at(fact.line, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::Message;
    use std::path::Path;

    /// The unknown-fact notes `review` gives for `project`.
    fn unknown_notes(project: &Project) -> Vec<String> {
        let mut report = Report::default();
        review(
            &mut report,
            project,
            &Selection::default(),
            180,
            IsoDate::today(),
        );
        report
            .messages
            .iter()
            .filter_map(|m| match m {
                Message::Problem(d) if d.message.contains("is unknown") => Some(d.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn an_unknown_fact_is_located_in_the_file_as_loaded() {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let dir = tempfile::tempdir().unwrap();
        for entry in walkdir::WalkDir::new(fixture.join("jurisdictions")) {
            let entry = entry.unwrap();
            let to = dir
                .path()
                .join(entry.path().strip_prefix(&fixture).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        let project = Project::load(&dir.path().join("jurisdictions"), None);
        let before = unknown_notes(&project);
        assert!(
            before
                .iter()
                .any(|n| n.contains("us/xx/jurisdiction.yaml:35: `signatory.name` is unknown")),
            "the fixture's unknown `signatory.name` is on line 35: {before:?}"
        );
        // Edited once loaded: the notes still point into the text the documents were made from.
        for node in project.tree.nodes.values() {
            std::fs::write(&node.file, format!("\n\n\n{}", node.text)).unwrap();
        }
        assert_eq!(unknown_notes(&project), before);
    }
}
