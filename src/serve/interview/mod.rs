//! The interview: which jurisdiction and agency received the paper, what arrived (plain
//! questions, classified as `respond` classifies), the person and who signs, the facts the
//! config leaves unknown (`facts`), then a preview of every document, the downloads and the
//! register.

mod facts;
mod request;

use super::page;
use super::state::App;
use crate::kit::OutputFile;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::Arc;

/// One interview in progress: what has been answered so far. Held in memory only.
#[derive(Debug, Default, Clone)]
pub(crate) struct Interview {
    /// The jurisdiction that received the paper (step 1).
    pub(crate) jurisdiction: Option<String>,
    /// The role of the agency in it that received the paper (step 1).
    pub(crate) received_by: Option<String>,
    /// Each step's form as last sent: field name → its values (a group of checkboxes has
    /// several), the CSRF token left out.
    pub(crate) answers: BTreeMap<String, Vec<String>>,
    /// The facts given for this answer (step 4): config path → value and source.
    pub(crate) facts: BTreeMap<String, facts::GivenFact>,
    /// The answer once recorded: its files and register id (step 5).
    pub(crate) finished: Option<Finished>,
}

/// An answer rendered and recorded: what the download links serve.
#[derive(Debug, Clone)]
pub(crate) struct Finished {
    /// Every document in every format, `<lang>/<document>.<ext>`.
    pub(crate) files: Vec<OutputFile>,
    /// Its number in the register, if it was recorded.
    pub(crate) register_id: Option<i64>,
    /// Whether it is a draft (a fact it needs is still unknown).
    pub(crate) draft: bool,
}

/// The interview's routes (`/interview…`).
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/interview", get(start))
        .merge(facts::routes())
}

async fn start(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    page::render(
        &app,
        page::lang_of(&headers),
        "/interview",
        "interview-start",
        json!({}),
    )
}
