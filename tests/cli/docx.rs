//! What Word shows: styles, lists, fill-ins, footer fields, properties and page setup.

use crate::common::*;
use roxmltree::{Document, Node};

const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn paragraphs<'a, 'i>(doc: &'a Document<'i>) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .collect()
}

fn text(p: Node) -> String {
    p.descendants()
        .filter(|n| n.has_tag_name((W, "t")))
        .filter_map(|n| n.text())
        .collect()
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name((W, name)))
}

fn val<'a>(n: Option<Node<'a, '_>>) -> Option<&'a str> {
    n.and_then(|n| n.attribute((W, "val")))
}

fn style<'a>(p: Node<'a, '_>) -> Option<&'a str> {
    val(child(p, "pPr").and_then(|ppr| child(ppr, "pStyle")))
}

fn num_id(p: Node) -> Option<String> {
    let num_pr = child(p, "pPr").and_then(|ppr| child(ppr, "numPr"))?;
    val(child(num_pr, "numId")).map(str::to_string)
}

fn paragraph<'a, 'i>(all: &[Node<'a, 'i>], wanted: &str) -> Node<'a, 'i> {
    *all.iter()
        .find(|p| text(**p) == wanted)
        .unwrap_or_else(|| panic!("no paragraph `{wanted}`"))
}

#[test]
fn docx_has_word_structure() {
    let dir = built("basic");
    let docx = dir.path().join("out/us/xx/alpha/en/notice.docx");
    let xml = docx_part(&docx, "word/document.xml");
    let doc = Document::parse(&xml).unwrap();
    let ps = paragraphs(&doc);

    // The title paragraph comes first, in style Title.
    assert_eq!(text(ps[0]), "Release notice for Alpha County");
    assert_eq!(style(ps[0]), Some("Title"));

    // `## X` headings are Heading1, which styles.xml defines with an outline level.
    for heading in ["Agencies", "Legal help", "Steps"] {
        assert_eq!(
            style(paragraph(&ps, heading)),
            Some("Heading1"),
            "{heading}"
        );
    }
    let styles = docx_part(&docx, "word/styles.xml");
    let styles = Document::parse(&styles).unwrap();
    let heading1 = styles
        .descendants()
        .find(|n| n.has_tag_name((W, "style")) && n.attribute((W, "styleId")) == Some("Heading1"))
        .expect("styles.xml defines Heading1");
    let outline = heading1
        .descendants()
        .find(|n| n.has_tag_name((W, "outlineLvl")))
        .expect("Heading1 has an outline level (it shows in the navigation pane)");
    assert_eq!(outline.attribute((W, "val")), Some("0"));

    // Two numbered lists: numbered paragraphs, and the second list restarts (its own numId).
    let first: Vec<_> = [
        "Tell the person the date of release.",
        "Give the person the rights card.",
    ]
    .iter()
    .map(|t| num_id(paragraph(&ps, t)).expect("numbered paragraph has numPr"))
    .collect();
    let second: Vec<_> = [
        "Release the person at the usual time.",
        "Record the release.",
    ]
    .iter()
    .map(|t| num_id(paragraph(&ps, t)).expect("numbered paragraph has numPr"))
    .collect();
    assert_eq!(first[0], first[1], "one list, one numId");
    assert_eq!(second[0], second[1], "one list, one numId");
    assert_ne!(first[0], second[0], "the second list must restart at 1");
    let numbering = docx_part(&docx, "word/numbering.xml");
    let numbering = Document::parse(&numbering).unwrap();
    for id in [&first[0], &second[0]] {
        let num = numbering
            .descendants()
            .find(|n| n.has_tag_name((W, "num")) && n.attribute((W, "numId")) == Some(id))
            .unwrap_or_else(|| panic!("numbering.xml has no num {id}"));
        let abstract_id = val(child(num, "abstractNumId")).unwrap();
        let abstract_num = numbering
            .descendants()
            .find(|n| {
                n.has_tag_name((W, "abstractNum"))
                    && n.attribute((W, "abstractNumId")) == Some(abstract_id)
            })
            .unwrap();
        let level0 = abstract_num
            .children()
            .find(|n| n.has_tag_name((W, "lvl")) && n.attribute((W, "ilvl")) == Some("0"))
            .unwrap();
        assert_eq!(val(child(level0, "numFmt")), Some("decimal"), "num {id}");
    }

    // A fill-in is a yellow-highlighted run reading `[label]`.
    let fill = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "r")))
        .find(|r| text(*r) == "[Date of release]")
        .expect("a run with the fill-in");
    let highlight = child(fill, "rPr").and_then(|rpr| child(rpr, "highlight"));
    assert_eq!(val(highlight), Some("yellow"));

    // Page: US Letter, one-inch margins, and a footer with page numbers.
    let sect = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "sectPr")))
        .unwrap();
    let size = child(sect, "pgSz").unwrap();
    assert_eq!(size.attribute((W, "w")), Some("12240"));
    assert_eq!(size.attribute((W, "h")), Some("15840"));
    let margins = child(sect, "pgMar").unwrap();
    for side in ["top", "right", "bottom", "left"] {
        assert_eq!(margins.attribute((W, side)), Some("1440"), "{side} margin");
    }
    let footer_id = child(sect, "footerReference")
        .and_then(|f| f.attribute((R, "id")))
        .expect("the section has a footer");
    let rels = docx_part(&docx, "word/_rels/document.xml.rels");
    let rels = Document::parse(&rels).unwrap();
    let target = rels
        .descendants()
        .find(|n| n.attribute("Id") == Some(footer_id))
        .and_then(|n| n.attribute("Target"))
        .expect("the footer relationship exists");
    let footer = docx_part(&docx, &format!("word/{target}"));
    let footer = Document::parse(&footer).unwrap();
    let fields: Vec<String> = footer
        .descendants()
        .filter(|n| n.has_tag_name((W, "instrText")) || n.has_tag_name((W, "fldSimple")))
        .map(|n| {
            n.text()
                .or(n.attribute((W, "instr")))
                .unwrap_or_default()
                .trim()
                .to_string()
        })
        .collect();
    assert!(fields.iter().any(|f| f == "PAGE"), "{fields:?}");
    assert!(fields.iter().any(|f| f == "NUMPAGES"), "{fields:?}");

    // The document's properties carry its title.
    let core = docx_part(&docx, "docProps/core.xml");
    let core = Document::parse(&core).unwrap();
    let title = core
        .descendants()
        .find(|n| n.has_tag_name(("http://purl.org/dc/elements/1.1/", "title")))
        .and_then(|n| n.text());
    assert_eq!(title, Some("Release notice for Alpha County"));
}

#[test]
fn links_word_would_run_are_text_not_hyperlinks() {
    let dir = built("escaping");
    let docx = dir.path().join("out/us/xx/links/en/notice.docx");
    let rels = docx_part(&docx, "word/_rels/document.xml.rels");
    let rels = Document::parse(&rels).unwrap();
    let targets: Vec<&str> = rels
        .descendants()
        .filter(|n| n.attribute("TargetMode") == Some("External"))
        .filter_map(|n| n.attribute("Target"))
        .collect();
    // Only web addresses are hyperlinks: the template's (so the test can see one) and the
    // cited authority's; the other targets are text.
    assert!(targets.contains(&"https://example.org/law"), "{targets:?}");
    assert!(
        targets.iter().all(|t| t.starts_with("https://")),
        "{targets:?}"
    );
    let xml = docx_part(&docx, "word/document.xml");
    let doc = Document::parse(&xml).unwrap();
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name((W, "hyperlink")))
            .count(),
        targets.len()
    );
    let text = docx_text(&xml);
    for shown in [
        "script (javascript:alert(1))",
        "file (file:///etc/passwd)",
        "data (data:text/html,x)",
        "vb (vbscript:msgbox)",
        "word (ms-word:ofe|u|https://example.org/x)",
        "file:///C:/evil.exe",
        "near (notice.html)",
    ] {
        assert!(text.contains(shown), "{shown} not shown in:\n{text}");
    }
}
