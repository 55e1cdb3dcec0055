//! Output paths come from folder names: only lowercase `[a-z0-9-]` ids are accepted, and
//! nothing is ever written outside the output folder.

use crate::common::*;

#[test]
fn folders_that_cannot_be_ids_are_rejected_and_nothing_leaves_out() {
    let dir = "tests/fixtures/err-bad-folders/jurisdictions/us/xx";
    let hint = "  hint: use lowercase letters, digits and `-`, e.g. `los-angeles`";
    let expected: Vec<String> = ["Bad Name", "UPPER", "a..b"]
        .iter()
        .map(|name| {
            format!("error: {dir}/{name}: folder name `{name}` cannot be part of a jurisdiction id\n{hint}")
        })
        .collect();
    let run = check("err-bad-folders");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.errors(), expected);

    let tmp = tempfile::tempdir().unwrap();
    let run = build("err-bad-folders", &tmp.path().join("out"), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let files = files_under(tmp.path());
    assert!(!files.is_empty());
    for f in &files {
        assert!(
            f.starts_with("out/"),
            "written outside the output folder: {f}"
        );
        let rel = &f["out/".len()..];
        assert!(
            rel.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-./".contains(c)),
            "{f}"
        );
        assert!(!rel.split('/').any(|s| s == ".." || s == "."), "{f}");
    }
    // The valid jurisdictions are still built.
    assert!(files.contains("out/us/xx/good/en/card.md"), "{files:?}");
}

#[test]
fn new_refuses_ids_that_are_not_folder_names() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("tree");
    copy_tree(
        std::path::Path::new(&format!("{ROOT}/{}", tree("basic"))),
        &root,
    );
    let before = files_under(tmp.path());
    for (id, bad) in [("us/xx/../../evil", ".."), ("us/xx/Bad Name", "Bad Name")] {
        let run = responsekit(&["new", id, "--jurisdictions", &root.display().to_string()]);
        assert_eq!(run.code, 1, "{id}");
        assert_eq!(
            run.errors(),
            [format!("error: `{bad}` cannot be part of a jurisdiction id (in `{id}`)\n  hint: ids are lowercase folder names joined by `/`, e.g. `us/ca/marin`")]
        );
    }
    assert_eq!(files_under(tmp.path()), before, "nothing may be written");
}
