//! A failing jurisdiction is named and never hides the others.

use crate::common::*;

#[test]
fn build_writes_the_good_jurisdictions_and_nothing_for_the_failing_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = build("partial-failure", &out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.errors(),
        [
            "error: tests/fixtures/partial-failure/jurisdictions/us/xx/broken/templates/card/es.md.hbs:4:9: template uses `agencies.public_defender.telefono`, which this jurisdiction does not define\n  hint: fix the name in the template, or add the value to the jurisdiction's config",
            "error: 1 jurisdiction(s) not built, nothing written for them: us/xx/broken",
        ]
    );
    let files = files_under(&out);
    for id in ["us/xx", "us/xx/alpha", "us/xx/beta"] {
        for lang in ["en", "es"] {
            for ext in ["docx", "html", "md"] {
                let f = format!("{id}/{lang}/card.{ext}");
                assert!(files.contains(&f), "{f} missing: {files:?}");
            }
        }
    }
    // Its English documents rendered fine, but a half kit is not written.
    assert!(
        !files.iter().any(|f| f.starts_with("us/xx/broken")),
        "{files:?}"
    );
    assert!(!read(out.join("manifest.json")).contains("us/xx/broken"));
}
