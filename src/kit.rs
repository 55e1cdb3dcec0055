//! Kits in memory: loads and resolves the tree, then renders every selected jurisdiction's
//! documents in every selected language and format, in parallel. Nothing here writes a file:
//! `build` writes what this produces, `check` only looks at it.
//! The links between a kit's pages, and the site's home pages, are `site`; what `check`
//! renders of them is `check`.

use crate::authorities::Registry;
use crate::config::{self, resolve::Resolved, Jurisdiction, Tree};
use crate::diagnostic::Diagnostic;
use crate::digest::{tool_fingerprint, PartsHasher};
use crate::document::{Document, Lang};
use crate::export::{self, Format};
use crate::render;
use crate::templates::{self, Cache};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

mod check;
pub mod directory;
mod site;
pub use check::{check_all, draft_translations};
pub use site::home_pages;
use site::KitPages;

/// What to build: jurisdiction ids or id prefixes (empty: all), languages and document formats
/// (empty: all), and whether to zip each jurisdiction's kit per language.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Jurisdiction ids, each selecting itself and those below it (empty: all).
    pub jurisdictions: Vec<String>,
    /// Languages (empty: all).
    pub langs: Vec<Lang>,
    /// Formats (empty: all).
    pub formats: Vec<Format>,
    /// Whether each kit is also zipped per language.
    pub bundles: bool,
}

impl Selection {
    /// Everything: every jurisdiction, language and format, and the bundles.
    pub fn everything() -> Selection {
        Selection {
            bundles: true,
            ..Selection::default()
        }
    }

    /// The formats picked: the named ones, else all.
    pub fn formats(&self) -> Vec<Format> {
        if self.formats.is_empty() {
            Format::ALL.to_vec()
        } else {
            self.formats.clone()
        }
    }

    /// The languages picked: the named ones, else all.
    pub fn langs(&self) -> Vec<Lang> {
        if self.langs.is_empty() {
            Lang::all().to_vec()
        } else {
            self.langs.clone()
        }
    }

    /// `us/ca` selects `us/ca` and everything under it, not `us/cat`.
    pub fn selects(&self, id: &str) -> bool {
        self.jurisdictions.is_empty()
            || self.jurisdictions.iter().any(|p| {
                let p = p.trim_end_matches('/');
                id == p || id.starts_with(&format!("{p}/"))
            })
    }
}

/// A loaded and resolved tree, or the part of it a fast rebuild needs.
pub struct Project {
    /// The loaded files of the tree.
    pub tree: Tree,
    /// Each loaded jurisdiction by id, in id order, resolved or with what stopped it.
    pub resolved: Vec<(String, Resolved)>,
    /// Jurisdictions of the tree that were not loaded: unchanged since the last build, whose
    /// kits it carries over as they are (empty when the whole tree is loaded).
    pub unchanged: BTreeSet<String>,
    /// The legal registry the documents state law from.
    pub registry: Arc<Registry>,
    templates: Cache,
    /// The tree root's `templates/` folder, when there is one (looked up once, not per document).
    root_templates: Option<std::path::PathBuf>,
}

impl Project {
    /// Loads the tree at `root`. `templates`, when given, replaces the shipped template set
    /// (overrides in the tree still apply over it).
    pub fn load(root: &Path, templates: Option<&Path>) -> Project {
        Project::of(
            config::load_tree(root),
            templates,
            |_| true,
            BTreeSet::new(),
        )
    }

    /// Loads only `files` of the tree at `root` (the chains of the jurisdictions `reached`, and
    /// the registry) and resolves only `reached`: the others are `unchanged`, known to be in
    /// the tree as the last build left them.
    pub fn load_part(
        root: &Path,
        templates: Option<&Path>,
        files: &[std::path::PathBuf],
        reached: &BTreeSet<String>,
        unchanged: BTreeSet<String>,
    ) -> Project {
        let tree = config::tree::load_files(root, files);
        Project::of(tree, templates, |id| reached.contains(id), unchanged)
    }

    /// Resolves the jurisdictions of `tree` that `keep` picks.
    fn of(
        mut tree: Tree,
        templates: Option<&Path>,
        keep: impl Fn(&str) -> bool,
        unchanged: BTreeSet<String>,
    ) -> Project {
        let mut resolved = config::resolve_all(&mut tree);
        resolved.retain(|(id, _)| keep(id));
        let registry = Arc::new(std::mem::take(&mut tree.registry));
        let base = match templates {
            Some(dir) => templates::read_dir(dir, &mut tree.diagnostics),
            None => templates::shipped(),
        };
        let root_templates =
            Some(tree.root.join(config::tree::TEMPLATES_DIR)).filter(|d| d.is_dir());
        Project {
            templates: Cache::new(registry.clone(), base),
            root_templates,
            tree,
            resolved,
            unchanged,
            registry,
        }
    }

    /// Whether `doc` is written in `lang` for `j` (a translation may cover only some
    /// documents); `true` when the template set does not compile, so rendering says why.
    pub fn is_written_in(&self, j: &Jurisdiction, doc: &str, lang: Lang) -> bool {
        let set = self.templates.get(&self.template_dirs(j));
        set.as_ref().as_ref().map_or(true, |set| {
            set.documents
                .get(doc)
                .is_some_and(|langs| langs.contains(&lang))
        })
    }

    /// Renders one document of `j` with the given request facts; `response` (when not null) is
    /// what `respond` decided, seen by templates as `response`.
    pub fn render(
        &self,
        j: &Jurisdiction,
        doc: &str,
        lang: Lang,
        request: render::RequestContext,
        response: Value,
    ) -> Result<Document, Vec<Diagnostic>> {
        let set = self.templates.get(&self.template_dirs(j));
        let set = set.as_ref().as_ref().map_err(Clone::clone)?;
        let mut context = render::context(j, &self.registry, lang, doc, request);
        if let (false, Some(map)) = (response.is_null(), context.as_object_mut()) {
            map.insert("response".into(), response);
        }
        let context = handlebars::Context::from(context);
        render::render_document(set, &self.registry, doc, lang, &context).map_err(|d| vec![d])
    }

    /// The template overrides that apply to `j`, nearest first, ending with the tree root's.
    fn template_dirs(&self, j: &Jurisdiction) -> Vec<std::path::PathBuf> {
        let mut dirs = j.template_dirs.clone();
        dirs.extend(self.root_templates.clone());
        dirs
    }
}

/// One output file, its path relative to the output folder (`/`-separated).
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Where it goes.
    pub path: String,
    /// What it holds.
    pub bytes: Vec<u8>,
}

/// A jurisdiction's rendered kit, or everything that stopped it.
#[derive(Debug)]
pub struct KitResult {
    /// The jurisdiction's id.
    pub id: String,
    /// Its kit, or the problems that stopped it.
    pub outcome: Result<Kit, Vec<Diagnostic>>,
}

/// One jurisdiction's kit in memory.
#[derive(Debug)]
pub struct Kit {
    /// Its files, in every selected language and format.
    pub files: Vec<OutputFile>,
    /// Fill-ins left in the documents: `(document path, label)`.
    pub fill_ins: Vec<(String, String)>,
}

/// Renders every selected jurisdiction, in parallel; results in id order. `done` is called
/// once per jurisdiction finished (for a progress bar).
pub fn render_all(
    project: &Project,
    selection: &Selection,
    done: &(dyn Fn() + Sync),
) -> Vec<KitResult> {
    project
        .resolved
        .par_iter()
        .filter(|(id, _)| selection.selects(id))
        .map(|(id, resolved)| {
            let outcome = render_one(project, resolved, selection);
            done();
            KitResult {
                id: id.clone(),
                outcome,
            }
        })
        .collect()
}

/// How many jurisdictions `selection` picks (those carried over unchanged included).
pub fn selected(project: &Project, selection: &Selection) -> usize {
    project.ids().filter(|id| selection.selects(id)).count()
}

impl Project {
    /// The id of every jurisdiction with a kit: resolved, or carried over unchanged.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.resolved
            .iter()
            .map(|(id, _)| id.as_str())
            .chain(self.unchanged.iter().map(String::as_str))
    }
}

fn render_one(
    project: &Project,
    resolved: &Resolved,
    selection: &Selection,
) -> Result<Kit, Vec<Diagnostic>> {
    render_kit(project, resolved.as_ref().map_err(Clone::clone)?, selection)
}

/// The languages of `j` that `selection` picks.
fn languages(j: &Jurisdiction, selection: &Selection) -> Vec<Lang> {
    j.languages
        .iter()
        .copied()
        .filter(|l| selection.langs.is_empty() || selection.langs.contains(l))
        .collect()
}

/// What a jurisdiction's kit is made from, and the files it will be.
pub struct Inputs {
    /// SHA-256 over the tool, the selection, the config chain, the templates and the registry
    /// files its law comes from: equal inputs give equal outputs.
    pub fingerprint: String,
    /// Every path the kit writes, relative to the output folder.
    pub paths: Vec<String>,
}

impl Project {
    /// What `j`'s kit is made from for `selection`, and the files it will be.
    pub fn inputs(
        &self,
        j: &Jurisdiction,
        selection: &Selection,
    ) -> Result<Inputs, Vec<Diagnostic>> {
        let set = self.templates.get(&self.template_dirs(j));
        let set = set.as_ref().as_ref().map_err(Clone::clone)?;
        let langs = languages(j, selection);
        let formats = selection.formats();
        let mut hasher = PartsHasher::default();
        let mut part = |label: &str, value: &[u8]| hasher.part(label, value);
        part("tool", tool_fingerprint().as_bytes());
        part(
            "selection",
            format!("{langs:?} {formats:?} {}", selection.bundles).as_bytes(),
        );
        for link in j.ancestors.iter().chain(std::iter::once(&j.id)) {
            if let Some(node) = self.tree.nodes.get(link) {
                part("config", node.text.as_bytes());
            }
        }
        part("templates", set.fingerprint.as_bytes());
        // The registry files of its chain (federal and state law) and of every key its law cites.
        let dirs = j.registry_dirs();
        let cited: std::collections::BTreeSet<&Path> = j
            .law
            .values()
            .flatten()
            .filter_map(|k| self.registry.file_of(k))
            .collect();
        for (path, hash) in self.registry.fingerprints() {
            if cited.contains(path.as_path())
                || path.parent().is_some_and(|d| dirs.iter().any(|c| c == d))
            {
                part("authorities", hash.as_bytes());
            }
        }
        let fingerprint = hasher.finish();
        let paths = self.paths(j, selection)?;
        Ok(Inputs { fingerprint, paths })
    }

    /// Every path the kit of `j` writes for `selection`, relative to the output folder.
    pub fn paths(
        &self,
        j: &Jurisdiction,
        selection: &Selection,
    ) -> Result<Vec<String>, Vec<Diagnostic>> {
        let set = self.templates.get(&self.template_dirs(j));
        let set = set.as_ref().as_ref().map_err(Clone::clone)?;
        let formats = selection.formats();
        let mut paths = Vec::new();
        for lang in &languages(j, selection) {
            for doc in kit_documents(set, j, *lang) {
                paths.extend(
                    formats
                        .iter()
                        .map(|f| format!("{}/{lang}/{doc}.{}", j.id, f.extension())),
                );
            }
            if formats.contains(&Format::Html) {
                paths.push(format!("{}/{lang}/index.html", j.id));
            }
            if selection.bundles {
                paths.push(bundle_path(&j.id, *lang));
            }
        }
        Ok(paths)
    }
}

/// Renders one jurisdiction's kit: every selected document, language and format, its pages
/// and its bundles, in memory.
pub fn render_kit(
    project: &Project,
    j: &Jurisdiction,
    selection: &Selection,
) -> Result<Kit, Vec<Diagnostic>> {
    let compiled = project.templates.get(&project.template_dirs(j));
    let set = compiled.as_ref().as_ref().map_err(Clone::clone)?;
    let formats = selection.formats();
    let langs = languages(j, selection);
    let mut files = Vec::new();
    let mut fill_ins = Vec::new();
    let mut problems = Vec::new();
    for &lang in &langs {
        let documents = kit_documents(set, j, lang);
        let rendered = render_documents(project, set, j, lang, &documents, &mut problems);
        let pages = KitPages {
            j,
            lang,
            langs: &langs,
            documents: &set.documents,
            formats: &formats,
            bundles: selection.bundles,
        };
        let mut lang_files = Vec::new();
        for (doc, document) in &rendered {
            fill_ins.extend(
                document
                    .fill_ins()
                    .into_iter()
                    .map(|f| (format!("{}/{lang}/{doc}", j.id), f)),
            );
            let options = export::Options {
                nav: pages.document_nav(doc),
            };
            for &format in &formats {
                match export::export(document, format, &options) {
                    Ok(bytes) => lang_files.push(OutputFile {
                        path: format!("{doc}.{}", format.extension()),
                        bytes,
                    }),
                    Err(e) => {
                        problems.push(Diagnostic::error(format!("{}/{lang}/{doc}: {e}", j.id)));
                    }
                }
            }
        }
        if formats.contains(&Format::Html) {
            lang_files.push(pages.index_page(&rendered));
        }
        if selection.bundles {
            let root = bundle_stem(&j.id, lang);
            let entries = lang_files
                .iter()
                .map(|f| export::bundle::Entry {
                    path: f.path.clone(),
                    bytes: &f.bytes,
                })
                .collect();
            let title = j.name.get(lang).unwrap_or(&j.id);
            match export::bundle::to_zip(&root, lang, title, entries) {
                Ok(bytes) => files.push(OutputFile {
                    path: bundle_path(&j.id, lang),
                    bytes,
                }),
                Err(e) => problems.push(Diagnostic::error(format!(
                    "{}: {e}",
                    bundle_path(&j.id, lang)
                ))),
            }
        }
        files.extend(lang_files.into_iter().map(|f| OutputFile {
            path: format!("{}/{lang}/{}", j.id, f.path),
            bytes: f.bytes,
        }));
    }
    if problems.is_empty() {
        Ok(Kit { files, fill_ins })
    } else {
        Err(problems)
    }
}

/// The documents of `set` that the kit of `j` holds in `lang`: those of its kind written in
/// `lang` (every one in English; a translation may cover only some, e.g. those for the person).
fn kit_documents<'s>(
    set: &'s templates::TemplateSet,
    j: &Jurisdiction,
    lang: Lang,
) -> Vec<&'s str> {
    set.documents
        .iter()
        .filter(|(d, langs)| templates::in_kit(d) && j.kit.includes(d) && langs.contains(&lang))
        .map(|(d, _)| d.as_str())
        .collect()
}

/// Renders `documents` of `j` in `lang` to the document model; what fails goes to `problems`.
fn render_documents<'d>(
    project: &Project,
    set: &templates::TemplateSet,
    j: &Jurisdiction,
    lang: Lang,
    documents: &[&'d str],
    problems: &mut Vec<Diagnostic>,
) -> Vec<(&'d str, Document)> {
    // One context per language, shared by the kit's documents (only `document` differs):
    // what `Project::render` builds per document. Made a Handlebars context once: rendering
    // from a `Value` would copy all of it again for every document.
    let mut context = handlebars::Context::from(render::context(
        j,
        &project.registry,
        lang,
        "",
        render::kit_request(lang),
    ));
    let mut rendered = Vec::new();
    for &doc in documents {
        if let Some(map) = context.data_mut().as_object_mut() {
            map.insert("document".into(), Value::String(doc.to_string()));
        }
        match render::render_document(set, &project.registry, doc, lang, &context) {
            Ok(document) => rendered.push((doc, document)),
            Err(d) => problems.push(d),
        }
    }
    rendered
}

/// The name of a jurisdiction's bundle for `lang`, without extension: `us-ca-alameda-en`.
pub fn bundle_stem(id: &str, lang: Lang) -> String {
    format!("{}-{lang}", id.replace('/', "-"))
}

/// Where a jurisdiction's bundle goes, relative to the output folder.
pub fn bundle_path(id: &str, lang: Lang) -> String {
    format!("{BUNDLES}/{}.zip", bundle_stem(id, lang))
}

/// The folder of the zip bundles in the output folder.
pub const BUNDLES: &str = "bundles";
