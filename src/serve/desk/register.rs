//! The register's pages: the open requests (`GET /register`), one request whole with its
//! close form (`GET /register/{id}`), and closing it (`POST /register/{id}/close`, checked as
//! `register close` checks it, and the day it was decided not before the day it arrived).

use super::{
    agency_name, blocking, date, date_time, field_error, jurisdiction, jurisdiction_name,
    kind_name, not_found, read_register, word,
};
use crate::document::Lang;
use crate::kit::Project;
use crate::register::{Entry, Outcome, Register};
use crate::serve::page;
use crate::serve::state::App;
use crate::values::IsoDate;
use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::{json, Value};
use std::sync::Arc;

/// What the open requests' page shows: whether anything was ever recorded, and the open
/// requests, most urgent first (the register's own order).
struct OpenRequests {
    recorded: bool,
    open: Vec<Entry>,
}

/// `GET /register`.
pub(super) async fn open_requests(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    let lang = page::lang_of(&headers);
    let reader = Arc::clone(&app);
    let read = blocking(move || {
        let register = read_register(&reader)?;
        let recorded = register
            .rows("SELECT count(*) FROM requests", &[])
            .ok()?
            .first()
            .and_then(|r| r.first())
            .is_some_and(|n| n != "0");
        let open = register.open_requests().ok()?;
        Some(OpenRequests { recorded, open })
    })
    .await;
    let Ok(Some(read)) = read else {
        return page::failure(&app, lang);
    };
    let project = app.project();
    let today = app.today();
    let rows: Vec<Value> = read
        .open
        .iter()
        .map(|e| row(e, &project, lang, today))
        .collect();
    page::render(
        &app,
        lang,
        "/register",
        "register",
        json!({ "recorded": read.recorded, "requests": rows }),
    )
}

/// Whether request `e`'s return date is before `today`.
fn overdue(e: &Entry, today: IsoDate) -> bool {
    e.request
        .return_date
        .as_deref()
        .and_then(IsoDate::parse)
        .is_some_and(|d| d < today)
}

/// One open request as a row of the table.
fn row(e: &Entry, project: &Project, lang: Lang, today: IsoDate) -> Value {
    let r = &e.request;
    let j = jurisdiction(project, &r.jurisdiction);
    let notices: Vec<String> = e
        .not_sent()
        .iter()
        .map(|d| word(lang, "documents", &d.document))
        .collect();
    json!({
        "id": e.id,
        "jurisdiction": jurisdiction_name(j, lang, &r.jurisdiction),
        "jurisdiction_id": r.jurisdiction,
        "agency": agency_name(j, lang, &r.received_by),
        "kind": kind_name(lang, &r.kind),
        "received": date(lang, &r.received),
        "deadline": r.return_date.as_deref().map(|d| date(lang, d)),
        "overdue": overdue(e, today),
        "notices": notices,
    })
}

/// Request `id` if the register holds it (`None`: no such request; `Err`: it cannot be read).
fn find(app: &App, id: i64) -> Result<Option<Entry>, ()> {
    let register = read_register(app).ok_or(())?;
    let held = register
        .rows(
            "SELECT count(*) FROM requests WHERE id = :id",
            &[(":id", &id.to_string())],
        )
        .map_err(|_| ())?;
    if held
        .first()
        .and_then(|r| r.first())
        .is_none_or(|n| n == "0")
    {
        return Ok(None);
    }
    register.show(id).map(Some).map_err(|_| ())
}

/// The number in a request's address (anything else names no request).
fn request_id(raw: &str) -> Option<i64> {
    raw.parse().ok().filter(|n| *n > 0)
}

/// Request `id` read off the async workers: the page for it, or the not-found or failure page.
async fn read_request(app: &Arc<App>, raw: &str, lang: Lang) -> Result<Entry, Response> {
    let Some(id) = request_id(raw) else {
        return Err(not_found(app, lang));
    };
    let reader = Arc::clone(app);
    match blocking(move || find(&reader, id)).await {
        Ok(Ok(Some(e))) => Ok(e),
        Ok(Ok(None)) => Err(not_found(app, lang)),
        _ => Err(page::failure(app, lang)),
    }
}

/// `GET /register/{id}`.
pub(super) async fn one_request(
    State(app): State<Arc<App>>,
    UrlPath(raw): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    let lang = page::lang_of(&headers);
    let e = match read_request(&app, &raw, lang).await {
        Ok(e) => e,
        Err(page) => return page,
    };
    let form = CloseForm {
        outcome: String::new(),
        on: app.today().to_string(),
        errors: Vec::new(),
    };
    request_page(&app, &e, lang, &form, StatusCode::OK)
}

/// The close form as shown: its values (as typed, when sent back) and its errors.
struct CloseForm {
    outcome: String,
    on: String,
    errors: Vec<Value>,
}

/// The page of request `e`, with the close form.
fn request_page(
    app: &App,
    e: &Entry,
    lang: Lang,
    form: &CloseForm,
    status: StatusCode,
) -> Response {
    let project = app.project();
    let path = format!("/register/{}", e.id);
    let mut values = details(e, &project, lang);
    let error_of = |field: &str| {
        form.errors
            .iter()
            .find(|x| x["field"] == field)
            .map(|x| x["message"].clone())
    };
    let outcomes: Vec<Value> = outcomes()
        .map(|o| {
            json!({
                "value": o.key(),
                "label": word(lang, "outcomes", o.key()),
                "selected": o.key() == form.outcome,
            })
        })
        .collect();
    if let Some(v) = values.as_object_mut() {
        v.insert(
            "close".into(),
            json!({
                "action": format!("{path}/close"),
                "outcomes": outcomes,
                "outcome_error": error_of("outcome"),
                "on": form.on,
                "on_error": error_of("on"),
            }),
        );
        v.insert("errors".into(), json!(form.errors));
    }
    page::render_with_status(app, lang, &path, "register-request", values, status)
}

/// Every outcome a request can be closed with, in the order `register close --help` lists them.
fn outcomes() -> impl Iterator<Item = Outcome> {
    <Outcome as clap::ValueEnum>::value_variants()
        .iter()
        .copied()
}

/// Everything `register show` shows of `e` ([`crate::commands::register::recorded`], then its
/// outcome, custody events, documents, the notices its law requires, and its audit trail), in
/// the words of `lang`.
fn details(e: &Entry, project: &Project, lang: Lang) -> Value {
    let r = &e.request;
    let j = jurisdiction(project, &r.jurisdiction);
    let fields: Vec<Value> = crate::commands::register::recorded(e)
        .into_iter()
        .map(|(name, values)| {
            let shown: Vec<Value> = values
                .iter()
                .map(|v| match name {
                    "jurisdiction" => json!({
                        "text": format!("{} ({v})", jurisdiction_name(j, lang, v)),
                    }),
                    "received_by" => json!({ "text": agency_name(j, lang, v) }),
                    "received" | "return_date" => date(lang, v),
                    "kind" => json!({ "text": kind_name(lang, v) }),
                    "delivered" => json!({ "text": word(lang, "deliveries", v) }),
                    "requested" => json!({ "text": word(lang, "items", v) }),
                    "juvenile" => json!({ "text": word(lang, "answers", v) }),
                    "recorded_by" => json!({ "text": word(lang, "recorded_by", v) }),
                    _ => json!({ "text": v }),
                })
                .collect();
            json!({ "label": word(lang, "fields", name), "values": shown })
        })
        .collect();
    let outcome = e
        .outcome
        .as_ref()
        .map(|(o, on)| json!({ "text": word(lang, "outcomes", o), "on": date(lang, on) }));
    let custody: Vec<Value> = e
        .custody
        .iter()
        .map(|c| {
            json!({
                "at": date_time(lang, &c.at),
                "event": word(lang, "custody_events", c.event.key()),
                "to_agency": c.to_agency,
                "offense": c.offense,
            })
        })
        .collect();
    let documents: Vec<Value> = r
        .documents
        .iter()
        .map(|d| {
            json!({
                "on": date(lang, &d.on_date),
                "document": word(lang, "documents", &d.document),
                "lang": word(lang, "languages", &d.lang),
                "sent_to": word(lang, "recipients", d.sent_to),
                "status": word(lang, "statuses", d.status),
            })
        })
        .collect();
    let not_sent = e.not_sent();
    let required: Vec<Value> = r
        .required
        .iter()
        .map(|d| {
            json!({
                "document": word(lang, "documents", &d.document),
                "required_by": d.required_by,
                "sent": !not_sent.contains(&d),
            })
        })
        .collect();
    let events: Vec<Value> = e
        .events
        .iter()
        .map(|(at, action, detail)| {
            json!({
                "at": date_time(lang, at),
                "action": word(lang, "actions", action),
                "detail": detail,
            })
        })
        .collect();
    json!({
        "id": e.id,
        "fields": fields,
        "outcome": outcome,
        "custody": custody,
        "documents": documents,
        "required": required,
        "events": events,
    })
}

/// What the close form asks, checked: the outcome and the day, or each field's error.
fn check_close(
    pairs: &[(String, String)],
    received: &str,
    lang: Lang,
) -> Result<(Outcome, IsoDate), CloseForm> {
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let (outcome_typed, on_typed) = (value("outcome"), value("on"));
    let mut errors = Vec::new();
    let outcome = outcomes().find(|o| o.key() == outcome_typed);
    if outcome.is_none() {
        errors.push(field_error(
            "outcome",
            &word(lang, "close", "outcome_missing"),
        ));
    }
    let on = IsoDate::parse(&on_typed);
    match on {
        None if on_typed.is_empty() => {
            errors.push(field_error("on", &word(lang, "close", "on_missing")));
        }
        None => errors.push(field_error("on", &word(lang, "close", "on_bad"))),
        Some(d) if IsoDate::parse(received).is_some_and(|r| d < r) => {
            let received = date(lang, received);
            let message = crate::serve::words::t_with(
                lang,
                "desk.close.on_before_received",
                &[("received", received["text"].as_str().unwrap_or_default())],
            );
            errors.push(field_error("on", &message));
        }
        Some(_) => {}
    }
    match (outcome, on) {
        (Some(o), Some(d)) if errors.is_empty() => Ok((o, d)),
        _ => Err(CloseForm {
            outcome: outcome_typed,
            on: on_typed,
            errors,
        }),
    }
}

/// `POST /register/{id}/close`: 303 back to the request, or the page again with the errors
/// (422). The request is read first, so an unknown number creates no register.
pub(super) async fn close(
    State(app): State<Arc<App>>,
    UrlPath(raw): UrlPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = page::lang_of(&headers);
    let e = match read_request(&app, &raw, lang).await {
        Ok(e) => e,
        Err(page) => return page,
    };
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let (outcome, on) = match check_close(&pairs, &e.request.received, lang) {
        Ok(checked) => checked,
        Err(form) => {
            return request_page(&app, &e, lang, &form, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let path = app.register.clone();
    let id = e.id;
    let closed = blocking(move || {
        Register::open(&path).and_then(|mut r| r.close(id, outcome, &on.to_string()))
    })
    .await;
    match closed {
        Ok(Ok(())) => Redirect::to(&format!("/register/{id}")).into_response(),
        _ => {
            eprintln!("responsekit serve: a request could not be closed in the register");
            page::failure(&app, lang)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(outcome: &str, on: &str) -> Vec<(String, String)> {
        vec![("outcome".into(), outcome.into()), ("on".into(), on.into())]
    }

    fn fields(form: &CloseForm) -> Vec<&str> {
        form.errors
            .iter()
            .filter_map(|e| e["field"].as_str())
            .collect()
    }

    #[test]
    fn a_close_is_checked_as_register_close_checks_it() {
        let ok = check_close(&pairs("declined", "2026-11-20"), "2026-11-18", Lang::En);
        assert!(matches!(ok, Ok((Outcome::Declined, d)) if d.to_string() == "2026-11-20"));
        let bad = check_close(&pairs("obliged", "2026-02-30"), "2026-11-18", Lang::En)
            .err()
            .unwrap();
        assert_eq!(fields(&bad), ["outcome", "on"]);
        assert_eq!(bad.on, "2026-02-30", "the value typed is kept");
        let early = check_close(&pairs("other", "2026-11-17"), "2026-11-18", Lang::Es)
            .err()
            .unwrap();
        assert_eq!(fields(&early), ["on"]);
        let message = early.errors[0]["message"].as_str().unwrap();
        assert!(message.contains("18 de noviembre de 2026"), "{message}");
        let empty = check_close(&[], "2026-11-18", Lang::En).err().unwrap();
        assert_eq!(fields(&empty), ["outcome", "on"]);
    }

    #[test]
    fn every_outcome_has_words_in_every_language() {
        for lang in crate::serve::words::languages() {
            for o in outcomes() {
                let key = format!("desk.outcomes.{}", o.key().replace('-', "_"));
                assert!(crate::serve::words::get(lang, &key).is_some(), "{key}");
            }
        }
    }
}
