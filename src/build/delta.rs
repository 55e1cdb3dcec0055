//! The fast rebuild: which jurisdictions a change of input files reaches, so a rebuild loads,
//! resolves and renders only those and carries every other kit over as it is. A changed
//! `jurisdiction.yaml` reaches its jurisdiction and every one below it, a changed template of a
//! `templates/` folder in the tree every jurisdiction below that folder. Anything else — a
//! registry file, the tree root's or the `--templates` folder's templates, an entry added,
//! removed or of another kind, another tool or selection, an output not as built, a last build
//! that did not finish cleanly — is a change whose reach is not worked out here: the rebuild
//! then takes the full path, which is always right.

use super::manifest::{ManifestEntry, Previous};
use super::shortcut::{settled, EntryKind, InputEntry, InputFiles, Inputs};
use crate::config::tree::{AUTHORITIES_FILE, CONFIG_FILE, PROPOSITIONS_FILE, TEMPLATES_DIR};
use crate::export::Format;
use crate::kit::Selection;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What a fast rebuild reads and what it carries over.
#[derive(Debug, PartialEq, Eq)]
pub struct Delta {
    /// The files to read, in walk order: the configs of every reached jurisdiction's chain,
    /// and every registry file (the registry is one, shared by every jurisdiction).
    pub files: Vec<PathBuf>,
    /// The jurisdictions reached: loaded, resolved and rendered.
    pub reached: BTreeSet<String>,
    /// The jurisdictions not reached whose files the last build wrote: carried over.
    pub carried: BTreeSet<String>,
}

/// The fast rebuild of `inputs` into `out` over the build `previous` recorded, if the change
/// is one whose reach is known (see the module's doc); `None` sends the rebuild the full way.
/// The site's home pages list every kit, so a selection with HTML takes the full way too.
pub fn fast_rebuild(
    out: &Path,
    previous: &Previous,
    inputs: &Inputs,
    selection: &Selection,
) -> Option<Delta> {
    if selection.formats().contains(&Format::Html) || !settled(out) {
        return None;
    }
    let manifest = previous.manifest()?;
    let before = manifest.last_build.as_ref()?.sources.as_ref()?;
    let now = inputs.files.as_ref()?;
    let delta = reach(before, now)?;
    let owners: BTreeSet<&str> = manifest
        .files
        .iter()
        .filter_map(|e| e.jurisdiction.as_deref())
        .collect();
    let carried: BTreeSet<String> = owners
        .iter()
        .filter(|id| !delta.reached.contains(**id))
        .map(std::string::ToString::to_string)
        .collect();
    // Every carried kit must still be in the tree and every file of it there (a deleted
    // output is for the full path to rebuild). A folder not modified since the manifest was
    // written still holds every file the manifest lists in it — a file removed, added or
    // renamed changes its folder's time — so only the files of a changed folder are looked at
    // one by one. A carried file edited in place is not rewritten, and a later build that
    // replaces it first checks it against the manifest (it is kept then).
    let ids = config_ids(&now.roots[0].entries);
    let mut folders: HashMap<&str, Vec<&ManifestEntry>> = HashMap::new();
    for e in &manifest.files {
        if e.jurisdiction
            .as_ref()
            .is_some_and(|id| carried.contains(id))
        {
            let folder = e.path.rsplit_once('/').map_or("", |(folder, _)| folder);
            folders.entry(folder).or_default().push(e);
        }
    }
    let written = previous.written();
    let untouched = |folder: &str| {
        std::fs::symlink_metadata(out.join(folder))
            .and_then(|m| m.modified())
            .is_ok_and(|modified| written.is_some_and(|w| modified < w))
    };
    let intact = carried.iter().all(|id| ids.contains(id.as_str()))
        && folders.par_iter().all(|(folder, entries)| {
            untouched(folder)
                || entries
                    .iter()
                    .all(|e| previous.unchanged(&out.join(&e.path), e))
        });
    intact.then_some(Delta { carried, ..delta })
}

/// The jurisdictions the change from `before` to `now` reaches, and the files to read for them;
/// `None` when its reach is not known.
fn reach(before: &InputFiles, now: &InputFiles) -> Option<Delta> {
    let same_shape = before.context == now.context
        && before.roots.len() == now.roots.len()
        && before.roots.iter().zip(&now.roots).all(|(b, n)| {
            b.root == n.root
                && b.entries.len() == n.entries.len()
                && b.entries
                    .iter()
                    .zip(&n.entries)
                    .all(|(b, n)| b.path == n.path && b.kind == n.kind)
        });
    if !same_shape {
        return None;
    }
    let mut reaches = Vec::new();
    for (i, (b, n)) in before.roots.iter().zip(&now.roots).enumerate() {
        for (b, n) in b.entries.iter().zip(&n.entries) {
            if b.sha256 != n.sha256 {
                // Only the tree (root 0) has jurisdictions below its folders.
                reaches.push(folder_reached(&n.path).filter(|_| i == 0)?);
            }
        }
    }
    let tree = &now.roots[0].entries;
    let ids = config_ids(tree);
    // Ids that share a bundle's name (`us/a-b`, `us/a/b`) collide on what languages they
    // have: the full path refuses both, so it decides.
    let mut bundles = HashSet::new();
    if !ids.iter().all(|id| bundles.insert(id.replace('/', "-"))) {
        return None;
    }
    let reached: BTreeSet<String> = ids
        .iter()
        .filter(|id| {
            reaches
                .iter()
                .any(|r| **id == r.as_str() || id.starts_with(&format!("{r}/")))
        })
        .map(std::string::ToString::to_string)
        .collect();
    let chains: HashSet<&str> = ids
        .iter()
        .copied()
        .filter(|id| {
            reached
                .iter()
                .any(|r| r == id || r.starts_with(&format!("{id}/")))
        })
        .collect();
    let root = Path::new(&now.roots[0].root);
    let files = tree
        .iter()
        .filter(|e| loaded(e))
        .filter(|e| match e.path.rsplit_once('/') {
            Some((dir, CONFIG_FILE)) => chains.contains(dir),
            _ => true,
        })
        .map(|e| root.join(&e.path))
        .collect();
    Some(Delta {
        files,
        reached,
        carried: BTreeSet::new(),
    })
}

/// The folder whose jurisdictions a change of the file at `path` reaches, if that is known: a
/// config's own folder, or the folder holding the `templates/` folder of a template.
fn folder_reached(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').collect();
    if parts.iter().any(|p| p.starts_with('.')) {
        return None;
    }
    let folder = match parts.iter().position(|p| *p == TEMPLATES_DIR) {
        Some(at) => &parts[..at],
        None if parts.last() == Some(&CONFIG_FILE) => &parts[..parts.len() - 1],
        None => return None,
    };
    (!folder.is_empty()).then(|| folder.join("/"))
}

/// Whether the loader reads this entry of the tree: a config or registry file outside hidden
/// and `templates/` folders.
fn loaded(e: &InputEntry) -> bool {
    let parts: Vec<&str> = e.path.split('/').collect();
    let (name, folders) = parts.split_last().unwrap_or((&"", &[]));
    e.kind == EntryKind::File
        && [CONFIG_FILE, AUTHORITIES_FILE, PROPOSITIONS_FILE].contains(name)
        && !folders
            .iter()
            .any(|f| f.starts_with('.') || *f == TEMPLATES_DIR)
}

/// The id of every jurisdiction of the tree: the folders with a config the loader reads.
fn config_ids(tree: &[InputEntry]) -> BTreeSet<&str> {
    tree.iter()
        .filter(|e| loaded(e))
        .filter_map(|e| match e.path.rsplit_once('/') {
            Some((dir, CONFIG_FILE)) => Some(dir),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::shortcut::InputRoot;

    fn file(path: &str, sha: &str) -> InputEntry {
        InputEntry {
            path: path.into(),
            kind: EntryKind::File,
            sha256: Some(sha.into()),
            stamp: None,
        }
    }

    /// A state with two counties, one of them with a template override, and the registry.
    fn tree(changed: &str) -> InputFiles {
        let files = [
            "us/authorities.yaml",
            "us/jurisdiction.yaml",
            "us/xx/alpha/jurisdiction.yaml",
            "us/xx/alpha/templates/card/en.md.hbs",
            "us/xx/beta/jurisdiction.yaml",
            "us/xx/jurisdiction.yaml",
            "templates/card/en.md.hbs",
        ];
        InputFiles {
            context: "tool".into(),
            roots: vec![InputRoot {
                root: "/tree".into(),
                entries: files
                    .iter()
                    .map(|p| file(p, if *p == changed { "new" } else { "old" }))
                    .collect(),
            }],
        }
    }

    fn reached(changed: &str) -> Option<Vec<String>> {
        reach(&tree(""), &tree(changed)).map(|d| d.reached.into_iter().collect())
    }

    #[test]
    fn a_change_reaches_its_folder_and_below() {
        assert_eq!(
            reached("us/xx/alpha/jurisdiction.yaml").unwrap(),
            ["us/xx/alpha"]
        );
        assert_eq!(
            reached("us/xx/alpha/templates/card/en.md.hbs").unwrap(),
            ["us/xx/alpha"]
        );
        assert_eq!(
            reached("us/xx/jurisdiction.yaml").unwrap(),
            ["us/xx", "us/xx/alpha", "us/xx/beta"]
        );
        // The registry and the root's templates reach everyone: the full path.
        assert_eq!(reached("us/authorities.yaml"), None);
        assert_eq!(reached("templates/card/en.md.hbs"), None);
    }

    #[test]
    fn the_chain_of_what_is_reached_is_read_with_the_registry() {
        let delta = reach(&tree(""), &tree("us/xx/alpha/jurisdiction.yaml")).unwrap();
        let files: Vec<String> = delta
            .files
            .iter()
            .map(|f| f.display().to_string())
            .collect();
        assert_eq!(
            files,
            [
                "/tree/us/authorities.yaml",
                "/tree/us/jurisdiction.yaml",
                "/tree/us/xx/alpha/jurisdiction.yaml",
                "/tree/us/xx/jurisdiction.yaml",
            ]
        );
    }

    #[test]
    fn an_entry_added_or_removed_is_not_worked_out() {
        let mut more = tree("");
        more.roots[0]
            .entries
            .push(file("us/xx/gamma/jurisdiction.yaml", "old"));
        assert_eq!(reach(&tree(""), &more), None);
        assert_eq!(reach(&more, &tree("")), None);
    }
}
