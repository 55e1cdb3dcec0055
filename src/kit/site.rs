//! The site's navigation: the links between the pages of one jurisdiction's kit (home,
//! breadcrumbs, the same page in the other languages, downloads and the bundle), its page
//! listing its documents with their formats, and the home pages and search indexes that list
//! every kit in the output folder, grouped by state, each state with its directory and
//! coverage pages.

use super::{bundle_path, directory, OutputFile, Project};
use crate::config::status::Freshness;
use crate::config::{self, Jurisdiction};
use crate::document::{Document, Lang};
use crate::export::{self, site, Format};
use crate::i18n::{t, Text};
use std::collections::{BTreeMap, BTreeSet};

/// Links between the pages of one jurisdiction's kit in one language.
pub(super) struct KitPages<'a> {
    pub(super) j: &'a Jurisdiction,
    pub(super) lang: Lang,
    pub(super) langs: &'a [Lang],
    /// The languages each document is written in (a page's language switch lists those).
    pub(super) documents: &'a BTreeMap<String, BTreeSet<Lang>>,
    pub(super) formats: &'a [Format],
    pub(super) bundles: bool,
}

/// From the pages of `id` (`<id>/<lang>/`) back to the output folder.
fn up(id: &str) -> String {
    "../".repeat(id.split('/').count() + 1)
}

/// The first breadcrumb of a page of `id` in `lang`: the home page.
pub(super) fn home_crumb(id: &str, lang: Lang) -> (String, String) {
    (
        t(lang, Text::Home).to_string(),
        format!("{}{}", up(id), export::site::home_file(lang)),
    )
}

/// The same page, `file` in each language's folder, in each of `langs` (a page's language
/// switch).
pub(super) fn languages(langs: &[Lang], file: &str) -> Vec<(Lang, String)> {
    langs
        .iter()
        .map(|l| (*l, format!("../{l}/{file}")))
        .collect()
}

impl KitPages<'_> {
    fn crumbs(&self) -> Vec<(String, String)> {
        let name = self.j.name.get(self.lang).unwrap_or(&self.j.id).to_string();
        vec![
            home_crumb(&self.j.id, self.lang),
            (name, "index.html".to_string()),
        ]
    }

    /// The page of `doc` in each language of the kit it is written in.
    fn document_languages(&self, doc: &str) -> Vec<(Lang, String)> {
        let written: Vec<Lang> = self
            .langs
            .iter()
            .copied()
            .filter(|l| {
                self.documents
                    .get(doc)
                    .is_some_and(|langs| langs.contains(l))
            })
            .collect();
        languages(&written, &format!("{doc}.html"))
    }

    fn bundle_link(&self) -> Option<(String, String)> {
        self.bundles.then(|| {
            (
                t(self.lang, Text::Bundle).to_string(),
                format!("{}{}", up(&self.j.id), bundle_path(&self.j.id, self.lang)),
            )
        })
    }

    pub(super) fn document_nav(&self, doc: &str) -> export::Nav {
        let mut downloads = self.formats(doc);
        downloads.extend(self.bundle_link());
        export::Nav {
            crumbs: self.crumbs(),
            languages: self.document_languages(doc),
            downloads,
        }
    }

    /// The jurisdiction's page: each of its `rendered` documents with its page and the other
    /// formats this build writes of it.
    pub(super) fn index_page(&self, rendered: &[(&str, Document)]) -> OutputFile {
        let listed: Vec<site::Listed> = rendered
            .iter()
            .map(|(doc, document)| site::Listed {
                doc: (*doc).to_string(),
                title: document.title().to_string(),
                href: format!("{doc}.html"),
                formats: self.formats(doc),
                translation: document.translation(),
            })
            .collect();
        let name = self.j.name.get(self.lang).unwrap_or(&self.j.id);
        OutputFile {
            path: "index.html".into(),
            // A state's directory and coverage pages sit beside its page (shared files of the build).
            bytes: site::jurisdiction(
                self.lang,
                name,
                &listed,
                &self.index_nav(),
                self.j.kind == config::Kind::State,
            )
            .into_bytes(),
        }
    }

    /// The files of `doc` other than its page: (label, href beside it).
    fn formats(&self, doc: &str) -> Vec<(String, String)> {
        self.formats
            .iter()
            .filter(|f| **f != Format::Html)
            .map(|f| (f.label().to_string(), format!("{doc}.{}", f.extension())))
            .collect()
    }

    fn index_nav(&self) -> export::Nav {
        let mut crumbs = self.crumbs();
        crumbs.pop();
        export::Nav {
            crumbs,
            languages: languages(self.langs, "index.html"),
            downloads: self.bundle_link().into_iter().collect(),
        }
    }
}

/// The site's home pages, one per language, with their search indexes and the search script:
/// every kit in `present` (the kits in the output folder, each with its files) that has a
/// page, grouped by state. A kit's link and its documents in the index are the pages it has
/// in that language (or, lacking it, in the first language it has), so nothing links to a
/// file that is not there.
///
/// With them, each such state's directory and coverage pages ([`super::directory`]), their
/// stale marks by `freshness`, linked from its group.
pub fn home_pages(
    project: &Project,
    present: &BTreeMap<String, BTreeSet<String>>,
    langs: &[Lang],
    freshness: Freshness,
) -> Vec<OutputFile> {
    // A home page in each language some kit of the site is written in.
    let langs: Vec<Lang> = langs
        .iter()
        .copied()
        .filter(|l| {
            present
                .iter()
                .any(|(id, paths)| paths.contains(&format!("{id}/{l}/index.html")))
        })
        .collect();
    let langs = langs.as_slice();
    let states = directory::states(project, present, langs);
    let kits: Vec<(&Jurisdiction, &BTreeSet<String>)> = project
        .resolved
        .iter()
        .filter_map(|(id, r)| Some((r.as_ref().ok()?, present.get(id)?)))
        .collect();
    let mut files = Vec::new();
    for &lang in langs {
        let mut groups: BTreeMap<String, Vec<(&Jurisdiction, site::KitEntry)>> = BTreeMap::new();
        let mut state_pages: BTreeMap<String, Option<(String, String)>> = BTreeMap::new();
        for &(j, paths) in &kits {
            let Some(entry) = kit_entry(j, paths, lang, langs) else {
                continue;
            };
            let state = j
                .state_name
                .as_ref()
                .and_then(|n| n.get(lang))
                .or(j.name.get(lang))
                .unwrap_or(&j.id);
            groups
                .entry(state.to_string())
                .or_default()
                .push((j, entry));
            if let Some(pages) = states
                .iter()
                .find(|s| s.state.id == j.id || j.ancestors.contains(&s.state.id))
            {
                state_pages.entry(state.to_string()).or_insert_with(|| {
                    pages
                        .href(lang, export::directory::DIRECTORY_FILE)
                        .zip(pages.href(lang, export::directory::COVERAGE_FILE))
                });
            }
        }
        let groups: Vec<site::StateGroup> = groups
            .into_iter()
            .map(|(name, members)| {
                let (state, mut kits): (Vec<_>, Vec<_>) = members
                    .into_iter()
                    .partition(|(j, _)| j.kind == config::Kind::State);
                kits.sort_by(|(_, a), (_, b)| a.name.cmp(&b.name));
                site::StateGroup {
                    pages: state_pages.remove(&name).flatten(),
                    name,
                    state: state.into_iter().next().map(|(_, e)| e),
                    kits: kits.into_iter().map(|(_, e)| e).collect(),
                }
            })
            .collect();
        files.push(OutputFile {
            path: site::home_file(lang),
            bytes: site::home(lang, &groups, langs).into_bytes(),
        });
        files.push(OutputFile {
            path: site::search_index_file(lang),
            bytes: site::search_index(&groups).into_bytes(),
        });
    }
    for pages in &states {
        files.extend(directory::files(project, pages, present, freshness));
    }
    files.push(OutputFile {
        path: site::SEARCH_SCRIPT_FILE.to_string(),
        bytes: site::SEARCH_SCRIPT.as_bytes().to_vec(),
    });
    files
}

/// The kit of `j` on the home page in `lang`: its page and its documents' pages among `paths`
/// (its files), in `lang` or else the first of `langs` it has; none if it has no page.
fn kit_entry(
    j: &Jurisdiction,
    paths: &BTreeSet<String>,
    lang: Lang,
    langs: &[Lang],
) -> Option<site::KitEntry> {
    let shown = std::iter::once(lang)
        .chain(langs.iter().copied())
        .find(|l| paths.contains(&format!("{}/{l}/index.html", j.id)))?;
    let folder = format!("{}/{shown}/", j.id);
    let documents = paths
        .iter()
        .filter_map(|p| p.strip_prefix(&folder)?.strip_suffix(".html"))
        .filter(|doc| *doc != "index" && !doc.contains('/'))
        .map(|doc| site::IndexedDocument {
            title: site::about(doc)
                .map_or_else(|| doc.replace('-', " "), |a| t(shown, a).to_string()),
            audience: t(shown, site::Audience::of(doc).heading()).to_string(),
            href: format!("{folder}{doc}.html"),
        })
        .collect();
    Some(site::KitEntry {
        name: j
            .name
            .get(lang)
            .or(j.name.get(shown))
            .unwrap_or(&j.id)
            .to_string(),
        href: format!("{folder}index.html"),
        documents,
    })
}
