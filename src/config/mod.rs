//! Jurisdiction configs: loading the tree (`tree`), merging a jurisdiction's chain of files
//! and checking the result (`resolve`). What comes out is a [`Jurisdiction`]: complete, with
//! every fact either sourced or declared unknown.

pub mod builtin;
pub mod edit;
pub mod facts;
pub mod raw;
pub mod resolve;
pub mod status;
#[cfg(test)]
pub(crate) mod testing;
pub mod tree;

/// The value types configs are made of; they live low in the crate ([`crate::values`]) because
/// the registry reads them too.
pub use crate::values;
pub use raw::{Kind, KitKind, Provision, Role};
pub use resolve::resolve_all;
pub use tree::{load_tree, Tree};

use crate::document::Lang;
use crate::values::{Fact, Localized};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A jurisdiction with its inheritance resolved and checked.
#[derive(Debug, Clone)]
pub struct Jurisdiction {
    /// Path-like id, e.g. `us/ca/alameda`.
    pub id: String,
    /// What it is: country, state, county, city or state agency.
    pub kind: Kind,
    /// Its name, per language.
    pub name: Localized,
    /// The languages its kit is written in, in the order configured.
    pub languages: Vec<Lang>,
    /// Its agencies, by role.
    pub agencies: BTreeMap<Role, Record>,
    /// Rapid-response networks to call, in the order configured.
    pub rapid_response: Vec<Record>,
    /// Legal service providers, in the order configured.
    pub legal_services: Vec<Record>,
    /// The know-your-rights card a released person is given: its name and where to get it.
    pub rights_card: Record,
    /// Who signs the letters.
    pub signatory: Signatory,
    /// The agency whose name and address head the letters.
    pub letterhead: Role,
    /// The kind of agency the kit is for.
    pub kit: KitKind,
    /// Proposition keys per provision; every provision present (empty when the jurisdiction has no
    /// law of its own on it).
    pub law: BTreeMap<Provision, Vec<String>>,
    /// The config files it was made from, root first, its own last.
    pub files: Vec<PathBuf>,
    /// Folders whose `templates/` may override shipped templates, nearest first.
    pub template_dirs: Vec<PathBuf>,
    /// Ids of its ancestors with a config, root first (not including itself).
    pub ancestors: Vec<String>,
    /// The name of the state it is in (itself, for a state).
    pub state_name: Option<Localized>,
    /// Every fact declared unknown (a fill-in in the documents), and where.
    pub unknown: Vec<UnknownFact>,
}

/// A fact declared `unknown`: its path in the config (`agencies.sheriff.phone`), and the file
/// and line of the chain that declare it.
#[derive(Debug, Clone)]
pub struct UnknownFact {
    /// Where the fact sits in the config, e.g. `agencies.sheriff.phone`.
    pub path: String,
    /// The config file that declares it unknown.
    pub file: PathBuf,
    /// The line of that file (1-based).
    pub line: usize,
}

/// An agency, network, provider or card, with every known fact carrying its source.
#[derive(Debug, Clone)]
pub struct Record {
    /// Its name, per language.
    pub name: Localized,
    /// Name of the person who heads it.
    pub head: Option<Fact>,
    /// That person's title, per language.
    pub head_title: Option<Localized>,
    /// Postal or street address.
    pub address: Option<Fact>,
    /// Telephone number, as written.
    pub phone: Option<Fact>,
    /// Email address.
    pub email: Option<Fact>,
    /// Web address.
    pub website: Option<Fact>,
    /// Opening or answering hours, as written.
    pub hours: Option<Fact>,
    /// Area or people served, per language.
    pub serves: Option<Localized>,
}

/// The person who signs the letters, for the agency they sign for.
#[derive(Debug, Clone)]
pub struct Signatory {
    /// Their name, with its source (or unknown: a fill-in).
    pub name: Fact,
    /// Their title, per language.
    pub title: Localized,
    /// The agency they sign for.
    pub agency: Role,
}

impl Jurisdiction {
    /// The folders whose registry files hold the law of its chain (federal, state, its own):
    /// each config's folder and, for a jurisdiction of the built-in country, the built-in
    /// layer's (its registry files are used when the tree's `us/` lacks them, its config or not).
    pub fn registry_dirs(&self) -> Vec<PathBuf> {
        let root = self.ancestors.first().unwrap_or(&self.id);
        let built_in = (root == builtin::COUNTRY).then(builtin::folder);
        self.files
            .iter()
            .filter_map(|f| f.parent().map(std::path::Path::to_path_buf))
            .chain(built_in)
            .collect()
    }

    /// Every record of the jurisdiction with its path in the config (`agencies.sheriff`,
    /// `rapid_response[0]`, …).
    fn records(&self) -> Vec<(String, &Record)> {
        let mut out: Vec<(String, &Record)> = self
            .agencies
            .iter()
            .map(|(role, r)| (format!("agencies.{}", role.key()), r))
            .collect();
        out.extend(
            self.rapid_response
                .iter()
                .enumerate()
                .map(|(i, r)| (format!("rapid_response[{i}]"), r)),
        );
        out.extend(
            self.legal_services
                .iter()
                .enumerate()
                .map(|(i, r)| (format!("legal_services[{i}]"), r)),
        );
        out.push(("rights_card".into(), &self.rights_card));
        out
    }
}

impl Record {
    /// The fact fields that are set, by key.
    pub fn facts(&self) -> impl Iterator<Item = (&'static str, &Fact)> {
        [
            ("head", &self.head),
            ("address", &self.address),
            ("phone", &self.phone),
            ("email", &self.email),
            ("website", &self.website),
            ("hours", &self.hours),
        ]
        .into_iter()
        .filter_map(|(k, f)| f.as_ref().map(|f| (k, f)))
    }
}
