//! `build` writes `<out>/<id>/<lang>/<doc>.{docx,html,md}` and a manifest that matches the disk.

use crate::common::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn every_jurisdiction_language_document_and_format_is_written_with_a_manifest() {
    let dir = built("basic");
    let out = dir.path().join("out");

    // The country layer (`us`) has no kit; the state and both counties do: each document in
    // each format, a page listing them, and a zip per language; the site has a home page and a
    // search index per language, and the search script; the state, its directory and coverage
    // pages in each language.
    let mut expected: BTreeSet<String> = [
        "index.html",
        "index.es.html",
        "search-index.en.js",
        "search-index.es.js",
        "search.js",
        "us/xx/en/directory.html",
        "us/xx/en/coverage.html",
        "us/xx/es/directory.html",
        "us/xx/es/coverage.html",
    ]
    .map(String::from)
    .into();
    for id in ["us/xx", "us/xx/alpha", "us/xx/beta"] {
        for lang in ["en", "es"] {
            expected.insert(format!("{id}/{lang}/index.html"));
            expected.insert(format!("bundles/{}-{lang}.zip", id.replace('/', "-")));
            for doc in ["card", "notice"] {
                let extensions: &[&str] = if cfg!(feature = "pdf") {
                    &["docx", "html", "md", "pdf"]
                } else {
                    &["docx", "html", "md"]
                };
                for ext in extensions {
                    expected.insert(format!("{id}/{lang}/{doc}.{ext}"));
                }
            }
        }
    }
    let mut on_disk = files_under(&out);
    assert!(on_disk.remove("manifest.json"), "no manifest.json");
    assert_eq!(on_disk, expected);

    let manifest: serde_json::Value =
        serde_json::from_str(&read(out.join("manifest.json"))).unwrap();
    let entries = manifest["files"].as_array().expect("manifest has `files`");
    let paths: Vec<&str> = entries
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "manifest entries are sorted by path");
    assert_eq!(
        paths
            .iter()
            .map(std::string::ToString::to_string)
            .collect::<BTreeSet<_>>(),
        expected,
        "the manifest lists exactly the files written"
    );
    for entry in entries {
        let path = entry["path"].as_str().unwrap();
        let bytes = std::fs::read(out.join(path)).unwrap();
        assert_eq!(entry["size"].as_u64(), Some(bytes.len() as u64), "{path}");
        assert_eq!(
            entry["sha256"].as_str(),
            Some(sha256_hex(&bytes).as_str()),
            "{path}"
        );
    }
}

#[test]
fn lang_and_format_filters_write_only_what_was_asked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = build(
        "basic",
        &out,
        &["-j", "us/xx/beta", "--lang", "es", "--format", "md"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected: BTreeSet<String> = [
        "manifest.json",
        "us/xx/beta/es/card.md",
        "us/xx/beta/es/notice.md",
    ]
    .map(String::from)
    .into();
    assert_eq!(files_under(&out), expected);
}

/// `-v` lists every file a build writes, in order, and nothing when nothing changed; without
/// it, no file is listed.
#[test]
fn verbose_lists_each_file_written() {
    let ws = Workspace::new();
    let quiet = ws.build(&["--format", "md", "-j", "us/xx/alpha"]);
    assert!(!quiet.stderr.contains("wrote "), "{}", quiet.stderr);
    std::fs::remove_dir_all(ws.path("out")).unwrap();
    let verbose = ws.build(&["--format", "md", "-j", "us/xx/alpha", "-v"]);
    let out = ws.path("out");
    let listed: Vec<String> = verbose
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix("wrote "))
        .map(String::from)
        .collect();
    let expected: Vec<String> = ["en/card.md", "en/notice.md", "es/card.md", "es/notice.md"]
        .iter()
        .map(|f| out.join("us/xx/alpha").join(f).display().to_string())
        .collect();
    assert_eq!(listed, expected, "{}", verbose.stderr);
    let again = ws.build(&["--format", "md", "-j", "us/xx/alpha", "-v"]);
    assert!(!again.stderr.contains("wrote "), "{}", again.stderr);
}
