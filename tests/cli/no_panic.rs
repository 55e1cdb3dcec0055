//! Bad input is reported, never a crash. (`responsekit()` also checks this on every run.)

use crate::common::*;

#[test]
fn no_fixture_makes_the_binary_panic() {
    let fixtures = format!("{ROOT}/tests/fixtures");
    let mut cases: Vec<String> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| std::path::Path::new(&format!("{fixtures}/{name}/jurisdictions")).is_dir())
        .collect();
    cases.sort();
    assert!(
        cases.iter().filter(|c| c.starts_with("err-")).count() >= 10,
        "{cases:?}"
    );
    for case in &cases {
        let tmp = tempfile::tempdir().unwrap();
        for run in [
            check(case),
            build(case, &tmp.path().join("out"), &[]),
            responsekit(&["list", "--jurisdictions", &tree(case)]),
        ] {
            assert_no_panic(&run);
            assert!(run.code == 0 || run.code == 1, "{case}: exit {}", run.code);
            if case.starts_with("err-") {
                assert_eq!(run.code.min(1), run.code);
            }
        }
    }
}

#[test]
fn missing_or_empty_input_is_an_error_not_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().display().to_string();
    for args in [
        vec!["check", "--jurisdictions", "tests/fixtures/no-such-tree"],
        vec!["check", "--jurisdictions", &empty],
        vec!["build", "--jurisdictions", &empty, "--out", &empty],
        vec![
            "build",
            "--jurisdictions",
            "tests/fixtures/basic/jurisdictions",
            "--templates",
            BASE_TEMPLATES,
            "-j",
            "us/zz",
            "--out",
            &empty,
        ],
    ] {
        let run = responsekit(&args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(!run.errors().is_empty(), "{args:?}: {}", run.stderr);
    }
}
