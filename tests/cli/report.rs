//! `responsekit report`: each report's shape and rules as a user sees them — the figures CSV
//! (header, order, labels in its language, the value as printed, the query), the DOCX (the
//! same label | value rows, the certification, the fill-ins, the queries), the "fewer than 5"
//! rule on the public reports only, the items CSV of the filings with no booking number, and a
//! rerun replacing the folder it wrote. (The year-long check of every figure is `year`'s; the
//! bad-input cases pin the errors.)

use crate::common::{docx_part, docx_text, read, responsekit, Run};
use responsekit::register::{Custody, CustodyEvent, NewRequest, Outcome, Register};
use std::path::Path;

/// A request of `kind` received on `received` by `jurisdiction`'s sheriff.
fn request(jurisdiction: &str, received: &str, kind: &str, requested: &[&str]) -> NewRequest {
    NewRequest {
        jurisdiction: jurisdiction.into(),
        received_by: "sheriff".into(),
        received: received.into(),
        kind: kind.into(),
        form: Some("I-247A".into()),
        requested: requested.iter().map(|s| (*s).to_string()).collect(),
        booking: Some("BK-PLANTED-9".into()),
        recorded_by: "add",
        ..NewRequest::default()
    }
}

/// `report --year 2026` over the register `db`, into `out`, with `extra`.
fn report(db: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "report".to_string(),
        "--year".into(),
        "2026".into(),
        "--register".into(),
        db.display().to_string(),
        "--out".into(),
        out.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| (*s).to_string()));
    responsekit(&args)
}

/// The rows of a CSV file the report wrote (no field of ours holds a comma but the labels,
/// which are quoted: read with a real CSV reader for those).
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let text = read(path);
    assert!(
        text.ends_with("\r\n"),
        "{}: lines end in CRLF",
        path.display()
    );
    text.lines()
        .map(|l| parse_csv_line(l.trim_end_matches('\r')))
        .collect()
}

fn parse_csv_line(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

/// The figures CSV as (figure, value) pairs, after checking its header.
fn figures(path: &Path) -> Vec<(String, String)> {
    let rows = csv_rows(path);
    assert_eq!(rows[0], ["figure", "label", "value", "query"]);
    rows[1..]
        .iter()
        .map(|r| (r[0].clone(), r[2].clone()))
        .collect()
}

/// The text of a DOCX's body, a paragraph a line.
fn body(docx: impl AsRef<Path>) -> String {
    docx_text(&docx_part(docx, "word/document.xml"))
}

/// Checks that `text` holds each of `words`.
fn has(text: &str, words: &[&str]) {
    for w in words {
        assert!(text.contains(w), "`{w}` in:\n{text}");
    }
}

/// Checks the printed value of each figure named.
fn expect(figures: &[(String, String)], wanted: &[(&str, &str)]) {
    for (key, printed) in wanted {
        assert_eq!(value(figures, key), *printed, "{key}");
    }
}

fn value<'a>(figures: &'a [(String, String)], key: &str) -> &'a str {
    &figures
        .iter()
        .find(|(k, _)| k == key)
        .unwrap_or_else(|| panic!("{key}"))
        .1
}

/// The TRUTH Act packet: a breakdown with one small cell hides a second one; the DOCX shows
/// the same rows as the CSV, in order, and the notice's fill-ins; the Spanish file is Spanish.
#[test]
fn the_truth_act_packet_suppresses_small_counts_and_shows_the_csv_rows_in_its_docx() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("register.sqlite");
    let mut reg = Register::open(&db).unwrap();
    // 7 requests of 2026: 6 requests for information, 1 detainer.
    for month in 1..=6 {
        let id = reg
            .add(&request(
                "us/ca/alameda",
                &format!("2026-0{month}-10"),
                "information_request",
                &["release_date"],
            ))
            .unwrap();
        reg.close(id, Outcome::Declined, &format!("2026-0{month}-12"))
            .unwrap();
    }
    let detainer = reg
        .add(&request(
            "us/ca/alameda",
            "2026-07-01",
            "detainer",
            &["interview"],
        ))
        .unwrap();
    reg.close(detainer, Outcome::InterviewWithConsent, "2026-07-03")
        .unwrap();
    // Another year: not counted.
    reg.add(&request(
        "us/ca/alameda",
        "2025-12-31",
        "detainer",
        &["hold"],
    ))
    .unwrap();
    drop(reg);
    let out = dir.path().join("reports");
    let run = report(&db, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let en = out.join("us/ca/alameda/sheriff/en");
    let f = figures(&en.join("ca-truth-act-forum.csv"));
    let keys: Vec<&str> = f.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys[..3],
        [
            "requests.total",
            "requests.kind.detainer",
            "requests.kind.information_request"
        ]
    );
    assert_eq!(keys.len(), 1 + 4 + 7 + 1 + 1 + 1 + 12);
    assert_eq!(
        keys[11..16],
        [
            "outcome.open",
            "requested.interview",
            "juvenile.total",
            "access.total",
            "access.month.01"
        ]
    );
    assert_eq!(keys[26], "access.month.12");
    assert_eq!(value(&f, "requests.total"), "7");
    // The detainer (1) is alone in its breakdown: the requests for information (6), the
    // smallest other non-zero cell, are hidden with it.
    expect(
        &f,
        &[
            ("requests.kind.detainer", "fewer than 5"),
            ("requests.kind.information_request", "fewer than 5"),
            ("requests.kind.court_order", "0"),
            ("outcome.declined", "fewer than 5"),
            ("outcome.interview-with-consent", "fewer than 5"),
            ("requested.interview", "fewer than 5"),
            ("access.total", "fewer than 5"),
            ("access.month.07", "fewer than 5"),
            ("access.month.01", "0"),
        ],
    );
    let rows = csv_rows(&en.join("ca-truth-act-forum.csv"));
    assert_eq!(
        rows[1],
        ["requests.total", "Requests received", "7", "requests_total"]
    );
    let text = body(en.join("ca-truth-act-forum.docx"));
    let mut at = 0;
    for row in &rows[1..] {
        let line = format!("{} | {}", row[1], row[2]);
        let found = text[at..]
            .find(&line)
            .unwrap_or_else(|| panic!("`{line}` in order in:\n{text}"));
        at += found + line.len();
    }
    has(
        &text,
        &[
            "TRUTH Act Community Forum: Data on ICE Access in 2026",
            "Jurisdiction: Alameda County",
            "at least 30 days' notice",
            "may, but need not, provide the governing body with data",
            "including all communication with ICE, are public records",
            "[Date and time of the forum]",
            "[Place of the forum (an accessible location)]",
            "Point for counsel:",
            "How each figure was counted",
            "sqlite3 -readonly register.sqlite",
            "access_by_month",
        ],
    );
    assert!(!text.contains("BK-PLANTED-9"));
    let footer = docx_part(en.join("ca-truth-act-forum.docx"), "word/footer1.xml");
    assert!(docx_text(&footer).contains("Not legal advice"), "{footer}");
    let es = out.join("us/ca/alameda/sheriff/es");
    let rows = csv_rows(&es.join("ca-truth-act-forum.csv"));
    assert_eq!(
        rows[1],
        [
            "requests.total",
            "Solicitudes recibidas",
            "7",
            "requests_total"
        ]
    );
    assert_eq!(rows[2][2], "menos de 5");
    let text = body(es.join("ca-truth-act-forum.docx"));
    assert!(text.contains("Solicitudes recibidas | 7"), "{text}");
    assert!(text.contains("30 días de antelación"), "{text}");
}

/// Illinois with no request in the year, named with -j: both zero certifications, signed by
/// a fill-in; an items CSV with its header only. Washington: an info line, no report.
#[test]
fn illinois_with_no_requests_prints_both_certifications_and_an_unknown_state_gets_an_info_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.sqlite");
    let out = dir.path().join("reports");
    let run = report(&db, &out, &["-j", "us/il", "-j", "us/wa"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("no annual report for us/wa: responsekit knows no report its law requires"),
        "{}",
        run.stderr
    );
    assert!(!out.join("us/wa").exists());
    let en = out.join("us/il/sheriff/en");
    assert_eq!(
        figures(&en.join("il-trust-act-805-25.csv")),
        [
            ("dhs_requests.total".to_string(), "0".to_string()),
            ("detainers.total".into(), "0".into())
        ]
    );
    assert_eq!(
        read(en.join("il-trust-act-805-25-items.csv")),
        "section,received,kind,form,requested,outcome,decided_on,documents_sent,bail_posted_at,released_or_transferred,released_or_transferred_at,to_agency\r\n"
    );
    let text = body(en.join("il-trust-act-805-25.docx"));
    has(
        &text,
        &[
        "An agency that received no such DHS requests during the reporting period must certify and report that it received none",
        "I certify that the agency I represent, [Sheriff's office name], received no such request from the Department of Homeland Security during calendar year 2026.",
        "I certify that the agency I represent, [Sheriff's office name], received no immigration detainer or civil immigration warrant during calendar year 2026.",
        "[Name of the person certifying]",
        ],
    );
    assert!(std::fs::metadata(out.join("us/il/sheriff/es/il-trust-act-805-25.docx")).is_ok());
}

/// The filings print every figure, small ones too, and list their items: Illinois section A
/// and B rows with the custody events and the documents sent (no booking number), the DOJ
/// report's transfers in time order.
#[test]
fn the_filings_print_small_counts_and_list_each_item_without_a_booking_number() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("register.sqlite");
    let mut reg = Register::open(&db).unwrap();
    let d = reg
        .add(&request(
            "us/il",
            "2026-05-04",
            "detainer",
            &["release_date", "hold"],
        ))
        .unwrap();
    reg.close(d, Outcome::Declined, "2026-05-05").unwrap();
    reg.mark_sent(d, "letter-detainer", "en", "2026-05-05")
        .unwrap();
    reg.mark_sent(d, "letter-detainer", "es", "2026-05-05")
        .unwrap();
    reg.mark_sent(d, "notice-public-defender", "en", "2026-05-05")
        .unwrap();
    let custody = |event, at: &str, to: Option<&str>| Custody {
        event,
        at: at.into(),
        to_agency: to.map(Into::into),
        offense: None,
    };
    reg.record_custody(
        d,
        &custody(CustodyEvent::BailPosted, "2026-05-06T09:30", None),
    )
    .unwrap();
    reg.record_custody(
        d,
        &custody(CustodyEvent::Released, "2026-05-06T14:00", None),
    )
    .unwrap();
    reg.add(&request(
        "us/il",
        "2026-02-01",
        "administrative_subpoena",
        &["records"],
    ))
    .unwrap();
    reg.add(&request("us/il", "2026-03-01", "court_order", &["records"]))
        .unwrap();
    // California: two transfers, recorded out of time order, one in another year.
    let a = reg
        .add(&request(
            "us/ca/alameda",
            "2026-01-02",
            "detainer",
            &["hold"],
        ))
        .unwrap();
    let b = reg
        .add(&request(
            "us/ca/alameda",
            "2026-01-03",
            "detainer",
            &["hold"],
        ))
        .unwrap();
    let transfer = |at: &str, offense: &str| Custody {
        event: CustodyEvent::Transferred,
        at: at.into(),
        to_agency: Some("ICE".into()),
        offense: Some(offense.into()),
    };
    reg.record_custody(b, &transfer("2026-03-09T08:00", "PC 187"))
        .unwrap();
    reg.record_custody(a, &transfer("2026-02-01T10:15", "PC 211, robbery"))
        .unwrap();
    drop(reg);
    // -j restricts the reports to the jurisdictions named.
    let only = dir.path().join("only-il");
    let run = report(&db, &only, &["-j", "us/il"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(only
        .join("us/il/sheriff/en/il-trust-act-805-25.docx")
        .exists());
    assert!(!only.join("us/ca").exists());
    let out = dir.path().join("reports");
    let run = report(&db, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let il = out.join("us/il/sheriff/en");
    assert_eq!(
        figures(&il.join("il-trust-act-805-25.csv")),
        [
            ("dhs_requests.total".to_string(), "2".to_string()),
            ("detainers.total".into(), "1".into())
        ]
    );
    // The detainer is in both sections; the court order in neither.
    let detainer = "2026-05-04,detainer,I-247A,hold;release_date,declined,2026-05-05,letter-detainer;notice-public-defender,2026-05-06T09:30,released,2026-05-06T14:00,";
    let items = read(il.join("il-trust-act-805-25-items.csv"));
    assert!(items.ends_with("\r\n"));
    let rows: Vec<&str> = items.lines().skip(1).collect();
    assert_eq!(
        rows,
        [
            "A,2026-02-01,administrative_subpoena,I-247A,records,open,,,,,,".to_string(),
            format!("A,{detainer}"),
            format!("B,{detainer}"),
        ]
    );
    let text = body(il.join("il-trust-act-805-25.docx"));
    assert!(
        text.contains("DHS requests received (Section A) | 2"),
        "{text}"
    );
    assert!(!text.contains("I certify"), "{text}");
    let ca = out.join("us/ca/alameda/sheriff/en");
    assert_eq!(
        figures(&ca.join("ca-doj-values-act.csv")),
        [("transfers.total".to_string(), "2".to_string())]
    );
    assert_eq!(
        read(ca.join("ca-doj-values-act-items.csv")),
        "n,transferred_at,offense\r\n1,2026-02-01T10:15,\"PC 211, robbery\"\r\n2,2026-03-09T08:00,PC 187\r\n"
    );
    let text = body(ca.join("ca-doj-values-act.docx"));
    has(
        &text,
        &[
            "Transfers to immigration authorities | 2",
            "[Due date (check with the Department of Justice)]",
            "[Purpose of the task force]",
            // Whose duty (c)(1) is, from the registry: not every task force an agency joins.
            "dedicate personnel or resources on an ongoing basis must report annually",
        ],
    );
    for file in responsekit_files(&out) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("BK-PLANTED"),
            "{}",
            file.display()
        );
    }
}

fn responsekit_files(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect()
}

/// Oregon: the compilation says it is not a filing, counts by month received, and suppresses;
/// a rerun of the same year replaces the folder it wrote (a report gone from the register is
/// gone from the folder).
#[test]
fn the_oregon_compilation_counts_by_month_and_a_rerun_replaces_the_folder_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("register.sqlite");
    let mut reg = Register::open(&db).unwrap();
    for day in 1..=5 {
        reg.add(&request(
            "us/or",
            &format!("2026-04-0{day}"),
            "information_request",
            &["release_date"],
        ))
        .unwrap();
    }
    reg.add(&request("us/or", "2026-09-01", "detainer", &["hold"]))
        .unwrap();
    drop(reg);
    let out = dir.path().join("reports");
    let run = report(&db, &out, &["-j", "us/il", "-j", "us/or"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let en = out.join("us/or/sheriff/en");
    let f = figures(&en.join("or-cjc-compilation.csv"));
    assert_eq!(f.len(), 1 + 4 + 7 + 12);
    assert_eq!(value(&f, "requests.total"), "6");
    // September's 1 is alone among the months: April's 5 goes with it.
    assert_eq!(value(&f, "month.09"), "fewer than 5");
    assert_eq!(value(&f, "month.04"), "fewer than 5");
    // The same in the kinds: the one detainer takes the 5 requests for information with it.
    expect(
        &f,
        &[
            ("requests.kind.information_request", "fewer than 5"),
            ("requests.kind.court_order", "0"),
            ("outcome.open", "6"),
        ],
    );
    let text = body(en.join("or-cjc-compilation.docx"));
    assert!(
        text.contains("It is not a filing the law requires"),
        "{text}"
    );
    assert!(
        text.contains("Requests received in April | fewer than 5"),
        "{text}"
    );
    assert!(out.join("us/il").exists());
    // Again, without -j (so with what the register has: Oregon only): replaced whole.
    let run = report(&db, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!out.join("us/il").exists());
    assert!(en.join("or-cjc-compilation.docx").exists());
}
