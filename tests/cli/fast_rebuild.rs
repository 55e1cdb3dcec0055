//! The fast rebuild: after a change whose reach is known, a rebuild loads and renders only the
//! jurisdictions it reaches and carries the other kits over. Whichever way a rebuild goes, its
//! output must be, byte for byte, what a fresh build of the same inputs writes.

use crate::common::{copy_tree, files_under, read, Run, Workspace};
use std::path::Path;

/// Formats without HTML: the home pages list every kit, so a build with them takes the full
/// path; these are what the fast rebuild serves.
const FORMATS: &[&str] = &["--format", "docx,md,zip"];

/// Alpha's own override of the card, so that a template in the tree can change.
fn with_override(ws: &Workspace) {
    let card = ws.path("jurisdictions/us/xx/alpha/templates/card");
    std::fs::create_dir_all(&card).unwrap();
    std::fs::copy(ws.path("templates/card/en.md.hbs"), card.join("en.md.hbs")).unwrap();
    std::fs::copy(ws.path("templates/card/es.md.hbs"), card.join("es.md.hbs")).unwrap();
}

fn replace(ws: &Workspace, rel: &str, from: &str, to: &str) {
    let path = ws.path(rel);
    let text = read(&path);
    assert!(text.contains(from), "{rel} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The change most tests make: Alpha's own config, nothing above or beside it.
fn rename_alpha(ws: &Workspace) {
    replace(
        ws,
        "jurisdictions/us/xx/alpha/jurisdiction.yaml",
        "Alpha County",
        "Alpha Parish",
    );
}

/// The manifest without its record of the input files (their times and inodes differ between
/// two builds of the same bytes).
fn manifest(out: &Path) -> serde_json::Value {
    let mut manifest: serde_json::Value =
        serde_json::from_str(&read(out.join("manifest.json"))).unwrap();
    if let Some(last) = manifest["last_build"].as_object_mut() {
        assert!(
            last.remove("sources").is_some(),
            "the manifest records no inputs"
        );
    }
    manifest
}

/// Asserts that `out` holds exactly what a fresh build of the workspace's inputs writes.
fn assert_fresh(ws: &Workspace, out: &Path, rebuild: &Run) {
    let fresh = ws.path("fresh");
    copy_tree(out, &ws.path("rebuilt")); // the output as the rebuild left it, for messages
    std::fs::rename(out, ws.path("rebuilt-out")).unwrap();
    let run = ws.run(FORMATS);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::rename(out, &fresh).unwrap();
    std::fs::rename(ws.path("rebuilt-out"), out).unwrap();
    assert_eq!(files_under(out), files_under(&fresh), "{}", rebuild.stderr);
    for file in files_under(&fresh) {
        if file != "manifest.json" {
            assert!(
                std::fs::read(out.join(&file)).unwrap()
                    == std::fs::read(fresh.join(&file)).unwrap(),
                "{file} differs from a fresh build's\n{}",
                rebuild.stderr
            );
        }
    }
    assert_eq!(manifest(out), manifest(&fresh), "{}", rebuild.stderr);
}

/// Each change, then a rebuild, then a fresh build of the same inputs into another folder: the
/// two are the same, file for file and byte for byte.
#[test]
fn a_rebuild_after_a_change_writes_what_a_fresh_build_writes() {
    type Change = fn(&Workspace);
    let changes: [(&str, Change); 7] = [
        ("a county's config", |ws| {
            rename_alpha(ws);
        }),
        ("a state's config", |ws| {
            replace(
                ws,
                "jurisdictions/us/xx/jurisdiction.yaml",
                "Examplia",
                "Exemplia",
            );
        }),
        ("a template override in the tree", |ws| {
            replace(
                ws,
                "jurisdictions/us/xx/alpha/templates/card/en.md.hbs",
                "remain silent",
                "stay silent",
            );
        }),
        ("a registry file", |ws| {
            replace(
                ws,
                "jurisdictions/us/propositions.yaml",
                "text:",
                "# reviewed\n  text:",
            );
        }),
        ("a deleted county", |ws| {
            std::fs::remove_dir_all(ws.path("jurisdictions/us/xx/beta")).unwrap();
        }),
        ("a new county", |ws| {
            copy_tree(
                &ws.path("jurisdictions/us/xx/beta"),
                &ws.path("jurisdictions/us/xx/gamma"),
            );
            replace(
                ws,
                "jurisdictions/us/xx/gamma/jurisdiction.yaml",
                "Beta",
                "Gamma",
            );
        }),
        ("a county's config broken", |ws| {
            replace(
                ws,
                "jurisdictions/us/xx/alpha/jurisdiction.yaml",
                "kind: county",
                "kind: [county",
            );
        }),
    ];
    for (what, change) in changes {
        let ws = Workspace::new();
        with_override(&ws);
        ws.build(FORMATS);
        change(&ws);
        let rebuild = ws.run(FORMATS);
        let broken = what.ends_with("broken");
        assert_eq!(
            rebuild.code,
            i32::from(broken),
            "{what}: {}",
            rebuild.stderr
        );
        if broken {
            // The error is the one a full build reports, and the other kits stay.
            let full = ws.run(&[FORMATS, &["--force"]].concat());
            assert_eq!(rebuild.errors(), full.errors(), "{what}");
            continue;
        }
        assert_fresh(&ws, &ws.path("out"), &rebuild);
    }
}

/// An output someone edited is kept by a fast rebuild as by a full one, and its kit's other
/// files are rebuilt.
#[test]
fn a_fast_rebuild_keeps_an_edited_output() {
    let ws = Workspace::new();
    ws.build(FORMATS);
    let edited = ws.path("out/us/xx/alpha/en/card.md");
    std::fs::write(&edited, "my own words\n").unwrap();
    rename_alpha(&ws);
    let run = ws.build(FORMATS);
    assert_eq!(read(&edited), "my own words\n");
    assert!(
        run.notes()
            .iter()
            .any(|n| n.contains("kept: this file was edited after it was built")),
        "{}",
        run.stderr
    );
    // Alpha's other 9 files (2 documents × 2 formats × 2 languages, 2 bundles) are rewritten;
    // the state's and Beta's 20 are carried over (the edited one is neither).
    assert!(
        run.summary().contains(": 9 written, 20 unchanged"),
        "{}",
        run.stderr
    );
}

/// An output of a kit the change does not reach, deleted since the last build, is built again:
/// the rebuild does not carry a kit whose files are not all there.
#[test]
fn a_fast_rebuild_restores_a_deleted_output_of_another_kit() {
    let ws = Workspace::new();
    ws.build(FORMATS);
    let deleted = ws.path("out/us/xx/beta/es/notice.md");
    let built = read(&deleted);
    std::fs::remove_file(&deleted).unwrap();
    rename_alpha(&ws);
    let run = ws.build(FORMATS);
    assert_eq!(read(&deleted), built, "{}", run.stderr);
}
