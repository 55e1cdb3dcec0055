//! `new` scaffolds a jurisdiction with `unknown` fill-ins that `check` accepts and lists.

use crate::common::*;

fn tree_copy() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("jurisdictions");
    copy_tree(
        std::path::Path::new(&format!("{ROOT}/{}", tree("basic"))),
        &root,
    );
    (tmp, root.display().to_string())
}

#[test]
fn new_county_is_filled_with_unknowns_that_check_lists() {
    let (_tmp, root) = tree_copy();
    let run = responsekit(&["new", "us/xx/newcounty", "--jurisdictions", &root]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = format!("{root}/us/xx/newcounty/jurisdiction.yaml");
    assert!(
        run.stderr.contains(&format!("created {file}")),
        "{}",
        run.stderr
    );
    let text = read(&file);
    assert!(text.contains("kind: county"), "{text}");
    assert!(text.contains("phone: unknown"), "{text}");

    let run = responsekit(&[
        "check",
        "--jurisdictions",
        &root,
        "--templates",
        BASE_TEMPLATES,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let notes = run.notes();
    for fact in [
        "agencies.sheriff.name",
        "agencies.sheriff.phone",
        "agencies.probation.address",
        "agencies.county_counsel.phone",
    ] {
        let expected = format!("`{fact}` is unknown for `us/xx/newcounty`; documents show a highlighted fill-in for it");
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with(&format!("note: {file}:")) && n.ends_with(&expected)),
            "no note for {fact}:\n{}",
            run.stderr
        );
    }
    assert!(
        run.summary()
            .starts_with("checked 4 jurisdictions: no problems"),
        "{}",
        run.summary()
    );
}

#[test]
fn new_refuses_an_existing_id_and_a_missing_parent() {
    let (_tmp, root) = tree_copy();
    let run = responsekit(&["new", "us/xx/alpha", "--jurisdictions", &root]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.errors(),
        [format!("error: {root}/us/xx/alpha/jurisdiction.yaml: a jurisdiction with this id exists already")]
    );

    let run = responsekit(&["new", "us/zz/newcounty", "--jurisdictions", &root]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.errors(),
        ["error: parent jurisdiction `us/zz` does not exist\n  hint: did you mean `us/xx/newcounty`?"]
    );
    let run = responsekit(&["new", "ca/qq/newcounty", "--jurisdictions", &root]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.errors(),
        ["error: parent jurisdiction `ca/qq` does not exist\n  hint: create the parent first: `responsekit new ca/qq`"]
    );
    assert!(!std::path::Path::new(&format!("{root}/us/zz")).exists());
    assert!(!std::path::Path::new(&format!("{root}/ca")).exists());
}

/// A county under the shipped California tree gets, as its own blanks, every fact the state
/// leaves `unknown` for it (its sheriff, county counsel, networks, providers and signer), so
/// `check` points at the county's file for each — not at the state's.
#[test]
fn new_county_offers_the_facts_its_state_leaves_unknown() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("jurisdictions");
    copy_tree(&std::path::Path::new(ROOT).join("jurisdictions"), &root);
    // The shipped tree has every California county: take Marin's out to make it anew.
    std::fs::remove_dir_all(root.join("us/ca/marin")).unwrap();
    let root = root.display().to_string();
    let run = responsekit(&["new", "us/ca/marin", "--jurisdictions", &root]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = format!("{root}/us/ca/marin/jurisdiction.yaml");
    let written: serde_yaml::Value = serde_yaml::from_str(&read(&file)).unwrap();
    let unknown = |path: &[&str]| {
        let value = path
            .iter()
            .try_fold(&written, |v, k| match k.parse::<usize>() {
                Ok(i) => v.get(i),
                Err(_) => v.get(*k),
            });
        assert_eq!(
            value.and_then(|v| v.as_str()),
            Some("unknown"),
            "{path:?} in:\n{}",
            read(&file)
        );
    };
    for path in [
        &["agencies", "sheriff", "name"][..],
        &["agencies", "sheriff", "phone"],
        &["agencies", "sheriff", "address"],
        &["agencies", "public_defender", "phone"],
        &["agencies", "county_counsel", "name"],
        &["rapid_response", "0", "name"],
        &["legal_services", "0", "phone"],
        &["signatory", "name"],
    ] {
        unknown(path);
    }
    // What the state knows (its public defender's generic name) stays inherited.
    assert!(written["agencies"]["public_defender"].get("name").is_none());
    let check = responsekit(&["check", "--jurisdictions", &root]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let sheriff = check
        .notes()
        .into_iter()
        .filter(|n| n.contains("`agencies.sheriff.phone` is unknown"))
        .find(|n| n.contains("us/ca/marin"))
        .unwrap_or_default();
    assert!(sheriff.contains(&format!("{file}:")), "{}", check.stderr);
}
