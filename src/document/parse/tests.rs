//! Unit tests of the Markdown → model parser: structure, fill-ins, citations, lists, signature and
//! page-break markers, the nesting limit, and the raw HTML and tables it finds.

use super::*;
use crate::document::test_docs::{block_depth, text};

#[test]
fn title_headings_and_paragraphs() {
    let p = parse_markdown("# Policy\n\n## Purpose\n\nSome *words*.\n\n### Sub\n");
    assert_eq!(
        p.blocks,
        vec![
            Block::Title(vec![text("Policy")]),
            Block::Heading {
                level: 1,
                content: vec![text("Purpose")]
            },
            Block::Paragraph(vec![
                text("Some "),
                Inline::Emphasis(vec![text("words")]),
                text(".")
            ]),
            Block::Heading {
                level: 2,
                content: vec![text("Sub")]
            },
        ]
    );
}

#[test]
fn fill_ins_survive_escapes_split_across_events() {
    let md = format!("Call {FILL_OPEN}Public Defender\\'s phone{FILL_CLOSE} now.");
    let p = parse_markdown(&md);
    assert_eq!(
        p.blocks,
        vec![Block::Paragraph(vec![
            text("Call "),
            Inline::FillIn("Public Defender's phone".into()),
            text(" now."),
        ])]
    );
}

#[test]
fn citations_are_collected_once_and_invisible() {
    let md =
        format!("A{CITE_OPEN}k1{CITE_CLOSE} b{CITE_OPEN}k2{CITE_CLOSE} c{CITE_OPEN}k1{CITE_CLOSE}");
    let p = parse_markdown(&md);
    assert_eq!(p.cited, vec!["k1", "k2"]);
    assert_eq!(p.blocks, vec![Block::Paragraph(vec![text("A b c")])]);
}

#[test]
fn nested_lists_tight_and_loose() {
    let p = parse_markdown("1. one\n   - a\n   - b\n2. two\n");
    let Block::List(list) = &p.blocks[0] else {
        panic!("{:?}", p.blocks)
    };
    assert_eq!(list.start, Some(1));
    assert_eq!(list.items.len(), 2);
    assert_eq!(list.items[0][0], Block::Paragraph(vec![text("one")]));
    let Block::List(inner) = &list.items[0][1] else {
        panic!()
    };
    assert_eq!(inner.start, None);
    assert_eq!(inner.items.len(), 2);
}

#[test]
fn signature_and_page_break_markers() {
    let p = parse_markdown("<!-- pagebreak -->\n\n<!-- signature -->\nJane Roe\nCounty Counsel\n");
    assert_eq!(
        p.blocks,
        vec![
            Block::PageBreak,
            Block::Signature(vec![vec![text("Jane Roe")], vec![text("County Counsel")]]),
        ]
    );
}

#[test]
fn signature_marker_without_lines_does_not_take_a_later_paragraph() {
    let p = parse_markdown("<!-- signature -->\n\n## Next\n\nBody text.\n");
    assert_eq!(
        p.blocks,
        vec![
            Block::Signature(Vec::new()),
            Block::Heading {
                level: 1,
                content: vec![text("Next")]
            },
            Block::Paragraph(vec![text("Body text.")]),
        ]
    );
}

#[test]
fn nesting_thousands_deep_is_kept_as_text_at_the_depth_limit() {
    // Each of these overflowed the stack of a render thread before the limit.
    for md in [
        ">".repeat(10_000) + " deep",
        "- ".repeat(5_000) + "deep",
        "*".repeat(10_000) + "deep" + &"*".repeat(10_000),
        "1. ".repeat(3_000) + "deep",
        "> - ".repeat(3_000) + "deep",
    ] {
        let blocks = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || parse_markdown(&md).blocks)
            .unwrap()
            .join()
            .expect("no stack overflow");
        assert!(
            block_depth(&blocks) <= MAX_DEPTH,
            "{}",
            block_depth(&blocks)
        );
        let text = format!("{blocks:?}");
        assert!(text.contains("deep"), "{text}");
    }
}

#[test]
fn html_and_tables_are_found_and_markers_are_not() {
    let found = |md: &str| unsupported_markup(md);
    assert_eq!(
        found("# T\n\n<!-- pagebreak -->\n\n<!-- signature -->\nA\n"),
        None
    );
    assert_eq!(found("a \\<b> and <https://x.org> and a < b"), None);
    assert_eq!(
        found("x\n\n<div>**y**</div>\n"),
        Some((3, Unsupported::Html))
    );
    assert_eq!(
        found("To <Alameda County Clerk>."),
        Some((3, Unsupported::Html))
    );
    assert_eq!(found("a <!-- hidden --> b"), Some((2, Unsupported::Html)));
    assert_eq!(
        found("x\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"),
        Some((3, Unsupported::Table))
    );
}

#[test]
fn dropped_html_is_reported() {
    assert!(!parse_markdown("a\n\n<!-- pagebreak -->\n\nb").dropped_html);
    for md in [
        "<div>x</div>",
        "a <b>x</b>",
        "- a <i>b</i>",
        "<!-- note -->",
    ] {
        assert!(parse_markdown(md).dropped_html, "{md}");
    }
}

#[test]
fn escaped_markdown_stays_text() {
    let p = parse_markdown("\\# not a heading \\*x\\* \\<b\\>");
    assert_eq!(
        p.blocks,
        vec![Block::Paragraph(vec![text("# not a heading *x* <b>")])]
    );
}

#[test]
fn letterhead_and_continuation_markers_take_the_lines_after_them() {
    let p = parse_markdown(
        "<!-- letterhead -->\n**Sheriff**\n1 Main St.\n\n<!-- continuation -->\nOfficer Roe\nMay 1, 2026\n\nBody.\n",
    );
    assert_eq!(
        p.blocks,
        vec![
            Block::Letterhead(vec![
                vec![Inline::Strong(vec![text("Sheriff")])],
                vec![text("1 Main St.")]
            ]),
            Block::Continuation(vec![vec![text("Officer Roe")], vec![text("May 1, 2026")]]),
            Block::Paragraph(vec![text("Body.")]),
        ]
    );
    assert!(!p.dropped_html);
}
