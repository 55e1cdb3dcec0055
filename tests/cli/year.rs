//! The year of [`crate::year_plan`] driven through the binary, once for every test that reads
//! it (the report figures, the personal-data search): half of the requests answered by
//! `respond --draft` from request files holding a person's details (markers), half recorded by
//! `register add`, then closed, their custody events and sent documents recorded, the register
//! listed, shown and exported, and `report --year 2026` run on it — plus `report -j us/il` on an
//! empty register. Every command's output is kept, to be searched.
//!
//! `respond` runs on the shipped tree with `--draft`: its facts are unknown there, and a draft
//! is what a new user gets (its documents are recorded as drafts; `register sent` then marks
//! the ones sent). Commands that do not depend on one another run a few at a time.

use crate::common::{binary, finish, in_parallel, Run};
use crate::year_plan::{plan, Kind, Req, Via};
use std::path::{Path, PathBuf};

/// The markers planted in every request file `respond` reads, as they must never be found
/// (lowercase: the search ignores case). Each person-detail field holds one, so a leak of any of
/// them is named; the dates of birth are searched as ISO dates and as documents write them.
pub(crate) const PERSONAL: &[&str] = &[
    "qzname",
    "qzguardian",
    "qzattorney",
    "qzofficer",
    "qzhome",
    "qzwork",
    "qzanumber",
    "qzsubject",
    "qzevent",
    "qzdocument",
    "qzsigner",
    "1967-04-29",
    "04/29/1967",
    "april 29, 1967",
    "29 de abril de 1967",
    "2011-09-23",
    "09/23/2011",
    "september 23, 2011",
    "23 de septiembre de 2011",
];

/// The marker in every booking number: the register keeps it (and shows it), no report may.
pub(crate) const BOOKING: &str = "qzbooking";

/// The request file `respond` reads for `r`: every detail of the person a marker, and so are the
/// numbers ICE printed on it and the name of who signs the answer; the home and work address
/// also in a clerk's note (a comment, which the file holds as much as its values).
fn request_file(r: &Req) -> String {
    let n = r.n;
    let home = format!("{n} Qzhome Lane, Oakland");
    let dob = if r.juvenile {
        "2011-09-23"
    } else {
        "1967-04-29"
    };
    let guardian = if r.juvenile {
        format!("  guardian: Qzguardian{n} Roe, {home}\n")
    } else {
        String::new()
    };
    format!(
        "# clerk's note: lives at {home}; works at {n} Qzwork Boulevard, Oakland
kind: {kind}
received: {received}
delivered: fax
issued_by:
  office: ICE Enforcement and Removal Operations, Field Office
  officer: Deportation Officer Qzofficer{n}
form: \"{form}\"
signed_by_judge: {judge}
subject:
  name: Qzname{n} Roe
  dob: {dob}
  booking: \"QZBOOKING-{n}\"
  juvenile: {juvenile}
{guardian}  attorney: Qzattorney{n} Smith
requested: [{requested}]
received_by: {agency}
identifiers:
  a_number: \"A-QZANUMBER-{n}\"
  subject_id: \"QZSUBJECT-{n}\"
  event_number: \"QZEVENT-{n}\"
  document_number: \"QZDOCUMENT-{n}\"
signed_by:
  name: Qzsigner{n} Example
  title: County Counsel
",
        kind = r.kind.request_kind(),
        received = r.received,
        form = r.kind.form(),
        judge = r.kind == Kind::Court,
        juvenile = r.juvenile,
        requested = r.requested.join(", "),
        agency = r.agency,
    )
}

/// Everything the year did and where it is.
pub(crate) struct Year {
    dir: tempfile::TempDir,
    /// What was done, request by request.
    pub(crate) plan: Vec<Req>,
    /// The register's number of each request of `plan`, in the same order.
    pub(crate) ids: Vec<i64>,
    /// Every command run, as typed, with what it printed.
    pub(crate) runs: Vec<(String, Run)>,
}

impl Year {
    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// The folder `report --year 2026` wrote.
    pub(crate) fn reports(&self) -> PathBuf {
        self.path("reports")
    }

    /// The folder `report --year 2026 -j us/il` on an empty register wrote.
    pub(crate) fn empty_reports(&self) -> PathBuf {
        self.path("empty-reports")
    }

    /// The run of the command that starts with `prefix`.
    pub(crate) fn run(&self, prefix: &str) -> &Run {
        self.runs
            .iter()
            .find_map(|(c, r)| c.starts_with(prefix).then_some(r))
            .unwrap_or_else(|| panic!("no command `{prefix}…` was run"))
    }
}

/// The year, driven on first use. A command that fails fails every test that reads the year,
/// with its message, without driving the year again for each.
pub(crate) fn year() -> &'static Year {
    static YEAR: std::sync::OnceLock<Result<Year, String>> = std::sync::OnceLock::new();
    let driven = YEAR.get_or_init(|| {
        std::panic::catch_unwind(drive).map_err(|panic| {
            panic
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_else(|| "driving the year panicked".into())
        })
    });
    match driven {
        Ok(year) => year,
        Err(message) => panic!("the year could not be driven: {message}"),
    }
}

/// Runs `responsekit words…` from the repository root (the shipped tree is `jurisdictions`)
/// and checks it ended with `code`.
fn run(words: &[&str], code: i32) -> (String, Run) {
    let mut command = binary();
    command.args(words);
    let line = words.join(" ");
    let run = finish(command);
    assert_eq!(run.code, code, "`responsekit {line}`:\n{}", run.stderr);
    (line, run)
}

/// The number in `<before>N` in `text`.
fn number_after(text: &str, before: &str) -> i64 {
    let start = text
        .find(before)
        .unwrap_or_else(|| panic!("no `{before}` in\n{text}"))
        + before.len();
    let digits: String = text[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().expect("a request number")
}

/// Records `r`: `respond` of its request file, or `register add`. Returns its number.
fn record(dir: &Path, register: &str, r: &Req) -> (i64, (String, Run)) {
    match r.via {
        Via::Respond => {
            let file = dir.join(format!("requests/{:02}.yaml", r.n));
            std::fs::write(&file, request_file(r)).unwrap();
            let file = file.display().to_string();
            let out = dir
                .join(format!("answers/{:02}", r.n))
                .display()
                .to_string();
            let words = [
                "respond",
                "-j",
                r.jurisdiction,
                "--request",
                &file,
                "--draft",
                "--lang",
                "en",
                "--register",
                register,
                "--today",
                r.received,
                "--out",
                &out,
            ];
            let ran = run(&words, if r.kind == Kind::Court { 3 } else { 0 });
            (number_after(&ran.1.stderr, "recorded as request "), ran)
        }
        Via::Add => {
            let requested = r.requested.join(",");
            let booking = format!("QZBOOKING-{}", r.n);
            let mut words = vec![
                "register",
                "add",
                "-j",
                r.jurisdiction,
                "--received-by",
                r.agency,
                "--received",
                r.received,
                "--kind",
                r.kind.key(),
                "--requested",
                &requested,
                "--form",
                r.kind.form(),
                "--booking",
                &booking,
                "--register",
                register,
            ];
            if r.juvenile {
                words.push("--juvenile");
            }
            let ran = run(&words, 0);
            (number_after(&ran.1.stderr, "recorded request "), ran)
        }
    }
}

/// Closes `r` (number `id`), records its custody events and marks its documents sent, in order.
fn follow_up(register: &str, r: &Req, id: i64) -> Vec<(String, Run)> {
    let id = id.to_string();
    let on_register = |words: &[&str]| run(&[words, &["--register", register]].concat(), 0);
    let mut runs = Vec::new();
    for (outcome, on) in &r.closes {
        runs.push(on_register(&[
            "register",
            "close",
            &id,
            "--outcome",
            outcome,
            "--on",
            on,
        ]));
    }
    for c in &r.custody {
        let mut words = vec!["register", "custody", &id, "--event", c.event, "--at", c.at];
        for (flag, value) in [("--to", c.to), ("--offense", c.offense)] {
            if let Some(value) = value {
                words.extend([flag, value]);
            }
        }
        runs.push(on_register(&words));
    }
    for (document, on) in &r.sent {
        runs.push(on_register(&[
            "register", "sent", &id, document, "--on", on,
        ]));
    }
    runs
}

fn drive() -> Year {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("requests")).unwrap();
    let path = |rel: &str| dir.path().join(rel).display().to_string();
    let register = path("register.sqlite");
    let plan = plan();
    let recorded = in_parallel(&plan, |r| vec![record(dir.path(), &register, r)]);
    let (ids, mut runs): (Vec<i64>, Vec<_>) = recorded.into_iter().unzip();
    let pairs: Vec<(&Req, i64)> = plan.iter().zip(ids.iter().copied()).collect();
    runs.extend(in_parallel(&pairs, |(r, id)| follow_up(&register, r, *id)));
    let on_register = |words: &[&str]| run(&[words, &["--register", &register]].concat(), 0);
    runs.push(on_register(&["register", "list", "--today", "2026-12-31"]));
    runs.extend(in_parallel(&ids, |id| {
        vec![on_register(&["register", "show", &id.to_string()])]
    }));
    runs.push(on_register(&[
        "register",
        "export",
        "--out",
        &path("export"),
    ]));
    runs.push(on_register(&[
        "report",
        "--year",
        "2026",
        "--out",
        &path("reports"),
    ]));
    let empty = path("empty.sqlite");
    runs.push(run(&["register", "list", "--register", &empty], 0));
    let out = path("empty-reports");
    let words = [
        "report",
        "--year",
        "2026",
        "-j",
        "us/il",
        "--register",
        &empty,
        "--out",
        &out,
    ];
    runs.push(run(&words, 0));
    Year {
        dir,
        plan,
        ids,
        runs,
    }
}
