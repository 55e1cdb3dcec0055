//! The interview's forms: a form as sent (field → values), the errors found in it (each on its
//! field, in the page's language, in the order the page shows its fields), and what the
//! `interview-field` partial draws for each field — its id (`f-` + name), label, hint, value,
//! options, and the `aria-describedby` that ties the hint and the error to it.

use super::super::words;
use crate::document::Lang;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// A form as sent, or as last kept: field name → its values, blank ones left out (a group of
/// checkboxes has several).
pub(crate) type Answers = BTreeMap<String, Vec<String>>;

/// The fields of a form body, the CSRF token left out, each value trimmed.
pub(crate) fn parse(body: &[u8]) -> Answers {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).unwrap_or_default();
    let mut answers = Answers::new();
    for (name, value) in pairs {
        let value = value.trim();
        if name != super::super::security::CSRF_FIELD && !value.is_empty() {
            answers.entry(name).or_default().push(value.to_string());
        }
    }
    answers
}

/// The first value of field `name`, if it was given.
pub(crate) fn one<'a>(answers: &'a Answers, name: &str) -> Option<&'a str> {
    answers
        .get(name)
        .and_then(|v| v.first())
        .map(String::as_str)
}

/// The id of field `name`'s element: `f-` and the name, every character outside
/// `[A-Za-z0-9_-]` made a `-`.
pub(crate) fn field_id(name: &str) -> String {
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

/// The errors of one form, each on its field: one message a field, the first found.
#[derive(Debug, Default)]
pub(crate) struct Errors {
    list: Vec<FieldError>,
}

/// One field's error: what is wrong and what to do, in the page's language.
#[derive(Debug, Clone)]
struct FieldError {
    field: String,
    message: String,
    /// The page the field is on, when it is not the page shown (its summary links there).
    page: Option<String>,
}

impl Errors {
    /// Adds `message` on `field` unless that field already has one.
    pub(crate) fn add(&mut self, field: &str, message: String) {
        self.add_on(field, message, None);
    }

    /// Adds `message` on `field` of another page (`page`, its address): listed in the summary
    /// with a link there.
    pub(crate) fn add_on(&mut self, field: &str, message: String, page: Option<String>) {
        if !self.list.iter().any(|e| e.field == field) {
            self.list.push(FieldError {
                field: field.to_string(),
                message,
                page,
            });
        }
    }

    /// Each field with its message, in order.
    pub(crate) fn into_list(self) -> impl Iterator<Item = (String, String)> {
        self.list.into_iter().map(|e| (e.field, e.message))
    }

    /// Whether no error was found.
    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The message on `field`, if any.
    pub(crate) fn on(&self, field: &str) -> Option<&str> {
        self.list
            .iter()
            .find(|e| e.field == field && e.page.is_none())
            .map(|e| e.message.as_str())
    }

    /// The summary at the top of the page: each message linking to its field.
    pub(crate) fn summary(&self) -> Value {
        let items: Vec<Value> = self
            .list
            .iter()
            .map(|e| {
                let anchor = format!("#{}", field_id(&e.field));
                let href = e
                    .page
                    .as_ref()
                    .map_or(anchor.clone(), |p| p.clone() + &anchor);
                json!({ "href": href, "message": e.message })
            })
            .collect();
        Value::Array(items)
    }
}

/// One option of a group of radios or checkboxes: its value, its label, and an optional
/// description under it.
pub(crate) struct Choice {
    pub(crate) value: String,
    pub(crate) label: String,
    pub(crate) about: Option<String>,
}

/// Draws a form's fields with the values `answers` holds and the `errors` found, in `lang`.
pub(crate) struct Form<'a> {
    pub(crate) lang: Lang,
    pub(crate) answers: &'a Answers,
    pub(crate) errors: &'a Errors,
}

impl Form<'_> {
    /// What every kind of field carries, so the partial never meets a missing key.
    fn base(&self, name: &str, label: &str, hint: Option<&str>) -> serde_json::Map<String, Value> {
        let id = field_id(name);
        let error = self.errors.on(name).unwrap_or_default();
        let described: Vec<String> = [
            hint.map(|_| format!("{id}-hint")),
            (!error.is_empty()).then(|| format!("{id}-error")),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut field = serde_json::Map::new();
        field.insert("id".into(), json!(id));
        field.insert("name".into(), json!(name));
        field.insert("label".into(), json!(words::t(self.lang, label)));
        field.insert(
            "hint".into(),
            json!(hint.map(|h| words::t(self.lang, h)).unwrap_or_default()),
        );
        field.insert("error".into(), json!(error));
        field.insert("describedby".into(), json!(described.join(" ")));
        field.insert("value".into(), json!(""));
        field.insert("type".into(), json!("text"));
        field.insert("choice".into(), json!(false));
        field.insert("single".into(), json!(false));
        field.insert("checked".into(), json!(false));
        field.insert("required".into(), json!(false));
        field.insert("options".into(), json!([]));
        field
    }

    /// A text or date field (`kind`: `text`, `date`, `search`).
    pub(crate) fn input(
        &self,
        name: &str,
        kind: &str,
        label: &str,
        hint: Option<&str>,
        required: bool,
    ) -> Value {
        let mut field = self.base(name, label, hint);
        let value = one(self.answers, name).unwrap_or_default();
        field.insert("value".into(), json!(value));
        field.insert("type".into(), json!(kind));
        field.insert("required".into(), json!(required));
        Value::Object(field)
    }

    /// One checkbox, value `yes`.
    pub(crate) fn checkbox(&self, name: &str, label: &str, hint: Option<&str>) -> Value {
        let mut field = self.base(name, label, hint);
        field.insert("type".into(), json!("checkbox"));
        field.insert("single".into(), json!(true));
        field.insert(
            "checked".into(),
            json!(one(self.answers, name) == Some("yes")),
        );
        Value::Object(field)
    }

    /// A group of radios (`kind` `radio`) or checkboxes (`checkbox`) in a fieldset, `legend`
    /// its question. The first option's id is the field's own, which the summary links to.
    pub(crate) fn group(
        &self,
        name: &str,
        kind: &str,
        legend: &str,
        hint: Option<&str>,
        choices: Vec<Choice>,
    ) -> Value {
        let mut field = self.base(name, legend, hint);
        let id = field_id(name);
        let given = self.answers.get(name).cloned().unwrap_or_default();
        let options: Vec<Value> = choices
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let option_id = if i == 0 {
                    id.clone()
                } else {
                    field_id(&format!("{name}-{}", c.value))
                };
                let about_id = c
                    .about
                    .as_ref()
                    .map_or(String::new(), |_| format!("{option_id}-about"));
                json!({
                    "id": option_id,
                    "value": c.value,
                    "label": c.label,
                    "about": c.about.unwrap_or_default(),
                    "about_id": about_id,
                    "checked": given.contains(&c.value),
                })
            })
            .collect();
        field.insert("type".into(), json!(kind));
        field.insert("choice".into(), json!(true));
        field.insert("options".into(), Value::Array(options));
        Value::Object(field)
    }
}

/// Choices whose labels are words: `interview.<section>.<value>` for each value.
pub(crate) fn worded(lang: Lang, section: &str, values: &[&str]) -> Vec<Choice> {
    values
        .iter()
        .map(|v| Choice {
            value: (*v).to_string(),
            label: words::t(lang, &format!("{section}.{v}")).to_string(),
            about: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_id_keeps_only_safe_characters() {
        assert_eq!(
            field_id("fact.agencies.sheriff.phone"),
            "f-fact-agencies-sheriff-phone"
        );
        assert_eq!(field_id("subject_name"), "f-subject_name");
    }

    #[test]
    fn a_form_keeps_its_values_trimmed_without_the_token_or_blanks() {
        let a = parse(b"csrf=x&q=+Alameda+&requested=hold&requested=records&office=");
        assert_eq!(one(&a, "q"), Some("Alameda"));
        assert_eq!(a["requested"], ["hold", "records"]);
        assert!(!a.contains_key("csrf") && !a.contains_key("office"));
    }
}
