//! The "Done when": one `check` reports a misspelled key, a wrong type, an unknown
//! proposition key and a template with a missing variable — all four, with <file:line> — and exits 1.

use crate::common::*;

#[test]
fn check_reports_all_four_problems_at_once() {
    let run = check("err-combined");
    assert_eq!(run.code, 1, "{}", run.stderr);
    let dir = "tests/fixtures/err-combined/jurisdictions/us/xx";
    let mut errors = run.errors();
    errors.sort();
    let mut expected = vec![
        format!("error: {dir}/misspelled/jurisdiction.yaml:8:5: unknown key `phnoe` in `agencies.sheriff`\n  hint: did you mean `phone`? allowed here: `name`, `head`, `head_title`, `address`, `phone`, `email`, `website`, `hours`, `serves`, `source`, `verified`"),
        format!("error: {dir}/wrongtype/jurisdiction.yaml:8:12: agencies.sheriff.phone: expected text, found the number 5550200001; put it in quotes (\"5550200001\")"),
        format!("error: {dir}/badlaw/jurisdiction.yaml:6: unknown proposition `test-detainer-regg`\n  hint: did you mean `test-detainer-reg-p`? They are defined in propositions.yaml files"),
        format!("error: {dir}/badtemplate/templates/card/en.md.hbs:3:6: template uses `agencies.sherif.phone`, which this jurisdiction does not define\n  hint: fix the name in the template, or add the value to the jurisdiction's config"),
    ];
    expected.sort();
    assert_eq!(errors, expected, "full stderr:\n{}", run.stderr);
    assert_eq!(run.summary(), "checked 5 jurisdictions: 4 problem(s)");
}
