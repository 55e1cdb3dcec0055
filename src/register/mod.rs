//! The request register: an SQLite file (one per agency folder) of every DHS request the
//! agency received, what was decided and which documents were prepared — the record the
//! states' annual reports are counted from. A stage beside `respond`: `respond` and the
//! `register` commands write it; nothing else does.
//!
//! This module owns opening a register (created on first use with mode 0600 before anything is
//! written; WAL, foreign keys, a busy timeout so two writers wait for each other instead of
//! failing; migrations, [`schema`]) and every read and write of it, each write one immediate
//! transaction: a crash leaves the register as it was before the write or after it. `record`
//! holds the values, `read` reads requests back, `followup` what is recorded after a request
//! arrived, `backup` the export and import. Failures are [`Diagnostic`]s naming the file and
//! what to do.

mod backup;
mod followup;
pub mod query;
mod read;
mod record;
mod schema;

pub use backup::{csv_text, files as backup_files, read as read_backup, Table};
pub use record::{
    Custody, CustodyEvent, DocumentSent, Entry, NewRequest, Outcome, RequiredDocument, DELIVERIES,
    ITEMS, KINDS,
};

use crate::diagnostic::Diagnostic;
use rusqlite::{params, Connection, ErrorCode, OptionalExtension, ToSql, TransactionBehavior};
use std::path::{Path, PathBuf};

/// The register's file name in the agency's folder, when `--register` is not given.
pub const DEFAULT_FILE: &str = "register.sqlite";

/// How long a writer waits for another one to finish before giving up (rusqlite's default is
/// 5 s: a long import by another process can take more).
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// An open register.
pub struct Register {
    db: Connection,
    path: PathBuf,
}

/// The UTC time now, to the second, as every event records it.
pub(super) fn now_utc() -> String {
    let now = time::OffsetDateTime::now_utc();
    let format =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    now.format(&format).unwrap_or_default()
}

/// A request's `uid`: unique across registers (the time to the nanosecond, the process and a
/// count of this process), so rows copied between registers keep meaning the same request.
fn new_uid() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let mut h = crate::digest::PartsHasher::default();
    let nanos = time::OffsetDateTime::now_utc().unix_timestamp_nanos();
    h.part("time", &nanos.to_le_bytes());
    h.part("process", &std::process::id().to_le_bytes());
    h.part(
        "count",
        &COUNT.fetch_add(1, Ordering::Relaxed).to_le_bytes(),
    );
    h.finish()[..20].to_string()
}

/// The message for an SQLite failure on `path` while `doing` something.
fn failure(path: &Path, doing: &str, e: &rusqlite::Error) -> Diagnostic {
    let d = Diagnostic::error(format!("cannot {doing} the register ({e})")).in_file(path);
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Diagnostic::error(format!(
            "is not a register (not an SQLite database); cannot {doing} it"
        ))
        .in_file(path)
        .with_hint("name the register file with --register PATH (the default is `register.sqlite`), or move this file away"),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => d.with_hint(
            "another program holds the register locked: wait for it to finish, then run the command again",
        ),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => d
            .with_hint("the register (or its folder) cannot be written: check its owner and permissions, or name another with --register PATH"),
        Some(ErrorCode::ConstraintViolation) => {
            d.with_hint("a value is not one the register accepts: check the command's --help for the allowed words")
        }
        _ => d.with_hint("check that the disk has room and the file is the register, then run the command again"),
    }
}

/// Creates the file with mode 0600 if it does not exist, before SQLite writes anything to it
/// (SQLite gives its `-wal` and `-shm` files the database file's mode).
fn create_private(path: &Path) -> Result<(), Diagnostic> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Diagnostic::error(format!("cannot create the register ({e})"))
            .in_file(path)
            .with_hint("check that its folder exists and can be written to, or name another with --register PATH")),
    }
}

/// Brings `db` to the latest schema, refusing a file that is not a register or one written by
/// a newer responsekit.
fn migrate(db: &mut Connection, path: &Path) -> Result<(), Diagnostic> {
    let fail = |e: rusqlite::Error| failure(path, "open", &e);
    let tx = db
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(fail)?;
    let (version, app) = schema::stamp(&tx).map_err(fail)?;
    let tables: i64 = tx
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(fail)?;
    if app != schema::APPLICATION_ID && (version != 0 || tables != 0) {
        return Err(Diagnostic::error(
            "is an SQLite database, but not a responsekit register; nothing was changed",
        )
        .in_file(path)
        .with_hint(
            "name the register file with --register PATH (the default is `register.sqlite`)",
        ));
    }
    let latest = schema::latest();
    if version > latest {
        return Err(Diagnostic::error(format!(
            "was written by a newer responsekit (register version {version}; this one reads up to {latest}); nothing was changed"
        ))
        .in_file(path)
        .with_hint("update responsekit to the version that wrote it"));
    }
    for (n, step) in schema::MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(version).unwrap_or(0))
    {
        step(&tx).map_err(fail)?;
        tx.pragma_update(
            None,
            "user_version",
            i64::try_from(n + 1).unwrap_or(i64::MAX),
        )
        .map_err(fail)?;
    }
    if app != schema::APPLICATION_ID {
        tx.pragma_update(None, "application_id", schema::APPLICATION_ID)
            .map_err(fail)?;
    }
    tx.commit().map_err(fail)
}

impl Register {
    /// Opens the register at `path`, creating it (mode 0600) on first use.
    pub fn open(path: &Path) -> Result<Register, Diagnostic> {
        create_private(path)?;
        let fail = |e: rusqlite::Error| failure(path, "open", &e);
        let mut db = Connection::open(path).map_err(fail)?;
        db.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;
        db.pragma_update(None, "foreign_keys", true).map_err(fail)?;
        // WAL: readers never wait for a writer; `synchronous=FULL` makes each commit durable.
        let _: String = db
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(fail)?;
        db.pragma_update(None, "synchronous", "FULL")
            .map_err(fail)?;
        migrate(&mut db, path)?;
        Ok(Register {
            db,
            path: path.to_path_buf(),
        })
    }

    /// The file it was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` as one immediate transaction (it waits for another writer, then holds the
    /// write lock): all of it is written, or none.
    pub(super) fn write<T>(
        &mut self,
        doing: &str,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>,
    ) -> Result<T, Diagnostic> {
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| failure(&path, doing, &e);
        let tx = self
            .db
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        let value = work(&tx).map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(value)
    }

    /// Records a request and its documents; returns its number in this register.
    pub fn add(&mut self, r: &NewRequest) -> Result<i64, Diagnostic> {
        self.write("write to", |tx| {
            let uid = new_uid();
            let at = now_utc();
            tx.execute(
                "INSERT INTO requests (uid, recorded_at, recorded_by, jurisdiction, received_by,
                    received, delivered, kind, form, issuing_office, return_date, booking, juvenile)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                rusqlite::params_from_iter(
                    [&uid as &dyn ToSql, &at, &r.recorded_by]
                        .into_iter()
                        .chain(facts(r)),
                ),
            )?;
            let id = tx.last_insert_rowid();
            for item in &r.requested {
                tx.execute(
                    "INSERT OR IGNORE INTO requested (request_uid, item) VALUES (?1, ?2)",
                    params![uid, item],
                )?;
            }
            event(tx, &uid, &at, "recorded", &format!("by {}", r.recorded_by))?;
            for d in &r.required {
                tx.execute(
                    "INSERT OR IGNORE INTO required_documents (request_uid, document, required_by)
                     VALUES (?1, ?2, ?3)",
                    params![uid, d.document, d.required_by],
                )?;
            }
            add_documents(tx, &uid, &at, &r.documents)?;
            Ok(id)
        })
    }

    /// Adds documents to request `id` (a draft, or an answer written later).
    pub fn add_documents(&mut self, id: i64, docs: &[DocumentSent]) -> Result<(), Diagnostic> {
        let uid = self.uid(id)?;
        self.write("write to", |tx| add_documents(tx, &uid, &now_utc(), docs))
    }

    /// Records what `respond` (or the desk) prepared for a request: as more documents of the
    /// same request when it was recorded before (a draft, then the answer), else as a new
    /// request. Returns its number.
    pub fn record_answer(&mut self, entry: &NewRequest) -> Result<i64, Diagnostic> {
        match self.find_same(entry)? {
            Some(id) => self.add_documents(id, &entry.documents).map(|()| id),
            None => self.add(entry),
        }
    }

    /// The number of the request recorded with these same facts, if one was (a draft answered
    /// again, or a request answered a second time): its documents are added to it.
    pub fn find_same(&self, r: &NewRequest) -> Result<Option<i64>, Diagnostic> {
        self.db
            .query_row(
                "SELECT id FROM requests WHERE jurisdiction = ?1 AND received_by = ?2
                   AND received = ?3 AND delivered IS ?4 AND kind = ?5 AND form IS ?6
                   AND issuing_office IS ?7 AND return_date IS ?8 AND booking IS ?9
                   AND juvenile = ?10
                 ORDER BY id DESC LIMIT 1",
                rusqlite::params_from_iter(facts(r)),
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| failure(&self.path, "read", &e))
    }

    /// Closes request `id` with `outcome`, decided on `on` (YYYY-MM-DD). Closing again records
    /// the new outcome beside the earlier one (the latest counts).
    pub fn close(&mut self, id: i64, outcome: Outcome, on: &str) -> Result<(), Diagnostic> {
        let uid = self.uid(id)?;
        self.write("write to", |tx| {
            let at = now_utc();
            let seq = next_seq(tx, "decisions", &uid)?;
            tx.execute(
                "INSERT INTO decisions (request_uid, seq, outcome, decided_on, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![uid, seq, outcome.key(), on, at],
            )?;
            event(
                tx,
                &uid,
                &at,
                "closed",
                &format!("{} on {on}", outcome.key()),
            )
        })
    }
}

/// What was recorded of a request, in the order of the `requests` columns from
/// `jurisdiction` on: what tells one request from another.
fn facts(r: &NewRequest) -> [&dyn ToSql; 10] {
    [
        &r.jurisdiction,
        &r.received_by,
        &r.received,
        &r.delivered,
        &r.kind,
        &r.form,
        &r.issuing_office,
        &r.return_date,
        &r.booking,
        &r.juvenile,
    ]
}

/// The next number of a row of request `uid` in `table` (a child table keyed by it).
pub(super) fn next_seq(
    tx: &rusqlite::Transaction<'_>,
    table: &str,
    uid: &str,
) -> rusqlite::Result<i64> {
    tx.query_row(
        &format!("SELECT coalesce(max(seq), 0) + 1 FROM {table} WHERE request_uid = ?1"),
        [uid],
        |r| r.get(0),
    )
}

/// Appends an event to request `uid`'s audit trail.
pub(super) fn event(
    tx: &rusqlite::Transaction<'_>,
    uid: &str,
    at: &str,
    action: &str,
    detail: &str,
) -> rusqlite::Result<()> {
    let seq = next_seq(tx, "events", uid)?;
    tx.execute(
        "INSERT INTO events (request_uid, seq, at, action, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![uid, seq, at, action, detail],
    )?;
    Ok(())
}

pub(super) fn add_documents(
    tx: &rusqlite::Transaction<'_>,
    uid: &str,
    at: &str,
    docs: &[DocumentSent],
) -> rusqlite::Result<()> {
    for d in docs {
        let seq = next_seq(tx, "documents", uid)?;
        tx.execute(
            "INSERT INTO documents (request_uid, seq, document, lang, sent_to, status, on_date,
                recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![uid, seq, d.document, d.lang, d.sent_to, d.status, d.on_date, at],
        )?;
        let detail = format!(
            "{} ({}) for {}, {}",
            d.document, d.lang, d.sent_to, d.status
        );
        event(tx, uid, at, "document", &detail)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What SQLite reports as a lock or a refusal to write becomes a message that names the
    /// register and says what to do.
    #[test]
    fn a_locked_or_readonly_register_is_named_with_what_to_do() {
        // As SQLite reports them: the code, and its own words.
        let sqlite = |code: i32, words: &str| {
            rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), Some(words.into()))
        };
        let path = Path::new("register.sqlite");
        let busy = failure(
            path,
            "write to",
            &sqlite(rusqlite::ffi::SQLITE_BUSY, "database is locked"),
        );
        assert_eq!(
            busy.to_string(),
            "error: register.sqlite: cannot write to the register (database is locked)\n  \
             hint: another program holds the register locked: wait for it to finish, then run the command again"
        );
        let readonly = failure(
            path,
            "write to",
            &sqlite(
                rusqlite::ffi::SQLITE_READONLY,
                "attempt to write a readonly database",
            ),
        );
        assert_eq!(
            readonly.to_string(),
            "error: register.sqlite: cannot write to the register (attempt to write a readonly database)\n  \
             hint: the register (or its folder) cannot be written: check its owner and permissions, or name another with --register PATH"
        );
    }
}
