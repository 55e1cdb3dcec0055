//! What the tool says about itself: `--help` of each command (formats, required flags,
//! examples), the completion scripts and the manual pages.

use crate::common::*;

#[test]
fn help_names_every_format_and_what_respond_requires() {
    let top = responsekit(&["--help"]);
    assert_eq!(top.code, 0, "{}", top.stderr);
    assert!(
        top.stdout.contains("DOCX, PDF, HTML and Markdown"),
        "{}",
        top.stdout
    );
    let respond = responsekit(&["respond", "--help"]);
    assert!(
        respond.stdout.contains("DOCX, PDF and Markdown"),
        "{}",
        respond.stdout
    );
    assert!(
        respond
            .stdout
            .contains("`--jurisdiction` and `--request` are required"),
        "{}",
        respond.stdout
    );
    // Every command shows how it is used.
    for command in [
        "build",
        "check",
        "init",
        "list",
        "new",
        "respond",
        "schema",
        "completions",
        "man",
    ] {
        let help = responsekit(&[command, "--help"]);
        assert_eq!(help.code, 0, "{command}: {}", help.stderr);
        assert!(
            help.stdout.contains(&format!("responsekit {command}"))
                && help.stdout.contains("Example"),
            "{command} --help has no example:\n{}",
            help.stdout
        );
    }
}

#[test]
fn completion_scripts_know_the_commands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = responsekit(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for command in ["build", "init", "respond", "jurisdictions"] {
            assert!(run.stdout.contains(command), "{shell}: no `{command}`");
        }
    }
    let bad = responsekit(&["completions", "tcsh"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("possible values"), "{}", bad.stderr);
}

#[test]
fn the_manual_is_printed_or_written_one_page_per_command() {
    let printed = responsekit(&["man"]);
    assert_eq!(printed.code, 0, "{}", printed.stderr);
    assert!(
        printed.stdout.contains(".TH responsekit 1"),
        "{}",
        printed.stdout
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man");
    let written = responsekit(&["man", "--out", out.to_str().unwrap()]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    let mut pages: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert_eq!(
        pages,
        [
            "responsekit-build.1",
            "responsekit-check.1",
            "responsekit-completions.1",
            "responsekit-facts.1",
            "responsekit-init.1",
            "responsekit-list.1",
            "responsekit-man.1",
            "responsekit-new.1",
            "responsekit-register.1",
            "responsekit-report.1",
            "responsekit-respond.1",
            "responsekit-schema.1",
            "responsekit-serve.1",
            "responsekit.1"
        ]
    );
    let build = std::fs::read_to_string(out.join("responsekit-build.1")).unwrap();
    assert!(build.contains(".TH responsekit-build 1"), "{build}");
    assert!(build.contains("\\-\\-force"), "{build}");
}
