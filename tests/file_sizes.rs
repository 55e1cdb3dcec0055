//! No source file under `src/` is over [`MAX_LINES`] lines, so each stays one thing a reader can
//! hold: a file past it is split along its seams (its unit tests first, into a sibling
//! `tests.rs` declared `#[cfg(test)] mod tests;`, which is exempt).

use std::path::{Path, PathBuf};

const MAX_LINES: usize = 500;

/// Files still over the limit while they are being split (issue 12). Each entry goes once its
/// file is within the limit; the test says when one can go.
const NOT_YET_SPLIT: &[&str] = &[];

/// Every `.rs` file under `src/` but unit-test files, relative to the crate root (`/`-separated).
fn source_files(root: &Path) -> Vec<(String, PathBuf)> {
    walkdir::WalkDir::new(root.join("src"))
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("src/ can be read"))
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .filter(|p| p.file_name().is_some_and(|n| n != "tests.rs"))
        .map(|p| {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, p)
        })
        .collect()
}

#[test]
fn no_source_file_is_over_the_limit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut over = Vec::new();
    let mut within = Vec::new();
    for (rel, path) in source_files(root) {
        let lines = std::fs::read_to_string(&path).unwrap().lines().count();
        let allowed = NOT_YET_SPLIT.contains(&rel.as_str());
        if lines > MAX_LINES && !allowed {
            over.push(format!("{rel}: {lines} lines"));
        } else if lines <= MAX_LINES && allowed {
            within.push(rel);
        }
    }
    assert!(
        over.is_empty(),
        "source files over {MAX_LINES} lines:\n  {}\nsplit each along its seams (its unit tests \
         first, into a sibling tests.rs)",
        over.join("\n  ")
    );
    let gone: Vec<&&str> = NOT_YET_SPLIT
        .iter()
        .filter(|f| !root.join(f).is_file())
        .collect();
    assert!(
        within.is_empty() && gone.is_empty(),
        "remove from NOT_YET_SPLIT in {}: {:?} (within the limit), {gone:?} (no such file)",
        file!(),
        within
    );
}
