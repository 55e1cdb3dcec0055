//! One language's table, `i18n/<lang>.yaml`: read, checked whole (the errors name the file and
//! the line), and the `{placeholder}` syntax its strings and patterns use. The languages are
//! the tables that exist ([`super::Lang`]); English must be one.

use super::{lang, Text};
use crate::diagnostic::Diagnostic;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

#[derive(rust_embed::RustEmbed)]
#[folder = "i18n/"]
#[include = "*.yaml"]
struct Shipped;

/// Where the tables live in the repository (the path messages name).
const DIR: &str = "i18n";
const EXTENSION: &str = ".yaml";

/// The language codes of the shipped tables: their file names (checked in [`load`]).
pub(super) static SHIPPED_CODES: LazyLock<Vec<String>> = LazyLock::new(|| {
    Shipped::iter()
        .filter_map(|name| name.strip_suffix(EXTENSION).map(str::to_string))
        .collect()
});

/// One language's strings and formats, checked.
#[derive(Debug)]
pub(super) struct Table {
    /// By [`Text`], in the order of [`Text::ALL`].
    texts: Vec<String>,
    pub(super) date: DateFormat,
    pub(super) list: ListFormat,
    pub(super) possessive: Possessive,
    pub(super) typography: Typography,
}

impl Table {
    pub(super) fn text(&self, text: Text) -> &str {
        self.texts.get(text as usize).map_or("", String::as_str)
    }
}

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    date: DateFormat,
    list: ListFormat,
    possessive: Possessive,
    #[serde(default)]
    typography: Typography,
    text: BTreeMap<String, BTreeMap<String, String>>,
}

/// How documents set the language's own characters beyond what the Latin faces cover; a
/// language they cover whole has none.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Typography {
    /// The face Word sets East Asian characters in (`w:eastAsia`): one Windows and macOS ship.
    #[serde(default)]
    pub(super) east_asian_font: Option<String>,
    /// The embedded faces (`export::pdf`) the PDF sets them in, before the Latin ones' fallback.
    #[serde(default)]
    pub(super) pdf_fonts: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DateFormat {
    /// With `{day}`, `{month}` and `{year}`.
    pub(super) pattern: String,
    pub(super) months: [String; 12],
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ListFormat {
    pub(super) separator: String,
    /// Whether the separator (without its spaces) also comes before the conjunction of a
    /// list of three or more.
    pub(super) serial_comma: bool,
    /// The conjunction before the last item, with its spaces.
    pub(super) and: Vec<Rule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Possessive {
    /// Whether a label starts with a capital letter.
    pub(super) capitalize: bool,
    /// Each `write` with `{field}` and `{owner}` or `{rest}`.
    pub(super) rules: Vec<Rule>,
}

/// What to write for a word that fits: the first rule of a list whose conditions all hold.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Rule {
    /// The word starts with one of these (none: any word).
    #[serde(default)]
    starts_with: Vec<String>,
    /// … and with none of these.
    #[serde(default)]
    not_starting_with: Vec<String>,
    /// The word ends with one of these (none: any word).
    #[serde(default)]
    ends_with: Vec<String>,
    pub(super) write: String,
}

impl Rule {
    /// Whether `word` fits, and if so the word without the start and end it matched.
    fn fits<'w>(&self, word: &'w str) -> Option<&'w str> {
        let mut rest = word;
        if !self.starts_with.is_empty() {
            rest = self
                .starts_with
                .iter()
                .find_map(|p| rest.strip_prefix(p.as_str()))?;
        }
        if self
            .not_starting_with
            .iter()
            .any(|p| word.starts_with(p.as_str()))
        {
            return None;
        }
        if !self.ends_with.is_empty() {
            rest = self
                .ends_with
                .iter()
                .find_map(|s| rest.strip_suffix(s.as_str()))?;
        }
        Some(rest)
    }

    fn always(&self) -> bool {
        self.starts_with.is_empty()
            && self.not_starting_with.is_empty()
            && self.ends_with.is_empty()
    }
}

/// The first of `rules` that `word` fits, with the rest of the word.
pub(super) fn first_rule<'r, 'w>(rules: &'r [Rule], word: &'w str) -> Option<(&'r Rule, &'w str)> {
    rules
        .iter()
        .find_map(|rule| rule.fits(word).map(|rest| (rule, rest)))
}

/// `s` cut at its placeholders: each piece of text, then the name of the placeholder after it
/// (`{` + lowercase letters and `_` + `}`; any other brace is text).
fn pieces(s: &str) -> Vec<(&str, Option<&str>)> {
    let mut out = Vec::new();
    let (mut start, mut search) = (0, 0);
    while let Some(open) = s[search..].find('{').map(|i| i + search) {
        let after = &s[open + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(after.len());
        if len > 0 && after[len..].starts_with('}') {
            out.push((&s[start..open], Some(&after[..len])));
            start = open + len + 2;
            search = start;
        } else {
            search = open + 1;
        }
    }
    out.push((&s[start..], None));
    out
}

/// The placeholders `s` holds.
fn placeholders(s: &str) -> BTreeSet<&str> {
    pieces(s).into_iter().filter_map(|(_, name)| name).collect()
}

/// `pattern` with each placeholder replaced by its value in `values` (one pass: a value that
/// looks like a placeholder, e.g. a name from a config, stays as it is).
pub(super) fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (text, name) in pieces(pattern) {
        out.push_str(text);
        if let Some(name) = name {
            match values.iter().find(|(k, _)| *k == name) {
                Some((_, value)) => out.push_str(value),
                None => {
                    let _ = write!(out, "{{{name}}}");
                }
            }
        }
    }
    out
}

/// The tables embedded in the binary, by language code.
pub(super) fn shipped() -> Result<BTreeMap<String, Table>, Vec<Diagnostic>> {
    let files: Vec<(PathBuf, String)> = Shipped::iter()
        .filter_map(|name| {
            let data = Shipped::get(&name)?;
            let text = String::from_utf8(data.data.into_owned()).ok()?;
            Some((Path::new(DIR).join(&*name), text))
        })
        .collect();
    load(&files)
}

/// Reads the tables in `files` (path and text), by language code: each file's name is its
/// language's code, and English is one of them.
pub(super) fn load(
    files: &[(PathBuf, String)],
) -> Result<BTreeMap<String, Table>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut tables = BTreeMap::new();
    let mut codes = BTreeSet::new();
    for (path, text) in files {
        let code = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if !lang::is_code(code) {
            problems.push(
                Diagnostic::error(format!("`{code}` cannot name a language"))
                    .in_file(path)
                    .with_hint("name a table by its language's code: lowercase letters, digits and `-` (`es`, `zh-hant`)"),
            );
            continue;
        }
        codes.insert(code);
        match read(path, text) {
            Ok(table) => {
                tables.insert(code.to_string(), table);
            }
            Err(mut found) => problems.append(&mut found),
        }
    }
    let english = super::Lang::En.code();
    if !codes.contains(english) {
        problems.push(
            Diagnostic::error(format!("no table of the engine's strings for `{english}`"))
                .in_file(Path::new(DIR).join(format!("{english}{EXTENSION}")))
                .with_hint("English is the language of the tool's messages and of a template that names none: restore the table"),
        );
    }
    if problems.is_empty() {
        Ok(tables)
    } else {
        Err(problems)
    }
}

/// Reads and checks one table.
fn read(path: &Path, text: &str) -> Result<Table, Vec<Diagnostic>> {
    let doc = crate::yaml::parse_doc(path, text).map_err(|d| vec![d])?;
    let raw: RawTable = doc.deserialize(path, text)?;
    let mut problems = Vec::new();
    let mut problem = |keys: &[&str], message: String, hint: &str| {
        problems.push(
            Diagnostic::error(message)
                .in_file(path)
                .at(doc.locate(keys), None)
                .with_hint(hint.to_string()),
        );
    };
    let (date, wants) = (
        placeholders(&raw.date.pattern),
        BTreeSet::from(["day", "month", "year"]),
    );
    if date != wants {
        problem(
            &["date", "pattern"],
            format!(
                "the date pattern has {}, where the engine fills {}",
                described(&date),
                described(&wants)
            ),
            "write `{day}`, `{month}` and `{year}` in it, each where it goes",
        );
    }
    for (keys, rules, allowed) in [
        (["list", "and"], &raw.list.and, &[][..]),
        (
            ["possessive", "rules"],
            &raw.possessive.rules,
            &["field", "owner", "rest"][..],
        ),
    ] {
        let name = keys.join(".");
        if !rules.last().is_some_and(Rule::always) {
            problem(
                &keys,
                format!("`{name}` does not end with a rule for every word, so some fit none"),
                "end the list with a rule that has only `write`",
            );
        }
        for rule in rules {
            let extra: BTreeSet<&str> = placeholders(&rule.write)
                .into_iter()
                .filter(|p| !allowed.contains(p))
                .collect();
            if !extra.is_empty() {
                problem(
                    &keys,
                    format!(
                        "a rule of `{name}` has {}, which the engine does not fill",
                        described(&extra)
                    ),
                    &format!(
                        "a rule there can hold {}",
                        described(&allowed.iter().copied().collect())
                    ),
                );
            }
        }
    }
    let mut texts: Vec<Option<String>> = vec![None; Text::ALL.len()];
    for (section, strings) in &raw.text {
        for (key, value) in strings {
            let name = format!("text.{section}.{key}");
            let keys = ["text", section.as_str(), key.as_str()];
            let Some(&text) = Text::ALL.iter().find(|t| t.key() == (section, key)) else {
                problem(
                    &keys,
                    format!("unknown key `{name}`"),
                    "every table has the keys of the engine (those of i18n/en.yaml): check the spelling, or remove it",
                );
                continue;
            };
            if value.trim().is_empty() {
                problem(
                    &keys,
                    format!("`{name}` is empty"),
                    "write the string in this language",
                );
            }
            let (has, wants) = (
                placeholders(value),
                text.placeholders().iter().copied().collect(),
            );
            if has != wants {
                problem(
                    &keys,
                    format!(
                        "`{name}` has {}, where the engine fills {}",
                        described(&has),
                        described(&wants)
                    ),
                    "write the placeholders the engine fills, as `{name}`, and no other",
                );
            }
            texts[text as usize] = Some(value.clone());
        }
    }
    for (text, value) in Text::ALL.iter().zip(&texts) {
        if value.is_none() {
            let (section, key) = text.key();
            problem(
                &["text", section],
                format!("`text.{section}.{key}` is missing"),
                "add it (i18n/en.yaml says what it is for)",
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Table {
        texts: texts.into_iter().map(Option::unwrap_or_default).collect(),
        date: raw.date,
        list: raw.list,
        possessive: raw.possessive,
        typography: raw.typography,
    })
}

/// "no placeholder", "`{form}`", "`{day}`, `{month}`".
fn described(names: &BTreeSet<&str>) -> String {
    if names.is_empty() {
        return "no placeholder".into();
    }
    names
        .iter()
        .map(|n| format!("`{{{n}}}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
