//! `responsekit respond`: answers one request that arrived — checks the jurisdiction and the
//! answers folder, loads and classifies the request ([`crate::respond`]), and writes the
//! letter, notices and memo as a new private folder, or nothing for a request from a court —
//! and records the request, what was prepared and the notices its law requires in the
//! register (`crate::register`), opened before anything is written so a register that cannot
//! be written stops the run first.

use super::{load, no_jurisdiction, Report, Status, TreePaths};
use crate::config::values::IsoDate;
use crate::document::Lang;
use crate::register::{NewRequest, Register};
use crate::respond::{self, Mode, Outcome};
use std::path::Path;

/// What `respond` says of a request from a court, for which it writes no letter (the desk
/// says the same, from its words tables).
pub const COURT_WARNING: &str = "WARNING: this request comes from a court (see why above). It looks like a court order or judicial warrant that may have to be obeyed.\n\
     No declination letter was written. Send it to counsel for review now, before the agency acts or lets any deadline pass.";

/// `--example`: a complete request file to start from, on standard output.
pub fn example() -> Report {
    let mut report = Report::default();
    report.stdout.push_str(respond::EXAMPLE);
    report
}

/// Where an answer is kept: the folder its own folder is written into (`--out`), and the
/// register it is recorded in (none: `--no-register`).
#[derive(Clone, Copy)]
pub struct Keep<'a> {
    /// The answers folder.
    pub out: &'a Path,
    /// The register file, unless the answer is not to be recorded.
    pub register: Option<&'a Path>,
}

/// Answers the request in the file `request`, received by jurisdiction `id`, in `langs` (empty:
/// the jurisdiction's), into a new folder in `keep.out`, counting days from `today` (default:
/// today): an answer to send, or as `mode` says a draft with its fill-ins (each one a note).
/// Records it in the register `keep.register`, a draft as a draft.
/// Ends as the answer went ([`Status::CourtOrder`] for a request a judge signed), whatever
/// else loading the tree reported: a problem in another jurisdiction does not fail it.
pub fn run(
    tree: &TreePaths,
    id: &str,
    request: &Path,
    langs: &[Lang],
    today: Option<IsoDate>,
    mode: Mode,
    keep: &Keep<'_>,
) -> Report {
    let Keep { out, register } = *keep;
    let mut report = Report::default();
    let today = today.unwrap_or_else(IsoDate::today);
    if let Err(d) = crate::config::tree::check_id(id)
        .and_then(|()| respond::check_out_dir(out, &tree.root))
        .and_then(|()| register.map_or(Ok(()), |r| respond::check_register_path(r, &tree.root)))
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
    let mut register = match register.map(Register::open).transpose() {
        Ok(r) => r,
        Err(d) => {
            report.problem(&d);
            report.notice("nothing was written");
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
    let entry = NewRequest::of_answer(&req, &decision, j, langs, today, mode == Mode::Draft);
    let files = match respond::respond(&project, j, &req, decision, langs, today, mode) {
        Ok(Outcome::CourtOrder(_)) => {
            if let Some(register) = &mut register {
                record(&mut report, register, &entry);
            }
            report.notice(COURT_WARNING);
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
            let recorded = register
                .as_mut()
                .is_none_or(|register| record(&mut report, register, &entry));
            report.end(if recorded {
                Status::Success
            } else {
                Status::Problems
            })
        }
        Err(d) => {
            report.problem(&d);
            report.end(Status::Problems)
        }
    }
}

/// Records `entry` in `register` — as the documents of the same request when it was recorded
/// before (a draft, then the answer) — and says so; false when it could not.
fn record(report: &mut Report, register: &mut Register, entry: &NewRequest) -> bool {
    match register.record_answer(entry) {
        Ok(id) => {
            report.info(format!(
                "recorded as request {id} in {}",
                register.path().display()
            ));
            true
        }
        Err(d) => {
            report.problem(&d);
            report.notice(
                "the answer is written, but it is not recorded in the register: record it with `responsekit register add`",
            );
            false
        }
    }
}
