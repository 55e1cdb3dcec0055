//! Unit tests of the Markdown export: hostile text stays text, every block and inline prints as the
//! reader expects, and any text round-trips through the parser.

use super::*;
use crate::document::test_docs::{doc, para, text};
use crate::document::{parse_markdown, Lang};
use proptest::prelude::*;

/// The parsed Markdown is the document's blocks followed by the notice in italics.
fn assert_round_trip(doc: &Document) {
    let md = to_markdown(doc);
    let mut parsed = parse_markdown(&md).blocks;
    assert_eq!(
        parsed.pop(),
        Some(Block::Paragraph(vec![Inline::Emphasis(vec![text(
            doc.notice()
        )])])),
        "notice paragraph last in:\n{md}"
    );
    assert_eq!(parsed, doc.blocks(), "Markdown was:\n{md}");
}

const HOSTILE: [&str; 16] = [
    "# not a heading",
    "*not emphasis* and _not_ either",
    "1. not a list",
    "- not a bullet",
    "+ nor this",
    "> not a quote",
    "[not](a link) ![nor](an image)",
    "`not code`",
    "<script>alert(1)</script>",
    "AT&T &amp; &copy; &#65;",
    "#set page(width: 1cm)",
    "back\\slash \\* and trailing \\",
    "---",
    "===",
    "<!-- pagebreak -->",
    "Section 7284.6(a)(1)(C), 8 U.S.C. § 1373 — \"quoted\" 'text' ~tilde~ |pipe| {brace}",
];

#[test]
fn hostile_text_stays_text_everywhere() {
    for s in HOSTILE {
        assert_round_trip(&doc(
            Lang::En,
            vec![
                Block::Title(vec![text(s)]),
                Block::Heading {
                    level: 2,
                    content: vec![text(s)],
                },
                para(s),
                Block::List(List {
                    start: None,
                    items: vec![vec![para(s)], vec![para(s)]],
                }),
                Block::Quote(vec![para(s)]),
                Block::Signature(vec![vec![text(s)], vec![text(s)]]),
            ],
        ));
    }
}

#[test]
fn headings_map_levels_and_title_takes_one_hash() {
    let d = doc(
        Lang::En,
        vec![
            Block::Title(vec![text("Policy")]),
            Block::Heading {
                level: 1,
                content: vec![text("Purpose")],
            },
            Block::Heading {
                level: 3,
                content: vec![text("Detail")],
            },
        ],
    );
    assert!(to_markdown(&d).starts_with("# Policy\n\n## Purpose\n\n#### Detail\n\n"));
    assert_round_trip(&d);
}

#[test]
fn nested_lists_keep_start_numbers_and_nesting() {
    let nested_bullets = Block::List(List {
        start: None,
        items: vec![vec![para("a")], vec![para("b")]],
    });
    let d = doc(
        Lang::En,
        vec![
            Block::List(List {
                start: Some(1),
                items: vec![vec![para("one"), nested_bullets.clone()], vec![para("two")]],
            }),
            // Adjacent to the list above: must not merge with it.
            Block::List(List {
                start: Some(7),
                items: vec![
                    vec![para("seven")],
                    vec![
                        para("eight"),
                        // Starts at 3: may not interrupt a paragraph, so the list goes loose.
                        Block::List(List {
                            start: Some(3),
                            items: vec![vec![para("three"), nested_bullets]],
                        }),
                    ],
                    vec![],
                ],
            }),
            Block::List(List {
                start: Some(10),
                items: vec![vec![para("ten"), para("second paragraph")]],
            }),
        ],
    );
    let md = to_markdown(&d);
    assert!(md.starts_with("1. one\n   - a\n   - b\n2. two\n\n"), "{md}");
    assert!(md.contains("7. seven\n\n8. eight"), "{md}");
    assert!(md.contains("10. ten\n\n    second paragraph"), "{md}");
    assert_round_trip(&d);
}

#[test]
fn quotes_signatures_and_page_breaks() {
    assert_round_trip(&doc(
        Lang::En,
        vec![
            Block::Title(vec![text("Letter")]),
            Block::Quote(vec![
                para("quoted"),
                Block::Quote(vec![para("deeper")]),
                Block::List(List {
                    start: Some(2),
                    items: vec![vec![para("in a quote")]],
                }),
            ]),
            Block::PageBreak,
            Block::Signature(vec![
                vec![Inline::Strong(vec![text("Jane Roe")])],
                vec![text("County Counsel, Example County")],
            ]),
            Block::PageBreak,
            // A bare signing line with nothing under it.
            Block::Signature(vec![]),
            para("After the signature."),
        ],
    ));
}

#[test]
fn inline_formatting_links_and_breaks() {
    assert_round_trip(&doc(
        Lang::En,
        vec![Block::Paragraph(vec![
            text("Read "),
            Inline::Emphasis(vec![text("this")]),
            text(", "),
            Inline::Strong(vec![text("that "), Inline::Emphasis(vec![text("too")])]),
            text(" ("),
            Inline::Strong(vec![Inline::Emphasis(vec![text("both")])]),
            text(") and "),
            Inline::Link {
                url: "https://example.org/a_(b)?q=1&copy;&x=2".into(),
                content: vec![text("the *statute*")],
            },
            text(" or "),
            Inline::Link {
                url: "mailto:counsel@example.org".into(),
                content: vec![Inline::Emphasis(vec![text("write")])],
            },
            text("."),
            Inline::LineBreak,
            text("Next line."),
        ])],
    ));
}

#[test]
fn whitespace_at_line_edges_and_line_ends_in_text_survive() {
    assert_round_trip(&doc(
        Lang::En,
        vec![
            para("  leading and trailing  "),
            para("\tindented like code"),
            para("one\ntwo\n\nthree"),
            Block::Paragraph(vec![
                text("before break "),
                Inline::LineBreak,
                text(" after"),
            ]),
            Block::Signature(vec![vec![text(" Jane ")], vec![text("x\ny")]]),
        ],
    ));
}

#[test]
fn fill_ins_print_as_literal_bracketed_text() {
    let d = doc(
        Lang::En,
        vec![Block::Paragraph(vec![
            text("Call "),
            Inline::FillIn("public defender's phone".into()),
        ])],
    );
    let md = to_markdown(&d);
    assert!(md.contains(r"Call \[public defender's phone\]"), "{md}");
    assert_eq!(
        parse_markdown(&md).blocks[0],
        para("Call [public defender's phone]")
    );
}

#[test]
fn notice_is_a_final_italic_paragraph() {
    let md = to_markdown(&doc(Lang::En, vec![para("Body.")]));
    assert_eq!(
        md,
        "Body.\n\n*Model language for review by counsel. Not legal advice. Adapt and verify before use.*\n"
    );
}

/// Text as the loader lets it through: no control characters or private-use markers, and
/// no leading or trailing whitespace (the parser trims those around a paragraph).
fn loader_text() -> impl Strategy<Value = String> {
    "[^\\p{Cc}\u{E000}-\u{E003}]{1,40}".prop_filter("trimmed", |s| s.trim() == s && !s.is_empty())
}

proptest! {
    #[test]
    fn any_text_round_trips(s in loader_text()) {
        let d = doc(Lang::En, vec![
            Block::Title(vec![Inline::Text(s.clone())]),
            Block::Paragraph(vec![Inline::Text(s.clone())]),
            Block::List(List {
                start: Some(1),
                items: vec![vec![Block::Paragraph(vec![Inline::Text(s.clone())])]],
            }),
            Block::Quote(vec![Block::Paragraph(vec![Inline::Text(s.clone())])]),
            Block::Signature(vec![vec![Inline::Text(s)]]),
        ]);
        let md = to_markdown(&d);
        let mut parsed = parse_markdown(&md).blocks;
        parsed.pop();
        prop_assert_eq!(parsed, d.blocks(), "Markdown was:\n{}", md);
    }
}

/// A heading whose text ends in `#` keeps it: the run is not read as a closing sequence.
#[test]
fn a_heading_ending_in_hashes_keeps_them() {
    for text in ["a #", "a ##", "#", "C#", "a \\#", "a # b"] {
        let d = doc(
            Lang::En,
            vec![
                Block::Title(vec![Inline::Text(text.into())]),
                Block::Heading {
                    level: 1,
                    content: vec![Inline::Text(text.into())],
                },
            ],
        );
        let md = to_markdown(&d);
        let mut parsed = parse_markdown(&md).blocks;
        parsed.pop();
        assert_eq!(parsed, d.blocks(), "Markdown was:\n{md}");
    }
}
