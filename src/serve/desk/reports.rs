//! The annual reports for download: the form (`GET /reports`: the year, and optionally one
//! jurisdiction) and the zip (`GET /reports/download`) of the very files `responsekit report
//! --year YYYY` writes (`commands::annual::units` and `files`), counted from the register read
//! read-only and built in memory: nothing is written to disk.

use super::{blocking, field_error, jurisdiction, read_register};
use crate::commands::annual;
use crate::commands::Report;
use crate::document::Lang;
use crate::kit::{OutputFile, Project};
use crate::serve::page;
use crate::serve::state::App;
use crate::serve::words;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use std::io::Write as _;
use std::sync::Arc;

/// The reports form as shown: its values and its errors.
struct ReportsForm {
    year: String,
    jurisdiction: String,
    errors: Vec<Value>,
}

/// `GET /reports`.
pub(super) async fn form(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    let lang = page::lang_of(&headers);
    let form = ReportsForm {
        year: app.today().0.year().to_string(),
        jurisdiction: String::new(),
        errors: Vec::new(),
    };
    form_page(&app, lang, &form, StatusCode::OK)
}

fn form_page(app: &App, lang: Lang, form: &ReportsForm, status: StatusCode) -> Response {
    let project = app.project();
    let error_of = |field: &str| {
        form.errors
            .iter()
            .find(|x| x["field"] == field)
            .map(|x| x["message"].clone())
    };
    let jurisdictions: Vec<Value> = project
        .resolved
        .iter()
        .filter_map(|(id, j)| j.as_ref().ok().map(|j| (id, j)))
        .map(|(id, j)| {
            json!({
                "id": id,
                "name": j.name.get(lang).unwrap_or(id),
                "selected": *id == form.jurisdiction,
            })
        })
        .collect();
    page::render_with_status(
        app,
        lang,
        "/reports",
        "reports",
        json!({
            "year": form.year,
            "year_error": error_of("year"),
            "jurisdictions": jurisdictions,
            "jurisdiction_error": error_of("jurisdiction"),
            "errors": form.errors,
        }),
        status,
    )
}

/// The year asked for, if it is one a report can be for (four digits, as `--year` takes).
fn year(typed: &str) -> Option<u16> {
    let ok = typed.len() == 4 && typed.bytes().all(|b| b.is_ascii_digit());
    typed.parse().ok().filter(|y| ok && *y >= 1900)
}

/// What building the reports came to.
enum Built {
    /// The zip, and the year it is for.
    Zip(Vec<u8>),
    /// The register holds nothing for that year (and no jurisdiction was named).
    NothingRecorded,
    /// What was asked has no report responsekit knows (a state with no such law).
    NoReport,
    /// Something stopped a report: the tree or the register (logged without values).
    Failed,
}

/// `GET /reports/download?year=YYYY[&jurisdiction=ID]`.
pub(super) async fn download(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let lang = page::lang_of(&headers);
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query.as_deref().unwrap_or_default()).unwrap_or_default();
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut form = ReportsForm {
        year: value("year"),
        jurisdiction: value("jurisdiction"),
        errors: Vec::new(),
    };
    let project = app.project();
    let named = (!form.jurisdiction.is_empty()).then(|| form.jurisdiction.clone());
    let agency = match &named {
        None => None,
        Some(id) => match jurisdiction(&project, id) {
            Some(j) => Some(j.letterhead.key().to_string()),
            None => {
                form.errors.push(field_error(
                    "jurisdiction",
                    words::t(lang, "reports.jurisdiction_unknown"),
                ));
                None
            }
        },
    };
    let Some(year) = year(&form.year) else {
        form.errors
            .insert(0, field_error("year", words::t(lang, "reports.year_bad")));
        return form_page(&app, lang, &form, StatusCode::UNPROCESSABLE_ENTITY);
    };
    if !form.errors.is_empty() {
        return form_page(&app, lang, &form, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let reader = Arc::clone(&app);
    let built = blocking(move || {
        let jurisdictions: Vec<String> = named.into_iter().collect();
        build(
            &reader,
            &project,
            &year.to_string(),
            &jurisdictions,
            agency.as_deref().unwrap_or_default(),
        )
    })
    .await
    .unwrap_or(Built::Failed);
    let (field, key) = match built {
        Built::Zip(bytes) => return zipped(year, bytes),
        Built::NothingRecorded => ("year", "nothing_recorded"),
        Built::NoReport => ("jurisdiction", "no_report"),
        Built::Failed => return page::failure(&app, lang),
    };
    let message = words::t_with(
        lang,
        &format!("reports.{key}"),
        &[("year", &year.to_string())],
    );
    form.errors.push(field_error(field, &message));
    form_page(&app, lang, &form, StatusCode::UNPROCESSABLE_ENTITY)
}

/// The reports of `year` as `responsekit report --year` counts and renders them, zipped.
fn build(
    app: &App,
    project: &Project,
    year: &str,
    jurisdictions: &[String],
    agency: &str,
) -> Built {
    let Some(register) = read_register(app) else {
        return Built::Failed;
    };
    let Ok(units) = annual::units(&register, year, jurisdictions, agency) else {
        return Built::Failed;
    };
    if units.is_empty() {
        return Built::NothingRecorded;
    }
    let mut report = Report::default();
    let (files, reports) = annual::files(project, &register, year, &units, &mut report);
    if report.errors > 0 {
        eprintln!(
            "responsekit serve: a report could not be rendered (`responsekit report` names why)"
        );
        return Built::Failed;
    }
    if reports == 0 {
        return Built::NoReport;
    }
    zip(&files).map_or(Built::Failed, Built::Zip)
}

/// `files` as a zip, each at its own path, in order, with a fixed time (the same reports give
/// the same zip).
fn zip(files: &[OutputFile]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o600);
    for f in files {
        zip.start_file(f.path.as_str(), options)?;
        zip.write_all(&f.bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The zip as a download, `reports-YYYY.zip`.
fn zipped(year: u16, bytes: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"reports-{year}.zip\"");
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/zip"),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_is_four_digits() {
        assert_eq!(year("2026"), Some(2026));
        for bad in ["", "26", "20266", "2026a", "-202", "0999", "１２３４"] {
            assert_eq!(year(bad), None, "{bad}");
        }
    }
}
