//! What is recorded of a request after it arrived, besides its outcome: what happened to the
//! person's custody (bail posted, release, transfer — the Illinois report's fields and the
//! California transfer count) and each document marked as actually sent. Each is a new row and
//! an audit-trail event, like every other write.

use super::record::{recipient, Custody, CustodyEvent, DocumentSent};
use super::{add_documents, event, next_seq, now_utc, Register};
use crate::diagnostic::Diagnostic;
use rusqlite::params;

impl Register {
    /// Records a custody event of request `id`'s person.
    pub fn record_custody(&mut self, id: i64, c: &Custody) -> Result<(), Diagnostic> {
        let uid = self.uid(id)?;
        self.write("write to", |tx| {
            let at = now_utc();
            let seq = next_seq(tx, "custody", &uid)?;
            tx.execute(
                "INSERT INTO custody (request_uid, seq, event, at, to_agency, offense, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![uid, seq, c.event.key(), c.at, c.to_agency, c.offense, at],
            )?;
            let to = match (&c.to_agency, c.event) {
                (Some(to), CustodyEvent::Transferred) => format!(" to {to}"),
                _ => String::new(),
            };
            let detail = format!("{} at {}{to}", c.event.key(), c.at);
            event(tx, &uid, &at, "custody", &detail)
        })
    }

    /// Marks `document` (in `lang`) of request `id` as sent on `on` (YYYY-MM-DD): a new
    /// document row with status `sent`, beside the one that says it was prepared.
    pub fn mark_sent(
        &mut self,
        id: i64,
        document: &str,
        lang: &str,
        on: &str,
    ) -> Result<(), Diagnostic> {
        let uid = self.uid(id)?;
        let sent = DocumentSent {
            document: document.to_string(),
            lang: lang.to_string(),
            sent_to: recipient(document),
            status: "sent",
            on_date: on.to_string(),
        };
        self.write("write to", |tx| {
            add_documents(tx, &uid, &now_utc(), std::slice::from_ref(&sent))
        })
    }
}
