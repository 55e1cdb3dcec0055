//! Where template text comes from: the shipped set embedded in the binary ([`shipped`]), the
//! on-disk override folders ([`read_dir`]), and the one precedence rule ([`layered_sources`]:
//! the nearest layer wins). Also what a name means: documents, languages and partials.

use crate::diagnostic::Diagnostic;
use crate::document::Lang;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(rust_embed::RustEmbed)]
#[folder = "templates/"]
#[include = "*.md.hbs"]
pub(super) struct Shipped;

/// The ending of every template file's name.
pub const EXTENSION: &str = ".md.hbs";
/// The folder of the partials, and the first part of their names.
pub const PARTIALS: &str = "partials";

/// Where a template's text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary.
    Shipped,
    /// An override read from this file.
    Disk(PathBuf),
}

impl Origin {
    /// The path to show a person: the file on disk, or where the shipped one lives in the repo.
    pub fn display_path(&self, name: &str) -> PathBuf {
        match self {
            Origin::Shipped => Path::new("templates").join(format!("{name}{EXTENSION}")),
            Origin::Disk(p) => p.clone(),
        }
    }
}

/// One template's text and where it came from.
#[derive(Debug, Clone)]
pub struct Source {
    /// Where it came from (messages name it).
    pub origin: Origin,
    /// Its Handlebars source.
    pub text: String,
}

/// The shipped templates, by name (`letter-detainer/en`, `partials/closing/es`).
pub fn shipped() -> BTreeMap<String, Source> {
    Shipped::iter()
        .filter_map(|file| {
            let name = file.strip_suffix(EXTENSION)?.replace('\\', "/");
            let data = Shipped::get(&file)?;
            let text = String::from_utf8(data.data.into_owned()).ok()?;
            Some((
                name,
                Source {
                    origin: Origin::Shipped,
                    text,
                },
            ))
        })
        .collect()
}

/// Reads the templates under one folder, by name.
pub fn read_dir(dir: &Path, problems: &mut Vec<Diagnostic>) -> BTreeMap<String, Source> {
    let mut out = BTreeMap::new();
    if !dir.is_dir() {
        problems.push(
            Diagnostic::error(format!("templates folder `{}` not found", dir.display()))
                .with_hint("pass --templates a folder of `<document>/<lang>.md.hbs` files"),
        );
        return out;
    }
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(Diagnostic::error(format!("cannot read ({e})")).in_file(dir));
                continue;
            }
        };
        let path = entry.path();
        if entry.path_is_symlink() {
            problems.push(
                Diagnostic::error("symbolic link is not followed")
                    .in_file(path)
                    .with_hint("copy the template into the folder instead"),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let Some(name) = rel.strip_suffix(EXTENSION) else {
            problems.push(
                Diagnostic::error("file in a templates folder is not a template")
                    .in_file(path)
                    .with_hint(format!(
                        "templates are named `<document>/<lang>{EXTENSION}`"
                    )),
            );
            continue;
        };
        if !name.split('/').all(crate::values::valid_segment) {
            problems.push(
                Diagnostic::error(format!("template name `{name}` is not valid"))
                    .in_file(path)
                    .with_hint("use lowercase letters, digits and `-` in folder and file names"),
            );
            continue;
        }
        match crate::yaml::read_text(path) {
            Ok(text) => {
                out.insert(
                    name.to_string(),
                    Source {
                        origin: Origin::Disk(path.to_path_buf()),
                        text,
                    },
                );
            }
            Err(d) => problems.push(d),
        }
    }
    out
}

/// The template set for a jurisdiction whose override folders are `dirs`, nearest first, over
/// the `base` set: for every name, the nearest layer that has it.
pub fn layered_sources(
    base: &BTreeMap<String, Source>,
    dirs: &[PathBuf],
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Source> {
    let mut sources = base.clone();
    for dir in dirs.iter().rev() {
        sources.extend(read_dir(dir, problems));
    }
    sources
}

/// Documents written only by `respond` (e.g. `respond/memo`), never part of a kit.
pub const RESPOND_ONLY: &str = "respond/";

/// Documents written only by `report` (`report-<name>`: the annual reports), never part of a
/// kit.
pub const REPORT_ONLY: &str = "report-";

/// Whether document `doc` belongs in every kit.
pub fn in_kit(doc: &str) -> bool {
    !doc.starts_with(RESPOND_ONLY) && !doc.starts_with(REPORT_ONLY)
}

/// The documents in a template set and the languages each is written in.
pub fn documents(sources: &BTreeMap<String, Source>) -> BTreeMap<String, BTreeSet<Lang>> {
    let mut docs: BTreeMap<String, BTreeSet<Lang>> = BTreeMap::new();
    for name in sources.keys() {
        if let Some((doc, lang)) = name.rsplit_once('/') {
            if !name.starts_with(PARTIALS) {
                if let Some(lang) = Lang::from_code(lang) {
                    docs.entry(doc.to_string()).or_default().insert(lang);
                }
            }
        }
    }
    docs
}

/// Whether `name` could name a template: `/`-separated lowercase segments, no `..`, not absolute.
pub(super) fn is_template_name(name: &str) -> bool {
    name.split('/').all(crate::values::valid_segment)
}
