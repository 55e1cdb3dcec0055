//! `responsekit respond`: one real request in, a ready-to-sign answer out — or, for a paper a
//! judge signed, no letter and exit status 3. Run against a copy of the shipped tree with one
//! county whose facts are all filled in (test data, not a real county).

use crate::common::{self, copy_tree, docx_part};
use std::path::{Path, PathBuf};

pub(crate) const TODAY: &str = "2026-11-27";

/// The shipped tree plus `us/ca/example`, a county with every fact a letter needs.
pub(crate) fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("jurisdictions"),
        &dir.path().join("jurisdictions"),
    );
    let county = dir.path().join("jurisdictions/us/ca/example");
    std::fs::create_dir_all(&county).expect("mkdir");
    std::fs::write(county.join("jurisdiction.yaml"), EXAMPLE_COUNTY).expect("write county");
    dir
}

const EXAMPLE_COUNTY: &str = r#"kind: county
name: {en: Example County, es: Condado de Example}
agencies:
  sheriff:
    name: {en: Example County Sheriff's Office, es: Oficina del Sheriff del Condado de Example}
    address: 1 Test Plaza, Example, CA 90000
    phone: (555) 010-0001
    source: test fixture
    verified: 2026-11-27
  probation:
    name: {en: Example County Probation Department, es: Departamento de Libertad Condicional del Condado de Example}
    address: 2 Test Plaza, Example, CA 90000
    phone: (555) 010-0002
    source: test fixture
    verified: 2026-11-27
  public_defender:
    name: {en: Example County Public Defender, es: Defensoría Pública del Condado de Example}
    head: Pat Defender
    address: 3 Test Plaza, Example, CA 90000
    phone: (555) 010-0003
    source: test fixture
    verified: 2026-11-27
  county_counsel:
    name: {en: Example County Counsel, es: Asesoría Jurídica del Condado de Example}
    address: 4 Test Plaza, Example, CA 90000
    phone: (555) 010-0004
    source: test fixture
    verified: 2026-11-27
rapid_response:
  - name: Example Rapid Response Network
    phone: (555) 010-0005
    source: test fixture
    verified: 2026-11-27
legal_services:
  - name: Example Legal Aid
    phone: (555) 010-0006
    source: test fixture
    verified: 2026-11-27
signatory:
  name: Sam Signer
  title: {en: County Counsel, es: Asesora Jurídica del Condado}
  agency: county_counsel
  source: test fixture
  verified: 2026-11-27
letterhead:
  agency: sheriff
"#;

pub(crate) const SUBPOENA: &str = r#"kind: administrative_subpoena
received: 2026-11-20
delivered: email
issued_by:
  office: ICE Enforcement and Removal Operations, San Francisco Field Office
  officer: Deportation Officer J. Doe
form: Administrative subpoena
signed_by_judge: false
subject:
  name: Jane Roe
  dob: 1990-01-31
  booking: BK-2026-000123
  juvenile: false
  attorney: Alex Counsel
requested: [release_date, home_address]
return_date: 2026-12-04
received_by: sheriff
"#;

const JUVENILE_DETAINER: &str = r#"kind: detainer
received: 2026-11-25
delivered: fax
issued_by:
  office: ICE Enforcement and Removal Operations, San Francisco Field Office
  officer: Deportation Officer J. Doe
form: I-247A
signed_by_judge: false
subject:
  name: Minor Roe
  dob: 2010-05-05
  booking: JV-2026-000042
  juvenile: true
  guardian: Maria Roe
  attorney: Alex Counsel
requested: [hold, release_date]
received_by: probation
"#;

struct Run {
    status: i32,
    stderr: String,
    out: PathBuf,
    _tree: tempfile::TempDir,
}

fn respond(request: &str, jurisdiction: &str) -> Run {
    let tree = tree();
    let run = common::finish(respond_in(tree.path(), request, jurisdiction));
    Run {
        status: run.code,
        stderr: run.stderr,
        out: tree.path().join("response"),
        _tree: tree,
    }
}

/// `respond` for `request` (written to `request.yaml`), run in `dir` into its `response/`.
fn respond_in(dir: &Path, request: &str, jurisdiction: &str) -> std::process::Command {
    std::fs::write(dir.join("request.yaml"), request).expect("write request");
    let mut command = common::binary();
    command.current_dir(dir).args([
        "respond",
        "-j",
        jurisdiction,
        "--request",
        "request.yaml",
        "--today",
        TODAY,
    ]);
    command
}

impl Run {
    /// The one answer folder `respond` wrote into `response/`.
    fn answer(&self) -> PathBuf {
        let folders = answers(&self.out);
        assert_eq!(folders.len(), 1, "{folders:?}\n{}", self.stderr);
        self.out.join(&folders[0])
    }
}

/// The names of the folders in `out`, sorted.
fn answers(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out)
        .map(|dir| {
            dir.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The text a reader of the DOCX sees, and whether anything in it is highlighted (a fill-in).
fn docx_text(path: &Path) -> (String, bool) {
    let xml = docx_part(path, "word/document.xml");
    (common::docx_text(&xml), xml.contains("<w:highlight"))
}

#[test]
fn california_subpoena_gets_a_ready_to_sign_letter_notice_and_memo_in_both_languages() {
    let run = respond(SUBPOENA, "us/ca/example");
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("classified as: administrative subpoena"),
        "{}",
        run.stderr
    );
    for (lang, received, promise) in [
        ("en", "November 20, 2026", "federal court"),
        ("es", "20 de noviembre de 2026", "tribunal federal"),
    ] {
        let (letter, highlighted) = docx_text(
            &run.answer()
                .join(lang)
                .join("letter-administrative-subpoena.docx"),
        );
        assert!(
            !highlighted,
            "{lang}: a fill-in is left in the letter: {letter}"
        );
        for expected in [
            "Jane Roe",
            "BK-2026-000123",
            received,
            "1225(d)(4)",
            "Sam Signer",
        ] {
            assert!(
                letter.contains(expected),
                "{lang}: letter lacks `{expected}`: {letter}"
            );
        }
        assert!(
            letter.to_lowercase().contains(promise),
            "{lang}: no promise to answer a court order"
        );
        let (notice, _) = docx_text(&run.answer().join(lang).join("notice-simultaneous.docx"));
        assert!(
            notice.contains("Jane Roe"),
            "{lang}: the notice to the person does not name her"
        );
        let (memo, _) = docx_text(&run.answer().join(lang).join("memo.docx"));
        assert!(
            memo.contains(": 7") || memo.contains("7 "),
            "{lang}: the memo does not count 7 days left: {memo}"
        );
    }
}

/// The memo names the request with the article that agrees with it, in both languages, and
/// shows what a reader of Word or a PDF expects: checkboxes as ☐, field names as words (no
/// backtick, no `[ ]` from the Markdown it was written in).
#[test]
fn the_memo_names_each_kind_with_its_article_and_has_real_checkboxes() {
    let information = SUBPOENA
        .replace("kind: administrative_subpoena", "kind: information_request")
        .replace(
            "form: Administrative subpoena",
            "form: Request for information",
        );
    for (request, en, es) in [
        (
            SUBPOENA,
            "Memo for counsel: response to an administrative subpoena",
            "respuesta a una citación administrativa (subpoena)",
        ),
        (
            JUVENILE_DETAINER,
            "Memo for counsel: response to an immigration detainer",
            "respuesta a una solicitud de detención o de notificación migratoria",
        ),
        (
            information.as_str(),
            "Memo for counsel: response to an informal request for information",
            "respuesta a una solicitud informal de información",
        ),
    ] {
        let run = respond(request, "us/ca/example");
        assert_eq!(run.status, 0, "{}", run.stderr);
        for (lang, title, received) in [("en", en, " received on "), ("es", es, " recibida el ")] {
            let dir = run.answer().join(lang);
            let (docx, _) = docx_text(&dir.join("memo.docx"));
            let pdf = std::fs::read(dir.join("memo.pdf")).expect("the memo's PDF");
            let texts = [("docx", docx), ("pdf", common::pdftotext(&pdf))];
            for (format, text) in &texts {
                // A word the PDF hyphenated at a line's end reads whole.
                let text = text.replace("\u{ad}\n", "").replace('\n', " ");
                assert!(
                    text.contains(title),
                    "{lang} {format}: no `{title}`: {text}"
                );
                assert!(text.contains(received), "{lang} {format}: {text}");
                for literal in ["`", "[ ]", "[x]", "_by", "signed_by"] {
                    assert!(
                        !text.contains(literal),
                        "{lang} {format}: `{literal}` in the memo: {text}"
                    );
                }
                // One box per document sent, and one for the copy kept.
                let boxes = text.matches('☐').count();
                assert!(boxes >= 2, "{lang} {format}: {boxes} checkboxes: {text}");
            }
            assert_eq!(
                texts[0].1.matches('☐').count(),
                texts[1].1.matches('☐').count(),
                "{lang}: DOCX and PDF disagree on the checklist"
            );
        }
    }
}

#[test]
fn juvenile_detainer_gets_notices_naming_the_guardian_and_citing_wi_831() {
    let run = respond(JUVENILE_DETAINER, "us/ca/example");
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("classified as: immigration detainer"),
        "{}",
        run.stderr
    );
    for lang in ["en", "es"] {
        let (letter, highlighted) =
            docx_text(&run.answer().join(lang).join("letter-detainer.docx"));
        assert!(
            !highlighted,
            "{lang}: a fill-in is left in the letter: {letter}"
        );
        for notice in ["notice-simultaneous", "notice-public-defender"] {
            let (text, highlighted) =
                docx_text(&run.answer().join(lang).join(format!("{notice}.docx")));
            assert!(!highlighted, "{lang} {notice}: a fill-in is left: {text}");
            assert!(
                text.contains("Maria Roe"),
                "{lang} {notice} does not name the guardian: {text}"
            );
            assert!(
                text.contains("Welf. & Inst. Code § 831"),
                "{lang} {notice} does not cite W&I 831: {text}"
            );
        }
    }
}

#[test]
fn a_warrant_signed_by_a_judge_gets_no_letter_and_its_own_status() {
    let warrant = SUBPOENA
        .replace("kind: administrative_subpoena", "kind: judicial_warrant")
        .replace("signed_by_judge: false", "signed_by_judge: true");
    let run = respond(&warrant, "us/ca/example");
    assert_eq!(run.status, 3, "{}", run.stderr);
    assert!(run.stderr.contains("signed by a judge"), "{}", run.stderr);
    assert!(run.stderr.contains("counsel"), "{}", run.stderr);
    assert!(!run.out.exists(), "something was written for a court order");
}

fn assert_refused(request: &str, expected: &str) {
    let run = respond(request, "us/ca/example");
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(expected),
        "expected `{expected}` in:\n{}",
        run.stderr
    );
    assert!(!run.out.exists(), "something was written for a bad request");
    for private in ["Jane Roe", "BK-2026-000123", "1990"] {
        assert!(
            !run.stderr.contains(private),
            "stderr leaks `{private}`:\n{}",
            run.stderr
        );
    }
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn a_missing_required_field_is_named_with_its_line() {
    assert_refused(
        &SUBPOENA.replace("received_by: sheriff\n", ""),
        "request.yaml:1: `received_by` is missing",
    );
    assert_refused(
        &SUBPOENA.replace("  officer: Deportation Officer J. Doe\n", ""),
        "missing field `officer`",
    );
}

#[test]
fn an_unknown_key_or_value_is_located_with_a_suggestion_but_not_repeated() {
    assert_refused(
        &SUBPOENA.replace("return_date:", "retrun_date:"),
        "request.yaml:16:1: unknown key at the top level of the file\n  hint: did you mean `return_date`?",
    );
    assert_refused(
        &SUBPOENA.replace("kind: administrative_subpoena", "kind: Jane Roe"),
        "request.yaml:1:7: unknown value in `kind`",
    );
}

#[test]
fn an_impossible_date_is_refused_without_echoing_it() {
    assert_refused(
        &SUBPOENA.replace("dob: 1990-01-31", "dob: 1990-02-30"),
        "request.yaml:11:8: subject.dob: not a valid date",
    );
    assert_refused(
        &SUBPOENA.replace("received: 2026-11-20", "received: 2027-01-01"),
        "`received` is later than today",
    );
}

#[test]
fn contradictory_fields_say_which_field_to_fix() {
    assert_refused(
        &SUBPOENA.replace("signed_by_judge: false", "signed_by_judge: true"),
        "`signed_by_judge` is true, but `kind`",
    );
    assert_refused(
        &SUBPOENA.replace("form: Administrative subpoena", "form: I-247A"),
        "request.yaml:7: `form` is I-247A (Immigration Detainer – Notice of Action), a detainer form, but `kind` is administrative_subpoena",
    );
    assert_refused(
        &SUBPOENA.replace("[release_date, home_address]", "[hold]"),
        "`requested` includes `hold`",
    );
}

/// The detainer check reads the form however it is spelled, and a form that is not what `kind`
/// says is refused, naming both fields and the recognised form (not the text as written).
#[test]
fn a_form_that_is_not_what_kind_says_is_refused_however_it_is_spelled() {
    for form in [
        "DHS Form I-247A",
        "ICE Form I-247A",
        "I247A",
        "I\u{2011}247A",
        "I\u{2010}247A",
        "I\u{2012}247A",
        "I\u{2013}247A",
        "I\u{2014}247A",
        "I\u{2015}247A",
        "I\u{2212}247A",
        "\"Immigration Detainer \u{2013} Notice of Action (I-247A)\"",
    ] {
        assert_refused(
            &SUBPOENA.replace("form: Administrative subpoena", &format!("form: {form}")),
            "`form` is I-247A (Immigration Detainer – Notice of Action), a detainer form, but `kind` is administrative_subpoena\n  hint: if that is the paper, set `kind: detainer`",
        );
    }
    assert_refused(
        &JUVENILE_DETAINER.replace("form: I-247A", "form: Administrative subpoena"),
        "request.yaml:7: `form` is an administrative subpoena, but `kind` is detainer\n  hint: if that is the paper, set `kind: administrative_subpoena`",
    );
    for (form, name) in [
        ("I-200", "I-200 (Warrant for Arrest of Alien)"),
        ("ICE Form I-205", "I-205 (Warrant of Removal/Deportation)"),
    ] {
        assert_refused(
            &SUBPOENA.replace("form: Administrative subpoena", &format!("form: {form}")),
            &format!("`form` is {name}, an administrative warrant, signed by an immigration officer, but `kind` is administrative_subpoena"),
        );
    }
}

/// A federal court's form goes to counsel (exit 3, no letter), whatever `kind` and
/// `signed_by_judge` say.
#[test]
fn a_federal_court_form_never_gets_a_declination_letter() {
    for form in ["AO 442", "AO-93", "AO 88B", "Form AO 88A"] {
        let request = SUBPOENA.replace("form: Administrative subpoena", &format!("form: {form}"));
        let run = respond(&request, "us/ca/example");
        assert_eq!(run.status, 3, "{form}: {}", run.stderr);
        assert!(
            run.stderr.contains(
                "a federal court's form, although the request file calls it something else or says no judge signed it"
            ),
            "{form}: {}",
            run.stderr
        );
        assert!(
            !run.out.exists(),
            "{form}: something was written for a court's form"
        );
    }
}

/// Each answer is a new folder named from `received` and a number, never from the person:
/// a second answer leaves the first (edited since) exactly as it was.
#[test]
fn a_second_answer_goes_into_a_new_folder_and_leaves_the_first_as_it_was() {
    let tree = tree();
    let run = |request: &str| {
        let run = common::finish(respond_in(tree.path(), request, "us/ca/example"));
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stderr
    };
    let out = tree.path().join("response");
    let first = run(SUBPOENA);
    assert!(first.contains("into response/2026-11-20-01 "), "{first}");
    let letter = out.join("2026-11-20-01/en/letter-administrative-subpoena.docx");
    std::fs::write(&letter, b"edited by counsel").expect("edit");
    let second = run(SUBPOENA);
    assert!(second.contains("into response/2026-11-20-02 "), "{second}");
    run(JUVENILE_DETAINER);
    assert_eq!(
        answers(&out),
        ["2026-11-20-01", "2026-11-20-02", "2026-11-25-01"]
    );
    assert_eq!(std::fs::read(&letter).expect("kept"), b"edited by counsel");
    assert_eq!(
        common::files_under(&out.join("2026-11-20-01")),
        common::files_under(&out.join("2026-11-20-02")),
    );
}

/// What a run killed while writing left (a staging folder of personal data, its process gone)
/// is removed by the next run; nothing else in the folder is touched.
#[test]
fn a_killed_runs_staging_folder_is_removed_by_the_next() {
    let tree = tree();
    let out = tree.path().join("response");
    let abandoned = out.join(".2026-11-20-01.staging-4000000");
    std::fs::create_dir_all(abandoned.join("en")).expect("mkdir");
    std::fs::write(abandoned.join("en/letter.docx"), b"a person's data").expect("write");
    let run = common::finish(respond_in(tree.path(), SUBPOENA, "us/ca/example"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !abandoned.exists(),
        "the abandoned staging folder is still there"
    );
    assert_eq!(answers(&out), ["2026-11-20-01"]);
}

/// Runs started at the same moment never take the same folder.
#[test]
fn answers_written_at_the_same_moment_get_folders_of_their_own() {
    let tree = tree();
    let mut command = respond_in(tree.path(), SUBPOENA, "us/ca/example");
    let children: Vec<_> = (0..4).map(|_| command.spawn().expect("starts")).collect();
    for child in children {
        let output = child.wait_with_output().expect("runs");
        assert!(output.status.success(), "{output:?}");
    }
    let out = tree.path().join("response");
    let folders = answers(&out);
    assert_eq!(
        folders,
        [
            "2026-11-20-01",
            "2026-11-20-02",
            "2026-11-20-03",
            "2026-11-20-04"
        ]
    );
    let complete = common::files_under(&out.join(&folders[0]));
    for folder in &folders {
        assert_eq!(common::files_under(&out.join(folder)), complete, "{folder}");
    }
}

/// A write that fails half-way (here: the system refuses a file over a size, as a full disk
/// would) leaves no letter behind, and says so.
#[cfg(unix)]
#[test]
fn a_failed_write_leaves_nothing_and_says_so() {
    use std::os::unix::process::CommandExt;
    // The biggest file of a complete answer is the one that cannot be written.
    let complete = respond(SUBPOENA, "us/ca/example");
    assert_eq!(complete.status, 0, "{}", complete.stderr);
    let answer = complete.answer();
    let biggest = common::files_under(&answer)
        .iter()
        .map(|f| std::fs::metadata(answer.join(f)).expect("written").len())
        .max()
        .expect("files");
    let tree = tree();
    let mut command = respond_in(tree.path(), SUBPOENA, "us/ca/example");
    // The register (its WAL grows by pages) would meet the limit before the answer does.
    command.arg("--no-register");
    let limit = biggest - 1;
    // SAFETY: setrlimit and signal are async-signal-safe, as pre_exec requires.
    unsafe {
        command.pre_exec(move || {
            let size = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            // Over the limit a write fails with EFBIG instead of killing the process.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            if libc::setrlimit(libc::RLIMIT_FSIZE, &size) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let output = command.output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: response: cannot write the answer (File too large (os error 27)); nothing was written"),
        "{stderr}"
    );
    let out = tree.path().join("response");
    let left: Vec<_> = std::fs::read_dir(&out)
        .map(|d| d.map(|e| e.expect("entry").path()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn a_passed_return_date_is_flagged_in_the_memo() {
    let run = respond(
        &SUBPOENA.replace("return_date: 2026-12-04", "return_date: 2026-11-21"),
        "us/ca/example",
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let (memo, _) = docx_text(&run.answer().join("en/memo.docx"));
    assert!(memo.contains("The return date has passed"), "{memo}");
}

#[cfg(unix)]
#[test]
fn response_files_are_readable_by_the_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let run = respond(SUBPOENA, "us/ca/example");
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mode = std::fs::metadata(run.answer().join("en/letter-administrative-subpoena.docx"))
        .expect("written")
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "mode {mode:o}");
    for folder in [run.out.clone(), run.answer(), run.answer().join("en")] {
        let mode = std::fs::metadata(&folder)
            .expect("written")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{}: mode {mode:o}", folder.display());
    }
}

#[test]
fn the_printed_example_is_accepted_as_it_is() {
    let example = common::responsekit(&["respond", "--example"]);
    assert_eq!(example.code, 0, "{}", example.stderr);
    let run = respond(&example.stdout, "us/ca/example");
    assert_eq!(run.status, 0, "{}", run.stderr);
}

/// A letter written for sending carries neither the model-language notice nor the list of
/// authorities (both go in the memo with it), and its cc block holds no instruction.
#[test]
fn a_letter_for_sending_has_no_notice_and_no_authorities_list() {
    for request in [SUBPOENA, JUVENILE_DETAINER] {
        let run = respond(request, "us/ca/example");
        assert_eq!(run.status, 0, "{}", run.stderr);
        let mut letters = 0;
        for lang in ["en", "es"] {
            for entry in std::fs::read_dir(run.answer().join(lang)).expect("answer folder") {
                let path = entry.expect("entry").path();
                let name = path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                if !name.ends_with(".docx") {
                    continue;
                }
                // The notice sits in the page footer; the rest in the body.
                let (text, _) = docx_text(&path);
                let footer = common::docx_text(&docx_part(&path, "word/footer1.xml"));
                let notice = ["Model language", "Texto modelo"]
                    .iter()
                    .any(|n| footer.contains(n) || text.contains(n));
                if name.starts_with("letter-") {
                    letters += 1;
                    assert!(
                        !notice,
                        "{lang} {name}: model-language notice in a letter for sending"
                    );
                    for list in ["Authorities cited", "Fuentes legales citadas"] {
                        assert!(
                            !text.contains(list),
                            "{lang} {name}: `{list}` in a letter for sending"
                        );
                    }
                    assert!(
                        !text.contains("only if the person is a minor"),
                        "{lang} {name}: an instruction in the cc block"
                    );
                } else if name.starts_with("memo") {
                    assert!(
                        notice,
                        "{lang} {name}: the memo with the letter lost its notice"
                    );
                }
            }
        }
        assert_eq!(letters, 2, "one letter per language");
    }
}

/// `tree()` with `us/ca/gaps`: the example county with the sheriff's phone `unknown`, and the
/// line of its config where that is written.
fn gaps_tree() -> (tempfile::TempDir, usize) {
    let tree = tree();
    let county = tree.path().join("jurisdictions/us/ca/gaps");
    std::fs::create_dir_all(&county).expect("mkdir");
    let gaps = EXAMPLE_COUNTY.replacen("phone: (555) 010-0001", "phone: unknown", 1);
    assert_ne!(gaps, EXAMPLE_COUNTY);
    std::fs::write(county.join("jurisdiction.yaml"), &gaps).expect("write county");
    let line = gaps
        .lines()
        .position(|l| l.contains("phone: unknown"))
        .unwrap()
        + 1;
    (tree, line)
}

/// A fact the answer needs but the config leaves `unknown` is named once — not once per
/// document and language — with the file and line to fill it in, and nothing is written.
#[test]
fn an_unknown_fact_the_answer_needs_is_named_once_at_its_line() {
    let (tree, line) = gaps_tree();
    let run = common::finish(respond_in(tree.path(), SUBPOENA, "us/ca/gaps"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.errors(),
        [format!(
            "error: jurisdictions/us/ca/gaps/jurisdiction.yaml:{line}: `agencies.sheriff.phone` is unknown, and the answer needs it: [Sheriff's phone] / [Teléfono de la Oficina del Sheriff] in letter-administrative-subpoena, notice-simultaneous (en, es)\n  \
             hint: replace that `unknown` with the fact and its `source` (where it was read), then answer again; or write a draft to finish by hand with `--draft`"
        )],
        "{}",
        run.stderr
    );
    assert!(run.notes().is_empty(), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert!(answers(&tree.path().join("response")).is_empty());
}

/// With `--draft` the same answer is written: every unknown fact a highlighted fill-in, a note
/// for each at its line instead of an error, exit status 0, and every document of it — letter,
/// notice and memo, each format, each language — opening with the draft's mark.
#[test]
fn a_draft_is_written_with_its_fill_ins_marked_not_ready_to_send() {
    let (tree, line) = gaps_tree();
    let mut command = respond_in(tree.path(), SUBPOENA, "us/ca/gaps");
    command.arg("--draft");
    let run = common::finish(command);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.errors().is_empty(), "{}", run.stderr);
    assert_eq!(
        run.notes(),
        [format!(
            "note: jurisdictions/us/ca/gaps/jurisdiction.yaml:{line}: `agencies.sheriff.phone` is unknown: the draft leaves [Sheriff's phone] / [Teléfono de la Oficina del Sheriff] in letter-administrative-subpoena, notice-simultaneous (en, es) to fill, and is not ready to send until it is filled\n  \
             hint: replace that `unknown` with the fact and its `source` (where it was read), then answer again, or fill it in the draft by hand"
        )],
        "{}",
        run.stderr
    );
    let folders = answers(&tree.path().join("response"));
    assert_eq!(folders.len(), 1, "{folders:?}");
    let answer = tree.path().join("response").join(&folders[0]);
    for (lang, mark, fill_in) in [
        (
            "en",
            "DRAFT — not ready to send: 1 fact to fill",
            "[Sheriff's phone]",
        ),
        (
            "es",
            "BORRADOR — no está listo para enviar: falta 1 dato por completar",
            "[Teléfono de la Oficina del Sheriff]",
        ),
    ] {
        for doc in [
            "letter-administrative-subpoena",
            "notice-simultaneous",
            "memo",
        ] {
            let (text, highlighted) = docx_text(&answer.join(lang).join(format!("{doc}.docx")));
            // The first thing read on the first page: just under the title, or first of all
            // in a letter, which prints no title above its letterhead.
            let first = usize::from(!doc.starts_with("letter-"));
            assert_eq!(
                text.lines().nth(first),
                Some(mark),
                "{lang}/{doc}.docx: {text}"
            );
            let md = common::read(answer.join(lang).join(format!("{doc}.md")));
            assert!(md.contains(&format!("**{mark}**")), "{lang}/{doc}.md: {md}");
            if doc != "memo" {
                assert!(
                    highlighted && text.contains(fill_in),
                    "{lang}/{doc}.docx: no highlighted {fill_in}: {text}"
                );
            }
        }
    }
}

/// `--draft` answers nothing a judge signed: no letter, exit status 3, as without it.
#[test]
fn a_draft_is_no_answer_to_a_court() {
    let tree = tree();
    let warrant = SUBPOENA
        .replace("kind: administrative_subpoena", "kind: judicial_warrant")
        .replace("signed_by_judge: false", "signed_by_judge: true");
    let mut command = respond_in(tree.path(), &warrant, "us/ca/example");
    command.arg("--draft");
    let run = common::finish(command);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("signed by a judge"), "{}", run.stderr);
    assert!(!tree.path().join("response").exists());
}

/// A draft of an answer with every fact known is the answer to send: no mark, and it says so.
#[test]
fn a_draft_with_nothing_to_fill_is_the_answer_to_send() {
    let tree = tree();
    let mut command = respond_in(tree.path(), SUBPOENA, "us/ca/example");
    command.arg("--draft");
    let run = common::finish(command);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("ready to send, not as a draft"),
        "{}",
        run.stderr
    );
    let folders = answers(&tree.path().join("response"));
    let letter = tree
        .path()
        .join("response")
        .join(&folders[0])
        .join("en/letter-administrative-subpoena.md");
    assert!(!common::read(letter).contains("DRAFT"));
}
