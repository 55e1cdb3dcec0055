//! HTML exporter: one standalone, accessible HTML5 page per document.
//!
//! This module owns the page: its semantic structure (skip link, `main`, `article`, `footer`),
//! its inline stylesheet (no external requests of any kind: a page may be opened offline or
//! handed to someone whose traffic is watched) and the escaping of every value written into it.
//! Void elements are self-closed so the page is also well-formed XML, which the tests rely on.

use crate::document::{Block, Document, Inline, Lang, Layout, List};
use crate::i18n::{t, Text};
use html_escape::{encode_double_quoted_attribute, encode_text};
use std::fmt::Write as _;

/// System fonts only, a readable column on any screen, and print rules for paper copies. Also
/// the base of `responsekit serve`'s stylesheet, whose previews show documents as pages do.
pub const CSS: &str = r##"
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
/* A long web address (the memo's sources) breaks anywhere rather than widen a phone's page. */
main { overflow-wrap: anywhere; }
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
.letterhead { text-align: center; border-bottom: 1px solid #1a1a1a; margin: 0 0 1.5rem; }
.letterhead p { margin: 0 0 0.5rem; }
footer { border-top: 1px solid #d0d0d0; font-size: 0.9375rem; color: #4a4a4a; }
/* One line at any width: the trail shrinks (each crumb cut with an ellipsis, the home crumb
   first), the language switch keeps its size. Links are at least 24 px tall (WCAG 2.5.8). */
header { max-width: 42rem; margin: 0 auto; padding: 1rem 1rem 0; display: flex; align-items: center;
  justify-content: space-between; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.9375rem; }
header ol, header ul, nav.downloads ul, .formats { list-style: none; margin: 0; padding: 0; display: flex;
  flex-wrap: wrap; gap: 0.25rem 0.75rem; }
header a, nav.downloads a, .formats a { display: inline-block; padding: 0.125rem 0; }
nav.crumbs { flex: 1 1 12rem; min-width: 0; }
nav.crumbs ol { flex-wrap: nowrap; }
nav.crumbs li { display: flex; min-width: 0; flex: 0 1 auto; }
nav.crumbs li:first-child { flex-shrink: 4; }
nav.crumbs a { display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
nav.crumbs li + li::before { content: "›"; margin-right: 0.75rem; color: #4a4a4a; align-self: center; }
/* Seven languages do not fit beside the trail on a phone: the switch wraps to a row of its own. */
nav.languages { flex: 0 1 auto; margin-left: auto; }
nav.languages [aria-current] { display: inline-block; padding: 0.125rem 0; font-weight: 600; }
nav.downloads { margin: 0 0 1.5rem; padding: 0.75rem 1rem; background: #f2f5f9; border-radius: 0.25rem; }
nav.downloads a { font-weight: 600; }
.kit-list, .doc-list { padding-left: 1.25rem; }
.kit-list li { margin: 0.25rem 0; }
.kit-list ul { padding-left: 1.25rem; }
.doc-list { padding: 0; list-style: none; }
.doc-list > li { margin: 0 0 1.25rem; }
.doc-list p { margin: 0.125rem 0; }
.doc-title { font-weight: 600; }
.doc-title .translation { font-weight: normal; color: #4a4a4a; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.formats { font-size: 0.9375rem; }
.audiences dt { font-weight: 600; margin-top: 0.75rem; }
.audiences dd { margin: 0.125rem 0 0; }
/* The directory's and coverage's tables scroll inside their own region on a phone, not the page. */
.table-wrap { overflow-x: auto; margin: 0 0 1.5rem; }
.table-wrap table { border-collapse: collapse; min-width: 100%; font-size: 0.9375rem; }
.table-wrap caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
.table-wrap th, .table-wrap td { text-align: left; vertical-align: top; padding: 0.375rem 0.5rem;
  border-bottom: 1px solid #d0d0d0; }
.table-wrap tfoot th, .table-wrap tfoot td { font-weight: 600; border-top: 2px solid #1a1a1a; }
.county-index { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; padding: 0; }
.county-index a { display: inline-block; padding: 0.125rem 0; }
.stale { color: #8a1c00; }
.search { margin: 1.5rem 0; }
.search label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
.search input { box-sizing: border-box; width: 100%; min-height: 2.75rem; padding: 0.5rem 0.75rem;
  font: inherit; border: 2px solid #767676; border-radius: 0.25rem; }
.search-status { color: #4a4a4a; font-size: 0.9375rem; margin: 0.5rem 0; }
.search-results { padding-left: 1.25rem; }
.search-results li { margin: 0.25rem 0; }
@media print {
  @page { margin: 2.5cm 2cm; }
  body { color: #000; background: #fff; font-size: 11pt; }
  main, footer { max-width: none; padding: 0; }
  .skip-link, header, nav.downloads, .search { display: none; }
  a, a:visited, footer, .signing-caption { color: #000; }
  a[href]::after { content: " (" attr(href) ")"; }
  a[href^="#"]::after, a.address::after { content: ""; }
  .handout { font-size: 13pt; font-family: Arial, "Liberation Sans", Helvetica, sans-serif; }
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
    /// Every language the page is written in, its own included: (language, relative href).
    pub languages: Vec<(Lang, String)>,
    /// Downloads: (label, relative href).
    pub downloads: Vec<(String, String)>,
}

/// A document as a page, with `nav` around it.
pub(super) fn to_html(doc: &Document, nav: &Nav) -> String {
    page(doc.lang(), doc.title(), nav, &body(doc), doc.notice())
}

/// A document's content as HTML, without the page around it: what [`page`] puts in its
/// `article`, and what `responsekit serve` previews.
pub fn body(doc: &Document) -> String {
    let mut body = String::new();
    // The handout is printed for the person released: set larger on paper (the print rules).
    let handout = doc.layout() == Layout::Handout;
    if handout {
        body.push_str("<div class=\"handout\">\n");
    }
    blocks(&mut body, doc.blocks(), t(doc.lang(), Text::Signature));
    if handout {
        body.push_str("</div>\n");
    }
    body
}

/// The page shell every HTML file of the kit shares: head, skip link, navigation, `main`
/// holding `body_html` (already escaped HTML) in an `article`, and the footer notice. Its text
/// holds no character XML forbids: a document's is normalised, the site's comes from checked
/// config values.
pub fn page(lang: Lang, title: &str, nav: &Nav, body_html: &str, notice: &str) -> String {
    let mut out = String::new();
    out.push_str("<!doctype html>\n");
    let _ = write!(out, "<html lang=\"{}\">\n<head>\n", lang.code());
    out.push_str("<meta charset=\"utf-8\" />\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
    // An empty inline icon: otherwise every browser asks the host for /favicon.ico.
    out.push_str("<link rel=\"icon\" href=\"data:,\" />\n");
    let _ = writeln!(out, "<title>{}</title>", encode_text(title));
    let _ = write!(out, "<style>{CSS}</style>\n</head>\n<body>\n");
    let _ = writeln!(
        out,
        "<a class=\"skip-link\" href=\"#content\">{}</a>",
        encode_text(t(lang, Text::SkipToContent))
    );
    header(&mut out, lang, nav);
    // tabindex lets the skip link move keyboard focus, not just scroll, in every browser.
    out.push_str("<main id=\"content\" tabindex=\"-1\">\n");
    if !nav.downloads.is_empty() {
        let _ = write!(
            out,
            "<nav class=\"downloads\" aria-label=\"{}\">\n<ul>\n",
            encode_double_quoted_attribute(t(lang, Text::Downloads))
        );
        for (label, href) in &nav.downloads {
            let _ = writeln!(out, "<li>{}</li>", link(href, label));
        }
        out.push_str("</ul>\n</nav>\n");
    }
    out.push_str("<article>\n");
    out.push_str(body_html);
    out.push_str("</article>\n</main>\n");
    let _ = write!(out, "<footer>\n<p>{}</p>\n</footer>\n", encode_text(notice));
    out.push_str("</body>\n</html>\n");
    out
}

fn header(out: &mut String, lang: Lang, nav: &Nav) {
    // A page in one language has no language switch.
    let switch = nav.languages.len() > 1;
    if nav.crumbs.is_empty() && !switch {
        return;
    }
    out.push_str("<header>\n");
    if !nav.crumbs.is_empty() {
        let _ = write!(
            out,
            "<nav class=\"crumbs\" aria-label=\"{}\">\n<ol>\n",
            encode_double_quoted_attribute(t(lang, Text::Breadcrumb))
        );
        for (label, href) in &nav.crumbs {
            let _ = writeln!(out, "<li>{}</li>", link(href, label));
        }
        out.push_str("</ol>\n</nav>\n");
    }
    if switch {
        let _ = write!(
            out,
            "<nav class=\"languages\" aria-label=\"{}\">\n<ul>\n",
            encode_double_quoted_attribute(t(lang, Text::Languages))
        );
        // Each language by its own name, in its own script, marked as that language; this
        // page's is not a link.
        for (other, href) in &nav.languages {
            let name = encode_text(t(*other, Text::LanguageName));
            let code = other.code();
            if *other == lang {
                let _ = writeln!(out, "<li><span aria-current=\"page\">{name}</span></li>");
            } else {
                let _ = writeln!(
                    out,
                    "<li><a href=\"{}\" hreflang=\"{code}\" lang=\"{code}\">{name}</a></li>",
                    encode_double_quoted_attribute(href),
                );
            }
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
        Block::Heading { level, content } => element(out, &format!("h{}", level + 1), content),
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
            let _ = writeln!(
                out,
                "<p class=\"signing-caption\">{}</p>",
                encode_text(signature_caption)
            );
            lines_paragraph(out, lines);
            out.push_str("</div>\n");
        }
        Block::Letterhead(lines) => {
            out.push_str("<div class=\"letterhead\">\n");
            lines_paragraph(out, lines);
            out.push_str("</div>\n");
        }
        // The header of a letter's later pages: a page on screen has none.
        Block::Continuation(_) => {}
    }
}

/// `lines` as one paragraph, a line break between them; nothing for none.
fn lines_paragraph(out: &mut String, lines: &[Vec<Inline>]) {
    if lines.is_empty() {
        return;
    }
    out.push_str("<p>");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("<br />");
        }
        inlines(out, line);
    }
    out.push_str("</p>\n");
}

fn element(out: &mut String, tag: &str, content: &[Inline]) {
    let _ = write!(out, "<{tag}>");
    inlines(out, content);
    let _ = writeln!(out, "</{tag}>");
}

fn list_html(out: &mut String, list: &List, signature_caption: &str) {
    let close = match list.start {
        Some(start) => {
            let _ = writeln!(out, "<ol start=\"{start}\">");
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
            // On paper a link's address is printed after its words (the print rules), unless
            // its words are the address already.
            Inline::Link { url, content } => {
                let class = match Inline::printed_url(url, content) {
                    Some(_) => "",
                    None => " class=\"address\"",
                };
                let _ = write!(
                    out,
                    "<a href=\"{}\"{class}>",
                    encode_double_quoted_attribute(url)
                );
                inlines(out, content);
                out.push_str("</a>");
            }
            Inline::FillIn(label) => {
                let _ = write!(
                    out,
                    "<mark class=\"fill-in\">[{}]</mark>",
                    encode_text(label)
                );
            }
            Inline::LineBreak => out.push_str("<br />"),
        }
    }
}

fn wrapped(out: &mut String, tag: &str, content: &[Inline]) {
    let _ = write!(out, "<{tag}>");
    inlines(out, content);
    let _ = write!(out, "</{tag}>");
}

#[cfg(test)]
mod tests;
