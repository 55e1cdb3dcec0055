//! The register and the reports in the browser: the open requests, most urgent first, one
//! request's history, closing a request (`register`), and the annual reports for download
//! (`reports`). Reads open the register read-only (a register not created yet is shown as
//! empty and stays uncreated); closing writes through [`Register`], with its own locking.
//!
//! What the register holds is shown in the page's language: kinds, outcomes and every other
//! recorded word through this module's words (`desk.*`), agencies by the jurisdiction's own
//! name for them, dates as the language writes them beside the ISO date.

mod register;
mod reports;

use super::page;
use super::state::App;
use crate::config::Jurisdiction;
use crate::document::Lang;
use crate::register::query::ReadOnly;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};
use std::sync::Arc;

/// The desk's routes (`/register…`, `/reports…`).
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/register", get(register::open_requests))
        .route("/register/{id}", get(register::one_request))
        .route("/register/{id}/close", post(register::close))
        .route("/reports", get(reports::form))
        .route("/reports/download", get(reports::download))
}

/// Runs `work` (SQLite, rendering, zipping: blocking) off the async workers; a task that
/// panicked is the failure page, never a hung request.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, tokio::task::JoinError> {
    tokio::task::spawn_blocking(work).await
}

/// The register opened read-only. A register that cannot be read (another program's file, a
/// newer version) is logged by its reason's first words only (never a value of a request)
/// and shown as the failure page.
fn read_register(app: &App) -> Option<ReadOnly> {
    match ReadOnly::open(&app.register) {
        Ok(r) => Some(r),
        Err(_) => {
            eprintln!("responsekit serve: the register cannot be read");
            None
        }
    }
}

/// The not-found page, 404.
fn not_found(app: &App, lang: Lang) -> Response {
    page::render_with_status(
        app,
        lang,
        "/",
        "not-found",
        json!({}),
        StatusCode::NOT_FOUND,
    )
}

/// A date as the page's language writes it, with its ISO form for `<time datetime>`; a value
/// that is not a date is shown as recorded.
fn date(lang: Lang, iso: &str) -> Value {
    let text = crate::values::IsoDate::parse(iso)
        .map_or_else(|| iso.to_string(), |d| crate::i18n::long_date(lang, d.0));
    json!({ "iso": iso, "text": text })
}

/// A time recorded as `YYYY-MM-DDTHH:MM[:SS][Z]`: its day as the language writes it and its
/// time of day (`UTC` when recorded in UTC).
fn date_time(lang: Lang, at: &str) -> Value {
    let Some((day, time)) = at.split_once('T') else {
        return date(lang, at);
    };
    let (time, utc) = match time.strip_suffix('Z') {
        Some(t) => (t, " UTC"),
        None => (time, ""),
    };
    let day = date(lang, day);
    let text = format!(
        "{} {}{utc}",
        day["text"].as_str().unwrap_or_default(),
        time.get(..5).unwrap_or(time)
    );
    json!({ "iso": at, "text": text })
}

/// The resolved jurisdiction `id` of the tree as loaded, if it resolved.
fn jurisdiction<'p>(project: &'p crate::kit::Project, id: &str) -> Option<&'p Jurisdiction> {
    project
        .resolved
        .iter()
        .find(|(j, _)| j == id)
        .and_then(|(_, r)| r.as_ref().ok())
}

/// A jurisdiction's name in `lang` (its id when the tree no longer has it).
fn jurisdiction_name(j: Option<&Jurisdiction>, lang: Lang, id: &str) -> String {
    j.and_then(|j| j.name.get(lang))
        .map_or_else(|| id.to_string(), str::to_string)
}

/// An agency by the jurisdiction's own name for it in `lang`, else its role in words.
fn agency_name(j: Option<&Jurisdiction>, lang: Lang, role: &str) -> String {
    j.and_then(|j| j.agencies.iter().find(|(r, _)| r.key() == role))
        .and_then(|(_, a)| a.name.get(lang))
        .map_or_else(|| word(lang, "roles", role), str::to_string)
}

/// A word the register records (`kind`, `outcome`, …) in `lang`: `desk.<group>.<word>`, or the
/// word as recorded when the desk has none for it (a register written by a newer version).
fn word(lang: Lang, group: &str, recorded: &str) -> String {
    let key = format!("desk.{group}.{}", recorded.replace('-', "_"));
    super::words::get(lang, &key).map_or_else(|| recorded.to_string(), str::to_string)
}

/// A request's kind in words: `respond`'s own label for it, as a table cell begins.
fn kind_name(lang: Lang, kind: &str) -> String {
    crate::respond::Classification::from_key(kind)
        .map_or_else(|| kind.to_string(), |c| capitalized(c.label(lang)))
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A field id as the spec makes it: `f-` and the name, every character outside
/// `[A-Za-z0-9_-]` replaced by `-`.
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

/// A form field's error, for the page: the summary's link and the message beside the field.
fn field_error(name: &str, message: &str) -> Value {
    json!({ "field": name, "href": format!("#{}", field_id(name)), "message": message })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_id_keeps_only_safe_characters() {
        assert_eq!(field_id("on"), "f-on");
        assert_eq!(
            field_id("fact.agencies.sheriff.phone"),
            "f-fact-agencies-sheriff-phone"
        );
    }

    #[test]
    fn dates_are_written_in_the_page_language_beside_the_iso_date() {
        let d = date(Lang::Es, "2026-11-03");
        assert_eq!(d["iso"], "2026-11-03");
        assert!(d["text"].as_str().unwrap().contains("noviembre"), "{d}");
        let t = date_time(Lang::En, "2026-11-03T09:30:12Z");
        assert!(t["text"].as_str().unwrap().ends_with("09:30 UTC"), "{t}");
        assert_eq!(date(Lang::En, "not a date")["text"], "not a date");
    }
}
