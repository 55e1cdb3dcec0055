//! The toolkit website: every link resolves to a file the build wrote, no page asks for
//! anything from elsewhere, and every page has its language and the other language a click away.

use crate::common::read;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub(crate) fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.expect("walk");
        if entry.path().extension().is_some_and(|e| e == "html") {
            out.push(entry.into_path());
        }
    }
    out.sort();
    out
}

/// The page without its HTML doctype, which an XML parser does not read (pages are otherwise
/// well-formed XML).
pub(crate) fn xml(html: &str) -> &str {
    html.strip_prefix("<!doctype html>").unwrap_or(html)
}

fn site() -> &'static Path {
    crate::common::shipped_build()
}

#[test]
fn every_link_of_every_page_resolves() {
    let root = site();
    let pages = html_files(root);
    assert!(pages.len() > 200, "only {} pages", pages.len());
    let mut checked = 0;
    for page in &pages {
        let html = read(page);
        let doc = roxmltree::Document::parse(xml(&html))
            .unwrap_or_else(|e| panic!("{}: not well-formed: {e}", page.display()));
        for node in doc.descendants().filter(|n| n.has_tag_name("a")) {
            let href = node
                .attribute("href")
                .unwrap_or_else(|| panic!("{}: <a> without href", page.display()));
            if href.starts_with("https://")
                || href.starts_with("http://")
                || href.starts_with("mailto:")
                || href.starts_with("tel:")
                || href.starts_with('#')
            {
                continue;
            }
            let target = page
                .parent()
                .expect("in a folder")
                .join(href.split('#').next().unwrap_or(href));
            assert!(
                target.is_file(),
                "{}: link `{href}` points at nothing",
                page.display()
            );
            let target = target.canonicalize().expect("exists");
            assert!(
                target.starts_with(root.canonicalize().expect("exists")),
                "{}: `{href}` leaves the site",
                page.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} links checked");
}

#[test]
fn no_page_loads_anything_from_elsewhere() {
    let root = site();
    let mut scripts = BTreeSet::new();
    for page in html_files(root) {
        let mut html = read(&page);
        // A script is a file of the site, loaded by its relative path, with nothing inline.
        let doc = roxmltree::Document::parse(xml(&html)).expect("well-formed");
        let own: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("script"))
            .map(|n| {
                let src = n.attribute("src").expect("a script is a file");
                assert!(
                    !src.contains(':') && !src.starts_with('/') && n.text().is_none(),
                    "{}: script `{src}`",
                    page.display()
                );
                let file = page.parent().expect("in a folder").join(src);
                assert!(file.is_file(), "{}: no script {src}", page.display());
                scripts.insert(file.canonicalize().expect("exists"));
                format!("<script src=\"{src}\" defer=\"defer\"></script>")
            })
            .collect();
        for tag in own {
            html = html.replace(&tag, "");
        }
        // The one link element is the empty inline icon, which stops the favicon request.
        let html = html.replace("<link rel=\"icon\" href=\"data:,\" />", "");
        for forbidden in [
            "<script", "<link", "<img", "<iframe", " src=", "url(", "@import",
        ] {
            assert!(
                !html.contains(forbidden),
                "{} contains `{forbidden}`",
                page.display()
            );
        }
    }
    // The home pages' search: its script and each language's index, none asking for anything.
    let home_pages = std::fs::read_dir(root)
        .expect("the site")
        .filter(|e| {
            let name = e.as_ref().expect("an entry").file_name();
            let name = name.to_string_lossy();
            name.starts_with("index.") && name.ends_with(".html")
        })
        .count();
    assert!(home_pages >= 7, "{home_pages} home pages");
    assert_eq!(scripts.len(), 1 + home_pages, "{scripts:?}");
    for script in &scripts {
        let text = read(script);
        for forbidden in [
            "http",
            "fetch(",
            "XMLHttpRequest",
            "import",
            "innerHTML",
            "eval(",
        ] {
            assert!(
                !text.contains(forbidden),
                "{} contains `{forbidden}`",
                script.display()
            );
        }
    }
}

#[test]
fn every_page_has_its_language_and_a_way_to_the_other() {
    for page in html_files(site()) {
        let html = read(&page);
        let doc = roxmltree::Document::parse(xml(&html)).expect("well-formed");
        let lang = doc
            .root_element()
            .attribute("lang")
            .expect("lang attribute");
        let other = if lang == "en" { "es" } else { "en" };
        let switch = doc
            .descendants()
            .any(|n| n.has_tag_name("a") && n.attribute("hreflang") == Some(other));
        assert!(
            switch,
            "{} has no link to its {other} version",
            page.display()
        );
        assert_eq!(
            doc.descendants().filter(|n| n.has_tag_name("h1")).count(),
            1,
            "{}",
            page.display()
        );
        assert!(
            doc.descendants().any(|n| n.has_tag_name("main")),
            "{}",
            page.display()
        );
    }
}

#[test]
fn document_pages_offer_downloads() {
    let page = read(site().join("us/ca/alameda/es/letter-detainer.html"));
    for download in [
        "letter-detainer.docx",
        "letter-detainer.md",
        "bundles/us-ca-alameda-es.zip",
    ] {
        assert!(page.contains(download), "no download link to {download}");
    }
}

#[test]
fn bundles_hold_every_format_with_a_readme_and_manifest() {
    let zip_path = site().join("bundles/us-ca-alameda-es.zip");
    let mut zip =
        zip::ZipArchive::new(std::fs::File::open(&zip_path).expect("bundle")).expect("a zip");
    let names: BTreeSet<String> = (0..zip.len())
        .map(|i| zip.by_index(i).expect("entry").name().to_string())
        .collect();
    for expected in [
        "us-ca-alameda-es/README.txt",
        "us-ca-alameda-es/manifest.json",
        "us-ca-alameda-es/letter-detainer.docx",
        "us-ca-alameda-es/letter-detainer.html",
        "us-ca-alameda-es/letter-detainer.md",
        "us-ca-alameda-es/index.html",
    ] {
        assert!(names.contains(expected), "{expected} not in {names:?}");
    }
    let mut readme = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("us-ca-alameda-es/README.txt").expect("readme"),
        &mut readme,
    )
    .expect("text");
    assert!(
        readme.contains("no constituye asesoramiento legal"),
        "{readme}"
    );
}

#[test]
fn bundles_are_byte_identical_across_builds() {
    let other = tempfile::tempdir().expect("temp dir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = crate::common::responsekit(&[
        "build",
        "--jurisdictions",
        root.join("jurisdictions").to_str().expect("utf-8 path"),
        "--out",
        other.path().to_str().expect("utf-8 path"),
        "-j",
        "us/ca/alameda",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["us-ca-alameda-en.zip", "us-ca-alameda-es.zip"] {
        assert_eq!(
            std::fs::read(crate::common::alameda_build().join("bundles").join(name))
                .expect("first"),
            std::fs::read(other.path().join("bundles").join(name)).expect("second"),
            "{name} differs between builds"
        );
    }
}
