//! Unit tests of the HTML export: a standalone localized page, escaping, which links become links,
//! every block, and the inline stylesheet.

use super::*;
use crate::document::test_docs::{doc, handout, text, titled};
use crate::document::Lang;

/// Parses the page as XML (it is written to be well-formed) and hands back its text.
fn with_tree<R>(html: &str, f: impl FnOnce(&roxmltree::Document) -> R) -> R {
    let xml = html
        .strip_prefix("<!doctype html>\n")
        .expect("starts with a doctype");
    let tree = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}\n{html}"));
    f(&tree)
}

fn elements<'a>(tree: &'a roxmltree::Document, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    tree.descendants()
        .filter(|n| n.has_tag_name(name))
        .collect()
}

fn all_text(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(roxmltree::Node::is_text)
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn page_is_standalone_localized_and_structured() {
    let html = to_html(
        &doc(
            Lang::Es,
            vec![
                Block::Title(vec![text("Política")]),
                Block::Heading {
                    level: 1,
                    content: vec![text("Propósito")],
                },
                Block::Paragraph(vec![text("Texto.")]),
                Block::Heading {
                    level: 2,
                    content: vec![text("Alcance")],
                },
                Block::Heading {
                    level: 3,
                    content: vec![text("Detalle")],
                },
            ],
        ),
        &Nav::default(),
    );
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("@import"));
    with_tree(&html, |tree| {
        let root = tree.root_element();
        assert_eq!(root.attribute("lang"), Some("es"));
        assert_eq!(
            all_text(elements(tree, "title")[0]),
            "Responsible Release Policy"
        );
        let skip = elements(tree, "a")[0];
        assert_eq!(skip.attribute("href"), Some("#content"));
        assert_eq!(all_text(skip), "Ir al contenido");
        let main = elements(tree, "main")[0];
        assert_eq!(main.attribute("id"), Some("content"));
        assert!(main.children().any(|n| n.has_tag_name("article")));
        assert_eq!(elements(tree, "h1").len(), 1);
        let headings: Vec<_> = tree
            .descendants()
            .filter(|n| ["h1", "h2", "h3", "h4"].contains(&n.tag_name().name()))
            .map(|n| (n.tag_name().name().to_string(), all_text(n)))
            .collect();
        assert_eq!(
            headings,
            [
                ("h1", "Política"),
                ("h2", "Propósito"),
                ("h3", "Alcance"),
                ("h4", "Detalle")
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        let footer = elements(tree, "footer")[0];
        assert_eq!(all_text(footer).trim(), crate::document::test_docs::NOTICE);
    });
}

#[test]
fn characters_xml_cannot_hold_are_dropped() {
    // Found by the `markdown` fuzz target: a raw U+0002 made the page ill-formed.
    let page = to_html(
        &doc(
            Lang::En,
            vec![Block::Paragraph(vec![text("a\u{2}b\u{1b}c\u{FFFF}d")])],
        ),
        &Nav::default(),
    );
    with_tree(&page, |tree| {
        let p = elements(tree, "p");
        assert_eq!(all_text(p[0]), "abcd");
    });
}

#[test]
fn hostile_text_is_escaped_never_raw() {
    let hostile = "<script>alert(1)</script> #set page(width: 1cm) \" & '";
    let d = titled(
        hostile,
        Lang::En,
        vec![
            Block::Title(vec![text(hostile)]),
            Block::Paragraph(vec![text(hostile), Inline::FillIn(hostile.into())]),
            Block::Signature(vec![vec![text(hostile)]]),
        ],
        hostile,
    );
    let html = to_html(&d, &Nav::default());
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; #set page(width: 1cm)"));
    with_tree(&html, |tree| {
        assert!(elements(tree, "script").is_empty());
        assert_eq!(all_text(elements(tree, "title")[0]), hostile);
        assert_eq!(all_text(elements(tree, "h1")[0]), hostile);
    });
}

#[test]
fn only_web_and_mail_links_become_links() {
    let urls = [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<b>x</b>",
        "https://example.org/?a=1&b=\"2\"",
        "mailto:counsel@example.org",
        "tel:+15555550100",
        "/relative/path:with-colon",
    ];
    let content = urls
        .iter()
        .flat_map(|url| Inline::link(url, vec![text("words")]))
        .collect();
    let html = to_html(
        &doc(Lang::En, vec![Block::Paragraph(content)]),
        &Nav::default(),
    );
    with_tree(&html, |tree| {
        let hrefs: Vec<_> = elements(tree, "a")
            .into_iter()
            .filter_map(|a| a.attribute("href"))
            .collect();
        assert_eq!(
            hrefs,
            [
                "#content",
                "https://example.org/?a=1&b=\"2\"",
                "mailto:counsel@example.org",
            ]
        );
        // Other targets keep their words and show where they pointed, as text.
        let p = all_text(elements(tree, "p")[0]);
        assert_eq!(p.matches("words").count(), 8);
        assert!(p.contains("words (javascript:alert(1))"), "{p}");
        assert!(p.contains("words (/relative/path:with-colon)"), "{p}");
    });
}

#[test]
fn lists_fill_ins_quotes_breaks_and_signatures() {
    let html = to_html(
        &doc(
            Lang::En,
            vec![
                Block::List(List {
                    start: Some(3),
                    items: vec![
                        vec![
                            Block::Paragraph(vec![text("three")]),
                            Block::List(List {
                                start: None,
                                items: vec![vec![Block::Paragraph(vec![text("a")])]],
                            }),
                        ],
                        vec![Block::Paragraph(vec![
                            Inline::Strong(vec![text("four")]),
                            Inline::LineBreak,
                            Inline::Emphasis(vec![text("more")]),
                        ])],
                    ],
                }),
                Block::Quote(vec![Block::Paragraph(vec![text("quoted")])]),
                Block::PageBreak,
                Block::Signature(vec![
                    vec![Inline::FillIn("Name".into())],
                    vec![text("County Counsel")],
                ]),
            ],
        ),
        &Nav::default(),
    );
    with_tree(&html, |tree| {
        let ol = elements(tree, "ol")[0];
        assert_eq!(ol.attribute("start"), Some("3"));
        let nested = elements(tree, "ul")[0];
        assert_eq!(nested.parent().map(|p| p.tag_name().name()), Some("li"));
        assert_eq!(nested.ancestors().filter(|n| n == &ol).count(), 1);
        assert_eq!(elements(tree, "strong").len(), 1);
        assert_eq!(elements(tree, "em").len(), 1);
        assert_eq!(all_text(elements(tree, "blockquote")[0]).trim(), "quoted");
        assert!(elements(tree, "div")
            .iter()
            .any(|d| d.attribute("class") == Some("page-break")));
        let mark = elements(tree, "mark")[0];
        assert_eq!(mark.attribute("class"), Some("fill-in"));
        assert_eq!(all_text(mark), "[Name]");
        let signature = elements(tree, "div")
            .into_iter()
            .find(|d| d.attribute("class") == Some("signature"))
            .expect("signature block");
        assert!(all_text(signature).contains("Signature"));
        assert!(all_text(signature).contains("County Counsel"));
    });
}

#[test]
fn stylesheet_is_inline_and_prints_well() {
    assert!(CSS.contains("@media print"));
    assert!(CSS.contains("break-before: page"));
    assert!(CSS.contains("attr(href)"));
    assert!(!CSS.contains("url(") && !CSS.contains("@import") && !CSS.contains("@font-face"));
    // A page opened offline is styled: its head holds the whole stylesheet, and the only
    // other resource it names is the empty inline icon.
    let html = to_html(&doc(Lang::En, vec![]), &Nav::default());
    with_tree(&html, |tree| {
        let head = elements(tree, "head")[0];
        let styles: Vec<_> = head
            .children()
            .filter(|n| n.has_tag_name("style"))
            .collect();
        assert_eq!(styles.len(), 1, "{html}");
        assert_eq!(all_text(styles[0]), CSS);
        let links: Vec<_> = elements(tree, "link")
            .iter()
            .map(|l| (l.attribute("rel"), l.attribute("href")))
            .collect();
        assert_eq!(links, [(Some("icon"), Some("data:,"))]);
    });
}

/// On paper every link's address follows its words (the print rules), except where the words
/// are the address: the handout's web address is printed once, and the handout is set larger.
#[test]
fn a_link_whose_words_are_its_address_is_printed_once() {
    let html = to_html(&handout(Lang::En), &Nav::default());
    with_tree(&html, |tree| {
        let links: Vec<(&str, Option<&str>)> = elements(tree, "a")
            .into_iter()
            .filter(|a| a.attribute("class") != Some("skip-link"))
            .map(|a| (a.attribute("href").unwrap_or(""), a.attribute("class")))
            .collect();
        assert_eq!(
            links,
            [
                ("https://example.org/card", None),
                ("https://example.org/bare", Some("address")),
                ("mailto:help@example.org", None),
            ]
        );
        assert_eq!(
            elements(tree, "div")
                .iter()
                .filter(|d| d.attribute("class") == Some("handout"))
                .count(),
            1
        );
    });
    assert!(CSS.contains(r#"a.address::after { content: ""; }"#));
    assert!(CSS.contains(".handout { font-size: 13pt;"));
}
