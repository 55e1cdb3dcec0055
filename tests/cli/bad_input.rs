//! The bad-input suite: one folder per case under `tests/bad_input/<case>/`, each a mistake
//! an editor of a kit could make (or an attack), with the exact message pinned.
//!
//! A case folder holds its input — files laid over a copy of `tests/fixtures/basic` (its
//! `jurisdictions/` tree; the fixture template set as `templates/`), usually the county
//! `us/xx/alpha`, and/or a `request.yaml` — and:
//!
//! - `expected.txt`: the exact standard error of the run (runs are `--quiet`, so only errors);
//! - `args.txt` (optional): the command line, one argument per line. The default is
//!   `build -q --jurisdictions jurisdictions --templates templates -j us/xx/alpha --out out`
//!   (only the county with the mistake: its build must write nothing), or for a case
//!   with a `request.yaml`, `respond -q … -j us/xx/alpha --request request.yaml`;
//! - `exit.txt` (optional): the exit status, when it is not 1;
//! - `generated.txt` (optional): what [`generate`] adds, for inputs git cannot hold as they are
//!   (links, invalid UTF-8, huge or deeply nested files).
//!
//! Each case runs in a fresh temporary copy, from inside it, so messages show short relative
//! paths; cases are independent, so a few run at once. Every run must: exit with the pinned
//! status, print exactly the pinned message, never panic, finish in seconds, and write nothing.
//! Adding a case is adding a folder.

use crate::common::{binary, copy_basic, copy_tree, files_under, finish_within, in_parallel, ROOT};
use std::path::Path;
use std::time::Duration;

const CASES: &str = "tests/bad_input";

/// Writes the inputs that cannot live in git into the case's copy at `dir`.
fn generate(case: &str, dir: &Path) {
    let tree = dir.join("jurisdictions");
    let county = tree.join("us/xx/alpha");
    let templates = county.join("templates");
    let write = |path: &Path, bytes: &[u8]| {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    };
    match case {
        "config-deep-nesting" => {
            let text = format!(
                "kind: county\nname: {}x{}\n",
                "[".repeat(10_000),
                "]".repeat(10_000)
            );
            write(&county.join("jurisdiction.yaml"), text.as_bytes());
        }
        "request-deep-nesting" => {
            let text = format!(
                "kind: detainer\nsubject: {}x{}\n",
                "{a: ".repeat(10_000),
                "}".repeat(10_000)
            );
            write(&dir.join("request.yaml"), text.as_bytes());
        }
        "config-file-too-big" | "request-file-too-big" => {
            // 2 MiB of comment: valid YAML, refused for its size before it is parsed.
            let mut text = b"kind: county\n".to_vec();
            text.extend(b"# padding\n".repeat(200 * 1024 + 1));
            let file = if case.starts_with("config") {
                county.join("jurisdiction.yaml")
            } else {
                dir.join("request.yaml")
            };
            write(&file, &text);
        }
        // SQLite files: one of another program, one a newer responsekit wrote (its
        // application id, a version above this one's), and an empty register.
        "register-foreign-database" => {
            let db = rusqlite::Connection::open(dir.join("register.sqlite")).unwrap();
            db.execute_batch("CREATE TABLE patients (note TEXT)")
                .unwrap();
        }
        "register-newer-version" => {
            let db = rusqlite::Connection::open(dir.join("register.sqlite")).unwrap();
            db.execute_batch("PRAGMA application_id = 1381190482; PRAGMA user_version = 99;")
                .unwrap();
        }
        "register-unknown-id" => {
            responsekit::register::Register::open(&dir.join("register.sqlite")).unwrap();
        }
        // A detainer answered with its letter, the notice its law requires still to send.
        "register-sent-unknown-document" => {
            use responsekit::register::{DocumentSent, NewRequest, RequiredDocument};
            let mut register =
                responsekit::register::Register::open(&dir.join("register.sqlite")).unwrap();
            let letter = DocumentSent {
                document: "letter-detainer".into(),
                lang: "en".into(),
                sent_to: "issuer",
                status: "prepared",
                on_date: "2026-11-20".into(),
            };
            let request = NewRequest {
                jurisdiction: "us/xx/alpha".into(),
                received_by: "sheriff".into(),
                received: "2026-11-20".into(),
                kind: "detainer".into(),
                requested: vec!["hold".into()],
                recorded_by: "add",
                documents: vec![letter],
                required: vec![RequiredDocument {
                    document: "notice-simultaneous".into(),
                    required_by: "xx-copy-of-request".into(),
                }],
                ..NewRequest::default()
            };
            register.add(&request).unwrap();
        }
        "config-not-utf8" => {
            // Latin-1 "Condado de Peñasco": the byte 0xF1 is not UTF-8.
            write(
                &county.join("jurisdiction.yaml"),
                b"kind: county\nname:\n  en: Penasco County\n  es: Condado de Pe\xf1asco\n",
            );
        }
        "request-not-utf8" => {
            let mut text = std::fs::read(dir.join("request.yaml")).unwrap();
            text.extend(b"# Pe\xf1asco\n");
            write(&dir.join("request.yaml"), &text);
        }
        "config-double-bom" => {
            let text = std::fs::read(county.join("jurisdiction.yaml")).unwrap();
            write(
                &county.join("jurisdiction.yaml"),
                &[b"\xef\xbb\xbf\xef\xbb\xbf".as_slice(), &text].concat(),
            );
        }
        "template-deep-blocks" | "template-deep-subexpressions" | "template-deep-else-if" => {
            let n = 2_000;
            let body = match case {
                "template-deep-blocks" => "{{#if true}}".repeat(n) + "deep" + &"{{/if}}".repeat(n),
                "template-deep-subexpressions" => {
                    format!(
                        "{{{{#if {}true{}}}}}deep{{{{/if}}}}",
                        "(eq ".repeat(n),
                        " true)".repeat(n)
                    )
                }
                _ => format!(
                    "{{{{#if false}}}}a{}{{{{/if}}}}",
                    "{{else if false}}b".repeat(n)
                ),
            };
            write(
                &templates.join("card/en.md.hbs"),
                format!("# Know your rights\n\n{body}\n").as_bytes(),
            );
        }
        "template-deep-partials" | "template-partials-multiply" => {
            // Each a different file: partials/p0 includes p1 (twice, to multiply), and so on.
            let (n, times) = if case == "template-deep-partials" {
                (2_000, 1)
            } else {
                (22, 2)
            };
            write(
                &templates.join("card/en.md.hbs"),
                b"# Know your rights\n\n{{> partials/p0}}\n",
            );
            for i in 0..n {
                let text = if i + 1 < n {
                    format!("{{{{> partials/p{}}}}}", i + 1).repeat(times)
                } else {
                    "end ".to_string()
                };
                write(
                    &templates.join(format!("partials/p{i}.md.hbs")),
                    text.as_bytes(),
                );
            }
        }
        "template-document-too-big" => {
            write(
                &templates.join("partials/big.md.hbs"),
                "Some words. ".repeat(512 * 1024 / 12).as_bytes(),
            );
            let text = format!(
                "# Know your rights\n\n{}",
                "{{> partials/big}}\n\n".repeat(40)
            );
            write(&templates.join("card/en.md.hbs"), text.as_bytes());
        }
        "config-empty-tree" => {
            std::fs::remove_dir_all(&tree).unwrap();
            std::fs::create_dir_all(tree.join("us/xx")).unwrap();
        }
        "config-symlink-loop" => {
            // The county's folder is a link back to its parent: walked, it never ends.
            std::fs::remove_dir_all(&county).unwrap();
            symlink("..", &county);
        }
        "config-symlink-outside" => {
            // The county's config is a link to a file outside the tree.
            std::fs::remove_file(county.join("jurisdiction.yaml")).unwrap();
            symlink(
                Path::new("/etc/hostname"),
                &county.join("jurisdiction.yaml"),
            );
        }
        "config-root-symlink-loop" => {
            std::fs::remove_dir_all(&tree).unwrap();
            symlink("jurisdictions", &tree);
        }
        "request-not-a-file-fifo" => {
            std::fs::remove_file(dir.join("request.yaml")).unwrap();
            let made = std::process::Command::new("mkfifo")
                .arg(dir.join("request.yaml"))
                .status()
                .unwrap();
            assert!(made.success(), "mkfifo failed");
        }
        "request-symlink-outside" => {
            // Notes about the person, beside the case folder; the request is a link to them.
            let notes = dir.parent().unwrap().join("notes.txt");
            write(
                &notes,
                b"Jane Roe: called on 2026-11-20 about her hearing\n",
            );
            std::fs::remove_file(dir.join("request.yaml")).unwrap();
            symlink(&notes, &dir.join("request.yaml"));
        }
        "request-symlink-loop" => {
            std::fs::remove_file(dir.join("request.yaml")).unwrap();
            symlink("request.yaml", &dir.join("request.yaml"));
        }
        other => panic!("{other} has generated.txt but no generator here"),
    }
}

fn symlink(target: impl AsRef<Path>, link: &Path) {
    #[cfg(unix)]
    std::os::unix::fs::symlink(target, link).unwrap();
    #[cfg(not(unix))]
    let _ = (target, link);
}

/// Every case folder, by name.
fn cases() -> Vec<String> {
    let mut cases: Vec<String> = std::fs::read_dir(Path::new(ROOT).join(CASES))
        .expect("tests/bad_input exists")
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    cases
}

fn read_opt(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// Runs one case; returns what went wrong, if anything.
fn run_case(case: &str) -> Result<(), String> {
    let source = Path::new(ROOT).join(CASES).join(case);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(case);
    copy_basic(&dir);
    copy_tree(&source, &dir);
    if dir.join("generated.txt").exists() {
        generate(case, &dir);
    }
    let args: Vec<String> = match read_opt(&dir.join("args.txt")) {
        Some(text) => text.lines().map(str::to_string).collect(),
        None if source.join("request.yaml").exists() => [
            "respond",
            "-q",
            "--jurisdictions",
            "jurisdictions",
            "--templates",
            "templates",
            "-j",
            "us/xx/alpha",
            "--request",
            "request.yaml",
            "--out",
            "out",
            "--today",
            "2026-11-27",
        ]
        .map(str::to_string)
        .to_vec(),
        None => [
            "build",
            "-q",
            "--jurisdictions",
            "jurisdictions",
            "--templates",
            "templates",
            "-j",
            "us/xx/alpha",
            "--out",
            "out",
        ]
        .map(str::to_string)
        .to_vec(),
    };
    let expected =
        read_opt(&source.join("expected.txt")).ok_or_else(|| format!("{case}: no expected.txt"))?;
    let expected_code: i32 = read_opt(&source.join("exit.txt"))
        .map_or(1, |s| s.trim().parse().expect("exit.txt holds a number"));

    let before = files_under(&dir);
    let mut command = binary();
    command.current_dir(&dir).args(&args);
    // How fast a case runs is not a test's business; a hang is (it fails by its exit status).
    let run = finish_within(command, Duration::from_secs(60));
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(source.join("expected.txt"), &run.stderr).unwrap();
    }
    let mut problems = Vec::new();
    if run.code != expected_code {
        problems.push(format!(
            "exit status {} (expected {expected_code})",
            run.code
        ));
    }
    if run.stderr != expected {
        problems.push(format!(
            "stderr differs.\n--- expected\n{expected}--- got\n{}",
            run.stderr
        ));
    }
    let after = files_under(&dir);
    let written: Vec<&String> = after.difference(&before).collect();
    if !written.is_empty() {
        problems.push(format!("wrote {written:?}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{case} ({args:?}):\n{}", problems.join("\n")))
    }
}

#[test]
fn every_bad_input_case_gives_its_pinned_message_and_writes_nothing() {
    let cases = cases();
    assert!(cases.len() >= 30, "{cases:?}");
    let failures = in_parallel(&cases, |case| run_case(case).err().into_iter().collect());
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// A request's content never reaches a message: every request case names Jane Roe somewhere
/// (the example request's subject, or the value that is wrong), and no message may.
#[test]
fn no_request_case_message_holds_a_value_of_the_request() {
    for case in cases().iter().filter(|c| c.starts_with("request-")) {
        let expected = read_opt(&Path::new(ROOT).join(CASES).join(case).join("expected.txt"))
            .unwrap_or_default();
        for private in ["Jane", "Roe", "1990", "BK-"] {
            assert!(
                !expected.contains(private),
                "{case}: the message holds `{private}`:\n{expected}"
            );
        }
    }
}

#[test]
fn every_case_names_a_file_and_a_line_where_there_is_one() {
    // Cases whose message can have no line: a whole file, folder or link is wrong, or the
    // command line is, or the mistake exists only in the rendered document (HTML made of a
    // partial and the text after its call).
    let no_line = |case: &str| {
        [
            "html-assembled",
            "empty-tree",
            "symlink",
            "too-big",
            "not-a-file",
            "out-in-tree",
            "id-",
            "new-",
            "init-",
            "today-not-a-date",
            "bad-file-name",
            "register-",
            "report-",
        ]
        .iter()
        .any(|k| case.contains(k))
    };
    for case in cases() {
        let expected = read_opt(&Path::new(ROOT).join(CASES).join(&case).join("expected.txt"))
            .unwrap_or_default();
        let first = expected.lines().next().unwrap_or_default();
        assert!(first.starts_with("error: "), "{case}: {first}");
        if !no_line(&case) {
            let located = first.split(": ").nth(1).is_some_and(|place| {
                place
                    .split(':')
                    .nth(1)
                    .is_some_and(|l| l.parse::<usize>().is_ok())
            });
            assert!(located, "{case}: no file:line in `{first}`");
        }
    }
}
