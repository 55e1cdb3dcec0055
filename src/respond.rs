//! `responsekit respond`: one incoming DHS request → what it is (classification, with the
//! reason) → the answer letter with every fill-in filled from the request, the companion
//! notices the jurisdiction's law requires, and a memo for counsel. A request signed by a judge
//! gets no letter at all: counsel must review it now.
//!
//! The request file holds personal information, so no value from it is ever printed: messages
//! name fields, never their contents (`redact`). Each answer is written whole, as a new folder
//! of its own that never replaces an earlier one ([`write_answer`]), and never inside the
//! jurisdiction tree ([`check_out_dir`]).

use crate::config::values::{present, IsoDate, Text};
use crate::config::{resolve::locate, Jurisdiction, Provision, Role};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::document::{Document, Lang};
use crate::i18n;
use crate::kit::{OutputFile, Project};
use crate::render;
use crate::templates::fill_in;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

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
    #[serde(default, deserialize_with = "present")]
    pub issued_by: Option<Issuer>,
    /// The form number as printed on it, e.g. `I-247A`.
    #[serde(default, deserialize_with = "present")]
    pub form: Option<Text>,
    /// Whether a judge (not an immigration officer) signed it.
    #[serde(default, deserialize_with = "present")]
    pub signed_by_judge: Option<bool>,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    AdministrativeSubpoena,
    Detainer,
    InformationRequest,
    JudicialWarrant,
    CourtOrder,
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

/// What a form is, by who issues it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormClass {
    /// ICE's detainers and requests for notification or transfer (the I-247 series).
    Detainer,
    /// Warrants and orders an immigration officer signs (I-200, I-205, I-203): not a judge's.
    AdministrativeWarrant,
    /// ICE's own subpoena (I-138, or one titled so).
    AdministrativeSubpoena,
    /// A federal court's form (AO 442, AO 93, AO 88): possibly binding, for counsel.
    Judicial,
}

impl FormClass {
    /// The `kind` a request on such a form has; none for a court's form, which is never
    /// answered with a letter.
    pub fn kind(self) -> Option<RequestKind> {
        match self {
            FormClass::Detainer | FormClass::AdministrativeWarrant => Some(RequestKind::Detainer),
            FormClass::AdministrativeSubpoena => Some(RequestKind::AdministrativeSubpoena),
            FormClass::Judicial => None,
        }
    }

    fn what(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (FormClass::Detainer, Lang::En) => "a detainer form",
            (FormClass::Detainer, Lang::Es) => "un formulario de detainer",
            (FormClass::AdministrativeWarrant, Lang::En) => {
                "an administrative warrant, signed by an immigration officer"
            }
            (FormClass::AdministrativeWarrant, Lang::Es) => {
                "una orden administrativa, firmada por un agente de inmigración"
            }
            (FormClass::AdministrativeSubpoena, Lang::En) => "an administrative subpoena",
            (FormClass::AdministrativeSubpoena, Lang::Es) => "una citación administrativa",
            (FormClass::Judicial, Lang::En) => "a federal court's form",
            (FormClass::Judicial, Lang::Es) => "un formulario de un tribunal federal",
        }
    }
}

/// A form responsekit knows: (series, number, title, class).
type KnownForm = (&'static str, &'static str, &'static str, FormClass);

/// ICE's forms and the federal courts' forms a request can come on, by number.
const FORMS: &[KnownForm] = &[
    ("I", "247", "Immigration Detainer", FormClass::Detainer),
    (
        "I",
        "247A",
        "Immigration Detainer – Notice of Action",
        FormClass::Detainer,
    ),
    (
        "I",
        "247D",
        "Immigration Detainer – Request for Voluntary Action",
        FormClass::Detainer,
    ),
    (
        "I",
        "247N",
        "Request for Voluntary Notification of Release",
        FormClass::Detainer,
    ),
    (
        "I",
        "247X",
        "Request for Voluntary Transfer",
        FormClass::Detainer,
    ),
    (
        "I",
        "200",
        "Warrant for Arrest of Alien",
        FormClass::AdministrativeWarrant,
    ),
    (
        "I",
        "205",
        "Warrant of Removal/Deportation",
        FormClass::AdministrativeWarrant,
    ),
    (
        "I",
        "203",
        "Order to Detain or Release Alien",
        FormClass::AdministrativeWarrant,
    ),
    ("I", "138", "Subpoena", FormClass::AdministrativeSubpoena),
    ("AO", "442", "Arrest Warrant", FormClass::Judicial),
    (
        "AO",
        "93",
        "Search and Seizure Warrant",
        FormClass::Judicial,
    ),
    (
        "AO",
        "93C",
        "Search and Seizure Warrant by Telephone or Other Reliable Electronic Means",
        FormClass::Judicial,
    ),
    (
        "AO",
        "88",
        "Subpoena to Appear and Testify at a Hearing or Trial in a Civil Action",
        FormClass::Judicial,
    ),
    (
        "AO",
        "88A",
        "Subpoena to Testify at a Deposition in a Civil Action",
        FormClass::Judicial,
    ),
    (
        "AO",
        "88B",
        "Subpoena to Produce Documents, Information, or Objects",
        FormClass::Judicial,
    ),
];

/// Titles that name a form without its number, lowercase: (words, class, the number of the
/// form they are, if one).
const TITLES: &[(&str, FormClass, Option<&str>)] = &[
    (
        "administrative subpoena",
        FormClass::AdministrativeSubpoena,
        None,
    ),
    ("detainer", FormClass::Detainer, None),
    (
        "warrant for arrest of alien",
        FormClass::AdministrativeWarrant,
        Some("200"),
    ),
    (
        "warrant of removal",
        FormClass::AdministrativeWarrant,
        Some("205"),
    ),
    (
        "warrant of deportation",
        FormClass::AdministrativeWarrant,
        Some("205"),
    ),
    (
        "search and seizure warrant",
        FormClass::Judicial,
        Some("93"),
    ),
];

/// The form a request's `form` names, recognised however it is written: any case, any dash or
/// space (`I-247A`, `I247A`, `I‑247A` with a non-breaking hyphen), with prefixes (`DHS Form`,
/// `ICE Form`) or inside a title (`Immigration Detainer – Notice of Action (I-247A)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    pub class: FormClass,
    /// The numbered form, when the text names one (by number or by its title).
    known: Option<&'static KnownForm>,
}

impl Form {
    pub fn recognise(text: &str) -> Option<Form> {
        let upper = text.to_uppercase();
        // Every character that is not a letter or a digit (dashes of all kinds, spaces,
        // brackets, dots) only separates words.
        let words: Vec<&str> = upper
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let numbered = (0..words.len()).find_map(|i| {
            let (series, number) = ["AO", "I"]
                .iter()
                .find_map(|series| {
                    let number = words[i].strip_prefix(series)?;
                    number
                        .starts_with(|c: char| c.is_ascii_digit())
                        .then_some((*series, number))
                })
                .or_else(|| Some((words[i], *words.get(i + 1)?)))?;
            FORMS.iter().find(|f| f.0 == series && f.1 == number)
        });
        if let Some(known) = numbered {
            return Some(Form {
                class: known.3,
                known: Some(known),
            });
        }
        let title = format!(" {} ", words.join(" ").to_lowercase());
        TITLES
            .iter()
            .find(|(words, ..)| title.contains(&format!(" {words} ")))
            .map(|&(_, class, number)| Form {
                class,
                known: number.and_then(|n| FORMS.iter().find(|f| f.1 == n)),
            })
    }

    /// What it is, for a message or the memo: its number and title (never the text as
    /// written) and its class.
    pub fn name(self, lang: Lang) -> String {
        match self.known {
            Some((series, number, title, _)) => {
                let separator = if *series == "AO" { " " } else { "-" };
                format!(
                    "{series}{separator}{number} ({title}), {}",
                    self.class.what(lang)
                )
            }
            None => self.class.what(lang).to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    Email,
    Mail,
    Fax,
    Hand,
    Other,
}

impl Delivery {
    /// The delivery line of a letter sent this way.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Delivery::Email, Lang::En) => "By email",
            (Delivery::Email, Lang::Es) => "Por correo electrónico",
            (Delivery::Mail, Lang::En) => "By first-class mail",
            (Delivery::Mail, Lang::Es) => "Por correo postal",
            (Delivery::Fax, Lang::En) => "By fax",
            (Delivery::Fax, Lang::Es) => "Por fax",
            (Delivery::Hand, Lang::En) => "By hand delivery",
            (Delivery::Hand, Lang::Es) => "Entrega en mano",
            (Delivery::Other, Lang::En) => "Delivered as noted",
            (Delivery::Other, Lang::Es) => "Entregada según se indica",
        }
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// e.g. "ICE Enforcement and Removal Operations, San Francisco Field Office".
    pub office: Text,
    /// The officer's name and title as printed.
    pub officer: Text,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    pub name: Text,
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

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    pub name: Text,
    pub title: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    ReleaseDate,
    HomeAddress,
    WorkAddress,
    Records,
    Access,
    Interview,
    Hold,
}

impl Item {
    fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Item::ReleaseDate, Lang::En) => "the date and time of release",
            (Item::ReleaseDate, Lang::Es) => "la fecha y la hora de liberación",
            (Item::HomeAddress, Lang::En) => "the home address",
            (Item::HomeAddress, Lang::Es) => "el domicilio",
            (Item::WorkAddress, Lang::En) => "the work address",
            (Item::WorkAddress, Lang::Es) => "la dirección del lugar de trabajo",
            (Item::Records, Lang::En) => "records about the person",
            (Item::Records, Lang::Es) => "expedientes o registros sobre la persona",
            (Item::Access, Lang::En) => "access to the facility or to the person",
            (Item::Access, Lang::Es) => "acceso a las instalaciones o a la persona",
            (Item::Interview, Lang::En) => "an interview with the person",
            (Item::Interview, Lang::Es) => "una entrevista con la persona",
            (Item::Hold, Lang::En) => "holding the person after their release",
            (Item::Hold, Lang::Es) => "retener a la persona después de su liberación",
        }
    }
}

/// What the request is, decided before anything is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Classification {
    AdministrativeSubpoena,
    Detainer,
    InformationRequest,
    /// Signed by a judge: no declination letter; counsel must review it now.
    CourtOrder,
}

impl Classification {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Classification::AdministrativeSubpoena, Lang::En) => "administrative subpoena",
            (Classification::AdministrativeSubpoena, Lang::Es) => {
                "citación administrativa (subpoena)"
            }
            (Classification::Detainer, Lang::En) => {
                "immigration detainer (hold or notification request)"
            }
            (Classification::Detainer, Lang::Es) => {
                "solicitud de detención o de notificación migratoria (detainer)"
            }
            (Classification::InformationRequest, Lang::En) => "informal request for information",
            (Classification::InformationRequest, Lang::Es) => "solicitud informal de información",
            (Classification::CourtOrder, Lang::En) => "court order or judicial warrant",
            (Classification::CourtOrder, Lang::Es) => "orden judicial",
        }
    }

    /// A stable name templates compare against.
    pub fn key(self) -> &'static str {
        match self {
            Classification::AdministrativeSubpoena => "administrative_subpoena",
            Classification::Detainer => "detainer",
            Classification::InformationRequest => "information_request",
            Classification::CourtOrder => "court_order",
        }
    }

    /// The answer letter's document id.
    fn letter(self) -> Option<&'static str> {
        match self {
            Classification::AdministrativeSubpoena => Some("letter-administrative-subpoena"),
            Classification::Detainer => Some("letter-detainer"),
            Classification::InformationRequest => Some("letter-information-request"),
            Classification::CourtOrder => None,
        }
    }
}

/// A classification with the reason, in each language.
#[derive(Debug, Clone)]
pub struct Decision {
    pub classification: Classification,
    pub reason_en: String,
    pub reason_es: String,
}

impl Decision {
    pub fn reason(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.reason_en,
            Lang::Es => &self.reason_es,
        }
    }
}

/// A request checked for completeness; only field names ever reach a message.
#[derive(Debug)]
pub struct Request {
    pub raw: RawRequest,
    pub received: IsoDate,
    pub issued_by: Issuer,
    pub subject: Subject,
    pub requested: Vec<Item>,
    pub signed_by_judge: bool,
    pub received_by: Role,
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
pub fn load_request(path: &Path, today: IsoDate) -> Result<Request, Diagnostics> {
    // Reading fails on the file as a whole (size, encoding, access): no value is in the message.
    let text = crate::yaml::read_text(path).map_err(|d| Diagnostics(vec![d]))?;
    parse_request(path, &text, today)
}

/// Checks the text of a request file (read from `path`, named in messages). Pure: reads
/// nothing, so it is also what the `request` fuzz target calls.
pub fn parse_request(path: &Path, text: &str, today: IsoDate) -> Result<Request, Diagnostics> {
    // First as plain YAML: syntax, duplicate keys, alias bombs and deep nesting are reported
    // as such, before a misplaced key could hide them.
    crate::yaml::parse_private::<serde_yaml::Value>(path, text)
        .map_err(|d| Diagnostics(vec![redact(d)]))?;
    let mut raw: RawRequest =
        crate::yaml::parse_private(path, text).map_err(|d| Diagnostics(vec![redact(d)]))?;
    let mut problems = Vec::new();
    let mut missing = |field: &str, example: &str| {
        let keys: Vec<&str> = field.split('.').collect();
        problems.push(
            Diagnostic::error(format!("`{field}` is missing"))
                .in_file(path)
                .at(locate(text, &keys), None)
                .with_hint(format!("add it, e.g. `{example}`; `responsekit respond --example` prints a complete request")),
        );
    };
    let received = raw.received;
    let issued_by = raw.issued_by.take();
    let subject = raw.subject.take();
    let requested = raw.requested.take();
    let signed = raw.signed_by_judge;
    let received_by = raw.received_by;
    if received.is_none() {
        missing("received", "received: 2026-11-20");
    }
    if raw.delivered.is_none() {
        missing("delivered", "delivered: email");
    }
    if issued_by.is_none() {
        missing("issued_by", "issued_by: {office: …, officer: …}");
    }
    if signed.is_none() {
        missing("signed_by_judge", "signed_by_judge: false");
    }
    if subject.is_none() {
        missing("subject", "subject: {name: …, booking: …}");
    }
    if received_by.is_none() {
        missing("received_by", "received_by: sheriff");
    }
    match &requested {
        None => missing("requested", "requested: [release_date, home_address]"),
        Some(list) if list.is_empty() => {
            missing("requested", "requested: [release_date, home_address]")
        }
        Some(_) => {}
    }
    let mut problem = |field: &str, message: String, hint: &str| {
        let keys: Vec<&str> = field.split('.').collect();
        problems.push(
            Diagnostic::error(message)
                .in_file(path)
                .at(locate(text, &keys), None)
                .with_hint(hint),
        );
    };
    if let Some(r) = received {
        if r > today {
            problem(
                "received",
                "`received` is later than today".into(),
                "check the date it arrived (YYYY-MM-DD), and the computer's date (or --today)",
            );
        }
        if r.0.year() < EARLIEST_RECEIVED {
            problem(
                "received",
                format!("`received` is before {EARLIEST_RECEIVED}"),
                "check the date it arrived (YYYY-MM-DD): the year looks mistyped",
            );
        }
    }
    // The other dates are measured against `received` only once it is itself believable.
    let arrived = received.filter(|r| *r <= today && r.0.year() >= EARLIEST_RECEIVED);
    if let Some(r) = arrived {
        if let Some(ret) = raw.return_date {
            if ret < r {
                problem(
                    "return_date",
                    "`return_date` is before `received`".into(),
                    "check both dates (YYYY-MM-DD)",
                );
            } else if (ret.0 - r.0).whole_days() > MAX_RETURN_DAYS {
                problem(
                    "return_date",
                    "`return_date` is more than two years after `received`".into(),
                    "check both dates (YYYY-MM-DD): a request demands an answer within days or weeks",
                );
            }
        }
    }
    if let Some(s) = &subject {
        if s.juvenile && s.guardian.is_none() {
            problem(
                "subject.guardian",
                "`subject.guardian` is missing: a juvenile's parent or guardian receives every notice".into(),
                "add `guardian: …` under `subject`",
            );
        }
        if let Some(dob) = s.dob {
            // Born after the request arrived (or, without a good `received`, after today).
            let (latest, than) = match arrived {
                Some(r) => (r, "`received`"),
                None => (today, "today"),
            };
            if dob > latest {
                problem(
                    "subject.dob",
                    format!("`subject.dob` is later than {than}"),
                    "check the date of birth (YYYY-MM-DD)",
                );
            } else if dob.0.year() < EARLIEST_DOB {
                problem(
                    "subject.dob",
                    format!("`subject.dob` is before {EARLIEST_DOB}"),
                    "check the date of birth (YYYY-MM-DD)",
                );
            } else if s.juvenile && age_on(dob, latest) >= ADULT_AGE {
                problem(
                    "subject.dob",
                    format!("`subject.juvenile` is true, but `subject.dob` makes the person {ADULT_AGE} or older on {than}"),
                    "check the date of birth, and set `juvenile: false` if the person is an adult",
                );
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
        }),
        _ => Err(Diagnostics(problems)),
    }
}

/// Keeps of a parser message only what cannot come from the file's content: its own words,
/// places (`line 3 column 7`, `U+202E`), and quoted names the request format defines (a key's
/// path, an allowed value). A quoted value (`"…"`) and any number become `…`; a name in
/// backquotes that the format does not define may be anything the file holds, backquotes
/// included, so nothing after it can be trusted and the message ends there.
fn redact(mut d: Diagnostic) -> Diagnostic {
    let message = std::mem::take(&mut d.message);
    let mut out = String::new();
    let mut rest = message.as_str();
    while let Some(c) = rest.chars().next() {
        // Numbers that are not values: a character's code, a place in the file.
        let place = ["U+", "line ", "column "].iter().find_map(|p| {
            let tail = rest.strip_prefix(p)?;
            let n = tail
                .find(|c: char| !c.is_ascii_hexdigit())
                .unwrap_or(tail.len());
            (n > 0).then(|| &rest[..p.len() + n])
        });
        if let Some(place) = place {
            out.push_str(place);
            rest = &rest[place.len()..];
            continue;
        }
        rest = &rest[c.len_utf8()..];
        match c {
            // serde quotes a value as Rust's Debug does: `\"` inside does not end it.
            '"' => {
                let mut escaped = false;
                let end = rest.char_indices().find_map(|(i, c)| {
                    let closes = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    closes.then_some(i)
                });
                out.push_str("\"…\"");
                rest = end.map_or("", |i| &rest[i + 1..]);
            }
            '`' => {
                let end = rest.find('`').unwrap_or(rest.len());
                let quoted = &rest[..end];
                if !defined_names(quoted) {
                    out.push_str("`…`");
                    break;
                }
                out.push('`');
                out.push_str(&without_numbers(quoted));
                out.push('`');
                rest = rest.get(end + 1..).unwrap_or("");
            }
            c if c.is_ascii_digit() => {
                if !out.ends_with('…') {
                    out.push('…');
                }
            }
            c => out.push(c),
        }
    }
    d.message = out;
    d
}

/// `text` with each run of digits replaced by `…`.
fn without_numbers(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if !c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('…') {
            out.push('…');
        }
    }
    out
}

/// Whether every word of `quoted` (`subject.name`, `requested[0]`, `*name`) is a name the
/// request format defines, or a word of the messages themselves; list indices do not count.
fn defined_names(quoted: &str) -> bool {
    const MESSAGE_WORDS: &[&str] = &["unknown", "true", "false"];
    let names = request_names();
    quoted
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()))
        .all(|w| names.contains(w) || MESSAGE_WORDS.contains(&w))
}

/// The keys and value names of the request format, read from its JSON schema (so a field
/// added to [`RawRequest`] is known here without a second list).
fn request_names() -> &'static std::collections::BTreeSet<String> {
    static NAMES: std::sync::OnceLock<std::collections::BTreeSet<String>> =
        std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        fn collect(value: &Value, names: &mut std::collections::BTreeSet<String>) {
            match value {
                Value::Object(map) => {
                    if let Some(Value::Object(properties)) = map.get("properties") {
                        names.extend(properties.keys().cloned());
                    }
                    for key in ["enum", "const"] {
                        match map.get(key) {
                            Some(Value::Array(list)) => names
                                .extend(list.iter().filter_map(Value::as_str).map(str::to_string)),
                            Some(Value::String(name)) => {
                                names.insert(name.clone());
                            }
                            _ => {}
                        }
                    }
                    map.values().for_each(|v| collect(v, names));
                }
                Value::Array(list) => list.iter().for_each(|v| collect(v, names)),
                _ => {}
            }
        }
        let mut names = std::collections::BTreeSet::new();
        collect(schemars::schema_for!(RawRequest).as_value(), &mut names);
        names
    })
}

/// Decides what the request is, or says which field to fix.
pub fn classify(req: &Request, path: &Path) -> Result<Decision, Diagnostic> {
    // Read as the request was (regular file, bounded): the path could name a pipe by now.
    let text = crate::yaml::read_text(path).unwrap_or_default();
    classify_text(req, path, &text)
}

/// [`classify`], given the request file's text (for the lines of its messages).
pub fn classify_text(req: &Request, path: &Path, text: &str) -> Result<Decision, Diagnostic> {
    let contradiction = |field: &str, message: &str, hint: &str| {
        Diagnostic::error(message.to_string())
            .in_file(path)
            .at(locate(text, &[field]), None)
            .with_hint(hint.to_string())
    };
    let form = req
        .raw
        .form
        .as_ref()
        .and_then(|f| Form::recognise(f.as_str()));
    let asks_hold = req.requested.contains(&Item::Hold);
    use RequestKind as K;
    let judicial_kind = matches!(
        req.raw.kind,
        Some(K::JudicialWarrant | K::CourtOrder | K::JudicialSubpoena)
    );
    // A federal court's form goes to counsel whatever the other fields say: a declination
    // letter sent in answer to a court order is the one mistake that cannot be taken back.
    if let Some(f) = form.filter(|f| f.class == FormClass::Judicial) {
        let agrees = req.signed_by_judge && (req.raw.kind.is_none() || judicial_kind);
        let (en, es) = if agrees {
            ("", "")
        } else {
            (
                ", although `kind` or `signed_by_judge` says otherwise: check the paper",
                ", aunque `kind` o `signed_by_judge` digan otra cosa: revise el documento",
            )
        };
        return Ok(Decision {
            classification: Classification::CourtOrder,
            reason_en: format!("`form` is {}{en}", f.name(Lang::En)),
            reason_es: format!("`form` es {}{es}", f.name(Lang::Es)),
        });
    }
    if req.signed_by_judge {
        if let Some(K::AdministrativeSubpoena | K::Detainer | K::InformationRequest) = req.raw.kind
        {
            return Err(contradiction(
                "signed_by_judge",
                "`signed_by_judge` is true, but `kind` names a paper that immigration officers sign",
                "check the signature: if a judge signed it, set `kind: court_order` (or `judicial_warrant`, `judicial_subpoena`); if an immigration officer signed it, set `signed_by_judge: false`",
            ));
        }
        return Ok(Decision {
            classification: Classification::CourtOrder,
            reason_en: "it is signed by a judge (`signed_by_judge: true`)".into(),
            reason_es: "está firmada por un juez (`signed_by_judge: true`)".into(),
        });
    }
    if judicial_kind {
        return Err(contradiction(
            "kind",
            "`kind` names a court paper, but `signed_by_judge` is false",
            "check the signature: a paper signed only by an immigration officer is not a court order; fix `kind` or `signed_by_judge`",
        ));
    }
    let form_class = form.map(|f| f.class);
    let kind = match (req.raw.kind, form_class) {
        (Some(k), _) => k,
        (None, Some(FormClass::Detainer)) => K::Detainer,
        (None, Some(FormClass::AdministrativeSubpoena)) => K::AdministrativeSubpoena,
        (None, _) if asks_hold => K::Detainer,
        (None, _) => return Err(contradiction(
            "requested",
            "cannot tell what this request is from its fields",
            "set `kind:` to administrative_subpoena, detainer, information_request or court_order",
        )),
    };
    if let Some(f) = form.filter(|f| f.class.kind() != Some(kind)) {
        let fitting = f.class.kind().map_or("", RequestKind::key);
        return Err(contradiction(
            "form",
            &format!(
                "`form` is {}, but `kind` is {}",
                f.name(Lang::En),
                kind.key()
            ),
            &format!(
                "if that is the paper, set `kind: {fitting}`; otherwise correct `form` as printed"
            ),
        ));
    }
    if asks_hold && kind != K::Detainer {
        return Err(contradiction(
            "requested",
            "`requested` includes `hold`, which only a detainer asks for",
            "if the paper asks to hold the person, set `kind: detainer`; otherwise remove `hold`",
        ));
    }
    let (classification, en, es) = match kind {
        K::AdministrativeSubpoena if req.raw.kind.is_none() => (
            Classification::AdministrativeSubpoena,
            "`form` is an administrative subpoena, issued by an immigration officer (`issued_by`) and not signed by a judge (`signed_by_judge: false`)",
            "`form` es una citación administrativa: la emitió un agente de inmigración (`issued_by`) y no la firmó un juez (`signed_by_judge: false`)",
        ),
        K::AdministrativeSubpoena => (
            Classification::AdministrativeSubpoena,
            "`kind` is administrative_subpoena, issued by an immigration officer (`issued_by`) and not signed by a judge (`signed_by_judge: false`)",
            "`kind` es administrative_subpoena: la emitió un agente de inmigración (`issued_by`) y no la firmó un juez (`signed_by_judge: false`)",
        ),
        K::Detainer if req.raw.kind.is_none() && form_class == Some(FormClass::Detainer) => (
            Classification::Detainer,
            "`form` is a detainer form (I-247 series) and it is not signed by a judge",
            "`form` es un formulario de detainer (serie I-247) y no lo firmó un juez",
        ),
        K::Detainer if req.raw.kind.is_none() => (
            Classification::Detainer,
            "`requested` asks to hold the person, and it is not signed by a judge",
            "`requested` pide retener a la persona y no lo firmó un juez",
        ),
        K::Detainer => (
            Classification::Detainer,
            "`kind` is detainer, and it is not signed by a judge",
            "`kind` es detainer y no lo firmó un juez",
        ),
        _ => (
            Classification::InformationRequest,
            "`kind` is information_request: an informal request, not a subpoena, detainer or court order",
            "`kind` es information_request: una solicitud informal, no una citación, un detainer ni una orden judicial",
        ),
    };
    Ok(Decision {
        classification,
        reason_en: en.into(),
        reason_es: es.into(),
    })
}

/// Fields of the request context, with the request-file key that fills each (for messages).
const FIELD_KEYS: &[(&str, &str)] = &[
    ("form", "form"),
    ("return_date", "return_date"),
    ("attorney", "subject.attorney"),
    ("guardian", "subject.guardian"),
    ("dob", "subject.dob"),
    ("booking", "subject.booking"),
    ("release_date", "(release date: not part of a request)"),
];

/// The request context for `lang`: the kit's fill-ins, overwritten by every fact the request
/// gives.
pub fn request_context(req: &Request, lang: Lang, today: IsoDate) -> Value {
    let mut ctx = render::kit_request(lang);
    let long = |d: IsoDate| i18n::long_date(lang, d.0);
    let set = |ctx: &mut Value, key: &str, value: Value| {
        if let Some(map) = ctx.as_object_mut() {
            map.insert(key.to_string(), value);
        }
    };
    set(&mut ctx, "date", json!(long(today)));
    set(&mut ctx, "received", json!(long(req.received)));
    set(&mut ctx, "office", json!(req.issued_by.office.as_str()));
    set(&mut ctx, "officer", json!(req.issued_by.officer.as_str()));
    if let Some(form) = &req.raw.form {
        set(&mut ctx, "form", json!(form.as_str()));
    }
    if let Some(d) = req.raw.return_date {
        set(&mut ctx, "return_date", json!(long(d)));
    }
    if let Some(a) = &req.subject.attorney {
        set(&mut ctx, "attorney", json!(a.as_str()));
    }
    if let Some(g) = &req.subject.guardian {
        set(&mut ctx, "guardian", json!(g.as_str()));
    }
    // ICE's numbers and the delivery line: printed when given, left out when not (a letter
    // for sending carries no fill-in for a number ICE did not print).
    let ids = req.raw.identifiers.clone().unwrap_or_default();
    for (key, value) in [
        ("a_number", &ids.a_number),
        ("subject_id", &ids.subject_id),
        ("event_number", &ids.event_number),
        ("document_number", &ids.document_number),
    ] {
        set(
            &mut ctx,
            key,
            value.as_ref().map_or(Value::Null, |v| json!(v.as_str())),
        );
    }
    set(
        &mut ctx,
        "reply_by",
        req.raw
            .reply_by
            .map_or(Value::Null, |d| json!(d.label(lang))),
    );
    let items: Vec<&str> = req.requested.iter().map(|i| i.label(lang)).collect();
    set(&mut ctx, "items", json!(items));
    set(&mut ctx, "juvenile", json!(req.subject.juvenile));
    set(&mut ctx, "filled", json!(true));
    if let Some(subject) = ctx.get_mut("subject").and_then(Value::as_object_mut) {
        subject.insert("name".into(), json!(req.subject.name.as_str()));
        if let Some(d) = req.subject.dob {
            subject.insert("dob".into(), json!(long(d)));
        }
        if let Some(b) = &req.subject.booking {
            subject.insert("booking".into(), json!(b.as_str()));
        }
    }
    ctx
}

/// The documents that go with the letter, by the jurisdiction's law.
pub fn companion_notices(j: &Jurisdiction, c: Classification) -> Vec<&'static str> {
    let has = |p: Provision| j.law.get(&p).is_some_and(|keys| !keys.is_empty());
    let mut notices = Vec::new();
    if has(Provision::CopyToPerson) || has(Provision::NotifyPersonAndCounsel) {
        notices.push("notice-simultaneous");
    }
    if c == Classification::Detainer {
        notices.push("notice-public-defender");
    }
    notices
}

/// The formats of a response: DOCX to edit and sign, Markdown, and PDF when built with it.
const RESPONSE_FORMATS: &[crate::export::Format] = &[
    crate::export::Format::Docx,
    crate::export::Format::Markdown,
    #[cfg(feature = "pdf")]
    crate::export::Format::Pdf,
];

/// Everything `respond` writes, or why it writes nothing.
pub enum Outcome {
    Written(Vec<OutputFile>, Decision),
    CourtOrder(Decision),
}

/// Renders the response in memory.
pub fn respond(
    project: &Project,
    j: &Jurisdiction,
    req: &Request,
    decision: Decision,
    langs: &[Lang],
    today: IsoDate,
) -> Result<Outcome, Diagnostics> {
    let Some(letter) = decision.classification.letter() else {
        return Ok(Outcome::CourtOrder(decision));
    };
    let notices = companion_notices(j, decision.classification);
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut j = j.clone();
    if let Some(signer) = &req.raw.signed_by {
        j.signatory.name = crate::config::values::Fact::Known {
            value: crate::config::values::Localized::Same(signer.name.clone()),
            source: None,
            verified: None,
        };
        j.signatory.title = crate::config::values::Localized::Same(signer.title.clone());
    }
    if !j.agencies.contains_key(&req.received_by) {
        return Err(Diagnostics(vec![Diagnostic::error(format!(
            "`received_by` names `{}`, which is not among the agencies of `{}`",
            req.received_by.key(),
            j.id
        ))
        .with_hint("use one of the agencies in its jurisdiction.yaml")]));
    }
    j.letterhead = req.received_by;
    for &lang in langs {
        let request = request_context(req, lang, today);
        let mut titles = Vec::new();
        let mut docs: Vec<(String, Document)> = Vec::new();
        for doc in std::iter::once(letter).chain(notices.iter().copied()) {
            match project.render(&j, doc, lang, request.clone(), Value::Null) {
                Ok(d) => {
                    titles.push(d.title.clone());
                    docs.push((doc.to_string(), d));
                }
                Err(e) => problems.extend(e),
            }
        }
        let sent: Vec<Value> = docs
            .iter()
            .map(|(id, d)| json!({ "document": d.title, "to": recipients(id, req, &j, lang) }))
            .collect();
        let days_left = req.raw.return_date.map(|d| (d.0 - today.0).whole_days());
        let response = json!({
            "kind": decision.classification.key(),
            "classification": decision.classification.label(lang),
            "reason": decision.reason(lang),
            "today": i18n::long_date(lang, today.0),
            "received": i18n::long_date(lang, req.received.0),
            "return_date": req.raw.return_date.map(|d| i18n::long_date(lang, d.0)),
            "days_left": days_left,
            "deadline_passed": days_left.is_some_and(|d| d < 0),
            "letter": titles.first(),
            "notices": titles.iter().skip(1).collect::<Vec<_>>(),
            "sent": sent,
        });
        match project.render(&j, "respond/memo", lang, request.clone(), response) {
            Ok(d) => docs.push(("memo".to_string(), d)),
            Err(e) => problems.extend(e),
        }
        for (name, doc) in docs {
            if name != "memo" {
                for label in doc.fill_ins() {
                    problems.push(unfilled(&name, lang, &label, &request));
                }
            }
            for &format in RESPONSE_FORMATS {
                match crate::export::export(&doc, format) {
                    Ok(bytes) => files.push(OutputFile {
                        path: format!("{lang}/{name}.{}", format.extension()),
                        bytes,
                    }),
                    Err(e) => problems.push(Diagnostic::error(format!("{name}: {e}"))),
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(Outcome::Written(files, decision))
    } else {
        Err(Diagnostics(problems))
    }
}

/// How many answers to requests received on one day an output folder can hold.
const MAX_ANSWERS_A_DAY: u32 = 99;

/// Writes one answer as a new folder in `out`, named from the request's `received` date and
/// the next free number (`2026-11-20-01`, then `-02`): never from a person's name, and never
/// over an earlier answer, even when two runs write at once (the rename that puts a folder in
/// place is what takes its name). All or nothing: a failure leaves no file. Returns the folder.
pub fn write_answer(
    out: &Path,
    received: IsoDate,
    files: &[OutputFile],
) -> Result<PathBuf, Diagnostic> {
    for n in 1..=MAX_ANSWERS_A_DAY {
        let dir = out.join(format!("{received}-{n:02}"));
        match crate::build::write_new_folder_private(&dir, files) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(Diagnostic::error(format!(
                    "cannot write the answer ({e}); nothing was written"
                ))
                .in_file(out)
                .with_hint("check that the folder can be written to and the disk has room, then run `respond` again"))
            }
        }
    }
    Err(Diagnostic::error(format!(
        "already holds {MAX_ANSWERS_A_DAY} answers to requests received that day; nothing was written"
    ))
    .in_file(out)
    .with_hint("move earlier answers elsewhere, or name another folder with --out"))
}

/// Refuses an output folder inside the jurisdiction tree `tree`: answers hold personal data,
/// and the tree is committed and published.
pub fn check_out_dir(out: &Path, tree: &Path) -> Result<(), Diagnostic> {
    let (Some(out_real), Some(tree_real)) =
        (crate::build::real_path(out), crate::build::real_path(tree))
    else {
        return Ok(());
    };
    if !out_real.starts_with(&tree_real) {
        return Ok(());
    }
    Err(Diagnostic::error(format!(
        "`--out {}` is inside the jurisdiction tree `{}`",
        out.display(),
        tree.display()
    ))
    .with_hint("answers hold personal data, and the tree is committed and published: write them outside it (the default is `--out response`)"))
}

/// Who receives document `doc` of a response, in running text.
fn recipients(doc: &str, req: &Request, j: &Jurisdiction, lang: Lang) -> String {
    let mut to: Vec<String> = Vec::new();
    match doc {
        "notice-public-defender" => {
            let pd = j
                .agencies
                .get(&Role::PublicDefender)
                .and_then(|r| r.name.get(lang))
                .unwrap_or_default();
            to.push(pd.to_string());
        }
        "notice-simultaneous" => {
            to.push(req.subject.name.as_str().to_string());
            to.extend(req.subject.attorney.iter().map(|a| a.as_str().to_string()));
            to.extend(req.subject.guardian.iter().map(|g| g.as_str().to_string()));
        }
        _ => {
            to.push(format!(
                "{}, {}",
                req.issued_by.officer.as_str(),
                req.issued_by.office.as_str()
            ));
        }
    }
    i18n::join_list(lang, &to)
}

/// The error for a fill-in left in an answer: which request field, or which config fact, fills it.
fn unfilled(doc: &str, lang: Lang, label: &str, request: &Value) -> Diagnostic {
    let field = FIELD_KEYS.iter().find(|(ctx_key, _)| {
        request
            .get(ctx_key)
            .or_else(|| request.get("subject").and_then(|s| s.get(ctx_key)))
            .and_then(Value::as_str)
            == Some(fill_in(label).as_str())
    });
    match field {
        Some((_, key)) => Diagnostic::error(format!("{doc} ({lang}) needs `{key}`, which the request file does not give"))
            .with_hint(format!("add `{key}` to the request file")),
        None => Diagnostic::error(format!("{doc} ({lang}) still has the fill-in [{label}]"))
            .with_hint("it comes from the jurisdiction config: replace that `unknown` with the fact and its source (`responsekit check` lists them)"),
    }
}

/// A complete starter request that `respond` accepts as it is.
pub const EXAMPLE: &str = r#"# A request that arrived, for `responsekit respond --request FILE`.
# Every field is described in the README. Replace the example values with the real ones.
kind: administrative_subpoena   # administrative_subpoena | detainer | information_request |
                                # judicial_warrant | court_order | judicial_subpoena (or leave out)
received: 2026-11-20            # the day it arrived
delivered: email                # email | mail | fax | hand | other
issued_by:
  office: ICE Enforcement and Removal Operations, San Francisco Field Office
  officer: Deportation Officer J. Doe
form: "Administrative subpoena"  # the form number or title as printed
signed_by_judge: false          # true only if a judge signed it
subject:
  name: Jane Roe
  dob: 1990-01-31
  booking: "BK-2026-000123"     # booking or case number
  juvenile: false
  # guardian: …                 # required when juvenile: true
  attorney: Alex Counsel, Office of the Public Defender
requested: [release_date, home_address]   # release_date | home_address | work_address |
                                          # records | access | interview | hold
return_date: 2026-12-04         # the date it demands an answer by, if any
received_by: sheriff            # the agency (role in the jurisdiction config) that got it
signed_by:                      # who signs the answer
  name: Pat Example
  title: County Counsel
identifiers:                    # the numbers ICE printed on it, for the letter's "Re:" line
  a_number: "A-000-000-000"     # each one optional: printed only when given
  event_number: "SFR0000000000"
reply_by: email                 # how the answer is sent: email | mail | fax | hand | other
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn redacted(message: &str) -> String {
        redact(Diagnostic::error(message)).message
    }

    #[test]
    fn a_parser_message_keeps_only_names_the_request_format_defines() {
        assert_eq!(
            redacted("subject.name: invalid type: string \"a \\\"Jane Roe\\\" b\", expected struct Subject"),
            "subject.name: invalid type: string \"…\", expected struct Subject"
        );
        assert_eq!(
            redacted("unknown value in `requested[2]` at line 3 column 7"),
            "unknown value in `requested[…]` at line 3 column 7"
        );
        // A name the format does not define may be anything, backquotes included.
        assert_eq!(
            redacted("key `Jane` is written twice in `Roe` (`subject`)"),
            "key `…`"
        );
        assert_eq!(
            redacted("signed_by_judge: invalid type: integer `123456789`"),
            "signed_by_judge: invalid type: integer `…`"
        );
    }

    #[test]
    fn a_form_is_recognised_however_it_is_written() {
        use FormClass::*;
        let table: &[(&str, Option<(FormClass, &str)>)] = &[
            ("I-247A", Some((Detainer, "I-247A"))),
            ("i-247a", Some((Detainer, "I-247A"))),
            ("DHS Form I-247A", Some((Detainer, "I-247A"))),
            ("ICE Form I-247A", Some((Detainer, "I-247A"))),
            ("Form I-247A (5/15)", Some((Detainer, "I-247A"))),
            ("I247A", Some((Detainer, "I-247A"))),
            ("I 247A", Some((Detainer, "I-247A"))),
            ("I\u{2010}247A", Some((Detainer, "I-247A"))),
            ("I\u{2011}247A", Some((Detainer, "I-247A"))),
            ("I\u{2012}247A", Some((Detainer, "I-247A"))),
            ("I\u{2013}247A", Some((Detainer, "I-247A"))),
            ("I\u{2014}247A", Some((Detainer, "I-247A"))),
            ("I\u{2015}247A", Some((Detainer, "I-247A"))),
            ("I\u{2212}247A", Some((Detainer, "I-247A"))),
            (
                "Immigration Detainer – Notice of Action (I-247A)",
                Some((Detainer, "I-247A")),
            ),
            (
                "Immigration Detainer - Notice of Action",
                Some((Detainer, "")),
            ),
            ("I-247D", Some((Detainer, "I-247D"))),
            ("I-247N", Some((Detainer, "I-247N"))),
            ("I-247X", Some((Detainer, "I-247X"))),
            ("I-247", Some((Detainer, "I-247 "))),
            ("I-200", Some((AdministrativeWarrant, "I-200"))),
            (
                "Warrant for Arrest of Alien",
                Some((AdministrativeWarrant, "I-200")),
            ),
            ("ICE Form I-205", Some((AdministrativeWarrant, "I-205"))),
            (
                "Warrant of Removal/Deportation",
                Some((AdministrativeWarrant, "I-205")),
            ),
            ("I-203", Some((AdministrativeWarrant, "I-203"))),
            ("I-138", Some((AdministrativeSubpoena, "I-138"))),
            (
                "Administrative subpoena",
                Some((AdministrativeSubpoena, "")),
            ),
            (
                "ADMINISTRATIVE  SUBPOENA",
                Some((AdministrativeSubpoena, "")),
            ),
            ("AO 442", Some((Judicial, "AO 442"))),
            ("AO-442 Arrest Warrant", Some((Judicial, "AO 442"))),
            ("AO442", Some((Judicial, "AO 442"))),
            ("AO 93", Some((Judicial, "AO 93 "))),
            ("Search and Seizure Warrant", Some((Judicial, "AO 93 "))),
            ("AO 88", Some((Judicial, "AO 88 "))),
            ("AO 88A", Some((Judicial, "AO 88A"))),
            ("ao 88b", Some((Judicial, "AO 88B"))),
            ("I-213", None),
            ("Letter", None),
            ("", None),
        ];
        for (text, expected) in table {
            let got = Form::recognise(text);
            assert_eq!(got.map(|f| f.class), expected.map(|e| e.0), "{text:?}");
            if let (Some(form), Some((_, number))) = (got, expected) {
                assert!(
                    form.name(Lang::En).starts_with(number),
                    "{text:?}: {}",
                    form.name(Lang::En)
                );
            }
        }
    }

    #[test]
    fn an_age_counts_whole_years_up_to_the_birthday() {
        let d = |s: &str| IsoDate::parse(s).unwrap();
        assert_eq!(age_on(d("2008-11-20"), d("2026-11-19")), 17);
        assert_eq!(age_on(d("2008-11-20"), d("2026-11-20")), 18);
        assert_eq!(age_on(d("2008-02-29"), d("2026-02-28")), 17);
    }

    #[test]
    fn the_request_format_names_its_keys_and_values() {
        let names = request_names();
        for name in [
            "kind", "subject", "booking", "a_number", "detainer", "hold", "sheriff",
        ] {
            assert!(names.contains(name), "{name} missing from {names:?}");
        }
    }
}
