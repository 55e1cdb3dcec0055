//! `check`: what it renders (every jurisdiction's documents to the document model; each
//! distinct template set also to every format) and `--format`.

use crate::common::Workspace;

/// A template error that depends on a jurisdiction's data is found in every jurisdiction that
/// has it, not only in the one whose kit `check` exports (the first of the template set, the
/// state): Alpha replaces the state's two legal services with one of its own.
#[test]
fn a_template_error_depending_on_data_is_found_in_every_jurisdiction() {
    let ws = Workspace::new();
    ws.append(
        "templates/card/en.md.hbs",
        "\nAlso call {{legal_services.[1].name}}.\n",
    );
    let run = ws.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.errors(),
        [format!(
            "error: {}:5:11: template uses `legal_services.[1].name`, which this jurisdiction does not define\n  hint: fix the name in the template, or add the value to the jurisdiction's config",
            ws.path("templates/card/en.md.hbs").display()
        )],
        "{}",
        run.stderr
    );
    assert_eq!(run.summary(), "checked 3 jurisdictions: 1 problem(s)");
}

/// `--format` names what `check` exports to, as for `build`; an unknown format is a bad
/// command line.
#[test]
fn check_takes_the_formats_of_build() {
    let ws = Workspace::new();
    let run = ws.check(&["--format", "md,docx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.summary()
            .starts_with("checked 3 jurisdictions: no problems"),
        "{}",
        run.stderr
    );
    let run = ws.check(&["--format", "xls"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("invalid value 'xls' for '--format <FORMAT>'"),
        "{}",
        run.stderr
    );
}

/// `check -j` checks one jurisdiction and those under it, as `build -j` builds them, and a
/// mistyped id is refused with the closest one.
#[test]
fn check_takes_the_jurisdictions_of_build() {
    let ws = Workspace::new();
    let run = ws.check(&["-j", "us/xx/alpha"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.summary()
            .starts_with("checked 1 jurisdiction: no problems"),
        "{}",
        run.stderr
    );
    // Alpha's notes only: an unknown fact it inherits names Alpha, not Beta.
    assert!(!run.stderr.contains("us/xx/beta"), "{}", run.stderr);
    let run = ws.check(&["-j", "us/xx/alpah"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.errors(),
        ["error: no jurisdiction `us/xx/alpah` in ".to_string()
            + &ws.path("jurisdictions").display().to_string()
            + "\n  hint: did you mean `us/xx/alpha`?"],
        "{}",
        run.stderr
    );
}

/// Errors come before every note, and the summary last: one error is not buried under the
/// notes of every unknown fact.
#[test]
fn check_puts_errors_first_and_the_summary_last() {
    let ws = Workspace::new();
    ws.append(
        "templates/card/en.md.hbs",
        "\nAlso call {{legal_services.[1].name}}.\n",
    );
    let run = ws.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    let first_note = lines.iter().position(|l| l.starts_with("note:"));
    let last_error = lines.iter().rposition(|l| l.starts_with("error:"));
    assert!(first_note.is_some(), "{}", run.stderr);
    assert!(last_error < first_note, "{}", run.stderr);
    assert!(
        lines.last().unwrap().starts_with("checked 3 jurisdictions"),
        "{}",
        run.stderr
    );
    // With -q, the error and the summary, no note.
    let quiet = ws.check(&["-q"]);
    assert!(!quiet.stderr.contains("note:"), "{}", quiet.stderr);
    assert!(quiet.stderr.starts_with("error:"), "{}", quiet.stderr);
}
