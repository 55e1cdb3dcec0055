//! The register and the reports in the browser: the open requests, most urgent first, one
//! request's history, closing a request, and the annual reports for download.

use super::page;
use super::state::App;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde_json::json;
use std::sync::Arc;

/// The desk's routes (`/register…`, `/reports…`).
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new().route("/register", get(open_requests))
}

async fn open_requests(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    page::render(
        &app,
        page::lang_of(&headers),
        "/register",
        "register",
        json!({}),
    )
}
