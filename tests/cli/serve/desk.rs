//! The register's and the reports' pages as a person reads them: the open requests most urgent
//! first with the overdue ones saying so, closing a request, and the reports' zip holding what
//! `responsekit report` writes, byte for byte.

use super::{add, register, Desk};
use std::collections::BTreeMap;
use std::io::Read as _;

/// The rows of the open requests' table: each row's markup.
fn rows(page: &str) -> Vec<String> {
    let body = page
        .split_once("<tbody>")
        .and_then(|(_, rest)| rest.split_once("</tbody>"))
        .map_or("", |(body, _)| body);
    body.split("<tr")
        .skip(1)
        .map(|r| r.split("</tr>").next().unwrap_or_default().to_string())
        .collect()
}

/// The request number a row links to.
fn linked(row: &str) -> String {
    row.split_once("href=\"/register/")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(id, _)| id.to_string())
        .unwrap_or_default()
}

#[test]
fn the_open_requests_are_most_urgent_first_and_the_overdue_ones_say_so() {
    let (_dir, db) = register();
    // 1: due later; 2: no deadline; 3: overdue on the desk's day (2026-12-01); 4: due soonest
    // of those not overdue; 5: closed.
    add(&db, "detainer", "2026-11-20", Some("2026-12-20"));
    add(&db, "information_request", "2026-11-10", None);
    add(
        &db,
        "administrative_subpoena",
        "2026-11-01",
        Some("2026-11-15"),
    );
    add(&db, "detainer", "2026-11-25", Some("2026-12-05"));
    add(&db, "detainer", "2026-11-25", Some("2026-12-02"));
    let closed = crate::common::responsekit(&[
        "register",
        "close",
        "5",
        "--outcome",
        "declined",
        "--register",
        db.to_str().unwrap(),
    ]);
    assert_eq!(closed.code, 0, "{}", closed.stderr);
    let desk = Desk::open(&db);
    let page = desk.get("/register");
    assert_eq!(page.status, 200);
    let text = page.text();
    let table = rows(&text);
    let order: Vec<String> = table.iter().map(|r| linked(r)).collect();
    assert_eq!(order, ["3", "4", "1", "2"], "{text}");
    let overdue: Vec<bool> = table
        .iter()
        .map(|r| r.starts_with(" class=\"overdue\"") && r.contains(">Overdue<"))
        .collect();
    assert_eq!(overdue, [true, false, false, false], "{text}");
    assert!(table[0].contains("<time datetime=\"2026-11-15\">November 15, 2026</time>"));
    assert!(table[0].contains("Administrative subpoena"), "{}", table[0]);
    assert!(table[3].contains("None given"), "{}", table[3]);
    // Alameda's law requires a notice to the person with each: none is marked sent.
    assert!(
        table.iter().all(|r| r.contains("Notice to the person")),
        "{text}"
    );

    let es = desk
        .request("GET", "/register", &["Cookie: responsekit_lang=es"], b"")
        .text();
    let es_rows = rows(&es);
    assert!(es_rows[0].contains(">Vencida<"), "{es}");
    assert!(es_rows[0].contains("15 de noviembre de 2026"), "{es}");
    assert!(!es.contains(">Overdue<"));
}

#[test]
fn with_no_register_yet_the_page_says_so_and_creates_none() {
    let (_dir, db) = register();
    let desk = Desk::open(&db);
    let page = desk.get("/register");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("No request has been recorded yet."));
    assert_eq!(desk.get("/register/1").status, 404);
    assert_eq!(desk.get("/reports/download?year=2026").status, 422);
    assert!(!db.exists(), "the register was created");
}

#[test]
fn a_request_is_shown_whole_and_closed_with_its_errors_next_to_their_fields() {
    let (_dir, db) = register();
    add(&db, "detainer", "2026-11-20", Some("2026-12-10"));
    let desk = Desk::open(&db);
    let page = desk.get("/register/1").text();
    for shown in [
        "<h1>Request 1</h1>",
        "Alameda County (us/ca/alameda)",
        "Release date",
        "<time datetime=\"2026-11-20\">November 20, 2026</time>",
        "Notice to the person — <strong>not marked sent</strong>",
        "<option value=\"interview-with-consent\">Interview with the person&#x27;s written consent</option>",
        "value=\"2026-12-01\"",
    ] {
        assert!(page.contains(shown), "no `{shown}` in\n{page}");
    }

    let bad = desk.post(
        "/register/1/close",
        &[("outcome", "obliged"), ("on", "2026-11-19")],
    );
    assert_eq!(bad.status, 422);
    let bad = bad.text();
    assert!(bad.contains("role=\"alert\""), "{bad}");
    assert!(bad.contains("<a href=\"#f-outcome\">Choose what was decided.</a>"));
    assert!(bad.contains("<p class=\"field-error\" id=\"f-on-error\">The day it was decided cannot be before the day the request was received (November 20, 2026)."));
    assert!(bad.contains("aria-describedby=\"f-on-hint f-on-error\" aria-invalid=\"true\""));
    assert!(
        bad.contains("value=\"2026-11-19\""),
        "the date typed is kept"
    );

    let closed = desk.post(
        "/register/1/close",
        &[("outcome", "interview-with-consent"), ("on", "2026-11-25")],
    );
    assert_eq!(closed.status, 303);
    assert_eq!(closed.header("location"), Some("/register/1"));
    let page = desk.get("/register/1").text();
    assert!(
        page.contains("Closed: Interview with the person&#x27;s written consent, on <time datetime=\"2026-11-25\">"),
        "{page}"
    );
    let show =
        crate::common::responsekit(&["register", "show", "1", "--register", db.to_str().unwrap()]);
    assert!(show
        .stdout
        .contains("  outcome         interview-with-consent on 2026-11-25"));
    assert!(!desk.get("/register").text().contains("/register/1\""));
}

/// The entries of a zip: path → bytes.
fn entries(zip: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            (file.name().to_string(), bytes)
        })
        .collect()
}

#[test]
fn the_reports_zip_holds_what_report_writes_byte_for_byte() {
    let (dir, db) = register();
    add(&db, "detainer", "2026-03-02", Some("2026-03-09"));
    add(&db, "information_request", "2026-05-11", None);
    add(&db, "detainer", "2025-12-30", None);
    let desk = Desk::open(&db);
    let form = desk.get("/reports").text();
    assert!(form.contains("action=\"/reports/download\""), "{form}");
    assert!(form.contains("value=\"2026\""), "{form}");

    let answer = desk.get("/reports/download?year=2026");
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.header("content-type"), Some("application/zip"));
    assert_eq!(
        answer.header("content-disposition"),
        Some("attachment; filename=\"reports-2026.zip\"")
    );
    let zipped = entries(&answer.body);

    let out = dir.path().join("reports-2026");
    let run = crate::common::responsekit(&[
        "report",
        "--year",
        "2026",
        "--register",
        db.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written: BTreeMap<String, Vec<u8>> = crate::common::files_under(&out)
        .into_iter()
        .filter(|f| f != ".responsekit-report")
        .map(|f| {
            let bytes = std::fs::read(out.join(&f)).unwrap();
            (f, bytes)
        })
        .collect();
    assert!(
        written.contains_key("us/ca/alameda/sheriff/es/ca-doj-values-act.docx"),
        "{:?}",
        written.keys()
    );
    assert_eq!(
        zipped.keys().collect::<Vec<_>>(),
        written.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &written {
        assert!(zipped[path] == *bytes, "{path} differs");
    }
}

#[test]
fn a_bad_year_or_an_empty_one_is_said_next_to_the_year() {
    let (_dir, db) = register();
    add(&db, "detainer", "2026-03-02", None);
    let desk = Desk::open(&db);
    let bad = desk.get("/reports/download?year=20x6");
    assert_eq!(bad.status, 422);
    let bad = bad.text();
    assert!(
        bad.contains("<a href=\"#f-year\">Enter the year as four digits, for example 2026.</a>"),
        "{bad}"
    );
    assert!(bad.contains("value=\"20x6\""));
    let empty = desk.get("/reports/download?year=2019").text();
    assert!(empty.contains(
        "<p class=\"field-error\" id=\"f-year-error\">The register holds no request received in 2019"
    ));
    // A jurisdiction named gets its report even with nothing recorded, as `report -j` does.
    let named = desk.get("/reports/download?year=2019&jurisdiction=us%2Fca%2Falameda");
    assert_eq!(named.status, 200, "{}", named.text());
    assert!(entries(&named.body).contains_key("us/ca/alameda/sheriff/en/ca-truth-act-forum.csv"));
}
