//! `responsekit register add | list | show | close | export | import`: the request register's
//! commands. Each opens the register ([`crate::register`]), does one thing and reports it; the
//! register holds no personal data, so what they print can be shown.

use super::{Report, Status};
use crate::diagnostic::Diagnostic;
use crate::register::{Entry, NewRequest, Outcome, Register};
use crate::values::IsoDate;
use std::fmt::Write as _;
use std::path::Path;

/// Opens the register at `path`, or reports why not.
fn open(report: &mut Report, path: &Path) -> Option<Register> {
    match Register::open(path) {
        Ok(r) => Some(r),
        Err(d) => {
            report.problem(&d);
            None
        }
    }
}

/// Ends `report` with the outcome of `work` on the register at `path`.
fn with_register(
    path: &Path,
    work: impl FnOnce(&mut Register, &mut Report) -> Result<(), Diagnostic>,
) -> Report {
    let mut report = Report::default();
    let Some(mut register) = open(&mut report, path) else {
        return report.end(Status::Problems);
    };
    match work(&mut register, &mut report) {
        Ok(()) => report.end(Status::Success),
        Err(d) => {
            report.problem(&d);
            report.end(Status::Problems)
        }
    }
}

/// `register add`: records a request handled outside `respond` (`repeat` times: the tests'
/// way to keep a writer busy).
pub fn add(path: &Path, request: &NewRequest, repeat: u32) -> Report {
    with_register(path, |register, report| {
        for _ in 0..repeat.max(1) {
            let id = register.add(request)?;
            report.info(format!("recorded request {id} in {}", path.display()));
        }
        Ok(())
    })
}

/// One line of `register list`: number, return date, kind, who received it, when.
fn line(e: &Entry) -> String {
    let r = &e.request;
    format!(
        "{:>5}  {:<10}  {:<23}  {} {}  received {}{}\n",
        e.id,
        r.return_date.as_deref().unwrap_or("-"),
        r.kind,
        r.jurisdiction,
        r.received_by,
        r.received,
        r.booking
            .as_deref()
            .map(|b| format!("  booking {b}"))
            .unwrap_or_default()
    )
}

/// `register list`: the open requests, the most urgent return date first, with a warning for
/// each whose return date is before `today`.
pub fn list(path: &Path, today: IsoDate) -> Report {
    with_register(path, |register, report| {
        let open = register.open_requests()?;
        if open.is_empty() {
            report.info(format!("no open requests in {}", path.display()));
            return Ok(());
        }
        report
            .stdout
            .push_str("   ID  RETURN BY   KIND                     RECEIVED BY\n");
        for e in &open {
            report.stdout.push_str(&line(e));
            let passed = e.request.return_date.as_deref().and_then(IsoDate::parse);
            if let Some(date) = passed.filter(|d| *d < today) {
                report.notice(format!(
                    "WARNING: request {}'s return date {date} has passed ({} days ago)",
                    e.id,
                    (today.0 - date.0).whole_days()
                ));
            }
        }
        Ok(())
    })
}

/// `register show ID`: everything recorded of one request, with its audit trail.
pub fn show(path: &Path, id: i64) -> Report {
    with_register(path, |register, report| {
        let e = register.show(id)?;
        let r = &e.request;
        let none = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        let out = &mut report.stdout;
        let _ = writeln!(out, "request {}", e.id);
        let fields = [
            ("jurisdiction", r.jurisdiction.clone()),
            ("received by", r.received_by.clone()),
            ("received", r.received.clone()),
            ("delivered", none(&r.delivered)),
            ("kind", r.kind.clone()),
            ("form", none(&r.form)),
            ("issuing office", none(&r.issuing_office)),
            ("requested", r.requested.join(", ")),
            ("return date", none(&r.return_date)),
            ("booking", none(&r.booking)),
            ("juvenile", if r.juvenile { "yes" } else { "no" }.into()),
            ("recorded by", r.recorded_by.into()),
            (
                "outcome",
                e.outcome
                    .as_ref()
                    .map_or_else(|| "open".into(), |(o, on)| format!("{o} on {on}")),
            ),
        ];
        for (name, value) in fields {
            let _ = writeln!(out, "  {name:<15} {value}");
        }
        let _ = writeln!(out, "documents");
        for d in &r.documents {
            let _ = writeln!(
                out,
                "  {} {} ({}) for {}, {}",
                d.on_date, d.document, d.lang, d.sent_to, d.status
            );
        }
        let _ = writeln!(out, "events (UTC)");
        for (at, action, detail) in &e.events {
            let _ = writeln!(out, "  {at}  {action}: {detail}");
        }
        Ok(())
    })
}

/// `register close ID --outcome …`: records what was decided, on `on`.
pub fn close(path: &Path, id: i64, outcome: Outcome, on: IsoDate) -> Report {
    with_register(path, |register, report| {
        register.close(id, outcome, &on.to_string())?;
        report.info(format!("closed request {id}: {} on {on}", outcome.key()));
        Ok(())
    })
}

/// `register export --out DIR`: every table as CSV and JSON, into a new private folder.
pub fn export(path: &Path, out: &Path) -> Report {
    with_register(path, |register, report| {
        let files = crate::register::backup_files(&register.export()?);
        crate::build::write_new_folder_private(out, &files).map_err(|e| {
            Diagnostic::error(format!(
                "cannot write the export ({e}); nothing was written"
            ))
            .in_file(out)
            .with_hint("name a folder that does not exist yet, in a folder that can be written to")
        })?;
        report.info(format!(
            "exported the register into {} ({} files)",
            out.display(),
            files.len()
        ));
        Ok(())
    })
}

/// `register import DIR`: adds every row of an export the register does not hold yet.
/// The export is read first: one that is not an export opens (or creates) no register.
pub fn import(path: &Path, dir: &Path) -> Report {
    let tables = match crate::register::read_backup(dir) {
        Ok(t) => t,
        Err(d) => {
            let mut report = Report::default();
            report.problem(&d);
            return report.end(Status::Problems);
        }
    };
    with_register(path, |register, report| {
        let added = register.import(&tables)?;
        report.info(format!(
            "imported {added} new rows from {} into {}",
            dir.display(),
            path.display()
        ));
        Ok(())
    })
}
