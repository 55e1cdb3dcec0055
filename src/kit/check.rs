//! What `check` renders of the kits: every jurisdiction's documents to the document model,
//! and the whole kit in every format only once per distinct template set.

use super::{kit_documents, languages, render_documents, Project, Selection};
use crate::diagnostic::Diagnostic;
use crate::document::Lang;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// What `check` renders, in parallel, results in id order: every selected jurisdiction's
/// documents in each of its languages to the document model (where the template errors that
/// depend on a jurisdiction's data show), and the whole kit — every selected format, its pages
/// and bundles — only for the first jurisdiction of each distinct template set, kit kind and
/// languages. Exporting is a pure function of the model, which normalisation has already made
/// valid for every exporter (characters, depth, links), so what an export can refuse depends on
/// the templates, not on one county's data: exporting each set once finds it, without making
/// thousands of PDFs.
pub fn check_all(project: &Project, selection: &Selection) -> Vec<(String, Vec<Diagnostic>)> {
    let mut seen = std::collections::BTreeSet::new();
    let exported: std::collections::HashSet<&str> = project
        .resolved
        .iter()
        .filter(|(id, _)| selection.selects(id))
        .filter_map(|(id, r)| r.as_ref().ok().map(|j| (id, j)))
        .filter(|(_, j)| seen.insert((project.template_dirs(j), j.kit, languages(j, selection))))
        .map(|(id, _)| id.as_str())
        .collect();
    project
        .resolved
        .par_iter()
        .filter(|(id, _)| selection.selects(id))
        .map(|(id, resolved)| {
            let problems = match resolved {
                Err(problems) => problems.clone(),
                Ok(j) if exported.contains(id.as_str()) => super::render_kit(project, j, selection)
                    .err()
                    .unwrap_or_default(),
                Ok(j) => {
                    let compiled = project.templates.get(&project.template_dirs(j));
                    match compiled.as_ref() {
                        Err(problems) => problems.clone(),
                        Ok(set) => {
                            let mut problems = Vec::new();
                            for lang in languages(j, selection) {
                                let documents = kit_documents(set, j, lang);
                                render_documents(project, set, j, lang, &documents, &mut problems);
                            }
                            problems
                        }
                    }
                }
            };
            (id.clone(), problems)
        })
        .collect()
}

/// Every draft translation the kits of `selection` are made from (not yet reviewed by a
/// qualified translator): the file of each, with its language, once.
pub fn draft_translations(
    project: &Project,
    selection: &Selection,
) -> BTreeSet<(std::path::PathBuf, Lang)> {
    let mut drafts = BTreeSet::new();
    for (id, resolved) in &project.resolved {
        let Ok(j) = resolved else { continue };
        if !selection.selects(id) {
            continue;
        }
        let set = project.templates.get(&project.template_dirs(j));
        let Ok(set) = set.as_ref() else { continue };
        for (name, status) in &set.translations {
            let (Some(source), Some(lang)) = (
                set.sources.get(name),
                name.rsplit_once('/').and_then(|(_, l)| Lang::from_code(l)),
            ) else {
                continue;
            };
            if *status == crate::i18n::Translation::Draft {
                drafts.insert((source.origin.display_path(name), lang));
            }
        }
    }
    drafts
}
