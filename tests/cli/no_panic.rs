//! Bad input is reported, never a crash. (`responsekit()` also checks this on every run.)

use crate::common::*;

/// Every fixture tree is checked, built and listed without a panic; an `err-` fixture holds a
/// mistake, so its check and its build must fail with at least one error (its list may
/// succeed: listing reads only what it needs).
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
    let failures = in_parallel(&cases, |case| {
        let tmp = tempfile::tempdir().unwrap();
        let mut problems = Vec::new();
        for (command, run) in [
            ("check", check(case)),
            ("build", build(case, &tmp.path().join("out"), &[])),
            (
                "list",
                responsekit(&["list", "--jurisdictions", &tree(case)]),
            ),
        ] {
            let must_fail = case.starts_with("err-") && command != "list";
            if must_fail && (run.code != 1 || run.errors().is_empty()) {
                problems.push(format!(
                    "{case}: {command} exit {} (expected 1 with an error):\n{}",
                    run.code, run.stderr
                ));
            } else if run.code != 0 && run.code != 1 {
                problems.push(format!("{case}: {command} exit {}", run.code));
            }
        }
        problems
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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
