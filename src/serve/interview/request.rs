//! The interview's answers as a request, read and classified as `respond` reads a request file.
//!
//! TEMPORARY (part F): a stand-in with the signature agreed in the spec, so the facts step can
//! be built and tested before part I's `request::build` lands; part I's file replaces this one.

use super::Interview;
use crate::config::values::IsoDate;
use crate::diagnostic::Diagnostic;
use crate::respond::{self, Decision, Request};
use serde_yaml::{Mapping, Value};
use std::path::Path;

/// The request the interview's answers make, and what it was classified as.
pub(crate) fn build(
    interview: &Interview,
    today: IsoDate,
) -> Result<(Request, Decision), Vec<Diagnostic>> {
    let one = |field: &str| {
        interview
            .answers
            .get(field)
            .and_then(|v| v.first())
            .filter(|v| !v.trim().is_empty())
            .map(|v| Value::String(v.clone()))
    };
    let map = |pairs: &[(&str, &str)]| {
        let m: Mapping = pairs
            .iter()
            .filter_map(|(key, field)| Some((Value::String((*key).into()), one(field)?)))
            .collect();
        Value::Mapping(m)
    };
    let mut file = map(&[
        ("received", "received"),
        ("delivered", "delivered"),
        ("return_date", "return_date"),
        ("reply_by", "reply_by"),
    ]);
    let form = match one("form") {
        Some(Value::String(f)) if f == "other" => one("form_other"),
        other => other,
    };
    if let Value::Mapping(m) = &mut file {
        let mut put = |key: &str, v: Value| {
            m.insert(Value::String(key.into()), v);
        };
        if let Some(f) = form {
            put("form", f);
        }
        put(
            "signed_by_judge",
            Value::Bool(one("signed_by_judge") == Some(Value::String("yes".into()))),
        );
        put(
            "received_by",
            Value::String(interview.received_by.clone().unwrap_or_default()),
        );
        put(
            "issued_by",
            map(&[("office", "office"), ("officer", "officer")]),
        );
        let mut subject = map(&[
            ("name", "subject_name"),
            ("dob", "subject_dob"),
            ("booking", "subject_booking"),
            ("guardian", "subject_guardian"),
            ("attorney", "subject_attorney"),
        ]);
        if let Value::Mapping(s) = &mut subject {
            let juvenile = one("subject_juvenile") == Some(Value::String("yes".into()));
            s.insert(Value::String("juvenile".into()), Value::Bool(juvenile));
        }
        put("subject", subject);
        let requested = interview
            .answers
            .get("requested")
            .cloned()
            .unwrap_or_default();
        put(
            "requested",
            Value::Sequence(requested.into_iter().map(Value::String).collect()),
        );
        if one("signer_name").is_some() {
            put(
                "signed_by",
                map(&[("name", "signer_name"), ("title", "signer_title")]),
            );
        }
        put(
            "identifiers",
            map(&[
                ("a_number", "a_number"),
                ("subject_id", "subject_id"),
                ("event_number", "event_number"),
                ("document_number", "document_number"),
            ]),
        );
    }
    let text = serde_yaml::to_string(&file)
        .map_err(|_| vec![Diagnostic::error("the answers cannot be read as a request")])?;
    let path = Path::new("interview");
    let request = respond::parse_request(path, &text, today)?;
    let decision = respond::classify(&request, path).map_err(|d| vec![d])?;
    Ok((request, decision))
}
