//! The federal layer built into the binary: the shipped `us/jurisdiction.yaml` (the country's
//! defaults), `us/authorities.yaml` and `us/propositions.yaml` (the federal law every template
//! states), so an installed binary builds a tree that holds only a state and its counties.
//!
//! The rule is the templates' one, per file: a tree with its own `us/<file>` uses it, and the
//! built-in file is then not read at all — a disk `us/authorities.yaml` replaces the built-in
//! one whole, it does not extend it (what a person can predict from the file list alone).
//! A built-in file is read as if it were at [`path`] (`<built-in>/us/authorities.yaml`), the
//! name its messages show; [`override_hint`] says how to replace it.

use std::path::{Path, PathBuf};

/// The folder the built-in files are named under in messages: no file on disk is called so.
pub const DIR: &str = "<built-in>";
/// The jurisdiction id (and the tree's folder) of the built-in layer.
pub const COUNTRY: &str = "us";

/// The config and registry files of the shipped layer `jurisdictions/<id>/`, embedded, as
/// `(file name, text)`: the built-in country here, the starter tree's state in `init`.
macro_rules! shipped_layer {
    ($id:literal) => {{
        use $crate::config::tree::{AUTHORITIES_FILE, CONFIG_FILE, PROPOSITIONS_FILE};
        macro_rules! file {
            ($name:literal) => {
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/jurisdictions/",
                    $id,
                    "/",
                    $name
                ))
            };
        }
        [
            (CONFIG_FILE, file!("jurisdiction.yaml")),
            (AUTHORITIES_FILE, file!("authorities.yaml")),
            (PROPOSITIONS_FILE, file!("propositions.yaml")),
        ]
    }};
}
pub(crate) use shipped_layer;

/// The built-in files, by file name.
const FILES: [(&str, &str); 3] = shipped_layer!("us");

/// The folder the built-in files are shown in: `<built-in>/us`.
pub fn folder() -> PathBuf {
    Path::new(DIR).join(COUNTRY)
}

/// The name a built-in file is shown by: `<built-in>/us/<name>`.
pub fn path(name: &str) -> PathBuf {
    folder().join(name)
}

/// The text of the built-in file named by `path`, if it is one.
pub fn text(path: &Path) -> Option<&'static str> {
    FILES
        .iter()
        .find(|(name, _)| self::path(name) == path)
        .map(|(_, text)| *text)
}

/// The built-in files the tree at `root` does not override, as their [`path`]s: those with no
/// `us/<file>` on disk in any form (a broken one is the tree's own, reported as such).
pub fn used_by(root: &Path) -> Vec<PathBuf> {
    FILES
        .iter()
        .filter(|(name, _)| std::fs::symlink_metadata(root.join(COUNTRY).join(name)).is_err())
        .map(|(name, _)| path(name))
        .collect()
}

/// How to replace the built-in file `file` is, if it is one: a message about it names a file
/// that is not on disk, so the person needs to know where their own copy would go.
pub fn override_hint(file: &Path) -> Option<String> {
    text(file)?;
    let name = file.file_name()?.to_string_lossy();
    Some(format!(
        "`{}` is built into responsekit; to change it, write your own `{COUNTRY}/{name}` in the jurisdiction tree (it replaces the built-in file whole)",
        file.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_built_in_file_is_found_by_its_name_only() {
        for (name, body) in FILES {
            assert_eq!(text(&path(name)), Some(body));
            assert_eq!(text(&Path::new("jurisdictions/us").join(name)), None);
        }
        let hint = override_hint(&path("authorities.yaml")).unwrap();
        assert!(hint.contains("your own `us/authorities.yaml`"), "{hint}");
        assert_eq!(override_hint(Path::new("us/authorities.yaml")), None);
    }
}
