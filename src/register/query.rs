//! Reading a register with SQL a caller names — the reports' queries — and nothing else: the
//! file is opened read-only (a report never changes a register, and runs beside a writer), and
//! a register not created yet reads as an empty one of the latest schema. Each query's named
//! parameters are bound from the text values given, those the statement does not use skipped.

use super::{failure, schema};
use crate::diagnostic::Diagnostic;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// A register opened for reading only.
pub struct ReadOnly {
    db: Connection,
    path: PathBuf,
}

impl ReadOnly {
    /// Opens the register at `path` read-only; if there is no file, an empty register in
    /// memory (a year with nothing recorded still reports its zeros).
    pub fn open(path: &Path) -> Result<ReadOnly, Diagnostic> {
        let fail = |e: rusqlite::Error| failure(path, "read", &e);
        let db = if path.exists() {
            let db = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(fail)?;
            let (version, app) = schema::stamp(&db).map_err(fail)?;
            if app != schema::APPLICATION_ID || version != schema::latest() {
                return Err(Diagnostic::error(format!(
                    "is not a register of this responsekit's version (version {version}, this one reads {}); nothing was read",
                    schema::latest()
                ))
                .in_file(path)
                .with_hint("run `responsekit register list --register PATH` once (it brings an older register up to date), or name the register with --register PATH"));
            }
            db
        } else {
            let db = Connection::open_in_memory().map_err(fail)?;
            for step in schema::MIGRATIONS {
                step(&db).map_err(fail)?;
            }
            db
        };
        Ok(ReadOnly {
            db,
            path: path.to_path_buf(),
        })
    }

    /// Its connection and file, for the reads `read` shares with [`super::Register`].
    pub(super) fn reader(&self) -> super::read::Reader<'_> {
        super::read::Reader {
            db: &self.db,
            path: &self.path,
        }
    }

    /// The rows of `sql`, each value as text (an integer in digits, null as empty), its named
    /// parameters (`:year`) bound from `params`.
    pub fn rows(&self, sql: &str, params: &[(&str, &str)]) -> Result<Vec<Vec<String>>, Diagnostic> {
        let read = || -> rusqlite::Result<Vec<Vec<String>>> {
            let mut stmt = self.db.prepare(sql)?;
            for (name, value) in params {
                if let Some(i) = stmt.parameter_index(name)? {
                    stmt.raw_bind_parameter(i, value)?;
                }
            }
            let n = stmt.column_count();
            let mut rows = stmt.raw_query();
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                let mut values = Vec::with_capacity(n);
                for i in 0..n {
                    values.push(match row.get_ref(i)? {
                        ValueRef::Null => String::new(),
                        ValueRef::Integer(v) => v.to_string(),
                        ValueRef::Real(v) => v.to_string(),
                        ValueRef::Text(t) | ValueRef::Blob(t) => {
                            String::from_utf8_lossy(t).into_owned()
                        }
                    });
                }
                out.push(values);
            }
            Ok(out)
        };
        read().map_err(|e| failure(&self.path, "read", &e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A register not created yet reads as an empty one, and creating it is not a read's
    /// business; a parameter the statement does not use is skipped, not an error.
    #[test]
    fn a_missing_register_reads_as_empty_and_is_not_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("none.sqlite");
        let r = ReadOnly::open(&path).unwrap();
        let rows = r
            .rows(
                "SELECT count(*), :year FROM custody",
                &[(":year", "2026"), (":agency", "sheriff")],
            )
            .unwrap();
        assert_eq!(rows, [["0", "2026"]]);
        assert!(!path.exists());
    }

    /// A register is read as it is, never written: a statement that writes is refused.
    #[test]
    fn a_register_is_opened_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.sqlite");
        drop(super::super::Register::open(&path).unwrap());
        let r = ReadOnly::open(&path).unwrap();
        assert_eq!(
            r.rows("SELECT count(*) FROM requests", &[]).unwrap(),
            [["0"]]
        );
        let e = r.rows("CREATE TABLE x (a)", &[]).unwrap_err().to_string();
        assert!(e.contains("readonly"), "{e}");
    }
}
