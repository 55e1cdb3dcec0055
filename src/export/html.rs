//! HTML exporter: one standalone, accessible HTML5 page per document.
//!
//! This module owns the page: its semantic structure (skip link, `main`, `article`, `footer`),
//! its inline stylesheet (no external requests of any kind: a page may be opened offline or
//! handed to someone whose traffic is watched) and the escaping of every value written into it.
//! Void elements are self-closed so the page is also well-formed XML, which the tests rely on.

use crate::document::{Block, Document, Inline, Lang, List};
use crate::i18n::{t, Text};
use html_escape::{encode_double_quoted_attribute, encode_text};

/// System fonts only, a readable column on any screen, and print rules for paper copies.
const CSS: &str = r##"
:root { color-scheme: light; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  background: #fff;
  color: #1a1a1a;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 1.0625rem;
  line-height: 1.6;
}
main, footer { max-width: 42rem; margin: 0 auto; padding: 1.5rem 1rem; }
h1, h2, h3, h4 { line-height: 1.25; margin: 1.75em 0 0.5em; }
h1 { font-size: 1.75rem; margin-top: 0.5em; }
h2 { font-size: 1.375rem; }
h3 { font-size: 1.175rem; }
h4 { font-size: 1.0625rem; }
p, ul, ol, blockquote { margin: 0 0 1em; }
li > p { margin: 0.25em 0; }
blockquote { margin-left: 0; padding-left: 1rem; border-left: 4px solid #767676; }
a { color: #0b4fa8; text-decoration: underline; overflow-wrap: anywhere; }
a:visited { color: #5b2a86; }
:focus-visible { outline: 3px solid #0b4fa8; outline-offset: 2px; }
mark.fill-in { background: #ffeb3b; color: #000; padding: 0 0.15em; }
.skip-link {
  position: absolute; left: 0.5rem; top: -3rem;
  padding: 0.5rem 1rem; background: #fff; color: #0b4fa8; border: 2px solid #0b4fa8;
}
.skip-link:focus { top: 0.5rem; }
.page-break { margin: 2rem 0; border-top: 1px dashed #767676; }
.signature { margin: 2.5rem 0 1.5rem; break-inside: avoid; }
.signing-line { width: min(20rem, 100%); border-bottom: 1px solid #1a1a1a; height: 2.5rem; }
.signature p { margin: 0.25em 0 0; }
.signing-caption { font-size: 0.875rem; color: #4a4a4a; }
footer { border-top: 1px solid #d0d0d0; font-size: 0.9375rem; color: #4a4a4a; }
header { max-width: 42rem; margin: 0 auto; padding: 1rem 1rem 0; display: flex; flex-wrap: wrap;
  justify-content: space-between; gap: 0.5rem 1.5rem; font-size: 0.9375rem; }
header ol, header ul, nav.downloads ul { list-style: none; margin: 0; padding: 0; display: flex;
  flex-wrap: wrap; gap: 0.25rem 0.75rem; }
nav.crumbs li + li::before { content: "›"; margin-right: 0.75rem; color: #4a4a4a; }
nav.downloads { margin: 0 0 1.5rem; padding: 0.75rem 1rem; background: #f2f5f9; border-radius: 0.25rem; }
nav.downloads a { font-weight: 600; }
.kit-list { padding-left: 1.25rem; }
.kit-list li { margin: 0.25rem 0; }
@media print {
  @page { margin: 2.5cm 2cm; }
  body { color: #000; background: #fff; font-size: 11pt; }
  main, footer { max-width: none; padding: 0; }
  .skip-link, header, nav.downloads { display: none; }
  a, a:visited, footer, .signing-caption { color: #000; }
  a[href]::after { content: " (" attr(href) ")"; }
  a[href^="#"]::after { content: ""; }
  .page-break { break-before: page; border: 0; margin: 0; }
  h1, h2, h3, h4 { break-after: avoid; }
  p, li { orphans: 3; widows: 3; }
  mark.fill-in { print-color-adjust: exact; -webkit-print-color-adjust: exact; outline: 1px solid #000; }
  footer { margin-top: 2rem; }
}
"##;

/// Links around a page: where it sits in the kit, the same page in other languages, and the
/// files to download. Empty for a page standing alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Nav {
    /// Breadcrumb trail, outermost first: (label, relative href).
    pub crumbs: Vec<(String, String)>,
    /// The same page in other languages: (language, relative href).
    pub alternates: Vec<(Lang, String)>,
    /// Downloads: (label, relative href).
    pub downloads: Vec<(String, String)>,
}

/// A document as a page.
pub fn to_html(doc: &Document, nav: &Nav) -> String {
    let mut body = String::new();
    blocks(&mut body, &doc.blocks, t(doc.lang, Text::Signature));
    page(doc.lang, &doc.title, nav, &body, &doc.notice)
}

/// The page shell every HTML file of the kit shares: head, skip link, navigation, `main`
/// holding `body_html` (already escaped HTML) in an `article`, and the footer notice.
pub fn page(lang: Lang, title: &str, nav: &Nav, body_html: &str, notice: &str) -> String {
    let mut out = String::new();
    out.push_str("<!doctype html>\n");
    out.push_str(&format!("<html lang=\"{}\">\n<head>\n", lang.code()));
    out.push_str("<meta charset=\"utf-8\" />\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
    // An empty inline icon: otherwise every browser asks the host for /favicon.ico.
    out.push_str("<link rel=\"icon\" href=\"data:,\" />\n");
    out.push_str(&format!("<title>{}</title>\n", encode_text(title)));
    out.push_str(&format!("<style>{CSS}</style>\n</head>\n<body>\n"));
    out.push_str(&format!(
        "<a class=\"skip-link\" href=\"#content\">{}</a>\n",
        encode_text(t(lang, Text::SkipToContent))
    ));
    header(&mut out, lang, nav);
    // tabindex lets the skip link move keyboard focus, not just scroll, in every browser.
    out.push_str("<main id=\"content\" tabindex=\"-1\">\n");
    if !nav.downloads.is_empty() {
        out.push_str(&format!(
            "<nav class=\"downloads\" aria-label=\"{}\">\n<ul>\n",
            encode_double_quoted_attribute(t(lang, Text::Downloads))
        ));
        for (label, href) in &nav.downloads {
            out.push_str(&format!("<li>{}</li>\n", link(href, label)));
        }
        out.push_str("</ul>\n</nav>\n");
    }
    out.push_str("<article>\n");
    out.push_str(body_html);
    out.push_str("</article>\n</main>\n");
    out.push_str(&format!(
        "<footer>\n<p>{}</p>\n</footer>\n",
        encode_text(notice)
    ));
    out.push_str("</body>\n</html>\n");
    // Characters XML 1.0 forbids (C0 controls other than tab and line ends, U+FFFE/FFFF)
    // cannot be shown, and would make the page ill-formed for XML tools: dropped. The loader
    // refuses them in configs and templates; this catches anything else.
    out.retain(|c| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
    });
    out
}

fn header(out: &mut String, lang: Lang, nav: &Nav) {
    if nav.crumbs.is_empty() && nav.alternates.is_empty() {
        return;
    }
    out.push_str("<header>\n");
    if !nav.crumbs.is_empty() {
        out.push_str(&format!(
            "<nav class=\"crumbs\" aria-label=\"{}\">\n<ol>\n",
            encode_double_quoted_attribute(t(lang, Text::Breadcrumb))
        ));
        for (label, href) in &nav.crumbs {
            out.push_str(&format!("<li>{}</li>\n", link(href, label)));
        }
        out.push_str("</ol>\n</nav>\n");
    }
    if !nav.alternates.is_empty() {
        out.push_str(&format!(
            "<nav class=\"languages\" aria-label=\"{}\">\n<ul>\n",
            encode_double_quoted_attribute(t(lang, Text::Languages))
        ));
        for (other, href) in &nav.alternates {
            out.push_str(&format!(
                "<li><a href=\"{}\" hreflang=\"{code}\" lang=\"{code}\">{}</a></li>\n",
                encode_double_quoted_attribute(href),
                encode_text(t(*other, Text::LanguageName)),
                code = other.code(),
            ));
        }
        out.push_str("</ul>\n</nav>\n");
    }
    out.push_str("</header>\n");
}

/// `<a href>label</a>`, both escaped; `href` must be a relative path the kit made.
pub fn link(href: &str, label: &str) -> String {
    format!(
        "<a href=\"{}\">{}</a>",
        encode_double_quoted_attribute(href),
        encode_text(label)
    )
}

fn blocks(out: &mut String, items: &[Block], signature_caption: &str) {
    for b in items {
        block(out, b, signature_caption);
    }
}

fn block(out: &mut String, b: &Block, signature_caption: &str) {
    match b {
        Block::Title(content) => element(out, "h1", content),
        // The title is the page's only h1, so heading levels 1–3 are h2–h4.
        Block::Heading { level, content } => {
            element(out, &format!("h{}", (*level).clamp(1, 3) + 1), content)
        }
        Block::Paragraph(content) => element(out, "p", content),
        Block::List(list) => list_html(out, list, signature_caption),
        Block::Quote(inner) => {
            out.push_str("<blockquote>\n");
            blocks(out, inner, signature_caption);
            out.push_str("</blockquote>\n");
        }
        Block::PageBreak => {
            out.push_str("<div class=\"page-break\" role=\"presentation\"></div>\n");
        }
        Block::Signature(lines) => {
            out.push_str("<div class=\"signature\">\n");
            out.push_str("<div class=\"signing-line\" aria-hidden=\"true\"></div>\n");
            out.push_str(&format!(
                "<p class=\"signing-caption\">{}</p>\n",
                encode_text(signature_caption)
            ));
            if !lines.is_empty() {
                out.push_str("<p>");
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        out.push_str("<br />");
                    }
                    inlines(out, line);
                }
                out.push_str("</p>\n");
            }
            out.push_str("</div>\n");
        }
    }
}

fn element(out: &mut String, tag: &str, content: &[Inline]) {
    out.push_str(&format!("<{tag}>"));
    inlines(out, content);
    out.push_str(&format!("</{tag}>\n"));
}

fn list_html(out: &mut String, list: &List, signature_caption: &str) {
    let close = match list.start {
        Some(start) => {
            out.push_str(&format!("<ol start=\"{start}\">\n"));
            "</ol>\n"
        }
        None => {
            out.push_str("<ul>\n");
            "</ul>\n"
        }
    };
    for item in &list.items {
        out.push_str("<li>");
        blocks(out, item, signature_caption);
        out.push_str("</li>\n");
    }
    out.push_str(close);
}

fn inlines(out: &mut String, content: &[Inline]) {
    for inline in content {
        match inline {
            Inline::Text(text) => out.push_str(&encode_text(text)),
            Inline::Emphasis(inner) => wrapped(out, "em", inner),
            Inline::Strong(inner) => wrapped(out, "strong", inner),
            // The model makes links only to web and mail addresses (`Inline::link`).
            Inline::Link { url, content } => {
                out.push_str(&format!(
                    "<a href=\"{}\">",
                    encode_double_quoted_attribute(url)
                ));
                inlines(out, content);
                out.push_str("</a>");
            }
            Inline::FillIn(label) => out.push_str(&format!(
                "<mark class=\"fill-in\">[{}]</mark>",
                encode_text(label)
            )),
            Inline::LineBreak => out.push_str("<br />"),
        }
    }
}

fn wrapped(out: &mut String, tag: &str, content: &[Inline]) {
    out.push_str(&format!("<{tag}>"));
    inlines(out, content);
    out.push_str(&format!("</{tag}>"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::test_docs::{doc, text};
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
            .filter(|n| n.is_text())
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
        assert!(
            !html.contains("http://") && !html.contains("https://") && !html.contains("@import")
        );
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
            assert_eq!(
                all_text(footer).trim(),
                t(Lang::Es, Text::ModelLanguageNotice)
            );
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
        let mut d = doc(
            Lang::En,
            vec![
                Block::Title(vec![text(hostile)]),
                Block::Paragraph(vec![text(hostile), Inline::FillIn(hostile.into())]),
                Block::Signature(vec![vec![text(hostile)]]),
            ],
        );
        d.title = hostile.into();
        d.notice = hostile.into();
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
}
