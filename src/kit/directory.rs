//! The data of each state's directory and coverage pages, read from the resolved
//! jurisdictions within the state: every rapid response network and legal service provider
//! once (by its English name, across counties) with the counties that name it, and per county
//! the facts known, unknown and stale ([`crate::config::status`], the one enumeration
//! `check` and `facts` read too). [`crate::export::directory`] writes the pages; they are
//! shared files of the build, written with the home pages.

use super::{OutputFile, Project};
use crate::config::status::{self, FactStatus, Freshness, Status};
use crate::config::{Jurisdiction, Kind, Record};
use crate::document::Lang;
use crate::export::directory::{self as page, Count, County, Entry, EntryKind, Shown};
use crate::export::Nav;
use crate::values::{Fact, UNKNOWN};
use std::collections::{BTreeMap, BTreeSet};

/// One of the two pages' exporters.
type PageWriter = fn(Lang, &page::StateDirectory, &Nav) -> String;

/// A state with kits in the output folder, and the languages its pages are written in.
pub(super) struct StatePages<'a> {
    pub(super) state: &'a Jurisdiction,
    pub(super) langs: Vec<Lang>,
}

impl StatePages<'_> {
    /// The directory page's path from the site's root in `lang`, if written in it.
    pub(super) fn href(&self, lang: Lang, file: &str) -> Option<String> {
        self.langs
            .contains(&lang)
            .then(|| format!("{}/{lang}/{file}", self.state.id))
    }
}

/// The states whose pages this build writes: each with a kit in `present` (its own or one
/// within it), in the languages of `langs` its kit is written in.
pub(super) fn states<'a>(
    project: &'a Project,
    present: &BTreeMap<String, BTreeSet<String>>,
    langs: &[Lang],
) -> Vec<StatePages<'a>> {
    resolved(project)
        .filter(|s| s.kind == Kind::State)
        .filter(|s| {
            present
                .keys()
                .any(|id| *id == s.id || id.starts_with(&format!("{}/", s.id)))
        })
        .map(|state| StatePages {
            state,
            langs: langs
                .iter()
                .copied()
                .filter(|l| state.languages.contains(l))
                .collect(),
        })
        .collect()
}

fn resolved(project: &Project) -> impl Iterator<Item = &Jurisdiction> {
    project.resolved.iter().filter_map(|(_, r)| r.as_ref().ok())
}

/// Both pages of `pages`' state in each of its languages; `present` says whether the state's
/// own page exists, for the breadcrumb.
pub(super) fn files(
    project: &Project,
    pages: &StatePages,
    present: &BTreeMap<String, BTreeSet<String>>,
    freshness: Freshness,
) -> Vec<OutputFile> {
    let state = pages.state;
    let members: Vec<&Jurisdiction> = resolved(project)
        .filter(|j| j.ancestors.contains(&state.id))
        .collect();
    let mut out = Vec::new();
    for &lang in &pages.langs {
        let data = model(state, &members, lang, freshness);
        let mut crumbs = vec![super::site::home_crumb(&state.id, lang)];
        let own = format!("{}/{lang}/index.html", state.id);
        if present.get(&state.id).is_some_and(|p| p.contains(&own)) {
            crumbs.push((data.state.clone(), "index.html".to_string()));
        }
        let writers: [(&str, PageWriter); 2] = [
            (page::DIRECTORY_FILE, page::directory),
            (page::COVERAGE_FILE, page::coverage),
        ];
        for (file, write) in writers {
            let nav = Nav {
                crumbs: crumbs.clone(),
                languages: super::site::languages(&pages.langs, file),
                downloads: Vec::new(),
            };
            out.push(OutputFile {
                path: format!("{}/{lang}/{file}", state.id),
                bytes: write(lang, &data, &nav).into_bytes(),
            });
        }
    }
    out
}

/// What `state`'s pages show in `lang`, from its `members` (every jurisdiction within it).
pub fn model(
    state: &Jurisdiction,
    members: &[&Jurisdiction],
    lang: Lang,
    freshness: Freshness,
) -> page::StateDirectory {
    let cutoff = freshness.cutoff();
    let name = |j: &Jurisdiction| {
        j.name
            .get(lang)
            .or(j.name.get(Lang::En))
            .unwrap_or(&j.id)
            .to_string()
    };
    let anchor = |j: &Jurisdiction| {
        let own =
            j.id.strip_prefix(&format!("{}/", state.id))
                .unwrap_or(&j.id);
        format!("county-{}", own.replace('/', "-"))
    };
    // By kind and English name: the first county (in id order) that names it gives its facts.
    let mut found: BTreeMap<(EntryKind, String), (Entry, Vec<&Jurisdiction>)> = BTreeMap::new();
    let mut counties = Vec::new();
    for &j in members {
        let facts = status::facts(j, Some(cutoff));
        let mut count = Count::default();
        for f in facts.iter().filter(|f| f.of_a_record()) {
            match f.status {
                Status::Known => count.known += 1,
                Status::Unknown => count.unknown += 1,
                Status::Stale => count.stale += 1,
            }
        }
        counties.push(County {
            name: name(j),
            anchor: anchor(j),
            count,
        });
        let lists = [
            (EntryKind::Network, "rapid_response", &j.rapid_response),
            (EntryKind::Provider, "legal_services", &j.legal_services),
        ];
        for (kind, key, list) in lists {
            for (i, r) in list.iter().enumerate() {
                let Some(english) = r.name.get(Lang::En).filter(|n| *n != UNKNOWN) else {
                    continue;
                };
                let at = format!("{key}[{i}]");
                found
                    .entry((kind, english.to_string()))
                    .or_insert_with(|| (entry(kind, r, &at, &facts, lang), Vec::new()))
                    .1
                    .push(j);
            }
        }
    }
    let mut entries: Vec<Entry> = found
        .into_values()
        .map(|(mut e, serving)| {
            e.counties = serving.iter().map(|j| (name(j), anchor(j))).collect();
            e.counties.sort();
            e.counties.dedup();
            e
        })
        .collect();
    entries.sort_by_key(|e| (e.kind, e.name.to_lowercase()));
    counties.sort_by(|a, b| a.name.cmp(&b.name));
    page::StateDirectory {
        state: name(state),
        entries,
        counties,
        stale_days: freshness.stale_days,
        today: freshness.today.to_string(),
    }
}

/// The entry of record `r` (at config path `at`), its facts' dates and marks from `facts`.
fn entry(kind: EntryKind, r: &Record, at: &str, facts: &[FactStatus], lang: Lang) -> Entry {
    let shown = |field: &str, fact: &Option<Fact>| match fact {
        None => Shown::Absent,
        Some(Fact::Unknown) => Shown::Unknown,
        Some(Fact::Known { value, .. }) => {
            let path = format!("{at}.{field}");
            let status = facts.iter().find(|f| f.path == path);
            Shown::Known {
                value: value
                    .get(lang)
                    .or(value.get(Lang::En))
                    .unwrap_or_default()
                    .to_string(),
                verified: status.and_then(|f| f.verified).map(|d| d.to_string()),
                stale: status.is_some_and(|f| f.status == Status::Stale),
            }
        }
    };
    Entry {
        kind,
        name: r
            .name
            .get(lang)
            .or(r.name.get(Lang::En))
            .unwrap_or_default()
            .to_string(),
        counties: Vec::new(),
        phone: shown("phone", &r.phone),
        website: shown("website", &r.website),
        hours: shown("hours", &r.hours),
    }
}
