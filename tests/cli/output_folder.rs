//! The output folder under attack and under careless use: builds racing into a folder that
//! does not exist yet, a journal or manifest from elsewhere, a broken or missing manifest, the
//! user's own files, edits made while a build was interrupted, targets that cannot be
//! replaced, two jurisdictions claiming one file, moved-aside copies, files no kit produces
//! any more, and the no-op shortcut. Nothing a person wrote is ever replaced or lost, and
//! nothing outside the folder is touched.

use crate::common::{binary, finish_within, read, responsekit, Run, Workspace};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Markdown and the site only: what these tests need, built fast.
const FAST: &[&str] = &["--format", "md,html", "-q"];

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every manifest entry names a file that exists and matches its size and hash, and no
/// bookkeeping of an unfinished build is left.
fn assert_consistent(out: &Path) {
    let manifest: serde_json::Value =
        serde_json::from_str(&read(out.join("manifest.json"))).expect("the manifest is JSON");
    let files = manifest["files"].as_array().expect("files");
    assert!(!files.is_empty());
    for e in files {
        let path = out.join(e["path"].as_str().expect("path"));
        let bytes = std::fs::read(&path)
            .unwrap_or_else(|_| panic!("{} is listed but missing", path.display()));
        assert_eq!(
            e["size"].as_u64(),
            Some(bytes.len() as u64),
            "{}",
            path.display()
        );
        assert_eq!(
            e["sha256"].as_str(),
            Some(sha(&bytes).as_str()),
            "{}",
            path.display()
        );
    }
    assert!(!out.join(".responsekit-journal.json").exists());
    assert!(!out.join(".responsekit-staging").exists());
}

fn manifest_paths(out: &Path) -> Vec<String> {
    let manifest: serde_json::Value =
        serde_json::from_str(&read(out.join("manifest.json"))).expect("json");
    manifest["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|e| e["path"].as_str().expect("path").to_string())
        .collect()
}

fn stderr_has(run: &Run, text: &str) {
    assert!(
        run.stderr.contains(text),
        "expected `{text}` in:\n{}",
        run.stderr
    );
}

/// Ten builds started at once into a folder that does not exist yet take turns: one
/// consistent output, every manifest entry matching its file (item 1).
#[test]
fn ten_builds_at_once_into_a_missing_folder_end_consistent() {
    let ws = Workspace::new();
    let out = ws.path("not-yet/out");
    let args: Vec<String> = [
        "build",
        "--jurisdictions",
        ws.path("jurisdictions").to_str().unwrap(),
        "--templates",
        ws.path("templates").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "md,html",
        "-q",
    ]
    .iter()
    .map(std::string::ToString::to_string)
    .collect();
    // Started a little apart, so that some start before the folder exists and some after
    // the first build created it.
    let children: Vec<_> = (0..10)
        .map(|i| {
            std::thread::sleep(std::time::Duration::from_millis(if i == 0 {
                0
            } else {
                120
            }));
            binary()
                .args(&args)
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("finishes");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        assert!(
            !stderr.contains("kept:"),
            "a build saw another's files as edits: {stderr}"
        );
    }
    assert_consistent(&out);
}

/// A build that starts while another is writing into a folder that did not exist when that
/// one started waits for it: both lock the same folder (item 1).
#[test]
fn a_build_waits_for_one_that_created_the_folder() {
    let ws = Workspace::new();
    let out = ws.path("out");
    let spawn = |extra: &[&str]| {
        binary()
            .arg("build")
            .arg("--jurisdictions")
            .arg(ws.path("jurisdictions"))
            .arg("--templates")
            .arg(ws.path("templates"))
            .arg("--out")
            .arg(&out)
            .args(extra)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    // Every format, so the first build is still writing when the second starts.
    let first = spawn(&[]);
    // Start the second only once the first holds the lock: before that, either could take it
    // first, and the one that loses the race would be the first build.
    loop {
        if let Ok(dir) = std::fs::File::open(&out) {
            if let Err(std::fs::TryLockError::WouldBlock) = dir.try_lock() {
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let second = spawn(&["--format", "md"])
        .wait_with_output()
        .expect("finishes");
    let first = first.wait_with_output().expect("finishes");
    assert!(first.status.success() && second.status.success());
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains("waiting for another responsekit build"),
        "the second build did not wait for the first: {stderr}"
    );
    assert_consistent(&out);
}

/// A journal that names paths outside the output folder is refused whole: nothing outside is
/// moved or renamed, and the output stays as it was (item 2).
#[test]
fn a_journal_from_elsewhere_is_refused_whole() {
    let ws = Workspace::new();
    ws.build(FAST);
    let outside = ws.path("outside.txt");
    std::fs::write(&outside, "someone's file").unwrap();
    let manifest_before = read(ws.path("out/manifest.json"));
    let journal = serde_json::json!({
        "moves": [
            {"path": "us/xx/alpha/en/card.md", "found": "nothing", "aside": false, "previous": null},
            {"path": "../outside.txt", "found": "nothing", "aside": true, "previous": null}
        ],
        "removals": [],
        "manifest": {"files": []}
    });
    std::fs::write(
        ws.path("out/.responsekit-journal.json"),
        journal.to_string(),
    )
    .unwrap();
    let run = ws.run(FAST);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.errors(),
        [format!(
            "error: {}: the journal of an interrupted build cannot be used: it lists `../outside.txt`, which is not a file inside the output folder; nothing was moved\n  hint: responsekit did not write it (it may have come with a copied or downloaded folder): delete it, then build again",
            ws.path("out/.responsekit-journal.json").display()
        )]
    );
    assert_eq!(read(&outside), "someone's file");
    assert_eq!(read(ws.path("out/manifest.json")), manifest_before);
    // An absolute path is refused the same way.
    let journal = journal
        .to_string()
        .replace("../outside.txt", &outside.display().to_string());
    std::fs::write(ws.path("out/.responsekit-journal.json"), journal).unwrap();
    assert_eq!(ws.run(FAST).code, 1);
    assert_eq!(read(&outside), "someone's file");
}

/// A manifest listing a path outside the folder is not trusted: the build touches nothing
/// outside and writes a manifest of its own (item 2).
#[test]
fn a_manifest_from_elsewhere_is_not_trusted() {
    let ws = Workspace::new();
    ws.build(FAST);
    let outside = ws.path("outside.txt");
    std::fs::write(&outside, "someone's file").unwrap();
    let manifest = read(ws.path("out/manifest.json")).replacen(
        "\"path\":\"index.html\"",
        "\"path\":\"../outside.txt\"",
        1,
    );
    assert!(manifest.contains("../outside.txt"));
    std::fs::write(ws.path("out/manifest.json"), manifest).unwrap();
    let run = ws.run(&["--format", "md,html", "--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    stderr_has(&run, "manifest.json: the manifest cannot be trusted: it lists `../outside.txt`, which is not a file inside the output folder");
    assert_eq!(read(&outside), "someone's file");
    assert!(!manifest_paths(&ws.path("out"))
        .iter()
        .any(|p| p.contains("..")));
}

/// With no trustworthy manifest (missing, truncated, the wrong shape, not UTF-8), a file that
/// differs from what the build makes is someone's work: kept, or moved aside with --force
/// (item 3).
#[test]
fn edits_survive_a_missing_or_broken_manifest() {
    let ws = Workspace::new();
    ws.build(FAST);
    let card = ws.path("out/us/xx/alpha/en/card.md");
    let breakages: [(&str, Option<&[u8]>); 4] = [
        ("missing", None),
        ("truncated", Some(b"{\"files\": [{\"path\": \"index")),
        ("wrong shape", Some(b"[1, 2, 3]")),
        ("not UTF-8", Some(b"{\"files\": []}\xff")),
    ];
    for (what, manifest) in breakages {
        std::fs::write(&card, format!("counsel's edit ({what})")).unwrap();
        match manifest {
            None => std::fs::remove_file(ws.path("out/manifest.json")).unwrap(),
            Some(bytes) => std::fs::write(ws.path("out/manifest.json"), bytes).unwrap(),
        }
        let run = ws.run(&["--format", "md,html"]);
        assert_eq!(run.code, 0, "{what}: {}", run.stderr);
        assert_eq!(read(&card), format!("counsel's edit ({what})"), "{what}");
        stderr_has(&run, "card.md: kept: responsekit did not write this file (it is not in the manifest), so its new version was not written");
        if manifest.is_some() {
            stderr_has(&run, "manifest.json: the manifest cannot be trusted: it ");
        }
    }
    let run = ws.run(&["--format", "md,html", "--force"]);
    stderr_has(&run, "card.md: your copy was moved to ");
    let aside: Vec<_> = std::fs::read_dir(ws.path("out/us/xx/alpha/en"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("card.edited-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(read(&aside[0]), "counsel's edit (not UTF-8)");
    assert_consistent(&ws.path("out"));
}

/// A file in the output folder that responsekit never wrote is not replaced: the user's own
/// home page, a zip of theirs in `bundles/` (item 4).
#[test]
fn the_users_own_files_are_kept() {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.path("out/bundles")).unwrap();
    std::fs::write(ws.path("out/index.html"), "<h1>our own site</h1>").unwrap();
    std::fs::write(ws.path("out/bundles/us-xx-alpha-en.zip"), "our own zip").unwrap();
    let run = ws.run(&["--format", "md,html,zip"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(read(ws.path("out/index.html")), "<h1>our own site</h1>");
    assert_eq!(
        read(ws.path("out/bundles/us-xx-alpha-en.zip")),
        "our own zip"
    );
    stderr_has(
        &run,
        "index.html: kept: responsekit did not write this file",
    );
    stderr_has(
        &run,
        "us-xx-alpha-en.zip: kept: responsekit did not write this file",
    );
    // They are not in the manifest, so a later build keeps them too.
    let paths = manifest_paths(&ws.path("out"));
    assert!(!paths.contains(&"index.html".to_string()));
    let again = ws.run(&["--format", "md,html,zip"]);
    assert_eq!(read(ws.path("out/index.html")), "<h1>our own site</h1>");
    stderr_has(&again, "index.html: kept:");
}

/// The staged new version of Alpha's English card in the interrupted builds below.
const STAGED_CARD: &str = "the staged new version";

/// What a build killed after writing its journal had planned for Alpha's English card, from
/// the output a build left in `out`: the card as built, its manifest entry, and the manifest
/// the interrupted build was to write (the card's entry as the staged version).
struct PlannedCard {
    card: PathBuf,
    built: Vec<u8>,
    previous: serde_json::Value,
    new_manifest: serde_json::Value,
}

impl PlannedCard {
    fn of(out: &Path) -> PlannedCard {
        const CARD: &str = "us/xx/alpha/en/card.md";
        let card = out.join(CARD);
        let built = std::fs::read(&card).unwrap();
        let manifest: serde_json::Value =
            serde_json::from_str(&read(out.join("manifest.json"))).unwrap();
        let previous = manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["path"] == CARD)
            .unwrap()
            .clone();
        let mut new_manifest = manifest;
        for e in new_manifest["files"].as_array_mut().unwrap() {
            if e["path"] == CARD {
                e["sha256"] = sha(STAGED_CARD.as_bytes()).into();
                e["size"] = STAGED_CARD.len().into();
            }
        }
        PlannedCard {
            card,
            built,
            previous,
            new_manifest,
        }
    }

    /// The journal's move of the card over it as built, with `previous` as the entry to keep
    /// if the move is not made.
    fn journal_move(&self, previous: &serde_json::Value) -> serde_json::Value {
        serde_json::json!({
            "path": "us/xx/alpha/en/card.md",
            "found": {"file": {"size": self.built.len(), "sha256": sha(&self.built), "modified": null}},
            "aside": false,
            "previous": previous,
        })
    }
}

/// A build interrupted while moving its files is finished by the next one, but a file edited
/// since the interruption is kept, not overwritten by the staged version (item 5).
#[test]
fn finishing_an_interrupted_build_keeps_an_edit_made_since() {
    let ws = Workspace::new();
    ws.build(FAST);
    let out = ws.path("out");
    let planned = PlannedCard::of(&out);
    let card = &planned.card;
    // What a build killed after writing its journal leaves: a staged new card, and a journal
    // that planned to replace the card as it was built.
    let staged = out.join(".responsekit-staging/us/xx/alpha/en/card.md");
    std::fs::create_dir_all(staged.parent().unwrap()).unwrap();
    std::fs::write(&staged, STAGED_CARD).unwrap();
    let journal = serde_json::json!({
        "moves": [planned.journal_move(&planned.previous)],
        "removals": [],
        "manifest": planned.new_manifest,
    });
    std::fs::write(out.join(".responsekit-journal.json"), journal.to_string()).unwrap();
    // Counsel edits the card before the next build.
    std::fs::write(card, "counsel's edit").unwrap();
    let run = ws.run(&["--format", "md,html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    stderr_has(
        &run,
        "finished moving the files of an interrupted build into place",
    );
    stderr_has(
        &run,
        "card.md: kept: this file changed while the build was writing",
    );
    assert_eq!(read(card), "counsel's edit");
    assert!(!out.join(".responsekit-journal.json").exists());
    // The next build still knows the card as edited.
    let again = ws.run(&["--format", "md,html"]);
    stderr_has(
        &again,
        "card.md: kept: this file was edited after it was built",
    );
    assert_eq!(read(card), "counsel's edit");
}

/// A target that cannot be replaced (a folder where a file goes, the manifest's place taken
/// by a folder) is named before anything moves, and once it is moved away the next build
/// recovers (item 6).
#[test]
fn a_blocked_target_is_named_before_anything_moves() {
    let ws = Workspace::new();
    ws.build(FAST);
    let out = ws.path("out");
    let card = out.join("us/xx/alpha/en/card.md");
    std::fs::remove_file(&card).unwrap();
    std::fs::create_dir_all(card.join("inside")).unwrap();
    let run = ws.run(&["--format", "md,html", "--force", "-q"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.errors().contains(&format!(
        "error: {}: a folder is where responsekit writes a file; nothing was written for this kit\n  hint: move the folder out of the way, then build again",
        card.display()
    )), "{}", run.stderr);
    std::fs::remove_dir_all(&card).unwrap();
    // The manifest's place taken by a folder.
    std::fs::rename(out.join("manifest.json"), ws.path("saved-manifest.json")).unwrap();
    std::fs::create_dir(out.join("manifest.json")).unwrap();
    let run = ws.run(&["--format", "md,html", "-q"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.errors().contains(&format!(
        "error: {}: the manifest's place is taken by something that is not a file; nothing was moved\n  hint: move it out of the way, then build again",
        out.join("manifest.json").display()
    )), "{}", run.stderr);
    std::fs::remove_dir(out.join("manifest.json")).unwrap();
    let run = ws.run(&["--format", "md,html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_consistent(&out);
}

/// Two jurisdictions whose ids give the same bundle name are both refused before anything is
/// written; the others are built (item 7).
#[test]
fn two_jurisdictions_claiming_one_file_are_refused() {
    let ws = Workspace::new();
    let county = read(ws.path("jurisdictions/us/xx/beta/jurisdiction.yaml"));
    for id in ["us/xx/x-y", "us/xx/x", "us/xx/x/y"] {
        let dir = ws.path(&format!("jurisdictions/{id}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("jurisdiction.yaml"), &county).unwrap();
    }
    let run = ws.run(&["--format", "md,zip", "-q"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = run.errors();
    for (id, other) in [("us/xx/x-y", "us/xx/x/y"), ("us/xx/x/y", "us/xx/x-y")] {
        let message = format!(
            "error: `{id}` and `{other}` would both write `bundles/us-xx-x-y-en.zip` (and 1 more files); neither was built\n  hint: rename one of the folders: ids that differ only by `/` and `-` share their bundles' names"
        );
        assert!(
            errors.contains(&message),
            "{message}\nnot in:\n{}",
            run.stderr
        );
    }
    let paths = manifest_paths(&ws.path("out"));
    assert!(paths.iter().any(|p| p.starts_with("us/xx/alpha/")));
    assert!(paths.iter().any(|p| p.starts_with("us/xx/x/en/")));
    assert!(!paths
        .iter()
        .any(|p| p.contains("x-y") || p.starts_with("us/xx/x/y/")));
    assert_consistent(&ws.path("out"));
}

/// A forced build never replaces an earlier moved-aside copy, even one made in the same
/// second (item 8): copies named for every second around the build are all left intact.
#[test]
fn a_moved_aside_copy_never_replaces_another() {
    let ws = Workspace::new();
    ws.build(FAST);
    let card = ws.path("out/us/xx/alpha/en/card.md");
    let now = time::OffsetDateTime::now_utc();
    let earlier: Vec<std::path::PathBuf> = (-2..30)
        .map(|s| {
            let t = now + time::Duration::seconds(s);
            card.with_file_name(format!(
                "card.edited-{:04}{:02}{:02}T{:02}{:02}{:02}.md",
                t.year(),
                t.month() as u8,
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            ))
        })
        .collect();
    for path in &earlier {
        std::fs::write(path, "an earlier copy").unwrap();
    }
    std::fs::write(&card, "the latest edit").unwrap();
    ws.build(&["--format", "md", "-j", "us/xx/alpha", "--force", "-q"]);
    for path in &earlier {
        assert_eq!(
            read(path),
            "an earlier copy",
            "{} was replaced",
            path.display()
        );
    }
    let latest: Vec<_> = std::fs::read_dir(card.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("card.edited-") && read(p) == "the latest edit")
        .collect();
    assert_eq!(latest.len(), 1, "the latest edit was not moved aside");
}

/// A rebuild removes what no kit produces any more (a removed jurisdiction, a removed
/// language), and says so; an edited one is left in place with a note (item 9).
#[test]
fn files_no_kit_produces_any_more_are_removed() {
    let ws = Workspace::new();
    ws.build(FAST);
    let out = ws.path("out");
    assert!(out.join("us/xx/beta/en/card.md").is_file());
    let edited = out.join("us/xx/beta/en/notice.md");
    std::fs::write(&edited, "counsel's edit").unwrap();
    std::fs::remove_dir_all(ws.path("jurisdictions/us/xx/beta")).unwrap();
    let run = ws.run(&["--format", "md,html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    stderr_has(&run, "removed ");
    stderr_has(&run, "us/xx/beta/en/card.md");
    stderr_has(&run, "notice.md: kept: no kit has this file any more, but it was edited after it was built, so it was left in place");
    assert!(!out.join("us/xx/beta/en/card.md").exists());
    assert!(
        !out.join("us/xx/beta/es").exists(),
        "emptied folders are removed"
    );
    assert_eq!(read(&edited), "counsel's edit");
    assert!(!manifest_paths(&out)
        .iter()
        .any(|p| p.starts_with("us/xx/beta/")));
    // A language dropped from a county: its files go, the county's others stay.
    ws.append(
        "jurisdictions/us/xx/alpha/jurisdiction.yaml",
        "languages: [en]\n",
    );
    let run = ws.run(&["--format", "md,html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!out.join("us/xx/alpha/es").exists());
    assert!(out.join("us/xx/alpha/en/card.md").is_file());
    assert_consistent(&out);
}

/// An edit that keeps the file's size is noticed by a rebuild that would otherwise take the
/// no-op shortcut: it is reported as kept, not counted as unchanged (item 24).
#[test]
fn the_no_op_shortcut_notices_an_edit() {
    let ws = Workspace::new();
    ws.build(FAST);
    let again = ws.run(&["--format", "md,html"]);
    assert!(again.summary().contains(" 0 written, "), "{}", again.stderr);
    let card = ws.path("out/us/xx/alpha/en/card.md");
    let mut text = read(&card).into_bytes();
    let i = text.iter().position(u8::is_ascii_lowercase).unwrap();
    text[i] = if text[i] == b'x' { b'y' } else { b'x' };
    std::fs::write(&card, &text).unwrap();
    let run = ws.run(&["--format", "md,html"]);
    stderr_has(
        &run,
        "card.md: kept: this file was edited after it was built",
    );
    assert_eq!(std::fs::read(&card).unwrap(), text);
}

/// A FIFO in the tree (here beside a config) is refused, never opened: the build does not hang
/// holding the lock (item 20).
#[test]
fn a_fifo_in_the_tree_is_refused_without_blocking() {
    let ws = Workspace::new();
    let fifo = ws.path("jurisdictions/us/xx/alpha/notes.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    // A build that opened the FIFO would wait for a writer forever: it is stopped and fails.
    let mut command = binary();
    command
        .args(["build", "--format", "md", "-q", "--jurisdictions"])
        .arg(ws.path("jurisdictions"))
        .arg("--templates")
        .arg(ws.path("templates"))
        .arg("--out")
        .arg(ws.path("out"));
    let run = finish_within(command, std::time::Duration::from_secs(30));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.errors(),
        [format!(
            "error: {}: not a regular file or folder (a pipe, socket or device)\n  hint: remove it: the jurisdiction tree must hold plain folders and files",
            fifo.display()
        )]
    );
}

/// `--out` inside the jurisdiction tree, or a link that leads nowhere, is refused with a
/// message saying what to do (item 10).
#[test]
fn an_output_folder_inside_the_tree_or_dangling_is_refused() {
    let ws = Workspace::new();
    let inside = ws.path("jurisdictions/us/out");
    let run = responsekit(&[
        "build",
        "--jurisdictions",
        ws.path("jurisdictions").to_str().unwrap(),
        "--templates",
        ws.path("templates").to_str().unwrap(),
        "--out",
        inside.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.errors(),
        [format!(
            "error: {}: the output folder is inside the jurisdiction folder `{}`\n  hint: write outside it (e.g. --out dist): files written inside the jurisdiction folder would be read back as input and published with it",
            inside.display(),
            ws.path("jurisdictions").display()
        )]
    );
    assert!(!inside.exists());
    let link = ws.path("out");
    std::os::unix::fs::symlink(ws.path("missing"), &link).unwrap();
    let run = ws.run(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.errors(),
        [format!(
            "error: {}: the output folder is a symbolic link to `{}` that leads nowhere\n  hint: create the folder it points to, remove the link, or pass another --out",
            link.display(),
            ws.path("missing").display()
        )]
    );
}

/// A build killed after writing its journal — which names the moves, while the manifest that
/// goes with them is staged beside the files — is finished by the next: the staged file and
/// the staged manifest are put in place. Killed later, once that manifest was in place but the
/// journal not yet removed, the next build finishes from the manifest in place.
#[test]
fn an_interrupted_build_is_finished_with_its_staged_manifest() {
    let ws = Workspace::new();
    ws.build(FAST);
    let out = ws.path("out");
    let planned = PlannedCard::of(&out);
    let journal = serde_json::json!({
        "moves": [planned.journal_move(&serde_json::Value::Null)],
        "removals": [],
    });
    let PlannedCard {
        card,
        built,
        new_manifest,
        ..
    } = planned;
    let staging = out.join(".responsekit-staging");
    for manifest_in_place in [false, true] {
        std::fs::create_dir_all(staging.join("us/xx/alpha/en")).unwrap();
        std::fs::write(staging.join("us/xx/alpha/en/card.md"), STAGED_CARD).unwrap();
        if manifest_in_place {
            std::fs::write(out.join("manifest.json"), new_manifest.to_string()).unwrap();
        } else {
            std::fs::write(
                staging.join(".responsekit-manifest.json"),
                new_manifest.to_string(),
            )
            .unwrap();
        }
        std::fs::write(&card, &built).unwrap();
        std::fs::write(out.join(".responsekit-journal.json"), journal.to_string()).unwrap();
        let run = ws.run(&["--format", "md,html"]);
        assert_eq!(run.code, 0, "{manifest_in_place}: {}", run.stderr);
        stderr_has(
            &run,
            "finished moving the files of an interrupted build into place",
        );
        assert!(!out.join(".responsekit-journal.json").exists());
        assert!(!staging.exists());
        // The staged card is in place, and the manifest in place is the one that goes with it.
        assert_eq!(read(&card), "the staged new version", "{manifest_in_place}");
        let now: serde_json::Value =
            serde_json::from_str(&read(out.join("manifest.json"))).unwrap();
        assert_eq!(now["files"], new_manifest["files"], "{manifest_in_place}");
        assert!(
            !run.stderr.contains("kept:"),
            "{manifest_in_place}: {}",
            run.stderr
        );
    }
}
