//! The site's navigation: the links between the pages of one jurisdiction's kit (home,
//! breadcrumbs, the same page in the other languages, downloads and the bundle), and the home
//! pages that list every kit in the output folder, grouped by state.

use super::{bundle_path, OutputFile, Project};
use crate::config::{self, Jurisdiction};
use crate::document::Lang;
use crate::export::{self, Format};
use crate::i18n::{t, Text};

/// Links between the pages of one jurisdiction's kit in one language.
pub(super) struct KitPages<'a> {
    pub(super) j: &'a Jurisdiction,
    pub(super) lang: Lang,
    pub(super) langs: &'a [Lang],
    pub(super) formats: &'a [Format],
    pub(super) bundles: bool,
}

impl KitPages<'_> {
    /// From `<id>/<lang>/` back to the output folder.
    fn up(&self) -> String {
        "../".repeat(self.j.id.split('/').count() + 1)
    }

    fn crumbs(&self) -> Vec<(String, String)> {
        let home = (
            t(self.lang, Text::Home).to_string(),
            format!("{}{}", self.up(), export::site::home_file(self.lang)),
        );
        let name = self.j.name.get(self.lang).unwrap_or(&self.j.id).to_string();
        vec![home, (name, "index.html".to_string())]
    }

    fn alternates(&self, file: &str) -> Vec<(Lang, String)> {
        self.langs
            .iter()
            .filter(|l| **l != self.lang)
            .map(|l| (*l, format!("../{l}/{file}")))
            .collect()
    }

    fn bundle_link(&self) -> Option<(String, String)> {
        self.bundles.then(|| {
            (
                t(self.lang, Text::Bundle).to_string(),
                format!("{}{}", self.up(), bundle_path(&self.j.id, self.lang)),
            )
        })
    }

    pub(super) fn document_nav(&self, doc: &str) -> export::Nav {
        let mut downloads: Vec<(String, String)> = self
            .formats
            .iter()
            .filter(|f| **f != Format::Html)
            .map(|f| (f.label().to_string(), format!("{doc}.{}", f.extension())))
            .collect();
        downloads.extend(self.bundle_link());
        export::Nav {
            crumbs: self.crumbs(),
            alternates: self.alternates(&format!("{doc}.html")),
            downloads,
        }
    }

    pub(super) fn index_nav(&self) -> export::Nav {
        let mut crumbs = self.crumbs();
        crumbs.pop();
        export::Nav {
            crumbs,
            alternates: self.alternates("index.html"),
            downloads: self.bundle_link().into_iter().collect(),
        }
    }
}

/// The site's home pages, one per language, listing the jurisdictions in `present` (those with
/// a kit in the output folder), grouped by state.
pub fn home_pages(
    project: &Project,
    present: &std::collections::BTreeSet<String>,
    langs: &[Lang],
) -> Vec<OutputFile> {
    let kits: Vec<&Jurisdiction> = project
        .resolved
        .iter()
        .filter(|(id, _)| present.contains(id))
        .filter_map(|(_, r)| r.as_ref().ok())
        .collect();
    langs
        .iter()
        .map(|&lang| {
            let mut groups: std::collections::BTreeMap<String, Vec<&Jurisdiction>> =
                std::collections::BTreeMap::new();
            for j in &kits {
                let state = j
                    .state_name
                    .as_ref()
                    .and_then(|n| n.get(lang))
                    .or(j.name.get(lang))
                    .unwrap_or(&j.id);
                groups.entry(state.to_string()).or_default().push(j);
            }
            let groups: Vec<export::site::StateGroup> = groups
                .into_iter()
                .map(|(name, mut members)| {
                    // The state's own kit first, then its counties and cities by name.
                    members.sort_by_key(|j| {
                        (
                            j.kind != config::Kind::State,
                            j.name.get(lang).unwrap_or_default().to_string(),
                        )
                    });
                    let kits = members
                        .iter()
                        .map(|j| export::site::KitEntry {
                            name: j.name.get(lang).unwrap_or(&j.id).to_string(),
                            href: format!("{}/{lang}/index.html", j.id),
                        })
                        .collect();
                    export::site::StateGroup { name, kits }
                })
                .collect();
            OutputFile {
                path: export::site::home_file(lang),
                bytes: export::site::home(lang, &groups, langs).into_bytes(),
            }
        })
        .collect()
}
