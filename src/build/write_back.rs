//! The write-back of facts into config files, shared by the desk (`serve`) and `facts apply`:
//! each file's text before and after ([`FileEdit`]), its unified diff ([`diff`]), shown before
//! anything is written, and the write itself ([`write`]) — every file through the project's
//! atomic writer, all or none, then the tree reloaded and checked as `responsekit check`
//! checks it, the old bytes put back if that finds a new error.

use crate::kit::{Project, Selection};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// One config file: its text now, and with the facts written in.
pub struct FileEdit {
    /// The config file.
    pub file: PathBuf,
    /// Its text now.
    pub old: String,
    /// Its text with the facts written.
    pub new: String,
}

/// Why nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteRefused {
    /// Writing a file failed: every file written before it was put back.
    WriteFailed(PathBuf),
    /// The tree with the facts written has an error it did not have: every file was put back.
    CheckFailed,
}

/// One line of a unified diff, with its kind (`header`, `hunk`, `context`, `added`,
/// `removed`) and its text, prefix included (`+`, `-`, ` `): the change is told by more than
/// a colour.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DiffLine {
    /// `header`, `hunk`, `context`, `added` or `removed`.
    pub kind: &'static str,
    /// The line, its prefix included.
    pub text: String,
}

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// The unified diff from `old` to `new` (the same number of lines: a fact is written in place
/// of its `unknown`), the file named `name`.
pub fn diff(name: &str, old: &str, new: &str) -> Vec<DiffLine> {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let line = |kind, text: String| DiffLine { kind, text };
    let mut out = vec![
        line("header", format!("--- a/{name}")),
        line("header", format!("+++ b/{name}")),
    ];
    let changed: Vec<usize> = (0..a.len().max(b.len()))
        .filter(|&i| a.get(i) != b.get(i))
        .collect();
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for &i in &changed {
        let (start, end) = (
            i.saturating_sub(CONTEXT),
            (i + CONTEXT + 1).min(a.len().max(b.len())),
        );
        match hunks.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => hunks.push((start, end)),
        }
    }
    for (start, end) in hunks {
        let count = |lines: &[&str]| end.min(lines.len()).saturating_sub(start);
        out.push(line(
            "hunk",
            format!(
                "@@ -{},{} +{},{} @@",
                start + 1,
                count(&a),
                start + 1,
                count(&b)
            ),
        ));
        for i in start..end {
            match (a.get(i), b.get(i)) {
                (Some(x), Some(y)) if x == y => out.push(line("context", format!(" {x}"))),
                (x, y) => {
                    out.extend(x.map(|x| line("removed", format!("-{x}"))));
                    out.extend(y.map(|y| line("added", format!("+{y}"))));
                }
            }
        }
    }
    out
}

/// Writes `files`, all or none (each through the atomic writer; a failure puts back
/// those written before it), then `reload`s the tree and checks the jurisdictions the files
/// are part of as `responsekit check` does: an error `before` did not have puts every file
/// back (and reloads again).
pub fn write(
    files: &[FileEdit],
    before: &Project,
    reload: &dyn Fn() -> std::sync::Arc<Project>,
) -> Result<(), WriteRefused> {
    for (i, f) in files.iter().enumerate() {
        if crate::build::write_atomic(&f.file, f.new.as_bytes()).is_err() {
            restore(&files[..i]);
            return Err(WriteRefused::WriteFailed(f.file.clone()));
        }
    }
    let after = reload();
    let ids: Vec<String> = before
        .tree
        .nodes
        .values()
        .filter(|n| files.iter().any(|f| f.file == n.file))
        .map(|n| n.id.clone())
        .collect();
    let old_errors = errors(before, &ids);
    if errors(&after, &ids).is_subset(&old_errors) {
        Ok(())
    } else {
        restore(files);
        reload();
        Err(WriteRefused::CheckFailed)
    }
}

/// Puts back each file's text as it was before the plan wrote it.
fn restore(files: &[FileEdit]) {
    for f in files {
        // Best effort: the same writer that just wrote the file.
        let _ = crate::build::write_atomic(&f.file, f.old.as_bytes());
    }
}

/// Every error `responsekit check` reports for the jurisdictions `ids` (and those below
/// them) of `project`, and loading the tree's: as text, to compare before and after.
fn errors(project: &Project, ids: &[String]) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = project
        .tree
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    if ids.is_empty() {
        return out;
    }
    let selection = Selection {
        jurisdictions: ids.to_vec(),
        ..Selection::default()
    };
    for (_, problems) in crate::kit::check_all(project, &selection) {
        out.extend(
            problems
                .iter()
                .filter(|d| d.is_error())
                .map(ToString::to_string),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_diff_marks_each_change_by_its_prefix_with_context_around_it() {
        let old: String = (1..=12).map(|i| format!("line {i}\n")).collect();
        let new = old
            .replace("line 2\n", "line two\n")
            .replace("line 11\n", "line eleven\n");
        let d = diff("x.yaml", &old, &new);
        let text: Vec<&str> = d.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            text,
            [
                "--- a/x.yaml",
                "+++ b/x.yaml",
                "@@ -1,5 +1,5 @@",
                " line 1",
                "-line 2",
                "+line two",
                " line 3",
                " line 4",
                " line 5",
                "@@ -8,5 +8,5 @@",
                " line 8",
                " line 9",
                " line 10",
                "-line 11",
                "+line eleven",
                " line 12",
            ]
        );
        assert_eq!(d[4].kind, "removed");
        assert_eq!(d[5].kind, "added");
    }

    /// A write whose tree no longer passes the check is undone: every file as it was, and the
    /// tree reloaded from them.
    #[test]
    fn a_write_that_breaks_the_check_puts_every_file_back() {
        let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("jurisdictions");
        let dir = tempfile::tempdir().unwrap();
        for entry in walkdir::WalkDir::new(&shipped) {
            let entry = entry.unwrap();
            let to = dir
                .path()
                .join(entry.path().strip_prefix(&shipped).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        let (county, state) = (
            dir.path().join("us/ca/alameda/jurisdiction.yaml"),
            dir.path().join("us/ca/jurisdiction.yaml"),
        );
        let edit = |file: &Path, new: &str| FileEdit {
            file: file.to_path_buf(),
            old: std::fs::read_to_string(file).unwrap(),
            new: new.to_string(),
        };
        // The first file is written well, the second breaks the county.
        let plan = vec![
            edit(
                &state,
                &std::fs::read_to_string(&state)
                    .unwrap()
                    .replace("\n", "\n\n"),
            ),
            edit(&county, "kind: [county\n"),
        ];
        let before = Project::load(dir.path(), None);
        let reloads = std::cell::Cell::new(0);
        let reload = || {
            reloads.set(reloads.get() + 1);
            std::sync::Arc::new(Project::load(dir.path(), None))
        };
        assert_eq!(
            write(&plan, &before, &reload),
            Err(WriteRefused::CheckFailed)
        );
        for f in &plan {
            assert_eq!(std::fs::read_to_string(&f.file).unwrap(), f.old);
        }
        assert_eq!(
            reloads.get(),
            2,
            "reloaded after the write and after putting back"
        );
        // The same files written well pass.
        let fine = vec![edit(
            &county,
            &std::fs::read_to_string(&county)
                .unwrap()
                .replace("# Alameda County.", "# Alameda County (edited)."),
        )];
        assert_eq!(write(&fine, &before, &reload), Ok(()));
        assert!(std::fs::read_to_string(&county)
            .unwrap()
            .contains("(edited)"));
    }
}
