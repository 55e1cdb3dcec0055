//! `facts --unknown` and `facts apply`, on a copy of the shipped tree: the sheet exported, some
//! rows filled as a volunteer would, applied, and what `check` and a second export then say;
//! the config files keep every other byte.

use crate::common::{copy_tree, responsekit, Run, ROOT};
use std::collections::BTreeSet;
use std::path::Path;

/// A fact on the sheet: its file, line and field.
type Place = (String, usize, String);

/// A copy of the shipped tree.
fn shipped_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(ROOT).join("jurisdictions"),
        &dir.path().join("jurisdictions"),
    );
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    let tree = dir.join("jurisdictions");
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--jurisdictions", tree.to_str().unwrap()]);
    responsekit(&all)
}

/// The sheet's rows, header first.
fn sheet(dir: &Path) -> Vec<Vec<String>> {
    let run = run_in(dir, &["facts", "--unknown", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(run.stdout.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn place(row: &[String]) -> Place {
    (row[2].clone(), row[3].parse().unwrap(), row[4].clone())
}

/// The facts `check` notes as unknown, by `file:line` and path.
fn checked_unknown(dir: &Path) -> BTreeSet<Place> {
    let run = run_in(dir, &["check", "--format", "md", "--today", "2026-12-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let tree = format!("{}/", dir.join("jurisdictions").display());
    run.notes()
        .iter()
        .filter_map(|n| {
            let rest = n.strip_prefix("note: ")?.strip_prefix(tree.as_str())?;
            let (file, rest) = rest.split_once(':')?;
            let (line, rest) = rest.split_once(": `")?;
            let (path, _) = rest.split_once("` is unknown")?;
            Some((file.to_string(), line.parse().ok()?, path.to_string()))
        })
        .collect()
}

fn write_sheet(dir: &Path, rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    let file = dir.join("filled.csv");
    std::fs::write(&file, w.into_inner().unwrap()).unwrap();
    file.to_str().unwrap().to_string()
}

#[test]
fn a_filled_sheet_is_written_back_and_only_its_facts_stop_being_unknown() {
    let dir = shipped_copy();
    let before_check = checked_unknown(dir.path());
    let mut rows = sheet(dir.path());
    assert_eq!(
        rows[0].join(","),
        "jurisdiction,county,file,line,field,status,label,current_value,value,source"
    );
    let exported: BTreeSet<Place> = rows[1..].iter().map(|r| place(r)).collect();
    assert_eq!(
        exported, before_check,
        "the sheet lists what check notes as unknown"
    );
    // A phone in each of the first three files that have one, and one address: a value with its source.
    let mut filled = BTreeSet::new();
    let mut files = BTreeSet::new();
    for (i, row) in rows.iter_mut().enumerate().skip(1) {
        let wanted = (row[4].ends_with(".phone") && files.len() < 3 && !files.contains(&row[2]))
            || (row[4].ends_with(".address") && filled.len() == 3);
        if wanted {
            row[8] = format!("(555) 010-{:04}", 9000 + i);
            row[9] = "https://example.org/test-source".to_string();
            files.insert(row[2].clone());
            filled.insert(place(row));
        }
    }
    assert_eq!(filled.len(), 4, "{filled:?}");
    let texts_before: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            (
                f.clone(),
                std::fs::read_to_string(dir.path().join("jurisdictions").join(f)).unwrap(),
            )
        })
        .collect();
    let sheet_file = write_sheet(dir.path(), &rows);

    let run = run_in(
        dir.path(),
        &["facts", "apply", &sheet_file, "--today", "2026-12-02"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("wrote 4 fact(s) into"),
        "{}",
        run.stderr
    );

    let after: BTreeSet<Place> = sheet(dir.path())[1..].iter().map(|r| place(r)).collect();
    let expected: BTreeSet<Place> = exported.difference(&filled).cloned().collect();
    assert_eq!(
        after, expected,
        "exactly the filled facts are no longer unknown"
    );
    assert_eq!(checked_unknown(dir.path()), expected, "check agrees");

    // Every other line byte for byte; the filled line keeps what precedes its `unknown`.
    for (file, old) in texts_before {
        let new = std::fs::read_to_string(dir.path().join("jurisdictions").join(&file)).unwrap();
        let (old_lines, new_lines): (Vec<&str>, Vec<&str>) =
            (old.split('\n').collect(), new.split('\n').collect());
        assert_eq!(old_lines.len(), new_lines.len(), "{file}");
        for (n, (o, w)) in old_lines.iter().zip(&new_lines).enumerate() {
            let line = n + 1;
            let this = filled.iter().find(|(f, l, _)| *f == file && *l == line);
            match this {
                None => assert_eq!(o, w, "{file}:{line} changed"),
                Some(_) => {
                    let kept = o
                        .strip_suffix("unknown")
                        .unwrap_or_else(|| panic!("{file}:{line}: {o}"));
                    assert!(w.starts_with(kept), "{file}:{line}: {w}");
                    assert!(
                        w.contains(
                            "source: \"https://example.org/test-source\", verified: 2026-12-02}"
                        ),
                        "{file}:{line}: {w}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_dry_run_shows_the_diff_and_writes_nothing() {
    let dir = shipped_copy();
    let mut rows = sheet(dir.path());
    let row = rows
        .iter_mut()
        .skip(1)
        .find(|r| r[4].ends_with(".phone"))
        .unwrap();
    row[8] = "(555) 010-9999".to_string();
    row[9] = "https://example.org/test-source".to_string();
    let (file, line) = (row[2].clone(), row[3].clone());
    let path = dir.path().join("jurisdictions").join(&file);
    let before = std::fs::read_to_string(&path).unwrap();
    let sheet_file = write_sheet(dir.path(), &rows);
    let run = run_in(dir.path(), &["facts", "apply", &sheet_file, "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with(&format!("--- a/{file}\n+++ b/{file}\n@@ -")),
        "{}",
        run.stdout
    );
    let changed: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with(['-', '+']) && !l.starts_with("---") && !l.starts_with("+++"))
        .collect();
    let original = before
        .lines()
        .nth(line.parse::<usize>().unwrap() - 1)
        .unwrap();
    assert_eq!(changed.len(), 2, "{}", run.stdout);
    assert_eq!(changed[0], format!("-{original}"));
    assert!(
        changed[1].contains("{value: \"(555) 010-9999\""),
        "{}",
        changed[1]
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        before,
        "nothing written"
    );
}

#[test]
fn an_unfilled_sheet_writes_nothing_and_succeeds() {
    let dir = shipped_copy();
    let rows = sheet(dir.path());
    let sheet_file = write_sheet(dir.path(), &rows);
    let run = run_in(dir.path(), &["facts", "apply", &sheet_file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert_eq!(sheet(dir.path()), rows);
}
