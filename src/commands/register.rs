//! `responsekit register add | list | show | close | custody | sent | export | import`: the
//! request register's commands. Each opens the register ([`crate::register`]), does one thing
//! and reports it; the register holds no personal data, so what they print can be shown.

use super::{load, Report, Status, TreePaths};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::register::{
    Custody, CustodyEvent, Entry, NewRequest, Outcome, Register, RequiredDocument,
};
use crate::respond::Classification;
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

/// Ends a new report with the outcome of `work` on the register at `path`.
fn with_register(
    path: &Path,
    work: impl FnOnce(&mut Register, &mut Report) -> Result<(), Diagnostic>,
) -> Report {
    with_register_in(Report::default(), path, work)
}

/// Ends `report` with the outcome of `work` on the register at `path`.
fn with_register_in(
    mut report: Report,
    path: &Path,
    work: impl FnOnce(&mut Register, &mut Report) -> Result<(), Diagnostic>,
) -> Report {
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
/// way to keep a writer busy), with the notices the law of its jurisdiction — read from the
/// tree at `tree` — requires for it.
pub fn add(path: &Path, tree: &Path, request: &NewRequest, repeat: u32) -> Report {
    let mut report = Report::default();
    let required = match required(&mut report, tree, request) {
        Ok(r) => r,
        Err(d) => {
            report.problem(&d);
            return report.end(Status::Problems);
        }
    };
    let request = NewRequest {
        required,
        ..request.clone()
    };
    with_register_in(report, path, |register, report| {
        for _ in 0..repeat.max(1) {
            let id = register.add(&request)?;
            report.info(format!("recorded request {id} in {}", path.display()));
        }
        Ok(())
    })
}

/// The most jurisdictions an unknown id's hint lists.
const LISTED: usize = 12;

/// The documents the law of `request`'s jurisdiction requires for it, or why there is no such
/// jurisdiction in the tree at `tree`.
fn required(
    report: &mut Report,
    tree: &Path,
    request: &NewRequest,
) -> Result<Vec<RequiredDocument>, Diagnostic> {
    let id = request.jurisdiction.as_str();
    crate::config::tree::check_id(id)?;
    let project = load(
        report,
        &TreePaths {
            root: tree.to_path_buf(),
            templates: None,
        },
    );
    let Some((_, resolved)) = project.resolved.iter().find(|(j, _)| j == id) else {
        let ids: Vec<&str> = project.resolved.iter().map(|(j, _)| j.as_str()).collect();
        let mut known = ids
            .iter()
            .take(LISTED)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        if ids.len() > LISTED {
            let _ = write!(
                known,
                " and {} more (`responsekit list` shows them)",
                ids.len() - LISTED
            );
        }
        let hint = match did_you_mean(id, ids.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? The tree's jurisdictions: {known}"),
            None if ids.is_empty() => format!(
                "the tree holds no jurisdiction: name it with --jurisdictions DIR (now `{}`)",
                tree.display()
            ),
            None => format!("the tree's jurisdictions: {known}"),
        };
        return Err(Diagnostic::error(format!(
            "no jurisdiction `{id}` in the tree at {}; nothing was recorded",
            tree.display()
        ))
        .with_hint(hint));
    };
    let j = resolved.as_ref().map_err(|problems| {
        report.problems(problems);
        Diagnostic::error(format!(
            "jurisdiction `{id}` has problems (above), so the notices its law requires are not known; nothing was recorded"
        ))
        .with_hint("fix them (`responsekit check` lists them), then record the request again")
    })?;
    // As `respond` does: a request is received by one of the jurisdiction's agencies.
    if !j.agencies.keys().any(|r| r.key() == request.received_by) {
        let roles: Vec<&str> = j.agencies.keys().map(|r| r.key()).collect();
        return Err(Diagnostic::error(format!(
            "`--received-by {}` is not among the agencies of `{id}`; nothing was recorded",
            request.received_by
        ))
        .with_hint(format!(
            "use one of the agencies in its jurisdiction.yaml: {}",
            roles.join(", ")
        )));
    }
    // The command line allows only the register's kinds, each one a classification.
    Ok(Classification::from_key(&request.kind)
        .map(|c| RequiredDocument::of(j, c))
        .unwrap_or_default())
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
/// each whose return date is before `today` and for each document its law requires that is
/// not marked sent.
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
            for d in e.not_sent() {
                report.notice(format!(
                    "WARNING: request {id}: {doc} (required by {keys}) is not marked sent; once sent, run `responsekit register sent {id} {doc}`",
                    id = e.id,
                    doc = d.document,
                    keys = d.required_by
                ));
            }
        }
        Ok(())
    })
}

/// What `register show` shows of a request first, in its order: each field's name and its
/// values as recorded (none: nothing was). Its outcome, custody, documents and trail follow.
/// The desk shows the same fields in the page's words (`serve::desk`).
pub fn recorded(e: &Entry) -> [(&'static str, Vec<String>); 12] {
    let r = &e.request;
    let one = |v: &Option<String>| v.iter().cloned().collect::<Vec<_>>();
    [
        ("jurisdiction", vec![r.jurisdiction.clone()]),
        ("received_by", vec![r.received_by.clone()]),
        ("received", vec![r.received.clone()]),
        ("delivered", one(&r.delivered)),
        ("kind", vec![r.kind.clone()]),
        ("form", one(&r.form)),
        ("issuing_office", one(&r.issuing_office)),
        ("requested", r.requested.clone()),
        ("return_date", one(&r.return_date)),
        ("booking", one(&r.booking)),
        (
            "juvenile",
            vec![if r.juvenile { "yes" } else { "no" }.into()],
        ),
        ("recorded_by", vec![r.recorded_by.into()]),
    ]
}

/// `register show ID`: everything recorded of one request, with its audit trail.
pub fn show(path: &Path, id: i64) -> Report {
    with_register(path, |register, report| {
        let e = register.show(id)?;
        let out = &mut report.stdout;
        let _ = writeln!(out, "request {}", e.id);
        let outcome = e
            .outcome
            .as_ref()
            .map_or_else(|| "open".into(), |(o, on)| format!("{o} on {on}"));
        let fields = recorded(&e).into_iter().map(|(name, values)| {
            let value = if values.is_empty() {
                "-".to_string()
            } else {
                values.join(", ")
            };
            (name.replace('_', " "), value)
        });
        for (name, value) in fields.chain([("outcome".to_string(), outcome)]) {
            let _ = writeln!(out, "  {name:<15} {value}");
        }
        let r = &e.request;
        let _ = writeln!(out, "custody (local time)");
        for c in &e.custody {
            let mut line = format!("  {}  {}", c.at, c.event.key());
            if let Some(to) = &c.to_agency {
                let _ = write!(line, " to {to}");
            }
            if let Some(offense) = &c.offense {
                let _ = write!(line, ", offense {offense}");
            }
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(out, "documents");
        for d in &r.documents {
            let _ = writeln!(
                out,
                "  {} {} ({}) for {}, {}",
                d.on_date, d.document, d.lang, d.sent_to, d.status
            );
        }
        let _ = writeln!(out, "required by law");
        let not_sent = e.not_sent();
        for d in &r.required {
            let state = if not_sent.contains(&d) {
                "not marked sent"
            } else {
                "sent"
            };
            let _ = writeln!(
                out,
                "  {} (required by {}): {state}",
                d.document, d.required_by
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

/// `register custody ID --event … --at …`: records what happened to the person's custody. A
/// receiving agency and an offense belong to a transfer only; a transfer names the agency.
pub fn custody(path: &Path, id: i64, c: &Custody) -> Report {
    let transfer = c.event == CustodyEvent::Transferred;
    let blank = |v: &Option<String>| v.as_deref().is_some_and(|t| t.trim().is_empty());
    let refused = if blank(&c.to_agency) || blank(&c.offense) {
        Some(
            Diagnostic::error("--to or --offense is blank; nothing was recorded")
                .with_hint("write the agency's name after --to and the offense after --offense (e.g. `PC 187`), or leave the flag out"),
        )
    } else if transfer && c.to_agency.is_none() {
        Some(
            Diagnostic::error(
                "a transfer needs the agency the person was transferred to; nothing was recorded",
            )
            .with_hint("add --to AGENCY, e.g. `--to \"U.S. Immigration and Customs Enforcement\"`"),
        )
    } else if !transfer && (c.to_agency.is_some() || c.offense.is_some()) {
        Some(
            Diagnostic::error(format!(
                "--to and --offense belong to a transfer, not to `{}`; nothing was recorded",
                event_word(c.event)
            ))
            .with_hint("leave them out, or record the transfer with --event transferred"),
        )
    } else {
        None
    };
    if let Some(d) = refused {
        let mut report = Report::default();
        report.problem(&d);
        return report.end(Status::Problems);
    }
    with_register(path, |register, report| {
        register.record_custody(id, c)?;
        report.info(format!("recorded custody event for request {id}"));
        Ok(())
    })
}

/// `event` as the command line writes it.
fn event_word(event: CustodyEvent) -> String {
    clap::ValueEnum::to_possible_value(&event)
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

/// `register sent ID DOCUMENT`: marks a document of request `id` — one prepared for it or one
/// its law requires — as sent, in `lang`, on `on`.
pub fn sent(path: &Path, id: i64, document: &str, lang: &str, on: IsoDate) -> Report {
    with_register(path, |register, report| {
        let e = register.show(id)?;
        let mut known: Vec<&str> = e
            .request
            .documents
            .iter()
            .map(|d| d.document.as_str())
            .chain(e.request.required.iter().map(|d| d.document.as_str()))
            .collect();
        known.sort_unstable();
        known.dedup();
        if !known.contains(&document) {
            let hint = if known.is_empty() {
                format!("request {id} has no document recorded or required: `responsekit register show {id}` shows what it holds")
            } else {
                format!("name one of request {id}'s documents: {}", known.join(", "))
            };
            return Err(Diagnostic::error(format!(
                "request {id} has no document `{document}`; nothing was recorded"
            ))
            .in_file(path)
            .with_hint(hint));
        }
        register.mark_sent(id, document, lang, &on.to_string())?;
        report.info(format!(
            "marked {document} ({lang}) of request {id} as sent on {on}"
        ));
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
