//! The facts step's pages in words: each needed fact's label in the page's language ("Phone
//! of Alameda County Sheriff's Office"), its fields with what is wrong with them, the
//! write-back's diff of each file and the reasons a fact is not written.

use super::write;
use super::Step;
use crate::config::edit::{FactPath, Field, Holder, ValueProblem};
use crate::config::Jurisdiction;
use crate::document::Lang;
use crate::serve::page;
use crate::serve::state::App;
use crate::serve::words;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub(super) fn facts_path(id: &str) -> String {
    format!("/interview/{id}/facts")
}

pub(super) fn value_name(path: &str) -> String {
    format!("fact.{path}")
}

pub(super) fn source_name(path: &str) -> String {
    format!("source.{path}")
}

/// A field's id: `f-` and its name, every character outside `[A-Za-z0-9_-]` made `-`.
pub(super) fn field_id(name: &str) -> String {
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

pub(super) fn problem_key(p: ValueProblem) -> &'static str {
    match p {
        ValueProblem::Blank => "facts.error.blank",
        ValueProblem::Newline => "facts.error.newline",
        ValueProblem::Characters => "facts.error.characters",
        ValueProblem::Unknown => "facts.error.unknown",
        ValueProblem::NotWebAddress => "facts.error.website",
    }
}

/// The fact at `path` of `j` in words, in `lang`: "Phone of Alameda County Sheriff's Office".
pub(super) fn label(j: &Jurisdiction, path: &str, lang: Lang) -> String {
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
pub(super) fn shown_file(app: &App, file: &std::path::Path) -> String {
    let base = app.tree.root.parent().unwrap_or(std::path::Path::new(""));
    file.strip_prefix(base)
        .unwrap_or(file)
        .display()
        .to_string()
}

/// The values of the facts page: each needed fact with its two fields (as typed, with their
/// errors), and the error summary.
pub(super) fn form_page(
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
pub(super) fn confirm_page(
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
pub(super) fn refusal_page(app: &App, id: &str, lang: Lang, refused: &write::Refused) -> Response {
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

pub(super) fn refusal_text(app: &App, lang: Lang, refused: &write::Refused) -> String {
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
