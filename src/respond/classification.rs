//! Classification: what a request is (administrative subpoena, detainer, informal request, or
//! a court's paper for counsel), decided from its `kind`, `form`, `signed_by_judge` and
//! `requested` before anything is answered, with the reason in each language — or the field
//! to fix when they contradict each other (a structured `Problem`).

use super::form::{Form, FormClass};
use super::problem::{Problem, ProblemKind};
use super::request::{Item, Request, RequestKind};
use crate::diagnostic::Diagnostic;
use crate::document::Lang;
use crate::i18n::{self, t, Text};
use std::path::Path;

/// What the request is, decided before anything is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Classification {
    /// An administrative subpoena: signed by an immigration officer, not by a judge.
    AdministrativeSubpoena,
    /// A detainer: asks the agency to hold the person or to say when they will be released.
    Detainer,
    /// A request for information or records about a person.
    InformationRequest,
    /// Signed by a judge: no declination letter; counsel must review it now.
    CourtOrder,
}

impl Classification {
    /// Its words in the tables: bare, with its article, and the memo's "Re:" line. The
    /// article and any agreeing word are the table's, never added to the bare label.
    fn texts(self) -> [Text; 3] {
        match self {
            Classification::AdministrativeSubpoena => [
                Text::ClassificationAdministrativeSubpoena,
                Text::AClassificationAdministrativeSubpoena,
                Text::MemoSubjectAdministrativeSubpoena,
            ],
            Classification::Detainer => [
                Text::ClassificationDetainer,
                Text::AClassificationDetainer,
                Text::MemoSubjectDetainer,
            ],
            Classification::InformationRequest => [
                Text::ClassificationInformationRequest,
                Text::AClassificationInformationRequest,
                Text::MemoSubjectInformationRequest,
            ],
            Classification::CourtOrder => [
                Text::ClassificationCourtOrder,
                Text::AClassificationCourtOrder,
                Text::MemoSubjectCourtOrder,
            ],
        }
    }

    /// What it is, in running text in `lang`, without an article ("classified as: …").
    pub fn label(self, lang: Lang) -> &'static str {
        t(lang, self.texts()[0])
    }

    /// What it is with its article, agreeing with it: "an administrative subpoena",
    /// "una orden judicial".
    pub fn with_article(self, lang: Lang) -> &'static str {
        t(lang, self.texts()[1])
    }

    /// The memo's subject line: this kind, `received` on that date, about `subject`.
    pub fn memo_subject(self, lang: Lang, received: &str, subject: &str) -> String {
        i18n::t_with(
            lang,
            self.texts()[2],
            &[("received", received), ("subject", subject)],
        )
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

    /// Every classification, each once.
    pub const ALL: [Classification; 4] = [
        Classification::AdministrativeSubpoena,
        Classification::Detainer,
        Classification::InformationRequest,
        Classification::CourtOrder,
    ];

    /// The classification whose [`key`](Classification::key) is `key`.
    pub fn from_key(key: &str) -> Option<Classification> {
        Classification::ALL.into_iter().find(|c| c.key() == key)
    }

    /// The answer letter's document id.
    pub fn letter(self) -> Option<&'static str> {
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
    /// What the request is.
    pub classification: Classification,
    /// Why, in the engine's words; `{form}` in them is the recognised form.
    reason: Text,
    form: Option<Form>,
}

impl Decision {
    /// Why the request is what it is, in `lang` (naming the form recognised, if any).
    pub fn reason(&self, lang: Lang) -> String {
        let form = self.form.map(|f| f.name(lang)).unwrap_or_default();
        i18n::t_with(lang, self.reason, &[("form", &form)])
    }
}

/// Decides what the request is, or says which field to fix. `path` is the file `req` was read
/// from, named in the message; its line is found in the text read then, never read again.
pub fn classify(req: &Request, path: &Path) -> Result<Decision, Diagnostic> {
    decide(req).map_err(|p| p.diagnostic(path))
}

/// [`classify`], with the contradiction as a structured problem on the field to fix.
pub fn decide(req: &Request) -> Result<Decision, Problem> {
    use RequestKind as K;
    let contradiction =
        |field: &'static str, kind: ProblemKind| Problem::new(field, kind, &req.doc);
    let form = req
        .raw
        .form
        .as_ref()
        .and_then(|f| Form::recognise(f.as_str()));
    let asks_hold = req.requested.contains(&Item::Hold);
    let judicial_kind = matches!(
        req.raw.kind,
        Some(K::JudicialWarrant | K::CourtOrder | K::JudicialSubpoena)
    );
    // A federal court's form goes to counsel whatever the other fields say: a declination
    // letter sent in answer to a court order is the one mistake that cannot be taken back.
    if let Some(f) = form.filter(|f| f.class == FormClass::Judicial) {
        let agrees = req.signed_by_judge && (req.raw.kind.is_none() || judicial_kind);
        return Ok(Decision {
            classification: Classification::CourtOrder,
            reason: if agrees {
                Text::ReasonCourtForm
            } else {
                Text::ReasonCourtFormDisputed
            },
            form: Some(f),
        });
    }
    if req.signed_by_judge {
        if let Some(K::AdministrativeSubpoena | K::Detainer | K::InformationRequest) = req.raw.kind
        {
            return Err(contradiction(
                "signed_by_judge",
                ProblemKind::JudgeSignedOfficersPaper,
            ));
        }
        return Ok(Decision {
            classification: Classification::CourtOrder,
            reason: Text::ReasonSignedByJudge,
            form: None,
        });
    }
    if judicial_kind {
        return Err(contradiction("kind", ProblemKind::CourtPaperNotSigned));
    }
    let form_class = form.map(|f| f.class);
    let kind = match (req.raw.kind, form_class) {
        (Some(k), _) => k,
        (None, Some(FormClass::Detainer)) => K::Detainer,
        (None, Some(FormClass::AdministrativeSubpoena)) => K::AdministrativeSubpoena,
        (None, _) if asks_hold => K::Detainer,
        (None, _) => return Err(contradiction("requested", ProblemKind::Undecided)),
    };
    if let Some(form) = form.filter(|f| f.class.kind() != Some(kind)) {
        let kind = ProblemKind::FormOfOtherKind { form, kind };
        return Err(contradiction("form", kind));
    }
    if asks_hold && kind != K::Detainer {
        return Err(contradiction("requested", ProblemKind::HoldWithoutDetainer));
    }
    let (classification, reason) = match kind {
        K::AdministrativeSubpoena if req.raw.kind.is_none() => (
            Classification::AdministrativeSubpoena,
            Text::ReasonSubpoenaByForm,
        ),
        K::AdministrativeSubpoena => (
            Classification::AdministrativeSubpoena,
            Text::ReasonSubpoenaByKind,
        ),
        K::Detainer if req.raw.kind.is_none() && form_class == Some(FormClass::Detainer) => {
            (Classification::Detainer, Text::ReasonDetainerByForm)
        }
        K::Detainer if req.raw.kind.is_none() => {
            (Classification::Detainer, Text::ReasonDetainerByHold)
        }
        K::Detainer => (Classification::Detainer, Text::ReasonDetainerByKind),
        _ => (
            Classification::InformationRequest,
            Text::ReasonInformationRequest,
        ),
    };
    Ok(Decision {
        classification,
        reason,
        form: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::values::IsoDate;
    use crate::respond::{parse_request, EXAMPLE};

    /// The file is read once: a contradiction is located in the text parsed, even when the
    /// path names nothing by the time the request is classified (or names another file).
    #[test]
    fn a_contradiction_is_located_in_the_text_read_once() {
        let text = EXAMPLE.replace("signed_by_judge: false", "signed_by_judge: true");
        let line = 1 + text
            .lines()
            .position(|l| l.starts_with("signed_by_judge:"))
            .expect("the example says who signed it");
        let path = Path::new("no-such-folder/request.yaml");
        let today = IsoDate::parse("2026-11-27").expect("a date");
        let req = parse_request(path, &text, today).expect("the example is a good request");
        let d = classify(&req, path).expect_err("a judge cannot sign an administrative subpoena");
        assert!(
            d.message.starts_with("`signed_by_judge` is true"),
            "{}",
            d.message
        );
        assert_eq!((d.file.as_deref(), d.line), (Some(path), Some(line)));
    }

    /// Each kind named with its article, as the memo's title and first section write it: the
    /// article agrees with the noun in both languages (never "a administrative subpoena").
    #[test]
    fn every_kind_carries_the_article_that_agrees_with_it() {
        let expected = [
            (
                Classification::AdministrativeSubpoena,
                "an administrative subpoena",
                "una citación administrativa (subpoena)",
            ),
            (
                Classification::Detainer,
                "an immigration detainer (hold or notification request)",
                "una solicitud de detención o de notificación migratoria (detainer)",
            ),
            (
                Classification::InformationRequest,
                "an informal request for information",
                "una solicitud informal de información",
            ),
            (
                Classification::CourtOrder,
                "a court order or judicial warrant",
                "una orden judicial",
            ),
        ];
        for (kind, en, es) in expected {
            assert_eq!(kind.with_article(Lang::En), en);
            assert_eq!(kind.with_article(Lang::Es), es);
            // The phrase with the article is the bare label behind it, nothing glued in.
            for lang in [Lang::En, Lang::Es] {
                assert!(
                    kind.with_article(lang).ends_with(kind.label(lang)),
                    "{lang}: {kind:?}"
                );
            }
        }
    }

    /// The "Re:" line agrees with the kind it names ("recibida", "relativa" for a feminine noun).
    #[test]
    fn the_memo_subject_agrees_with_the_kind() {
        for kind in [
            Classification::AdministrativeSubpoena,
            Classification::Detainer,
            Classification::InformationRequest,
            Classification::CourtOrder,
        ] {
            let en = kind.memo_subject(Lang::En, "November 20, 2026", "Jane Roe");
            assert!(
                en.ends_with(" received on November 20, 2026 concerning Jane Roe"),
                "{en}"
            );
            assert!(en.starts_with(char::is_uppercase), "{en}");
            let es = kind.memo_subject(Lang::Es, "20 de noviembre de 2026", "Jane Roe");
            assert!(
                es.ends_with(" recibida el 20 de noviembre de 2026, relativa a Jane Roe"),
                "{es}"
            );
        }
        assert_eq!(
            Classification::Detainer.memo_subject(Lang::En, "X", "Y"),
            "Immigration detainer received on X concerning Y"
        );
    }
}
