//! Incremental builds: a rebuild writes only what its inputs changed (the config chain, the
//! templates, the tool, the selection), `--force` writes everything, and a file someone edited
//! in the output folder is never lost.

use crate::common::{binary, copy_tree, read, responsekit, Run, Workspace, ROOT};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// "N files in DIR: W written, U unchanged, …" → (W, U).
fn counts(run: &Run) -> (usize, usize) {
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains(" written, "))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    let number = |word: &str| -> usize {
        let before = &line[..line.find(word).expect("word")];
        before
            .rsplit(|c: char| !c.is_ascii_digit())
            .find(|s| !s.is_empty())
            .expect("number")
            .parse()
            .expect("number")
    };
    (number(" written"), number(" unchanged"))
}

/// The kit files (not the shared home pages) that differ between two manifests.
fn changed_owners(
    before: &BTreeMap<String, String>,
    after: &BTreeMap<String, String>,
) -> Vec<String> {
    let mut owners: Vec<String> = after
        .iter()
        .filter(|(path, sha)| before.get(*path) != Some(sha))
        .filter_map(|(path, _)| path.rsplitn(3, '/').nth(2).map(str::to_string))
        .collect();
    owners.sort();
    owners.dedup();
    owners
}

/// Every written file's modification time, to prove untouched files were not rewritten.
fn mtimes(dir: &Path) -> BTreeMap<PathBuf, std::time::SystemTime> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != "manifest.json")
        .map(|e| {
            (
                e.path().to_path_buf(),
                e.metadata().expect("meta").modified().expect("mtime"),
            )
        })
        .collect()
}

#[test]
fn a_rebuild_with_nothing_changed_writes_nothing() {
    let ws = Workspace::new();
    let first = ws.build(&[]);
    let (written, unchanged) = counts(&first);
    assert!(written > 0 && unchanged == 0, "{}", first.stderr);
    let before = mtimes(&ws.path("out"));
    let again = ws.build(&[]);
    assert_eq!(counts(&again), (0, written), "{}", again.stderr);
    assert_eq!(
        mtimes(&ws.path("out")),
        before,
        "a no-op rebuild touched files"
    );
}

/// A rebuild with nothing changed stops before loading the tree; these are the changes that
/// must still send it the long way.
#[test]
fn a_deleted_output_a_new_county_or_another_selection_is_not_a_no_op() {
    let ws = Workspace::new();
    let (written, _) = counts(&ws.build(&[]));

    std::fs::remove_file(ws.path("out/us/xx/alpha/en/card.docx")).expect("delete");
    let run = ws.build(&[]);
    assert_eq!(counts(&run).1, written - counts(&run).0, "{}", run.stderr);
    assert!(
        ws.path("out/us/xx/alpha/en/card.docx").is_file(),
        "{}",
        run.stderr
    );

    copy_tree(
        &ws.path("jurisdictions/us/xx/alpha"),
        &ws.path("jurisdictions/us/xx/gamma"),
    );
    let run = ws.build(&[]);
    assert!(counts(&run).0 > 0, "{}", run.stderr);
    assert!(
        ws.path("out/us/xx/gamma/es/card.html").is_file(),
        "{}",
        run.stderr
    );

    // Four kits (the state, alpha, beta, gamma), two documents each, one language, one format.
    let en_only = ws.build(&["--lang", "en", "--format", "md"]);
    let (written, unchanged) = counts(&en_only);
    assert_eq!(written + unchanged, 8, "{}", en_only.stderr);
    ws.build(&[]);
    assert_eq!(
        counts(&ws.build(&[])).0,
        0,
        "back to the full selection, then a no-op"
    );
}

#[test]
fn changing_a_county_rewrites_only_that_county() {
    let ws = Workspace::new();
    ws.build(&[]);
    let before = ws.hashes();
    let times = mtimes(&ws.path("out"));
    ws.append(
        "jurisdictions/us/xx/alpha/jurisdiction.yaml",
        "# a comment changes the inputs\n",
    );
    let run = ws.build(&[]);
    let (written, _) = counts(&run);
    // Every file of alpha's kit is rewritten (same bytes here: only a comment changed), and
    // nothing of the state's or beta's.
    let alpha_files = before
        .keys()
        .filter(|p| p.starts_with("us/xx/alpha/") || p.contains("us-xx-alpha-"))
        .count();
    assert_eq!(written, alpha_files, "{}", run.stderr);
    for (path, time) in mtimes(&ws.path("out")) {
        let rel = path
            .strip_prefix(ws.path("out"))
            .expect("inside")
            .to_string_lossy()
            .to_string();
        if !(rel.starts_with("us/xx/alpha/") || rel.contains("us-xx-alpha-")) {
            assert_eq!(Some(&time), times.get(&path), "{rel} was rewritten");
        }
    }
}

#[test]
fn changing_a_state_rewrites_the_state_and_its_counties() {
    let ws = Workspace::new();
    ws.build(&[]);
    let before = ws.hashes();
    ws.append("jurisdictions/us/xx/jurisdiction.yaml", "# changed\n");
    let run = ws.build(&[]);
    let (written, unchanged) = counts(&run);
    // The home pages, their search indexes and the search script, and the state's directory and
    // coverage pages (a comment changes no fact).
    assert_eq!(
        unchanged, 9,
        "only the site's shared files stay: {}",
        run.stderr
    );
    assert_eq!(written + unchanged, before.len(), "{}", run.stderr);
}

#[test]
fn changing_a_template_rewrites_what_uses_it() {
    let ws = Workspace::new();
    ws.build(&[]);
    let before = ws.hashes();
    // An override in one county's folder: only that county uses it.
    let local = ws.path("jurisdictions/us/xx/beta/templates/card");
    std::fs::create_dir_all(&local).expect("mkdir");
    for lang in ["en", "es"] {
        std::fs::copy(
            ws.path(&format!("templates/card/{lang}.md.hbs")),
            local.join(format!("{lang}.md.hbs")),
        )
        .expect("copy");
    }
    ws.append(
        "jurisdictions/us/xx/beta/templates/card/en.md.hbs",
        "\nBeta's own line.\n",
    );
    ws.build(&[]);
    let after = ws.hashes();
    assert_eq!(changed_owners(&before, &after), vec!["us/xx/beta"]);
    // The shared template: every jurisdiction.
    ws.append("templates/notice/en.md.hbs", "\nA new closing line.\n");
    ws.build(&[]);
    assert_eq!(
        changed_owners(&after, &ws.hashes()),
        vec!["us/xx", "us/xx/alpha", "us/xx/beta"]
    );
}

#[test]
fn force_rebuilds_everything() {
    let ws = Workspace::new();
    let (written, _) = counts(&ws.build(&[]));
    let run = ws.build(&["--force"]);
    // The site's shared files (home pages, search indexes and script, the state's directory
    // and coverage pages) are compared by content even with --force; every kit file is written.
    assert_eq!(counts(&run), (written - 9, 9), "{}", run.stderr);
}

#[test]
fn an_edited_docx_survives_a_rebuild_and_force_moves_it_aside() {
    let ws = Workspace::new();
    ws.build(&[]);
    let docx = ws.path("out/us/xx/alpha/en/notice.docx");
    std::fs::write(&docx, b"counsel's edited version").expect("edit");
    ws.append("jurisdictions/us/xx/alpha/jurisdiction.yaml", "# changed\n");
    let run = ws.build(&[]);
    assert!(
        run.stderr
            .contains("notice.docx: kept: this file was edited after it was built"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(&docx).expect("still there"),
        b"counsel's edited version"
    );
    // Not overwritten by a later build either.
    ws.build(&[]);
    assert_eq!(
        std::fs::read(&docx).expect("still there"),
        b"counsel's edited version"
    );

    let run = ws.build(&["--force"]);
    assert!(
        run.stderr.contains("your copy was moved to"),
        "{}",
        run.stderr
    );
    let aside: Vec<PathBuf> = std::fs::read_dir(ws.path("out/us/xx/alpha/en"))
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("notice.edited-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert!(aside[0].to_string_lossy().ends_with(".docx"));
    assert_eq!(
        std::fs::read(&aside[0]).expect("moved"),
        b"counsel's edited version"
    );
    assert!(
        std::fs::read(&docx).expect("rebuilt").starts_with(b"PK"),
        "the new DOCX was not written"
    );
}

/// A build killed at any moment leaves the previous manifest valid and every file it lists
/// matching its hash; the next build finishes the job.
#[test]
fn a_killed_build_leaves_the_previous_output_intact() {
    use sha2::{Digest, Sha256};
    let out = tempfile::tempdir().expect("temp dir");
    let tree = Path::new(ROOT).join("jurisdictions");
    let args = |extra: &[&str]| -> Vec<String> {
        let mut a = vec![
            "build".to_string(),
            "--jurisdictions".into(),
            tree.display().to_string(),
            "--format".into(),
            "docx,md,zip".into(),
            "--out".into(),
        ];
        a.push(out.path().display().to_string());
        a.extend(extra.iter().map(std::string::ToString::to_string));
        a
    };
    assert_eq!(responsekit(&args(&[])).code, 0);
    let verify = || {
        let manifest: serde_json::Value =
            serde_json::from_str(&read(out.path().join("manifest.json")))
                .expect("the manifest is valid JSON");
        let files = manifest["files"].as_array().expect("files");
        assert!(files.len() > 100);
        for e in files {
            let path = out.path().join(e["path"].as_str().expect("path"));
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|_| panic!("{} is listed but missing", path.display()));
            let sha: String = Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(
                e["sha256"].as_str(),
                Some(sha.as_str()),
                "{} does not match the manifest",
                path.display()
            );
        }
    };
    let mut killed = 0;
    for delay_ms in [300, 800, 1500, 2500] {
        let mut child = binary()
            .args(args(&["--force", "-q"]))
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        if child.try_wait().expect("wait").is_none() {
            child.kill().expect("kill -9");
            killed += 1;
        }
        let _ = child.wait();
        verify();
    }
    assert!(killed > 0, "every build finished before it could be killed");
    // The next build finishes cleanly and leaves nothing of the interrupted ones behind.
    assert_eq!(responsekit(&args(&[])).code, 0);
    verify();
    assert!(!out.path().join(".responsekit-staging").exists());
}

/// Two builds into one folder at the same time do not interleave: the second waits for the
/// first, and both end with a consistent output.
#[test]
fn concurrent_builds_are_serialized() {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.path("out")).expect("mkdir");
    let lock = std::fs::File::open(ws.path("out")).expect("the output folder");
    lock.lock().expect("take the lock as another build would");
    let mut args = vec![
        "build".to_string(),
        "--jurisdictions".into(),
        ws.path("jurisdictions").display().to_string(),
        "--templates".into(),
        ws.path("templates").display().to_string(),
        "--out".into(),
        ws.path("out").display().to_string(),
    ];
    args.push("-q".into());
    let child = binary()
        .args(&args)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(
        !ws.path("out/manifest.json").exists(),
        "the second build wrote while the first held the lock"
    );
    lock.unlock().expect("release");
    let output = child.wait_with_output().expect("finishes");
    assert!(output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("waiting for another responsekit build")
    );
    assert!(ws.path("out/manifest.json").is_file());
}
