//! PDF (the `pdf` feature, on by default): the release-packet handout and the advocates'
//! one-pager fit on one page in both languages for every shipped kit that holds them, hostile names print as text, and Spanish accents
//! survive. Page counts are read from the PDF's page tree; text is read back with poppler's
//! `pdftotext`, which `.ci/run` installs before the tests run (where it is missing, those
//! tests fail and say to install poppler-utils).

use crate::common::{copy_tree, files_under, pdftotext, responsekit, BASE_TEMPLATES, ROOT};
use responsekit::document::{Document, Lang};
use responsekit::export::{self, ExportError, Format};
use responsekit::kit::Project;
use responsekit::render;
use std::path::Path;

fn to_pdf(doc: &Document) -> Result<Vec<u8>, ExportError> {
    export::export(doc, Format::Pdf, &export::Options::default())
}

/// The page count typst writes in the root of the page tree: `/Type/Pages/Count N`.
fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    let at = text.find("/Type/Pages/Count ").expect("a page tree") + "/Type/Pages/Count ".len();
    text[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .expect("a count")
}

fn shipped() -> Project {
    Project::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("jurisdictions"),
        None,
    )
}

/// The page count of `doc` in every shipped kit that holds it, in each of the kit's languages
/// it is written in.
fn page_counts(doc: &str) -> Vec<(String, Lang, usize)> {
    let project = shipped();
    let mut counts = Vec::new();
    for (id, resolved) in &project.resolved {
        let j = resolved.as_ref().expect("the shipped tree resolves");
        if !j.kit.includes(doc) {
            continue;
        }
        for &lang in &j.languages {
            if !project.is_written_in(j, doc, lang) {
                continue;
            }
            let rendered = project
                .render(
                    j,
                    doc,
                    lang,
                    render::kit_request(lang),
                    serde_json::Value::Null,
                )
                .expect("renders");
            let pdf = to_pdf(&rendered).expect("a PDF");
            counts.push((id.clone(), lang, page_count(&pdf)));
        }
    }
    counts
}

/// Every (jurisdiction, language) whose `doc` runs past one page.
fn longer_than_a_page(doc: &str, expected_kits: usize) -> Vec<String> {
    let counts = page_counts(doc);
    let kits: std::collections::BTreeSet<&String> = counts.iter().map(|(id, _, _)| id).collect();
    assert_eq!(kits.len(), expected_kits, "{doc}: kits checked");
    // California's kits in its seven languages, the others in English and Spanish.
    let in_korean = counts.iter().filter(|(_, l, _)| l.code() == "ko").count();
    assert!(in_korean > 50, "{doc}: {in_korean} kits in Korean");
    counts
        .into_iter()
        .filter(|(_, _, pages)| *pages != 1)
        .map(|(id, lang, pages)| format!("{id} ({lang}): {pages} pages"))
        .collect()
}

#[test]
fn the_release_packet_is_one_page_in_every_language_everywhere() {
    // Every county kit and the state prison department's.
    let kits = crate::common::county_kits().len() + 1;
    assert_eq!(
        longer_than_a_page("handout-release-packet", kits),
        Vec::<String>::new()
    );
}

#[test]
fn the_advocates_one_pager_is_one_page_in_every_language_of_every_county_kit() {
    // Every county kit: the state prison department's kit has no one-pager.
    let kits = crate::common::county_kits().len();
    assert_eq!(
        longer_than_a_page("advocates-one-pager", kits),
        Vec::<String>::new()
    );
}

#[test]
fn a_long_document_has_several_pages() {
    // Guards the page counter itself: the adult policy runs to several pages.
    let project = shipped();
    let (_, resolved) = project
        .resolved
        .iter()
        .find(|(id, _)| id == "us/ca/alameda")
        .expect("alameda");
    let j = resolved.as_ref().expect("resolves");
    let doc = project
        .render(
            j,
            "policy-adult",
            Lang::En,
            render::kit_request(Lang::En),
            serde_json::Value::Null,
        )
        .expect("renders");
    assert!(page_count(&to_pdf(&doc).expect("a PDF")) > 2);
}

#[test]
fn hostile_names_print_as_text_in_the_pdf() {
    let dir = crate::common::built("escaping");
    let pdf = std::fs::read(dir.path().join("out/us/xx/evil/en/notice.pdf"))
        .expect("the build writes PDFs");
    let text = pdftotext(&pdf);
    assert!(text.contains("<script>alert(1)</script>"), "{text}");
    assert!(text.contains("#set page(width: 1cm)"), "{text}");
}

#[test]
fn spanish_accents_survive_in_the_pdf() {
    let project = shipped();
    let (_, resolved) = project
        .resolved
        .iter()
        .find(|(id, _)| id == "us/ca/alameda")
        .expect("alameda");
    let j = resolved.as_ref().expect("resolves");
    let doc = project
        .render(
            j,
            "letter-detainer",
            Lang::Es,
            render::kit_request(Lang::Es),
            serde_json::Value::Null,
        )
        .expect("renders");
    let text = pdftotext(&to_pdf(&doc).expect("a PDF"));
    for expected in [
        "Página 1 de",
        "Defensoría Pública",
        "solicitud de detención",
    ] {
        assert!(text.contains(expected), "`{expected}` not in {text}");
    }
}

/// typst waits for its own parallel work by running whatever its rayon pool has queued; on the
/// build's pool that was the next jurisdiction's kit, nested on the same stack, until a tree of
/// a few hundred jurisdictions overflowed it and the build aborted. Now it must simply build.
#[test]
fn a_tree_of_hundreds_of_jurisdictions_builds_as_pdf() {
    const COUNTIES: usize = 300;
    let dir = tempfile::tempdir().expect("temp dir");
    let tree = dir.path().join("jurisdictions");
    copy_tree(
        &Path::new(ROOT).join("tests/fixtures/basic/jurisdictions"),
        &tree,
    );
    let county = std::fs::read_to_string(tree.join("us/xx/alpha/jurisdiction.yaml")).expect("read");
    for i in 0..COUNTIES {
        let folder = tree.join(format!("us/xx/c{i:03}"));
        std::fs::create_dir_all(&folder).expect("mkdir");
        std::fs::write(folder.join("jurisdiction.yaml"), &county).expect("write");
    }
    let out = dir.path().join("out");
    let run = responsekit(&[
        "build",
        "--jurisdictions",
        &tree.display().to_string(),
        "--templates",
        BASE_TEMPLATES,
        "--format",
        "pdf",
        "--lang",
        "en",
        "--out",
        &out.display().to_string(),
        "--quiet",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdfs = files_under(&out)
        .into_iter()
        .filter(|f| f.starts_with("us/xx/c") && f.ends_with(".pdf"))
        .count();
    assert_eq!(pdfs, COUNTIES * 2, "a card and a notice per county");
}
