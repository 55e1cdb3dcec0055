//! The request the interview's answers make, checked as `respond` checks it: the desk's own
//! checks of each field's format first (a date not YYYY-MM-DD, a required text left empty, a
//! choice outside its list, a character no document may hold), then the answers written as a
//! request file — one field a line, each text quoted — and read by `respond::check_request`
//! and `respond::decide`, so the desk and the command line accept and refuse the same
//! requests. Each problem is put on the form field that holds the value, in the page's words.

use super::fields::{one, Answers, Errors};
use super::Interview;
use crate::config::values::IsoDate;
use crate::document::Lang;
use crate::respond::{self, Against, Decision, Form, Problem, ProblemKind, Rejected};
use std::fmt::Write as _;
use std::path::Path;

/// The forms the paper step offers (`form`), as the radio values.
pub(crate) const FORMS: &[&str] = &[
    "I-247A", "I-200", "I-205", "I-203", "I-138", "court", "none", "other",
];

/// How a field's value is checked before the request is read.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Date,
    /// One of these values.
    One(&'static [&'static str]),
    /// Any of these values.
    Many(&'static [&'static str]),
    /// A single checkbox: `yes`.
    Yes,
}

/// A field of a step: its name, how it is checked, and whether it must be given.
struct Field {
    name: &'static str,
    kind: Kind,
    required: bool,
}

const fn field(name: &'static str, kind: Kind, required: bool) -> Field {
    Field {
        name,
        kind,
        required,
    }
}

/// The paper step's fields, in the order the page shows them.
const PAPER: &[Field] = &[
    field("signed_by_judge", Kind::One(&["yes", "no"]), true),
    field("form", Kind::One(FORMS), true),
    field("form_other", Kind::Text, false),
    field("requested", Kind::Many(crate::register::ITEMS), true),
    field("received", Kind::Date, true),
    field("return_date", Kind::Date, false),
    field("delivered", Kind::One(crate::register::DELIVERIES), true),
    field("office", Kind::Text, true),
    field("officer", Kind::Text, true),
    field("a_number", Kind::Text, false),
    field("subject_id", Kind::Text, false),
    field("event_number", Kind::Text, false),
    field("document_number", Kind::Text, false),
];

/// The person step's fields, in the order the page shows them.
const PERSON: &[Field] = &[
    field("subject_name", Kind::Text, true),
    field("subject_dob", Kind::Date, false),
    field("subject_booking", Kind::Text, false),
    field("subject_juvenile", Kind::Yes, false),
    field("subject_guardian", Kind::Text, false),
    field("subject_attorney", Kind::Text, false),
    field("signer_name", Kind::Text, false),
    field("signer_title", Kind::Text, false),
    field("reply_by", Kind::One(crate::register::DELIVERIES), false),
];

/// The steps whose answers make the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// What arrived: enough to classify it (the person is not asked yet).
    Paper,
    /// The person and who signs: the whole request.
    Person,
}

impl Step {
    fn fields(self) -> &'static [Field] {
        match self {
            Step::Paper => PAPER,
            Step::Person => PERSON,
        }
    }

    /// The step's page (`paper`, `person`).
    pub(crate) fn page(self) -> &'static str {
        match self {
            Step::Paper => "paper",
            Step::Person => "person",
        }
    }

    /// The names of the fields its form sends.
    pub(crate) fn names(self) -> impl Iterator<Item = &'static str> {
        self.fields().iter().map(|f| f.name)
    }

    /// The step a field is on.
    fn of(name: &str) -> Option<Step> {
        [Step::Paper, Step::Person]
            .into_iter()
            .find(|s| s.names().any(|n| n == name))
    }
}

/// The words of an error: `interview.error.<key>`, with its values.
fn say(lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
    super::super::words::t_with(lang, &format!("interview.error.{key}"), values)
}

/// The desk's own checks of `step`'s fields, before any request is read: each field with
/// its message.
fn check_format(answers: &Answers, step: Step, lang: Lang) -> Errors {
    let mut errors = Errors::default();
    for f in step.fields() {
        let values = answers.get(f.name).map(Vec::as_slice).unwrap_or_default();
        let Some(first) = values.first() else {
            if f.required {
                errors.add(f.name, say(lang, &format!("{}_missing", f.name), &[]));
            }
            continue;
        };
        let fits = match f.kind {
            Kind::Text => {
                if crate::unicode::first_refused(first).is_some() {
                    errors.add(f.name, say(lang, "text", &[]));
                }
                continue;
            }
            Kind::Date => {
                if IsoDate::parse(first).is_none() {
                    errors.add(f.name, say(lang, "date", &[]));
                }
                continue;
            }
            Kind::One(list) => values.len() == 1 && list.contains(&first.as_str()),
            Kind::Many(list) => values.iter().all(|v| list.contains(&v.as_str())),
            Kind::Yes => values.len() == 1 && first == "yes",
        };
        if !fits {
            errors.add(f.name, say(lang, "choice", &[]));
        }
    }
    match step {
        Step::Paper
            if one(answers, "form") == Some("other") && one(answers, "form_other").is_none() =>
        {
            errors.add("form_other", say(lang, "form_other_missing", &[]));
        }
        Step::Person => {
            // Who signs is asked as a pair: the config's signatory is used when both are left out.
            match (one(answers, "signer_name"), one(answers, "signer_title")) {
                (Some(_), None) => {
                    errors.add("signer_title", say(lang, "signer_title_missing", &[]));
                }
                (None, Some(_)) => errors.add("signer_name", say(lang, "signer_name_missing", &[])),
                _ => {}
            }
        }
        Step::Paper => {}
    }
    errors
}

/// A request file being written, with the form field each of its lines holds (a problem the
/// parser finds on a line is put on that field).
#[derive(Default)]
struct File {
    text: String,
    fields: Vec<Option<&'static str>>,
}

impl File {
    /// A line `key: value` (`value` written as it is: a date, a boolean, a key of a list),
    /// indented under a section when `indent`.
    fn line(&mut self, indent: bool, key: &str, value: &str, from: Option<&'static str>) {
        let pad = if indent { "  " } else { "" };
        let _ = writeln!(self.text, "{pad}{key}: {value}");
        self.fields.push(from);
    }

    /// A text field's line, quoted (a JSON string is a YAML double-quoted scalar).
    fn text(&mut self, indent: bool, key: &str, answers: &Answers, name: &'static str) {
        if let Some(v) = one(answers, name) {
            let quoted = serde_json::to_string(v).unwrap_or_default();
            self.line(indent, key, &quoted, Some(name));
        }
    }

    /// A section's first line (`subject:`).
    fn section(&mut self, key: &str, from: Option<&'static str>) {
        let _ = writeln!(self.text, "{key}:");
        self.fields.push(from);
    }

    /// The form field written on `line` (1-based).
    fn field_on(&self, line: usize) -> Option<&'static str> {
        line.checked_sub(1)
            .and_then(|i| self.fields.get(i).copied())
            .flatten()
    }
}

/// The `kind:` the answers imply, when the form chosen does not tell it: a court's paper is a
/// court order; a paper on no known form that no judge signed is a request for information,
/// unless it asks to hold the person (then `respond` decides it is a detainer by that).
fn implied_kind(answers: &Answers) -> Option<&'static str> {
    let form = one(answers, "form")?;
    let unknown_form = match form {
        "none" => true,
        "other" => one(answers, "form_other")
            .and_then(Form::recognise)
            .is_none(),
        "court" => return Some("court_order"),
        _ => false,
    };
    let holds = answers
        .get("requested")
        .is_some_and(|r| r.iter().any(|i| i == "hold"));
    (unknown_form && one(answers, "signed_by_judge") == Some("no") && !holds)
        .then_some("information_request")
}

/// The form as the request file writes it: the number chosen, or the text typed for another
/// paper or a court's paper.
fn form_text(answers: &Answers) -> Option<&str> {
    match one(answers, "form")? {
        "none" => None,
        "other" | "court" => one(answers, "form_other"),
        number => Some(number),
    }
}

/// The request file the interview's answers make, up to `step`. Before the person is asked,
/// the subject is a placeholder: classification never reads it, and such a request is only
/// classified, never answered or recorded with it.
fn write(interview: &Interview, step: Step) -> File {
    let a = &interview.answers;
    let mut f = File::default();
    let value = |name: &str| one(a, name).unwrap_or_default().to_string();
    if let Some(kind) = implied_kind(a) {
        f.line(false, "kind", kind, Some("form"));
    }
    f.line(false, "received", &value("received"), Some("received"));
    f.line(false, "delivered", &value("delivered"), Some("delivered"));
    f.section("issued_by", Some("office"));
    f.text(true, "office", a, "office");
    f.text(true, "officer", a, "officer");
    if let Some(form) = form_text(a) {
        let quoted = serde_json::to_string(form).unwrap_or_default();
        let from = if one(a, "form").is_some_and(|f| f == "other" || f == "court") {
            "form_other"
        } else {
            "form"
        };
        f.line(false, "form", &quoted, Some(from));
    }
    let signed = one(a, "signed_by_judge") == Some("yes");
    f.line(
        false,
        "signed_by_judge",
        &signed.to_string(),
        Some("signed_by_judge"),
    );
    f.section("subject", Some("subject_name"));
    match step {
        Step::Paper => f.line(true, "name", "\"-\"", None),
        Step::Person => {
            f.text(true, "name", a, "subject_name");
            if let Some(dob) = one(a, "subject_dob") {
                f.line(true, "dob", dob, Some("subject_dob"));
            }
            f.text(true, "booking", a, "subject_booking");
            let juvenile = one(a, "subject_juvenile") == Some("yes");
            f.line(
                true,
                "juvenile",
                &juvenile.to_string(),
                Some("subject_juvenile"),
            );
            f.text(true, "guardian", a, "subject_guardian");
            f.text(true, "attorney", a, "subject_attorney");
        }
    }
    let requested = a.get("requested").cloned().unwrap_or_default().join(", ");
    f.line(
        false,
        "requested",
        &format!("[{requested}]"),
        Some("requested"),
    );
    if let Some(date) = one(a, "return_date") {
        f.line(false, "return_date", date, Some("return_date"));
    }
    if let Some(role) = &interview.received_by {
        f.line(false, "received_by", role, None);
    }
    let identifiers = ["a_number", "subject_id", "event_number", "document_number"];
    if identifiers.iter().any(|n| one(a, n).is_some()) {
        f.section("identifiers", None);
        for name in identifiers {
            f.text(true, name, a, name);
        }
    }
    if step == Step::Person {
        if one(a, "signer_name").is_some() {
            f.section("signed_by", Some("signer_name"));
            f.text(true, "name", a, "signer_name");
            f.text(true, "title", a, "signer_title");
        }
        if let Some(reply) = one(a, "reply_by") {
            f.line(false, "reply_by", reply, Some("reply_by"));
        }
    }
    f
}

/// The form field a problem of the request file is about.
fn field_of(problem: &Problem, answers: &Answers) -> &'static str {
    let typed_form = matches!(one(answers, "form"), Some("other" | "court"));
    match problem.field {
        "delivered" => "delivered",
        "issued_by" => "office",
        "signed_by_judge" => "signed_by_judge",
        "subject" => "subject_name",
        "received_by" => "received_by",
        "requested" if problem.kind == ProblemKind::Undecided => "form",
        "requested" => "requested",
        "return_date" => "return_date",
        "subject.guardian" => "subject_guardian",
        "subject.dob" => "subject_dob",
        "kind" | "form" if typed_form => "form_other",
        "kind" | "form" => "form",
        _ => "received",
    }
}

/// A problem of the request file in the page's words.
fn words_of(problem: &Problem, field: &str, lang: Lang) -> String {
    match problem.kind {
        ProblemKind::Missing => say(lang, &format!("{field}_missing"), &[]),
        ProblemKind::LaterThanToday => say(lang, "received_later", &[]),
        ProblemKind::TooEarly { earliest } => say(
            lang,
            &format!("{field}_too_early"),
            &[("year", &earliest.to_string())],
        ),
        ProblemKind::BeforeReceived => say(lang, "return_date_before", &[]),
        ProblemKind::TooLongAfterReceived => say(lang, "return_date_too_late", &[]),
        ProblemKind::GuardianOfJuvenileMissing => say(lang, "subject_guardian_missing", &[]),
        ProblemKind::BornAfter(Against::Received) => say(lang, "subject_dob_after_received", &[]),
        ProblemKind::BornAfter(Against::Today) => say(lang, "subject_dob_after_today", &[]),
        ProblemKind::AdultMarkedJuvenile { adult_age, .. } => say(
            lang,
            "subject_dob_adult",
            &[("age", &adult_age.to_string())],
        ),
        ProblemKind::JudgeSignedOfficersPaper => say(lang, "judge_signed_officers_paper", &[]),
        ProblemKind::CourtPaperNotSigned => say(lang, "court_paper_not_signed", &[]),
        ProblemKind::Undecided => say(lang, "undecided", &[]),
        ProblemKind::FormOfOtherKind { form, .. } => {
            say(lang, "form_of_other_kind", &[("form", &form.name(lang))])
        }
        ProblemKind::HoldWithoutDetainer => say(lang, "hold_without_detainer", &[]),
    }
}

/// Puts `message` on `field`: on the page of `step` itself, or linked to the page it is on.
fn put(errors: &mut Errors, interview_id: &str, step: Step, field: &str, message: String) {
    match Step::of(field).filter(|s| *s != step) {
        Some(other) => errors.add_on(
            field,
            message,
            Some(format!("/interview/{interview_id}/{}", other.page())),
        ),
        None => errors.add(field, message),
    }
}

/// The request the answers make up to `step`, read and classified as `respond` does, or the
/// errors to show on `step`'s page (in `lang`). `today` is the desk's day.
pub(crate) fn check(
    id: &str,
    interview: &Interview,
    step: Step,
    today: IsoDate,
    lang: Lang,
) -> Result<(respond::Request, Decision), Errors> {
    let mut errors = Errors::default();
    let steps: &[Step] = match step {
        Step::Paper => &[Step::Paper],
        Step::Person => &[Step::Paper, Step::Person],
    };
    for &checked in steps {
        for (field, message) in check_format(&interview.answers, checked, lang).into_list() {
            put(&mut errors, id, step, &field, message);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let file = write(interview, step);
    // The file is never written anywhere: its name only stands in the parser's messages,
    // which are not shown.
    let path = Path::new("request.yaml");
    let request = match respond::check_request(path, &file.text, today) {
        Ok(r) => r,
        Err(Rejected::Problems(problems)) => {
            for p in &problems {
                let field = field_of(p, &interview.answers);
                put(&mut errors, id, step, field, words_of(p, field, lang));
            }
            return Err(errors);
        }
        Err(Rejected::Unreadable(diagnostics)) => {
            for d in diagnostics {
                let field = d.line.and_then(|l| file.field_on(l)).unwrap_or("received");
                put(&mut errors, id, step, field, say(lang, "unreadable", &[]));
            }
            return Err(errors);
        }
    };
    match respond::decide(&request) {
        Ok(decision) => Ok((request, decision)),
        Err(p) => {
            let field = field_of(&p, &interview.answers);
            put(&mut errors, id, step, field, words_of(&p, field, lang));
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests;
