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
