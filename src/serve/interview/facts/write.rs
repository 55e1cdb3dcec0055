//! Writing the facts given in the interview back into the config files that declare them
//! unknown: the plan (each file's text before and after, computed from the file as it is now);
//! its diff and the all-or-nothing write are `build::write_back`'s, shared with `facts apply`.

use super::GivenFact;
use crate::build::write_back::{self, WriteRefused};
pub(super) use crate::build::write_back::{diff, FileEdit};
use crate::config::edit::{self, EditRefused, FactPath, Field};
use crate::config::values::Text;
use crate::config::Jurisdiction;
use crate::kit::Project;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What writing the given facts back would change.
pub(super) struct Plan {
    /// Each file to change, in the order its first fact is listed.
    pub(super) files: Vec<FileEdit>,
    /// The facts given that are not written, and why.
    pub(super) kept: Vec<(String, Kept)>,
}

/// Why a given fact is used for the answer but not written back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kept {
    /// A record's name: the config has no place for its own source.
    Name,
    /// Declared in a file outside the tree (the built-in federal layer).
    OutsideTree,
}

/// Why nothing can be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Refused {
    /// The file no longer declares the fact unknown where the desk loaded it (edited since).
    Changed(PathBuf),
    /// Writing a file failed: every file written before it was put back.
    WriteFailed(PathBuf),
    /// The tree with the facts written has an error it did not have: every file was put back.
    CheckFailed,
}

impl Plan {
    /// What the plan was made from and would write: sent with the form that approves it, so
    /// the write can tell that what it would write now is what was shown.
    pub(super) fn digest(&self) -> String {
        let mut all = Vec::new();
        for f in &self.files {
            for part in [
                f.file.to_string_lossy().as_bytes(),
                f.old.as_bytes(),
                f.new.as_bytes(),
            ] {
                all.extend_from_slice(&(part.len() as u64).to_le_bytes());
                all.extend_from_slice(part);
            }
        }
        crate::digest::sha256_hex(&all)
    }
}

/// The plan for writing each fact of `given` that `j` declares unknown into the file that
/// declares it, `root` being the tree (a file outside it is not written).
pub(super) fn plan(
    root: &Path,
    j: &Jurisdiction,
    given: &BTreeMap<String, GivenFact>,
) -> Result<Plan, Refused> {
    let tree = crate::build::real_path(root);
    let mut plan = Plan {
        files: Vec::new(),
        kept: Vec::new(),
    };
    for u in j.unknown.iter().filter(|u| given.contains_key(&u.path)) {
        let Some(fact) = given.get(&u.path) else {
            continue;
        };
        if FactPath::parse(&u.path).is_some_and(|p| p.field == Field::Name) {
            plan.kept.push((u.path.clone(), Kept::Name));
            continue;
        }
        let inside = crate::build::real_path(&u.file)
            .zip(tree.as_ref())
            .is_some_and(|(f, t)| f.starts_with(t) && f.is_file());
        if !inside {
            plan.kept.push((u.path.clone(), Kept::OutsideTree));
            continue;
        }
        let at = match plan.files.iter().position(|f| f.file == u.file) {
            Some(i) => i,
            None => {
                let old = std::fs::read_to_string(&u.file)
                    .map_err(|_| Refused::Changed(u.file.clone()))?;
                plan.files.push(FileEdit {
                    file: u.file.clone(),
                    new: old.clone(),
                    old,
                });
                plan.files.len() - 1
            }
        };
        let edit = &mut plan.files[at];
        // Checked when it was given; the same text here.
        let (value, source) = (Text(fact.value.clone()), Text(fact.source.clone()));
        edit.new = edit::write_sourced_fact(
            &edit.new,
            &u.file,
            (&u.path, u.line),
            &value,
            &source,
            fact.verified,
        )
        .map_err(|e| match e {
            EditRefused::NameHasNoSource
            | EditRefused::NoSuchFact
            | EditRefused::Unreadable
            | EditRefused::NotUnknownThere => Refused::Changed(u.file.clone()),
        })?;
    }
    Ok(plan)
}

/// Writes `plan`'s files as [`write_back::write`] does.
pub(super) fn write(
    plan: &Plan,
    before: &Project,
    reload: &dyn Fn() -> std::sync::Arc<Project>,
) -> Result<(), Refused> {
    write_back::write(&plan.files, before, reload).map_err(|e| match e {
        WriteRefused::WriteFailed(file) => Refused::WriteFailed(file),
        WriteRefused::CheckFailed => Refused::CheckFailed,
    })
}
