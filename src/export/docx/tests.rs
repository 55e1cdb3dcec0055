//! Checks what a user opening the file would see, by reading the produced package's XML.

use std::io::Read;

use super::*;
use crate::document::test_docs::{doc, handout, para, text, titled, HANDOUT_NOTICE, NOTICE, TITLE};
use crate::document::{Block, Inline, Lang, List};
use crate::i18n::{t, Text};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn ordered(start: u64, items: Vec<Vec<Block>>) -> Block {
    Block::List(List {
        start: Some(start),
        items,
    })
}

/// A document exercising every block and inline kind.
fn sample() -> Document {
    doc(
        Lang::En,
        vec![
            Block::Title(vec![text("Model Policy")]),
            Block::Heading {
                level: 1,
                content: vec![text("Purpose")],
            },
            Block::Paragraph(vec![
                text("See "),
                Inline::Link {
                    url: "https://example.org/a?x=1&y=2".to_owned(),
                    content: vec![text("the statute")],
                },
                text(" and "),
                Inline::Strong(vec![Inline::Link {
                    url: "https://example.org/b".to_owned(),
                    content: vec![Inline::Emphasis(vec![text("the rule")])],
                }]),
                Inline::LineBreak,
                Inline::FillIn("agency name".to_owned()),
            ]),
            ordered(
                1,
                vec![
                    vec![
                        para("first"),
                        para("more of first"),
                        Block::List(List {
                            start: None,
                            items: vec![vec![para("nested bullet")]],
                        }),
                    ],
                    vec![para("second")],
                ],
            ),
            Block::Quote(vec![para("quoted")]),
            Block::PageBreak,
            Block::Signature(vec![vec![text("Jane Doe")], vec![text("Sheriff")]]),
        ],
    )
}

fn export(doc: &Document) -> Vec<u8> {
    to_docx(doc).expect("export succeeds")
}

/// The text of part `name` of the package `docx`.
fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip archive");
    let mut entry = archive.by_name(name).expect("part exists");
    let mut xml = String::new();
    entry.read_to_string(&mut xml).expect("UTF-8 part");
    xml
}

fn parse(xml: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(xml).expect("well-formed XML")
}

fn elements<'a, 'i>(
    xml: &'a roxmltree::Document<'i>,
    name: &'a str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> + 'a {
    xml.descendants()
        .filter(move |n| n.tag_name().namespace() == Some(W) && n.tag_name().name() == name)
}

/// The `w:val` of the `name` child of `node`, if any.
fn child_val<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.descendants()
        .find(|n| n.tag_name().name() == name)
        .and_then(|n| n.attribute((W, "val")))
}

/// Each body paragraph as (style, text).
fn paragraphs(docx: &[u8]) -> Vec<(Option<String>, String)> {
    let xml = part(docx, "word/document.xml");
    let xml = parse(&xml);
    elements(&xml, "p")
        .map(|p| {
            let text = elements_text(p);
            (child_val(p, "pStyle").map(str::to_owned), text)
        })
        .collect()
}

fn elements_text(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.tag_name().namespace() == Some(W) && n.tag_name().name() == "t")
        .filter_map(|n| n.text())
        .collect()
}

fn paragraph_with<'a, 'i>(xml: &'a roxmltree::Document<'i>, text: &str) -> roxmltree::Node<'a, 'i> {
    elements(xml, "p")
        .find(|p| elements_text(*p) == text)
        .unwrap_or_else(|| panic!("a paragraph reading {text:?}"))
}

#[test]
fn title_and_headings_use_word_styles_with_outline_levels() {
    let docx = export(&sample());
    let paragraphs = paragraphs(&docx);
    assert!(paragraphs.contains(&(Some("Title".into()), "Model Policy".into())));
    assert!(paragraphs.contains(&(Some("Heading1".into()), "Purpose".into())));

    let styles = part(&docx, "word/styles.xml");
    let styles = parse(&styles);
    let style = |id: &str| {
        elements(&styles, "style")
            .find(|s| s.attribute((W, "styleId")) == Some(id))
            .unwrap_or_else(|| panic!("style {id} defined"))
    };
    for (level, id) in ["Heading1", "Heading2", "Heading3"].iter().enumerate() {
        let heading = style(id);
        assert_eq!(
            child_val(heading, "name"),
            Some(&*format!("heading {}", level + 1))
        );
        assert_eq!(child_val(heading, "outlineLvl"), Some(&*level.to_string()));
    }
    for (id, name) in [
        ("Title", "Title"),
        ("ListNumber", "List Number"),
        ("ListBullet", "List Bullet"),
        ("Quote", "Quote"),
        ("Signature", "Signature"),
        ("Notice", "Notice"),
    ] {
        assert_eq!(child_val(style(id), "name"), Some(name));
    }
    let mut ids: Vec<_> = elements(&styles, "style")
        .filter_map(|s| s.attribute((W, "styleId")))
        .collect();
    let defined = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), defined, "no style is defined twice");
}

#[test]
fn every_font_slot_and_the_default_language_are_set() {
    let docx = export(&doc(Lang::Es, vec![para("Señoría, él")]));
    let (fonts, _, lang) = run_defaults(&docx);
    assert_eq!(fonts, ["Times New Roman"; 4]);
    assert_eq!(lang.as_deref(), Some("es-US"));
}

/// The document's default run: its font in each slot (ascii, hAnsi, eastAsia, cs), its size
/// in half-points and its language.
fn run_defaults(docx: &[u8]) -> ([String; 4], Option<String>, Option<String>) {
    let styles = part(docx, "word/styles.xml");
    let styles = parse(&styles);
    let defaults = elements(&styles, "rPrDefault")
        .next()
        .expect("run defaults");
    let fonts = defaults
        .descendants()
        .find(|n| n.tag_name().name() == "rFonts")
        .expect("default fonts");
    let slots = ["ascii", "hAnsi", "eastAsia", "cs"]
        .map(|slot| fonts.attribute((W, slot)).unwrap_or_default().to_owned());
    let val = |name| child_val(defaults, name).map(str::to_owned);
    (slots, val("sz"), val("lang"))
}

#[test]
fn page_is_us_letter_with_one_inch_margins() {
    let docx = export(&sample());
    let xml = part(&docx, "word/document.xml");
    let xml = parse(&xml);
    let size = elements(&xml, "pgSz").next().expect("page size");
    assert_eq!(size.attribute((W, "w")), Some("12240"));
    assert_eq!(size.attribute((W, "h")), Some("15840"));
    let margins = elements(&xml, "pgMar").next().expect("margins");
    for side in ["top", "right", "bottom", "left"] {
        assert_eq!(margins.attribute((W, side)), Some("1440"), "{side}");
    }
}

#[test]
fn lists_are_numbered_and_each_ordered_list_restarts() {
    let docx = export(&doc(
        Lang::En,
        vec![
            ordered(1, vec![vec![para("a1")], vec![para("a2")]]),
            para("between"),
            ordered(1, vec![vec![para("b1")]]),
            ordered(4, vec![vec![para("c4")]]),
        ],
    ));
    let xml = part(&docx, "word/document.xml");
    let xml = parse(&xml);
    let num_id = |text: &str| {
        let p = paragraph_with(&xml, text);
        assert_eq!(child_val(p, "pStyle"), Some("ListNumber"), "{text}");
        assert_eq!(child_val(p, "ilvl"), Some("0"), "{text}");
        child_val(p, "numId").expect("numbered").to_owned()
    };
    let (a1, a2, b1, c4) = (num_id("a1"), num_id("a2"), num_id("b1"), num_id("c4"));
    assert_eq!(a1, a2, "items of one list share its numbering");
    assert_ne!(a1, b1, "a second list gets its own numbering");
    assert_ne!(b1, c4);
    assert_eq!(child_val(paragraph_with(&xml, "between"), "numId"), None);

    let numbering = part(&docx, "word/numbering.xml");
    let numbering = parse(&numbering);
    let start_of = |id: &str| {
        let num = elements(&numbering, "num")
            .find(|n| n.attribute((W, "numId")) == Some(id))
            .expect("numbering instance");
        child_val(num, "startOverride").map(str::to_owned)
    };
    assert_eq!(
        start_of(&b1).as_deref(),
        Some("1"),
        "second list restarts at 1"
    );
    assert_eq!(start_of(&c4).as_deref(), Some("4"));
    let decimal = elements(&numbering, "lvl").any(|l| {
        child_val(l, "numFmt") == Some("decimal") && child_val(l, "lvlText") == Some("%1.")
    });
    assert!(decimal, "a decimal \"%1.\" level exists");
}

#[test]
fn nested_lists_indent_and_later_item_paragraphs_are_unnumbered() {
    let docx = export(&sample());
    let xml = part(&docx, "word/document.xml");
    let xml = parse(&xml);
    let first = paragraph_with(&xml, "first");
    let more = paragraph_with(&xml, "more of first");
    let nested = paragraph_with(&xml, "nested bullet");
    assert_eq!(child_val(more, "numId"), None);
    assert_eq!(child_val(more, "pStyle"), Some("ListNumber"));
    assert_eq!(child_val(nested, "pStyle"), Some("ListBullet"));
    assert_eq!(child_val(nested, "ilvl"), Some("1"));
    assert_ne!(child_val(nested, "numId"), child_val(first, "numId"));
}

#[test]
fn deep_nesting_stays_within_words_nine_levels() {
    let deep = (0..20).fold(para("leaf"), |inner, _| {
        ordered(1, vec![vec![para("level"), inner]])
    });
    let docx = export(&doc(Lang::En, vec![deep]));
    let xml = part(&docx, "word/document.xml");
    let xml = parse(&xml);
    assert_eq!(
        child_val(paragraph_with(&xml, "leaf"), "pStyle"),
        Some("ListNumber")
    );
    let max = elements(&xml, "ilvl")
        .filter_map(|n| n.attribute((W, "val"))?.parse::<usize>().ok())
        .max();
    assert_eq!(max, Some(8));
}

#[test]
fn fill_ins_are_bracketed_and_highlighted() {
    let docx = export(&sample());
    let xml = part(&docx, "word/document.xml");
    let xml = parse(&xml);
    let run = elements(&xml, "r")
        .find(|r| elements_text(*r) == "[agency name]")
        .expect("fill-in run");
    assert_eq!(child_val(run, "highlight"), Some("yellow"));
}

#[test]
fn links_are_external_hyperlinks_with_their_urls() {
    let docx = export(&sample());
    let xml = part(&docx, "word/document.xml");
    let xml = parse(&xml);
    let rels = part(&docx, "word/_rels/document.xml.rels");
    let rels = parse(&rels);
    let targets: Vec<(String, String)> = elements(&xml, "hyperlink")
        .map(|link| {
            let id = link.attribute((R, "id")).expect("relationship id");
            let rel = rels
                .descendants()
                .find(|r| r.attribute("Id") == Some(id))
                .expect("relationship exists");
            assert_eq!(rel.attribute("TargetMode"), Some("External"));
            let target = rel.attribute("Target").expect("target").to_owned();
            (elements_text(link), target)
        })
        .collect();
    assert_eq!(
        targets,
        [
            ("the statute".into(), "https://example.org/a?x=1&y=2".into()),
            ("the rule".into(), "https://example.org/b".into()),
        ]
    );
}

#[test]
fn control_characters_are_stripped_and_newlines_and_tabs_kept() {
    let docx = export(&doc(
        Lang::En,
        vec![para(
            "a\u{0}b\u{1}c\u{8}d\u{b}e\u{1b}f\u{fffe}g\ttab\r\nline",
        )],
    ));
    let xml = part(&docx, "word/document.xml");
    let xml = parse(&xml);
    let p = paragraph_with(&xml, "abcdefgtabline");
    assert_eq!(elements(&xml, "tab").count(), 1);
    assert!(p
        .descendants()
        .any(|n| n.tag_name().name() == "br" && n.attribute((W, "type")) == Some("textWrapping")));
}

#[test]
fn hostile_text_appears_verbatim() {
    let hostile = [
        r#"<script>&"'</script>"#,
        "#set page(width: 1cm)",
        "]]> {{x}} %1.",
    ];
    let docx = export(&titled(
        hostile[0],
        Lang::En,
        hostile.iter().map(|h| para(h)).collect(),
        NOTICE,
    ));
    let paragraphs = paragraphs(&docx);
    for h in hostile {
        assert!(paragraphs.iter().any(|(_, text)| text == h), "{h}");
    }
    let core = part(&docx, "docProps/core.xml");
    let core = parse(&core);
    let title = core.descendants().find(|n| n.tag_name().name() == "title");
    assert_eq!(title.and_then(|t| t.text()), Some(hostile[0]));
}

#[test]
fn hostile_urls_keep_the_relationships_well_formed() {
    let url = r#"https://example.org/?q="><x a='1'>&amp;</Relationships>"#;
    let docx = export(&doc(
        Lang::En,
        vec![Block::Paragraph(vec![Inline::Link {
            url: url.to_owned(),
            content: vec![text("x")],
        }])],
    ));
    let rels = part(&docx, "word/_rels/document.xml.rels");
    let rels = parse(&rels);
    let target = rels
        .descendants()
        .find_map(|r| r.attribute("Target").filter(|t| t.starts_with("https")));
    assert_eq!(target, Some(url));
}

#[test]
fn core_properties_carry_title_language_creator_and_fixed_dates() {
    let docx = export(&titled("Política modelo", Lang::Es, vec![], NOTICE));
    let core = part(&docx, "docProps/core.xml");
    let core = parse(&core);
    let field = |name: &str| {
        core.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(str::to_owned)
    };
    assert_eq!(field("title").as_deref(), Some("Política modelo"));
    assert_eq!(field("language").as_deref(), Some("es-US"));
    assert_eq!(field("creator").as_deref(), Some("responsekit"));
    assert_eq!(field("created").as_deref(), Some("2000-01-01T00:00:00Z"));
    assert_eq!(field("modified").as_deref(), Some("2000-01-01T00:00:00Z"));
}

#[test]
fn footer_shows_notice_and_localized_page_x_of_y() {
    for &lang in Lang::all() {
        let docx = export(&doc(lang, vec![para("body")]));
        let footer = part(&docx, "word/footer1.xml");
        let footer = parse(&footer);
        let instructions: Vec<_> = elements(&footer, "instrText")
            .filter_map(|n| n.text())
            .map(str::trim)
            .collect();
        assert_eq!(instructions, ["PAGE", "NUMPAGES"]);
        let lines: Vec<_> = elements(&footer, "p").map(elements_text).collect();
        let page = t(lang, Text::Page);
        let of = t(lang, Text::Of);
        assert_eq!(
            lines,
            [
                crate::document::test_docs::NOTICE.to_owned(),
                format!("{page} 1 {of} 1")
            ]
        );
    }
}

#[test]
fn output_is_deterministic_across_calls_documents_and_threads() {
    let first = export(&sample());
    assert_eq!(export(&sample()), first);
    for _ in 0..5 {
        export(&sample());
    }
    assert_eq!(export(&sample()), first, "earlier documents leave no trace");
    let other_thread = std::thread::spawn(|| export(&sample()))
        .join()
        .expect("thread finishes");
    assert_eq!(other_thread, first);
}

#[test]
fn every_entry_is_deflated_with_a_fixed_timestamp() {
    let docx = export(&sample());
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&docx[..])).expect("zip");
    for i in 0..archive.len() {
        let entry = archive.by_index(i).expect("entry");
        if !entry.is_dir() {
            assert_eq!(
                entry.compression(),
                zip::CompressionMethod::Deflated,
                "{}",
                entry.name()
            );
        }
        assert_eq!(
            entry.last_modified(),
            Some(zip::DateTime::default()),
            "{}",
            entry.name()
        );
    }
}

#[test]
fn empty_and_odd_documents_still_export() {
    let odd = doc(
        Lang::En,
        vec![
            Block::List(List {
                start: Some(u64::MAX),
                items: vec![vec![], vec![Block::PageBreak]],
            }),
            Block::Heading {
                level: 0,
                content: vec![],
            },
            Block::Heading {
                level: 9,
                content: vec![],
            },
            Block::Signature(vec![]),
            Block::Quote(vec![]),
        ],
    );
    for document in [
        doc(Lang::En, vec![]),
        titled(TITLE, Lang::En, odd.blocks().to_vec(), ""),
    ] {
        let docx = export(&document);
        parse(&part(&docx, "word/document.xml"));
    }
}

#[test]
fn hyperlink_relationships_are_listed_in_document_order() {
    let links = (1..=20)
        .map(|i| Inline::Link {
            url: format!("https://example.org/{i}"),
            content: vec![text("link")],
        })
        .collect();
    let docx = export(&doc(Lang::En, vec![Block::Paragraph(links)]));
    let rels = part(&docx, "word/_rels/document.xml.rels");
    let rels = parse(&rels);
    let targets: Vec<_> = rels
        .descendants()
        .filter(|r| r.attribute("TargetMode") == Some("External"))
        .map(|r| (r.attribute("Id"), r.attribute("Target")))
        .collect();
    let expected: Vec<_> = (1..=20)
        .map(|i| {
            (
                format!("rIdHyperlink{i}"),
                format!("https://example.org/{i}"),
            )
        })
        .collect();
    let expected: Vec<_> = expected
        .iter()
        .map(|(id, url)| (Some(id.as_str()), Some(url.as_str())))
        .collect();
    assert_eq!(targets, expected);
}

#[test]
fn document_xml_is_the_document_part_of_the_package() {
    let doc = titled(
        "T",
        Lang::En,
        vec![Block::Paragraph(vec![text("Hello & <world>")])],
        "Model language.",
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(to_docx(&doc).unwrap())).unwrap();
    let mut packed = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name("word/document.xml").unwrap(), &mut packed)
        .unwrap();
    assert_eq!(document_xml(&doc), packed);
}

#[test]
fn list_text_past_the_last_level_is_indented_as_the_last_level() {
    let last = styles::list_text_indent(styles::MAX_LIST_LEVEL);
    assert_eq!(last, 720 * 9);
    assert_eq!(styles::list_text_indent(styles::MAX_LIST_LEVEL + 1), last);
    assert_eq!(styles::list_text_indent(usize::MAX), last);
}

/// The handout is for the person released: no footer part at all (no notice on every page,
/// no "Page 1 of 1"), Arial at 13 pt, its notice once as its last paragraph, and each link's
/// address printed after its words where they are not the address already.
#[test]
fn a_handout_has_no_footer_is_set_in_arial_and_prints_each_address() {
    let docx = export(&handout(Lang::En));
    let archive = zip::ZipArchive::new(std::io::Cursor::new(&docx[..])).expect("a zip");
    let names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    assert!(
        !names.iter().any(|n| n.contains("footer")),
        "a footer part in the handout: {names:?}"
    );
    for name in [
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "[Content_Types].xml",
    ] {
        let xml = part(&docx, name);
        assert!(
            !xml.contains("footerReference"),
            "{name} refers to a footer: {xml}"
        );
        assert!(
            !xml.contains("footer1"),
            "{name} names a footer part: {xml}"
        );
        assert!(!xml.contains("instrText"), "{name} has a field: {xml}");
    }
    let (fonts, size, _) = run_defaults(&docx);
    assert_eq!(fonts, ["Arial"; 4]);
    assert_eq!(size.as_deref(), Some("26"), "13 pt");

    let ps = paragraphs(&docx);
    assert_eq!(
        ps.last(),
        Some(&(Some(styles::NOTICE.to_owned()), HANDOUT_NOTICE.to_owned()))
    );
    assert_eq!(
        ps[1].1,
        "Get the card at the card's page (https://example.org/card), see https://example.org/bare or write to us (help@example.org)."
    );
    // The address printed is not part of the link: the link keeps its words.
    let body = part(&docx, "word/document.xml");
    let body = parse(&body);
    let links: Vec<String> = elements(&body, "hyperlink").map(elements_text).collect();
    assert_eq!(
        links,
        ["the card's page", "https://example.org/bare", "write to us"]
    );
}

/// Every other document keeps its footer and the serif body type.
#[test]
fn a_standard_document_keeps_its_footer_and_times() {
    let docx = export(&doc(Lang::En, vec![para("Text.")]));
    assert!(part(&docx, "word/document.xml").contains("footerReference"));
    assert!(part(&docx, "word/footer1.xml").contains("PAGE"));
    assert!(part(&docx, "word/styles.xml").contains(r#"w:ascii="Times New Roman""#));
}
