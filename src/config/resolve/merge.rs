//! The merge rule, in one place: a child's config over its parent's, as typed values. Maps and
//! sections merge key by key, text and lists replace; a fact or a text replaces whole, except
//! that text per language merges language by language. Two values the child cannot mean to
//! merge are an error with the place of both: a fact written `{en: …, es: …}` over one written
//! `{value: …, source: …, verified: …}` (or the reverse), and a section left empty (`key:`)
//! over the parent's section.
//!
//! A text over a map, or a map over a text, where the typed config takes both (`phone: unknown`
//! over a sourced phone, `name: Alpha` over `{en: …, es: …}`) is not a mismatch: it replaces.
//! Every value was already checked against its type when its own file was read, so the values
//! of two different types cannot otherwise meet here (a number where text is expected never
//! gets this far).

use crate::config::raw::{RawJurisdiction, RawLetterhead, RawRecord, RawSignatory};
use crate::diagnostic::Diagnostic;
use crate::values::{Fact, Localized};
use crate::yaml::Doc;
use std::collections::BTreeMap;
use std::path::Path;

/// A file of the chain: where its values are written.
#[derive(Clone, Copy)]
pub struct Layer<'a> {
    /// The config file.
    pub file: &'a Path,
    /// Its values, with where each is written.
    pub doc: &'a Doc,
}

/// One child merged over what its parents give: where the child's values are, the parents'
/// files nearest first (for where a value it cannot merge with is), and what went wrong.
pub struct Merging<'a> {
    child: Layer<'a>,
    parents: Vec<Layer<'a>>,
    path: Vec<String>,
    /// What could not be merged, in the order found.
    pub problems: Vec<Diagnostic>,
}

impl<'a> Merging<'a> {
    /// `parents` root first, as a chain is.
    pub fn new(child: Layer<'a>, parents: &[Layer<'a>]) -> Self {
        Merging {
            child,
            parents: parents.iter().rev().copied().collect(),
            path: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Runs `f` at `key` below the current path.
    fn at(&mut self, key: &str, f: impl FnOnce(&mut Self)) {
        self.path.push(key.to_string());
        f(self);
        self.path.pop();
    }

    /// Reports that the child's value at the current path cannot be merged with the parent's:
    /// `message` says why, given the path and where the parent writes it.
    fn mismatch(&mut self, message: impl FnOnce(&str, &str) -> String, hint: &str) {
        let keys: Vec<&str> = self.path.iter().map(String::as_str).collect();
        // The child's value, or its key when the value is written as nothing.
        let (line, column) = match self.child.doc.get(&keys) {
            Some((key, node)) if node.is_null() => (key.line, key.column),
            Some((_, node)) => (node.mark.line, node.mark.column),
            None => (self.child.doc.locate(&keys), 1),
        };
        let parent_place = self
            .parents
            .iter()
            .find_map(|p| {
                let (key, _) = p.doc.get(&keys)?;
                Some(format!("{}:{}", p.file.display(), key.line))
            })
            .unwrap_or_else(|| "its parents".to_string());
        self.problems.push(
            Diagnostic::error(message(&keys.join("."), &parent_place))
                .in_file(self.child.file)
                .at(line, Some(column))
                .with_hint(hint),
        );
    }

    /// Whether the child writes the current path as nothing (`key:`).
    fn child_left_empty(&self) -> bool {
        let keys: Vec<&str> = self.path.iter().map(String::as_str).collect();
        self.child.doc.get(&keys).is_some_and(|(_, n)| n.is_null())
    }
}

/// A value a child's config can write over its parent's.
pub trait Merge: Clone {
    /// Merges `child` over `self` (the parent's), reporting what cannot be merged.
    fn merge(&mut self, child: &Self, at: &mut Merging);
}

impl<T: Merge> Merge for Option<T> {
    fn merge(&mut self, child: &Self, at: &mut Merging) {
        match (self.as_mut(), child) {
            (Some(parent), Some(child)) => parent.merge(child, at),
            (None, Some(child)) => *self = Some(child.clone()),
            (_, None) => {}
        }
    }
}

/// Values that replace whole.
macro_rules! replaces {
    ($($t:ty),*) => {$(
        impl Merge for $t {
            fn merge(&mut self, child: &Self, _: &mut Merging) {
                *self = child.clone();
            }
        }
    )*};
}

replaces!(
    crate::config::Kind,
    crate::config::KitKind,
    crate::config::Role,
    crate::values::Text,
    crate::values::IsoDate
);

impl<T: Clone> Merge for Vec<T> {
    fn merge(&mut self, child: &Self, _: &mut Merging) {
        *self = child.clone();
    }
}

impl Merge for Localized {
    fn merge(&mut self, child: &Self, _: &mut Merging) {
        match (self, child) {
            (Localized::PerLanguage(parent), Localized::PerLanguage(child)) => {
                parent.extend(child.iter().map(|(l, t)| (*l, t.clone())));
            }
            (parent, child) => *parent = child.clone(),
        }
    }
}

impl Merge for Fact {
    fn merge(&mut self, child: &Self, at: &mut Merging) {
        const SOURCED: &str = "{value: …, source: …, verified: …}";
        const PER_LANGUAGE: &str = "{en: …, es: …}";
        let sourced = |f: &Fact| {
            matches!(
                f,
                Fact::Known {
                    source: Some(_),
                    ..
                }
            )
        };
        let per_language = |f: &Fact| {
            matches!(
                f,
                Fact::Known {
                    value: Localized::PerLanguage(_),
                    source: None,
                    ..
                }
            )
        };
        if (sourced(self) && per_language(child)) || (per_language(self) && sourced(child)) {
            let (theirs, ours) = if sourced(self) {
                (SOURCED, PER_LANGUAGE)
            } else {
                (PER_LANGUAGE, SOURCED)
            };
            at.mismatch(
                |path, parent| {
                    format!("`{path}` is written as {ours} here, but as {theirs} in {parent}: the two cannot be merged")
                },
                &format!("write it as the parent does ({theirs}), or as text or `unknown` to replace it whole"),
            );
            return;
        }
        match (self, child) {
            (
                Fact::Known {
                    value,
                    source,
                    verified,
                },
                Fact::Known {
                    value: child_value,
                    source: child_source,
                    verified: child_verified,
                },
            ) if sourced(child) || per_language(child) => {
                value.merge(child_value, at);
                source.merge(child_source, at);
                verified.merge(child_verified, at);
            }
            (parent, child) => *parent = child.clone(),
        }
    }
}

/// Merges a map of the config key by key, `key` naming each key as written.
fn merge_map<K: Ord + Clone, V: Merge>(
    parent: &mut BTreeMap<K, V>,
    child: &BTreeMap<K, V>,
    key: fn(&K) -> String,
    at: &mut Merging,
) {
    for (k, v) in child {
        match parent.get_mut(k) {
            Some(existing) => at.at(&key(k), |at| existing.merge(v, at)),
            None => {
                parent.insert(k.clone(), v.clone());
            }
        }
    }
}

/// A section (a map of the config): merged key by key, unless the child leaves it empty.
fn merge_section<T>(
    parent: &mut T,
    child: &T,
    at: &mut Merging,
    merge: impl FnOnce(&mut T, &T, &mut Merging),
) {
    if at.child_left_empty() {
        at.mismatch(
            |path, parent| {
                format!("`{path}` is left empty here, but {parent} fills it in: an empty key neither inherits nor removes the parent's values")
            },
            "delete the key to inherit the parent's values, or write under it the values that differ",
        );
    } else {
        merge(parent, child, at);
    }
}

/// Merges the listed fields of two structs, each at its key.
macro_rules! fields {
    ($parent:ident, $child:ident, $at:ident: $($field:ident)*) => {$(
        $at.at(stringify!($field), |at| $parent.$field.merge(&$child.$field, at));
    )*};
}

impl Merge for RawRecord {
    fn merge(&mut self, child: &Self, at: &mut Merging) {
        merge_section(self, child, at, |p, c, at| {
            fields!(p, c, at: name head head_title address phone email website hours serves source verified);
        });
    }
}

impl Merge for RawSignatory {
    fn merge(&mut self, child: &Self, at: &mut Merging) {
        merge_section(self, child, at, |p, c, at| {
            fields!(p, c, at: name title agency source verified);
        });
    }
}

impl Merge for RawLetterhead {
    fn merge(&mut self, child: &Self, at: &mut Merging) {
        merge_section(self, child, at, |p, c, at| {
            fields!(p, c, at: agency);
        });
    }
}

impl Merge for BTreeMap<crate::config::Role, RawRecord> {
    fn merge(&mut self, child: &Self, at: &mut Merging) {
        merge_section(self, child, at, |p, c, at| {
            merge_map(p, c, |r| r.key().to_string(), at);
        });
    }
}

impl Merge for BTreeMap<crate::config::Provision, Vec<crate::values::Text>> {
    fn merge(&mut self, child: &Self, at: &mut Merging) {
        merge_section(self, child, at, |p, c, at| merge_map(p, c, |p| p.key(), at));
    }
}

impl Merge for RawJurisdiction {
    fn merge(&mut self, child: &Self, at: &mut Merging) {
        fields!(self, child, at: kind name languages agencies rapid_response legal_services rights_card signatory letterhead kit law);
    }
}

#[cfg(test)]
mod tests {
    use crate::config::raw::{RawJurisdiction, Role};
    use crate::config::resolve::merge_chain;
    use crate::config::tree::{parse_config, Parsed};
    use crate::values::{Fact, Localized};
    use std::path::Path;

    /// `child` merged over `parent` (two `jurisdiction.yaml` texts), or the messages.
    fn merged(parent: &str, child: &str) -> Result<RawJurisdiction, Vec<String>> {
        let files = [Path::new("state.yaml"), Path::new("county.yaml")];
        let configs: Vec<Parsed> = [parent, child]
            .iter()
            .zip(files)
            .map(|(text, file)| {
                let (raw, doc) = parse_config(file, text).expect("parses");
                Parsed { raw, doc }
            })
            .collect();
        let chain: Vec<_> = files.into_iter().zip(&configs).collect();
        merge_chain(&chain).map_err(|(_, problems)| {
            problems
                .iter()
                .map(std::string::ToString::to_string)
                .collect()
        })
    }

    fn phone(raw: &RawJurisdiction) -> &Fact {
        raw.agencies.as_ref().unwrap()[&Role::Sheriff]
            .phone
            .as_ref()
            .unwrap()
    }

    const SOURCED: &str = "agencies:\n  sheriff:\n    phone: {value: {en: '1', es: '2'}, source: s, verified: 2026-01-02}\n";

    /// What the typed config takes in either shape replaces whole, as the merge always did:
    /// `unknown` or text over a sourced fact, text over text per language.
    #[test]
    fn a_value_the_config_takes_in_either_shape_replaces() {
        let raw = merged(SOURCED, "agencies:\n  sheriff:\n    phone: unknown\n").unwrap();
        assert_eq!(phone(&raw), &Fact::Unknown);
        let raw = merged(SOURCED, "agencies:\n  sheriff:\n    phone: '3'\n").unwrap();
        assert!(
            matches!(phone(&raw), Fact::Known { value: Localized::Same(t), source: None, .. } if t.as_str() == "3")
        );
        let raw = merged("name: {en: A, es: B}\n", "name: C\n").unwrap();
        assert!(matches!(raw.name, Some(Localized::Same(ref t)) if t.as_str() == "C"));
    }

    /// Maps merge key by key, inside a fact too: a sourced fact's value per language.
    #[test]
    fn maps_merge_key_by_key() {
        let raw = merged("name: {en: A, es: B}\n", "name: {en: C}\n").unwrap();
        assert_eq!(
            raw.name
                .as_ref()
                .and_then(|n| n.get(crate::document::Lang::Es)),
            Some("B")
        );
        let child = "agencies:\n  sheriff:\n    phone: {value: {en: '3'}, source: t, verified: 2026-01-03}\n";
        let raw = merged(SOURCED, child).unwrap();
        let Fact::Known { value, source, .. } = phone(&raw) else {
            panic!("{raw:?}")
        };
        assert_eq!(
            (
                value.get(crate::document::Lang::En),
                value.get(crate::document::Lang::Es)
            ),
            (Some("3"), Some("2"))
        );
        assert_eq!(source.as_ref().map(crate::values::Text::as_str), Some("t"));
    }
}
