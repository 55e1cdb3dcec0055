//! Integration tests of the `responsekit` binary, one module per feature.
//!
//! Every test runs the real binary on a fixture tree under `tests/fixtures/<case>/` (a small
//! `jurisdictions/` tree, usually rendered with the fixture template set
//! `tests/fixtures/base-templates/` so the tests do not depend on the shipped templates).

mod common;

mod bad_input;
mod build;
mod check;
mod combined;
mod content;
mod determinism;
mod docx;
mod docx_view;
mod errors;
mod escaping;
mod facts;
mod fast_rebuild;
mod fresh;
mod handout;
mod help;
mod incremental;
mod inheritance;
mod languages;
mod law;
mod letters;
mod list;
mod new;
mod no_panic;
mod output_folder;
mod overrides;
mod partial;
mod paths;
#[cfg(feature = "pdf")]
mod pdf;
mod personal_data;
mod register;
mod report;
mod report_year;
mod respond;
mod schema;
mod serve;
mod shipped;
mod site;
mod site_directory;
mod site_pages;
mod year;
mod year_model;
mod year_plan;
