//! Kits in memory: loads and resolves the tree, then renders every selected jurisdiction's
//! documents in every selected language and format, in parallel. Nothing here writes a file:
//! `build` writes what this produces, `check` only looks at it.

use crate::authorities::Registry;
use crate::config::{self, resolve::Resolved, Jurisdiction, Tree};
use crate::diagnostic::Diagnostic;
use crate::document::{Document, Lang};
use crate::export::{self, Format};
use crate::render;
use crate::templates::{self, Cache};
use rayon::prelude::*;
use serde_json::Value;
use std::path::Path;
use std::sync::Arc;

/// What to build: jurisdiction ids or id prefixes (empty: all), languages and formats (empty:
/// all).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub jurisdictions: Vec<String>,
    pub langs: Vec<Lang>,
    pub formats: Vec<Format>,
}

impl Selection {
    /// `us/ca` selects `us/ca` and everything under it, not `us/cat`.
    pub fn selects(&self, id: &str) -> bool {
        self.jurisdictions.is_empty()
            || self.jurisdictions.iter().any(|p| {
                let p = p.trim_end_matches('/');
                id == p || id.starts_with(&format!("{p}/"))
            })
    }
}

/// A loaded and resolved tree.
pub struct Project {
    pub tree: Tree,
    pub resolved: Vec<(String, Resolved)>,
    pub registry: Arc<Registry>,
    templates: Cache,
}

impl Project {
    /// Loads the tree at `root`. `templates`, when given, replaces the shipped template set
    /// (overrides in the tree still apply over it).
    pub fn load(root: &Path, templates: Option<&Path>) -> Project {
        let mut tree = config::load_tree(root);
        let resolved = config::resolve_all(&tree);
        let registry = Arc::new(std::mem::take(&mut tree.registry));
        let base = match templates {
            Some(dir) => templates::read_dir(dir, &mut tree.diagnostics),
            None => templates::shipped(),
        };
        Project {
            templates: Cache::new(registry.clone(), base),
            tree,
            resolved,
            registry,
        }
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
        let mut context = render::context(j, lang, doc, request);
        if let (false, Some(map)) = (response.is_null(), context.as_object_mut()) {
            map.insert("response".into(), response);
        }
        render::render_document(set, &self.registry, doc, lang, &context).map_err(|d| vec![d])
    }

    /// The template overrides that apply to `j`, nearest first, ending with the tree root's.
    fn template_dirs(&self, j: &Jurisdiction) -> Vec<std::path::PathBuf> {
        let mut dirs = j.template_dirs.clone();
        let root = self.tree.root.join(config::tree::TEMPLATES_DIR);
        if root.is_dir() {
            dirs.push(root);
        }
        dirs
    }
}

/// One output file, its path relative to the output folder (`/`-separated).
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A jurisdiction's rendered kit, or everything that stopped it.
#[derive(Debug)]
pub struct KitResult {
    pub id: String,
    pub outcome: Result<Kit, Vec<Diagnostic>>,
}

#[derive(Debug)]
pub struct Kit {
    pub files: Vec<OutputFile>,
    /// Fill-ins left in the documents: `(document path, label)`.
    pub fill_ins: Vec<(String, String)>,
}

/// Renders every selected jurisdiction, in parallel; results in id order.
pub fn render_all(project: &Project, selection: &Selection) -> Vec<KitResult> {
    project
        .resolved
        .par_iter()
        .filter(|(id, _)| selection.selects(id))
        .map(|(id, resolved)| KitResult {
            id: id.clone(),
            outcome: render_one(project, resolved, selection),
        })
        .collect()
}

fn render_one(
    project: &Project,
    resolved: &Resolved,
    selection: &Selection,
) -> Result<Kit, Vec<Diagnostic>> {
    let j = resolved.as_ref().map_err(Clone::clone)?;
    let set = project.templates.get(&project.template_dirs(j));
    let documents: Vec<String> = match set.as_ref() {
        Ok(set) => set
            .documents
            .keys()
            .filter(|d| templates::in_kit(d))
            .cloned()
            .collect(),
        Err(problems) => return Err(problems.clone()),
    };
    let formats = if selection.formats.is_empty() {
        Format::ALL.to_vec()
    } else {
        selection.formats.clone()
    };
    let mut files = Vec::new();
    let mut fill_ins = Vec::new();
    let mut problems = Vec::new();
    for &lang in j
        .languages
        .iter()
        .filter(|l| selection.langs.is_empty() || selection.langs.contains(l))
    {
        for doc in &documents {
            match project.render(j, doc, lang, render::kit_request(lang), Value::Null) {
                Ok(document) => {
                    let stem = format!("{}/{lang}/{doc}", j.id);
                    fill_ins.extend(document.fill_ins().into_iter().map(|f| (stem.clone(), f)));
                    for &format in &formats {
                        match export::export(&document, format) {
                            Ok(bytes) => files.push(OutputFile {
                                path: format!("{stem}.{}", format.extension()),
                                bytes,
                            }),
                            Err(e) => problems.push(Diagnostic::error(format!("{stem}: {e}"))),
                        }
                    }
                }
                Err(d) => problems.extend(d),
            }
        }
    }
    if problems.is_empty() {
        Ok(Kit { files, fill_ins })
    } else {
        Err(problems)
    }
}
