//! `responsekit report --year 2026` after a year of requests (issue 14's first Done-when): every
//! report of every (jurisdiction, agency), in both languages, read as its reader reads it — each
//! row of its figures CSV (figure, value as printed, a query `src/report/queries.sql` names),
//! each row of its items CSV, and each label with its value in the DOCX — against the
//! counts of [`crate::year_model`], made from the tests' own record of what they did.

use crate::common::{docx_part, docx_text, files_under, words, ROOT};
use crate::year::{year, Year};
use crate::year_model::{expected, suppressed, Expected, Numbered, IL_CUSTODY_FROM};
use std::collections::BTreeSet;
use std::path::Path;

const LANGS: [&str; 2] = ["en", "es"];

/// Every row of a CSV file, its header first, as a spreadsheet reads it.
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    reader
        .records()
        .map(|r| r.expect("a CSV record").iter().map(String::from).collect())
        .collect()
}

/// The paragraphs of a DOCX as Word shows them, one a line (read as [`words`]). The document
/// model has no tables (a template's table is refused), so a report prints each figure as a
/// paragraph `label | value`.
fn paragraphs(docx: &Path) -> Vec<String> {
    docx_text(&docx_part(docx, "word/document.xml"))
        .lines()
        .map(|l| l.trim().to_string())
        .collect()
}

/// The names of the queries `src/report/queries.sql` holds (`-- name: <query>`).
fn query_names() -> BTreeSet<String> {
    let path = Path::new(ROOT).join("src/report/queries.sql");
    let sql = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the spec names the report's queries there)",
            path.display()
        )
    });
    sql.lines()
        .filter_map(|l| l.trim().strip_prefix("-- name:"))
        .map(|n| n.trim().to_string())
        .collect()
}

fn numbered(y: &Year) -> Vec<Numbered<'_>> {
    y.plan.iter().zip(y.ids.iter().copied()).collect()
}

/// The folder of one report's files in `lang`.
fn folder(out: &Path, e: &Expected, lang: &str) -> std::path::PathBuf {
    out.join(e.jurisdiction).join(e.agency).join(lang)
}

/// The files `report` must write for `reports`: with the mark that says the folder is its own
/// (so that a second run may write into it).
fn expected_files(reports: &[Expected]) -> BTreeSet<String> {
    let mut files = BTreeSet::from([".responsekit-report".to_string()]);
    for e in reports {
        for lang in LANGS {
            let base = format!("{}/{}/{lang}/{}", e.jurisdiction, e.agency, e.report);
            files.insert(format!("{base}.docx"));
            files.insert(format!("{base}.csv"));
            if cfg!(feature = "pdf") {
                files.insert(format!("{base}.pdf"));
            }
            if e.items.is_some() {
                files.insert(format!("{base}-items.csv"));
            }
        }
    }
    files
}

/// Checks one report in `lang`: its figures CSV, its DOCX, its items CSV.
fn check_report(out: &Path, e: &Expected, lang: &str, queries: &BTreeSet<String>) {
    let dir = folder(out, e, lang);
    let what = format!("{}/{}/{lang}/{}", e.jurisdiction, e.agency, e.report);
    let rows = csv_rows(&dir.join(format!("{}.csv", e.report)));
    assert_eq!(rows[0], ["figure", "label", "value", "query"], "{what}.csv");
    let printed = e.printed(lang);
    let got: Vec<(String, String)> = rows[1..]
        .iter()
        .map(|r| (r[0].clone(), r[2].clone()))
        .collect();
    assert_eq!(got, printed, "{what}.csv: figure, value");
    let labels: BTreeSet<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        labels.len(),
        printed.len(),
        "{what}.csv: a label is blank or twice"
    );
    assert!(!labels.contains(""), "{what}.csv: a blank label");
    for row in &rows[1..] {
        assert!(
            queries.contains(&row[3]),
            "{what}.csv: {} is counted by `{}`, which src/report/queries.sql does not name",
            row[0],
            row[3]
        );
    }
    // The DOCX shows the same labels with the same values, in the same order, and names
    // each query.
    let docx = dir.join(format!("{}.docx", e.report));
    let lines = paragraphs(&docx);
    let mut from = 0;
    for row in &rows[1..] {
        let line = format!("{} | {}", row[1], row[2]);
        let at = lines[from..].iter().position(|l| *l == line);
        let at = at.unwrap_or_else(|| {
            panic!("{what}.docx: no line `{line}` after line {from} in {lines:#?}")
        });
        from += at + 1;
        assert!(
            lines.contains(&row[3]),
            "{what}.docx does not name the query `{}`",
            row[3]
        );
    }
    if let Some(items) = &e.items {
        let got = csv_rows(&dir.join(format!("{}-items.csv", e.report)));
        assert_eq!(got.len(), items.len(), "{what}-items.csv: {got:#?}");
        assert_eq!(got[0], items[0], "{what}-items.csv: header");
        for (g, want) in got.iter().zip(items).skip(1) {
            // Section A rows may leave the custody columns empty (the spec: "may be too").
            let tail_empty = g
                .get(IL_CUSTODY_FROM..)
                .is_some_and(|t| t.iter().all(String::is_empty));
            if want[0] == "A" && tail_empty {
                assert_eq!(
                    g[..IL_CUSTODY_FROM],
                    want[..IL_CUSTODY_FROM],
                    "{what}-items.csv"
                );
            } else {
                assert_eq!(g, want, "{what}-items.csv");
            }
        }
    }
}

#[test]
fn the_year_exercises_every_case_of_the_suppression_rule() {
    // The plan alone, with request numbers in plan order: which cells the rule hides does not
    // depend on the numbers.
    let plan = crate::year_plan::plan();
    let n: Vec<Numbered> = plan.iter().zip(1..).collect();
    let reports = expected(&n);
    let (mut primary, mut secondary, mut tie, mut zero, mut five) = (0, 0, 0, 0, 0);
    for e in reports.iter().filter(|e| e.groups.is_some()) {
        let hidden = suppressed(&e.figures, e.groups.as_ref().unwrap());
        for (f, v) in &e.figures {
            match (v, hidden.contains(f)) {
                (1..=4, true) => primary += 1,
                (0, false) => zero += 1,
                (5.., false) => five += 1,
                (5.., true) => secondary += 1,
                _ => panic!("{f} = {v} in {} breaks the rule", e.report),
            }
        }
        for (_, cells) in e.groups.as_ref().unwrap() {
            let values: Vec<u64> = cells
                .iter()
                .map(|c| e.figures.iter().find(|(f, _)| f == c).unwrap().1)
                .collect();
            let hidden_big: Vec<u64> = cells
                .iter()
                .zip(&values)
                .filter(|(c, v)| hidden.contains(*c) && **v >= 5)
                .map(|(_, v)| *v)
                .collect();
            if let [v] = hidden_big[..] {
                tie += usize::from(values.iter().filter(|x| **x == v).count() > 1);
            }
        }
    }
    assert!(
        primary > 0 && zero > 0 && five > 0,
        "{primary} {zero} {five}"
    );
    assert!(
        secondary >= 2 && tie >= 1,
        "secondary {secondary}, ties {tie}"
    );
    assert_eq!(
        plan.iter()
            .filter(|r| r.jurisdiction != crate::year_plan::WA && r.agency == "sheriff")
            .count(),
        40
    );
}

#[test]
fn every_figure_of_every_report_is_the_count_of_what_the_year_did() {
    let y = year();
    let reports = expected(&numbered(y));
    assert_eq!(
        files_under(&y.reports()),
        expected_files(&reports),
        "the files report --year 2026 wrote"
    );
    let queries = query_names();
    for e in &reports {
        for lang in LANGS {
            check_report(&y.reports(), e, lang, &queries);
        }
    }
}

#[test]
fn a_state_whose_law_requires_no_report_is_named_in_an_info_line() {
    let run = year().run("report --year 2026 --out");
    assert!(
        run.stderr.lines().any(
            |l| l == "no annual report for us/wa: responsekit knows no report its law requires"
        ),
        "{}",
        run.stderr
    );
}

/// The text of a registry proposition of Illinois in `lang`.
fn proposition(key: &str, lang: &str) -> String {
    let path = Path::new(ROOT).join("jurisdictions/us/il/propositions.yaml");
    let yaml: serde_yaml::Value = serde_yaml::from_str(&crate::common::read(path)).unwrap();
    yaml[key]["text"][lang]
        .as_str()
        .expect("a proposition's text")
        .to_string()
}

/// How a certification begins, and its signature fill-in, in each language.
fn certification(lang: &str) -> (&'static str, &'static str) {
    if lang == "es" {
        ("Certifico que", "[Nombre de quien certifica]")
    } else {
        ("I certify that", "[Name of the person certifying]")
    }
}

/// The paragraphs of the Illinois report in `lang` under `out` that certify.
fn certifications(out: &Path, lang: &str) -> Vec<String> {
    let docx = out.join(format!("us/il/sheriff/{lang}/il-trust-act-805-25.docx"));
    let (certify, _) = certification(lang);
    paragraphs(&docx)
        .into_iter()
        .filter(|l| l.contains(certify))
        .collect()
}

#[test]
fn an_illinois_sheriff_with_no_request_certifies_none_in_both_sections() {
    let y = year();
    let e = Expected {
        jurisdiction: "us/il",
        agency: "sheriff",
        report: "il-trust-act-805-25",
        figures: vec![
            ("dhs_requests.total".into(), 0),
            ("detainers.total".into(), 0),
        ],
        groups: None,
        items: Some(vec![crate::year_model::IL_COLUMNS
            .iter()
            .map(ToString::to_string)
            .collect()]),
    };
    let reports = [e];
    assert_eq!(files_under(&y.empty_reports()), expected_files(&reports));
    let queries = query_names();
    for lang in LANGS {
        check_report(&y.empty_reports(), &reports[0], lang, &queries);
        let docx = folder(&y.empty_reports(), &reports[0], lang).join("il-trust-act-805-25.docx");
        let lines = paragraphs(&docx);
        let text = lines.join("\n");
        // Each section's duty to certify, stated through its proposition (followed there by
        // its citation, so without the final period).
        for key in [
            "il-trust-report-certify-no-requests",
            "il-trust-report-detainers-warrants",
        ] {
            let statement = words(&proposition(key, lang));
            let statement = statement.trim_end_matches('.');
            assert!(
                text.contains(statement),
                "{lang}: no `{statement}` in\n{text}"
            );
        }
        // A certification per section, each with a signature to fill in.
        let (_, signature) = certification(lang);
        assert_eq!(
            certifications(&y.empty_reports(), lang).len(),
            2,
            "{lang}:\n{text}"
        );
        assert_eq!(
            lines.iter().filter(|l| *l == signature).count(),
            2,
            "{lang}:\n{text}"
        );
    }
}

#[test]
fn an_illinois_sheriff_with_requests_certifies_nothing() {
    let y = year();
    for lang in LANGS {
        let found = certifications(&y.reports(), lang);
        assert!(found.is_empty(), "{lang}: {found:#?}");
    }
}
