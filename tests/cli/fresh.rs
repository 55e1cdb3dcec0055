//! An installed binary in a fresh folder: `init` writes a tree that builds, the federal layer
//! is built in (a tree without `us/` files builds as the shipped one does, and a disk file
//! replaces the built-in one, a rebuild following it), and `new` names a state from its
//! postal code and writes no `$schema` path to nothing.

use crate::common::{binary, copy_tree, files_under, finish, read, words, Run, ROOT};
use std::path::Path;

/// Formats enough to read what the kits say, without the cost of PDF.
const FORMATS: &str = "md,docx";

/// Runs `responsekit args…` from inside `dir`, as a person in that folder would.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let mut command = binary();
    command.current_dir(dir).args(args);
    finish(command)
}

#[test]
fn init_writes_a_tree_that_builds_and_whose_check_lists_the_fill_ins() {
    let tmp = tempfile::tempdir().unwrap();
    let run = run_in(tmp.path(), &["init", "my-tree"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("cd my-tree\n"), "{}", run.stdout);
    assert!(run.stdout.contains("responsekit build"), "{}", run.stdout);
    let tree = tmp.path().join("my-tree");
    let county = tree.join("jurisdictions/us/ca/marin/jurisdiction.yaml");
    let text = read(&county);
    assert!(text.contains("  en: Marin County\n"), "{text}");
    assert!(
        text.contains("#   letterhead "),
        "no comment on the keys:\n{text}"
    );
    // Each `$schema` line of the tree names a file that is there.
    for file in files_under(&tree).iter().filter(|f| f.ends_with(".yaml")) {
        let path = tree.join(file);
        let first = read(&path).lines().next().unwrap_or_default().to_string();
        let schema = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{file}: no $schema line: {first}"));
        assert!(
            path.parent().unwrap().join(schema).is_file(),
            "{file}: `{schema}` is not there"
        );
    }

    build_in(&tree, &[]);
    assert_kit(&tree, "us/ca/marin", "Marin County");

    let check = run_in(&tree, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let county_file = "jurisdictions/us/ca/marin/jurisdiction.yaml";
    assert!(
        check
            .notes()
            .iter()
            .any(|n| n.starts_with(&format!("note: {county_file}:"))
                && n.contains("`agencies.sheriff.phone` is unknown for `us/ca/marin`")),
        "{}",
        check.stderr
    );
}

#[test]
fn init_refuses_a_folder_that_holds_anything() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let run = run_in(tmp.path(), &["init", "."]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.errors(),
        ["error: .: the folder is not empty: `init` never writes over what is there\n  hint: `init` writes a new tree into a new or empty folder only: name another, e.g. `responsekit init my-tree`"]
    );
    assert_eq!(files_under(tmp.path()).len(), 1);
    assert_eq!(read(tmp.path().join("notes.txt")), "mine");
}

/// The files of the federal layer, as shipped in `jurisdictions/us/`.
const US_FILES: [&str; 3] = ["jurisdiction.yaml", "authorities.yaml", "propositions.yaml"];

/// The shipped California and Alameda, in a tree with those of the shipped `us/` files named.
fn alameda_tree(dir: &Path, us_files: &[&str]) {
    let shipped = Path::new(ROOT).join("jurisdictions/us");
    let us = dir.join("jurisdictions/us");
    copy_tree(&shipped.join("ca/alameda"), &us.join("ca/alameda"));
    for name in US_FILES {
        std::fs::copy(shipped.join("ca").join(name), us.join("ca").join(name)).unwrap();
    }
    for name in us_files {
        std::fs::copy(shipped.join(name), us.join(name)).unwrap();
    }
}

/// Asserts that the English kit of `id` built in `dir` is for `name` and states the federal
/// law of the built-in registry (the detainer letter cites 8 C.F.R. § 287.7).
fn assert_kit(dir: &Path, id: &str, name: &str) {
    let policy = read(dir.join(format!("dist/{id}/en/policy-adult.md")));
    assert!(
        policy.contains(&format!("**Jurisdiction:** {name}")),
        "{policy}"
    );
    let letter = words(&read(dir.join(format!("dist/{id}/en/letter-detainer.md"))));
    assert!(letter.contains("- 8 C.F.R. § 287.7 "), "{letter}");
}

/// A temporary folder holding the shipped California and Alameda and no `us/` files.
fn alameda_without_us() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    alameda_tree(tmp.path(), &[]);
    tmp
}

/// `build` in `dir` with `extra` arguments, which must succeed.
fn build_in(dir: &Path, extra: &[&str]) -> Run {
    let run = run_in(dir, &[&["build", "--format", FORMATS], extra].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

/// `build` of Alameda in `dir`.
fn build_alameda(dir: &Path) -> Run {
    build_in(dir, &["-j", "us/ca/alameda"])
}

/// The built-in layer, whole or for the files the tree lacks (here the registry, under a
/// country config of the tree's own), makes the kit the shipped files on disk make.
#[test]
fn a_tree_without_us_files_builds_the_same_bytes_as_with_the_shipped_ones() {
    let on_disk = tempfile::tempdir().unwrap();
    alameda_tree(on_disk.path(), &US_FILES);
    build_alameda(on_disk.path());
    let a = on_disk.path().join("dist");
    let files = files_under(&a);
    assert!(
        files.contains("us/ca/alameda/en/memo-counsel.docx"),
        "{files:?}"
    );
    for us_files in [&[][..], &["jurisdiction.yaml"]] {
        let built_in = tempfile::tempdir().unwrap();
        alameda_tree(built_in.path(), us_files);
        build_alameda(built_in.path());
        let b = built_in.path().join("dist");
        assert_eq!(files, files_under(&b));
        for file in files.iter().filter(|f| *f != "manifest.json") {
            assert!(
                std::fs::read(a.join(file)).unwrap() == std::fs::read(b.join(file)).unwrap(),
                "{file} differs with {us_files:?} on disk"
            );
        }
    }
}

#[test]
fn a_disk_us_file_replaces_the_built_in_one_and_a_rebuild_follows_it() {
    let tmp = alameda_without_us();
    let dir = tmp.path();
    let handout = || read(dir.join("dist/us/ca/alameda/en/handout-release-packet.md"));
    let shipped_card = "ILRC \"red card\" (know-your-rights card)";
    build_alameda(dir);
    assert!(handout().contains(shipped_card), "{}", handout());

    let country = dir.join("jurisdictions/us/jurisdiction.yaml");
    let shipped = read(Path::new(ROOT).join("jurisdictions/us/jurisdiction.yaml"));
    for card in ["Override card one", "Override card two"] {
        // Added, then changed: each rebuild uses the file on disk.
        std::fs::write(&country, shipped.replace(shipped_card, card)).unwrap();
        let run = build_alameda(dir);
        assert!(handout().contains(card), "{}\n{}", run.stderr, handout());
        assert!(!handout().contains(shipped_card));
    }
    // Removed: the built-in file is used again.
    std::fs::remove_file(&country).unwrap();
    build_alameda(dir);
    assert!(handout().contains(shipped_card), "{}", handout());
}

#[test]
fn new_names_a_state_from_its_postal_code_and_points_only_at_a_schema_that_is_there() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let run = run_in(dir, &["new", "us/ny"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let state = read(dir.join("jurisdictions/us/ny/jurisdiction.yaml"));
    assert!(
        state.contains("name:\n  en: New York\n  es: Nueva York\n"),
        "{state}"
    );
    assert_eq!(
        state.lines().next(),
        Some("# For completion in an editor, write the schemas beside the tree with `responsekit schema --out schema`.")
    );
    assert_eq!(run_in(dir, &["schema", "--out", "schema"]).code, 0);
    assert_eq!(run_in(dir, &["new", "us/ny/kings"]).code, 0);
    let county = dir.join("jurisdictions/us/ny/kings/jurisdiction.yaml");
    let first = read(&county).lines().next().unwrap_or_default().to_string();
    assert_eq!(
        first,
        "# yaml-language-server: $schema=../../../../schema/jurisdiction.schema.json"
    );
    assert!(county
        .parent()
        .unwrap()
        .join("../../../../schema/jurisdiction.schema.json")
        .is_file());
    // The country is built in: nothing to create, and it says how to replace it.
    let run = run_in(dir, &["new", "us"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.errors(),
        ["error: `us` needs no config of its own: states are created under it, e.g. `responsekit new us/ca`\n  hint: `<built-in>/us/jurisdiction.yaml` is built into responsekit; to change it, write your own `us/jurisdiction.yaml` in the jurisdiction tree (it replaces the built-in file whole)"]
    );
}

/// A disk `us/authorities.yaml` replaces the built-in one whole: the built-in propositions
/// citing what it lacks are errors that name the built-in file and say how to replace it.
#[test]
fn a_problem_in_a_built_in_file_names_it_and_says_how_to_replace_it() {
    let tmp = alameda_without_us();
    std::fs::write(tmp.path().join("jurisdictions/us/authorities.yaml"), "{}\n").unwrap();
    let run = run_in(tmp.path(), &["check", "-q"]);
    assert_eq!(run.code, 1);
    let first = run
        .errors()
        .into_iter()
        .find(|e| e.starts_with("error: <built-in>/"))
        .unwrap_or_else(|| panic!("no error names a built-in file:\n{}", run.stderr));
    assert_eq!(
        first,
        "error: <built-in>/us/propositions.yaml: proposition `ag-memo-2025-civil-challenges`: unknown authority `us-ag-memo-sanctuary-directives-2025`\n  hint: add it to a authorities.yaml file with its citation, source, status and confirmed date; `<built-in>/us/propositions.yaml` is built into responsekit; to change it, write your own `us/propositions.yaml` in the jurisdiction tree (it replaces the built-in file whole)"
    );
}

/// The fast rebuild (a county's config changed: only its kit is rendered again) reads the
/// built-in layer too, and writes what a full build would.
#[test]
fn a_fast_rebuild_of_a_tree_without_us_files_reads_the_built_in_layer() {
    let tmp = alameda_without_us();
    let dir = tmp.path();
    build_in(dir, &[]);
    let county = dir.join("jurisdictions/us/ca/alameda/jurisdiction.yaml");
    std::fs::write(
        &county,
        read(&county).replace("Alameda County", "Alameda Parish"),
    )
    .unwrap();
    let rebuild = build_in(dir, &[]);
    // California's kit is carried over: only Alameda's 92 files (seven languages) are written again.
    assert!(
        rebuild.summary().contains(": 92 written, 92 unchanged"),
        "{}",
        rebuild.stderr
    );
    assert_kit(dir, "us/ca/alameda", "Alameda Parish");
}
