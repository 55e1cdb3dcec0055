//! The interview: which jurisdiction and agency received the paper, what arrived (plain
//! questions, classified as `respond` classifies), the person and who signs, the facts the
//! config leaves unknown (`facts`), then a preview of every document, the downloads and the
//! register. `fields` draws and checks the forms, `request` makes the answers a request as
//! `respond` reads it, `steps` holds the pages up to what arrived, `classified` the court's
//! stop and the person, `answer` the preview, the register and the downloads.

mod answer;
mod classified;
mod facts;
mod fields;
mod request;
mod steps;

use super::page;
use super::state::App;
use crate::document::Lang;
use crate::kit::OutputFile;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

/// One interview in progress: what has been answered so far. Held in memory only.
#[derive(Debug, Clone)]
pub(crate) struct Interview {
    /// When it was started: the oldest are dropped first when too many are held.
    pub(crate) started: Instant,
    /// The jurisdiction that received the paper (step 1).
    pub(crate) jurisdiction: Option<String>,
    /// The role of the agency in it that received the paper (step 1).
    pub(crate) received_by: Option<String>,
    /// Each step's form as last sent: field name → its values (a group of checkboxes has
    /// several), the CSRF token left out.
    pub(crate) answers: BTreeMap<String, Vec<String>>,
    /// The facts given for this answer (step 4): config path → value and source.
    pub(crate) facts: BTreeMap<String, facts::GivenFact>,
    /// The answer once recorded: its files and register id (step 5); for a court's paper,
    /// its record in the register and no file.
    pub(crate) finished: Option<Arc<Finished>>,
}

impl Default for Interview {
    fn default() -> Interview {
        Interview {
            started: Instant::now(),
            jurisdiction: None,
            received_by: None,
            answers: BTreeMap::new(),
            facts: BTreeMap::new(),
            finished: None,
        }
    }
}

/// An answer rendered and recorded: what the download links serve.
#[derive(Debug, Clone)]
pub(crate) struct Finished {
    /// Every document in every format, `<lang>/<document>.<ext>`.
    pub(crate) files: Vec<OutputFile>,
    /// Each document once: its language, its name (`letter-detainer`) and its title.
    pub(crate) documents: Vec<(Lang, String, String)>,
    /// Its number in the register; `None` when the register could not be written (the files
    /// still download).
    pub(crate) register_id: Option<i64>,
    /// Whether it is a draft (a fact it needs is still unknown).
    pub(crate) draft: bool,
}

/// The most interviews held at once: a desk is one person's, so 500 is far more than are
/// ever under way; past it the oldest is dropped, so memory cannot grow without bound.
const MAX_INTERVIEWS: usize = 500;

/// Keeps `interview` under the new random id returned, dropping the oldest past the cap.
fn keep(app: &App, interview: Interview) -> Option<String> {
    let id = super::security::random_token().ok()?;
    let mut held = app.interviews();
    while held.len() >= MAX_INTERVIEWS {
        let oldest = held
            .iter()
            .min_by_key(|(_, i)| i.started)
            .map(|(id, _)| id.clone())?;
        held.remove(&oldest);
    }
    held.insert(id.clone(), interview);
    Some(id)
}

/// A copy of interview `id`, if it is held.
fn held(app: &App, id: &str) -> Option<Interview> {
    app.interviews().get(id).cloned()
}

/// The jurisdiction `id` of the loaded tree, if it resolved without error (only those are
/// offered at step 1): looked up, not cloned with every other.
fn loaded<'p>(
    project: &'p crate::kit::Project,
    id: &str,
) -> Option<&'p crate::config::Jurisdiction> {
    project
        .resolved
        .iter()
        .find(|(j, _)| j == id)
        .and_then(|(_, r)| r.as_ref().ok())
}

/// Changes interview `id` with `change`; false when it is no longer held.
fn update(app: &App, id: &str, change: impl FnOnce(&mut Interview)) -> bool {
    app.interviews().get_mut(id).map(change).is_some()
}

/// The page a step answers instead of its own (another step, step 1, not found): boxed, as a
/// response is large beside what the steps return when all is well.
type Elsewhere = Box<Response>;

/// The page for an interview id the desk does not hold (never started, or dropped).
fn not_held(app: &App, lang: Lang) -> Response {
    page::render_with_status(
        app,
        lang,
        "/interview",
        "not-found",
        json!({}),
        axum::http::StatusCode::NOT_FOUND,
    )
}

/// The interview's routes (`/interview…`).
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/interview", get(steps::start).post(steps::create))
        .route(
            "/interview/{id}/agency",
            get(steps::agency).post(steps::agency_sent),
        )
        .route(
            "/interview/{id}/paper",
            get(steps::paper).post(steps::paper_sent),
        )
        .route(
            "/interview/{id}/court",
            get(classified::court).post(classified::court_recorded),
        )
        .route(
            "/interview/{id}/person",
            get(classified::person).post(classified::person_sent),
        )
        .route("/interview/{id}/preview", get(answer::preview))
        .route("/interview/{id}/finish", post(answer::finish))
        .route("/interview/{id}/done", get(answer::done))
        .route("/interview/{id}/files/{lang}/{file}", get(answer::file))
        .route("/interview/{id}/answer.zip", get(answer::zip))
        .merge(facts::routes())
}
