//! The request register: what `respond` and `register add` record, `list`/`show`/`close`, and
//! the promises of the file itself — two writers at once lose nothing, a writer killed mid-write
//! leaves a register that opens and passes `PRAGMA integrity_check`, export → import gives the
//! same register back (and importing twice adds nothing), and no name, date of birth or other
//! personal detail of a request reaches the file, an export or a message. What is recorded
//! after a request arrived (custody, documents sent, the notices its law requires) is
//! `followup`'s.

mod followup;

use crate::common::{binary, finish, Run};
use std::path::Path;
use std::process::Stdio;

/// The binary run in `dir` with `args`.
pub(super) fn run_in(dir: &Path, args: &[&str]) -> Run {
    let mut command = binary();
    command.current_dir(dir).args(args);
    finish(command)
}

/// `respond` of `request.yaml` in `dir` for the example county, on the tests' day, with `extra`.
pub(super) fn respond_in(dir: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "respond",
        "-j",
        "us/ca/example",
        "--request",
        "request.yaml",
        "--today",
        crate::respond::TODAY,
    ];
    args.extend(extra);
    run_in(dir, &args)
}

/// `register add` of a detainer received on `received`, due `due`, by the example county of
/// the tree in `dir` ([`crate::respond::tree`]).
pub(super) fn add(dir: &Path, received: &str, due: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "register",
        "add",
        "-j",
        "us/ca/example",
        "--received-by",
        "sheriff",
        "--received",
        received,
        "--kind",
        "detainer",
        "--requested",
        "release_date,hold",
        "--return-date",
        due,
    ];
    args.extend(extra);
    run_in(dir, &args)
}

/// Fails unless `text` has a line that is exactly `line`.
pub(super) fn assert_line(text: &str, line: &str) {
    assert!(text.lines().any(|l| l == line), "no `{line}` in\n{text}");
}

pub(super) fn count(db: &Path, table: &str) -> i64 {
    let db = rusqlite::Connection::open(db).unwrap();
    db.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn list_shows_open_requests_most_urgent_first_and_warns_for_a_passed_return_date() {
    let dir = crate::respond::tree();
    for (received, due) in [
        ("2026-11-20", "2026-12-10"),
        ("2026-11-21", "2026-11-25"),
        ("2026-11-22", "2026-12-04"),
    ] {
        let run = add(dir.path(), received, due, &["--booking", "BK-1"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let closed = run_in(
        dir.path(),
        &[
            "register",
            "close",
            "3",
            "--outcome",
            "declined",
            "--on",
            "2026-11-30",
        ],
    );
    assert_eq!(closed.stderr, "closed request 3: declined on 2026-11-30\n");
    let list = run_in(dir.path(), &["register", "list", "--today", "2026-12-01"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    let ids: Vec<&str> = list
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(ids, ["2", "1"], "{}", list.stdout);
    assert_eq!(
        list.stderr,
        "WARNING: request 2's return date 2026-11-25 has passed (6 days ago)\n\
         WARNING: request 2: notice-simultaneous (required by ca-truth-copy-of-request, ca-truth-release-date-notice) is not marked sent; once sent, run `responsekit register sent 2 notice-simultaneous`\n\
         WARNING: request 1: notice-simultaneous (required by ca-truth-copy-of-request, ca-truth-release-date-notice) is not marked sent; once sent, run `responsekit register sent 1 notice-simultaneous`\n"
    );
    let show = run_in(dir.path(), &["register", "show", "3"]);
    assert!(
        show.stdout
            .contains("  outcome         declined on 2026-11-30\n"),
        "{}",
        show.stdout
    );
    let events: Vec<&str> = show
        .stdout
        .lines()
        .skip_while(|l| *l != "events (UTC)")
        .skip(1)
        .collect();
    assert_eq!(events.len(), 2, "{}", show.stdout);
    assert!(
        events[0].ends_with("recorded: by add")
            && events[1].ends_with("closed: declined on 2026-11-30"),
        "{events:?}"
    );
    // The file is the owner's only, from its creation.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("register.sqlite"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

/// A `register add` that records a detainer `repeat` times, each in a transaction of its own.
fn adder(dir: &Path, repeat: u32) -> std::process::Command {
    let mut command = binary();
    command
        .current_dir(dir)
        .args([
            "register",
            "add",
            "-q",
            "-j",
            "us/ca/example",
            "--received-by",
            "sheriff",
            "--received",
            "2026-11-20",
            "--kind",
            "detainer",
            "--requested",
            "hold",
        ])
        .args(["--repeat", &repeat.to_string()])
        .stdout(Stdio::null());
    command
}

#[test]
fn two_writers_at_once_lose_no_record() {
    let dir = crate::respond::tree();
    let spawn = || {
        adder(dir.path(), 300)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    // The file exists before both start, so neither creates it while the other opens it.
    assert_eq!(add(dir.path(), "2026-11-20", "2026-12-01", &[]).code, 0);
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let db = dir.path().join("register.sqlite");
    assert_eq!(count(&db, "requests"), 601);
    assert_eq!(count(&db, "events"), 601);
    assert_eq!(count(&db, "requested"), 601 + 1);
}

#[test]
fn a_writer_killed_mid_write_leaves_a_register_that_opens_and_is_intact() {
    let dir = crate::respond::tree();
    let db = dir.path().join("register.sqlite");
    let mut child = adder(dir.path(), 1_000_000)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once it has written a few hundred requests: in the middle of its loop.
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(200));
        let written = rusqlite::Connection::open(&db)
            .and_then(|c| c.query_row("SELECT count(*) FROM requests", [], |r| r.get::<_, i64>(0)))
            .unwrap_or(0);
        if written > 200 {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let fk: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk, 0);
    // Each request was written whole, with its event: no half of a transaction is left.
    let requests = count(&db, "requests");
    assert!(requests > 200, "{requests}");
    assert_eq!(count(&db, "events"), requests);
    drop(conn);
    let list = run_in(dir.path(), &["register", "list", "--today", "2026-11-20"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    assert_eq!(
        list.stdout.lines().count(),
        1 + usize::try_from(requests).unwrap()
    );
}

/// A request whose person's details are all markers, answered as a draft and then for real.
pub(super) const MARKED: &str = r#"kind: detainer
received: 2026-11-20
delivered: fax
issued_by:
  office: ICE Enforcement and Removal Operations, San Francisco Field Office
  officer: Officer QQOFFICERQQ
form: I-247A
signed_by_judge: false
subject:
  name: QQNAMEQQ Roe
  dob: 1971-07-13
  booking: BK-2026-000777
  juvenile: false
  attorney: QQATTORNEYQQ
requested: [release_date, home_address]
return_date: 2026-12-04
received_by: sheriff
signed_by:
  name: QQSIGNERQQ
  title: County Counsel
identifiers:
  a_number: "A-QQANUMBERQQ"
"#;

const MARKERS: &[&str] = &[
    "QQNAMEQQ",
    "1971-07-13",
    "QQOFFICERQQ",
    "QQATTORNEYQQ",
    "QQSIGNERQQ",
    "QQANUMBERQQ",
];

fn assert_unmarked(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for marker in MARKERS {
        assert!(!text.contains(marker), "{what} holds `{marker}`");
    }
}

#[test]
fn respond_records_the_request_without_personal_data_and_export_import_round_trips() {
    let tree = crate::respond::tree();
    let dir = tree.path();
    std::fs::write(dir.join("request.yaml"), MARKED).unwrap();
    let respond = |extra: &[&str]| respond_in(dir, extra);
    let draft = respond(&["--draft"]);
    assert_eq!(draft.code, 0, "{}", draft.stderr);
    assert!(
        draft
            .stderr
            .contains("recorded as request 1 in register.sqlite"),
        "{}",
        draft.stderr
    );
    let sent = respond(&[]);
    assert_eq!(sent.code, 0, "{}", sent.stderr);
    // The same request answered again is the same entry, its documents added to it.
    assert!(
        sent.stderr
            .contains("recorded as request 1 in register.sqlite"),
        "{}",
        sent.stderr
    );
    assert_eq!(
        respond(&["--no-register", "--register", "x.sqlite"]).code,
        2
    );
    let skipped = respond(&["--no-register"]);
    assert_eq!(skipped.code, 0, "{}", skipped.stderr);
    assert!(!skipped.stderr.contains("recorded"), "{}", skipped.stderr);
    let db = dir.join("register.sqlite");
    assert_eq!(count(&db, "requests"), 1);
    let show = run_in(dir, &["register", "show", "1"]);
    for line in [
        "  kind            detainer",
        "  delivered       fax",
        "  form            I-247A",
        "  issuing office  ICE Enforcement and Removal Operations, San Francisco Field Office",
        "  requested       home_address, release_date",
        "  return date     2026-12-04",
        "  booking         BK-2026-000777",
        "  recorded by     respond",
        "  outcome         open",
        // The draft's letter is a draft; the answer after it is prepared, never "sent".
        "  2026-11-27 letter-detainer (en) for issuer, draft",
        "  2026-11-27 letter-detainer (en) for issuer, prepared",
        "  2026-11-27 notice-public-defender (es) for public_defender, prepared",
    ] {
        assert_line(&show.stdout, line);
    }
    assert!(!show.stdout.contains(", sent"), "{}", show.stdout);
    assert_eq!(
        run_in(
            dir,
            &[
                "register",
                "close",
                "1",
                "--outcome",
                "declined",
                "--on",
                "2026-11-28"
            ]
        )
        .code,
        0
    );

    let export = run_in(dir, &["register", "export", "--out", "backup"]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    // Nothing personal in the file (and its journal), the export or any message.
    for name in ["register.sqlite", "register.sqlite-wal"] {
        if let Ok(bytes) = std::fs::read(dir.join(name)) {
            assert_unmarked(name, &bytes);
        }
    }
    let mut exported = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(dir.join("backup")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        assert_unmarked(&path.display().to_string(), &bytes);
        exported.insert(path.file_name().unwrap().to_owned(), bytes);
    }
    assert_eq!(exported.len(), 14, "{:?}", exported.keys());
    for run in [&draft, &sent, &show, &export] {
        assert_unmarked(
            "a message",
            format!("{}{}", run.stdout, run.stderr).as_bytes(),
        );
    }

    // Export → import into a new register → export: the same bytes; a second import adds nothing.
    let import = |register: &str| {
        run_in(
            dir,
            &["register", "import", "backup", "--register", register],
        )
    };
    let first = import("restored.sqlite");
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(
        import("restored.sqlite").stderr,
        "imported 0 new rows from backup into restored.sqlite\n"
    );
    let again = run_in(
        dir,
        &[
            "register",
            "export",
            "--out",
            "backup2",
            "--register",
            "restored.sqlite",
        ],
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    for (name, bytes) in &exported {
        assert_eq!(
            &std::fs::read(dir.join("backup2").join(name)).unwrap(),
            bytes,
            "{name:?}"
        );
    }
    // Into the register it came from: it holds every row already.
    assert_eq!(
        import("register.sqlite").stderr,
        "imported 0 new rows from backup into register.sqlite\n"
    );
}

#[test]
fn a_request_a_judge_signed_is_recorded_as_a_court_order_with_no_document() {
    let tree = crate::respond::tree();
    let dir = tree.path();
    let warrant = crate::respond::SUBPOENA
        .replace("kind: administrative_subpoena", "kind: judicial_warrant")
        .replace("signed_by_judge: false", "signed_by_judge: true");
    std::fs::write(dir.join("request.yaml"), warrant).unwrap();
    let run = respond_in(dir, &[]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("recorded as request 1 in register.sqlite"),
        "{}",
        run.stderr
    );
    let show = run_in(dir, &["register", "show", "1"]);
    assert!(
        show.stdout.contains("  kind            court_order\n"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout
            .contains("custody (local time)\ndocuments\nrequired by law\nevents (UTC)\n"),
        "{}",
        show.stdout
    );
}
