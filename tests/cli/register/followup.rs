//! What is recorded of a request after it arrived: custody events (`register custody`), a
//! document marked as sent (`register sent`), and the notices its jurisdiction's law requires
//! — recorded by `respond` and `register add`, warned about by `register list` until marked
//! sent. And an export written before these tables existed imports as it is.

use super::{add, assert_line, count, respond_in, run_in, MARKED};

/// The warning `register list` gives for request 1 (the example county is in California: the
/// TRUTH Act's copy to the person and notice of a release date).
const NOT_SENT: &str = "WARNING: request 1: notice-simultaneous (required by ca-truth-copy-of-request, ca-truth-release-date-notice) is not marked sent; once sent, run `responsekit register sent 1 notice-simultaneous`\n";

#[test]
fn list_warns_of_a_required_notice_after_respond_until_it_is_marked_sent() {
    let tree = crate::respond::tree();
    let dir = tree.path();
    std::fs::write(dir.join("request.yaml"), MARKED).unwrap();
    let respond = respond_in(dir, &[]);
    assert_eq!(respond.code, 0, "{}", respond.stderr);
    let list = || run_in(dir, &["register", "list", "--today", "2026-11-27"]);
    let before = list();
    assert_eq!(before.code, 0, "{}", before.stderr);
    assert_eq!(before.stderr, NOT_SENT);
    let show = run_in(dir, &["register", "show", "1"]);
    assert!(
        show.stdout.contains(
            "required by law\n  notice-simultaneous (required by ca-truth-copy-of-request, ca-truth-release-date-notice): not marked sent\nevents (UTC)\n"
        ),
        "{}",
        show.stdout
    );
    // Another document's being sent does not answer for the notice.
    let letter = run_in(
        dir,
        &[
            "register",
            "sent",
            "1",
            "letter-detainer",
            "--on",
            "2026-11-28",
        ],
    );
    assert_eq!(
        letter.stderr,
        "marked letter-detainer (en) of request 1 as sent on 2026-11-28\n"
    );
    assert_eq!(list().stderr, NOT_SENT);
    let sent = run_in(
        dir,
        &[
            "register",
            "sent",
            "1",
            "notice-simultaneous",
            "--lang",
            "es",
            "--on",
            "2026-11-28",
        ],
    );
    assert_eq!(sent.code, 0, "{}", sent.stderr);
    assert_eq!(
        sent.stderr,
        "marked notice-simultaneous (es) of request 1 as sent on 2026-11-28\n"
    );
    let after = list();
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert_eq!(after.stderr, "");
    let show = run_in(dir, &["register", "show", "1"]);
    for line in [
        "  2026-11-28 notice-simultaneous (es) for person, sent",
        "  notice-simultaneous (required by ca-truth-copy-of-request, ca-truth-release-date-notice): sent",
    ] {
        assert_line(&show.stdout, line);
    }
}

#[test]
fn register_add_records_what_the_law_of_the_jurisdiction_requires() {
    let tree = crate::respond::tree();
    let dir = tree.path();
    let ca = add(dir, "2026-11-20", "2026-12-04", &[]);
    assert_eq!(ca.stderr, "recorded request 1 in register.sqlite\n");
    // The `law:` of us/wa names no copy to the person; a court's paper gets no letter, so no
    // notice goes with one.
    for (id, kind) in [("us/wa", "detainer"), ("us/ca/example", "court_order")] {
        let other = run_in(
            dir,
            &[
                "register",
                "add",
                "-j",
                id,
                "--received-by",
                "sheriff",
                "--received",
                "2026-11-20",
                "--kind",
                kind,
                "--requested",
                "hold",
            ],
        );
        assert_eq!(other.code, 0, "{}", other.stderr);
    }
    let db = dir.join("register.sqlite");
    assert_eq!(count(&db, "requests"), 3);
    assert_eq!(count(&db, "required_documents"), 1);
    let list = run_in(dir, &["register", "list", "--today", "2026-11-27"]);
    assert_eq!(list.stderr, NOT_SENT);
}

#[test]
fn custody_events_are_recorded_and_shown_oldest_first() {
    let tree = crate::respond::tree();
    let dir = tree.path();
    assert_eq!(add(dir, "2026-11-20", "2026-12-04", &[]).code, 0);
    let bail = run_in(
        dir,
        &[
            "register",
            "custody",
            "1",
            "--event",
            "bail-posted",
            "--at",
            "2026-11-21T09:30",
        ],
    );
    assert_eq!(bail.code, 0, "{}", bail.stderr);
    assert_eq!(bail.stderr, "recorded custody event for request 1\n");
    let transfer = run_in(
        dir,
        &[
            "register",
            "custody",
            "1",
            "--event",
            "transferred",
            "--at",
            "2026-11-22T14:05",
            "--to",
            "U.S. Immigration and Customs Enforcement",
            "--offense",
            "PC 187",
        ],
    );
    assert_eq!(transfer.stderr, "recorded custody event for request 1\n");
    let show = run_in(dir, &["register", "show", "1"]);
    assert!(
        show.stdout.contains(
            "custody (local time)\n  \
             2026-11-21T09:30  bail_posted\n  \
             2026-11-22T14:05  transferred to U.S. Immigration and Customs Enforcement, offense PC 187\n\
             documents\n"
        ),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout
            .lines()
            .any(|l| l.ends_with("custody: bail_posted at 2026-11-21T09:30")),
        "{}",
        show.stdout
    );
    assert_eq!(count(&dir.join("register.sqlite"), "custody"), 2);
}

#[test]
fn an_export_written_before_custody_and_required_documents_imports() {
    let tree = crate::respond::tree();
    let dir = tree.path();
    assert_eq!(add(dir, "2026-11-20", "2026-12-04", &[]).code, 0);
    let export = run_in(dir, &["register", "export", "--out", "backup"]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    // As version 1 wrote it: no files of the tables version 2 added, each file saying 1.
    let backup = dir.join("backup");
    for table in ["custody", "required_documents"] {
        for ext in ["csv", "json"] {
            std::fs::remove_file(backup.join(format!("{table}.{ext}"))).unwrap();
        }
    }
    for entry in std::fs::read_dir(&backup).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            let old = text.replace("\"register_version\": 2", "\"register_version\": 1");
            assert_ne!(old, text, "{}", path.display());
            std::fs::write(&path, old).unwrap();
        }
    }
    let import = run_in(
        dir,
        &[
            "register",
            "import",
            "backup",
            "--register",
            "restored.sqlite",
        ],
    );
    assert_eq!(import.code, 0, "{}", import.stderr);
    assert_eq!(
        import.stderr,
        "imported 4 new rows from backup into restored.sqlite\n"
    );
    let show = run_in(
        dir,
        &["register", "show", "1", "--register", "restored.sqlite"],
    );
    assert!(
        show.stdout
            .contains("custody (local time)\ndocuments\nrequired by law\nevents (UTC)\n"),
        "{}",
        show.stdout
    );
}
