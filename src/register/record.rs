//! What the register holds of a request, as values: the request as recorded ([`NewRequest`]),
//! the documents prepared for it, the outcome it was closed with, and a request as read back
//! ([`Entry`]). Keys are the words the tables' CHECK constraints allow. Nothing here can hold
//! a person's name, date of birth or address: the types have no field for them.

/// How a request was closed (`register close --outcome`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Outcome {
    /// The request was declined (the declination letter went out).
    Declined,
    /// ICE was notified (of a release date, as the law allows).
    Notified,
    /// The person was transferred to ICE custody.
    Transferred,
    /// ICE interviewed the person, who consented in writing.
    InterviewWithConsent,
    /// A court order or judicial warrant was obeyed.
    CourtOrderObeyed,
    /// Anything else.
    Other,
}

impl Outcome {
    /// Its word in the register (and on the command line).
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Declined => "declined",
            Outcome::Notified => "notified",
            Outcome::Transferred => "transferred",
            Outcome::InterviewWithConsent => "interview-with-consent",
            Outcome::CourtOrderObeyed => "court-order-obeyed",
            Outcome::Other => "other",
        }
    }
}

/// What happened to the person's custody, as the Illinois report asks (`register custody`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CustodyEvent {
    /// The person posted criminal bail.
    BailPosted,
    /// The person was released.
    Released,
    /// The person was transferred to another governmental agency's custody.
    Transferred,
}

impl CustodyEvent {
    /// Its word in the register.
    pub fn key(self) -> &'static str {
        match self {
            CustodyEvent::BailPosted => "bail_posted",
            CustodyEvent::Released => "released",
            CustodyEvent::Transferred => "transferred",
        }
    }
}

/// One custody event of the person a request is about: no name, only what happened and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Custody {
    /// What happened.
    pub event: CustodyEvent,
    /// When, as local date and time `YYYY-MM-DDTHH:MM`.
    pub at: String,
    /// For a transfer: the governmental agency into whose custody (5 ILCS 805/25(a)(2)(E)).
    pub to_agency: Option<String>,
    /// For a transfer: the offense that allowed it (Gov. Code § 7284.6(c)(2)), e.g. `PC 187`.
    pub offense: Option<String>,
}

/// A document the jurisdiction's law requires for a request (a notice to the person, to the
/// public defender), and the propositions that require it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredDocument {
    /// The document's name, e.g. `notice-simultaneous`.
    pub document: String,
    /// The registry propositions that require it, separated by `, `.
    pub required_by: String,
}

impl RequiredDocument {
    /// The notices the law of `j` requires for a request of kind `c`
    /// ([`crate::respond::required_notices`]), as the register records them.
    pub fn of(
        j: &crate::config::Jurisdiction,
        c: crate::respond::Classification,
    ) -> Vec<RequiredDocument> {
        crate::respond::required_notices(j, c)
            .into_iter()
            .map(|(document, keys)| RequiredDocument {
                document: document.to_string(),
                required_by: keys.join(", "),
            })
            .collect()
    }
}

/// One document prepared for a request: which, in which language, for whom (a role, never a
/// name), and whether it is a draft or the answer to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSent {
    /// The document's name, e.g. `letter-detainer`, `notice-simultaneous`.
    pub document: String,
    /// Its language code.
    pub lang: String,
    /// Who it goes to: `issuer`, `person`, `public_defender` or `counsel`.
    pub sent_to: &'static str,
    /// `draft`, `prepared` (written, to be sent) or `sent`.
    pub status: &'static str,
    /// The day it was written or sent (YYYY-MM-DD).
    pub on_date: String,
}

/// A request to record: what `respond` read and decided, or what `register add` was told.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewRequest {
    /// The jurisdiction that received it, e.g. `us/ca/alameda`.
    pub jurisdiction: String,
    /// The agency (role) that received it, e.g. `sheriff`.
    pub received_by: String,
    /// The day it arrived (YYYY-MM-DD).
    pub received: String,
    /// How it arrived: `email`, `mail`, `fax`, `hand` or `other`.
    pub delivered: Option<String>,
    /// What `respond` classified it as (`detainer`, …).
    pub kind: String,
    /// The form as printed.
    pub form: Option<String>,
    /// The office that issued it (never the officer's name).
    pub issuing_office: Option<String>,
    /// What it asked for (`release_date`, …).
    pub requested: Vec<String>,
    /// The date it demands an answer by.
    pub return_date: Option<String>,
    /// The booking or case number.
    pub booking: Option<String>,
    /// Whether the person is a juvenile.
    pub juvenile: bool,
    /// `respond` or `add`.
    pub recorded_by: &'static str,
    /// The documents prepared for it.
    pub documents: Vec<DocumentSent>,
    /// The documents its jurisdiction's law requires for it.
    pub required: Vec<RequiredDocument>,
}

/// A request as read back from the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its number in this register (`register show ID`).
    pub id: i64,
    /// What was recorded.
    pub request: NewRequest,
    /// Its latest outcome and the day it was decided, if closed.
    pub outcome: Option<(String, String)>,
    /// What happened to the person's custody, oldest first.
    pub custody: Vec<Custody>,
    /// Its audit trail: (UTC time, action, detail), oldest first.
    pub events: Vec<(String, String, String)>,
}

impl Entry {
    /// The documents its law requires that no document row marks as sent (in any language).
    pub fn not_sent(&self) -> Vec<&RequiredDocument> {
        let r = &self.request;
        r.required
            .iter()
            .filter(|d| {
                !r.documents
                    .iter()
                    .any(|s| s.status == "sent" && s.document == d.document)
            })
            .collect()
    }
}

/// The kinds a request is recorded as: `respond`'s classifications.
pub const KINDS: &[&str] = &[
    "administrative_subpoena",
    "detainer",
    "information_request",
    "court_order",
];
/// How a request can arrive.
pub const DELIVERIES: &[&str] = &["email", "mail", "fax", "hand", "other"];
/// What a request can ask for.
pub const ITEMS: &[&str] = &[
    "release_date",
    "home_address",
    "work_address",
    "records",
    "access",
    "interview",
    "hold",
];

/// Who each document `respond` writes goes to: the letter to the office that issued the
/// request, the notices to the person (and their counsel) or the public defender, the memo to
/// counsel.
pub(super) fn recipient(document: &str) -> &'static str {
    match document {
        "notice-simultaneous" => "person",
        "notice-public-defender" => "public_defender",
        "memo" => "counsel",
        _ => "issuer",
    }
}

impl NewRequest {
    /// What `respond` (or the desk) records of a request answered in jurisdiction `j`: the
    /// documents it prepares ([`crate::respond::answer_documents`]) in each of `langs`, and
    /// the notices its law requires, so `register list` warns until each is marked sent.
    pub fn of_answer(
        req: &crate::respond::Request,
        decision: &crate::respond::Decision,
        j: &crate::config::Jurisdiction,
        langs: &[crate::document::Lang],
        today: crate::values::IsoDate,
        draft: bool,
    ) -> NewRequest {
        let documents = crate::respond::answer_documents(j, decision.classification);
        NewRequest {
            required: RequiredDocument::of(j, decision.classification),
            ..NewRequest::answered(req, decision, &j.id, &documents, langs, today, draft)
        }
    }

    /// What `respond` records of a request it answered: `documents` (in each of `langs`)
    /// prepared on `today` as drafts or to send, or none for a court's paper. Of the person,
    /// only the booking number and whether they are a juvenile.
    pub fn answered(
        req: &crate::respond::Request,
        decision: &crate::respond::Decision,
        jurisdiction: &str,
        documents: &[&str],
        langs: &[crate::document::Lang],
        today: crate::values::IsoDate,
        draft: bool,
    ) -> NewRequest {
        let text = |t: &crate::values::Text| t.as_str().to_string();
        let documents = langs
            .iter()
            .flat_map(|lang| {
                documents.iter().map(move |doc| DocumentSent {
                    document: (*doc).to_string(),
                    lang: lang.code().to_string(),
                    sent_to: recipient(doc),
                    status: if draft { "draft" } else { "prepared" },
                    on_date: today.to_string(),
                })
            })
            .collect();
        NewRequest {
            jurisdiction: jurisdiction.to_string(),
            received_by: req.received_by.key().to_string(),
            received: req.received.to_string(),
            delivered: req.raw.delivered.map(|d| d.key().to_string()),
            kind: decision.classification.key().to_string(),
            form: req.raw.form.as_ref().map(text),
            issuing_office: Some(text(&req.issued_by.office)),
            requested: req.requested.iter().map(|i| i.key().to_string()).collect(),
            return_date: req.raw.return_date.map(|d| d.to_string()),
            booking: req.subject.booking.as_ref().map(text),
            juvenile: req.subject.juvenile,
            recorded_by: "respond",
            documents,
            required: Vec::new(),
        }
    }
}
