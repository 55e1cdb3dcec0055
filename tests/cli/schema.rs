//! The committed JSON Schemas are what the code generates.

use crate::common::*;

#[test]
fn committed_schema_is_up_to_date() {
    let run = responsekit(&["schema", "--check"]);
    assert_eq!(
        run.code, 0,
        "schema/ is stale: run `responsekit schema`\n{}",
        run.stderr
    );
}

#[test]
fn schema_check_fails_on_a_stale_folder_and_schema_writes_a_fresh_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().display().to_string();
    std::fs::write(tmp.path().join("jurisdiction.schema.json"), "{}\n").unwrap();
    let run = responsekit(&["schema", "--check", "--out", &dir]);
    assert_eq!(run.code, 1);
    assert!(run.errors().contains(&format!(
        "error: {dir}/jurisdiction.schema.json: schema is out of date\n  hint: run `responsekit schema` and commit the result"
    )), "{}", run.stderr);
    let run = responsekit(&["schema", "--out", &dir]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = responsekit(&["schema", "--check", "--out", &dir]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["jurisdiction.schema.json", "authorities.schema.json"] {
        assert_eq!(
            read(tmp.path().join(name)),
            read(format!("{ROOT}/schema/{name}")),
            "{name}"
        );
    }
}
