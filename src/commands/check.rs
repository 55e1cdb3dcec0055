//! `responsekit check`: loads everything and renders every document to the document model in
//! memory (each distinct template set also to every selected format: `kit::check_all`),
//! writes nothing, and reports every problem at once, with the registry's review, the facts
//! not verified within `--stale` days and the unknown facts left as fill-ins.

use super::{check_selection, load, Report, TreePaths};
use crate::commands::Message;
use crate::config::status::{self, Freshness};
use crate::config::values::IsoDate;
use crate::diagnostic::Diagnostic;
use crate::kit::{self, Project, Selection};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Checks the jurisdictions `selection` names (all when none) in the formats it names (its
/// languages are not looked at: every one is checked), counting `stale_days` back from `today`
/// (default: today). Errors come first, then the notes, then the summary.
pub fn run(
    tree: &TreePaths,
    selection: &Selection,
    stale_days: u32,
    today: Option<IsoDate>,
) -> Report {
    let mut found = Report::default();
    let project = load(&mut found, tree);
    if !check_selection(&mut found, &project, selection) {
        return found.finish(false);
    }
    let selection = Selection {
        langs: Vec::new(),
        ..selection.clone()
    };
    review(
        &mut found,
        &project,
        &selection,
        stale_days,
        today.unwrap_or_else(IsoDate::today),
    );
    // One error among a hundred notes is found at the top, not at line 42.
    let (errors, rest): (Vec<_>, Vec<_>) = found
        .messages
        .drain(..)
        .partition(|m| matches!(m, Message::Problem(d) if d.is_error()));
    found.messages = errors.into_iter().chain(rest).collect();
    found.finish(true)
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
    let cutoff = Freshness { stale_days, today }.cutoff();
    let mut fill_ins = 0;
    let resolved: std::collections::HashMap<&str, _> = project
        .resolved
        .iter()
        .map(|(id, r)| (id.as_str(), r))
        .collect();
    let mut unknown: BTreeMap<(&std::path::Path, usize, &str), Vec<&str>> = BTreeMap::new();
    for (id, problems) in &results {
        report.problems(problems);
        if let Some(Ok(j)) = resolved.get(id.as_str()) {
            for (path, date) in status::stale(j, cutoff) {
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
                unknown
                    .entry((fact.file.as_path(), fact.line, fact.path.as_str()))
                    .or_default()
                    .push(&j.id);
            }
        }
    }
    for ((file, line, path), ids) in unknown {
        report.problem(&unknown_fact_note(file, line, path, &ids));
    }
    // What a person handed a document must be told, and counsel before adopting it.
    for (file, lang) in kit::draft_translations(project, selection) {
        report.problem(
            &Diagnostic::note(format!(
                "draft translation ({lang}): not yet reviewed by a qualified translator; each document made from it says so on its first page"
            ))
            .in_file(file)
            .with_hint("once a qualified translator has reviewed it, change its first line to `{{!-- translation: reviewed --}}`"),
        );
    }
    let jurisdictions = results.len();
    if report.errors == 0 {
        let plural = if jurisdictions == 1 { "" } else { "s" };
        report.info(format!("checked {jurisdictions} jurisdiction{plural}: no problems, {fill_ins} unknown facts left as fill-ins"));
    } else {
        let errors = report.errors;
        report.notice(format!(
            "checked {jurisdictions} jurisdictions: {errors} problem(s)"
        ));
    }
}

/// How many jurisdictions a note names before it counts the rest.
const NAMED: usize = 3;

/// The note for a fact declared unknown at `file:line`, once, naming the jurisdictions (`ids`)
/// whose documents show it as a fill-in: a county that inherits a state's unknown is told so.
fn unknown_fact_note(file: &std::path::Path, line: usize, path: &str, ids: &[&str]) -> Diagnostic {
    let mut named = ids
        .iter()
        .take(NAMED)
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > NAMED {
        let _ = write!(named, " and {} more", ids.len() - NAMED);
    }
    Diagnostic::note(format!(
        "`{path}` is unknown for {named}; documents show a highlighted fill-in for it"
    ))
    .in_file(file)
    .at(line, None)
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
            status::DEFAULT_STALE_DAYS,
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
