//! The one place YAML is read: size cap, UTF-8, and serde_yaml's errors turned into
//! [`Diagnostic`]s a person can act on (file, line, column, "did you mean").

use crate::diagnostic::{did_you_mean, Diagnostic};
use serde::de::DeserializeOwned;
use std::path::Path;

/// No hand-written config comes near this; a bigger file is a mistake or an attack.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Reads a text input file, refusing oversized and non-UTF-8 files with a located message.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Diagnostic::error(format!("cannot read file ({e})")).in_file(path))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(format!(
            "file is {} bytes, over the {} byte limit for input files",
            meta.len(),
            MAX_FILE_BYTES
        ))
        .in_file(path)
        .with_hint("split it into smaller files, or check that this is the file you meant"));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(format!("cannot read file ({e})")).in_file(path))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let column = valid.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        Diagnostic::error("file is not valid UTF-8 text")
            .in_file(path)
            .at(line, Some(column))
            .with_hint(
                "save the file as UTF-8 (most editors offer this under \"Save with encoding\")",
            )
    })
}

/// Deserializes `text` (read from `path`) into `T`.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|e| to_diagnostic(path, &e))
}

/// Converts a serde_yaml error into a diagnostic, rewording serde's messages for people.
pub fn to_diagnostic(path: &Path, err: &serde_yaml::Error) -> Diagnostic {
    let raw = err.to_string();
    // serde_yaml appends " at line L column C"; the location is shown separately.
    let message = match raw.rfind(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw,
    };
    let mut diag = reword(&message).in_file(path);
    if let Some(loc) = err.location() {
        diag = diag.at(loc.line(), Some(loc.column()));
    }
    diag
}

fn reword(message: &str) -> Diagnostic {
    // serde: "PATH: unknown field `x`, expected one of `a`, `b`" (also "unknown variant").
    for (what, noun) in [("unknown field", "key"), ("unknown variant", "value")] {
        if let Some(i) = message.find(what) {
            let context = message[..i].trim_end_matches([':', ' ']);
            let rest = &message[i + what.len()..];
            let names: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
            if let Some((typed, allowed)) = names.split_first() {
                let place = if context.is_empty() {
                    String::new()
                } else {
                    format!(" in `{context}`")
                };
                let mut d = Diagnostic::error(format!("unknown {noun} `{typed}`{place}"));
                let list = allowed
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                d = match did_you_mean(typed, allowed.iter().copied()) {
                    Some(s) => d.with_hint(format!("did you mean `{s}`? allowed here: {list}")),
                    None if allowed.is_empty() => d,
                    None => d.with_hint(format!("allowed here: {list}")),
                };
                return d;
            }
        }
    }
    if message.contains("repetition limit exceeded") || message.contains("recursion limit exceeded")
    {
        return Diagnostic::error(format!("{message}: the file expands to too much data"))
            .with_hint("remove the YAML anchors/aliases (`&name`, `*name`) or the deep nesting");
    }
    if let Some(rest) = message.strip_suffix("invalid type: unit value, expected struct") {
        return Diagnostic::error(format!(
            "{rest}empty value (null) where a section was expected"
        ))
        .with_hint("fill in the section, or delete the key to inherit it from the parent");
    }
    let message = message.replace("invalid type: unit value", "empty value (null)");
    Diagnostic::error(message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Agency {
        name: String,
        phone: Option<String>,
    }

    #[test]
    fn unknown_key_is_located_with_a_suggestion() {
        let d = parse::<Agency>(Path::new("x.yaml"), "name: a\nphnoe: b\n").unwrap_err();
        assert_eq!(
            d.to_string(),
            "error: x.yaml:2:1: unknown key `phnoe`\n  hint: did you mean `phone`? allowed here: `name`, `phone`"
        );
    }

    #[test]
    fn alias_bomb_is_refused() {
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n";
        let d = parse::<serde_yaml::Value>(Path::new("x.yaml"), bomb).unwrap_err();
        assert!(d.message.contains("too much data"), "{d}");
    }
}
