//! Letters that look sent (issue 13), read from the shipped Alameda County kit as Word, a PDF
//! reader and a browser show it: a letterhead ruled under and no printed title, the closing
//! kept with the signature, a continuation header on later pages only, space before the
//! enclosures and copies, citations that do not break after "§", ragged-right text, and one
//! typeface family in DOCX (Times New Roman) and PDF (Liberation Serif, embedded).

use crate::common::{alameda_build, docx_part, words, W};
use roxmltree::{Document, Node};
use std::path::PathBuf;

const NBSP: char = '\u{A0}';

fn built(lang: &str, file: &str) -> PathBuf {
    alameda_build().join("us/ca/alameda").join(lang).join(file)
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name((W, name)))
}

/// A paragraph's style id and text.
fn style_and_text(p: Node) -> (String, String) {
    let style = child(p, "pPr")
        .and_then(|ppr| child(ppr, "pStyle"))
        .and_then(|s| s.attribute((W, "val")))
        .unwrap_or("Normal")
        .to_owned();
    let text = p
        .descendants()
        .filter(|n| n.has_tag_name((W, "t")))
        .filter_map(|n| n.text())
        .collect();
    (style, text)
}

fn has_property(p: Node, name: &str) -> bool {
    child(p, "pPr").and_then(|ppr| child(ppr, name)).is_some()
}

fn body_paragraphs<'a, 'i>(doc: &'a Document<'i>) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .collect()
}

#[test]
fn docx_letter_opens_with_a_ruled_letterhead_and_prints_no_title() {
    for lang in ["en", "es"] {
        let xml = docx_part(built(lang, "letter-detainer.docx"), "word/document.xml");
        let doc = Document::parse(&xml).expect("well-formed");
        let paragraphs = body_paragraphs(&doc);
        let shown: Vec<(String, String)> = paragraphs.iter().map(|p| style_and_text(*p)).collect();
        assert!(
            shown.iter().all(|(style, _)| style != "Title"),
            "{lang}: a letter prints no title: {shown:?}"
        );
        let agency = if lang == "en" {
            "Alameda County Sheriff's Office"
        } else {
            "Oficina del Sheriff del Condado de Alameda"
        };
        assert_eq!(
            shown[0],
            ("Letterhead".to_owned(), agency.to_owned()),
            "{lang}"
        );
        let letterhead: Vec<&Node> = paragraphs
            .iter()
            .take_while(|p| style_and_text(**p).0 == "Letterhead")
            .collect();
        assert_eq!(letterhead.len(), 3, "{lang}: name, address, phone");
        let ruled: Vec<bool> = letterhead
            .iter()
            .map(|p| has_property(**p, "pBdr"))
            .collect();
        assert_eq!(
            ruled,
            [false, false, true],
            "{lang}: a rule under the last line"
        );
        // The core properties still carry the title.
        let core = docx_part(built(lang, "letter-detainer.docx"), "docProps/core.xml");
        let title = if lang == "en" {
            "Response to Immigration Detainer"
        } else {
            "Respuesta a una solicitud de detención migratoria (detainer)"
        };
        assert!(
            core.contains(&format!("<dc:title>{title}</dc:title>")),
            "{core}"
        );
    }
}

#[test]
fn docx_letter_keeps_its_closing_with_the_signature_and_sets_the_copies_apart() {
    let xml = docx_part(built("en", "letter-detainer.docx"), "word/document.xml");
    let doc = Document::parse(&xml).expect("well-formed");
    let paragraphs = body_paragraphs(&doc);
    let closing = paragraphs
        .iter()
        .position(|p| style_and_text(*p).1 == "Sincerely,")
        .expect("a closing");
    for p in &paragraphs[closing..closing + 3] {
        assert!(has_property(*p, "keepNext"), "{:?}", style_and_text(*p));
        assert!(has_property(*p, "keepLines"), "{:?}", style_and_text(*p));
    }
    for start in ["Enclosures", "cc:"] {
        let p = paragraphs
            .iter()
            .find(|p| style_and_text(**p).1.starts_with(start))
            .unwrap_or_else(|| panic!("no `{start}`"));
        let before = child(*p, "pPr")
            .and_then(|ppr| child(ppr, "spacing"))
            .and_then(|s| s.attribute((W, "before")));
        assert_eq!(before, Some("240"), "{start}");
    }
    // Only a letter: a notice's phone script after its signature keeps the usual spacing.
    let notice = docx_part(
        built("en", "notice-release-contacts.docx"),
        "word/document.xml",
    );
    assert!(notice.contains("Phone script") && !notice.contains(r#"w:before="240""#));
}

#[test]
fn docx_letter_has_a_continuation_header_on_later_pages_only() {
    let docx = built("en", "letter-detainer.docx");
    let xml = docx_part(&docx, "word/document.xml");
    let doc = Document::parse(&xml).expect("well-formed");
    let section = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "sectPr")))
        .expect("a section");
    assert!(
        child(section, "titlePg").is_some(),
        "a different first page"
    );
    let references: Vec<(&str, &str)> = section
        .children()
        .filter(|n| {
            n.has_tag_name((W, "headerReference")) || n.has_tag_name((W, "footerReference"))
        })
        .map(|n| {
            (
                n.tag_name().name(),
                n.attribute((W, "type")).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        references,
        [
            ("headerReference", "default"),
            ("footerReference", "first"),
            ("footerReference", "default")
        ],
        "page 1: no header, the footer; later pages: both"
    );
    let header = docx_part(&docx, "word/header1.xml");
    let header = Document::parse(&header).expect("well-formed");
    let lines: Vec<String> = body_paragraphs(&header)
        .iter()
        .map(|p| style_and_text(*p).1)
        .collect();
    assert_eq!(
        lines,
        [
            "[Name of the requesting officer], U.S. Department of Homeland Security",
            "[Date]",
            "Page 1"
        ]
    );
    assert!(header
        .descendants()
        .any(|n| n.has_tag_name((W, "instrText")) && n.text() == Some(" PAGE ")));
    // A policy has one footer on every page and no header.
    let policy = docx_part(built("en", "policy-adult.docx"), "word/document.xml");
    assert!(!policy.contains("titlePg") && !policy.contains("headerReference"));
}

#[test]
fn citations_do_not_break_after_the_section_sign() {
    let xml = docx_part(built("en", "letter-detainer.docx"), "word/document.xml");
    assert!(
        xml.contains(&format!("8{NBSP}C.F.R.{NBSP}§{NBSP}287.7(a)")),
        "8 C.F.R. § 287.7"
    );
    assert!(xml.contains(&format!("Cal.{NBSP}Gov't{NBSP}Code{NBSP}§{NBSP}7284.6")));
    assert!(!xml.contains("§ "), "a breakable space after §");
    let html = std::fs::read_to_string(built("en", "letter-detainer.html")).unwrap();
    assert!(html.contains(&format!("8{NBSP}C.F.R.{NBSP}§{NBSP}287.7(a)")));
}

#[test]
fn docx_text_is_ragged_right_in_times_new_roman() {
    let styles = docx_part(built("en", "letter-detainer.docx"), "word/styles.xml");
    let styles = Document::parse(&styles).expect("well-formed");
    // Every paragraph style is based on Normal, which takes the document defaults.
    let defaults = styles
        .descendants()
        .find(|n| n.has_tag_name((W, "pPrDefault")))
        .expect("default paragraph properties");
    let jc = defaults
        .descendants()
        .find(|n| n.has_tag_name((W, "jc")))
        .and_then(|n| n.attribute((W, "val")));
    assert_eq!(jc, Some("left"));
    let fonts: Vec<&str> = styles
        .descendants()
        .filter(|n| n.has_tag_name((W, "rFonts")))
        .filter_map(|n| n.attribute((W, "ascii")))
        .collect();
    assert!(
        !fonts.is_empty() && fonts.iter().all(|f| *f == "Times New Roman"),
        "{fonts:?}"
    );
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_letter_is_set_in_embedded_liberation_serif_with_a_continuation_header() {
    let pdf = built("en", "letter-detainer.pdf");
    let fonts = std::process::Command::new("pdffonts")
        .arg(&pdf)
        .output()
        .expect("pdffonts (poppler-utils) runs");
    let fonts = String::from_utf8_lossy(&fonts.stdout).into_owned();
    let names: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .map(|n| n.split_once('+').map_or(n, |(_, name)| name))
        .collect();
    assert!(names.contains(&"LiberationSerif"), "{fonts}");
    assert!(names.contains(&"LiberationSerif-Bold"), "{fonts}");
    assert!(
        names.iter().all(|n| n.starts_with("LiberationSerif")),
        "{fonts}"
    );
    let page = |n: &str| {
        let out = std::process::Command::new("pdftotext")
            .args(["-f", n, "-l", n])
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext runs");
        words(&String::from_utf8_lossy(&out.stdout))
    };
    let first = page("1");
    assert!(
        first
            .trim_start()
            .starts_with("Alameda County Sheriff's Office"),
        "{first}"
    );
    assert!(
        !first.contains("Response to Immigration Detainer"),
        "{first}"
    );
    assert!(
        !first.contains("U.S. Department of Homeland Security\n[Date]"),
        "{first}"
    );
    let second = page("2");
    assert!(
        second.trim_start().starts_with(
            "[Name of the requesting officer], U.S. Department of Homeland Security\n[Date]\nPage 2"
        ),
        "{second}"
    );
}

#[test]
fn html_letter_shows_the_letterhead_and_no_continuation_header() {
    let html = std::fs::read_to_string(built("en", "letter-detainer.html")).unwrap();
    assert!(
        html.contains(
            "<div class=\"letterhead\">\n<p><strong>Alameda County Sheriff's Office</strong><br />"
        ),
        "{html}"
    );
    assert!(!html.contains("[Name of the requesting officer]</mark>, U.S. Department"));
}

#[test]
fn case_names_are_in_italics_in_the_text_the_authorities_list_and_the_proof_table() {
    let case = "Miranda-Olivares v. Clackamas Cnty.";
    let xml = docx_part(built("en", "letter-detainer.docx"), "word/document.xml");
    let doc = Document::parse(&xml).expect("well-formed");
    let italic_runs: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "r")))
        .filter(|r| child(*r, "rPr").and_then(|p| child(p, "i")).is_some())
        .map(|r| {
            r.descendants()
                .filter_map(|t| t.has_tag_name((W, "t")).then(|| t.text()).flatten())
                .collect()
        })
        .collect();
    // In the letter's text and in its list of authorities.
    assert_eq!(
        italic_runs.iter().filter(|t| *t == case).count(),
        2,
        "{italic_runs:?}"
    );
    // Only the name: the docket number and court stay upright.
    assert!(
        !italic_runs.iter().any(|t| t.contains("No. 3:12")),
        "{italic_runs:?}"
    );
    let html = std::fs::read_to_string(built("en", "letter-detainer.html")).unwrap();
    assert!(
        html.contains(&format!("(<em>{case}</em>, No. 3:12-cv-02317-ST")),
        "{html}"
    );
    let memo = std::fs::read_to_string(built("en", "memo-counsel.html")).unwrap();
    assert!(
        memo.contains(&format!("<strong><em>{case}</em>, No. 3:12-cv-02317-ST")),
        "the proof table"
    );
    let es = std::fs::read_to_string(built("es", "letter-detainer.html")).unwrap();
    assert!(es.contains(&format!("<em>{case}</em>")));
}
