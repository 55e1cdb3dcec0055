//! For tests of the readers above `yaml`: a typed reading of a [`Doc`] measured against
//! `yaml_serde`'s reading of the text itself, on a file and on many mistaken variants of it.

use super::{parse, parse_doc, parse_doc_private, parse_private, Diagnostic};
use serde::de::DeserializeOwned;
use std::fmt::Debug;
use std::path::Path;

/// What `yaml_serde` reading `text` straight into `T` gives (after the plain parse, as reading
/// did before [`Doc`]), and what reading it through a [`Doc`] gives, as text to compare.
fn both<T: DeserializeOwned + Debug>(path: &Path, text: &str, private: bool) -> (String, String) {
    let show = |r: Result<T, Diagnostic>| match r {
        Ok(v) => format!("{v:?}"),
        Err(d) => d.to_string(),
    };
    let from_text = if private {
        parse_private::<serde_yaml::Value>(path, text).and_then(|_| parse_private::<T>(path, text))
    } else {
        parse::<serde_yaml::Value>(path, text).and_then(|_| parse::<T>(path, text))
    };
    let from_text = show(from_text);
    // A Doc reports every problem, in file order: one of them is the one yaml_serde stops at
    // (shown instead of the first, when it is there).
    let stop = |r: Result<T, Vec<Diagnostic>>| {
        r.map_err(|mut problems| {
            let i = problems.iter().position(|d| d.to_string() == from_text);
            problems.remove(i.unwrap_or(0))
        })
    };
    let from_doc = if private {
        parse_doc_private(path, text).and_then(|d| stop(d.deserialize_private::<T>(path, text)))
    } else {
        parse_doc(path, text).and_then(|d| stop(d.deserialize::<T>(path, text)))
    };
    (from_text, show(from_doc))
}

/// Values written in place of one: every type, nothing, null, tags, anchors and aliases,
/// a refused character.
const VALUES: &[&str] = &[
    "",
    "~",
    "null",
    "5",
    "-3",
    "1.5",
    "true",
    "[a, b]",
    "[]",
    "{x: 1}",
    "{}",
    "\"quoted\"",
    "'single'",
    "!tag x",
    "!tag {a: 1}",
    "&a x",
    "*a",
    "unknown",
    "2026-13-45",
    "2026-01-02",
    "\"\\u200B\"",
    "x\u{200B}y",
    "|\n  block",
    "- a\n  - b",
    "{en: a, es: b}",
    "{value: a, source: b, verified: 2026-01-02}",
    "{en: a, value: b}",
    "sheriff",
    "en",
];

/// `text` and variants of it with one line changed (each with what changed): its value
/// replaced by each of [`VALUES`], its key misspelt, or the line left out.
fn variants(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = vec![("as it is".to_string(), text.to_string())];
    for (i, line) in lines.iter().enumerate() {
        let with = |new: String| {
            let mut l = lines.clone();
            l[i] = &new;
            (format!("line {}: {new}", i + 1), l.join("\n") + "\n")
        };
        let without = {
            let mut l = lines.clone();
            l.remove(i);
            (format!("line {} left out", i + 1), l.join("\n") + "\n")
        };
        out.push(without);
        let head = match line.split_once(": ") {
            Some((key, _)) => format!("{key}: "),
            None => match line.trim_start().strip_prefix("- ") {
                Some(_) => line[..line.len() - line.trim_start().len() + 2].to_string(),
                None if line.trim_end().ends_with(':') => format!("{} ", line.trim_end()),
                None => continue,
            },
        };
        for value in VALUES {
            out.push(with(format!("{head}{value}")));
        }
        let indent = line.len() - line.trim_start().len();
        out.push(with(format!("{}x{}", &line[..indent], &line[indent..])));
    }
    out
}

/// Checks that `text` reads the same through a [`Doc`] as from the text itself.
pub(crate) fn reads_as_text<T: DeserializeOwned + Debug>(path: &Path, text: &str, private: bool) {
    let (from_text, from_doc) = both::<T>(path, text, private);
    assert_eq!(from_text, from_doc, "{} reads differently", path.display());
}

/// Checks that `text` and every variant of it read the same through a [`Doc`] as from the text.
pub(crate) fn variants_read_as_text<T: DeserializeOwned + Debug>(
    path: &Path,
    text: &str,
    private: bool,
) {
    let variants = variants(text);
    let mut differ = Vec::new();
    for (change, variant) in &variants {
        let (from_text, from_doc) = both::<T>(path, variant, private);
        if from_text != from_doc {
            differ.push(format!(
                "{}: {change}\n  text: {from_text}\n  doc:  {from_doc}",
                path.display()
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} variants read differently:\n{}",
        differ.len(),
        variants.len(),
        differ
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}
