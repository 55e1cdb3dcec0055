//! `responsekit list`: the jurisdictions with their kind, languages and inheritance chain, and
//! the documents of the base template set, on standard output.

use super::{load, Report, TreePaths};
use crate::templates;
use std::fmt::Write as _;

/// Lists the jurisdictions of `tree` (id, kind, languages, what each inherits from; one with
/// errors says so) and the documents of the base template set with their languages.
pub fn run(tree: &TreePaths) -> Report {
    let mut report = Report::default();
    let project = load(&mut report, tree);
    let text = &mut report.stdout;
    text.push_str("Jurisdictions (id, kind, inherits from):\n");
    for (id, resolved) in &project.resolved {
        match resolved {
            Ok(j) => {
                let chain: String = j
                    .ancestors
                    .iter()
                    .rev()
                    .map(|a| format!(" < {a}"))
                    .collect();
                let langs: Vec<&str> = j.languages.iter().map(|l| l.code()).collect();
                let _ = writeln!(
                    text,
                    "  {id:<28} {:<7} [{}]{chain}",
                    format!("{:?}", j.kind).to_lowercase(),
                    langs.join(",")
                );
            }
            Err(_) => {
                let _ = writeln!(text, "  {id:<28} (has errors: run `responsekit check`)");
            }
        }
    }
    // The documents of the base set: `--templates DIR` replaces the shipped one.
    let mut problems = Vec::new();
    let (sources, which) = match &tree.templates {
        Some(dir) => (
            templates::read_dir(dir, &mut problems),
            format!("from {}", dir.display()),
        ),
        None => (templates::shipped(), "shipped".to_string()),
    };
    let documents = templates::documents(&sources);
    // A kit's documents, then what only `respond` writes (its memo) and what only `report`
    // writes (the annual reports), each named by its prefix: in no kit.
    for (heading, prefix) in [
        (format!("Kit documents ({which}):"), None),
        (
            format!("Written by `respond` only ({which}):"),
            Some(templates::RESPOND_ONLY),
        ),
        (
            format!("Written by `report` only ({which}):"),
            Some(templates::REPORT_ONLY),
        ),
    ] {
        let belongs = |d: &str| prefix.map_or_else(|| templates::in_kit(d), |p| d.starts_with(p));
        let _ = writeln!(text, "{heading}");
        for (doc, langs) in documents.iter().filter(|(d, _)| belongs(d)) {
            let langs: Vec<&str> = langs.iter().map(|l| l.code()).collect();
            let _ = writeln!(text, "  {doc:<32} [{}]", langs.join(","));
        }
    }
    report.problems(&problems);
    report.finish(true)
}
