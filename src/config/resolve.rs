//! Resolving: a jurisdiction's chain of configs (country → state → county → city) is merged,
//! then checked as a whole, so a county missing something its state also lacks is one error
//! pointing at the county's file.
//!
//! The merge rule is in one place, `merge` (maps merge key by key, text and lists replace, and
//! two values that cannot be merged are an error with the place of both). The checks of the
//! merged result live in `check`.

mod check;
mod merge;

use super::raw::{Kind, RawJurisdiction};
use super::status::FactStatus;
use super::tree::{Parsed, Tree};
use super::{Jurisdiction, UnknownFact};
use crate::diagnostic::Diagnostic;
use check::Checker;
pub use merge::{Layer, Merge, Merging};
use std::path::Path;

/// Merges a chain of parsed configs, root first. On a value that cannot be merged: the index
/// of the file that writes it, and the problems (each placed in that file).
pub fn merge_chain(
    chain: &[(&Path, &Parsed)],
) -> Result<RawJurisdiction, (usize, Vec<Diagnostic>)> {
    let layers: Vec<Layer> = chain
        .iter()
        .map(|(file, parsed)| Layer {
            file,
            doc: &parsed.doc,
        })
        .collect();
    let mut merged = RawJurisdiction::default();
    for (i, (_, parsed)) in chain.iter().enumerate() {
        let mut at = Merging::new(layers[i], &layers[..i]);
        merged.merge(&parsed.raw, &mut at);
        if !at.problems.is_empty() {
            return Err((i, at.problems));
        }
    }
    Ok(merged)
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
                config.parsed = None;
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

/// Resolves the jurisdiction `id` (a node of `tree`): merges its chain of configs, root first,
/// and checks the result. Fails with every problem of its own file, or with one saying a
/// parent it inherits from has errors.
pub fn resolve(tree: &Tree, id: &str) -> Resolved {
    let ids = chain(tree, id);
    let node = &tree.nodes[id];
    let mut configs = Vec::with_capacity(ids.len());
    for link in &ids {
        let linked = &tree.nodes[link];
        // A config is taken (`resolve_all`) only once every descendant is resolved.
        let Some(parsed) = linked.config.as_ref().and_then(|c| c.parsed.as_ref()) else {
            return Err(vec![parent_has_errors(node.file.as_path(), id, link)]);
        };
        configs.push((linked.file.as_path(), parsed));
    }
    let raw = match merge_chain(&configs) {
        Ok(raw) => raw,
        Err((i, problems)) if i + 1 == ids.len() => return Err(problems),
        // Reported when the parent itself was resolved.
        Err((i, _)) => return Err(vec![parent_has_errors(node.file.as_path(), id, &ids[i])]),
    };
    let mut checker = Checker {
        file: &node.file,
        doc: &configs[configs.len() - 1].1.doc,
        problems: Vec::new(),
        parents: ids[..ids.len() - 1]
            .iter()
            .map(|p| tree.nodes[p].file.display().to_string())
            .collect(),
    };
    let jurisdiction = checker.jurisdiction(tree, id, &ids, raw);
    match jurisdiction {
        Some(mut j) if checker.problems.is_empty() => {
            j.unknown = unknown_facts(&j, &configs);
            Ok(j)
        }
        _ => Err(checker.problems),
    }
}

/// Every fact `j` declares unknown, each placed in the nearest file of its chain that writes it
/// (so one written in a state is named once, however many counties inherit it): found while the
/// files are loaded, so `check` points into the text the documents were made from, even if a
/// file changed since.
fn unknown_facts(j: &Jurisdiction, chain: &[(&Path, &Parsed)]) -> Vec<UnknownFact> {
    let Some(own) = chain.last() else {
        return Vec::new();
    };
    super::status::facts(j, None)
        .into_iter()
        .filter(|f| f.status == super::status::Status::Unknown)
        .map(|FactStatus { path, .. }| {
            let keys: Vec<&str> = path.split(['.', '[']).collect();
            let (file, parsed) = chain
                .iter()
                .rev()
                .find(|(_, p)| p.doc.defines(&keys))
                .unwrap_or(own);
            UnknownFact {
                line: parsed.doc.locate(&keys),
                file: file.to_path_buf(),
                path,
            }
        })
        .collect()
}

/// The note for a jurisdiction whose own config or a parent's has errors: the error itself was
/// reported (and counted) where the file was read or merged.
fn parent_has_errors(file: &Path, id: &str, link: &str) -> Diagnostic {
    let msg = if link == id {
        format!("`{id}` has errors in its config (reported above)")
    } else {
        format!("`{id}` is not built: its parent `{link}` has errors (reported above)")
    };
    Diagnostic::note(msg).in_file(file)
}
