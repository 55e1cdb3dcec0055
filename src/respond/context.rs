//! The render contexts of an answer: `request` (the kit's fill-ins, overwritten by every fact
//! the request gives), what the memo for counsel sees as `response` (the decision, the dates,
//! who receives each document), and the message for a fill-in an answer still holds, naming
//! the request field or config fact that fills it: an error for an answer to send, a note for
//! a draft ([`Mode`]).

use super::classification::Decision;
use super::request::Request;
use crate::config::values::IsoDate;
use crate::config::{Jurisdiction, Role};
use crate::diagnostic::Diagnostic;
use crate::document::{Document, Lang};
use crate::i18n;
use crate::render;
use crate::templates::fill_in;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Fields of the request context, with the request-file key that fills each (for messages).
const FIELD_KEYS: &[(&str, &str)] = &[
    ("form", "form"),
    ("return_date", "return_date"),
    ("attorney", "subject.attorney"),
    ("guardian", "subject.guardian"),
    ("dob", "subject.dob"),
    ("booking", "subject.booking"),
    ("release_date", "(release date: not part of a request)"),
];

/// The request context for `lang`: the kit's fill-ins, overwritten by every fact the request
/// gives.
pub fn request_context(req: &Request, lang: Lang, today: IsoDate) -> Value {
    let mut ctx = render::kit_request(lang);
    let long = |d: IsoDate| i18n::long_date(lang, d.0);
    let set = |ctx: &mut Value, key: &str, value: Value| {
        if let Some(map) = ctx.as_object_mut() {
            map.insert(key.to_string(), value);
        }
    };
    set(&mut ctx, "date", json!(long(today)));
    set(&mut ctx, "received", json!(long(req.received)));
    set(&mut ctx, "office", json!(req.issued_by.office.as_str()));
    set(&mut ctx, "officer", json!(req.issued_by.officer.as_str()));
    if let Some(form) = &req.raw.form {
        set(&mut ctx, "form", json!(form.as_str()));
    }
    if let Some(d) = req.raw.return_date {
        set(&mut ctx, "return_date", json!(long(d)));
    }
    if let Some(a) = &req.subject.attorney {
        set(&mut ctx, "attorney", json!(a.as_str()));
    }
    if let Some(g) = &req.subject.guardian {
        set(&mut ctx, "guardian", json!(g.as_str()));
    }
    // ICE's numbers and the delivery line: printed when given, left out when not (a letter
    // for sending carries no fill-in for a number ICE did not print).
    let ids = req.raw.identifiers.clone().unwrap_or_default();
    for (key, value) in [
        ("a_number", &ids.a_number),
        ("subject_id", &ids.subject_id),
        ("event_number", &ids.event_number),
        ("document_number", &ids.document_number),
    ] {
        set(
            &mut ctx,
            key,
            value.as_ref().map_or(Value::Null, |v| json!(v.as_str())),
        );
    }
    set(
        &mut ctx,
        "reply_by",
        req.raw
            .reply_by
            .map_or(Value::Null, |d| json!(d.label(lang))),
    );
    let items: Vec<&str> = req.requested.iter().map(|i| i.label(lang)).collect();
    set(&mut ctx, "items", json!(items));
    set(&mut ctx, "juvenile", json!(req.subject.juvenile));
    set(&mut ctx, "filled", json!(true));
    if let Some(subject) = ctx.get_mut("subject").and_then(Value::as_object_mut) {
        subject.insert("name".into(), json!(req.subject.name.as_str()));
        if let Some(d) = req.subject.dob {
            subject.insert("dob".into(), json!(long(d)));
        }
        if let Some(b) = &req.subject.booking {
            subject.insert("booking".into(), json!(b.as_str()));
        }
    }
    ctx
}

/// What the memo for counsel sees as `response`: the decision and its reason, the dates, and
/// the documents of the answer (`docs`: the letter first, then its notices) with who receives
/// each.
pub(super) fn memo_context(
    decision: &Decision,
    req: &Request,
    j: &Jurisdiction,
    docs: &[(String, Document)],
    lang: Lang,
    today: IsoDate,
) -> Value {
    let titles: Vec<&str> = docs.iter().map(|(_, d)| d.title()).collect();
    let sent: Vec<Value> = docs
        .iter()
        .map(|(id, d)| json!({ "document": d.title(), "to": recipients(id, req, j, lang) }))
        .collect();
    let days_left = req.raw.return_date.map(|d| (d.0 - today.0).whole_days());
    let received = i18n::long_date(lang, req.received.0);
    json!({
        "kind": decision.classification.key(),
        "classification": decision.classification.label(lang),
        "a_classification": decision.classification.with_article(lang),
        "subject_line": decision.classification.memo_subject(lang, &received, req.subject.name.as_str()),
        "reason": decision.reason(lang),
        "today": i18n::long_date(lang, today.0),
        "received": received,
        "return_date": req.raw.return_date.map(|d| i18n::long_date(lang, d.0)),
        "days_left": days_left,
        "deadline_passed": days_left.is_some_and(|d| d < 0),
        "letter": titles.first(),
        "notices": titles.iter().skip(1).collect::<Vec<_>>(),
        "sent": sent,
    })
}

/// Who receives document `doc` of a response, in running text.
fn recipients(doc: &str, req: &Request, j: &Jurisdiction, lang: Lang) -> String {
    let mut to: Vec<String> = Vec::new();
    match doc {
        "notice-public-defender" => {
            let pd = j
                .agencies
                .get(&Role::PublicDefender)
                .and_then(|r| r.name.get(lang))
                .unwrap_or_default();
            to.push(pd.to_string());
        }
        "notice-simultaneous" => {
            to.push(req.subject.name.as_str().to_string());
            to.extend(req.subject.attorney.iter().map(|a| a.as_str().to_string()));
            to.extend(req.subject.guardian.iter().map(|g| g.as_str().to_string()));
        }
        _ => {
            to.push(format!(
                "{}, {}",
                req.issued_by.officer.as_str(),
                req.issued_by.office.as_str()
            ));
        }
    }
    i18n::join_list(lang, &to)
}

/// What fills a fill-in an answer still holds: a request field, or a fact of the config.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Missing {
    /// The request-file key that fills it.
    Request(&'static str),
    /// The config path of the fact declared `unknown` that it shows.
    Fact(String),
    /// A fill-in no request field or unknown fact of the jurisdiction shows: its label.
    Other(String),
}

/// Which request field or config fact the fill-in `label` of an answer stands for, `kit`
/// being what the answer's templates saw.
pub(super) fn missing(label: &str, request: &Value, kit: &Value, j: &Jurisdiction) -> Missing {
    let shown = fill_in(label);
    let field = FIELD_KEYS.iter().find(|(ctx_key, _)| {
        request
            .get(ctx_key)
            .or_else(|| request.get("subject").and_then(|s| s.get(ctx_key)))
            .and_then(Value::as_str)
            == Some(shown.as_str())
    });
    if let Some((_, key)) = field {
        return Missing::Request(key);
    }
    // The fact whose place in what the templates see holds this very fill-in.
    j.unknown
        .iter()
        .find(|u| at_path(kit, &u.path).and_then(Value::as_str) == Some(shown.as_str()))
        .map_or_else(
            || Missing::Other(label.to_string()),
            |u| Missing::Fact(u.path.clone()),
        )
}

/// The value at a config path (`agencies.sheriff.phone`, `legal_services[0].name`) of a
/// render context, which names its records as the config does.
fn at_path<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.')
        .try_fold(value, |v, part| match part.split_once('[') {
            Some((key, index)) => v
                .get(key)?
                .get(index.trim_end_matches(']').parse::<usize>().ok()?),
            None => v.get(part),
        })
}

/// What an answer with fill-ins left is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// To be sent: not written while a fill-in is left (each one is an error).
    Send,
    /// A draft to finish by hand (`--draft`): written with its fill-ins, each one a note, and
    /// marked as a draft at the top of every document.
    Draft,
}

/// One message per missing fact or field, however many documents and languages need it (each
/// `(document, language, label)`), at the line of the config that declares the fact unknown:
/// an error for an answer to send, a note for a draft.
pub(super) fn unfilled(
    missing: &Missing,
    needed_in: &[(String, Lang, String)],
    j: &Jurisdiction,
    mode: Mode,
) -> Diagnostic {
    let docs: BTreeSet<&str> = needed_in.iter().map(|(d, _, _)| d.as_str()).collect();
    let langs: BTreeSet<&str> = needed_in.iter().map(|(_, l, _)| l.code()).collect();
    // In the order of the languages asked for: English first when it is one of them.
    let mut labels: Vec<String> = Vec::new();
    for (_, _, label) in needed_in {
        let label = format!("[{label}]");
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    let needed_by = format!(
        "{} in {} ({})",
        labels.join(" / "),
        Vec::from_iter(docs).join(", "),
        Vec::from_iter(langs).join(", ")
    );
    let (what, hint) = match missing {
        Missing::Request(key) => (
            format!("`{key}` is not in the request file"),
            format!("add `{key}` to the request file"),
        ),
        Missing::Fact(path) => (
            format!("`{path}` is unknown"),
            "replace that `unknown` with the fact and its `source` (where it was read), then answer again".to_string(),
        ),
        Missing::Other(_) => (
            "the answer still has a fill-in".to_string(),
            "it comes from the jurisdiction config: replace that `unknown` with the fact and its source (`responsekit check` lists them)".to_string(),
        ),
    };
    let d = match (mode, missing) {
        (Mode::Send, Missing::Other(_)) => Diagnostic::error(format!("{what}: {needed_by}")),
        (Mode::Send, _) => {
            Diagnostic::error(format!("{what}, and the answer needs it: {needed_by}"))
        }
        (Mode::Draft, _) => Diagnostic::note(format!(
            "{what}: the draft leaves {needed_by} to fill, and is not ready to send until it is filled"
        )),
    };
    let d = match mode {
        Mode::Send => d.with_hint(format!(
            "{hint}; or write a draft to finish by hand with `--draft`"
        )),
        Mode::Draft => d.with_hint(format!("{hint}, or fill it in the draft by hand")),
    };
    match missing {
        Missing::Fact(path) => match j.unknown.iter().find(|u| &u.path == path) {
            Some(u) => d.in_file(&u.file).at(u.line, None),
            None => d,
        },
        _ => d,
    }
}
