//! `responsekit schema`: writes the JSON Schemas of the files people edit ([`crate::schema`])
//! into a folder, or with `--check` only says whether the ones there are current.

use super::Report;
use crate::build;
use crate::diagnostic::Diagnostic;
use crate::schema;
use std::path::Path;

/// Writes the schemas into `dir`, or when `check`, compares them with the files there.
pub fn run(dir: &Path, check: bool) -> Report {
    let mut report = Report::default();
    for (name, text) in schema::schemas() {
        let path = dir.join(name);
        if check {
            if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                report.problem(
                    &Diagnostic::error("schema is out of date")
                        .in_file(&path)
                        .with_hint("run `responsekit schema` and commit the result"),
                );
            }
        } else if let Err(e) = build::write_atomic(&path, text.as_bytes()) {
            report.problem(&Diagnostic::error(format!("cannot write ({e})")).in_file(&path));
        } else {
            report.info(format!("wrote {}", path.display()));
        }
    }
    report.finish(true)
}
