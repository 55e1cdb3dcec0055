//! `list` shows every jurisdiction with its kind, languages and inheritance chain.

use crate::common::*;

#[test]
fn list_shows_the_inheritance_chain_and_the_documents() {
    let run = responsekit(&[
        "list",
        "--jurisdictions",
        &tree("basic"),
        "--templates",
        BASE_TEMPLATES,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<Vec<&str>> = run
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    for expected in [
        vec!["us/xx", "state", "[en,es]", "<", "us"],
        vec!["us/xx/alpha", "county", "[en,es]", "<", "us/xx", "<", "us"],
        vec!["us/xx/beta", "county", "[en,es]", "<", "us/xx", "<", "us"],
        // The documents are those of the template set in use.
        vec!["card", "[en,es]"],
        vec!["notice", "[en,es]"],
    ] {
        assert!(
            lines.contains(&expected),
            "no line {expected:?} in:\n{}",
            run.stdout
        );
    }
    // The country layer has no kit, and the shipped documents are not in this set.
    assert!(
        !lines.iter().any(|l| l.first() == Some(&"us")),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("letter-detainer"), "{}", run.stdout);
}

/// The memo `respond` writes and the reports `report` writes are not kit documents: `list`
/// shows each apart, under its own heading, after the kit's documents.
#[test]
fn list_shows_the_memo_of_respond_and_the_reports_apart_from_the_kit() {
    let run = responsekit(&["list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (kit, respond) = run
        .stdout
        .split_once("Written by `respond` only (shipped):")
        .expect("a heading for respond's documents");
    let (respond, report) = respond
        .split_once("Written by `report` only (shipped):")
        .expect("a heading for report's documents");
    assert_eq!(
        report.split_whitespace().collect::<Vec<_>>(),
        [
            "report-ca-doj-values-act",
            "[en,es]",
            "report-ca-truth-act-forum",
            "[en,es]",
            "report-il-trust-act-805-25",
            "[en,es]",
            "report-or-cjc-compilation",
            "[en,es]"
        ]
    );
    let kit = kit
        .split_once("Kit documents (shipped):")
        .expect("a heading for the kit's documents")
        .1;
    assert!(kit.contains("letter-detainer"), "{}", run.stdout);
    assert!(!kit.contains("respond/memo"), "{}", run.stdout);
    assert_eq!(
        respond.split_whitespace().collect::<Vec<_>>(),
        ["respond/memo", "[en,es]"]
    );
}

/// `responsekit list | head -2`: a reader that closes the pipe early ends the program quietly
/// with success — no panic, no backtrace (the pipe is closed before the list is written).
#[test]
fn a_closed_pipe_ends_list_quietly() {
    for args in [&["list"][..], &["respond", "--example"][..]] {
        let mut child = binary()
            .args(args)
            .env("RUST_BACKTRACE", "1")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("waits");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
