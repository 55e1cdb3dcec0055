//! One pinned message per class of mistake: where (<file:line:col>), what, and how to fix it.
//! Each fixture holds exactly one mistake; `check` reports exactly these errors and exits 1.

use crate::common::*;

fn assert_errors(case: &str, expected: &[&str]) {
    let run = check(case);
    assert_eq!(run.code, 1, "{case}: {}", run.stderr);
    assert_eq!(
        run.errors(),
        expected,
        "{case}: full stderr:\n{}",
        run.stderr
    );
    let summary = format!("{} problem(s)", expected.len());
    assert!(
        run.summary().ends_with(&summary),
        "{case}: {}",
        run.summary()
    );
}

#[test]
fn misspelled_key() {
    assert_errors(
        "err-misspelled-key",
        &["error: tests/fixtures/err-misspelled-key/jurisdictions/us/xx/alpha/jurisdiction.yaml:8:5: unknown key `phnoe` in `agencies.sheriff`\n  hint: did you mean `phone`? allowed here: `name`, `head`, `head_title`, `address`, `phone`, `email`, `website`, `hours`, `serves`, `source`, `verified`"],
    );
}

#[test]
fn number_where_text_is_required() {
    assert_errors(
        "err-wrong-type",
        &["error: tests/fixtures/err-wrong-type/jurisdictions/us/xx/alpha/jurisdiction.yaml:8:12: agencies.sheriff.phone: expected text, found the number 5550200001; put it in quotes (\"5550200001\")"],
    );
}

#[test]
fn null_and_tilde_where_text_is_required() {
    assert_errors(
        "err-null",
        &[
            "error: tests/fixtures/err-null/jurisdictions/us/xx/alpha/jurisdiction.yaml:8:12: agencies.sheriff.phone: empty value (null or ~) where text is required; write the value, or `unknown` where a fact is not known yet",
            "error: tests/fixtures/err-null/jurisdictions/us/xx/beta/jurisdiction.yaml:2:7: name: empty value (null or ~) where text is required; write the value, or `unknown` where a fact is not known yet",
        ],
    );
}

#[test]
fn unknown_proposition_key_in_law() {
    assert_errors(
        "err-unknown-authority",
        &["error: tests/fixtures/err-unknown-authority/jurisdictions/us/xx/alpha/jurisdiction.yaml:6: unknown proposition `test-detainer-regg`\n  hint: did you mean `test-detainer-reg-p`? They are defined in propositions.yaml files"],
    );
}

#[test]
fn template_with_a_missing_variable() {
    // Used by both jurisdictions, reported (and counted) once.
    assert_errors(
        "err-missing-variable",
        &["error: tests/fixtures/err-missing-variable/jurisdictions/templates/card/en.md.hbs:4:6: template uses `agencies.public_defender.nmae`, which this jurisdiction does not define\n  hint: fix the name in the template, or add the value to the jurisdiction's config"],
    );
}

#[test]
fn document_missing_its_english_template() {
    // A document is translated from English: one written only in Spanish has no original.
    assert_errors(
        "err-missing-en",
        &["error: tests/fixtures/err-missing-en/jurisdictions/templates/handout/es.md.hbs: document `handout` has no `en` template\n  hint: every document is written in English, the language it is translated from: add `handout/en.md.hbs`"],
    );
}

#[test]
fn required_field_missing_in_county_and_state() {
    // One error per jurisdiction, each at its own file: the county's is not blamed on the state.
    assert_errors(
        "err-missing-required",
        &[
            "error: tests/fixtures/err-missing-required/jurisdictions/us/xx/jurisdiction.yaml:1: `signatory` is missing: it is set neither in this file nor in its parents (tests/fixtures/err-missing-required/jurisdictions/us/jurisdiction.yaml)\n  hint: add it here, e.g. `signatory: {name: unknown, title: …, agency: sheriff}`",
            "error: tests/fixtures/err-missing-required/jurisdictions/us/xx/alpha/jurisdiction.yaml:1: `signatory` is missing: it is set neither in this file nor in its parents (tests/fixtures/err-missing-required/jurisdictions/us/jurisdiction.yaml, tests/fixtures/err-missing-required/jurisdictions/us/xx/jurisdiction.yaml)\n  hint: add it here, e.g. `signatory: {name: unknown, title: …, agency: sheriff}`",
        ],
    );
}

#[test]
fn fact_without_a_source() {
    assert_errors(
        "err-no-source",
        &["error: tests/fixtures/err-no-source/jurisdictions/us/xx/alpha/jurisdiction.yaml:8: `agencies.sheriff.phone` has no source\n  hint: add `source:` and `verified:` to `agencies.sheriff`, or write `phone: unknown` until it is checked"],
    );
}

#[test]
fn yaml_syntax_error() {
    assert_errors(
        "err-yaml-syntax",
        &["error: tests/fixtures/err-yaml-syntax/jurisdictions/us/xx/alpha/jurisdiction.yaml:7:1: did not find expected ',' or ']', while parsing a flow sequence (which starts at line 6 column 14)"],
    );
}

#[test]
fn duplicate_key() {
    assert_errors(
        "err-duplicate-key",
        &["error: tests/fixtures/err-duplicate-key/jurisdictions/us/xx/alpha/jurisdiction.yaml:5:1: key `kind` is written twice in the top level of the file\n  hint: delete one of them: only one value per key is allowed"],
    );
}

#[test]
fn a_jurisdiction_whose_config_fails_is_named_in_a_note() {
    let run = check("err-duplicate-key");
    assert!(
        run.notes().contains(&"note: tests/fixtures/err-duplicate-key/jurisdictions/us/xx/alpha/jurisdiction.yaml: `us/xx/alpha` has errors in its config (reported above)".to_string()),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_templates_folder() {
    let run = responsekit(&[
        "check",
        "--jurisdictions",
        &tree("basic"),
        "--templates",
        "tests/fixtures/no-such-folder",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.errors(),
        ["error: templates folder `tests/fixtures/no-such-folder` not found\n  hint: pass --templates a folder of `<document>/<lang>.md.hbs` files"]
    );
}
