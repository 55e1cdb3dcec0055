//! The request file: its format (the types a request YAML is read into; `redact` also takes
//! the names it may quote from them), reading and parsing it, and the checks a parsed request
//! must pass before it is classified (required fields, believable dates, a juvenile's
//! guardian), each failed one a structured `Problem`. Parser messages pass through `redact`
//! first: no value of the file reaches a message.

use super::problem::{Against, Problem, ProblemKind};
use super::redact::redact;
use crate::config::values::{present, IsoDate, Text};
use crate::config::Role;
use crate::diagnostic::Diagnostic;
use crate::document::Lang;
// `Text` here is the value type; the engine's strings are `i18n::Text`.
use crate::i18n::{self, Text as Say};
use crate::yaml::Doc;
use schemars::JsonSchema;
use serde::Deserialize;
use std::path::Path;

/// The request file, as written.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRequest {
    /// What the paper says it is; leave it out to let responsekit decide from the other fields.
    #[serde(default, deserialize_with = "present")]
    pub kind: Option<RequestKind>,
    /// The day it arrived (YYYY-MM-DD).
    #[serde(default, deserialize_with = "present")]
    pub received: Option<IsoDate>,
    /// How it arrived.
    #[serde(default, deserialize_with = "present")]
    pub delivered: Option<Delivery>,
    /// The office and officer that issued it.
    #[serde(default, deserialize_with = "present")]
    pub issued_by: Option<Issuer>,
    /// The form number as printed on it, e.g. `I-247A`.
    #[serde(default, deserialize_with = "present")]
    pub form: Option<Text>,
    /// Whether a judge (not an immigration officer) signed it.
    #[serde(default, deserialize_with = "present")]
    pub signed_by_judge: Option<bool>,
    /// The person it is about.
    #[serde(default, deserialize_with = "present")]
    pub subject: Option<Subject>,
    /// What it asks for.
    #[serde(default, deserialize_with = "present")]
    pub requested: Option<Vec<Item>>,
    /// Any date it demands an answer or compliance by.
    #[serde(default, deserialize_with = "present")]
    pub return_date: Option<IsoDate>,
    /// The agency (role in the jurisdiction config) that received it.
    #[serde(default, deserialize_with = "present")]
    pub received_by: Option<Role>,
    /// Who will sign the answer, when the jurisdiction config does not name them.
    #[serde(default, deserialize_with = "present")]
    pub signed_by: Option<Signer>,
    /// The numbers ICE printed on the request, repeated in the answer's "Re:" line.
    #[serde(default, deserialize_with = "present")]
    pub identifiers: Option<Identifiers>,
    /// How the answer will be sent (its delivery line).
    #[serde(default, deserialize_with = "present")]
    pub reply_by: Option<Delivery>,
}

/// ICE's own numbers for a request: each optional, each printed only when given.
#[derive(Debug, Default, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Identifiers {
    /// The person's alien registration number (A-number), as printed.
    #[serde(default, deserialize_with = "present")]
    pub a_number: Option<Text>,
    /// ICE's subject ID.
    #[serde(default, deserialize_with = "present")]
    pub subject_id: Option<Text>,
    /// ICE's event number.
    #[serde(default, deserialize_with = "present")]
    pub event_number: Option<Text>,
    /// The detainer's or subpoena's own number.
    #[serde(default, deserialize_with = "present")]
    pub document_number: Option<Text>,
}

/// What a request says it is (`kind:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// A subpoena signed by an immigration officer, not by a judge.
    AdministrativeSubpoena,
    /// A detainer (such as form I-247A): hold the person, or say when they are released.
    Detainer,
    /// A request for information or records about the person.
    InformationRequest,
    /// A warrant signed by a judge.
    JudicialWarrant,
    /// An order signed by a judge.
    CourtOrder,
    /// A subpoena issued by a court.
    JudicialSubpoena,
}

impl RequestKind {
    /// Its name in a request file.
    pub fn key(self) -> &'static str {
        match self {
            RequestKind::AdministrativeSubpoena => "administrative_subpoena",
            RequestKind::Detainer => "detainer",
            RequestKind::InformationRequest => "information_request",
            RequestKind::JudicialWarrant => "judicial_warrant",
            RequestKind::CourtOrder => "court_order",
            RequestKind::JudicialSubpoena => "judicial_subpoena",
        }
    }
}

/// How a paper travels: how the request arrived (`delivered:`), or how the answer goes
/// (`reply_by:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// By email.
    Email,
    /// By post.
    Mail,
    /// By fax.
    Fax,
    /// By hand.
    Hand,
    /// Some other way.
    Other,
}

impl Delivery {
    /// Its name in a request file (and in the register).
    pub fn key(self) -> &'static str {
        match self {
            Delivery::Email => "email",
            Delivery::Mail => "mail",
            Delivery::Fax => "fax",
            Delivery::Hand => "hand",
            Delivery::Other => "other",
        }
    }

    /// The delivery line of a letter sent this way.
    pub fn label(self, lang: Lang) -> &'static str {
        i18n::t(
            lang,
            match self {
                Delivery::Email => Say::DeliveryEmail,
                Delivery::Mail => Say::DeliveryMail,
                Delivery::Fax => Say::DeliveryFax,
                Delivery::Hand => Say::DeliveryHand,
                Delivery::Other => Say::DeliveryOther,
            },
        )
    }
}

/// Who issued a request, as printed on it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// e.g. "ICE Enforcement and Removal Operations, San Francisco Field Office".
    pub office: Text,
    /// The officer's name and title as printed.
    pub officer: Text,
}

/// The person a request is about. Their details go into the answer, never into a message.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// Their full name, as printed on the request.
    pub name: Text,
    /// Their date of birth (YYYY-MM-DD), if the request gives it.
    #[serde(default, deserialize_with = "present")]
    pub dob: Option<IsoDate>,
    /// Booking or case number.
    #[serde(default, deserialize_with = "present")]
    pub booking: Option<Text>,
    /// Whether the person is a minor in the juvenile system.
    #[serde(default)]
    pub juvenile: bool,
    /// Parent or guardian (required for a juvenile).
    #[serde(default, deserialize_with = "present")]
    pub guardian: Option<Text>,
    /// The person's attorney, if known.
    #[serde(default, deserialize_with = "present")]
    pub attorney: Option<Text>,
}

/// Who signs the answer.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// Their full name.
    pub name: Text,
    /// Their title, e.g. "County Counsel".
    pub title: Text,
}

/// One thing a request asks for (`requested:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    /// The person's release date and time.
    ReleaseDate,
    /// The person's home address.
    HomeAddress,
    /// The person's work address.
    WorkAddress,
    /// Records or files about the person.
    Records,
    /// Access to the person or to the facility.
    Access,
    /// An interview of the person.
    Interview,
    /// Keeping the person in custody past their release.
    Hold,
}

impl Item {
    /// Its name in a request file (and in the register).
    pub fn key(self) -> &'static str {
        match self {
            Item::ReleaseDate => "release_date",
            Item::HomeAddress => "home_address",
            Item::WorkAddress => "work_address",
            Item::Records => "records",
            Item::Access => "access",
            Item::Interview => "interview",
            Item::Hold => "hold",
        }
    }

    /// What the request asks for, in running text.
    pub(super) fn label(self, lang: Lang) -> &'static str {
        i18n::t(
            lang,
            match self {
                Item::ReleaseDate => Say::RequestedReleaseDate,
                Item::HomeAddress => Say::RequestedHomeAddress,
                Item::WorkAddress => Say::RequestedWorkAddress,
                Item::Records => Say::RequestedRecords,
                Item::Access => Say::RequestedAccess,
                Item::Interview => Say::RequestedInterview,
                Item::Hold => Say::RequestedHold,
            },
        )
    }
}

/// A request checked for completeness; only field names ever reach a message.
#[derive(Debug)]
pub struct Request {
    /// The file as written, less `issued_by`, `subject` and `requested` (moved below).
    pub raw: RawRequest,
    /// The day it arrived: not after today, not before 2000.
    pub received: IsoDate,
    /// Who issued it.
    pub issued_by: Issuer,
    /// The person it is about (a juvenile always with a guardian).
    pub subject: Subject,
    /// What it asks for: never empty.
    pub requested: Vec<Item>,
    /// Whether a judge signed it.
    pub signed_by_judge: bool,
    /// The agency that received it.
    pub received_by: Role,
    /// The file as it was parsed, once: classification locates its messages in it, as reading
    /// did (the path could name another file, or a pipe, by now).
    pub(super) doc: Doc,
}

/// The earliest year a request can have arrived: older papers are a typing mistake.
const EARLIEST_RECEIVED: i32 = 2000;
/// The earliest year of birth taken as real.
const EARLIEST_DOB: i32 = 1900;
/// How far after its arrival a request's return date can be (two years).
const MAX_RETURN_DAYS: i64 = 2 * 366;
/// The age from which a person is no longer a juvenile.
const ADULT_AGE: i32 = 18;

/// A person's age in whole years on `day`.
fn age_on(dob: IsoDate, day: IsoDate) -> i32 {
    let (born, on) = (dob.0, day.0);
    let birthday_to_come = (on.month() as u8, on.day()) < (born.month() as u8, born.day());
    on.year() - born.year() - i32::from(birthday_to_come)
}

/// Reads and checks a request file.
pub fn load_request(path: &Path, today: IsoDate) -> Result<Request, Vec<Diagnostic>> {
    // Reading fails on the file as a whole (size, encoding, access): no value is in the message.
    let text = crate::yaml::read_text(path).map_err(|d| vec![d])?;
    parse_request(path, &text, today)
}

/// Checks the text of a request file (read from `path`, named in messages). Pure: reads
/// nothing, so it is also what the `request` fuzz target calls.
pub fn parse_request(path: &Path, text: &str, today: IsoDate) -> Result<Request, Vec<Diagnostic>> {
    check_request(path, text, today).map_err(|r| r.diagnostics(path))
}

/// Why a request's text was refused: it could not be read as a request at all (its YAML, a
/// field's type, a key no request has: the parser's messages, redacted), or it was read and
/// failed the checks, each a [`Problem`] on its field.
#[derive(Debug)]
pub enum Rejected {
    /// The parser's messages, without a value of the file.
    Unreadable(Vec<Diagnostic>),
    /// The checks it failed, in the order they are reported.
    Problems(Vec<Problem>),
}

impl Rejected {
    /// The command line's messages, naming `path`.
    pub fn diagnostics(self, path: &Path) -> Vec<Diagnostic> {
        match self {
            Rejected::Unreadable(d) => d,
            Rejected::Problems(p) => p.iter().map(|p| p.diagnostic(path)).collect(),
        }
    }
}

/// [`parse_request`], with the failed checks as structured problems (what the desk puts next
/// to each field).
pub fn check_request(path: &Path, text: &str, today: IsoDate) -> Result<Request, Rejected> {
    // First as plain YAML: syntax, duplicate keys, alias bombs and deep nesting are reported
    // as such, before a misplaced key could hide them.
    let doc = crate::yaml::parse_doc_private(path, text)
        .map_err(|d| Rejected::Unreadable(vec![redact(d)]))?;
    let mut raw: RawRequest = doc
        .deserialize_private(path, text)
        .map_err(|problems| Rejected::Unreadable(problems.into_iter().map(redact).collect()))?;
    let mut problems = Vec::new();
    let mut problem = |field: &'static str, kind: ProblemKind| {
        problems.push(Problem::new(field, kind, &doc));
    };
    let received = raw.received;
    let issued_by = raw.issued_by.take();
    let subject = raw.subject.take();
    let requested = raw.requested.take();
    let signed = raw.signed_by_judge;
    let received_by = raw.received_by;
    let given_fields = [
        ("received", received.is_some()),
        ("delivered", raw.delivered.is_some()),
        ("issued_by", issued_by.is_some()),
        ("signed_by_judge", signed.is_some()),
        ("subject", subject.is_some()),
        ("received_by", received_by.is_some()),
        (
            "requested",
            requested.as_ref().is_some_and(|l| !l.is_empty()),
        ),
    ];
    for (field, given) in given_fields {
        if !given {
            problem(field, ProblemKind::Missing);
        }
    }
    if let Some(r) = received {
        if r > today {
            problem("received", ProblemKind::LaterThanToday);
        }
        if r.0.year() < EARLIEST_RECEIVED {
            let earliest = EARLIEST_RECEIVED;
            problem("received", ProblemKind::TooEarly { earliest });
        }
    }
    // The other dates are measured against `received` only once it is itself believable.
    let arrived = received.filter(|r| *r <= today && r.0.year() >= EARLIEST_RECEIVED);
    if let Some(r) = arrived {
        if let Some(ret) = raw.return_date {
            if ret < r {
                problem("return_date", ProblemKind::BeforeReceived);
            } else if (ret.0 - r.0).whole_days() > MAX_RETURN_DAYS {
                problem("return_date", ProblemKind::TooLongAfterReceived);
            }
        }
    }
    if let Some(s) = &subject {
        if s.juvenile && s.guardian.is_none() {
            problem("subject.guardian", ProblemKind::GuardianOfJuvenileMissing);
        }
        if let Some(dob) = s.dob {
            // Born after the request arrived (or, without a good `received`, after today).
            let (latest, than) = match arrived {
                Some(r) => (r, Against::Received),
                None => (today, Against::Today),
            };
            if dob > latest {
                problem("subject.dob", ProblemKind::BornAfter(than));
            } else if dob.0.year() < EARLIEST_DOB {
                let earliest = EARLIEST_DOB;
                problem("subject.dob", ProblemKind::TooEarly { earliest });
            } else if s.juvenile && age_on(dob, latest) >= ADULT_AGE {
                let kind = ProblemKind::AdultMarkedJuvenile {
                    adult_age: ADULT_AGE,
                    on: than,
                };
                problem("subject.dob", kind);
            }
        }
    }
    match (received, issued_by, subject, requested, signed, received_by) {
        (
            Some(received),
            Some(issued_by),
            Some(subject),
            Some(requested),
            Some(signed_by_judge),
            Some(received_by),
        ) if problems.is_empty() => Ok(Request {
            raw,
            received,
            issued_by,
            subject,
            requested,
            signed_by_judge,
            received_by,
            doc,
        }),
        _ => Err(Rejected::Problems(problems)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A request reads through its parsed `Doc` exactly as `yaml_serde` reads its text, for the
    /// example and every mistaken variant of it.
    #[test]
    fn a_request_reads_through_its_doc_as_from_its_text() {
        let path = Path::new("request.yaml");
        crate::yaml::testing::reads_as_text::<RawRequest>(path, super::super::EXAMPLE, true);
    }

    #[test]
    fn an_age_counts_whole_years_up_to_the_birthday() {
        let d = |s: &str| IsoDate::parse(s).unwrap();
        assert_eq!(age_on(d("2008-11-20"), d("2026-11-19")), 17);
        assert_eq!(age_on(d("2008-11-20"), d("2026-11-20")), 18);
        assert_eq!(age_on(d("2008-02-29"), d("2026-02-28")), 17);
    }
}
