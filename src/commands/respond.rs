//! `responsekit respond`: answers one request that arrived — checks the jurisdiction and the
//! answers folder, loads and classifies the request ([`crate::respond`]), and writes the
//! letter, notices and memo as a new private folder, or nothing for a request from a court.

use super::{load, no_jurisdiction, Report, Status, TreePaths};
use crate::config::values::IsoDate;
use crate::document::Lang;
use crate::respond::{self, Mode, Outcome};
use std::path::Path;

/// `--example`: a complete request file to start from, on standard output.
pub fn example() -> Report {
    let mut report = Report::default();
    report.stdout.push_str(respond::EXAMPLE);
    report
}

/// Answers the request in the file `request`, received by jurisdiction `id`, in `langs` (empty:
/// the jurisdiction's), into a new folder in `out`, counting days from `today` (default: today):
/// an answer to send, or as `mode` says a draft with its fill-ins (each one a note).
/// Ends as the answer went ([`Status::CourtOrder`] for a request a judge signed), whatever
/// else loading the tree reported: a problem in another jurisdiction does not fail it.
pub fn run(
    tree: &TreePaths,
    id: &str,
    request: &Path,
    langs: &[Lang],
    out: &Path,
    today: Option<IsoDate>,
    mode: Mode,
) -> Report {
    let mut report = Report::default();
    let today = today.unwrap_or_else(IsoDate::today);
    if let Err(d) =
        crate::config::tree::check_id(id).and_then(|()| respond::check_out_dir(out, &tree.root))
    {
        report.problem(&d);
        return report.end(Status::Problems);
    }
    let project = load(&mut report, tree);
    let Some((_, resolved)) = project.resolved.iter().find(|(j, _)| j == id) else {
        let ids = project.resolved.iter().map(|(j, _)| j.as_str());
        report.problem(&no_jurisdiction(format!("no jurisdiction `{id}`"), id, ids));
        return report.end(Status::Problems);
    };
    let j = match resolved {
        Ok(j) => j,
        Err(problems) => {
            report.problems(problems);
            return report.end(Status::Problems);
        }
    };
    let req = match respond::load_request(request, today) {
        Ok(r) => r,
        Err(problems) => {
            report.problems(&problems);
            return report.end(Status::Problems);
        }
    };
    let decision = match respond::classify(&req, request) {
        Ok(d) => d,
        Err(d) => {
            report.problem(&d);
            return report.end(Status::Problems);
        }
    };
    report.notice(format!(
        "classified as: {} — because {}",
        decision.classification.label(Lang::En),
        decision.reason(Lang::En)
    ));
    let langs = if langs.is_empty() {
        &j.languages
    } else {
        langs
    };
    let files = match respond::respond(&project, j, &req, decision, langs, today, mode) {
        Ok(Outcome::CourtOrder(_)) => {
            report.notice(
                "WARNING: this request comes from a court (see why above). It looks like a court order or judicial warrant that may have to be obeyed.\n\
                 No declination letter was written. Send it to counsel for review now, before the agency acts or lets any deadline pass.",
            );
            return report.end(Status::CourtOrder);
        }
        Ok(Outcome::Written(files, _, notes)) => {
            if mode == Mode::Draft && notes.is_empty() {
                report.info("every fact the answer needs is known: it is written ready to send, not as a draft");
            }
            report.problems(&notes);
            files
        }
        Err(problems) => {
            report.problems(&problems);
            report.notice("nothing was written");
            return report.end(Status::Problems);
        }
    };
    match respond::write_answer(out, req.received, &files) {
        Ok(folder) => {
            for f in &files {
                report.detail(format!("wrote {}", folder.join(&f.path).display()));
            }
            report.info(format!(
                "wrote {} files into {} (readable by you only)",
                files.len(),
                folder.display()
            ));
            report.end(Status::Success)
        }
        Err(d) => {
            report.problem(&d);
            report.end(Status::Problems)
        }
    }
}
