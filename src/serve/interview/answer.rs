//! The end of the interview: the preview of every document (the HTML export's body) in each of
//! the jurisdiction's languages, with the facts given applied and a draft said to be one;
//! finishing — rendered as `respond` renders, exported, and recorded in the register as
//! `respond` records — and the downloads: each file, and a zip of all. Nothing is written to
//! disk but the register; the files are held with the interview. Rendering, exporting and
//! zipping run off the async workers (`spawn_blocking`).

use super::classified::classification;
use super::request::{self, Step};
use super::steps::to_page;
use super::{facts, held, not_held, update, Elsewhere, Finished};
use crate::config::Jurisdiction;
use crate::document::{Block, Document, Lang};
use crate::register::{NewRequest, Register};
use crate::respond::{self, Answer, Classification, Decision, Mode, Request};
use crate::serve::page;
use crate::serve::state::App;
use crate::serve::words;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;
use std::sync::Arc;

/// What an answer is rendered from: the request, its classification, and the jurisdiction
/// with the facts given applied.
struct Ready {
    request: Request,
    decision: Decision,
    jurisdiction: Jurisdiction,
}

/// Interview `id` ready to be answered, or the page to go to instead: the step with a problem
/// left, the court's stop, or not found.
fn ready(app: &App, lang: Lang, id: &str) -> Result<Ready, Elsewhere> {
    let Some(interview) = held(app, id) else {
        return Err(Box::new(not_held(app, lang)));
    };
    let today = app.today();
    let Ok((request, decision)) = request::check(id, &interview, Step::Person, today, lang) else {
        let paper = request::check(id, &interview, Step::Paper, today, lang);
        let step = if paper.is_ok() { "person" } else { "paper" };
        return Err(Box::new(to_page(id, step)));
    };
    if decision.classification == Classification::CourtOrder {
        return Err(Box::new(to_page(id, "court")));
    }
    let project = app.project();
    let found = interview
        .jurisdiction
        .as_deref()
        .and_then(|jid| super::loaded(&project, jid));
    let Some(j) = found else {
        return Err(Box::new(Redirect::to("/interview").into_response()));
    };
    Ok(Ready {
        request,
        decision,
        jurisdiction: facts::apply(j, &interview.facts),
    })
}

/// `GET /interview/{id}/preview`: every document as it will be, a draft said to be one.
pub(super) async fn preview(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let lang = page::lang_of(&headers);
    let r = match ready(&app, lang, &id) {
        Ok(r) => r,
        Err(page) => return *page,
    };
    let shown = classification(&r.decision, lang);
    let (project, today) = (app.project(), app.today());
    // A draft in `respond`'s sense: with no fact left it is the very answer to send.
    let rendered = tokio::task::spawn_blocking(move || {
        let j = &r.jurisdiction;
        let answer = respond::render_answer(
            &project,
            j,
            &r.request,
            r.decision,
            &j.languages,
            today,
            Mode::Draft,
        );
        match answer {
            Ok(Answer::Documents(documents, _, notes)) => Some((
                documents
                    .iter()
                    .map(|(l, name, doc)| {
                        json!({
                            "id": format!("p-{l}-{name}"),
                            "lang": l.code(),
                            "title": doc.title(),
                            "language": words::t(*l, "language.name"),
                            "html": preview_body(doc),
                        })
                    })
                    .collect::<Vec<_>>(),
                notes.len(),
            )),
            Ok(Answer::CourtOrder(_)) | Err(_) => None,
        }
    })
    .await;
    let Ok(Some((documents, left))) = rendered else {
        return page::failure(&app, lang);
    };
    let values = json!({
        "id": id,
        "classification": shown,
        "draft": left > 0,
        "draft_notice": words::t_with(lang, if left == 1 { "interview.preview.draft_one" } else { "interview.preview.draft" }, &[("count", &left.to_string())]),
        "documents": documents,
    });
    page::render(
        &app,
        lang,
        &format!("/interview/{id}/preview"),
        "interview-preview",
        values,
    )
}

/// A document's HTML under its section's `<h2>` (which holds its title): without its own
/// title, each heading a level down, so the page keeps one `<h1>` and its outline.
fn preview_body(doc: &Document) -> String {
    let blocks = doc
        .blocks()
        .iter()
        .filter(|b| !matches!(b, Block::Title(_)))
        .map(|b| match b {
            Block::Heading { level, content } => Block::Heading {
                level: level + 1,
                content: content.clone(),
            },
            other => other.clone(),
        })
        .collect();
    let under = Document::new(
        doc.title().to_string(),
        doc.lang(),
        blocks,
        doc.notice().to_string(),
    )
    .with_layout(doc.layout());
    crate::export::html::body(&under)
}

/// `POST /interview/{id}/finish`: renders and exports the answer as `respond` does, and
/// records it in the register, a draft as a draft.
pub(super) async fn finish(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let lang = page::lang_of(&headers);
    let r = match ready(&app, lang, &id) {
        Ok(r) => r,
        Err(page) => return *page,
    };
    let (project, today, register) = (app.project(), app.today(), app.register.clone());
    let done = tokio::task::spawn_blocking(move || {
        let j = &r.jurisdiction;
        // Rendered as a draft: one with no fact left holds no draft line, the answer to send
        // (`respond`'s own rule), and is recorded as prepared, not as a draft.
        let answer = respond::render_answer(
            &project,
            j,
            &r.request,
            r.decision.clone(),
            &j.languages,
            today,
            Mode::Draft,
        );
        let Ok(Answer::Documents(documents, decision, notes)) = answer else {
            return None;
        };
        let files = respond::export_answer(&documents).ok()?;
        let draft = !notes.is_empty();
        let entry = NewRequest::of_answer(&r.request, &decision, j, &j.languages, today, draft);
        // A register that cannot be written loses nothing: the files still download, and the
        // page says the answer is not recorded.
        let register_id = Register::open(&register)
            .and_then(|mut reg| reg.record_answer(&entry))
            .ok();
        let documents = documents
            .into_iter()
            .map(|(l, name, doc)| (l, name, doc.title().to_string()))
            .collect();
        Some(Finished {
            files,
            documents,
            register_id,
            draft,
        })
    })
    .await;
    let Ok(Some(finished)) = done else {
        return page::failure(&app, lang);
    };
    if !update(&app, &id, |i| i.finished = Some(Arc::new(finished))) {
        return not_held(&app, lang);
    }
    to_page(&id, "done")
}

/// The formats a document downloads in, in the order offered, with their words' keys.
const FORMATS: &[&str] = &["docx", "pdf", "md"];

/// `GET /interview/{id}/done`: recorded as request N, and the downloads.
pub(super) async fn done(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let lang = page::lang_of(&headers);
    let Some(interview) = held(&app, &id) else {
        return not_held(&app, lang);
    };
    let Some(finished) = interview.finished.filter(|f| !f.documents.is_empty()) else {
        return to_page(&id, "preview");
    };
    let documents: Vec<_> = finished
        .documents
        .iter()
        .map(|(l, name, title)| {
            let links: Vec<_> = FORMATS
                .iter()
                .filter(|ext| {
                    let path = format!("{l}/{name}.{ext}");
                    finished.files.iter().any(|f| f.path == path)
                })
                .map(|ext| {
                    json!({
                        "href": format!("/interview/{id}/files/{l}/{name}.{ext}"),
                        "format": words::t(lang, &format!("interview.done.format.{ext}")),
                    })
                })
                .collect();
            json!({
                "title": title,
                "lang": l.code(),
                "language": words::t(*l, "language.name"),
                "links": links,
            })
        })
        .collect();
    let values = json!({
        "id": id,
        "recorded": finished.register_id.is_some(),
        "register_id": finished.register_id,
        "draft": finished.draft,
        "documents": documents,
        "zip": format!("/interview/{id}/answer.zip"),
    });
    page::render(
        &app,
        lang,
        &format!("/interview/{id}/done"),
        "interview-done",
        values,
    )
}

/// A download: `bytes` as an attachment named `name`, of type `kind`, kept by no cache (it
/// holds a person's details).
fn attachment(name: &str, kind: &'static str, bytes: Vec<u8>) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

/// The finished answer of interview `id`, or the page to show instead.
fn finished_answer(app: &App, lang: Lang, id: &str) -> Result<(Arc<Finished>, String), Elsewhere> {
    let interview = held(app, id).ok_or_else(|| Box::new(not_held(app, lang)))?;
    let received = super::fields::one(&interview.answers, "received")
        .unwrap_or_default()
        .to_string();
    match interview.finished {
        Some(f) if !f.files.is_empty() => Ok((f, received)),
        _ => Err(Box::new(not_held(app, lang))),
    }
}

/// `GET /interview/{id}/files/{lang}/{document}.{ext}`: one file of the answer.
pub(super) async fn file(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path((id, file_lang, file)): Path<(String, String, String)>,
) -> Response {
    let lang = page::lang_of(&headers);
    let (finished, _) = match finished_answer(&app, lang, &id) {
        Ok(found) => found,
        Err(page) => return *page,
    };
    let path = format!("{file_lang}/{file}");
    let found = finished.files.iter().find(|f| f.path == path);
    let (Some(found), Some((document, ext))) = (found, file.rsplit_once('.')) else {
        return not_held(&app, lang);
    };
    let kind = match ext {
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf" => "application/pdf",
        _ => "text/markdown; charset=utf-8",
    };
    attachment(
        &format!("{document}-{file_lang}.{ext}"),
        kind,
        found.bytes.clone(),
    )
}

/// `GET /interview/{id}/answer.zip`: every file of the answer, `{lang}/{document}.{ext}`.
pub(super) async fn zip(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let lang = page::lang_of(&headers);
    let (finished, received) = match finished_answer(&app, lang, &id) {
        Ok(found) => found,
        Err(page) => return *page,
    };
    let zipped = tokio::task::spawn_blocking(move || {
        let files: Vec<(String, &[u8])> = finished
            .files
            .iter()
            .map(|f| (f.path.clone(), f.bytes.as_slice()))
            .collect();
        crate::export::bundle::zip_files(&files).ok()
    })
    .await;
    match zipped {
        Ok(Some(bytes)) => attachment(&format!("answer-{received}.zip"), "application/zip", bytes),
        _ => page::failure(&app, lang),
    }
}
