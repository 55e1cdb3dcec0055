//! The facts a volunteer can fill: the list of every fact the tree declares `unknown` (and,
//! when asked, every known fact not verified since a cutoff) as rows of a CSV sheet
//! ([`rows`], with its columns [`COLUMNS`]), and that sheet read back once filled ([`read_filled`]) into the new
//! text of each config file ([`edits`]), each sourced value written with
//! [`edit::write_sourced_fact`] — every other byte of the file kept.

use super::edit::{self, EditRefused, FactPath, Field, ValueProblem};
use super::values::{Fact, IsoDate, Text};
use super::{Jurisdiction, Kind};
use crate::diagnostic::Diagnostic;
use crate::document::Lang;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The sheet's columns, in order: its header row.
pub const COLUMNS: [&str; 10] = [
    "jurisdiction",
    "county",
    "file",
    "line",
    "field",
    "status",
    "label",
    "current_value",
    "value",
    "source",
];

/// Why a fact is on the sheet: [`Status::Unknown`] or [`Status::Stale`].
pub use super::status::Status;

/// One fact to fill, once per file and line that declares it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Row {
    /// The config file, relative to the tree, with `/` between folders.
    pub file: String,
    /// Its line (from 1) where the fact is written.
    pub line: usize,
    /// The fact's path, e.g. `agencies.sheriff.phone`.
    pub field: String,
    /// The jurisdiction whose own file that is.
    pub jurisdiction: String,
    /// The county's name (English), when the file is a county's or a city's in one.
    pub county: String,
    /// Unknown or stale.
    pub status: Status,
    /// What the fact is, for a reader: the record's name and the field.
    pub label: String,
    /// `unknown`, or the value now written (English) and when it was verified.
    pub current_value: String,
}

/// Every fact of `selected` to fill: each declared unknown, and with `stale_cutoff` each known
/// fact verified before it; once per declaring file and line, sorted by file and line. `all`
/// is every resolved jurisdiction (to name a city's county), `root` the tree.
pub fn rows(
    root: &Path,
    all: &[&Jurisdiction],
    selected: &[&Jurisdiction],
    stale_cutoff: Option<IsoDate>,
) -> Vec<Row> {
    let by_file: BTreeMap<&Path, &Jurisdiction> = all
        .iter()
        .filter_map(|j| Some((j.files.last()?.as_path(), *j)))
        .collect();
    let mut out: BTreeMap<(String, usize, String), Row> = BTreeMap::new();
    let mut add = |j: &Jurisdiction, file: &Path, line: usize, path: &str, status, current| {
        let Ok(relative) = file.strip_prefix(root) else {
            // The built-in federal layer: no file of the tree to write into.
            return;
        };
        let relative = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        // A jurisdiction's id is the folder of its file (a country may have no kit to resolve).
        let id = relative
            .rsplit_once('/')
            .map_or(String::new(), |(folder, _)| folder.to_string());
        out.entry((relative.clone(), line, path.to_string()))
            .or_insert_with(|| Row {
                file: relative,
                line,
                field: path.to_string(),
                jurisdiction: id,
                county: by_file
                    .get(file)
                    .map_or(String::new(), |owner| county_of(owner, all)),
                status,
                label: label(j, path),
                current_value: current,
            });
    };
    for j in selected {
        for u in &j.unknown {
            add(
                j,
                &u.file,
                u.line,
                &u.path,
                Status::Unknown,
                super::values::UNKNOWN.to_string(),
            );
        }
        let Some(cutoff) = stale_cutoff else {
            continue;
        };
        for (path, date) in super::status::stale(j, cutoff) {
            if let Some((file, line)) = declared_at(j, &path) {
                let current = format!("{} (verified {date})", english(fact(j, &path)));
                add(j, &file, line, &path, Status::Stale, current);
            }
        }
    }
    out.into_values().collect()
}

/// The file of `j`'s chain, nearest first, that writes the fact `path`, and the line of its key.
fn declared_at(j: &Jurisdiction, path: &str) -> Option<(PathBuf, usize)> {
    let keys: Vec<&str> = path.split(['.', '[']).collect();
    j.files.iter().rev().find_map(|file| {
        let text = std::fs::read_to_string(file).ok()?;
        let doc = crate::yaml::parse_doc(file, &text).ok()?;
        doc.defines(&keys)
            .then(|| (file.clone(), doc.locate(&keys)))
    })
}

/// The known fact at `path` of `j`, if any.
fn fact<'a>(j: &'a Jurisdiction, path: &str) -> Option<&'a Fact> {
    let (holder, field) = path.rsplit_once('.')?;
    j.records()
        .into_iter()
        .find(|(p, _)| p == holder)
        .and_then(|(_, r)| r.facts().find(|(f, _)| *f == field).map(|(_, f)| f))
}

/// A fact's value in English, for the sheet.
fn english(fact: Option<&Fact>) -> String {
    match fact {
        Some(Fact::Known { value, .. }) => value.get(Lang::En).unwrap_or_default().to_string(),
        _ => String::new(),
    }
}

/// The English name of the county `j` is (or the city `j` is in), empty for any other.
fn county_of(j: &Jurisdiction, all: &[&Jurisdiction]) -> String {
    let county = if j.kind == Kind::County {
        Some(j)
    } else if j.kind == Kind::City {
        j.ancestors
            .iter()
            .rev()
            .find_map(|a| all.iter().find(|o| &o.id == a && o.kind == Kind::County))
            .copied()
    } else {
        None
    };
    county
        .and_then(|c| c.name.get(Lang::En))
        .unwrap_or_default()
        .to_string()
}

/// What the fact at `path` is, for a reader: `Alameda County Sheriff's Office: phone`.
fn label(j: &Jurisdiction, path: &str) -> String {
    let Some((holder, field)) = path.rsplit_once('.') else {
        return path.to_string();
    };
    let named = j
        .records()
        .into_iter()
        .find(|(p, _)| p == holder)
        .and_then(|(_, r)| r.name.get(Lang::En).map(str::to_string))
        .filter(|n| n != super::values::UNKNOWN);
    let whose = named.unwrap_or_else(|| match FactPath::parse(path).map(|p| p.holder) {
        Some(edit::Holder::Agency(role)) => format!("the {} agency", role.key().replace('_', " ")),
        Some(edit::Holder::RapidResponse(i)) => format!("rapid response network {}", i + 1),
        Some(edit::Holder::LegalServices(i)) => format!("legal service provider {}", i + 1),
        Some(edit::Holder::RightsCard) => "the rights card".to_string(),
        Some(edit::Holder::Signatory) => "the signatory".to_string(),
        None => holder.to_string(),
    });
    let what = match field {
        "head" => "name of its head",
        "address" => "address",
        "phone" => "phone number",
        "email" => "email address",
        "website" => "website",
        "hours" => "opening hours",
        _ => "name",
    };
    format!("{whose}: {what}")
}

/// A row of a filled sheet that gives a value, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    /// The config file, relative to the tree.
    pub file: String,
    /// The line the fact is declared `unknown` at.
    pub line: usize,
    /// The fact's path.
    pub field: String,
    /// The value, as typed.
    pub value: Text,
    /// Where it was read.
    pub source: Text,
}

/// The rows of the sheet `text` (the file `sheet`) that give a value; every problem found, each
/// naming the sheet's line and how to fix it, when any row is wrong.
pub fn read_filled(sheet: &Path, text: &str) -> Result<Vec<Filled>, Vec<Diagnostic>> {
    let at = |line: usize, message: String, hint: &str| {
        Diagnostic::error(message)
            .in_file(sheet)
            .at(line, None)
            .with_hint(hint.to_string())
    };
    // Counted from the byte the reader says a row starts at, that byte included: after
    // `\r\n` line ends (as a spreadsheet writes them) the reader places a row at the `\n`
    // before it, and counts its lines one short.
    let line_of = |p: &csv::Position| {
        let end = usize::try_from(p.byte())
            .map_or(text.len(), |b| b.saturating_add(1))
            .min(text.len());
        text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header_ok = reader
        .headers()
        .is_ok_and(|h| h.iter().map(str::trim).eq(COLUMNS.iter().copied()));
    if !header_ok {
        return Err(vec![at(
            1,
            "the first row is not the header `responsekit facts --unknown --format csv` writes"
                .to_string(),
            &format!("keep the header row as exported: {}", COLUMNS.join(",")),
        )]);
    }
    let mut filled = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, line_of);
                problems.push(at(
                    line,
                    "this row cannot be read as CSV (a quote left open, or a different number of columns)".to_string(),
                    "save the sheet as CSV with the exported columns, one row per fact",
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, line_of);
        let column = |name: &str| {
            COLUMNS
                .iter()
                .position(|c| *c == name)
                .and_then(|i| record.get(i))
                .unwrap_or_default()
        };
        let (value, source, field) = (column("value"), column("source"), column("field"));
        if value.trim().is_empty() {
            continue;
        }
        let Some(path) = FactPath::parse(field) else {
            problems.push(at(
                line,
                format!("`{field}` in the `field` column is not a fact of a config"),
                "keep the `field` column as exported",
            ));
            continue;
        };
        if path.field == Field::Name {
            problems.push(at(line, format!("`{field}` is a name: a config gives a name no source of its own, so it is not written from the sheet"), "write the name into the config file by hand, or leave `value` empty"));
            continue;
        }
        if column("status") != Status::Unknown.word() {
            problems.push(at(line, format!("`{field}` is already known (status `{}`): `facts apply` only fills facts declared `unknown`", column("status")), "check the fact at its source and edit its `value`, `source` and `verified` in the config file by hand, or leave `value` empty"));
            continue;
        }
        if source.trim().is_empty() {
            problems.push(at(
                line,
                format!("`{field}` has a value but no source"),
                "write where the value was read (a web address, or the document and page) in the `source` column",
            ));
            continue;
        }
        let value = edit::check_value(path.field, value).map_err(|p| {
            at(
                line,
                format!("the value for `{field}` {}", problem(p)),
                "retype the value on one line, as the source gives it",
            )
        });
        let source = edit::check_source(source).map_err(|p| {
            at(
                line,
                format!("the source for `{field}` {}", problem(p)),
                "retype the source on one line",
            )
        });
        let file_line = column("line").parse::<usize>().map_err(|_| {
            at(
                line,
                format!("the `line` of `{field}` is not a number"),
                "keep the `line` column as exported",
            )
        });
        match (value, source, file_line) {
            (Ok(value), Ok(source), Ok(file_line)) => filled.push(Filled {
                file: column("file").to_string(),
                line: file_line,
                field: field.to_string(),
                value,
                source,
            }),
            (value, source, file_line) => {
                problems.extend(value.err());
                problems.extend(source.err());
                problems.extend(file_line.err());
            }
        }
    }
    if problems.is_empty() {
        Ok(filled)
    } else {
        Err(problems)
    }
}

/// What a [`ValueProblem`] is, after "the value for `x`".
fn problem(p: ValueProblem) -> &'static str {
    match p {
        ValueProblem::Blank => "is blank",
        ValueProblem::Newline => "has more than one line",
        ValueProblem::Characters => {
            "has a character a config cannot hold (a control, invisible or direction character)"
        }
        ValueProblem::Unknown => "is the word `unknown`",
        ValueProblem::NotWebAddress => "is not a web address (`https://…`)",
    }
}

/// Each config file `filled` changes, as `(file, text now, text with the values written)`, in
/// the order first named; `files` are the tree's config files (no other file is written),
/// `root` the tree, `verified` the date written with each value. Every problem, each naming
/// the sheet's line, when any value cannot be written: then nothing is.
pub fn edits(
    root: &Path,
    files: &[&Path],
    filled: &[Filled],
    verified: IsoDate,
) -> Result<Vec<(PathBuf, String, String)>, Vec<Diagnostic>> {
    let mut out: Vec<(PathBuf, String, String)> = Vec::new();
    let mut problems = Vec::new();
    for f in filled {
        let Some(file) = files
            .iter()
            .find(|p| p.strip_prefix(root).is_ok_and(|r| r == Path::new(&f.file)))
        else {
            problems.push(
                Diagnostic::error(format!("`{}` is not a config file of the tree", f.file))
                    .with_hint("keep the `file` column as exported, and apply the sheet to the tree it was exported from (`--jurisdictions`)"),
            );
            continue;
        };
        let at = match out.iter().position(|(p, _, _)| p == file) {
            Some(i) => i,
            None => match std::fs::read_to_string(file) {
                Ok(text) => {
                    out.push((file.to_path_buf(), text.clone(), text));
                    out.len() - 1
                }
                Err(_) => {
                    problems.push(
                        Diagnostic::error("the file cannot be read")
                            .in_file(file)
                            .with_hint("check that it exists and can be read"),
                    );
                    continue;
                }
            },
        };
        let entry = &mut out[at];
        match edit::write_sourced_fact(
            &entry.2,
            file,
            (&f.field, f.line),
            &f.value,
            &f.source,
            verified,
        ) {
            Ok(text) => entry.2 = text,
            Err(e) => problems.push(refused(file, f, &e)),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The problem of a value `write_sourced_fact` refused to write.
fn refused(file: &Path, f: &Filled, e: &EditRefused) -> Diagnostic {
    let d = match e {
        EditRefused::Unreadable => Diagnostic::error("the file no longer reads as YAML")
            .with_hint("run `responsekit check` and fix the file first"),
        EditRefused::NotUnknownThere | EditRefused::NoSuchFact | EditRefused::NameHasNoSource => {
            Diagnostic::error(format!(
                "`{}` is no longer `unknown` at line {} of this file",
                f.field, f.line
            ))
            .with_hint("the file was edited since the sheet was exported: export it again (`responsekit facts --unknown --format csv`) and copy the values over")
        }
    };
    d.in_file(file).at(f.line, None)
}
