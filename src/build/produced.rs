//! What every jurisdiction can write, found before anything is written, so two jurisdictions
//! that would write the same path (`us/ca/x-y` and `us/ca/x/y` share a bundle's name) are both
//! refused instead of one overwriting the other.

use crate::diagnostic::Diagnostic;
use crate::kit::{Project, Selection};
use std::collections::{HashMap, HashSet};

/// Every path each jurisdiction of the tree can write (every language, format and bundle),
/// and the paths two jurisdictions would both write (`us/ca/x-y` and `us/ca/x/y` share the
/// bundle `us-ca-x-y-en.zip`): found before anything is written.
pub(super) struct Produced<'a> {
    /// The paths of each jurisdiction, by id.
    pub(super) paths: HashMap<&'a str, HashSet<String>>,
    /// The jurisdictions that would write each path.
    claimed: HashMap<String, Vec<&'a str>>,
}

impl<'a> Produced<'a> {
    pub(super) fn of(project: &'a Project) -> Produced<'a> {
        let everything = Selection::everything();
        let mut produced = Produced {
            paths: HashMap::new(),
            claimed: HashMap::new(),
        };
        for (id, resolved) in &project.resolved {
            let Ok(j) = resolved else { continue };
            let Ok(paths) = project.paths(j, &everything) else {
                continue;
            };
            for path in &paths {
                produced
                    .claimed
                    .entry(path.clone())
                    .or_default()
                    .push(id.as_str());
            }
            produced
                .paths
                .insert(id.as_str(), paths.into_iter().collect());
        }
        produced
    }

    /// The problem of `id` if another jurisdiction would write one of its files.
    pub(super) fn collisions(&self, id: &str) -> Option<Diagnostic> {
        let mut shared: Vec<(&String, &Vec<&str>)> = self
            .paths
            .get(id)?
            .iter()
            .filter_map(|p| {
                let owners = &self.claimed[p];
                (owners.len() > 1).then_some((p, owners))
            })
            .collect();
        shared.sort();
        let (path, owners) = shared.first()?;
        let others: Vec<String> = owners
            .iter()
            .filter(|o| **o != id)
            .map(|o| format!("`{o}`"))
            .collect();
        Some(
            Diagnostic::error(format!(
                "`{id}` and {} would both write `{path}`{}; neither was built",
                others.join(", "),
                match shared.len() {
                    1 => String::new(),
                    n => format!(" (and {} more files)", n - 1),
                }
            ))
            .with_hint("rename one of the folders: ids that differ only by `/` and `-` share their bundles' names"),
        )
    }
}
