//! responsekit renders "responsible release" response kits for jurisdictions.
//!
//! The pipeline, one module per stage:
//! load (`config`, `authorities`) → resolve (`config::resolve`) → render (`templates`, `render`)
//! → export (`export`: pure functions to bytes) → write (`build`, the one place that writes).
//! Below them all: hashing (`digest`) and the self-checking values (`values`); modules import
//! only from lower ones (`tests/architecture.rs` fails on a cycle).
//! `commands` runs each command of the binary and returns what it has to show; the binary
//! (`src/main.rs`, with its flags in `src/cli.rs` and its printing in `src/print.rs`) only
//! parses, calls, prints and exits. `serve` puts the same stages behind local web pages (the
//! counsel's desk).

pub mod authorities;
pub mod build;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod digest;
pub mod document;
pub mod export;
pub mod i18n;
pub mod kit;
pub mod places;
pub mod register;
pub mod render;
pub mod report;
pub mod respond;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod starter;
pub mod templates;
pub mod unicode;
pub mod values;
pub mod yaml;
