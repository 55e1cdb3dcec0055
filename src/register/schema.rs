//! The register's tables and their migrations: one function per schema version, applied in
//! order inside one transaction, the version kept in `PRAGMA user_version` and the file marked
//! as a register by `PRAGMA application_id`.
//!
//! Every table is append-only (triggers refuse UPDATE and DELETE): a change is a new row — a
//! close is a new decision and a new event — so nothing is ever silently rewritten. Rows of the
//! child tables are keyed by the request's `uid` and a number counted per request, so a row
//! means the same in every copy of a register and `import` can tell what it already holds.
//! Columns hold no name, date of birth or address of a person, nor an officer's name.

use rusqlite::Connection;

/// `PRAGMA application_id` of a register ("RSKR"): tells a register from any other SQLite file.
pub(super) const APPLICATION_ID: i32 = 0x5253_4B52;

/// The migrations, in order: `MIGRATIONS[n]` takes a register from version `n` to `n + 1`.
pub(super) const MIGRATIONS: &[fn(&Connection) -> rusqlite::Result<()>] = &[v1, v2];

/// A file's `(user_version, application_id)`: which schema version it is at, and whether it
/// is marked as a register.
pub(super) fn stamp(db: &Connection) -> rusqlite::Result<(i32, i32)> {
    let version = db.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app = db.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    Ok((version, app))
}

/// The schema version this build writes.
pub(super) fn latest() -> i32 {
    // A handful of migrations: the count always fits.
    i32::try_from(MIGRATIONS.len()).unwrap_or(i32::MAX)
}

/// The tables, in the order `export` writes them and `import` reads them back (a table after
/// the ones it references), each with the schema version that added it: an export written
/// before that version has no file of it.
pub(super) const TABLES: &[(&str, i32)] = &[
    ("requests", 1),
    ("requested", 1),
    ("decisions", 1),
    ("documents", 1),
    ("events", 1),
    ("custody", 2),
    ("required_documents", 2),
];

/// Version 1: requests, what each asked for, decisions, documents and the audit trail.
fn v1(db: &Connection) -> rusqlite::Result<()> {
    db.execute_batch(
        "CREATE TABLE requests (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL CHECK (recorded_by IN ('respond', 'add')),
            jurisdiction TEXT NOT NULL,
            received_by TEXT NOT NULL,
            received TEXT NOT NULL,
            delivered TEXT CHECK (delivered IN ('email', 'mail', 'fax', 'hand', 'other')),
            kind TEXT NOT NULL CHECK (kind IN ('administrative_subpoena', 'detainer',
                'information_request', 'court_order')),
            form TEXT,
            issuing_office TEXT,
            return_date TEXT,
            booking TEXT,
            juvenile INTEGER NOT NULL CHECK (juvenile IN (0, 1))
        ) STRICT;
        CREATE TABLE requested (
            request_uid TEXT NOT NULL REFERENCES requests(uid),
            item TEXT NOT NULL CHECK (item IN ('release_date', 'home_address', 'work_address',
                'records', 'access', 'interview', 'hold')),
            PRIMARY KEY (request_uid, item)
        ) STRICT;
        CREATE TABLE decisions (
            request_uid TEXT NOT NULL REFERENCES requests(uid),
            seq INTEGER NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('declined', 'notified', 'transferred',
                'interview-with-consent', 'court-order-obeyed', 'other')),
            decided_on TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (request_uid, seq)
        ) STRICT;
        CREATE TABLE documents (
            request_uid TEXT NOT NULL REFERENCES requests(uid),
            seq INTEGER NOT NULL,
            document TEXT NOT NULL,
            lang TEXT NOT NULL,
            sent_to TEXT NOT NULL CHECK (sent_to IN ('issuer', 'person', 'public_defender',
                'counsel')),
            status TEXT NOT NULL CHECK (status IN ('draft', 'prepared', 'sent')),
            on_date TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (request_uid, seq)
        ) STRICT;
        CREATE TABLE events (
            request_uid TEXT NOT NULL REFERENCES requests(uid),
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL,
            PRIMARY KEY (request_uid, seq)
        ) STRICT;
        CREATE INDEX requests_return_date ON requests (return_date);",
    )?;
    append_only(
        db,
        &["requests", "requested", "decisions", "documents", "events"],
    )
}

/// Triggers that refuse UPDATE and DELETE on each of `tables`.
fn append_only(db: &Connection, tables: &[&str]) -> rusqlite::Result<()> {
    for table in tables {
        db.execute_batch(&format!(
            "CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
                BEGIN SELECT RAISE(ABORT, 'the register is append-only'); END;
             CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
                BEGIN SELECT RAISE(ABORT, 'the register is append-only'); END;"
        ))?;
    }
    Ok(())
}

/// Version 2: what the states' reports ask beyond the request and its outcome. `custody`: when
/// the person posted criminal bail, was released or was transferred (date and time, as
/// 5 ILCS 805/25(a)(2)(B)–(E) asks), into which agency's custody, and the offense that allowed a
/// transfer (Gov. Code § 7284.6(c)(2)). `required_documents`: the notices the jurisdiction's law
/// requires for a request, with the propositions that require them, so `register list` can warn
/// while one is not yet marked sent.
fn v2(db: &Connection) -> rusqlite::Result<()> {
    db.execute_batch(
        "CREATE TABLE custody (
            request_uid TEXT NOT NULL REFERENCES requests(uid),
            seq INTEGER NOT NULL,
            event TEXT NOT NULL CHECK (event IN ('bail_posted', 'released', 'transferred')),
            at TEXT NOT NULL,
            to_agency TEXT,
            offense TEXT,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (request_uid, seq),
            CHECK (event = 'transferred' OR (to_agency IS NULL AND offense IS NULL))
        ) STRICT;
        CREATE TABLE required_documents (
            request_uid TEXT NOT NULL REFERENCES requests(uid),
            document TEXT NOT NULL,
            required_by TEXT NOT NULL,
            PRIMARY KEY (request_uid, document)
        ) STRICT;",
    )?;
    append_only(db, &["custody", "required_documents"])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(db: &Connection) -> i32 {
        db.query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap()
    }

    /// Every migration applies to an empty file, and each to a file left at the version before
    /// it (its tables in place): the way an older register is brought up to date.
    #[test]
    fn every_migration_applies_to_an_empty_file_and_to_the_previous_version() {
        for target in 1..=MIGRATIONS.len() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("r.sqlite");
            // A register left at the version before `target`.
            let db = Connection::open(&path).unwrap();
            for m in &MIGRATIONS[..target - 1] {
                m(&db).unwrap();
            }
            db.pragma_update(None, "user_version", i64::try_from(target - 1).unwrap())
                .unwrap();
            if target > 1 {
                // A register the earlier version wrote carries the mark.
                db.pragma_update(None, "application_id", APPLICATION_ID)
                    .unwrap();
            }
            drop(db);
            let mut db = Connection::open(&path).unwrap();
            super::super::migrate(&mut db, &path).unwrap();
            assert_eq!(version(&db), latest());
            for (table, _) in TABLES {
                let n: i64 = db
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                    .unwrap_or_else(|e| panic!("to version {target}: {table}: {e}"));
                assert_eq!(n, 0);
            }
            let check: String = db
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap();
            assert_eq!(check, "ok");
        }
    }

    /// Each table is there from the version `TABLES` says added it, not before: what `import`
    /// relies on to read an older export without that table's file.
    #[test]
    fn each_table_appears_in_the_version_tables_says() {
        let db = Connection::open_in_memory().unwrap();
        let has = |table: &str| -> bool {
            db.query_row(
                "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap()
        };
        for (n, step) in MIGRATIONS.iter().enumerate() {
            let version = i32::try_from(n + 1).unwrap();
            for &(table, added_in) in TABLES {
                assert_eq!(
                    has(table),
                    added_in < version,
                    "{table} before version {version}"
                );
            }
            step(&db).unwrap();
            for &(table, added_in) in TABLES {
                assert_eq!(
                    has(table),
                    added_in <= version,
                    "{table} at version {version}"
                );
            }
        }
    }

    #[test]
    fn a_row_cannot_be_rewritten_or_deleted() {
        let db = Connection::open_in_memory().unwrap();
        v1(&db).unwrap();
        db.execute_batch(
            "INSERT INTO requests VALUES (1, 'u', 't', 'add', 'us/ca', 'sheriff', '2026-11-20',
                NULL, 'detainer', NULL, NULL, NULL, NULL, 0)",
        )
        .unwrap();
        for sql in [
            "UPDATE requests SET kind = 'court_order'",
            "DELETE FROM requests",
        ] {
            let e = db.execute_batch(sql).unwrap_err().to_string();
            assert!(e.contains("append-only"), "{sql}: {e}");
        }
    }
}
