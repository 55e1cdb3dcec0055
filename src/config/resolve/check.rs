//! The checks of one merged chain: a [`Checker`] turns the raw, merged config into a
//! [`Jurisdiction`], reporting every value that is missing, empty or inconsistent at the line
//! of the file being resolved, and naming the parents that lack it too.

use crate::config::raw::{Kind, KitKind, Provision, RawJurisdiction, RawRecord, Role};
use crate::config::tree::{Tree, TEMPLATES_DIR};
use crate::config::values::{Fact, Localized, Text};
use crate::config::{Jurisdiction, Record, Signatory};
use crate::diagnostic::Diagnostic;
use crate::document::Lang;
use crate::yaml::Doc;
use std::collections::BTreeMap;
use std::path::Path;

pub(super) struct Checker<'a> {
    pub(super) file: &'a Path,
    /// Where the values of the file being resolved are written.
    pub(super) doc: &'a Doc,
    /// The files of the jurisdiction's parents, named when a value is missing from all of them.
    pub(super) parents: Vec<String>,
    pub(super) problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn problem(&mut self, path: &str, message: String, hint: impl Into<String>) {
        let keys: Vec<&str> = path.split(['.', '[']).collect();
        let line = self.doc.locate(&keys);
        self.problems.push(
            Diagnostic::error(message)
                .in_file(self.file)
                .at(line, None)
                .with_hint(hint),
        );
    }

    fn missing(&mut self, path: &str, example: &str) {
        let place = if self.parents.is_empty() {
            "it is not set in this file".to_string()
        } else {
            format!(
                "it is set neither in this file nor in its parents ({})",
                self.parents.join(", ")
            )
        };
        self.problem(
            path,
            format!("`{path}` is missing: {place}"),
            format!("add it here, e.g. `{example}`"),
        );
    }

    fn required<T>(&mut self, value: Option<T>, path: &str, example: &str) -> Option<T> {
        if value.is_none() {
            self.missing(path, example);
        }
        value
    }

    /// A value that may be written per language: given per language, it has English, which
    /// a language of the kit it lacks shows (a name is never translated by a template).
    fn localized(&mut self, value: Option<Localized>, path: &str) -> Option<Localized> {
        let value = self.required(value, path, &format!("{}: {{en: …, es: …}}", leaf(path)))?;
        if value.given(Lang::En).is_none() {
            self.problem(
                path,
                format!("`{path}` has no `en` text"),
                format!(
                    "add `en: …` under `{}`: English is shown in each language the value is not written in",
                    leaf(path)
                ),
            );
        }
        Some(value)
    }

    pub(super) fn jurisdiction(
        &mut self,
        tree: &Tree,
        id: &str,
        ids: &[String],
        raw: RawJurisdiction,
    ) -> Option<Jurisdiction> {
        let kind = self.required(raw.kind, "kind", "kind: county")?;
        let languages = self.required(raw.languages, "languages", "languages: [en, es]")?;
        if languages.is_empty() {
            self.problem(
                "languages",
                "`languages` is empty".into(),
                "list at least one, e.g. `languages: [en, es]`",
            );
        }
        let name = self.localized(raw.name, "name");
        if kind == Kind::Country {
            // A country layer only carries defaults; it is checked through its states.
            return Some(Jurisdiction {
                id: id.to_string(),
                kind,
                name: name?,
                languages,
                agencies: BTreeMap::new(),
                rapid_response: Vec::new(),
                legal_services: Vec::new(),
                rights_card: empty_record(),
                signatory: Signatory {
                    name: Fact::Unknown,
                    title: Localized::PerLanguage(BTreeMap::new()),
                    agency: Role::Sheriff,
                },
                letterhead: Role::Sheriff,
                kit: KitKind::County,
                law: BTreeMap::new(),
                files: Vec::new(),
                template_dirs: Vec::new(),
                ancestors: Vec::new(),
                state_name: None,
                unknown: Vec::new(),
            });
        }
        let mut agencies = BTreeMap::new();
        for (role, rec) in raw.agencies.unwrap_or_default() {
            let path = format!("agencies.{}", role.key());
            if let Some(r) = self.record(rec, &path, &["name"], &languages) {
                agencies.insert(role, r);
            }
        }
        if !agencies.contains_key(&Role::PublicDefender) {
            self.missing(
                "agencies.public_defender",
                "public_defender: {name: …, phone: unknown, source: …, verified: …}",
            );
        }
        let rapid_response = self.records(
            raw.rapid_response,
            "rapid_response",
            &["name", "phone"],
            &languages,
        );
        let legal_services = self.records(
            raw.legal_services,
            "legal_services",
            &["name", "phone"],
            &languages,
        );
        let rights_card = self
            .required(
                raw.rights_card,
                "rights_card",
                "rights_card: {name: …, website: …, source: …, verified: …}",
            )
            .and_then(|r| self.record(r, "rights_card", &["name", "website"], &languages));
        let signatory = self.signatory(raw.signatory, &agencies);
        let letterhead = self
            .required(
                raw.letterhead.and_then(|l| l.agency),
                "letterhead.agency",
                "agency: sheriff",
            )
            .filter(|role| self.known_agency(*role, "letterhead.agency", &agencies));
        let kit = raw.kit.unwrap_or_default();
        let law = self.law(tree, raw.law.unwrap_or_default(), kit);
        let files = ids.iter().map(|i| tree.nodes[i].file.clone()).collect();
        let template_dirs = ids
            .iter()
            .rev()
            .map(|i| tree.nodes[i].dir.join(TEMPLATES_DIR))
            .filter(|d| d.is_dir())
            .collect();
        Some(Jurisdiction {
            id: id.to_string(),
            kind,
            name: name?,
            languages,
            agencies,
            rapid_response: rapid_response?,
            legal_services: legal_services?,
            rights_card: rights_card?,
            signatory: signatory?,
            letterhead: letterhead?,
            kit,
            law,
            files,
            template_dirs,
            ancestors: ids[..ids.len() - 1].to_vec(),
            state_name: ids.iter().rev().find_map(|i| match &tree.nodes[i].config {
                Some(config) if config.kind == Some(Kind::State) => config.name.clone(),
                _ => None,
            }),
            unknown: Vec::new(),
        })
    }

    fn known_agency(&mut self, role: Role, path: &str, agencies: &BTreeMap<Role, Record>) -> bool {
        let known = agencies.contains_key(&role);
        if !known {
            self.problem(
                path,
                format!(
                    "`{path}` names `{}`, which is not among this jurisdiction's agencies",
                    role.key()
                ),
                format!(
                    "add `agencies.{}` or name one of: {}",
                    role.key(),
                    agencies
                        .keys()
                        .map(|r| r.key())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
        known
    }

    fn records(
        &mut self,
        raw: Option<Vec<RawRecord>>,
        path: &str,
        required: &[&str],
        langs: &[Lang],
    ) -> Option<Vec<Record>> {
        let list = self.required(
            raw,
            path,
            &format!("{path}: [{{name: …, phone: …, source: …, verified: …}}]"),
        )?;
        if list.is_empty() {
            self.problem(
                path,
                format!("`{path}` is empty"),
                "list at least one; use `phone: unknown` for a fact not known yet",
            );
        }
        let out: Vec<Record> = list
            .into_iter()
            .enumerate()
            .filter_map(|(i, r)| self.record(r, &format!("{path}[{i}]"), required, langs))
            .collect();
        Some(out)
    }

    fn record(
        &mut self,
        raw: RawRecord,
        path: &str,
        required: &[&str],
        langs: &[Lang],
    ) -> Option<Record> {
        let record_source = raw.source.clone().zip(raw.verified);
        let name = if required.contains(&"name") {
            self.localized(raw.name, &format!("{path}.name"))
        } else {
            raw.name
        };
        let fact = |checker: &mut Self, field: &str, value: Option<Fact>| -> Option<Fact> {
            let fpath = format!("{path}.{field}");
            let value = if required.contains(&field) {
                checker.required(value, &fpath, &format!("{field}: unknown"))?
            } else {
                value?
            };
            if let Fact::Known { value: text, .. } = &value {
                // Documents print a website as text; a scheme other than http(s) is a mistake
                // (or a trap for whoever copies it).
                let bad_address = (field == "website")
                    .then(|| langs.iter().filter_map(|l| text.get(*l)))
                    .and_then(|mut v| v.find_map(crate::config::values::not_web_address));
                if let Some((message, hint)) = bad_address {
                    checker.problem(&fpath, format!("`{fpath}`: {message}"), hint);
                }
                if text.given(Lang::En).is_none() {
                    checker.problem(
                        &fpath,
                        format!("`{fpath}` has no `en` text"),
                        format!("add `en: …` under `{field}`: English is shown in each language the value is not written in"),
                    );
                }
            }
            Some(match value {
                Fact::Unknown => Fact::Unknown,
                Fact::Known {
                    value,
                    source: Some(s),
                    verified,
                } => Fact::Known {
                    value,
                    source: Some(s),
                    verified,
                },
                Fact::Known { value, .. } => match &record_source {
                    Some((source, verified)) => Fact::Known {
                        value,
                        source: Some(source.clone()),
                        verified: Some(*verified),
                    },
                    None => {
                        checker.problem(
                            &fpath,
                            format!("`{fpath}` has no source"),
                            format!("add `source:` and `verified:` to `{path}`, or write `{field}: unknown` until it is checked"),
                        );
                        return None;
                    }
                },
            })
        };
        let record = Record {
            head: fact(self, "head", raw.head),
            address: fact(self, "address", raw.address),
            phone: fact(self, "phone", raw.phone),
            email: fact(self, "email", raw.email),
            website: fact(self, "website", raw.website),
            hours: fact(self, "hours", raw.hours),
            head_title: raw.head_title,
            serves: raw.serves,
            name: name?,
        };
        if record_source.is_none() && (raw.source.is_some() || raw.verified.is_some()) {
            let missing = if raw.source.is_some() {
                "verified"
            } else {
                "source"
            };
            self.problem(
                path,
                format!("`{path}` has a source but no `{missing}`"),
                format!("add `{missing}:`"),
            );
        }
        let name_known = record.name.get(langs.first().copied().unwrap_or(Lang::En))
            != Some(crate::config::values::UNKNOWN);
        if record_source.is_none() && name_known {
            // A name alone is still a fact that can be wrong.
            self.problem(
                path,
                format!("`{path}` has no source"),
                "add `source:` (URL or document) and `verified:` (YYYY-MM-DD)",
            );
        }
        Some(record)
    }

    fn signatory(
        &mut self,
        raw: Option<crate::config::raw::RawSignatory>,
        agencies: &BTreeMap<Role, Record>,
    ) -> Option<Signatory> {
        let raw = self.required(
            raw,
            "signatory",
            "signatory: {name: unknown, title: …, agency: sheriff}",
        )?;
        let title = self.localized(raw.title, "signatory.title");
        let name = self.required(raw.name, "signatory.name", "name: unknown");
        let agency = self
            .required(raw.agency, "signatory.agency", "agency: county_counsel")
            .filter(|role| self.known_agency(*role, "signatory.agency", agencies));
        let name = match name? {
            Fact::Known {
                value,
                source: None,
                ..
            } => {
                match raw.source.zip(raw.verified) {
                    Some((s, v)) => Fact::Known {
                        value,
                        source: Some(s),
                        verified: Some(v),
                    },
                    None => {
                        self.problem("signatory.name", "`signatory.name` has no source".into(), "add `source:` and `verified:` to `signatory`, or write `name: unknown`");
                        return None;
                    }
                }
            }
            other => other,
        };
        Some(Signatory {
            name,
            title: title?,
            agency: agency?,
        })
    }

    fn law(
        &mut self,
        tree: &Tree,
        raw: BTreeMap<Provision, Vec<Text>>,
        kit: KitKind,
    ) -> BTreeMap<Provision, Vec<String>> {
        let mut law: BTreeMap<Provision, Vec<String>> = Provision::ALL
            .into_iter()
            .map(|p| (p, Vec::new()))
            .collect();
        for (provision, keys) in raw {
            for key in keys {
                let key = key.0;
                let line = || self.doc.locate(&["law", &provision.key(), &key]);
                let Some((proposition, _)) = tree.registry.proposition(&key) else {
                    self.problems.push(
                        tree.registry
                            .unknown_proposition(&key)
                            .in_file(self.file)
                            .at(line(), None),
                    );
                    continue;
                };
                let binds = &proposition.binds;
                if !kit.admits(binds) {
                    let bound: Vec<&str> = binds.iter().map(|b| b.describe()).collect();
                    self.problems.push(
                        Diagnostic::error(format!(
                            "proposition `{key}` binds {}, but this kit is for {}",
                            bound.join(" and "),
                            kit.describe()
                        ))
                        .in_file(self.file)
                        .at(line(), None)
                        .with_hint("state only the law that binds the kit's agency: remove the key here, or set `kit:` to the agency the law binds"),
                    );
                } else {
                    law.entry(provision).or_default().push(key);
                }
            }
        }
        law
    }
}

fn leaf(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

fn empty_record() -> Record {
    Record {
        name: Localized::PerLanguage(BTreeMap::new()),
        head: None,
        head_title: None,
        address: None,
        phone: None,
        email: None,
        website: None,
        hours: None,
        serves: None,
    }
}
