//! Templates: the shipped set (embedded in the binary) and on-disk overrides, compiled into a
//! strict Handlebars registry.
//!
//! A template is `templates/<document>/<lang>.md.hbs`; a partial is
//! `templates/partials/<name>.md.hbs` or `templates/partials/<name>/<lang>.md.hbs`, used as
//! `{{> partials/<name>/<lang>}}`. Which file provides a name is decided by [`layered_sources`],
//! and nowhere else: **the nearest layer wins** — the jurisdiction's own `templates/` folder,
//! then each ancestor's (nearest first), then the tree root's `templates/`, then the shipped set.

mod helpers;

use crate::authorities::Registry;
use crate::diagnostic::Diagnostic;
use crate::document::Lang;
use handlebars::Handlebars;
use sha2::Digest as _;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use helpers::{escape_markdown, fill_in};

#[derive(rust_embed::RustEmbed)]
#[folder = "templates/"]
#[include = "*.md.hbs"]
struct Shipped;

pub const EXTENSION: &str = ".md.hbs";
pub const PARTIALS: &str = "partials";

/// Where a template's text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Shipped,
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

#[derive(Debug, Clone)]
pub struct Source {
    pub origin: Origin,
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
        if !name.split('/').all(crate::config::tree::valid_segment) {
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

/// Whether document `doc` belongs in every kit.
pub fn in_kit(doc: &str) -> bool {
    !doc.starts_with(RESPOND_ONLY)
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

/// A compiled, strict template set.
pub struct TemplateSet {
    pub handlebars: Handlebars<'static>,
    /// SHA-256 over every template's name and text: what a build compares to skip work.
    pub fingerprint: String,
    pub sources: BTreeMap<String, Source>,
    pub documents: BTreeMap<String, BTreeSet<Lang>>,
}

impl TemplateSet {
    /// Compiles `sources`, reporting every template that does not parse and every document
    /// missing a language.
    pub fn compile(
        sources: BTreeMap<String, Source>,
        registry: Arc<Registry>,
    ) -> Result<TemplateSet, Vec<Diagnostic>> {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.set_prevent_indent(true);
        hb.register_escape_fn(escape_markdown);
        helpers::register(&mut hb, registry);
        let mut problems = Vec::new();
        for (name, source) in &sources {
            if let Some(d) = forbidden_in_template(&source.text) {
                problems.push(d.in_file(source.origin.display_path(name)));
                continue;
            }
            if let Err(e) = hb.register_template_string(name, &source.text) {
                let (line, col) = e.pos().unwrap_or((1, 1));
                // The parser's own text lists every token it could have expected: noise.
                let reason = match e.reason() {
                    handlebars::TemplateErrorReason::InvalidSyntax(_) => {
                        "invalid Handlebars syntax".to_string()
                    }
                    other => other.to_string(),
                };
                problems.push(
                    Diagnostic::error(format!("template does not parse: {reason}"))
                        .in_file(source.origin.display_path(name))
                        .at(line, Some(col))
                        .with_hint("check that every `{{#block}}` has its `{{/block}}` and every `{{` its `}}`"),
                );
            }
        }
        problems.extend(partial_problems(&hb, &sources));
        let documents = documents(&sources);
        for (doc, langs) in &documents {
            for lang in Lang::ALL {
                if !langs.contains(&lang) {
                    let have = langs
                        .iter()
                        .next()
                        .map(|l| format!("{doc}/{l}"))
                        .unwrap_or_default();
                    let origin = sources
                        .get(&have)
                        .map(|s| s.origin.display_path(&have))
                        .unwrap_or_default();
                    problems.push(
                        Diagnostic::error(format!("document `{doc}` has no `{lang}` template"))
                            .in_file(origin)
                            .with_hint(format!("every document is written in every language: add `{doc}/{lang}{EXTENSION}`")),
                    );
                }
            }
        }
        let mut hasher = sha2::Sha256::new();
        for (name, source) in &sources {
            sha2::Digest::update(&mut hasher, name.as_bytes());
            sha2::Digest::update(&mut hasher, [0]);
            sha2::Digest::update(&mut hasher, source.text.as_bytes());
            sha2::Digest::update(&mut hasher, [0]);
        }
        let fingerprint = crate::build::hex(&sha2::Digest::finalize(hasher));
        if problems.is_empty() {
            Ok(TemplateSet {
                fingerprint,
                handlebars: hb,
                sources,
                documents,
            })
        } else {
            Err(problems)
        }
    }

    /// Renders document `doc` in `lang` to Markdown.
    pub fn render(
        &self,
        doc: &str,
        lang: Lang,
        context: &serde_json::Value,
    ) -> Result<String, Diagnostic> {
        let name = format!("{doc}/{lang}");
        self.handlebars.render(&name, context).map_err(|e| {
            let template = e.template_name.clone().unwrap_or(name.clone());
            let file = self
                .sources
                .get(&template)
                .map(|s| s.origin.display_path(&template))
                .unwrap_or_default();
            let (message, hint) = describe(e.reason());
            let mut d = Diagnostic::error(message).in_file(file).with_hint(hint);
            if let Some(line) = e.line_no {
                d = d.at(line, e.column_no);
            }
            d
        })
    }
}

fn describe(reason: &handlebars::RenderErrorReason) -> (String, String) {
    use handlebars::RenderErrorReason as R;
    match reason {
        R::MissingVariable(Some(path)) => (
            format!("template uses `{path}`, which this jurisdiction does not define"),
            "fix the name in the template, or add the value to the jurisdiction's config".to_string(),
        ),
        R::MissingVariable(None) => (
            "template uses a value this jurisdiction does not define".to_string(),
            "check the names used on this line".to_string(),
        ),
        R::PartialNotFound(p) | R::TemplateNotFound(p) if !is_template_name(p) => (
            format!("template includes `{p}`, which is not a template name"),
            format!("partials are named like `{PARTIALS}/closing/en` (lowercase letters, digits, `-` and `/`), never a file path"),
        ),
        R::PartialNotFound(p) | R::TemplateNotFound(p) => (
            format!("template includes `{p}`, which does not exist"),
            format!("add templates/{p}{EXTENSION} or fix the name"),
        ),
        R::HelperNotFound(h) => (
            format!("unknown helper `{h}`"),
            "available helpers: prop, props, cite, cite_list, date, list, fill, eq, if, unless, each, with".to_string(),
        ),
        R::CannotIncludeSelf => (
            "template includes itself".to_string(),
            "remove the partial call that points back at this template".to_string(),
        ),
        other => (other.to_string(), "check the template on this line".to_string()),
    }
}

/// Whether `name` could name a template: `/`-separated lowercase segments, no `..`, not absolute.
fn is_template_name(name: &str) -> bool {
    name.split('/').all(crate::config::tree::valid_segment)
}

/// The first character a template may not hold (the rule of [`crate::unicode`]), with its line
/// and column. Line ends written `\r\n` are fine.
fn forbidden_in_template(text: &str) -> Option<Diagnostic> {
    text.split('\n').enumerate().find_map(|(i, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let refused = crate::unicode::first_refused(line)?;
        Some(
            Diagnostic::error(format!("template contains {refused}, {}", refused.risk()))
                .at(i + 1, Some(refused.column))
                .with_hint(refused.hint()),
        )
    })
}

/// One call in a chain of partial calls: the calling template and the call's line and column.
type Step<'a> = (&'a str, usize, usize);

/// A partial call in a compiled template: the name it includes (`None` when computed at render
/// time) and where.
struct PartialCall {
    name: Option<String>,
    line: usize,
    column: usize,
}

/// Every partial call and decorator of `template`, recursively through its blocks.
fn partial_calls(
    template: &handlebars::template::Template,
    calls: &mut Vec<PartialCall>,
    decorators: &mut Vec<(usize, usize)>,
) {
    use handlebars::template::TemplateElement as E;
    for (i, element) in template.elements.iter().enumerate() {
        let (line, column) = template.mapping.get(i).map_or((1, 1), |m| (m.0, m.1));
        match element {
            E::PartialExpression(d) | E::PartialBlock(d) => {
                calls.push(PartialCall {
                    name: d.name.as_name().map(str::to_string),
                    line,
                    column,
                });
                if let Some(t) = &d.template {
                    partial_calls(t, calls, decorators);
                }
            }
            E::DecoratorExpression(_) | E::DecoratorBlock(_) => decorators.push((line, column)),
            E::HelperBlock(h) => {
                for t in h.template.iter().chain(h.inverse.iter()) {
                    partial_calls(t, calls, decorators);
                }
            }
            _ => {}
        }
    }
}

/// Partials Handlebars would recurse through without end (it only notices a template that
/// includes itself directly, and overflows the stack on `a` → `b` → `a`), partial names
/// computed at render time (which could do the same), and decorators (inline partials).
fn partial_problems(hb: &Handlebars, sources: &BTreeMap<String, Source>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let file = |name: &str| {
        sources
            .get(name)
            .map(|s| s.origin.display_path(name))
            .unwrap_or_default()
    };
    let mut graph: BTreeMap<&str, Vec<(String, usize, usize)>> = BTreeMap::new();
    for name in sources.keys() {
        let Some(template) = hb.get_template(name) else {
            continue; // did not parse: reported
        };
        let (mut calls, mut decorators) = (Vec::new(), Vec::new());
        partial_calls(template, &mut calls, &mut decorators);
        for (line, column) in decorators {
            problems.push(
                Diagnostic::error("template uses a decorator (`{{*…}}` or `{{#*inline}}`), which responsekit does not support")
                    .in_file(file(name))
                    .at(line, Some(column))
                    .with_hint(format!("put the shared text in a partial file, `templates/{PARTIALS}/<name>{EXTENSION}`")),
            );
        }
        for call in calls {
            match call.name {
                Some(p) if p == "@partial-block" => {}
                Some(p) if sources.contains_key(&p) => {
                    graph
                        .entry(name)
                        .or_default()
                        .push((p, call.line, call.column))
                }
                Some(_) => {} // not found: reported when rendered, with the name
                None => problems.push(
                    Diagnostic::error("template includes a partial whose name is computed")
                        .in_file(file(name))
                        .at(call.line, Some(call.column))
                        .with_hint(format!(
                            "write the partial's name out, e.g. `{{{{> {PARTIALS}/closing/en}}}}`"
                        )),
                ),
            }
        }
    }
    // Each cycle is reported once, at the call made by its first template (by name).
    let mut reported: BTreeSet<Vec<String>> = BTreeSet::new();
    for &start in graph.keys() {
        let mut path: Vec<Step> = Vec::new();
        let mut visited = BTreeSet::new();
        find_cycles(
            &graph,
            start,
            start,
            &mut path,
            &mut visited,
            &mut |cycle| {
                let mut names: Vec<String> = cycle.iter().map(|c| c.0.to_string()).collect();
                let key = {
                    let mut k = names.clone();
                    k.sort();
                    k
                };
                if !reported.insert(key) {
                    return;
                }
                let (_, line, column) = cycle[0];
                let message = if names.len() == 1 {
                    "template includes itself".to_string()
                } else {
                    names.push(start.to_string());
                    format!("template includes itself, through {}", names.join(" → "))
                };
                problems.push(
                    Diagnostic::error(message)
                        .in_file(file(start))
                        .at(line, Some(column))
                        .with_hint("remove the partial call that points back at this template"),
                );
            },
        );
    }
    problems
}

/// Calls `found` with each path of calls from `start` back to it that goes through `at`
/// (visiting each template once).
fn find_cycles<'a>(
    graph: &'a BTreeMap<&'a str, Vec<(String, usize, usize)>>,
    start: &'a str,
    at: &'a str,
    path: &mut Vec<Step<'a>>,
    visited: &mut BTreeSet<&'a str>,
    found: &mut dyn FnMut(&[Step<'a>]),
) {
    if !visited.insert(at) {
        return;
    }
    for (next, line, column) in graph.get(at).into_iter().flatten() {
        path.push((at, *line, *column));
        if next == start {
            found(path);
        } else {
            find_cycles(graph, start, next, path, visited, found);
        }
        path.pop();
    }
}

/// A template set, or everything wrong with it.
pub type Compiled = Result<TemplateSet, Vec<Diagnostic>>;

/// Compiled template sets shared by every jurisdiction with the same override folders, so a
/// tree of thousands of counties compiles the shipped set once.
pub struct Cache {
    registry: Arc<Registry>,
    base: BTreeMap<String, Source>,
    sets: Mutex<HashMap<Vec<PathBuf>, Arc<Compiled>>>,
}

impl Cache {
    /// `base` is the shipped set, or a replacement set read with [`read_dir`].
    pub fn new(registry: Arc<Registry>, base: BTreeMap<String, Source>) -> Self {
        Cache {
            registry,
            base,
            sets: Mutex::new(HashMap::new()),
        }
    }

    pub fn get(&self, dirs: &[PathBuf]) -> Arc<Compiled> {
        if let Some(set) = self.sets.lock().ok().and_then(|m| m.get(dirs).cloned()) {
            return set;
        }
        let mut problems = Vec::new();
        let sources = layered_sources(&self.base, dirs, &mut problems);
        let set = if problems.is_empty() {
            TemplateSet::compile(sources, self.registry.clone())
        } else {
            Err(problems)
        };
        let set = Arc::new(set);
        if let Ok(mut map) = self.sets.lock() {
            map.insert(dirs.to_vec(), set.clone());
        }
        set
    }
}
