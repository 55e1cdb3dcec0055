//! Classification: what a request is (administrative subpoena, detainer, informal request, or
//! a court's paper for counsel), decided from its `kind`, `form`, `signed_by_judge` and
//! `requested` before anything is answered, with the reason in each language — or the field
//! to fix when they contradict each other.

use super::form::{Form, FormClass};
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
    /// What it is, in running text in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        t(
            lang,
            match self {
                Classification::AdministrativeSubpoena => {
                    Text::ClassificationAdministrativeSubpoena
                }
                Classification::Detainer => Text::ClassificationDetainer,
                Classification::InformationRequest => Text::ClassificationInformationRequest,
                Classification::CourtOrder => Text::ClassificationCourtOrder,
            },
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

    /// The answer letter's document id.
    pub(super) fn letter(self) -> Option<&'static str> {
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
    use RequestKind as K;
    let contradiction = |field: &str, message: &str, hint: &str| {
        Diagnostic::error(message.to_string())
            .in_file(path)
            .at(req.doc.locate(&[field]), None)
            .with_hint(hint.to_string())
    };
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
                "`signed_by_judge` is true, but `kind` names a paper that immigration officers sign",
                "check the signature: if a judge signed it, set `kind: court_order` (or `judicial_warrant`, `judicial_subpoena`); if an immigration officer signed it, set `signed_by_judge: false`",
            ));
        }
        return Ok(Decision {
            classification: Classification::CourtOrder,
            reason: Text::ReasonSignedByJudge,
            form: None,
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
}
