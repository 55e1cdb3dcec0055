//! Which template a jurisdiction gets: --templates base < tree root `templates/` < state
//! folder `templates/` < county folder `templates/`. A broken override is an error.

use crate::common::*;

fn first_line(out: &std::path::Path, path: &str) -> String {
    read(out.join(path))
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_nearest_template_wins() {
    let dir = built("overrides");
    let out = dir.path().join("out");
    for (id, title) in [
        ("us/xx/alpha", "# Alpha card"), // its own folder
        ("us/xx/beta", "# State card"),  // its state's folder
        ("us/xx", "# State card"),       // its own folder
        ("us/yy", "# Root card"),        // the tree root's folder
    ] {
        assert_eq!(first_line(&out, &format!("{id}/en/card.md")), title, "{id}");
        // Overrides are per language: Spanish still comes from the base set.
        assert_eq!(
            first_line(&out, &format!("{id}/es/card.md")),
            "# Conozca sus derechos",
            "{id}"
        );
        // Documents nobody overrides come from the base set.
        assert!(first_line(&out, &format!("{id}/en/notice.md")).starts_with("# Release notice for"));
    }
}

#[test]
fn an_override_that_does_not_parse_is_an_error_not_a_fall_back() {
    let run = check("override-broken");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.errors(),
        ["error: tests/fixtures/override-broken/jurisdictions/us/xx/alpha/templates/card/en.md.hbs:7:1: template does not parse: invalid Handlebars syntax\n  hint: check that every `{{#block}}` has its `{{/block}}` and every `{{` its `}}`"]
    );

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = build("override-broken", &out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let files = files_under(&out);
    assert!(
        !files.iter().any(|f| f.starts_with("us/xx/alpha/")),
        "{files:?}"
    );
    assert!(files.contains("us/xx/beta/en/card.md"), "{files:?}");
}
