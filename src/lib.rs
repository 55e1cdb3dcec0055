//! responsekit renders "responsible release" response kits for jurisdictions.
//!
//! The pipeline, one module per stage:
//! load (`config`, `authorities`) → resolve (`config::resolve`) → render (`templates`, `render`)
//! → export (`export`: pure functions to bytes) → write (`build`, the one place that writes).

pub mod document;
pub mod export;
pub mod i18n;
