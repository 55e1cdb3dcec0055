//! Loading: walks the jurisdiction tree and reads every `jurisdiction.yaml`,
//! `authorities.yaml` and `propositions.yaml` in it, and each file of the built-in federal
//! layer the tree does not override ([`super::builtin`]). A folder's path below the root is
//! its jurisdiction id. Nothing is inherited or checked across files here; that is `resolve`'s
//! job.

use super::builtin;
use super::raw::{Kind, RawJurisdiction};
use crate::authorities::{AuthorityFile, PropositionFile, Registry};
use crate::diagnostic::Diagnostic;
use crate::values::Localized;
use crate::yaml::{self, Doc};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

pub use crate::values::{check_id, valid_segment, TEMPLATES_DIR};

/// The file name of a jurisdiction's config, in its folder.
pub const CONFIG_FILE: &str = "jurisdiction.yaml";
/// The file name of a registry file of authorities.
pub const AUTHORITIES_FILE: &str = "authorities.yaml";
/// The file name of a registry file of propositions.
pub const PROPOSITIONS_FILE: &str = "propositions.yaml";

/// The tree as read from disk.
#[derive(Debug, Default)]
pub struct Tree {
    /// The folder the tree was read from.
    pub root: PathBuf,
    /// Every folder with a config, by jurisdiction id.
    pub nodes: BTreeMap<String, Node>,
    /// The legal registry, from every authorities and propositions file.
    pub registry: Registry,
    /// Problems found while reading (unreadable or malformed files, stray files, links).
    pub diagnostics: Vec<Diagnostic>,
}

/// One folder with a `jurisdiction.yaml`.
#[derive(Debug)]
pub struct Node {
    /// Its jurisdiction id: the folder's path below the root, e.g. `us/ca/alameda`.
    pub id: String,
    /// The folder.
    pub dir: PathBuf,
    /// Its `jurisdiction.yaml`.
    pub file: PathBuf,
    /// That file's text, as read.
    pub text: String,
    /// `None` when the file does not parse (the problem is in [`Tree::diagnostics`]).
    pub config: Option<Config>,
}

/// A `jurisdiction.yaml` that parsed: what resolving it and its descendants needs of it.
#[derive(Debug)]
pub struct Config {
    /// Its `kind:`, if written.
    pub kind: Option<Kind>,
    /// Its `name:`, if written.
    pub name: Option<Localized>,
    /// The file as read ([`crate::config::resolve_all`] takes it once nothing needs it any
    /// more: on a tree of thousands of counties it would be much of the memory a build holds).
    pub parsed: Option<Parsed>,
}

/// A config as read, once: the typed values, and where each is written (for the messages about
/// this file, and about a child's value that cannot be merged with one written here).
#[derive(Debug)]
pub struct Parsed {
    /// The typed values, as written (nothing inherited).
    pub raw: RawJurisdiction,
    /// Where each value is written.
    pub doc: Doc,
}

impl From<(RawJurisdiction, Doc)> for Config {
    /// What [`parse_config`] returns, kept for resolving.
    fn from((raw, doc): (RawJurisdiction, Doc)) -> Config {
        Config {
            kind: raw.kind,
            name: raw.name.clone(),
            parsed: Some(Parsed { raw, doc }),
        }
    }
}

/// What the walk of the tree found, in walk order.
enum Found {
    Problem(Diagnostic),
    Config(PathBuf),
    Authorities(PathBuf),
    Propositions(PathBuf),
}

/// Reads the tree under `root`. Never stops at the first problem.
pub fn load_tree(root: &Path) -> Tree {
    let mut tree = Tree {
        root: root.to_path_buf(),
        ..Tree::default()
    };
    if let (Ok(_), Err(e)) = (std::fs::symlink_metadata(root), std::fs::metadata(root)) {
        // A link that leads nowhere, or to itself.
        tree.diagnostics.push(
            Diagnostic::error(format!("cannot read the jurisdiction folder ({e})"))
                .in_file(root)
                .with_hint("it is a symbolic link that leads nowhere or back to itself: pass the real folder"),
        );
        return tree;
    }
    if !root.is_dir() {
        tree.diagnostics.push(
            Diagnostic::error(format!(
                "jurisdiction folder `{}` not found",
                root.display()
            ))
            .with_hint("run responsekit from the repository root, or pass --jurisdictions DIR"),
        );
        return tree;
    }
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(name.starts_with('.') || (e.file_type().is_dir() && name == TEMPLATES_DIR))
        });
    // The walk decides what each file is, in order; `read_found` reads them.
    let mut found = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
                found.push(Found::Problem(
                    Diagnostic::error(format!("cannot read ({e})")).in_file(path),
                ));
                continue;
            }
        };
        let path = entry.path();
        let name = entry.file_name().to_string_lossy();
        // The root is the folder the person named: followed even when it is a link.
        if entry.depth() > 0 && entry.path_is_symlink() {
            found.push(Found::Problem(
                Diagnostic::error("symbolic link is not followed")
                    .in_file(path)
                    .with_hint("the jurisdiction tree must hold plain folders and files; copy the file instead"),
            ));
        } else if entry.file_type().is_dir() {
            if entry.depth() > 0 && !valid_segment(&name) {
                found.push(Found::Problem(
                    Diagnostic::error(format!(
                        "folder name `{name}` cannot be part of a jurisdiction id"
                    ))
                    .in_file(path)
                    .with_hint("use lowercase letters, digits and `-`, e.g. `los-angeles`"),
                ));
            }
        } else if !entry.file_type().is_file() {
            // A FIFO would block the build forever when opened; a device would never end.
            found.push(Found::Problem(
                Diagnostic::error("not a regular file or folder (a pipe, socket or device)")
                    .in_file(path)
                    .with_hint(
                        "remove it: the jurisdiction tree must hold plain folders and files",
                    ),
            ));
        } else if name == CONFIG_FILE {
            found.push(Found::Config(path.to_path_buf()));
        } else if name == AUTHORITIES_FILE {
            found.push(Found::Authorities(path.to_path_buf()));
        } else if name == PROPOSITIONS_FILE {
            found.push(Found::Propositions(path.to_path_buf()));
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            let hint = match crate::diagnostic::did_you_mean(
                &name,
                [CONFIG_FILE, AUTHORITIES_FILE, PROPOSITIONS_FILE],
            ) {
                Some(s) => format!("did you mean `{s}`?"),
                None => {
                    format!("configs are named `{CONFIG_FILE}`, registries `{AUTHORITIES_FILE}` and `{PROPOSITIONS_FILE}`")
                }
            };
            found.push(Found::Problem(
                Diagnostic::error("YAML file that responsekit does not read")
                    .in_file(path)
                    .with_hint(hint),
            ));
        }
    }
    // A tree of no config of its own is not made one by the built-in country layer.
    let none_found = !found.iter().any(|f| matches!(f, Found::Config(_)));
    read_found(root, found, &mut tree);
    if none_found && tree.diagnostics.is_empty() {
        tree.diagnostics.push(
            Diagnostic::error(format!(
                "no `{CONFIG_FILE}` found under `{}`",
                root.display()
            ))
            .with_hint(
                "create one with `responsekit new us/ca` or point --jurisdictions at your tree",
            ),
        );
    }
    tree
}

/// Reads the given files of the tree under `root` — configs and registry files, in the order
/// the walk of [`load_tree`] meets them — as it reads them, without walking the tree: what a
/// rebuild that knows which files it needs reads (`build`'s fast rebuild).
pub fn load_files(root: &Path, files: &[PathBuf]) -> Tree {
    let mut tree = Tree {
        root: root.to_path_buf(),
        ..Tree::default()
    };
    let found = files.iter().cloned().map(classify).collect();
    read_found(root, found, &mut tree);
    tree
}

/// What a config or registry file is, by its name.
fn classify(path: PathBuf) -> Found {
    let name = path.file_name().unwrap_or_default();
    if name == AUTHORITIES_FILE {
        Found::Authorities(path)
    } else if name == PROPOSITIONS_FILE {
        Found::Propositions(path)
    } else {
        Found::Config(path)
    }
}

/// The text of an input file: a built-in one's, or the file's as read from disk.
fn read_text(path: &Path) -> Result<String, Diagnostic> {
    builtin::text(path).map_or_else(|| yaml::read_text(path), |text| Ok(text.to_string()))
}

/// Reads what the walk found into `tree`, after the built-in files the tree does not
/// override: the configs (most of the work on a large tree) read and parsed in parallel, then
/// everything applied in that order, so the messages come out in the same order however the
/// parsing was scheduled; then the registry's own checks.
fn read_found(root: &Path, found: Vec<Found>, tree: &mut Tree) {
    let found: Vec<Found> = builtin::used_by(root)
        .into_iter()
        .map(classify)
        .chain(found)
        .collect();
    let configs: Vec<(Option<Node>, Vec<Diagnostic>)> = found
        .par_iter()
        .map(|f| match f {
            Found::Config(path) => {
                let mut problems = Vec::new();
                (read_node(root, path, &mut problems), problems)
            }
            _ => (None, Vec::new()),
        })
        .collect();
    for (f, (node, problems)) in found.into_iter().zip(configs) {
        tree.diagnostics.extend(problems);
        match f {
            Found::Problem(d) => tree.diagnostics.push(d),
            Found::Config(_) => {
                if let Some(node) = node {
                    tree.nodes.insert(node.id.clone(), node);
                }
            }
            Found::Authorities(path) => {
                let problems = read_registry_file(
                    &path,
                    &mut tree.registry,
                    |r, text, _, f: AuthorityFile| Registry::add_file(r, &path, text, f),
                );
                tree.diagnostics.extend(problems);
            }
            Found::Propositions(path) => {
                let problems = read_registry_file(
                    &path,
                    &mut tree.registry,
                    |r, text, doc, f: PropositionFile| {
                        Registry::add_propositions(r, &path, text, doc, f)
                    },
                );
                tree.diagnostics.extend(problems);
            }
        }
    }
    let problems = tree.registry.check_propositions();
    tree.diagnostics.extend(problems);
}

/// Reads and parses one registry file into `registry` with `add`; what went wrong, if anything.
fn read_registry_file<F: serde::de::DeserializeOwned>(
    path: &Path,
    registry: &mut Registry,
    add: impl FnOnce(&mut Registry, &str, &Doc, F) -> Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let parsed = read_text(path).map_err(|d| vec![d]).and_then(|text| {
        let doc = yaml::parse_doc(path, &text).map_err(|d| vec![d])?;
        let file = doc.deserialize::<F>(path, &text)?;
        Ok((text, doc, file))
    });
    match parsed {
        Ok((text, doc, file)) => add(registry, &text, &doc, file),
        Err(problems) => {
            registry.add_broken(path);
            problems
        }
    }
}

fn read_node(root: &Path, file: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Node> {
    // The built-in country is the tree's `us/` (its templates folder is looked for there).
    let dir = match builtin::text(file) {
        Some(_) => root.join(builtin::COUNTRY),
        None => file.parent()?.to_path_buf(),
    };
    let rel = dir.strip_prefix(root).ok()?;
    let segments: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if segments.is_empty() {
        diagnostics.push(
            Diagnostic::error("a jurisdiction.yaml at the root of the tree has no id")
                .in_file(file)
                .with_hint("move it into a folder named after the jurisdiction, e.g. `us/`"),
        );
        return None;
    }
    if !segments.iter().all(|s| valid_segment(s)) {
        return None; // already reported for the folder
    }
    let id = segments.join("/");
    let text = match read_text(file) {
        Ok(t) => t,
        Err(d) => {
            diagnostics.push(d);
            return Some(Node {
                id,
                dir,
                file: file.to_path_buf(),
                text: String::new(),
                config: None,
            });
        }
    };
    let config = parse_config(file, &text)
        .map(Config::from)
        .map_err(|problems| diagnostics.extend(problems))
        .ok();
    Some(Node {
        id,
        dir,
        file: file.to_path_buf(),
        text,
        config,
    })
}

/// Parses the text of a `jurisdiction.yaml` (read from `file`, named in messages) once, and
/// reads the typed config from what was parsed (types, unknown keys, with their places).
/// Pure: reads nothing, so it is also what the `config` fuzz target calls.
pub fn parse_config(file: &Path, text: &str) -> Result<(RawJurisdiction, Doc), Vec<Diagnostic>> {
    let doc = yaml::parse_doc(file, text).map_err(|d| vec![d])?;
    // A file of comments only (as `new` may leave) is an empty config, not an error.
    let raw = if doc.is_empty() {
        RawJurisdiction::default()
    } else {
        doc.deserialize(file, text)?
    };
    Ok((raw, doc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::testing::{reads_as_text, variants_read_as_text};

    /// The files named `name` under `tests/<dir>`.
    fn files(dir: &str, name: &str) -> Vec<PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests")
            .join(dir);
        let mut out: Vec<PathBuf> = WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_name() == name && e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .collect();
        out.sort();
        assert!(!out.is_empty(), "no `{name}` under tests/{dir}");
        out
    }

    /// Runs `check` on each file named `name` under `tests/<dir>`.
    fn compare(dir: &str, name: &str, check: fn(&Path, &str, bool)) {
        for path in files(dir, name) {
            // Some bad inputs are not UTF-8 or are made by the suite: not these.
            if let Ok(text) = std::fs::read_to_string(&path) {
                check(&path, &text, false);
            }
        }
    }

    /// Configs and registry files read through their parsed `Doc` exactly as `yaml_serde` reads
    /// their text: the same values, and the same messages at the same places — for the
    /// fixture's files and every mistaken variant of them, and for each bad input.
    #[test]
    fn every_file_reads_through_its_doc_as_from_its_text() {
        compare(
            "fixtures/basic",
            CONFIG_FILE,
            variants_read_as_text::<RawJurisdiction>,
        );
        compare(
            "fixtures/basic",
            AUTHORITIES_FILE,
            variants_read_as_text::<AuthorityFile>,
        );
        compare(
            "fixtures/basic",
            PROPOSITIONS_FILE,
            variants_read_as_text::<PropositionFile>,
        );
        compare("bad_input", CONFIG_FILE, reads_as_text::<RawJurisdiction>);
        compare(
            "bad_input",
            AUTHORITIES_FILE,
            reads_as_text::<AuthorityFile>,
        );
        compare(
            "bad_input",
            PROPOSITIONS_FILE,
            reads_as_text::<PropositionFile>,
        );
    }
}
