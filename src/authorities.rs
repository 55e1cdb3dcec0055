//! The legal authority registry: every statute, regulation, case and form a document may rely
//! on, with its citation, source URL, last-verified date and a one-line summary per language.
//!
//! Registry files are the `authorities.yaml` files anywhere in the jurisdiction tree (federal
//! law next to the country, a state's law next to the state). Keys are global: templates and
//! configs cite by key, and an unknown key is an error.

use crate::config::values::{IsoDate, Localized, Text};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::document::Lang;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One `authorities.yaml`: a map from key to authority.
pub type AuthorityFile = BTreeMap<String, Authority>;

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    pub kind: AuthorityKind,
    pub citation: Citation,
    /// What the authority is called, e.g. "California Values Act".
    pub title: Localized,
    /// The jurisdiction whose law it is, e.g. `us` (federal) or `us/ca`.
    pub jurisdiction: Text,
    /// Where its text can be read.
    pub url: Text,
    /// When the citation and summary were last checked against the source (YYYY-MM-DD).
    pub verified: IsoDate,
    /// What it says, in one line per language.
    pub summary: Localized,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AuthorityKind {
    Constitution,
    Statute,
    Regulation,
    Case,
    Directive,
    Ordinance,
    Form,
    Policy,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// Short form used in running text, e.g. "Cal. Gov. Code § 7284.6".
    pub short: Text,
    /// Full form used in the list of authorities cited.
    pub full: Text,
}

/// Every authority of the tree, with the file each came from.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    entries: BTreeMap<String, (Authority, PathBuf)>,
    /// SHA-256 of each registry file's text, so a build can tell what changed.
    fingerprints: BTreeMap<PathBuf, String>,
    /// Registry files that could not be read: a key "unknown" may be defined in one of them.
    broken: Vec<PathBuf>,
}

impl Registry {
    /// Adds one registry file's entries; a key defined twice or a malformed key is an error.
    pub fn add_file(&mut self, path: &Path, text: &str, file: AuthorityFile) -> Vec<Diagnostic> {
        self.fingerprints.insert(
            path.to_path_buf(),
            crate::build::sha256_hex(text.as_bytes()),
        );
        let mut problems = Vec::new();
        for (key, authority) in file {
            if !valid_key(&key) {
                problems.push(
                    Diagnostic::error(format!("authority key `{key}` is not a valid key"))
                        .in_file(path)
                        .with_hint(
                            "use lowercase letters, digits, `.` and `-`, e.g. `ca-gov-7284.6`",
                        ),
                );
                continue;
            }
            for lang in Lang::ALL {
                for (what, text) in [("title", &authority.title), ("summary", &authority.summary)] {
                    if text.get(lang).is_none() {
                        problems.push(
                            Diagnostic::error(format!(
                                "authority `{key}` has no {what} in `{lang}`"
                            ))
                            .in_file(path)
                            .with_hint(format!("add `{lang}:` under its `{what}`")),
                        );
                    }
                }
            }
            if let Some((_, first)) = self.entries.get(&key) {
                problems.push(
                    Diagnostic::error(format!(
                        "authority `{key}` is defined twice (first in {})",
                        first.display()
                    ))
                    .in_file(path)
                    .with_hint("keys are shared by the whole tree: rename one or delete the copy"),
                );
                continue;
            }
            self.entries.insert(key, (authority, path.to_path_buf()));
        }
        problems
    }

    /// Records a registry file that could not be read (its problem is reported on its own).
    pub fn add_broken(&mut self, path: &Path) {
        self.broken.push(path.to_path_buf());
    }

    pub fn get(&self, key: &str) -> Option<&Authority> {
        self.entries.get(key).map(|(a, _)| a)
    }

    /// The registry file that defines `key`.
    pub fn file_of(&self, key: &str) -> Option<&Path> {
        self.entries.get(key).map(|(_, p)| p.as_path())
    }

    /// The message for a key that is not in the registry.
    pub fn unknown_key(&self, key: &str) -> Diagnostic {
        let d = Diagnostic::error(format!("unknown authority `{key}`"));
        if let Some(file) = self.broken.first() {
            return d.with_hint(format!(
                "{} has errors (reported above) and may define it: fix that file first",
                file.display()
            ));
        }
        match did_you_mean(key, self.entries.keys().map(String::as_str)) {
            Some(s) => d.with_hint(format!("did you mean `{s}`? Authorities are defined in authorities.yaml files")),
            None => d.with_hint("add it to an authorities.yaml file with its citation, URL, verified date and summaries"),
        }
    }

    /// Each registry file and the SHA-256 of its text.
    pub fn fingerprints(&self) -> &BTreeMap<PathBuf, String> {
        &self.fingerprints
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }
}

fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
}
