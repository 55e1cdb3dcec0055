//! `responsekit facts --unknown` (the facts to fill, as a table or a CSV sheet) and
//! `responsekit facts apply FILE` (a filled sheet written into the config files: the diff
//! shown, then every file through `build::write_back`, all or nothing, as the desk writes).

use super::{check_selection, load, Report, TreePaths};
use crate::build::write_back::{self, FileEdit, WriteRefused};
use crate::config::facts::{self, Row};
use crate::config::status::Freshness;
use crate::config::values::IsoDate;
use crate::config::Jurisdiction;
use crate::diagnostic::Diagnostic;
use crate::kit::{Project, Selection};
use crate::register::csv_text;
use std::fmt::Write as _;
use std::path::Path;

/// What `facts --unknown` lists, and how.
#[derive(Debug, Clone, Default)]
pub struct List {
    /// Only these jurisdictions and those under them (all when empty).
    pub jurisdictions: Vec<String>,
    /// Also the known facts verified more than this many days before `today`.
    pub stale_days: Option<u32>,
    /// The date to count from (default: today).
    pub today: Option<IsoDate>,
    /// The CSV sheet instead of the table.
    pub csv: bool,
}

/// Lists the facts to fill of the jurisdictions `list` selects, on standard output.
pub fn unknown(tree: &TreePaths, list: &List) -> Report {
    let mut report = Report::default();
    let project = load(&mut report, tree);
    let selection = Selection {
        jurisdictions: list.jurisdictions.clone(),
        ..Selection::default()
    };
    if !check_selection(&mut report, &project, &selection) {
        return report.finish(false);
    }
    let all: Vec<&Jurisdiction> = project
        .resolved
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .collect();
    let selected: Vec<&Jurisdiction> = all
        .iter()
        .copied()
        .filter(|j| selection.selects(&j.id))
        .collect();
    let cutoff = list.stale_days.map(|stale_days| {
        let today = list.today.unwrap_or_else(IsoDate::today);
        Freshness { stale_days, today }.cutoff()
    });
    let rows = facts::rows(&project.tree.root, &all, &selected, cutoff);
    report.stdout = if list.csv { csv(&rows) } else { table(&rows) };
    let unknown = rows
        .iter()
        .filter(|r| r.status == facts::Status::Unknown)
        .count();
    let stale = rows.len() - unknown;
    report.info(format!(
        "{unknown} unknown fact(s){}",
        if cutoff.is_some() {
            format!(", {stale} stale")
        } else {
            String::new()
        }
    ));
    report.finish(true)
}

/// `rows` as the sheet: the header, then one line per row, `value` and `source` empty, every
/// field written by the project's one CSV rule.
fn csv(rows: &[Row]) -> String {
    let mut out = facts::COLUMNS.join(",");
    out.push_str("\r\n");
    for r in rows {
        let line = r.line.to_string();
        let fields = [
            r.jurisdiction.as_str(),
            &r.county,
            &r.file,
            &line,
            &r.field,
            r.status.word(),
            &r.label,
            &r.current_value,
            "",
            "",
        ];
        out.push_str(&fields.map(csv_text).join(","));
        out.push_str("\r\n");
    }
    out
}

/// The rows as a table to read: one fact a line, grouped under its file.
fn table(rows: &[Row]) -> String {
    let mut out = String::new();
    let mut file = None;
    for r in rows {
        if file != Some(&r.file) {
            let county = if r.county.is_empty() {
                String::new()
            } else {
                format!(" ({})", r.county)
            };
            let _ = writeln!(out, "{} — {}{county}", r.file, r.jurisdiction);
            file = Some(&r.file);
        }
        let _ = writeln!(
            out,
            "  line {:<4} {:<8} {:<34} {}{}",
            r.line,
            r.status.word(),
            r.field,
            r.label,
            if r.status == facts::Status::Stale {
                format!(" — now: {}", r.current_value)
            } else {
                String::new()
            }
        );
    }
    if rows.is_empty() {
        out.push_str("No fact to fill.\n");
    }
    out
}

/// Writes the values of the filled sheet `sheet` into the tree's config files (only shows the
/// diff when `dry_run`), each verified `today` (default: today).
pub fn apply(tree: &TreePaths, sheet: &Path, dry_run: bool, today: Option<IsoDate>) -> Report {
    let mut report = Report::default();
    let text = match crate::yaml::read_text(sheet) {
        Ok(text) => text,
        Err(d) => {
            report.problem(&d);
            return report.finish(false);
        }
    };
    let filled = match facts::read_filled(sheet, &text) {
        Ok(filled) => filled,
        Err(problems) => {
            report.problems(&problems);
            report.notice("nothing written");
            return report.finish(false);
        }
    };
    if filled.is_empty() {
        report.info("no row of the sheet has a value: nothing to write");
        return report.finish(true);
    }
    let project = load(&mut report, tree);
    let files: Vec<&Path> = project
        .tree
        .nodes
        .values()
        .map(|n| n.file.as_path())
        .collect();
    let verified = today.unwrap_or_else(IsoDate::today);
    let edits = match facts::edits(&project.tree.root, &files, &filled, verified) {
        Ok(edits) => edits,
        Err(problems) => {
            report.problems(&problems);
            report.notice("nothing written");
            return report.finish(false);
        }
    };
    let plan: Vec<FileEdit> = edits
        .into_iter()
        .map(|(file, old, new)| FileEdit { file, old, new })
        .collect();
    for f in &plan {
        let name = f
            .file
            .strip_prefix(&project.tree.root)
            .unwrap_or(&f.file)
            .to_string_lossy();
        for line in write_back::diff(&name, &f.old, &f.new) {
            report.stdout.push_str(&line.text);
            report.stdout.push('\n');
        }
    }
    let (count, files) = (filled.len(), plan.len());
    if dry_run {
        report.info(format!(
            "{count} fact(s) in {files} file(s) would be written (--dry-run: nothing written)"
        ));
        return report.finish(true);
    }
    let reload = || std::sync::Arc::new(Project::load(&tree.root, tree.templates.as_deref()));
    match write_back::write(&plan, &project, &reload) {
        Ok(()) => {
            report.info(format!("wrote {count} fact(s) into {files} file(s)"));
            report.finish(true)
        }
        Err(refused) => {
            let d = match refused {
                WriteRefused::WriteFailed(file) => Diagnostic::error("the file could not be written: every file was put back as it was")
                    .in_file(file)
                    .with_hint("check that the tree can be written, then apply the sheet again"),
                WriteRefused::CheckFailed => Diagnostic::error("with these values the tree no longer passes `responsekit check`: every file was put back as it was")
                    .with_hint("run `responsekit check`, then fix the values in the sheet"),
            };
            report.problem(&d);
            report.finish(false)
        }
    }
}
