//! The checks a request can fail after it is read — a field missing, a date that cannot be, a
//! juvenile without a guardian, fields that contradict each other — as structured problems: the
//! field (its path in the request file) and what is wrong with it. The command line's English
//! message is made from one ([`Problem::diagnostic`]); so are the desk's words, next to the form
//! field that holds the value (`serve::interview`). No problem holds a value of the request.

use super::form::Form;
use super::request::RequestKind;
use crate::diagnostic::Diagnostic;
use crate::document::Lang;
use crate::yaml::Doc;
use std::path::Path;

/// What a date is measured against when the request's own `received` is not believable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Against {
    /// The day the request arrived.
    Received,
    /// Today (the request's `received` is itself wrong).
    Today,
}

impl Against {
    fn words(self) -> &'static str {
        match self {
            Against::Received => "`received`",
            Against::Today => "today",
        }
    }
}

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// The field is missing (or, for `requested`, empty).
    Missing,
    /// `received` is later than today.
    LaterThanToday,
    /// A date's year is before `earliest` (`received`, `subject.dob`): mistyped.
    TooEarly {
        /// The earliest year taken as real.
        earliest: i32,
    },
    /// `return_date` is before `received`.
    BeforeReceived,
    /// `return_date` is more than two years after `received`.
    TooLongAfterReceived,
    /// `subject.guardian` is missing for a juvenile.
    GuardianOfJuvenileMissing,
    /// `subject.dob` is later than the day the request arrived (or today).
    BornAfter(Against),
    /// `subject.juvenile` is true but `subject.dob` makes the person an adult.
    AdultMarkedJuvenile {
        /// The age from which a person is an adult.
        adult_age: i32,
        /// The day the age is counted on.
        on: Against,
    },
    /// `signed_by_judge` is true, but `kind` names a paper immigration officers sign.
    JudgeSignedOfficersPaper,
    /// `kind` names a court's paper, but `signed_by_judge` is false.
    CourtPaperNotSigned,
    /// Nothing in the request tells what it is.
    Undecided,
    /// `form` is a paper of another kind than `kind`.
    FormOfOtherKind {
        /// The form recognised.
        form: Form,
        /// The kind the request says it is.
        kind: RequestKind,
    },
    /// `requested` includes `hold`, but the request is not a detainer.
    HoldWithoutDetainer,
}

/// A check a request failed: on which field, what is wrong, and the line of the file that
/// writes it (or the line its section starts on, for a missing field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The field, as its path in a request file: `received`, `subject.dob`.
    pub field: &'static str,
    /// What is wrong with it.
    pub kind: ProblemKind,
    line: usize,
}

impl Problem {
    /// The problem `kind` on `field`, located in the request's parsed `doc`.
    pub(super) fn new(field: &'static str, kind: ProblemKind, doc: &Doc) -> Problem {
        let keys: Vec<&str> = field.split('.').collect();
        Problem {
            field,
            kind,
            line: doc.locate(&keys),
        }
    }

    /// The command line's message for it, naming `path` (the request file) and its line.
    pub fn diagnostic(&self, path: &Path) -> Diagnostic {
        let (message, hint) = self.english();
        Diagnostic::error(message)
            .in_file(path)
            .at(self.line, None)
            .with_hint(hint)
    }

    /// The message and the hint, in the command line's English.
    fn english(&self) -> (String, String) {
        let field = self.field;
        let same = |m: &str, h: &str| (m.to_string(), h.to_string());
        match self.kind {
            ProblemKind::Missing => (
                format!("`{field}` is missing"),
                format!(
                    "add it, e.g. `{}`; `responsekit respond --example` prints a complete request",
                    example(field)
                ),
            ),
            ProblemKind::LaterThanToday => same(
                "`received` is later than today",
                "check the date it arrived (YYYY-MM-DD), and the computer's date (or --today)",
            ),
            ProblemKind::TooEarly { earliest } => (
                format!("`{field}` is before {earliest}"),
                if field == "received" {
                    "check the date it arrived (YYYY-MM-DD): the year looks mistyped".into()
                } else {
                    "check the date of birth (YYYY-MM-DD)".into()
                },
            ),
            ProblemKind::BeforeReceived => same(
                "`return_date` is before `received`",
                "check both dates (YYYY-MM-DD)",
            ),
            ProblemKind::TooLongAfterReceived => same(
                "`return_date` is more than two years after `received`",
                "check both dates (YYYY-MM-DD): a request demands an answer within days or weeks",
            ),
            ProblemKind::GuardianOfJuvenileMissing => same(
                "`subject.guardian` is missing: a juvenile's parent or guardian receives every notice",
                "add `guardian: …` under `subject`",
            ),
            ProblemKind::BornAfter(than) => (
                format!("`subject.dob` is later than {}", than.words()),
                "check the date of birth (YYYY-MM-DD)".into(),
            ),
            ProblemKind::AdultMarkedJuvenile { adult_age, on } => (
                format!(
                    "`subject.juvenile` is true, but `subject.dob` makes the person {adult_age} or older on {}",
                    on.words()
                ),
                "check the date of birth, and set `juvenile: false` if the person is an adult".into(),
            ),
            ProblemKind::JudgeSignedOfficersPaper => same(
                "`signed_by_judge` is true, but `kind` names a paper that immigration officers sign",
                "check the signature: if a judge signed it, set `kind: court_order` (or `judicial_warrant`, `judicial_subpoena`); if an immigration officer signed it, set `signed_by_judge: false`",
            ),
            ProblemKind::CourtPaperNotSigned => same(
                "`kind` names a court paper, but `signed_by_judge` is false",
                "check the signature: a paper signed only by an immigration officer is not a court order; fix `kind` or `signed_by_judge`",
            ),
            ProblemKind::Undecided => same(
                "cannot tell what this request is from its fields",
                "set `kind:` to administrative_subpoena, detainer, information_request or court_order",
            ),
            ProblemKind::FormOfOtherKind { form, kind } => {
                let fitting = form.class.kind().map_or("", RequestKind::key);
                (
                    format!("`form` is {}, but `kind` is {}", form.name(Lang::En), kind.key()),
                    format!("if that is the paper, set `kind: {fitting}`; otherwise correct `form` as printed"),
                )
            }
            ProblemKind::HoldWithoutDetainer => same(
                "`requested` includes `hold`, which only a detainer asks for",
                "if the paper asks to hold the person, set `kind: detainer`; otherwise remove `hold`",
            ),
        }
    }
}

/// How a missing field is written, for the hint.
fn example(field: &str) -> &'static str {
    match field {
        "received" => "received: 2026-11-20",
        "delivered" => "delivered: email",
        "issued_by" => "issued_by: {office: …, officer: …}",
        "signed_by_judge" => "signed_by_judge: false",
        "subject" => "subject: {name: …, booking: …}",
        "received_by" => "received_by: sheriff",
        _ => "requested: [release_date, home_address]",
    }
}
