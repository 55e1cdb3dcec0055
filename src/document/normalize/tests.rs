//! The rules hold for any document, however built; the parser's documents already obey them.

use super::MAX_DEPTH;
use crate::document::test_docs::{block_depth, doc, para, text, titled};
use crate::document::{parse_markdown, Block, Inline, Lang, List, FILL_CLOSE, FILL_OPEN};

fn link(url: &str, words: &str) -> Inline {
    Inline::Link {
        url: url.to_owned(),
        content: vec![text(words)],
    }
}

/// Depth of the deepest emphasis, strong or link in `inlines`.
fn inline_depth(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => {
                1 + inline_depth(c)
            }
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn heading_levels_are_one_to_three() {
    let heading = |level| Block::Heading {
        level,
        content: vec![text("h")],
    };
    let d = doc(Lang::En, vec![heading(0), heading(2), heading(9)]);
    let levels: Vec<u8> = d
        .blocks()
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .collect();
    assert_eq!(levels, [1, 2, 3]);
}

#[test]
fn deeper_nesting_joins_the_deepest_level_and_keeps_its_words() {
    let lists = (0..40).fold(para("leaf"), |inner, _| {
        Block::List(List {
            start: None,
            items: vec![vec![para("level"), inner]],
        })
    });
    let quotes = (0..40).fold(para("quoted leaf"), |inner, _| Block::Quote(vec![inner]));
    let emphasis = (0..40).fold(text("deep words"), |inner, i| {
        if i % 2 == 0 {
            Inline::Emphasis(vec![inner])
        } else {
            Inline::Strong(vec![inner])
        }
    });
    let d = doc(
        Lang::En,
        vec![lists, quotes, Block::Paragraph(vec![emphasis])],
    );
    assert_eq!(block_depth(d.blocks()), MAX_DEPTH);
    let Some(Block::Paragraph(deep)) = d.blocks().last() else {
        panic!("{:?}", d.blocks())
    };
    assert_eq!(inline_depth(deep), MAX_DEPTH);
    let shown = format!("{:?}", d.blocks());
    for words in ["\"leaf\"", "quoted leaf", "deep words"] {
        assert!(shown.contains(words), "{words}: {shown}");
    }
}

#[test]
fn only_web_and_mail_addresses_are_live_links_however_the_link_was_made() {
    let d = doc(
        Lang::En,
        vec![Block::Paragraph(vec![
            link("javascript:alert(1)", "click"),
            link("  https://example.org/a\t ", "web"),
            link("mailto:clerk@example.org", "mail"),
            link("file:///etc/passwd", "file:///etc/passwd"),
        ])],
    );
    assert_eq!(
        d.blocks(),
        [Block::Paragraph(vec![
            text("click"),
            text(" (javascript:alert(1))"),
            link("https://example.org/a", "web"),
            link("mailto:clerk@example.org", "mail"),
            text("file:///etc/passwd"),
        ])]
    );
}

#[test]
fn a_link_inside_a_link_keeps_the_outer_target() {
    let d = doc(
        Lang::En,
        vec![Block::Paragraph(vec![Inline::Link {
            url: "https://example.org/outer".to_owned(),
            content: vec![
                text("see "),
                Inline::Emphasis(vec![link("https://example.org/inner", "inner")]),
            ],
        }])],
    );
    assert_eq!(
        d.blocks(),
        [Block::Paragraph(vec![Inline::Link {
            url: "https://example.org/outer".to_owned(),
            content: vec![text("see "), Inline::Emphasis(vec![text("inner")])],
        }])]
    );
}

#[test]
fn characters_xml_forbids_are_dropped_everywhere_and_line_ends_are_newlines() {
    let dirty = "a\u{0}b\u{1b}c\u{fffe}d\u{ffff}\te\r\nf\rg";
    let clean = "abcd\te\nf\ng";
    let d = titled(
        dirty,
        Lang::En,
        vec![
            Block::Paragraph(vec![
                text(dirty),
                Inline::FillIn(dirty.to_owned()),
                link("https://example.org/\u{1}x", "x"),
                link("javascript:\u{1}", "y"),
            ]),
            Block::Signature(vec![vec![text(dirty)]]),
        ],
        dirty,
    );
    assert_eq!(d.title(), clean);
    assert_eq!(d.notice(), clean);
    assert_eq!(
        d.blocks(),
        [
            Block::Paragraph(vec![
                text(clean),
                Inline::FillIn(clean.to_owned()),
                link("https://example.org/x", "x"),
                text("y"),
                text(" (javascript:)"),
            ]),
            Block::Signature(vec![vec![text(clean)]]),
        ]
    );
}

#[test]
fn documents_the_parser_makes_are_already_normal() {
    for md in [
        "# T\n\n## H\n\n#### Deep heading\n\nSee [the rule](https://example.org/r) and *[x](javascript:y)*.\n\n- a\n  1. b\n\n> q\n\n<!-- signature -->\nJane\nSheriff\n"
            .to_owned(),
        ">".repeat(10_000) + " deep",
        "- ".repeat(5_000) + "deep",
        "*".repeat(10_000) + "deep" + &"*".repeat(10_000),
        "> - ".repeat(3_000) + "deep",
    ] {
        let blocks = std::thread::Builder::new()
            .stack_size(4 * 1024 * 1024)
            .spawn(move || parse_markdown(&md).blocks)
            .unwrap()
            .join()
            .expect("no stack overflow");
        assert_eq!(doc(Lang::En, blocks.clone()).blocks(), blocks);
    }
}

/// A link to an address nobody has supplied yet (a template's `[…](<{{rights_card.website}}>)`
/// with the website unknown) shows the fill-in once: as its words, or after other words.
#[test]
fn a_link_to_an_unknown_address_shows_its_fill_in_once() {
    let label = "Rights card's website";
    let url = format!("{FILL_OPEN}{label}{FILL_CLOSE}");
    let fill_in = Inline::FillIn(label.into());
    assert_eq!(
        Inline::link(&url, vec![fill_in.clone()]),
        std::slice::from_ref(&fill_in)
    );
    assert_eq!(
        Inline::link(&url, vec![Inline::Text("the card".into())]),
        [
            Inline::Text("the card".into()),
            Inline::Text(" (".into()),
            fill_in,
            Inline::Text(")".into()),
        ]
    );
}

#[test]
fn citations_hold_no_break_spaces_after_the_section_sign_and_in_abbreviations() {
    let d = doc(
        Lang::En,
        vec![
            para("(8 C.F.R. § 287.7(a)) and 8 U.S.C. §§ 1357, 1373; Cal. Gov't Code § 7284.6"),
            para("Section 2 C.F.R. says, U.S.C. alone, and no citation here."),
        ],
    );
    assert_eq!(
        d.blocks(),
        [
            para("(8\u{A0}C.F.R.\u{A0}§\u{A0}287.7(a)) and 8\u{A0}U.S.C.\u{A0}§§\u{A0}1357, 1373; Cal.\u{A0}Gov't\u{A0}Code\u{A0}§\u{A0}7284.6"),
            // Only a title number joins the abbreviation after it; a word before it does not.
            para("Section 2\u{A0}C.F.R. says, U.S.C. alone, and no citation here."),
        ]
    );
}
