//! No report, export or message holds a person's details (issue 14's Done-when): the year of
//! [`crate::year`] planted markers in every request file `respond` read (name, dates of birth,
//! home and work address, guardian, attorney, officer, A-number, ICE's subject, event and
//! document numbers, the name of who signs the answer) and a marker in every booking number,
//! and this searches every byte of what came out: every report file (each part of a DOCX, as
//! stored and as its text; PDF text through poppler; CSV), the register export and the
//! register file, and what every command printed. The booking number is
//! recorded and shown by design (`register show`, the export), but no report may hold it.
//!
//! The search is checked on an answer of `respond`, whose letter holds the name legitimately:
//! a search that cannot find a marker would pass without checking anything.

use crate::common::{docx_text, files_under, pdftotext};
use crate::year::{year, BOOKING, PERSONAL};
use std::io::Read;
use std::path::Path;

/// The text of a file as a search reads it, lowercased: each part of a DOCX both as stored
/// (every zip entry) and as the text of its paragraphs (a marker split across runs is whole
/// there), a PDF as poppler reads it, anything else as its bytes.
fn texts(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let lossy = |b: &[u8]| String::from_utf8_lossy(b).to_lowercase();
    match path.extension().and_then(|e| e.to_str()) {
        Some("docx") => {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
            let mut out = Vec::new();
            for i in 0..zip.len() {
                let mut entry = zip.by_index(i).unwrap();
                let mut part = Vec::new();
                entry.read_to_end(&mut part).unwrap();
                if entry.name().ends_with(".xml") {
                    out.push(docx_text(&String::from_utf8(part.clone()).unwrap()).to_lowercase());
                }
                out.push(lossy(&part));
            }
            out
        }
        Some("pdf") => vec![pdftotext(&bytes).to_lowercase()],
        _ => vec![lossy(&bytes)],
    }
}

/// Each `file: marker` of `markers` found in a file under `dir`.
fn findings(dir: &Path, markers: &[&str]) -> Vec<String> {
    let files = files_under(dir);
    assert!(!files.is_empty(), "nothing to search in {}", dir.display());
    let mut found = Vec::new();
    for file in files {
        let texts = texts(&dir.join(&file));
        for marker in markers {
            if texts.iter().any(|t| t.contains(marker)) {
                found.push(format!("{file}: {marker}"));
            }
        }
    }
    found
}

fn with_booking() -> Vec<&'static str> {
    [PERSONAL, &[BOOKING]].concat()
}

#[test]
fn the_search_finds_a_name_where_a_letter_holds_it() {
    let y = year();
    let answer = y.path("answers/01");
    let found = findings(&answer, &["qzname1 roe"]);
    let mut expected = vec!["letter-detainer.docx", "letter-detainer.md"];
    if cfg!(feature = "pdf") {
        expected.push("letter-detainer.pdf");
    }
    for letter in expected {
        let name = format!("/en/{letter}: qzname1 roe");
        assert!(
            found.iter().any(|f| f.ends_with(&name)),
            "the search did not find the name in {letter}: {found:?}"
        );
    }
}

#[test]
fn no_report_holds_a_name_a_birth_date_an_address_or_a_booking_number() {
    let y = year();
    for dir in [y.reports(), y.empty_reports()] {
        let found = findings(&dir, &with_booking());
        assert!(found.is_empty(), "{}: {found:#?}", dir.display());
    }
}

#[test]
fn no_export_and_no_message_holds_a_name_a_birth_date_or_an_address() {
    let y = year();
    let found = findings(&y.path("export"), PERSONAL);
    assert!(found.is_empty(), "the register export: {found:#?}");
    for name in ["register.sqlite", "register.sqlite-wal"] {
        let path = y.path(name);
        if path.exists() {
            let text = texts(&path).concat();
            for marker in PERSONAL {
                assert!(!text.contains(marker), "{name} holds `{marker}`");
            }
        }
    }
    for (command, run) in &y.runs {
        let printed = format!("{}\n{}", run.stdout, run.stderr).to_lowercase();
        for marker in PERSONAL {
            assert!(
                !printed.contains(marker),
                "`responsekit {command}` printed `{marker}`:\n{printed}"
            );
        }
    }
    // Every kind of command is among those searched.
    for command in [
        "respond",
        "register add",
        "register close",
        "register custody",
        "register sent",
        "register list",
        "register show",
        "register export",
        "report",
    ] {
        assert!(
            y.runs.iter().any(|(c, _)| c.starts_with(command)),
            "the year ran no `{command}`"
        );
    }
}
