//! Reading requests back: one request whole (`register show`), the open ones in order of
//! urgency (`register list`), and a request's `uid` from its number. Reads take no write lock:
//! WAL lets them run while another process writes. The same reads serve a register opened to
//! write ([`Register`]) and one opened read-only ([`ReadOnly`], the desk's): [`Reader`].

use super::query::ReadOnly;
use super::record::{Custody, CustodyEvent, DocumentSent, Entry, NewRequest, RequiredDocument};
use super::{backup, failure, Register};
use crate::diagnostic::Diagnostic;
use rusqlite::{Connection, OptionalExtension};
use std::path::Path;

/// A register's connection and file, however it was opened: what every read needs.
pub(super) struct Reader<'a> {
    pub(super) db: &'a Connection,
    pub(super) path: &'a Path,
}

impl Register {
    fn reader(&self) -> Reader<'_> {
        Reader {
            db: &self.db,
            path: &self.path,
        }
    }

    /// The `uid` of request `id`, or a message saying there is none.
    pub(super) fn uid(&self, id: i64) -> Result<String, Diagnostic> {
        self.reader().uid(id)
    }

    /// Request `id` with its outcome and audit trail.
    pub fn show(&self, id: i64) -> Result<Entry, Diagnostic> {
        self.reader().show(id)
    }

    /// The requests not closed yet, the earliest return date first (those with none last).
    pub fn open_requests(&self) -> Result<Vec<Entry>, Diagnostic> {
        self.reader().open_requests()
    }
}

impl ReadOnly {
    /// Request `id` with its outcome and audit trail, as [`Register::show`].
    pub fn show(&self, id: i64) -> Result<Entry, Diagnostic> {
        self.reader().show(id)
    }

    /// The requests not closed yet, as [`Register::open_requests`].
    pub fn open_requests(&self) -> Result<Vec<Entry>, Diagnostic> {
        self.reader().open_requests()
    }
}

impl Reader<'_> {
    fn uid(&self, id: i64) -> Result<String, Diagnostic> {
        self.db
            .query_row("SELECT uid FROM requests WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(|e| failure(self.path, "read", &e))?
            .ok_or_else(|| {
                Diagnostic::error(format!("holds no request {id}"))
                    .in_file(self.path)
                    .with_hint(
                        "`responsekit register list` shows the open requests and their numbers",
                    )
            })
    }

    fn show(&self, id: i64) -> Result<Entry, Diagnostic> {
        let uid = self.uid(id)?;
        self.entry(&uid).map_err(|e| failure(self.path, "read", &e))
    }

    fn open_requests(&self) -> Result<Vec<Entry>, Diagnostic> {
        let read = || -> rusqlite::Result<Vec<Entry>> {
            let mut stmt = self.db.prepare(
                "SELECT uid FROM requests r
                 WHERE NOT EXISTS (SELECT 1 FROM decisions d WHERE d.request_uid = r.uid)
                 ORDER BY return_date IS NULL, return_date, received, id",
            )?;
            let uids = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            uids.iter().map(|u| self.entry(u)).collect()
        };
        read().map_err(|e| failure(self.path, "read", &e))
    }

    fn entry(&self, uid: &str) -> rusqlite::Result<Entry> {
        let (id, mut request) = self.db.query_row(
            "SELECT id, jurisdiction, received_by, received, delivered, kind, form,
                    issuing_office, return_date, booking, juvenile, recorded_by
             FROM requests WHERE uid = ?1",
            [uid],
            |r| {
                Ok((
                    r.get(0)?,
                    NewRequest {
                        jurisdiction: r.get(1)?,
                        received_by: r.get(2)?,
                        received: r.get(3)?,
                        delivered: r.get(4)?,
                        kind: r.get(5)?,
                        form: r.get(6)?,
                        issuing_office: r.get(7)?,
                        return_date: r.get(8)?,
                        booking: r.get(9)?,
                        juvenile: r.get(10)?,
                        recorded_by: if r.get::<_, String>(11)? == "respond" {
                            "respond"
                        } else {
                            "add"
                        },
                        ..NewRequest::default()
                    },
                ))
            },
        )?;
        let strings = |sql: &str| -> rusqlite::Result<Vec<Vec<String>>> {
            let mut stmt = self.db.prepare(sql)?;
            let n = stmt.column_count();
            let rows = stmt
                .query_map([uid], |r| (0..n).map(|i| r.get(i)).collect())?
                .collect();
            rows
        };
        request.requested =
            strings("SELECT item FROM requested WHERE request_uid = ?1 ORDER BY item")?
                .into_iter()
                .flatten()
                .collect();
        request.documents = strings(
            "SELECT document, lang, sent_to, status, on_date FROM documents
             WHERE request_uid = ?1 ORDER BY seq",
        )?
        .into_iter()
        .map(|row| DocumentSent {
            document: row[0].clone(),
            lang: row[1].clone(),
            sent_to: backup::known(&row[2], &["issuer", "person", "public_defender", "counsel"]),
            status: backup::known(&row[3], &["draft", "prepared", "sent"]),
            on_date: row[4].clone(),
        })
        .collect();
        let outcome = strings(
            "SELECT outcome, decided_on FROM decisions WHERE request_uid = ?1
             ORDER BY seq DESC LIMIT 1",
        )?
        .into_iter()
        .next()
        .map(|row| (row[0].clone(), row[1].clone()));
        request.required = strings(
            "SELECT document, required_by FROM required_documents WHERE request_uid = ?1
             ORDER BY document",
        )?
        .into_iter()
        .map(|row| RequiredDocument {
            document: row[0].clone(),
            required_by: row[1].clone(),
        })
        .collect();
        let custody = self.custody(uid)?;
        let events =
            strings("SELECT at, action, detail FROM events WHERE request_uid = ?1 ORDER BY seq")?
                .into_iter()
                .map(|row| (row[0].clone(), row[1].clone(), row[2].clone()))
                .collect();
        Ok(Entry {
            id,
            request,
            outcome,
            custody,
            events,
        })
    }

    /// Request `uid`'s custody events, oldest first.
    fn custody(&self, uid: &str) -> rusqlite::Result<Vec<Custody>> {
        let mut stmt = self.db.prepare(
            "SELECT event, at, to_agency, offense FROM custody WHERE request_uid = ?1
             ORDER BY seq",
        )?;
        let rows = stmt
            .query_map([uid], |r| {
                let event = match r.get::<_, String>(0)?.as_str() {
                    "bail_posted" => CustodyEvent::BailPosted,
                    "released" => CustodyEvent::Released,
                    // The table's CHECK allows only these three words.
                    _ => CustodyEvent::Transferred,
                };
                Ok(Custody {
                    event,
                    at: r.get(1)?,
                    to_agency: r.get(2)?,
                    offense: r.get(3)?,
                })
            })?
            .collect();
        rows
    }
}
