//! The legal registry: every authority a document may rely on (statute, regulation, case,
//! order, form) with its citation, where its text was read and whether that source is the
//! official publication, its status and when it was last confirmed; and every *proposition* —
//! one statement of law, in each language, with the authority's pinpoint and the source's own
//! operative words quoted.
//!
//! Documents state the law only through propositions: a template inserts one by key, never
//! its own words beside a bare citation. Registry files are the `authorities.yaml` and
//! `propositions.yaml` files anywhere in the jurisdiction tree (federal law next to the
//! country, a state's next to the state). Keys are global: an unknown key is an error.

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::document::Lang;
use crate::i18n;
use crate::values::{IsoDate, Localized, Text, WebAddress};
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod provision;
mod review;

pub use provision::{Binds, Provision};

/// One `authorities.yaml`: a map from key to authority.
pub type AuthorityFile = BTreeMap<String, Authority>;
/// One `propositions.yaml`: a map from key to proposition.
pub type PropositionFile = BTreeMap<String, Proposition>;

/// One source of law a document may cite: what kind it is, how it is cited, where its text was
/// read, where it stands and when that was last confirmed.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    /// What kind of law it is.
    pub kind: AuthorityKind,
    /// How documents cite it.
    pub citation: Citation,
    /// What the authority is called, e.g. "California Values Act".
    pub title: Localized,
    /// The jurisdiction whose law it is, e.g. `us` (federal) or `us/ca`.
    pub jurisdiction: Text,
    /// Where its text was read.
    pub source: Source,
    /// Where it stands: in force, pending, enjoined, dismissed, …
    #[serde(default)]
    pub status: Status,
    /// When its text and status were last confirmed (YYYY-MM-DD); `check --stale` lists old ones.
    pub confirmed: IsoDate,
    /// One sentence per language on where a case, order or bill stands, and as of when.
    #[serde(default)]
    pub status_note: Option<Localized>,
}

/// Where a text was read: its address, whether that is the official publication (the
/// legislature's, agency's or court's own) or a secondary copy, and when it was read.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// A web address (`https:` or `http:`): documents link to it.
    pub url: WebAddress,
    /// `true` only for the official publisher's own text.
    pub official: bool,
    /// When the text was read there (YYYY-MM-DD).
    pub read: IsoDate,
}

/// What kind of law an authority is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AuthorityKind {
    /// A constitution or one of its articles or amendments.
    Constitution,
    /// A codified statute.
    Statute,
    /// A regulation of an agency.
    Regulation,
    /// A court decision.
    Case,
    /// A directive or guidance of an agency.
    Directive,
    /// A county or city ordinance.
    Ordinance,
    /// An official form (such as a detainer form).
    Form,
    /// An agency's written policy.
    Policy,
    /// An executive order.
    Order,
    /// A bill not (or not yet) codified.
    Bill,
}

/// Where an authority stands; the counsel memo's proof table states it for each point of law.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In force (the default when `status` is left out).
    #[default]
    InForce,
    /// Not yet in force or not yet decided: a bill, a rule, a case before the court.
    Pending,
    /// Blocked in whole by a court order.
    Enjoined,
    /// Blocked in part by a court order.
    PartlyEnjoined,
    /// A case dismissed.
    Dismissed,
    /// Replaced by a later authority.
    Superseded,
    /// Set aside by a court.
    Vacated,
    /// A decision reversed on appeal.
    Reversed,
    /// A case decided.
    Decided,
    /// A decision under appeal.
    OnAppeal,
    /// Repealed: no longer law.
    Repealed,
}

impl Status {
    /// The status in running text.
    pub fn label(self, lang: Lang) -> &'static str {
        // `Text` here is the value type; the engine's strings are `i18n::Text`.
        use i18n::Text as T;
        use Status::*;
        i18n::t(
            lang,
            match self {
                InForce => T::StatusInForce,
                Pending => T::StatusPending,
                Enjoined => T::StatusEnjoined,
                PartlyEnjoined => T::StatusPartlyEnjoined,
                Dismissed => T::StatusDismissed,
                Superseded => T::StatusSuperseded,
                Vacated => T::StatusVacated,
                Reversed => T::StatusReversed,
                Decided => T::StatusDecided,
                OnAppeal => T::StatusOnAppeal,
                Repealed => T::StatusRepealed,
            },
        )
    }
}

/// How an authority is cited: the short form in running text, the full one in the list.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// Short form used in running text, e.g. "Cal. Gov't Code § 7284.6".
    pub short: Text,
    /// Full form used in the list of authorities cited.
    pub full: Text,
}

/// One statement of law: its words in each language, the authority and pinpoint it rests on,
/// and the source's own operative words.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Proposition {
    /// Registry key of the authority.
    pub authority: Text,
    /// Where in it: a subsection (`(a)(1)(B)`), a page (`at 1164`), a section of an order.
    pub pinpoint: Text,
    /// The statement, one or more full sentences per language; it says only what `quote` says.
    pub text: Localized,
    /// The source's own operative words, verbatim and short.
    pub quote: Text,
    /// Where the quote was read, when not the authority's own source.
    #[serde(default)]
    pub source: Option<Source>,
    /// The subject it is about (the memo groups by it).
    #[serde(default)]
    pub provision: Option<Provision>,
    /// The agencies it binds; empty for a case or a development (binds nobody by itself).
    #[serde(default)]
    pub binds: Vec<Binds>,
    /// Jurisdiction ids a development concerns (empty: everyone who inherits it).
    #[serde(default)]
    pub concerns: Vec<Text>,
}

impl Proposition {
    /// Where its quote was read.
    pub fn source<'a>(&'a self, authority: &'a Authority) -> &'a Source {
        self.source.as_ref().unwrap_or(&authority.source)
    }
}

/// `citation` (of `authority`: its short or full form, or pinpointed) split into the case name
/// it opens with and the rest, when `authority` is a court decision (`kind: case`): "Lunn v.
/// Commonwealth" and ", 477 Mass. 517 (2017)". Documents set the name in italics. The name ends
/// where the reporter, docket number or court begins: at the first ", " before a digit or "No",
/// or at the first " (".
pub fn case_name<'a>(authority: &Authority, citation: &'a str) -> Option<(&'a str, &'a str)> {
    if authority.kind != AuthorityKind::Case {
        return None;
    }
    let at_comma = citation.match_indices(", ").map(|(at, _)| at).find(|&at| {
        let after = &citation[at + 2..];
        after.starts_with(|c: char| c.is_ascii_digit()) || after.starts_with("No")
    });
    let at_court = citation.find(" (");
    let end = [at_comma, at_court]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(citation.len());
    (end > 0).then(|| citation.split_at(end))
}

/// The citation of `authority` with `pinpoint`: "Cal. Gov't Code § 7284.6(a)(1)(B)",
/// "Steinle v. City & Cnty. of S.F., 919 F.3d 1154 (9th Cir. 2019), at 1164".
pub fn pinpointed(authority: &Authority, pinpoint: &str) -> String {
    let short = authority.citation.short.as_str();
    // A citation that already names the pinpoint ("CDCR DOM § 62070.10.2") is not repeated.
    if short.ends_with(pinpoint) {
        return short.to_string();
    }
    match authority.kind {
        AuthorityKind::Statute
        | AuthorityKind::Regulation
        | AuthorityKind::Constitution
        | AuthorityKind::Ordinance
            if pinpoint.starts_with('(') =>
        {
            format!("{short}{pinpoint}")
        }
        _ => format!("{short}, {pinpoint}"),
    }
}

/// Every authority and proposition of the tree, with the file each came from.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    entries: BTreeMap<String, (Authority, PathBuf)>,
    propositions: BTreeMap<String, (Proposition, PathBuf)>,
    /// SHA-256 of each registry file's text, so a build can tell what changed.
    fingerprints: BTreeMap<PathBuf, String>,
    /// Registry files that could not be read: a key "unknown" may be defined in one of them.
    broken: Vec<PathBuf>,
}

impl Registry {
    /// Adds one `authorities.yaml`'s entries; a key defined twice or a malformed key is an error.
    pub fn add_file(&mut self, path: &Path, text: &str, file: AuthorityFile) -> Vec<Diagnostic> {
        self.fingerprint(path, text);
        let mut problems = Vec::new();
        for (key, authority) in file {
            let mut missing = |what: &str, text: &Localized| {
                missing_english(&mut problems, path, "authority", &key, what, text);
            };
            missing("title", &authority.title);
            if let Some(note) = &authority.status_note {
                missing("status_note", note);
            }
            if let Some(d) = self.check_new_key(path, &key, "authority") {
                problems.push(d);
                continue;
            }
            self.entries.insert(key, (authority, path.to_path_buf()));
        }
        problems
    }

    /// Adds one `propositions.yaml`'s entries. Their authorities are checked by
    /// [`Registry::check_propositions`], once every file is in.
    pub fn add_propositions(
        &mut self,
        path: &Path,
        text: &str,
        doc: &crate::yaml::Doc,
        file: PropositionFile,
    ) -> Vec<Diagnostic> {
        self.fingerprint(path, text);
        let mut problems = Vec::new();
        for (key, proposition) in file {
            missing_english(
                &mut problems,
                path,
                "proposition",
                &key,
                "text",
                &proposition.text,
            );
            // `unknown` is how a config marks a fact not yet found; a statement of law whose
            // source or place is unknown is not made at all.
            let mut refused = false;
            for (field, value) in [
                ("quote", &proposition.quote),
                ("pinpoint", &proposition.pinpoint),
            ] {
                if value.as_str().eq_ignore_ascii_case(crate::values::UNKNOWN) {
                    refused = true;
                    let line = doc.locate(&[key.as_str(), field]);
                    problems.push(
                        Diagnostic::error(format!("proposition `{key}` has `{field}: unknown`"))
                            .in_file(path)
                            .at(line, None)
                            .with_hint(crate::yaml::PROPOSITION_NEEDS),
                    );
                }
            }
            if refused {
                self.add_broken(path);
                continue;
            }
            if let Some(d) = self.check_new_key(path, &key, "proposition") {
                problems.push(d);
                continue;
            }
            self.propositions
                .insert(key, (proposition, path.to_path_buf()));
        }
        problems
    }

    /// Every proposition names an authority of the registry.
    pub fn check_propositions(&self) -> Vec<Diagnostic> {
        self.propositions
            .iter()
            .filter(|(_, (p, _))| self.get(p.authority.as_str()).is_none())
            .map(|(key, (p, path))| {
                let d = self.unknown_key(p.authority.as_str());
                Diagnostic {
                    message: format!("proposition `{key}`: {}", d.message),
                    ..d
                }
                .in_file(path)
            })
            .collect()
    }

    fn fingerprint(&mut self, path: &Path, text: &str) {
        self.fingerprints.insert(
            path.to_path_buf(),
            crate::digest::sha256_hex(text.as_bytes()),
        );
    }

    /// The problem with adding `key`, if any: malformed, or already taken (by either kind).
    fn check_new_key(&self, path: &Path, key: &str, what: &str) -> Option<Diagnostic> {
        if !valid_key(key) {
            return Some(
                Diagnostic::error(format!("{what} key `{key}` is not a valid key"))
                    .in_file(path)
                    .with_hint("use lowercase letters, digits, `.` and `-`, e.g. `ca-gov-7284.6`"),
            );
        }
        let first = self
            .entries
            .get(key)
            .map(|(_, p)| p)
            .or_else(|| self.propositions.get(key).map(|(_, p)| p))?;
        Some(
            Diagnostic::error(format!(
                "`{key}` is defined twice (first in {})",
                first.display()
            ))
            .in_file(path)
            .with_hint("keys are shared by the whole tree: rename one or delete the copy"),
        )
    }

    /// Records a registry file that could not be read (its problem is reported on its own).
    pub fn add_broken(&mut self, path: &Path) {
        self.broken.push(path.to_path_buf());
    }

    /// The authority with registry key `key`, if there is one.
    pub fn get(&self, key: &str) -> Option<&Authority> {
        self.entries.get(key).map(|(a, _)| a)
    }

    /// A proposition and its authority (every proposition kept has one).
    pub fn proposition(&self, key: &str) -> Option<(&Proposition, &Authority)> {
        let (p, _) = self.propositions.get(key)?;
        Some((p, self.get(p.authority.as_str())?))
    }

    /// The registry file that defines `key` (an authority or a proposition).
    pub fn file_of(&self, key: &str) -> Option<&Path> {
        self.entries
            .get(key)
            .map(|(_, p)| p.as_path())
            .or_else(|| self.propositions.get(key).map(|(_, p)| p.as_path()))
    }

    /// The message for an authority key that is not in the registry.
    pub fn unknown_key(&self, key: &str) -> Diagnostic {
        self.unknown(
            key,
            "authority",
            self.entries.keys(),
            "authorities.yaml",
            "its citation, source, status and confirmed date",
        )
    }

    /// The message for a proposition key that is not in the registry.
    pub fn unknown_proposition(&self, key: &str) -> Diagnostic {
        self.unknown(
            key,
            "proposition",
            self.propositions.keys(),
            "propositions.yaml",
            "its authority, pinpoint, text and quote",
        )
    }

    fn unknown<'a>(
        &self,
        key: &str,
        what: &str,
        keys: impl Iterator<Item = &'a String>,
        file: &str,
        needs: &str,
    ) -> Diagnostic {
        let d = Diagnostic::error(format!("unknown {what} `{key}`"));
        if let Some(broken) = self.broken.first() {
            return d.with_hint(format!(
                "{} has errors (reported above) and may define it: fix that file first",
                broken.display()
            ));
        }
        match did_you_mean(key, keys.map(String::as_str)) {
            Some(s) => d.with_hint(format!(
                "did you mean `{s}`? They are defined in {file} files"
            )),
            None => d.with_hint(format!("add it to a {file} file with {needs}")),
        }
    }

    /// Each registry file and the SHA-256 of its text.
    pub fn fingerprints(&self) -> &BTreeMap<PathBuf, String> {
        &self.fingerprints
    }

    /// Every authority key, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// Every authority with its key and file.
    pub fn authorities(&self) -> impl Iterator<Item = (&str, &Authority, &Path)> {
        self.entries
            .iter()
            .map(|(k, (a, p))| (k.as_str(), a, p.as_path()))
    }

    /// Every proposition with its key, authority and file.
    pub fn propositions(&self) -> impl Iterator<Item = (&str, &Proposition, &Authority, &Path)> {
        self.propositions.iter().filter_map(|(k, (p, path))| {
            Some((
                k.as_str(),
                p,
                self.get(p.authority.as_str())?,
                path.as_path(),
            ))
        })
    }
}

/// A text of the registry is written in English at least: a proposition's statement in every
/// other language a document states it in (checked when it renders), an authority's title and
/// note in English where a language lacks them.
fn missing_english(
    problems: &mut Vec<Diagnostic>,
    path: &Path,
    kind: &str,
    key: &str,
    what: &str,
    text: &Localized,
) {
    if text.given(Lang::En).is_none() {
        problems.push(
            Diagnostic::error(format!("{kind} `{key}` has no {what} in `en`"))
                .in_file(path)
                .with_hint(format!("add `en:` under its `{what}`")),
        );
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
