//! Redaction of parser messages about a request file: what serde and the YAML parser say is
//! kept only as far as it cannot hold the file's content (the request holds personal data).

use super::request::RawRequest;
use crate::diagnostic::Diagnostic;
use serde_json::Value;

/// Keeps of a parser message only what cannot come from the file's content: its own words,
/// places (`line 3 column 7`, `U+202E`), and quoted names the request format defines (a key's
/// path, an allowed value). A quoted value (`"…"`) and any number become `…`; a name in
/// backquotes that the format does not define may be anything the file holds, backquotes
/// included, so nothing after it can be trusted and the message ends there.
pub(super) fn redact(mut d: Diagnostic) -> Diagnostic {
    let message = std::mem::take(&mut d.message);
    let mut out = String::new();
    let mut rest = message.as_str();
    while let Some(c) = rest.chars().next() {
        // Numbers that are not values: a character's code, a place in the file.
        let place = ["U+", "line ", "column "].iter().find_map(|p| {
            let tail = rest.strip_prefix(p)?;
            let n = tail
                .find(|c: char| !c.is_ascii_hexdigit())
                .unwrap_or(tail.len());
            (n > 0).then(|| &rest[..p.len() + n])
        });
        if let Some(place) = place {
            out.push_str(place);
            rest = &rest[place.len()..];
            continue;
        }
        rest = &rest[c.len_utf8()..];
        match c {
            // serde quotes a value as Rust's Debug does: `\"` inside does not end it.
            '"' => {
                let mut escaped = false;
                let end = rest.char_indices().find_map(|(i, c)| {
                    let closes = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    closes.then_some(i)
                });
                out.push_str("\"…\"");
                rest = end.map_or("", |i| &rest[i + 1..]);
            }
            '`' => {
                let end = rest.find('`').unwrap_or(rest.len());
                let quoted = &rest[..end];
                if !defined_names(quoted) {
                    out.push_str("`…`");
                    break;
                }
                out.push('`');
                out.push_str(&without_numbers(quoted));
                out.push('`');
                rest = rest.get(end + 1..).unwrap_or("");
            }
            c if c.is_ascii_digit() => {
                if !out.ends_with('…') {
                    out.push('…');
                }
            }
            c => out.push(c),
        }
    }
    d.message = out;
    d
}

/// `text` with each run of digits replaced by `…`.
fn without_numbers(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if !c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('…') {
            out.push('…');
        }
    }
    out
}

/// Whether every word of `quoted` (`subject.name`, `requested[0]`, `*name`) is a name the
/// request format defines, or a word of the messages themselves; list indices do not count.
fn defined_names(quoted: &str) -> bool {
    const MESSAGE_WORDS: &[&str] = &["unknown", "true", "false"];
    let names = request_names();
    quoted
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()))
        .all(|w| names.contains(w) || MESSAGE_WORDS.contains(&w))
}

/// The keys and value names of the request format, read from its JSON schema (so a field
/// added to [`RawRequest`] is known here without a second list).
fn request_names() -> &'static std::collections::BTreeSet<String> {
    static NAMES: std::sync::OnceLock<std::collections::BTreeSet<String>> =
        std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        fn collect(value: &Value, names: &mut std::collections::BTreeSet<String>) {
            match value {
                Value::Object(map) => {
                    if let Some(Value::Object(properties)) = map.get("properties") {
                        names.extend(properties.keys().cloned());
                    }
                    for key in ["enum", "const"] {
                        match map.get(key) {
                            Some(Value::Array(list)) => names
                                .extend(list.iter().filter_map(Value::as_str).map(str::to_string)),
                            Some(Value::String(name)) => {
                                names.insert(name.clone());
                            }
                            _ => {}
                        }
                    }
                    map.values().for_each(|v| collect(v, names));
                }
                Value::Array(list) => list.iter().for_each(|v| collect(v, names)),
                _ => {}
            }
        }
        let mut names = std::collections::BTreeSet::new();
        collect(schemars::schema_for!(RawRequest).as_value(), &mut names);
        names
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redacted(message: &str) -> String {
        redact(Diagnostic::error(message)).message
    }

    #[test]
    fn a_parser_message_keeps_only_names_the_request_format_defines() {
        assert_eq!(
            redacted("subject.name: invalid type: string \"a \\\"Jane Roe\\\" b\", expected struct Subject"),
            "subject.name: invalid type: string \"…\", expected struct Subject"
        );
        assert_eq!(
            redacted("unknown value in `requested[2]` at line 3 column 7"),
            "unknown value in `requested[…]` at line 3 column 7"
        );
        // A name the format does not define may be anything, backquotes included.
        assert_eq!(
            redacted("key `Jane` is written twice in `Roe` (`subject`)"),
            "key `…`"
        );
        assert_eq!(
            redacted("signed_by_judge: invalid type: integer `123456789`"),
            "signed_by_judge: invalid type: integer `…`"
        );
    }

    #[test]
    fn the_request_format_names_its_keys_and_values() {
        let names = request_names();
        for name in [
            "kind", "subject", "booking", "a_number", "detainer", "hold", "sheriff",
        ] {
            assert!(names.contains(name), "{name} missing from {names:?}");
        }
    }
}
