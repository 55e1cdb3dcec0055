//! Templates: the shipped set (embedded in the binary) and on-disk overrides, compiled into a
//! strict Handlebars registry.
//!
//! A template is `templates/<document>/<lang>.md.hbs`; a partial is
//! `templates/partials/<name>.md.hbs` or `templates/partials/<name>/<lang>.md.hbs`, used as
//! `{{> partials/<name>/<lang>}}`. Which file provides a name is decided by [`layered_sources`],
//! and nowhere else: **the nearest layer wins** — the jurisdiction's own `templates/` folder,
//! then each ancestor's (nearest first), then the tree root's `templates/`, then the shipped set.
//!
//! A template set is checked whole before anything renders: how deeply templates nest (with the
//! partials they include) and how many inclusions a document makes, the helpers each call uses,
//! and the Markdown each template writes ([`MAX_NESTING`], [`MAX_INCLUSIONS`]). Rendering stops
//! at [`MAX_DOCUMENT_BYTES`]. Overrides come from the people who use the tool: none of this may
//! abort the program, hang it, or lose a word of a document.

mod helpers;
mod scan;

use crate::authorities::Registry;
use crate::diagnostic::Diagnostic;
use crate::document::Lang;
use handlebars::Handlebars;
use sha2::Digest as _;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use helpers::{escape_markdown, fill_in};
pub use scan::MAX_NESTING;

/// The most Markdown one rendered document may hold. The largest shipped document renders to
/// 120 KB (a Spanish counsel memo); a document past this repeats itself without end, and rendering stops there.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// How many partial inclusions one document may make, counting each `{{> …}}` every time it is
/// reached (a partial that includes another twice, included twice, makes six). The shipped
/// documents make at most 7. Partials that each include the next twice, twenty deep, would make
/// two million, and rendering those takes minutes even when they write nothing: refused before
/// rendering.
pub const MAX_INCLUSIONS: usize = 10_000;

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
        let mut nesting = BTreeMap::new();
        for (name, source) in &sources {
            if let Some(d) = forbidden_in_template(&source.text) {
                problems.push(d.in_file(source.origin.display_path(name)));
                continue;
            }
            // Before the parser, which recurses once per level.
            let n = scan::nesting(&source.text);
            if let Some((line, column)) = n.too_deep {
                problems.push(
                    Diagnostic::error(format!(
                        "blocks and sub-expressions nest more than {MAX_NESTING} levels deep here"
                    ))
                    .in_file(source.origin.display_path(name))
                    .at(line, Some(column))
                    .with_hint("no document needs a tenth of that: check for `{{#…}}` blocks never closed with `{{/…}}`, or text pasted inside itself"),
                );
                continue;
            }
            nesting.insert(name.as_str(), n.depth);
            if let Some(d) = markup_problem(&source.text) {
                problems.push(d.in_file(source.origin.display_path(name)));
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
        problems.extend(structure_problems(&hb, &sources, &nesting));
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
        let mut out = Capped::default();
        let result = self.handlebars.render_to_write(&name, context, &mut out);
        result.map_err(|e| {
            let template = e.template_name.clone().unwrap_or(name.clone());
            let file = self
                .sources
                .get(&template)
                .map(|s| s.origin.display_path(&template))
                .unwrap_or_default();
            let (message, hint) = if out.over {
                (
                    format!("document `{name}` grows past {} MiB of Markdown here; rendering stopped", MAX_DOCUMENT_BYTES >> 20),
                    "no document comes near this: look for a partial or a `{{#each}}` that repeats large text many times over".to_string(),
                )
            } else {
                describe(e.reason(), context)
            };
            let mut d = Diagnostic::error(message).in_file(file).with_hint(hint);
            if let Some(line) = e.line_no {
                d = d.at(line, e.column_no);
            }
            d
        })?;
        Ok(out.text)
    }
}

/// Rendered Markdown, refusing to grow past [`MAX_DOCUMENT_BYTES`]: the write that would cross
/// it fails, which ends the render there (time and memory stay small).
#[derive(Default)]
struct Capped {
    text: String,
    over: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.text.len() + buf.len() > MAX_DOCUMENT_BYTES {
            self.over = true;
            return Err(std::io::Error::other("document over the size limit"));
        }
        // Handlebars writes whole `str` segments (`write_all(seg.as_bytes())`).
        self.text
            .push_str(std::str::from_utf8(buf).map_err(std::io::Error::other)?);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a context value is, in words, when it is not a list (`None` for lists, maps and
/// paths that do not name a value from the top of the context).
fn not_a_list(context: &serde_json::Value, path: &str) -> Option<&'static str> {
    let plain = path
        .split('.')
        .all(|seg| !seg.is_empty() && seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    if !plain {
        return None;
    }
    match context.pointer(&format!("/{}", path.replace('.', "/")))? {
        serde_json::Value::String(_) => Some("text"),
        serde_json::Value::Number(_) => Some("a number"),
        serde_json::Value::Bool(_) => Some("true or false"),
        serde_json::Value::Null => Some("empty (null)"),
        serde_json::Value::Array(_) | serde_json::Value::Object(_) => None,
    }
}

fn describe(
    reason: &handlebars::RenderErrorReason,
    context: &serde_json::Value,
) -> (String, String) {
    use handlebars::RenderErrorReason as R;
    match reason {
        // Handlebars' `each` reports a value it cannot go through as missing.
        R::MissingVariable(Some(path)) => match not_a_list(context, path) {
            Some(what) => (
                format!("`{{{{#each {path}}}}}` goes through a list, but `{path}` is {what}"),
                format!("write the value with `{{{{{path}}}}}`, or go through a list (such as `rapid_response`) with `{{{{#each}}}}`"),
            ),
            None => (
                format!("template uses `{path}`, which this jurisdiction does not define"),
                "fix the name in the template, or add the value to the jurisdiction's config".to_string(),
            ),
        },
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
            format!(
                "available helpers: {}",
                helpers::SIGNATURES.iter().map(|s| s.0).collect::<Vec<_>>().join(", ")
            ),
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
/// time), where, and inside how many blocks.
struct PartialCall {
    name: Option<String>,
    line: usize,
    column: usize,
    depth: usize,
}

/// What one compiled template holds that the set is checked for: its partial calls, and the
/// constructs refused wherever they are (located, without a file yet).
#[derive(Default)]
struct Walk {
    calls: Vec<PartialCall>,
    problems: Vec<Diagnostic>,
}

impl Walk {
    /// Walks `template`'s elements, `depth` blocks deep.
    fn template(&mut self, template: &handlebars::template::Template, depth: usize) {
        for (i, element) in template.elements.iter().enumerate() {
            let (line, column) = template.mapping.get(i).map_or((1, 1), |m| (m.0, m.1));
            self.element(element, line, column, depth);
        }
    }

    fn element(
        &mut self,
        element: &handlebars::template::TemplateElement,
        line: usize,
        column: usize,
        depth: usize,
    ) {
        use handlebars::template::TemplateElement as E;
        let mut refuse = |d: Diagnostic| self.problems.push(d.at(line, Some(column)));
        match element {
            E::PartialExpression(d) => self.calls.push(PartialCall {
                name: d.name.as_name().map(str::to_string),
                line,
                column,
                depth,
            }),
            // Its content is rendered into a buffer of its own, past the size limit's reach.
            E::PartialBlock(_) => refuse(
                Diagnostic::error("template uses a partial block (`{{#> …}}…{{/…}}`), which responsekit does not support")
                    .with_hint("include the partial with `{{> name}}` and write the text around the call"),
            ),
            E::DecoratorExpression(_) | E::DecoratorBlock(_) => refuse(
                Diagnostic::error("template uses a decorator (`{{*…}}` or `{{#*inline}}`), which responsekit does not support")
                    .with_hint(format!("put the shared text in a partial file, `templates/{PARTIALS}/<name>{EXTENSION}`")),
            ),
            // Unescaped, a value could write Markdown or HTML into the document.
            E::HtmlExpression(h) => {
                refuse(
                    Diagnostic::error("template writes a value unescaped (`{{{…}}}` or `{{&…}}`)")
                        .with_hint("write `{{name}}`: values are escaped so that they stay text"),
                );
                self.call(h, line, column, depth);
            }
            E::Expression(h) => self.call(h, line, column, depth),
            E::HelperBlock(h) => {
                self.call(h, line, column, depth);
                for t in h.template.iter().chain(h.inverse.iter()) {
                    self.template(t, depth + 1);
                }
            }
            _ => {} // text and comments
        }
    }

    /// Checks a helper call's arguments against the helper's signature, and its sub-expressions.
    fn call(
        &mut self,
        h: &handlebars::template::HelperTemplate,
        line: usize,
        column: usize,
        depth: usize,
    ) {
        for p in h.params.iter().chain(h.hash.values()) {
            if let handlebars::template::Parameter::Subexpression(s) = p {
                self.element(&s.element, line, column, depth);
            }
        }
        let Some(name) = h.name.as_name() else {
            return;
        };
        if name == "log" {
            self.problems.push(
                Diagnostic::error(
                    "template calls `log`, which would write template text into the program's log",
                )
                .at(line, Some(column))
                .with_hint("delete the `{{log …}}` call"),
            );
            return;
        }
        let Some(&(_, takes, usage)) = helpers::SIGNATURES.iter().find(|s| s.0 == name) else {
            return;
        };
        let given = h.params.len();
        let gives = if !h.hash.is_empty() {
            "named arguments (`name=…`)".to_string()
        } else if given == takes {
            return;
        } else {
            match given {
                0 => "none".to_string(),
                n => n.to_string(),
            }
        };
        let s = if takes == 1 { "" } else { "s" };
        self.problems.push(
            Diagnostic::error(format!(
                "`{name}` takes {takes} argument{s}, and this call gives {gives}"
            ))
            .at(line, Some(column))
            .with_hint(format!("write it as `{usage}`")),
        );
    }
}

/// A partial call between two templates of the set.
struct Edge {
    to: String,
    line: usize,
    column: usize,
    /// Blocks around the call.
    depth: usize,
}

/// How far rendering a template goes with the partials it includes.
#[derive(Clone, Copy)]
struct Reach {
    /// Levels of nesting: its own blocks, or a call's blocks, the call, and the callee's reach.
    depth: usize,
    /// Partial inclusions, each call counted every time it is reached.
    inclusions: usize,
    /// The call (index into the template's edges) through which it reaches deepest, if any.
    deepest: Option<usize>,
}

/// The [`Reach`] of every template, computed without recursion (a chain of partials may be
/// thousands of files long). A call back into a template still being measured closes a cycle,
/// reported on its own, and counts for nothing here.
fn reaches<'a>(
    graph: &'a BTreeMap<&'a str, Vec<Edge>>,
    nesting: &BTreeMap<&'a str, usize>,
) -> BTreeMap<&'a str, Reach> {
    let mut done: BTreeMap<&str, Reach> = BTreeMap::new();
    let mut open: BTreeSet<&str> = BTreeSet::new();
    for &root in nesting.keys() {
        if done.contains_key(root) {
            continue;
        }
        open.insert(root);
        let mut stack = vec![(root, 0)];
        while let Some((at, next)) = stack.pop() {
            let edges = graph.get(at).map_or(&[][..], Vec::as_slice);
            if let Some(edge) = edges.get(next) {
                stack.push((at, next + 1));
                let to = edge.to.as_str();
                if !done.contains_key(to) && open.insert(to) {
                    stack.push((to, 0));
                }
                continue;
            }
            let mut reach = Reach {
                depth: nesting.get(at).copied().unwrap_or(0),
                inclusions: 0,
                deepest: None,
            };
            for (i, edge) in edges.iter().enumerate() {
                let Some(callee) = done.get(edge.to.as_str()) else {
                    continue;
                };
                let depth = edge.depth + 1 + callee.depth;
                if depth > reach.depth {
                    reach.depth = depth;
                    reach.deepest = Some(i);
                }
                reach.inclusions = reach.inclusions.saturating_add(1 + callee.inclusions);
            }
            open.remove(at);
            done.insert(at, reach);
        }
    }
    done
}

/// `4194302` as `4,194,302`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `a → b → c`, shortened in the middle when long.
fn chain(names: &[&str]) -> String {
    if names.len() <= 6 {
        return names.join(" → ");
    }
    let (head, tail) = (&names[..3], &names[names.len() - 2..]);
    format!("{} → … → {}", head.join(" → "), tail.join(" → "))
}

/// What is wrong with the set as a whole, read from the compiled templates (those of `nesting`,
/// the ones that parsed): each template's refused constructs; partials Handlebars would recurse
/// through without end (it only notices a template that includes itself directly, and
/// overflows the stack on `a` → `b` → `a`) or whose name is computed at render time (which
/// could do the same); and documents whose partials nest deeper than [`MAX_NESTING`] or are
/// included more than [`MAX_INCLUSIONS`] times.
fn structure_problems(
    hb: &Handlebars,
    sources: &BTreeMap<String, Source>,
    nesting: &BTreeMap<&str, usize>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let file = |name: &str| {
        sources
            .get(name)
            .map(|s| s.origin.display_path(name))
            .unwrap_or_default()
    };
    let mut graph: BTreeMap<&str, Vec<Edge>> = BTreeMap::new();
    for &name in nesting.keys() {
        let Some(template) = hb.get_template(name) else {
            continue;
        };
        let mut walk = Walk::default();
        walk.template(template, 0);
        problems.extend(walk.problems.into_iter().map(|d| d.in_file(file(name))));
        for call in walk.calls {
            match call.name {
                Some(p) if p == "@partial-block" => {}
                Some(p) if sources.contains_key(&p) => graph.entry(name).or_default().push(Edge {
                    to: p,
                    line: call.line,
                    column: call.column,
                    depth: call.depth,
                }),
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
    let reach = reaches(&graph, nesting);
    let mut reported = BTreeSet::new();
    for (&doc, r) in &reach {
        if doc.starts_with(PARTIALS) {
            continue;
        }
        if r.depth > MAX_NESTING {
            // Reported at the call where the limit is crossed, once however many documents
            // lead there.
            let (mut at, mut level, mut names) = (doc, 0, vec![doc]);
            while let Some(edge) = reach[at].deepest.map(|i| &graph[at][i]) {
                let inside = level + edge.depth + 1;
                names.push(edge.to.as_str());
                if inside + nesting.get(edge.to.as_str()).copied().unwrap_or(0) > MAX_NESTING {
                    if reported.insert((at, edge.line, edge.column)) {
                        problems.push(
                            Diagnostic::error(format!(
                                "including `{}` here nests partials and blocks {} levels deep, through {}; the limit is {MAX_NESTING}",
                                edge.to, grouped(r.depth), chain(&names)
                            ))
                            .in_file(file(at))
                            .at(edge.line, Some(edge.column))
                            .with_hint("include fewer partials inside one another: move a partial's text into the template that includes it"),
                        );
                    }
                    break;
                }
                (at, level) = (edge.to.as_str(), inside);
            }
        }
        if r.inclusions > MAX_INCLUSIONS {
            // At the document's call that includes the most.
            let heaviest = graph[doc]
                .iter()
                .max_by_key(|e| reach.get(e.to.as_str()).map_or(0, |c| c.inclusions));
            if let Some(edge) = heaviest {
                problems.push(
                    Diagnostic::error(format!(
                        "document `{doc}` would include partials {} times, counting each inclusion every time it is reached; the limit is {}",
                        grouped(r.inclusions), grouped(MAX_INCLUSIONS)
                    ))
                    .in_file(file(doc))
                    .at(edge.line, Some(edge.column))
                    .with_hint("include each partial once, where it is needed, rather than from several partials that are themselves included several times"),
                );
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
/// (visiting each template once). Paths longer than [`MAX_NESTING`] are not followed: the
/// recursion stays shallow, and a document reaching that deep is refused for its depth.
fn find_cycles<'a>(
    graph: &'a BTreeMap<&'a str, Vec<Edge>>,
    start: &'a str,
    at: &'a str,
    path: &mut Vec<Step<'a>>,
    visited: &mut BTreeSet<&'a str>,
    found: &mut dyn FnMut(&[Step<'a>]),
) {
    if path.len() > MAX_NESTING || !visited.insert(at) {
        return;
    }
    for edge in graph.get(at).into_iter().flatten() {
        path.push((at, edge.line, edge.column));
        if edge.to == start {
            found(path);
        } else {
            find_cycles(graph, start, &edge.to, path, visited, found);
        }
        path.pop();
    }
}

/// Markup a template writes that no format can show (raw HTML, tables), located in the
/// template. It is read with its mustaches masked out: values reach Markdown escaped, so the
/// template's own text is where such markup comes from, and only that text is quoted.
fn markup_problem(text: &str) -> Option<Diagnostic> {
    use crate::document::Unsupported;
    let (offset, what) = crate::document::unsupported_markup(&scan::mask_mustaches(text))?;
    let (line, column) = scan::line_column(text, offset);
    let d = match what {
        Unsupported::Html => {
            let rest = text[offset..].lines().next().unwrap_or_default();
            let tag = &rest[..rest.find('>').map_or(rest.len(), |i| i + 1)];
            let excerpt: String = tag.chars().take(40).collect();
            let more = if excerpt.len() < tag.len() { "…" } else { "" };
            Diagnostic::error(format!(
                "template writes raw HTML (`{excerpt}{more}`), which every format would drop, with any text inside it"
            ))
            .with_hint("to print `<`, write `\\<` (e.g. `\\<Alameda County Clerk>`); for a blank to fill in, `{{fill \"Name\"}}`; for emphasis, Markdown (`**bold**`)")
        }
        Unsupported::Table => Diagnostic::error(
            "template writes a table, which the documents cannot show as one: its cells would run together",
        )
        .with_hint("write the rows as a list (`- Name: …`), or write the first `|` of each line as `\\|` to keep the lines as text"),
    };
    Some(d.at(line, Some(column)))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Tests render the set compiled into the binary, as a release build does: without
    /// rust-embed's `debug-embed` (Cargo.toml) a debug build reads `templates/` from disk instead.
    #[test]
    fn the_shipped_set_is_the_one_compiled_in() {
        let names: Vec<_> = Shipped::iter().collect();
        assert!(names.len() > 10, "{names:?}");
        for name in names {
            let file = Shipped::get(&name).expect("listed");
            assert!(
                matches!(file.data, std::borrow::Cow::Borrowed(_)),
                "{name} is read from disk, not compiled in"
            );
        }
    }

    /// The shipped set and what it reaches: its limits must stay far above it.
    fn shipped_reach() -> (usize, usize) {
        let sources = shipped();
        let set = TemplateSet::compile(sources.clone(), Arc::new(Registry::default()))
            .unwrap_or_else(|e| panic!("{e:?}"));
        let nesting: BTreeMap<&str, usize> = sources
            .iter()
            .map(|(n, s)| (n.as_str(), scan::nesting(&s.text).depth))
            .collect();
        let mut graph: BTreeMap<&str, Vec<Edge>> = BTreeMap::new();
        for &name in nesting.keys() {
            let mut walk = Walk::default();
            walk.template(set.handlebars.get_template(name).unwrap(), 0);
            for c in walk.calls {
                graph.entry(name).or_default().push(Edge {
                    to: c.name.unwrap(),
                    line: c.line,
                    column: c.column,
                    depth: c.depth,
                });
            }
        }
        let reach = reaches(&graph, &nesting);
        let depth = reach.values().map(|r| r.depth).max().unwrap_or(0);
        let inclusions = reach.values().map(|r| r.inclusions).max().unwrap_or(0);
        (depth, inclusions)
    }

    #[test]
    fn a_chain_of_twenty_thousand_partials_is_measured_and_searched_on_a_small_stack() {
        let names: Vec<String> = (0..20_000).map(|i| format!("{PARTIALS}/p{i}")).collect();
        let edge = |to: &str| Edge {
            to: to.to_string(),
            line: 1,
            column: 1,
            depth: 0,
        };
        let mut graph: BTreeMap<&str, Vec<Edge>> = names
            .windows(2)
            .map(|w| (w[0].as_str(), vec![edge(&w[1])]))
            .collect();
        // The last one closes a cycle back to the first.
        graph.insert(names[names.len() - 1].as_str(), vec![edge(&names[0])]);
        let nesting: BTreeMap<&str, usize> = names.iter().map(|n| (n.as_str(), 0)).collect();
        std::thread::scope(|scope| {
            std::thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn_scoped(scope, || {
                    let reach = reaches(&graph, &nesting);
                    assert_eq!(reach[names[0].as_str()].depth, names.len() - 1);
                    let mut cycles = 0;
                    find_cycles(
                        &graph,
                        &names[0],
                        &names[0],
                        &mut Vec::new(),
                        &mut BTreeSet::new(),
                        &mut |_| cycles += 1,
                    );
                    // Too long to follow: refused for its depth instead.
                    assert_eq!(cycles, 0);
                })
                .unwrap()
                .join()
                .expect("no stack overflow");
        });
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(grouped(7), "7");
        assert_eq!(grouped(10_000), "10,000");
        assert_eq!(grouped(4_194_302), "4,194,302");
    }

    #[test]
    fn shipped_templates_are_far_within_the_limits() {
        let (depth, inclusions) = shipped_reach();
        eprintln!("shipped: nesting {depth}, inclusions {inclusions}");
        assert!(depth * 4 <= MAX_NESTING, "{depth}");
        assert!(inclusions * 100 <= MAX_INCLUSIONS, "{inclusions}");
    }
}
