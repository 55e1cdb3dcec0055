//! The one place YAML is read: size cap, UTF-8, one parse of each file into a [`Doc`] that
//! knows where every key and value is written (`doc`), typed values read from it the way
//! `yaml_serde` reads them (`de`), and every error turned into a [`Diagnostic`] a person can act
//! on (file, line, column, "did you mean").

mod de;
mod doc;
mod read;
#[cfg(test)]
pub(crate) mod testing;

use crate::diagnostic::{did_you_mean, Diagnostic};
pub use doc::{Doc, Mark, Node};
pub use read::{read_text, MAX_FILE_BYTES};
use serde::de::DeserializeOwned;
use std::path::Path;

/// The invisible byte-order mark some editors put at the start of a UTF-8 file.
const BOM: char = '\u{FEFF}';

/// Whether a message may repeat what the file says (a key or value it holds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Echo {
    Content,
    Never,
}

/// Parses `text` (read from `path`) once: syntax, duplicate keys, alias bombs and deep nesting
/// are reported here, before any typed reading could hide them behind a misplaced key.
pub fn parse_doc(path: &Path, text: &str) -> Result<Doc, Diagnostic> {
    parse_with::<serde_yaml::Value>(path, text, Echo::Content).map(|v| Doc::new(v, text))
}

/// [`parse_doc`] for a file holding personal data (a request): an unknown key or value, or a
/// key written twice, is told by its place and by what is allowed there, never by what it says.
/// Other parser messages can still quote a value: the caller redacts them.
pub fn parse_doc_private(path: &Path, text: &str) -> Result<Doc, Diagnostic> {
    parse_with::<serde_yaml::Value>(path, text, Echo::Never).map(|v| Doc::new(v, text))
}

/// How many problems of one file are reported at once: beyond that, the file is probably not
/// the kind of file it was read as (and each one costs another reading of the whole file).
const MAX_PROBLEMS: usize = 20;

/// How many times one file is read again, each without what the reading before refused: once
/// for each problem, and once more for each section that a required key taken out leaves
/// incomplete (the section is then taken out too).
const MAX_READS: usize = 3 * MAX_PROBLEMS;

impl Doc {
    /// Reads the typed value of the file `path` (whose `text` this was parsed from), with the
    /// messages and places `yaml_serde` gives reading the text itself. Every problem of the
    /// file is reported at once (up to 20), in file order: serde stops at the first, so the
    /// file is read again without the value (or the entry of the key) refused, until it reads.
    pub fn deserialize<T: serde::de::DeserializeOwned>(
        &self,
        path: &Path,
        text: &str,
    ) -> Result<T, Vec<Diagnostic>> {
        self.deserialize_with(path, text, Echo::Content)
    }

    /// [`Doc::deserialize`] for a file holding personal data (see [`parse_doc_private`]).
    pub fn deserialize_private<T: serde::de::DeserializeOwned>(
        &self,
        path: &Path,
        text: &str,
    ) -> Result<T, Vec<Diagnostic>> {
        self.deserialize_with(path, text, Echo::Never)
    }

    fn deserialize_with<T: serde::de::DeserializeOwned>(
        &self,
        path: &Path,
        text: &str,
        echo: Echo,
    ) -> Result<T, Vec<Diagnostic>> {
        let diagnose = |e: &de::Error| {
            let at = e.at.as_ref().map(|p| (p.mark.line, p.mark.column));
            located(diagnose_message(path, e.to_string(), at, echo), text)
        };
        let mut error = match de::from_node(&self.root) {
            Ok(value) => return Ok(value),
            Err(e) => e,
        };
        let mut problems = Vec::new();
        let mut root = None;
        let mut taken = Taken::default();
        for _ in 0..MAX_READS {
            if !taken.caused(&error) {
                problems.push(diagnose(&error));
            }
            // A problem of the file as a whole (its top level, or one no value holds) leaves
            // nothing else to read.
            let Some(place) = error.at.filter(|_| problems.len() < MAX_PROBLEMS) else {
                break;
            };
            let root = root.get_or_insert_with(|| self.root.clone());
            let Some(key) = root.drop_at(&place.route) else {
                break;
            };
            taken.add(place.route, key);
            match de::from_node::<T>(root) {
                Ok(_) => break,
                Err(next) => error = next,
            }
        }
        // Read in file order, but a map's own problem (a missing key) comes after its entries'.
        problems.sort_by_key(|d| (d.line.is_none(), d.line, d.column));
        if problems.len() == MAX_PROBLEMS {
            problems.push(
                Diagnostic::note(format!(
                    "stopped reading after {MAX_PROBLEMS} problems: there may be more"
                ))
                .in_file(path)
                .with_hint("fix these, then run again to see the rest"),
            );
        }
        Err(problems)
    }
}

/// The values a reading again was without: what it then refuses of the maps that held them
/// may be for their absence, not the file's own problem.
#[derive(Default)]
struct Taken(Vec<(de::Route, Option<String>)>);

impl Taken {
    /// Records the entry or item at `route` (an entry's `key`) as taken out.
    fn add(&mut self, route: de::Route, key: Option<String>) {
        self.0.push((route, key));
    }

    /// Whether `error` is for something taken out: a map missing a key taken out of it, or
    /// (any other problem of a map as a whole) refusing what is left of it without a value
    /// taken out. An unknown key taken out is a value no type reads, so its map is not the
    /// worse for it.
    fn caused(&self, error: &de::Error) -> bool {
        let Some(place) = &error.at else {
            return false;
        };
        let missing = error
            .message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'));
        self.0.iter().any(|(route, key)| {
            let Some((last, parent)) = route.split_last() else {
                return false;
            };
            parent == place.route.as_slice()
                && match missing {
                    Some(field) => key.as_deref() == Some(field),
                    None => !matches!(last, de::Step::Key(_)),
                }
        })
    }
}

/// Deserializes `text` (read from `path`) into `T` straight from the text: what [`Doc`]'s
/// reading is measured against.
#[cfg(test)]
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostic> {
    parse_with(path, text, Echo::Content)
}

/// [`parse`] for a file holding personal data.
#[cfg(test)]
pub fn parse_private<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostic> {
    parse_with(path, text, Echo::Never)
}

fn parse_with<T: DeserializeOwned>(path: &Path, text: &str, echo: Echo) -> Result<T, Diagnostic> {
    // How serde_yaml's message about a repeated key begins.
    const DUPLICATE: &str = "duplicate entry with key ";
    // YAML skips one mark; a second is read as text, in a message about something else.
    if text.strip_prefix(BOM).unwrap_or(text).starts_with(BOM) {
        return Err(Diagnostic::error(
            "file starts with two byte-order marks (the invisible character U+FEFF)",
        )
        .in_file(path)
        .at(1, Some(2))
        .with_hint("save the file again as UTF-8, or delete the invisible characters at the start of the first line"));
    }
    serde_yaml::from_str(text).map_err(|e| {
        let mut d = diagnose(path, &e, echo);
        // serde_yaml says no more than that a file holds several documents: say where.
        if d.line.is_none() && d.message.contains("more than one document") {
            d = match second_document(text) {
                Some(Split::Start(line)) => Diagnostic::error(
                    "a second YAML document starts here (`---`), but a file holds one",
                )
                .at(line, Some(1))
                .with_hint("delete this `---` line and fit what follows into the rest of the file, or move it into a file of its own"),
                Some(Split::End(line)) => Diagnostic::error(
                    "the YAML document ends here (`...`), but the file goes on",
                )
                .at(line, Some(1))
                .with_hint("delete this `...` line: what follows belongs in the same document, or in a file of its own"),
                None => d,
            }
            .in_file(path);
        }
        // serde_yaml gives no location when aliases expand too far: point at the first alias.
        if d.line.is_none() && d.message.contains("alias bomb") {
            if let Some(line) = first_alias_line(text) {
                d = d.at(line, None);
            }
        }
        // serde_yaml points a duplicate key at the start of its mapping; point at the copy.
        if let Some(i) = d.message.find(DUPLICATE) {
            let place = match d.message[..i].trim_end_matches([':', ' ']) {
                "" => "the top level of the file".to_string(),
                context => format!("`{context}`"),
            };
            let key = d.message[i + DUPLICATE.len()..]
                .trim_matches('"')
                .to_string();
            if let (Some(line), Some(column)) = (d.line, d.column) {
                if let Some(dup) = second_key_line(text, line, column - 1, &key) {
                    d = d.at(dup, Some(column));
                }
            }
            d.message = match echo {
                Echo::Content => format!("key `{key}` is written twice in {place}"),
                Echo::Never => "this key is written twice at the same level".to_string(),
            };
            d.hint = Some("delete one of them: only one value per key is allowed".into());
        }
        located(d, text)
    })
}

/// A refused character is reported where its value starts: points at the character itself
/// when it is written as it is (not as an escape such as `\u202E`).
fn located(d: Diagnostic, text: &str) -> Diagnostic {
    if let (Some(c), Some(line), Some(column)) = (code_point_in(&d.message), d.line, d.column) {
        if let Some((line, column)) = find_in_value(text, line, column, c) {
            return d.at(line, Some(column));
        }
    }
    d
}

/// Where a file's second YAML document begins.
enum Split {
    /// A `---` line after the first document's start.
    Start(usize),
    /// A `...` line ending the first document, with more after it.
    End(usize),
}

/// Finds where `text`'s second document begins (lines are 1-based).
fn second_document(text: &str) -> Option<Split> {
    let (mut started, mut ended) = (false, None);
    for (i, line) in text.lines().enumerate() {
        let marker = |m: &str| {
            line.strip_prefix(m)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
        };
        let trimmed = line.trim();
        if marker("---") {
            if started {
                return Some(Split::Start(i + 1));
            }
            started = true;
        } else if marker("...") {
            ended = ended.or(Some(i + 1));
        } else if trimmed.is_empty()
            || trimmed.starts_with('#')
            || (!started && line.starts_with('%'))
        {
            // Blank lines, comments and directives belong to no document.
        } else if let Some(end) = ended {
            return Some(Split::End(end));
        } else {
            started = true;
        }
    }
    None
}

/// Joins a message and its hint into the one string a serde error carries; `parse` parts
/// them again.
pub fn with_hint(message: &str, hint: &str) -> String {
    format!("{message}{HINT}{hint}")
}

/// What joins a message and its hint in a serde error (messages are one line).
const HINT: &str = "\nhint: ";

/// The character a message names as `(U+XXXX)`.
fn code_point_in(message: &str) -> Option<char> {
    let (_, rest) = message.split_once("(U+")?;
    let (hex, _) = rest.split_once(')')?;
    char::from_u32(u32::from_str_radix(hex, 16).ok()?)
}

/// Where `c` is first written in the value that starts at `line`:`column` (both from 1,
/// columns in characters): on that line from that column, or on the lines after it that are
/// blank or indented deeper (a value written on several lines).
fn find_in_value(text: &str, line: usize, column: usize, c: char) -> Option<(usize, usize)> {
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let mut lines = text.split('\n').enumerate().skip(line.checked_sub(1)?);
    let (_, first) = lines.next()?;
    if let Some(i) = first
        .chars()
        .skip(column.saturating_sub(1))
        .position(|x| x == c)
    {
        return Some((line, column + i));
    }
    lines
        .take_while(|(_, l)| l.trim().is_empty() || indent(l) > indent(first))
        .find_map(|(n, l)| Some((n + 1, l.chars().position(|x| x == c)? + 1)))
}

/// The line (1-based) of the first alias (`*name` after a space, `[`, `{`, `,` or `:`)
/// outside a comment.
fn first_alias_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.split(" #").next().unwrap_or(l);
            let b = l.as_bytes();
            (0..b.len()).any(|i| {
                b[i] == b'*'
                    && (i == 0 || b" \t[{,:-".contains(&b[i - 1]))
                    && b.get(i + 1)
                        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
            })
        })
        .map(|i| i + 1)
}

/// The line (1-based) of the second `key:` at `indent` from line `start` on.
fn second_key_line(text: &str, start: usize, indent: usize, key: &str) -> Option<usize> {
    let forms = [
        format!("{key}:"),
        format!("\"{key}\":"),
        format!("'{key}':"),
    ];
    text.lines()
        .enumerate()
        .skip(start.saturating_sub(1))
        .filter(|(_, l)| {
            let t = l.trim_start();
            l.len() - t.len() == indent && forms.iter().any(|f| t.starts_with(f.as_str()))
        })
        .nth(1)
        .map(|(i, _)| i + 1)
}

fn diagnose(path: &Path, err: &serde_yaml::Error, echo: Echo) -> Diagnostic {
    let at = err.location().map(|loc| (loc.line(), loc.column()));
    diagnose_message(path, err.to_string(), at, echo)
}

/// A reading error (`raw`, `yaml_serde`'s text of it, at `at`) as a diagnostic, rewording
/// serde's messages for people.
fn diagnose_message(
    path: &Path,
    raw: String,
    at: Option<(usize, usize)>,
    echo: Echo,
) -> Diagnostic {
    let message = match at {
        // The location is shown before the message: drop it from the text. A mark left after
        // that (libyaml's "while parsing a flow sequence at line 6 column 14") is where the
        // construct that is not closed started, which is worth keeping.
        Some((line, column)) => {
            let here = format!(" at line {line} column {column}");
            let message = raw.replace(&here, "");
            match message.find(" at line ") {
                Some(i) => format!("{} (which starts at{})", &message[..i], &message[i + 3..]),
                None => message,
            }
        }
        None => raw,
    };
    let (message, hint) = match message.split_once(HINT) {
        Some((message, hint)) => (message.to_string(), Some(hint.to_string())),
        None => (message, None),
    };
    let mut diag = reword(&message, echo).in_file(path);
    if diag.hint.is_none() {
        diag.hint = hint;
    }
    if let Some((line, column)) = at {
        diag = diag.at(line, Some(column));
    }
    diag
}

/// Why a proposition needs its quote and pinpoint, for the messages that refuse one.
pub const PROPOSITION_NEEDS: &str = "a statement of law needs the source's own operative words (`quote:`) and where they are (`pinpoint:` — a subsection, a page); what cannot be found and confirmed is not stated";

fn reword(message: &str, echo: Echo) -> Diagnostic {
    // serde: "PATH: unknown field `x`, expected one of `a`, `b`" (also "unknown variant", and
    // "…, expected `a`" or "…, there are no fields"). What was typed can hold anything, a
    // backquote too: the allowed names are read after the last ", expected".
    for (what, noun) in [("unknown field", "key"), ("unknown variant", "value")] {
        let Some(i) = message.find(what) else {
            continue;
        };
        let context = message[..i].trim_end_matches([':', ' ']);
        let rest = &message[i + what.len()..];
        let end = rest
            .rfind(", expected ")
            .or_else(|| rest.rfind(", there are no "))
            .unwrap_or(rest.len());
        let Some(typed) = rest[..end]
            .trim()
            .strip_prefix('`')
            .and_then(|t| t.strip_suffix('`'))
        else {
            continue;
        };
        let allowed: Vec<&str> = rest[end..].split('`').skip(1).step_by(2).collect();
        let place = match (context, echo) {
            ("", Echo::Content) => String::new(),
            ("", Echo::Never) => " at the top level of the file".to_string(),
            (context, _) => format!(" in `{context}`"),
        };
        let mut d = match echo {
            Echo::Content => Diagnostic::error(format!("unknown {noun} `{typed}`{place}")),
            Echo::Never => Diagnostic::error(format!("unknown {noun}{place}")),
        };
        let list = allowed
            .iter()
            .map(|a| format!("`{a}`"))
            .collect::<Vec<_>>()
            .join(", ");
        // A suggestion names an allowed name, never what was typed.
        d = match did_you_mean(typed, allowed.iter().copied()) {
            Some(s) => d.with_hint(format!("did you mean `{s}`? allowed here: {list}")),
            None if allowed.is_empty() => d,
            None => d.with_hint(format!("allowed here: {list}")),
        };
        return d;
    }
    // A proposition without the source's words or where they are is refused: say why.
    for field in ["quote", "pinpoint"] {
        let missing = message.contains(&format!("missing field `{field}`"));
        let empty = message.contains(&format!(".{field}: empty text"));
        if missing || empty {
            let context = message.split(": ").next().unwrap_or_default();
            let what = if missing { "has no" } else { "has an empty" };
            return Diagnostic::error(format!(
                "proposition `{}` {what} `{field}`",
                context.split('.').next().unwrap_or(context)
            ))
            .with_hint(PROPOSITION_NEEDS);
        }
    }
    if message.contains("recursion limit exceeded") {
        return Diagnostic::error(
            "lists or maps nested too deeply inside each other (the limit is a hundred-odd levels)",
        )
        .with_hint("a file like this needs a few levels at most: check for unclosed `[` or `{`, or a value pasted many times inside itself");
    }
    if message.contains("repetition limit exceeded") {
        return Diagnostic::error(
            "YAML aliases (`*name`) expand to too much data (an alias bomb)",
        )
        .with_hint("write the values out instead of repeating anchors (`&name`) with aliases (`*name`)");
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
mod tests;
