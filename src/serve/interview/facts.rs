//! Step 4 of the interview: the facts the jurisdiction's config leaves `unknown` that this
//! answer needs, each asked for with its source; used for this answer only ([`apply`]), or
//! written back into the config as sourced facts after the diff is shown (`write`).

mod view;
mod write;

use super::super::page;
use super::super::state::App;
use super::super::words;
use super::{request, Interview};
use crate::config::edit::{self, FactPath, Field};
use crate::config::values::{Fact, IsoDate, Localized, Text};
use crate::config::{Jurisdiction, UnknownFact};
use crate::document::Lang;
use crate::kit::Project;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};
use view::{
    confirm_page, facts_path, form_page, problem_key, refusal_page, refusal_text, source_name,
    value_name,
};

/// A fact given in the interview: its value and where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GivenFact {
    /// The fact, as typed (checked as the config's loader checks it).
    pub(crate) value: String,
    /// Where it was read: an address or a description of the source.
    pub(crate) source: String,
    /// The day it was given: the day it was last verified.
    pub(crate) verified: IsoDate,
}

/// The jurisdiction `j` with each fact of `given` in place of its `unknown` (for this answer
/// only: nothing is written). A fact the config already knows is never replaced.
pub(crate) fn apply(j: &Jurisdiction, given: &BTreeMap<String, GivenFact>) -> Jurisdiction {
    let mut out = j.clone();
    for (path, fact) in given {
        if !j.unknown.iter().any(|u| &u.path == path) {
            continue;
        }
        let fact = Fact::Known {
            value: Localized::Same(Text(fact.value.clone())),
            source: Some(Text(fact.source.clone())),
            verified: Some(fact.verified),
        };
        // Every path of `unknown` is one `set_fact` places.
        let _ = edit::set_fact(&mut out, path, fact);
    }
    out
}

/// The facts step's routes (`/interview/{id}/facts…`).
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/interview/{id}/facts", get(show).post(take))
        .route("/interview/{id}/facts/confirm", get(confirm).post(decide))
}

/// One write-back at a time: a plan is made from the files as they are and written before
/// another is made.
static WRITING: Mutex<()> = Mutex::new(());

/// What a handler works on: the interview, its jurisdiction as loaded now and the facts its
/// answer needs, each with where it is declared unknown.
struct Step {
    /// The interview's id.
    id: String,
    interview: Interview,
    project: Arc<Project>,
    jurisdiction: Jurisdiction,
    needed: Vec<UnknownFact>,
}

/// The interview `id` and the facts its answer needs; otherwise the response to give (not
/// found; an earlier step to finish; the failure page).
async fn step(app: &Arc<App>, id: &str, lang: Lang) -> Result<Step, Response> {
    let Some(interview) = super::held(app, id) else {
        return Err(super::not_held(app, lang));
    };
    let project = app.project();
    let found = interview
        .jurisdiction
        .as_deref()
        .and_then(|wanted| super::loaded(&project, wanted).cloned());
    let Some(jurisdiction) = found else {
        return Err(Redirect::to("/interview").into_response());
    };
    let today = app.today();
    let Ok((req, decision)) = request::check(id, &interview, request::Step::Person, today, lang)
    else {
        return Err(Redirect::to(&format!("/interview/{id}/person")).into_response());
    };
    let (p, j) = (Arc::clone(&project), jurisdiction.clone());
    let needed = tokio::task::spawn_blocking(move || {
        crate::respond::unknown_facts_needed(&p, &j, &req, &decision, &j.languages, today)
    })
    .await;
    let Ok(Ok(needed)) = needed else {
        return Err(page::failure(app, lang));
    };
    let needed = jurisdiction
        .unknown
        .iter()
        .filter(|u| needed.contains(&u.path))
        .cloned()
        .collect();
    Ok(Step {
        id: id.to_string(),
        interview,
        project,
        jurisdiction,
        needed,
    })
}

async fn show(
    State(app): State<Arc<App>>,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    let lang = page::lang_of(&headers);
    let step = match step(&app, &id, lang).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    if step.needed.is_empty() {
        return Redirect::to(&format!("/interview/{id}/preview")).into_response();
    }
    let typed: BTreeMap<String, (String, String)> = step
        .interview
        .facts
        .iter()
        .map(|(p, f)| (p.clone(), (f.value.clone(), f.source.clone())))
        .collect();
    let form = form_page(&app, &step, lang, &typed, &BTreeMap::new(), false);
    page::render(&app, lang, &facts_path(&id), "interview-facts", form)
}

async fn take(
    State(app): State<Arc<App>>,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let lang = page::lang_of(&headers);
    let step = match step(&app, &id, lang).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let write_back = field("write_back") == "yes";
    let mut typed = BTreeMap::new();
    let mut errors: BTreeMap<String, &'static str> = BTreeMap::new();
    let mut given = BTreeMap::new();
    for u in &step.needed {
        let (value_field, source_field) = (value_name(&u.path), source_name(&u.path));
        let (value, source) = (field(&value_field), field(&source_field));
        let kind = FactPath::parse(&u.path).map_or(Field::Name, |p| p.field);
        match (value.is_empty(), source.is_empty()) {
            (true, true) => {}
            (true, false) => {
                errors.insert(value_field, "facts.error.value_missing");
            }
            (false, true) => {
                errors.insert(source_field, "facts.error.source_missing");
            }
            (false, false) => {
                let checked = (edit::check_value(kind, &value), edit::check_source(&source));
                match checked {
                    (Ok(_), Ok(_)) => {
                        given.insert(
                            u.path.clone(),
                            GivenFact {
                                value: value.clone(),
                                source: source.clone(),
                                verified: app.today(),
                            },
                        );
                    }
                    (v, s) => {
                        if let Err(p) = v {
                            errors.insert(value_field, problem_key(p));
                        }
                        if let Err(p) = s {
                            errors.insert(source_field, problem_key(p));
                        }
                    }
                }
            }
        }
        typed.insert(u.path.clone(), (value, source));
    }
    if !errors.is_empty() {
        let form = form_page(&app, &step, lang, &typed, &errors, write_back);
        return page::render_with_status(
            &app,
            lang,
            &facts_path(&id),
            "interview-facts",
            form,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let any = !given.is_empty();
    match app.interviews().get_mut(&id) {
        Some(interview) => {
            for u in &step.needed {
                interview.facts.remove(&u.path);
            }
            interview.facts.extend(given);
        }
        None => return page::failure(&app, lang),
    }
    let next = if write_back && any {
        format!("{}/confirm", facts_path(&id))
    } else {
        format!("/interview/{id}/preview")
    };
    Redirect::to(&next).into_response()
}

async fn confirm(
    State(app): State<Arc<App>>,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    let lang = page::lang_of(&headers);
    let step = match step(&app, &id, lang).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let root = app.tree.root.clone();
    let planned = tokio::task::spawn_blocking(move || {
        let _one = WRITING.lock().unwrap_or_else(PoisonError::into_inner);
        write::plan(&root, &step.jurisdiction, &step.interview.facts).map(|p| (p, step))
    })
    .await;
    match planned {
        Ok(Ok((plan, step))) => confirm_page(&app, &id, lang, &step, &plan, None, StatusCode::OK),
        Ok(Err(refused)) => refusal_page(&app, &id, lang, &refused),
        Err(_) => page::failure(&app, lang),
    }
}

async fn decide(
    State(app): State<Arc<App>>,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let lang = page::lang_of(&headers);
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let preview = Redirect::to(&format!("/interview/{id}/preview")).into_response();
    let step = match step(&app, &id, lang).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    if field("action") != "write" {
        return preview;
    }
    let shown = field("plan");
    let (root, worker) = (app.tree.root.clone(), Arc::clone(&app));
    let done = tokio::task::spawn_blocking(move || {
        let _one = WRITING.lock().unwrap_or_else(PoisonError::into_inner);
        let plan = match write::plan(&root, &step.jurisdiction, &step.interview.facts) {
            Ok(p) => p,
            Err(refused) => return (Err(refused), step, None),
        };
        if plan.digest() != shown {
            // The files changed since the diff was shown: show the new one instead.
            return (Ok(false), step, Some(plan));
        }
        let reload = || {
            worker.reload();
            worker.project()
        };
        let written = write::write(&plan, &step.project, &reload).map(|()| true);
        (written, step, Some(plan))
    })
    .await;
    match done {
        Ok((Ok(true), _, _)) => preview,
        Ok((Ok(false), step, Some(plan))) => confirm_page(
            &app,
            &id,
            lang,
            &step,
            &plan,
            Some(words::t(lang, "facts.confirm.stale")),
            StatusCode::CONFLICT,
        ),
        Ok((Err(refused), step, Some(plan))) => {
            let problem = refusal_text(&app, lang, &refused);
            confirm_page(
                &app,
                &id,
                lang,
                &step,
                &plan,
                Some(&problem),
                StatusCode::CONFLICT,
            )
        }
        Ok((Err(refused), _, None)) => refusal_page(&app, &id, lang, &refused),
        _ => page::failure(&app, lang),
    }
}

#[cfg(test)]
mod tests;
