//! The interview's first pages: the jurisdiction (a list filtered on the server by `q`, and
//! by `desk.js` as one types), the agency, and what arrived (classified as `respond`
//! classifies: a court's paper goes to its stop, any other to the person, `classified`).
//! Each GET shows what was already answered; a POST with errors is the same page again,
//! 422, every value kept, each error on its field.

use super::fields::{self, Answers, Choice, Errors, Form};
use super::request::{self, Step, FORMS};
use super::{held, keep, not_held, update, Elsewhere, Interview};
use crate::config::Jurisdiction;
use crate::document::Lang;
use crate::respond::Classification;
use crate::serve::page;
use crate::serve::state::App;
use crate::serve::words;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::{json, Value};
use std::sync::Arc;

/// The 303 to page `page` of interview `id`.
pub(super) fn to_page(id: &str, page: &str) -> Response {
    Redirect::to(&format!("/interview/{id}/{page}")).into_response()
}

/// Renders step `page` of interview `id` (template `interview-<page>`) with `values`, and the
/// errors' summary.
pub(super) fn show(
    app: &App,
    lang: Lang,
    id: &str,
    page_name: &str,
    errors: &Errors,
    mut values: Value,
) -> Response {
    if let Some(v) = values.as_object_mut() {
        v.insert("id".into(), json!(id));
        v.insert("errors".into(), errors.summary());
        v.insert("has_errors".into(), json!(!errors.is_empty()));
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page::render_with_status(
        app,
        lang,
        &format!("/interview/{id}/{page_name}"),
        &format!("interview-{page_name}"),
        values,
        status,
    )
}

/// A jurisdiction's or agency's name in `lang`, else in English, else `fallback`.
fn name_in(name: &crate::config::values::Localized, lang: Lang, fallback: &str) -> String {
    name.get(lang)
        .or_else(|| name.get(Lang::En))
        .unwrap_or(fallback)
        .to_string()
}

/// Lowercase, without the accents of Latin letters: what the search compares (the list's
/// `data-filter` text is folded the same way, so `desk.js` folds only what is typed).
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// The jurisdictions an interview can start in: each one of the tree that resolved, by id.
pub(super) fn jurisdictions(app: &App) -> Vec<Jurisdiction> {
    app.project()
        .resolved
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok().cloned())
        .collect()
}

/// Step 1's page: the search box and the list of jurisdictions matching `q`.
fn start_page(app: &App, lang: Lang, answers: &Answers, errors: &Errors) -> Response {
    let q = fields::one(answers, "q").unwrap_or_default();
    let wanted = fold(q);
    let chosen = fields::one(answers, "jurisdiction");
    let items: Vec<Value> = jurisdictions(app)
        .iter()
        .map(|j| {
            let name = name_in(&j.name, lang, &j.id);
            let text = fold(&format!("{name} {}", j.id));
            (j, name, text)
        })
        .filter(|(.., text)| text.contains(&wanted))
        .enumerate()
        .map(|(i, (j, name, text))| {
            let id = if i == 0 {
                page::field_id("jurisdiction")
            } else {
                page::field_id(&format!("jurisdiction-{}", j.id))
            };
            json!({
                "id": id, "value": j.id, "name": name, "filter": text,
                "checked": chosen == Some(j.id.as_str()),
            })
        })
        .collect();
    let form = Form {
        lang,
        answers,
        errors,
    };
    let shown = items.len().to_string();
    let values = json!({
        "q": form.input("q", "search", "interview.start.search", Some("interview.start.search_hint"), false),
        "jurisdiction_error": errors.on("jurisdiction").unwrap_or_default(),
        "items": items,
        "count": words::t_with(lang, "interview.start.count", &[("count", &shown)]),
        "errors": errors.summary(),
        "has_errors": !errors.is_empty(),
    });
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page::render_with_status(app, lang, "/interview", "interview-start", values, status)
}

/// `GET /interview[?q=…]`: step 1.
pub(super) async fn start(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let answers = fields::parse(query.unwrap_or_default().as_bytes());
    start_page(&app, page::lang_of(&headers), &answers, &Errors::default())
}

/// `POST /interview`: starts an interview in the jurisdiction chosen.
pub(super) async fn create(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = page::lang_of(&headers);
    let answers = fields::parse(&body);
    let chosen = fields::one(&answers, "jurisdiction");
    let known = chosen.filter(|c| super::loaded(&app.project(), c).is_some());
    let Some(jurisdiction) = known else {
        let mut errors = Errors::default();
        let key = if chosen.is_some() {
            "interview.error.jurisdiction_unknown"
        } else {
            "interview.error.jurisdiction_missing"
        };
        errors.add("jurisdiction", words::t(lang, key).to_string());
        return start_page(&app, lang, &answers, &errors);
    };
    let interview = Interview {
        jurisdiction: Some(jurisdiction.to_string()),
        ..Interview::default()
    };
    match keep(&app, interview) {
        Some(id) => to_page(&id, "agency"),
        None => page::failure(&app, lang),
    }
}

/// The interview `id` and its jurisdiction as loaded now, or the page to answer instead: not
/// found, or step 1 again when the jurisdiction is no longer in the tree.
fn interview_and_jurisdiction(
    app: &App,
    lang: Lang,
    id: &str,
) -> Result<(Interview, Jurisdiction), Elsewhere> {
    let Some(interview) = held(app, id) else {
        return Err(Box::new(not_held(app, lang)));
    };
    let j = interview
        .jurisdiction
        .as_deref()
        .and_then(|jid| super::loaded(&app.project(), jid).cloned());
    match j {
        Some(j) => Ok((interview, j)),
        None => Err(Box::new(Redirect::to("/interview").into_response())),
    }
}

fn agency_page(
    app: &App,
    lang: Lang,
    id: &str,
    j: &Jurisdiction,
    answers: &Answers,
    errors: &Errors,
) -> Response {
    let choices = j
        .agencies
        .iter()
        .map(|(role, record)| Choice {
            value: role.key().to_string(),
            label: name_in(&record.name, lang, role.key()),
            about: None,
        })
        .collect();
    let form = Form {
        lang,
        answers,
        errors,
    };
    let values = json!({
        "jurisdiction": name_in(&j.name, lang, &j.id),
        "received_by": form.group("received_by", "radio", "interview.agency.received_by", None, choices),
    });
    show(app, lang, id, "agency", errors, values)
}

/// `GET /interview/{id}/agency`: step 2, the agencies of the jurisdiction chosen.
pub(super) async fn agency(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let lang = page::lang_of(&headers);
    let (interview, j) = match interview_and_jurisdiction(&app, lang, &id) {
        Ok(found) => found,
        Err(page) => return *page,
    };
    let mut answers = Answers::new();
    if let Some(role) = interview.received_by {
        answers.insert("received_by".into(), vec![role]);
    }
    agency_page(&app, lang, &id, &j, &answers, &Errors::default())
}

/// `POST /interview/{id}/agency`.
pub(super) async fn agency_sent(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let lang = page::lang_of(&headers);
    let (_, j) = match interview_and_jurisdiction(&app, lang, &id) {
        Ok(found) => found,
        Err(page) => return *page,
    };
    let answers = fields::parse(&body);
    let chosen = fields::one(&answers, "received_by");
    let role = chosen.filter(|c| j.agencies.keys().any(|r| r.key() == *c));
    let Some(role) = role else {
        let mut errors = Errors::default();
        let key = if chosen.is_some() {
            "interview.error.received_by_unknown"
        } else {
            "interview.error.received_by_missing"
        };
        errors.add("received_by", words::t(lang, key).to_string());
        return agency_page(&app, lang, &id, &j, &answers, &errors);
    };
    let role = role.to_string();
    if !update(&app, &id, |i| i.received_by = Some(role)) {
        return not_held(&app, lang);
    }
    to_page(&id, "paper")
}

/// The paper step's fields, drawn with `answers` and `errors`.
fn paper_fields(lang: Lang, answers: &Answers, errors: &Errors) -> Value {
    let form = Form {
        lang,
        answers,
        errors,
    };
    let forms = FORMS
        .iter()
        .map(|v| Choice {
            value: (*v).to_string(),
            label: words::t(lang, &format!("interview.paper.form.{v}")).to_string(),
            about: Some(words::t(lang, &format!("interview.paper.form_about.{v}")).to_string()),
        })
        .collect();
    let deliveries = fields::worded(lang, "interview.delivery", crate::register::DELIVERIES);
    let items = fields::worded(lang, "interview.paper.item", crate::register::ITEMS);
    let optional = |name: &str| {
        form.input(
            name,
            "text",
            &format!("interview.paper.{name}"),
            None,
            false,
        )
    };
    json!({
        "signed_by_judge": form.group("signed_by_judge", "radio", "interview.paper.signed_by_judge",
            Some("interview.paper.signed_by_judge_hint"), fields::worded(lang, "interview.paper.yes_no", &["yes", "no"])),
        "form": form.group("form", "radio", "interview.paper.form_legend", Some("interview.paper.form_hint"), forms),
        "form_other": form.input("form_other", "text", "interview.paper.form_other", Some("interview.paper.form_other_hint"), false),
        "requested": form.group("requested", "checkbox", "interview.paper.requested", Some("interview.paper.requested_hint"), items),
        "received": form.input("received", "date", "interview.paper.received", Some("interview.paper.date_hint"), true),
        "return_date": form.input("return_date", "date", "interview.paper.return_date", Some("interview.paper.return_date_hint"), false),
        "delivered": form.group("delivered", "radio", "interview.paper.delivered", None, deliveries),
        "office": form.input("office", "text", "interview.paper.office", Some("interview.paper.office_hint"), true),
        "officer": form.input("officer", "text", "interview.paper.officer", Some("interview.paper.officer_hint"), true),
        "a_number": optional("a_number"),
        "subject_id": optional("subject_id"),
        "event_number": optional("event_number"),
        "document_number": optional("document_number"),
    })
}

/// `GET /interview/{id}/paper`: step 3, what arrived.
pub(super) async fn paper(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let lang = page::lang_of(&headers);
    let Some(interview) = held(&app, &id) else {
        return not_held(&app, lang);
    };
    if interview.received_by.is_none() {
        return to_page(&id, "agency");
    }
    let errors = Errors::default();
    let values = json!({ "fields": paper_fields(lang, &interview.answers, &errors) });
    show(&app, lang, &id, "paper", &errors, values)
}

/// Replaces `step`'s answers in interview `id` with those `body` sends; the interview as it
/// is then, or `None` when it is no longer held.
pub(super) fn keep_answers(app: &App, id: &str, step: Step, body: &[u8]) -> Option<Interview> {
    let mut sent = fields::parse(body);
    let mut kept = None;
    update(app, id, |i| {
        for name in step.names() {
            i.answers.remove(name);
            if let Some(v) = sent.remove(name) {
                i.answers.insert(name.to_string(), v);
            }
        }
        // Answers changed: what was finished no longer matches them.
        i.finished = None;
        kept = Some(i.clone());
    });
    kept
}

/// `POST /interview/{id}/paper`: classified as `respond` classifies; a court's paper stops.
pub(super) async fn paper_sent(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let lang = page::lang_of(&headers);
    let Some(interview) = keep_answers(&app, &id, Step::Paper, &body) else {
        return not_held(&app, lang);
    };
    match request::check(&id, &interview, Step::Paper, app.today(), lang) {
        Ok((_, decision)) if decision.classification == Classification::CourtOrder => {
            to_page(&id, "court")
        }
        Ok(_) => to_page(&id, "person"),
        Err(errors) => {
            let values = json!({ "fields": paper_fields(lang, &interview.answers, &errors) });
            show(&app, lang, &id, "paper", &errors, values)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_ignores_case_and_accents() {
        assert_eq!(fold("Condado de León, ÁLAMEDA"), "condado de leon, alameda");
    }
}
