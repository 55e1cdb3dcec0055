//! Resolving: a jurisdiction's chain of configs (country → state → county → city) is merged,
//! then checked as a whole, so a county missing something its state also lacks is one error
//! pointing at the county's file.
//!
//! The merge rule, in one place ([`merge`]): maps merge key by key, text and lists replace.
//! The checks of the merged result live in `check`; [`locate`] finds the line a key is written
//! on, for every message that points into a config or registry file.

mod check;

use super::raw::{Kind, RawJurisdiction};
use super::tree::{Config, Tree};
use super::Jurisdiction;
use crate::diagnostic::Diagnostic;
pub use crate::yaml::{defines, locate};
use check::Checker;
use serde_yaml::Value;

/// Deep merge of a child config over its parent's.
pub fn merge(parent: &mut Value, child: &Value) {
    match (parent, child) {
        (Value::Mapping(p), Value::Mapping(c)) => {
            for (k, v) in c {
                match p.get_mut(k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        p.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (p, c) => *p = c.clone(),
    }
}

/// Outcome of resolving one jurisdiction.
pub type Resolved = Result<Jurisdiction, Vec<Diagnostic>>;

/// Resolves every jurisdiction that gets a kit (all but countries), in id order.
pub fn resolve_all(tree: &mut Tree) -> Vec<(String, Resolved)> {
    let ids: Vec<String> = tree.nodes.keys().cloned().collect();
    // Children sort after their parent: in reverse order every jurisdiction comes after all of
    // its descendants, so once it is resolved no one needs its parsed value any more, and the
    // parsed tree is never held whole beside the resolved one.
    let mut resolved: Vec<(String, Resolved)> = ids
        .into_iter()
        .rev()
        .filter_map(|id| {
            let result = resolve(tree, &id);
            if let Some(config) = tree.nodes.get_mut(&id).and_then(|n| n.config.as_mut()) {
                config.value = Value::Null;
            }
            match &result {
                Ok(j) if j.kind == Kind::Country => None,
                _ => Some((id, result)),
            }
        })
        .collect();
    resolved.reverse();
    resolved
}

/// The ids of `id`'s ancestors that have a config, root first, then `id` itself.
pub fn chain(tree: &Tree, id: &str) -> Vec<String> {
    let segments: Vec<&str> = id.split('/').collect();
    (1..=segments.len())
        .map(|n| segments[..n].join("/"))
        .filter(|prefix| tree.nodes.contains_key(prefix))
        .collect()
}

pub fn resolve(tree: &Tree, id: &str) -> Resolved {
    let ids = chain(tree, id);
    let node = &tree.nodes[id];
    let mut merged = Value::Mapping(Default::default());
    for link in &ids {
        let Some(Config { value, .. }) = &tree.nodes[link].config else {
            let msg = if link == id {
                format!("`{id}` has errors in its config (reported above)")
            } else {
                format!("`{id}` is not built: its parent `{link}` has errors (reported above)")
            };
            // A note: the error itself was reported (and counted) where the file was read.
            return Err(vec![Diagnostic::note(msg).in_file(&node.file)]);
        };
        merge(&mut merged, value);
    }
    let raw: RawJurisdiction = serde_yaml::from_value(merged)
        .map_err(|e| vec![crate::yaml::to_diagnostic(&node.file, &e)])?;
    let mut checker = Checker {
        file: &node.file,
        text: &node.text,
        problems: Vec::new(),
        parents: ids[..ids.len() - 1]
            .iter()
            .map(|p| tree.nodes[p].file.display().to_string())
            .collect(),
    };
    let jurisdiction = checker.jurisdiction(tree, id, &ids, raw);
    match jurisdiction {
        Some(j) if checker.problems.is_empty() => Ok(j),
        _ => Err(checker.problems),
    }
}
