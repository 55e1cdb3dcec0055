//! Step 4 of the interview: the facts the jurisdiction's config leaves `unknown` that this
//! answer needs, each asked for with its source; used for this answer only ([`apply`]), or
//! written back into the config as sourced facts after the diff is shown (`write`).

mod write;

use super::super::page;
use super::super::state::App;
use super::super::words;
use super::{request, Interview};
use crate::config::edit::{self, FactPath, Field, Holder, ValueProblem};
use crate::config::values::{Fact, IsoDate, Localized, Text};
use crate::config::{Jurisdiction, UnknownFact};
use crate::document::Lang;
use crate::kit::Project;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

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
    let Some(interview) = app.interviews().get(id).cloned() else {
        return Err(page::render_with_status(
            app,
            lang,
            "/",
            "not-found",
            json!({}),
            StatusCode::NOT_FOUND,
        ));
    };
    let project = app.project();
    let found = interview.jurisdiction.as_ref().and_then(|wanted| {
        project
            .resolved
            .iter()
            .find(|(j, _)| j == wanted)
            .and_then(|(_, r)| r.as_ref().ok())
            .cloned()
    });
    let Some(jurisdiction) = found else {
        return Err(Redirect::to("/interview").into_response());
    };
    let today = app.today();
    let Ok((req, decision)) = request::build(&interview, today) else {
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

fn facts_path(id: &str) -> String {
    format!("/interview/{id}/facts")
}

fn value_name(path: &str) -> String {
    format!("fact.{path}")
}

fn source_name(path: &str) -> String {
    format!("source.{path}")
}

/// A field's id: `f-` and its name, every character outside `[A-Za-z0-9_-]` made `-`.
fn field_id(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("f-{safe}")
}

fn problem_key(p: ValueProblem) -> &'static str {
    match p {
        ValueProblem::Blank => "facts.error.blank",
        ValueProblem::Newline => "facts.error.newline",
        ValueProblem::Characters => "facts.error.characters",
        ValueProblem::Unknown => "facts.error.unknown",
        ValueProblem::NotWebAddress => "facts.error.website",
    }
}

/// The fact at `path` of `j` in words, in `lang`: "Phone of Alameda County Sheriff's Office".
fn label(j: &Jurisdiction, path: &str, lang: Lang) -> String {
    let Some(at) = FactPath::parse(path) else {
        return path.to_string();
    };
    let record = match at.holder {
        Holder::Agency(role) => j.agencies.get(&role),
        Holder::RapidResponse(i) => j.rapid_response.get(i),
        Holder::LegalServices(i) => j.legal_services.get(i),
        Holder::RightsCard => Some(&j.rights_card),
        Holder::Signatory => None,
    };
    let named = record
        .and_then(|r| {
            r.name
                .get(lang)
                .or_else(|| j.languages.first().and_then(|l| r.name.get(*l)))
        })
        .filter(|n| *n != crate::config::values::UNKNOWN && at.field != Field::Name);
    let holder = match (named, at.holder) {
        (Some(name), _) => name.to_string(),
        (None, Holder::Agency(role)) => {
            words::t_with(lang, "facts.holder.agency", &[("role", role.key())])
        }
        (None, Holder::RapidResponse(i)) => words::t_with(
            lang,
            "facts.holder.rapid_response",
            &[("n", &(i + 1).to_string())],
        ),
        (None, Holder::LegalServices(i)) => words::t_with(
            lang,
            "facts.holder.legal_services",
            &[("n", &(i + 1).to_string())],
        ),
        (None, Holder::RightsCard) => words::t(lang, "facts.holder.rights_card").to_string(),
        (None, Holder::Signatory) => words::t(lang, "facts.holder.signatory").to_string(),
    };
    let key = format!("facts.label.{}", at.field.key());
    words::t_with(lang, &key, &[("holder", &holder)])
}

/// A config file as a person finds it: relative to the folder holding the tree
/// (`jurisdictions/us/ca/alameda/jurisdiction.yaml`).
fn shown_file(app: &App, file: &std::path::Path) -> String {
    let base = app.tree.root.parent().unwrap_or(std::path::Path::new(""));
    file.strip_prefix(base)
        .unwrap_or(file)
        .display()
        .to_string()
}

/// The values of the facts page: each needed fact with its two fields (as typed, with their
/// errors), and the error summary.
fn form_page(
    app: &App,
    step: &Step,
    lang: Lang,
    typed: &BTreeMap<String, (String, String)>,
    errors: &BTreeMap<String, &'static str>,
    write_back: bool,
) -> Value {
    let mut summary = Vec::new();
    let facts: Vec<Value> = step
        .needed
        .iter()
        .map(|u| {
            let label = label(&step.jurisdiction, &u.path, lang);
            let (value, source) = typed.get(&u.path).cloned().unwrap_or_default();
            let mut field = |name: String, typed: String| {
                let id = field_id(&name);
                let error = errors.get(&name).map(|k| words::t(lang, k));
                if let Some(e) = error {
                    summary.push(json!({ "id": id, "message": e }));
                }
                json!({ "name": name, "id": id, "value": typed, "error": error })
            };
            let declared = words::t_with(
                lang,
                "facts.declared",
                &[
                    ("path", &u.path),
                    ("file", &shown_file(app, &u.file)),
                    ("line", &u.line.to_string()),
                ],
            );
            json!({
                "label": label,
                "source_label": words::t_with(lang, "facts.source", &[("fact", &label)]),
                "declared": declared,
                "value": field(value_name(&u.path), value),
                "source": field(source_name(&u.path), source),
            })
        })
        .collect();
    json!({
        "action": facts_path(&step.id),
        "facts": facts,
        "errors": summary,
        "write_back": write_back,
    })
}

/// The confirm page: each file's diff, the facts kept out and why, the two choices.
fn confirm_page(
    app: &App,
    id: &str,
    lang: Lang,
    step: &Step,
    plan: &write::Plan,
    problem: Option<&str>,
    status: StatusCode,
) -> Response {
    let files: Vec<Value> = plan
        .files
        .iter()
        .map(|f| {
            let name = shown_file(app, &f.file);
            json!({
                "title": words::t_with(lang, "facts.confirm.file", &[("file", &name)]),
                "lines": write::diff(&name, &f.old, &f.new),
            })
        })
        .collect();
    let kept: Vec<String> = plan
        .kept
        .iter()
        .map(|(path, why)| {
            let key = match why {
                write::Kept::Name => "facts.confirm.kept_name",
                write::Kept::OutsideTree => "facts.confirm.kept_outside",
            };
            words::t_with(
                lang,
                key,
                &[("fact", &label(&step.jurisdiction, path, lang))],
            )
        })
        .collect();
    let values = json!({
        "action": format!("{}/confirm", facts_path(id)),
        "files": files,
        "kept": kept,
        "plan": plan.digest(),
        "problem": problem,
    });
    let path = format!("{}/confirm", facts_path(id));
    page::render_with_status(app, lang, &path, "interview-facts-confirm", values, status)
}

/// The confirm page when no plan can be made: why, and the way on without writing.
fn refusal_page(app: &App, id: &str, lang: Lang, refused: &write::Refused) -> Response {
    let values = json!({
        "action": format!("{}/confirm", facts_path(id)),
        "files": [],
        "kept": [],
        "plan": "",
        "problem": refusal_text(app, lang, refused),
    });
    let path = format!("{}/confirm", facts_path(id));
    page::render_with_status(
        app,
        lang,
        &path,
        "interview-facts-confirm",
        values,
        StatusCode::CONFLICT,
    )
}

fn refusal_text(app: &App, lang: Lang, refused: &write::Refused) -> String {
    match refused {
        write::Refused::Changed(file) => words::t_with(
            lang,
            "facts.confirm.changed",
            &[("file", &shown_file(app, file))],
        ),
        write::Refused::WriteFailed(file) => words::t_with(
            lang,
            "facts.confirm.write_failed",
            &[("file", &shown_file(app, file))],
        ),
        write::Refused::CheckFailed => words::t(lang, "facts.confirm.check_failed").to_string(),
    }
}

#[cfg(test)]
mod tests;
