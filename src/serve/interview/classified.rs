//! The pages after what arrived is classified: the stop for a court's paper (`respond`'s
//! warning, no letter, a form recording it in the register) and the person and who signs,
//! under the classification box.

use super::fields::{self, Answers, Errors, Form};
use super::request::{self, Step};
use super::steps::{keep_answers, show, to_page};
use super::{held, not_held, update, Elsewhere, Finished, Interview};
use crate::document::Lang;
use crate::register::{NewRequest, Register};
use crate::respond::{Classification, Decision};
use crate::serve::page;
use crate::serve::state::App;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::{json, Value};
use std::sync::Arc;

/// The classification box's words: what the request is and why, as `respond` prints them.
pub(super) fn classification(decision: &Decision, lang: Lang) -> Value {
    json!({
        "label": decision.classification.label(lang),
        "reason": decision.reason(lang),
    })
}

/// The interview `id`'s paper classified, or the page to go to instead.
fn classified(app: &App, lang: Lang, id: &str) -> Result<(Interview, Decision), Elsewhere> {
    let Some(interview) = held(app, id) else {
        return Err(Box::new(not_held(app, lang)));
    };
    match request::check(id, &interview, Step::Paper, app.today(), lang) {
        Ok((_, decision)) => Ok((interview, decision)),
        Err(_) => Err(Box::new(to_page(id, "paper"))),
    }
}

/// `GET /interview/{id}/court`: the stop for a court's paper — respond's warning, no letter,
/// and a form to record it in the register.
pub(super) async fn court(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let lang = page::lang_of(&headers);
    let (interview, decision) = match classified(&app, lang, &id) {
        Ok(found) => found,
        Err(page) => return *page,
    };
    if decision.classification != Classification::CourtOrder {
        return to_page(&id, "person");
    }
    let recorded = interview.finished.as_ref().map(|f| f.register_id);
    let values = json!({
        "classification": classification(&decision, lang),
        "recorded": recorded.is_some(),
        "register_id": recorded.flatten(),
        "register_failed": recorded == Some(None),
    });
    show(&app, lang, &id, "court", &Errors::default(), values)
}

/// `POST /interview/{id}/court`: records the court's paper in the register, as `respond` does.
pub(super) async fn court_recorded(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let lang = page::lang_of(&headers);
    let Some(interview) = held(&app, &id) else {
        return not_held(&app, lang);
    };
    let Ok((request, decision)) = request::check(&id, &interview, Step::Paper, app.today(), lang)
    else {
        return to_page(&id, "paper");
    };
    if decision.classification != Classification::CourtOrder {
        return to_page(&id, "person");
    }
    let jurisdiction = interview.jurisdiction.clone().unwrap_or_default();
    let Some(j) = super::loaded(&app.project(), &jurisdiction).cloned() else {
        return Redirect::to("/interview").into_response();
    };
    let entry = NewRequest::of_answer(&request, &decision, &j, &j.languages, app.today(), false);
    let path = app.register.clone();
    let recorded = tokio::task::spawn_blocking(move || {
        Register::open(&path).and_then(|mut r| r.record_answer(&entry))
    })
    .await;
    let register_id = match recorded {
        Ok(Ok(n)) => Some(n),
        // The register's message names the file and the database's reason, not a value of the
        // request; the page says it in words.
        Ok(Err(_)) | Err(_) => None,
    };
    let finished = Finished {
        files: Vec::new(),
        documents: Vec::new(),
        register_id,
        draft: false,
    };
    if !update(&app, &id, |i| i.finished = Some(Arc::new(finished))) {
        return not_held(&app, lang);
    }
    to_page(&id, "court")
}

/// The person step's fields.
fn person_fields(lang: Lang, answers: &Answers, errors: &Errors) -> Value {
    let form = Form {
        lang,
        answers,
        errors,
    };
    let input = |name: &str, kind: &str, hint: bool, required: bool| {
        let hint_key = format!("interview.person.{name}_hint");
        form.input(
            name,
            kind,
            &format!("interview.person.{name}"),
            hint.then_some(hint_key.as_str()),
            required,
        )
    };
    let deliveries = fields::worded(lang, "interview.delivery", crate::register::DELIVERIES);
    json!({
        "subject_name": input("subject_name", "text", true, true),
        "subject_dob": input("subject_dob", "date", true, false),
        "subject_booking": input("subject_booking", "text", false, false),
        "subject_juvenile": form.checkbox("subject_juvenile", "interview.person.subject_juvenile", None),
        "subject_guardian": input("subject_guardian", "text", true, false),
        "subject_attorney": input("subject_attorney", "text", false, false),
        "signer_name": input("signer_name", "text", true, false),
        "signer_title": input("signer_title", "text", false, false),
        "reply_by": form.group("reply_by", "radio", "interview.person.reply_by", Some("interview.person.reply_by_hint"), deliveries),
    })
}

/// `GET /interview/{id}/person`: step 4, the person and who signs, under the classification.
pub(super) async fn person(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let lang = page::lang_of(&headers);
    let (interview, decision) = match classified(&app, lang, &id) {
        Ok(found) => found,
        Err(page) => return *page,
    };
    if decision.classification == Classification::CourtOrder {
        return to_page(&id, "court");
    }
    let errors = Errors::default();
    let values = json!({
        "classification": classification(&decision, lang),
        "fields": person_fields(lang, &interview.answers, &errors),
    });
    show(&app, lang, &id, "person", &errors, values)
}

/// `POST /interview/{id}/person`: the whole request checked as `respond` checks it.
pub(super) async fn person_sent(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let lang = page::lang_of(&headers);
    let Some(interview) = keep_answers(&app, &id, Step::Person, &body) else {
        return not_held(&app, lang);
    };
    let Err(errors) = request::check(&id, &interview, Step::Person, app.today(), lang) else {
        return to_page(&id, "facts");
    };
    let Ok((_, decision)) = request::check(&id, &interview, Step::Paper, app.today(), lang) else {
        return to_page(&id, "paper");
    };
    let values = json!({
        "classification": classification(&decision, lang),
        "fields": person_fields(lang, &interview.answers, &errors),
    });
    show(&app, lang, &id, "person", &errors, values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::words;

    /// The court's stop says what `respond` says, in the desk's English words.
    #[test]
    fn the_court_stop_says_what_respond_says() {
        let page = format!(
            "{}\n{}",
            words::t(Lang::En, "interview.court.warning"),
            words::t(Lang::En, "interview.court.no_letter")
        );
        assert_eq!(page, crate::commands::respond::COURT_WARNING);
    }
}
