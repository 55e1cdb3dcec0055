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
//!
//! Here: compiling a set ([`TemplateSet::compile`]) and the [`Cache`] of compiled sets. Where
//! the text comes from is `sources`; the checks before rendering are `check` (over the partial
//! graph of `graph`, and the nesting `scan` measures on the source); rendering is `render`; the
//! helpers a template may call are `helpers`.

mod check;
mod graph;
mod helpers;
mod render;
mod scan;
mod sources;

use crate::authorities::Registry;
use crate::diagnostic::Diagnostic;
use crate::document::Lang;
use crate::i18n::Translation;
use handlebars::Handlebars;
use sha2::Digest as _;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use check::{forbidden_in_template, markup_problem, structure_problems};
pub use helpers::{escape_markdown, fill_in};
pub use scan::MAX_NESTING;
pub use sources::{
    documents, in_kit, layered_sources, read_dir, shipped, Origin, Source, EXTENSION, PARTIALS,
    REPORT_ONLY, RESPOND_ONLY,
};

/// The most Markdown one rendered document may hold. The largest shipped document renders to
/// 120 KB (a Spanish counsel memo); a document past this repeats itself without end, and rendering stops there.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// How many partial inclusions one document may make, counting each `{{> …}}` every time it is
/// reached (a partial that includes another twice, included twice, makes six). The shipped
/// documents make at most 7. Partials that each include the next twice, twenty deep, would make
/// two million, and rendering those takes minutes even when they write nothing: refused before
/// rendering.
pub const MAX_INCLUSIONS: usize = 10_000;

/// A compiled, strict template set.
pub struct TemplateSet {
    /// The compiled templates, in strict mode with the helpers registered, by name.
    pub handlebars: Handlebars<'static>,
    /// SHA-256 over every template's name and text: what a build compares to skip work.
    pub fingerprint: String,
    /// Every template's text and origin, by name (`letter-detainer/en`).
    pub sources: BTreeMap<String, Source>,
    /// Every document the set can render, with the languages it is written in (English
    /// always; a kit in another language holds the documents written in it).
    pub documents: BTreeMap<String, BTreeSet<Lang>>,
    /// How far each translated document was checked, by template name (`handout-release-packet/ko`).
    pub translations: BTreeMap<String, Translation>,
}

impl TemplateSet {
    /// The translation status of `doc` in `lang`; `None` for English, the original.
    pub fn translation(&self, doc: &str, lang: Lang) -> Option<Translation> {
        self.translations.get(&format!("{doc}/{lang}")).copied()
    }
}

/// Each translated document's status, read from its template's first line: every document
/// template in a language other than English states one, and English states none.
fn translations(
    sources: &BTreeMap<String, Source>,
    documents: &BTreeMap<String, BTreeSet<Lang>>,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Translation> {
    let mut out = BTreeMap::new();
    for (doc, langs) in documents {
        for &lang in langs {
            let name = format!("{doc}/{lang}");
            let Some(source) = sources.get(&name) else {
                continue;
            };
            let at = |message: String| {
                Diagnostic::error(message)
                    .in_file(source.origin.display_path(&name))
                    .at(1, Some(1))
            };
            let names = Translation::ALL.map(|(n, _)| n).join(", ");
            match (Translation::of_template(&source.text), lang == Lang::En) {
                (Ok(Some(status)), false) => {
                    out.insert(name, status);
                }
                (Ok(None), true) => {}
                (Ok(Some(_)), true) => problems.push(
                    at("an English template states a translation status".to_string())
                        .with_hint("English is the original the other languages are translated from: remove the `{{!-- translation: … --}}` line"),
                ),
                (Ok(None), false) => problems.push(
                    at(format!("the `{lang}` translation does not say how far it was checked"))
                        .with_hint(format!("begin the file with `{{{{!-- translation: draft --}}}}` (one of {names}): `draft` until a qualified translator has reviewed it")),
                ),
                (Err(written), _) => problems.push(
                    at(format!("`{written}` is not a translation status"))
                        .with_hint(format!("write one of {names}: `{{{{!-- translation: draft --}}}}`")),
                ),
            }
        }
    }
    out
}

impl TemplateSet {
    /// Compiles `sources`, reporting every template that does not parse and every document
    /// missing a language.
    pub fn compile(
        sources: BTreeMap<String, Source>,
        registry: &Arc<Registry>,
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
        let translations = translations(&sources, &documents, &mut problems);
        for (doc, langs) in &documents {
            if !langs.contains(&Lang::En) {
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
                    Diagnostic::error(format!("document `{doc}` has no `en` template"))
                        .in_file(origin)
                        .with_hint(format!("every document is written in English, the language it is translated from: add `{doc}/en{EXTENSION}`")),
                );
            }
        }
        let mut hasher = sha2::Sha256::new();
        for (name, source) in &sources {
            sha2::Digest::update(&mut hasher, name.as_bytes());
            sha2::Digest::update(&mut hasher, [0]);
            sha2::Digest::update(&mut hasher, source.text.as_bytes());
            sha2::Digest::update(&mut hasher, [0]);
        }
        let fingerprint = crate::digest::hex(&sha2::Digest::finalize(hasher));
        if problems.is_empty() {
            Ok(TemplateSet {
                fingerprint,
                handlebars: hb,
                sources,
                documents,
                translations,
            })
        } else {
            Err(problems)
        }
    }
}

/// A template set, or everything wrong with it.
pub type Compiled = Result<TemplateSet, Vec<Diagnostic>>;

/// Compiled template sets shared by every jurisdiction with the same override folders, so a
/// tree of thousands of counties compiles the shipped set once: each set is compiled by the
/// first thread that needs it while the others that need it wait (two threads missing at once
/// would otherwise both compile it).
pub struct Cache {
    registry: Arc<Registry>,
    base: BTreeMap<String, Source>,
    sets: Mutex<HashMap<Vec<PathBuf>, Slot>>,
}

/// Where one set goes once compiled, shared by the threads that wait for it.
type Slot = Arc<OnceLock<Arc<Compiled>>>;

impl Cache {
    /// `base` is the shipped set, or a replacement set read with [`read_dir`].
    pub fn new(registry: Arc<Registry>, base: BTreeMap<String, Source>) -> Self {
        Cache {
            registry,
            base,
            sets: Mutex::new(HashMap::new()),
        }
    }

    /// The set compiled for the override folders `dirs` (nearest first), compiled on first
    /// use and shared after; or every problem with it.
    pub fn get(&self, dirs: &[PathBuf]) -> Arc<Compiled> {
        let slot = self
            .sets
            .lock()
            .map(|mut sets| sets.entry(dirs.to_vec()).or_default().clone());
        match slot {
            Ok(slot) => slot.get_or_init(|| Arc::new(self.compile(dirs))).clone(),
            Err(_) => Arc::new(self.compile(dirs)),
        }
    }

    fn compile(&self, dirs: &[PathBuf]) -> Compiled {
        let mut problems = Vec::new();
        let sources = layered_sources(&self.base, dirs, &mut problems);
        if problems.is_empty() {
            TemplateSet::compile(sources, &self.registry)
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests;
