//! `responsekit report --year YYYY`: the annual reports of every (jurisdiction, agency) the
//! register has something for in the year, and of each `-j` named — checks `--out` (never
//! inside the tree; an existing folder only if `report` wrote it, for the same year), reads the
//! register read-only, counts and renders each report ([`crate::report`]), and writes the whole
//! folder in one step ([`crate::build::replace_folder_private`]), or nothing. Which reports
//! and their files ([`units`], [`files`]) are the desk's too (`serve`'s reports zip).

use super::{load, no_jurisdiction, Report, Status, TreePaths};
use crate::config::Role;
use crate::diagnostic::Diagnostic;
use crate::document::Lang;
use crate::kit::{OutputFile, Project, Selection};
use crate::register::query::ReadOnly;
use crate::report::{self, output, Kind};
use std::path::Path;

/// The file that marks a folder as one `report` wrote, and for which year.
pub const MARKER: &str = ".responsekit-report";

/// What `report` is asked for.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// The year, e.g. 2026.
    pub year: u16,
    /// `-j`: only these jurisdictions (and those under them), each reported even with nothing
    /// recorded (empty: every one the register has something for).
    pub jurisdictions: &'a [String],
    /// `--agency`: the agency of each `-j` named.
    pub agency: &'a str,
    /// The register to read.
    pub register: &'a Path,
    /// The reports folder to write (whole).
    pub out: &'a Path,
}

/// The marker's text for `year`.
fn marker(year: &str) -> String {
    format!("written by responsekit report\nyear: {year}\n")
}

/// Refuses an `--out` inside the tree, or an existing folder `report` did not write for `year`.
fn check_out(out: &Path, tree: &Path, year: &str) -> Result<(), Diagnostic> {
    crate::respond::refuse_inside_tree(
        ("--out", out),
        crate::build::real_path(out),
        tree,
        "reports are written outside the jurisdiction tree, which is committed and published (the default is `--out reports-YYYY`)",
    )?;
    if std::fs::symlink_metadata(out).is_err() {
        return Ok(());
    }
    match std::fs::read_to_string(out.join(MARKER)) {
        Ok(text) if text == marker(year) => Ok(()),
        Ok(text) => {
            let other = text.lines().find_map(|l| l.strip_prefix("year: ")).unwrap_or("another year");
            Err(Diagnostic::error(format!(
                "holds the reports of {other}, not {year}; nothing was written"
            ))
            .in_file(out)
            .with_hint(format!("name another folder with --out (the default is `reports-{year}`)")))
        }
        Err(_) => Err(Diagnostic::error(
            "exists and was not written by `responsekit report` (it has no .responsekit-report file); nothing was written",
        )
        .in_file(out)
        .with_hint("name a new folder with --out, or move this one away: `report` replaces only a reports folder it wrote")),
    }
}

/// The (jurisdiction, agency) pairs to report on for `year`: those the register has something
/// for in the year (those under `jurisdictions` only, when some are named), and each of
/// `jurisdictions` with `agency` even with nothing recorded; sorted.
pub fn units(
    register: &ReadOnly,
    year: &str,
    jurisdictions: &[String],
    agency: &str,
) -> Result<Vec<(String, String)>, Diagnostic> {
    let mut units = report::units(register, year)?;
    let selection = Selection {
        jurisdictions: jurisdictions.to_vec(),
        ..Selection::default()
    };
    units.retain(|(j, _)| selection.selects(j));
    for id in jurisdictions {
        let unit = (id.trim_end_matches('/').to_string(), agency.to_string());
        if !units.contains(&unit) {
            units.push(unit);
        }
    }
    units.sort();
    Ok(units)
}

/// The reports' files of `units` for `year`, in memory (`<jurisdiction>/<agency>/<lang>/…`,
/// without the folder's marker), and how many reports they are; what stops one is added to
/// `report` (which then has errors).
pub fn files(
    project: &Project,
    register: &ReadOnly,
    year: &str,
    units: &[(String, String)],
    report: &mut Report,
) -> (Vec<OutputFile>, usize) {
    let mut files = Vec::new();
    let mut reports = 0;
    for (id, agency) in units {
        let kinds = Kind::for_state(report::state_of(id));
        if kinds.is_empty() {
            report.info(format!(
                "no annual report for {id}: responsekit knows no report its law requires"
            ));
            continue;
        }
        let Some((_, resolved)) = project.resolved.iter().find(|(j, _)| j == id) else {
            let ids = project.resolved.iter().map(|(j, _)| j.as_str());
            report.problem(&no_jurisdiction(format!("no jurisdiction `{id}`"), id, ids));
            continue;
        };
        let j = match resolved {
            Ok(j) => j,
            Err(problems) => {
                report.problems(problems);
                continue;
            }
        };
        let Some(role) = Role::ALL
            .into_iter()
            .find(|r| r.key() == agency && j.agencies.contains_key(r))
        else {
            let known: Vec<&str> = j.agencies.keys().map(|r| r.key()).collect();
            report.problem(
                &Diagnostic::error(format!("`{id}` has no agency `{agency}`")).with_hint(format!(
                    "name one of its agencies with --agency: {}",
                    known.join(", ")
                )),
            );
            continue;
        };
        for &kind in kinds {
            let counted = report::count(register, kind, year, id, agency)
                .map_err(|d| vec![d])
                .and_then(|c| output::files(project, j, role, &c, Lang::all()));
            match counted {
                Ok(f) => {
                    files.extend(f);
                    reports += 1;
                }
                Err(problems) => report.problems(&problems),
            }
        }
    }
    (files, reports)
}

/// Writes the reports of `options.year` into `options.out`.
pub fn run(tree: &TreePaths, options: &Options<'_>) -> Report {
    let mut report = Report::default();
    let year = options.year.to_string();
    if let Err(d) = check_out(options.out, &tree.root, &year) {
        report.problem(&d);
        return report.end(Status::Problems);
    }
    let register = match ReadOnly::open(options.register) {
        Ok(r) => r,
        Err(d) => {
            report.problem(&d);
            return report.end(Status::Problems);
        }
    };
    let units = match units(&register, &year, options.jurisdictions, options.agency) {
        Ok(u) => u,
        Err(d) => {
            report.problem(&d);
            return report.end(Status::Problems);
        }
    };
    if units.is_empty() {
        report.problem(
            &Diagnostic::error(format!(
                "holds no request received in {year} and no custody event in it: there is nothing to report on"
            ))
            .in_file(options.register)
            .with_hint(format!("name the jurisdiction with -j ID (and its agency with --agency ROLE) to write its report for a year with no requests, e.g. `responsekit report --year {year} -j us/il/cook`; or name the register with --register PATH")),
        );
        return report.end(Status::Problems);
    }
    let project = load(&mut report, tree);
    let (reports_files, reports) = files(&project, &register, &year, &units, &mut report);
    let mut files = vec![OutputFile {
        path: MARKER.to_string(),
        bytes: marker(&year).into_bytes(),
    }];
    files.extend(reports_files);
    if report.errors > 0 {
        report.notice("nothing was written");
        return report.end(Status::Problems);
    }
    if reports == 0 {
        report.info("no report written");
        return report.end(Status::Success);
    }
    match crate::build::replace_folder_private(options.out, &files) {
        Ok(()) => {
            for f in &files[1..] {
                report.detail(format!("wrote {}", options.out.join(&f.path).display()));
            }
            let noun = if reports == 1 { "report" } else { "reports" };
            report.info(format!(
                "wrote {reports} {noun} ({} files) into {} (readable by you only)",
                files.len() - 1,
                options.out.display()
            ));
            report.end(Status::Success)
        }
        Err(e) => {
            report.problem(
                &Diagnostic::error(format!("cannot write the reports ({e}); nothing was written"))
                    .in_file(options.out)
                    .with_hint("check that the folder can be written to and the disk has room, then run `report` again"),
            );
            report.end(Status::Problems)
        }
    }
}
