//! Exporters: pure functions from a [`Document`] to the bytes of one file format, reached
//! through one dispatch, [`export`]`(document, format, options)`. None of them touches the
//! disk; [`crate::build`] is the one place that writes files. The document is normalised
//! ([`Document::new`]), so no exporter re-checks the model's rules. `site` writes the
//! website's own pages (home, jurisdiction index) in the HTML exporter's page shell.

pub mod bundle;
pub mod directory;
pub mod docx;
pub mod html;
pub mod markdown;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod site;

use crate::document::Document;

pub use html::Nav;

/// An output format of the kit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Word (`.docx`), for editing.
    Docx,
    /// An HTML page.
    Html,
    /// Markdown (`.md`).
    Markdown,
    /// PDF, typeset by typst (with the `pdf` feature).
    #[cfg(feature = "pdf")]
    Pdf,
}

impl Format {
    /// Every format this build supports.
    #[cfg(feature = "pdf")]
    pub const ALL: [Format; 4] = [Format::Docx, Format::Html, Format::Markdown, Format::Pdf];
    /// Every format this build supports.
    #[cfg(not(feature = "pdf"))]
    pub const ALL: [Format; 3] = [Format::Docx, Format::Html, Format::Markdown];

    /// What a download link in this format is called (the same in every language).
    pub fn label(self) -> &'static str {
        match self {
            Format::Docx => "Word (DOCX)",
            Format::Html => "HTML",
            Format::Markdown => "Markdown",
            #[cfg(feature = "pdf")]
            Format::Pdf => "PDF",
        }
    }

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Markdown => "md",
            #[cfg(feature = "pdf")]
            Format::Pdf => "pdf",
        }
    }
}

/// Why a document could not be exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The zip writer failed while assembling a package in memory.
    #[error("could not assemble a zip package ({0})")]
    Zip(#[from] zip::result::ZipError),
    /// Writing a package's bytes in memory failed (the DOCX parts, a bundle's entries).
    #[error("could not write a package in memory ({0})")]
    Write(#[from] std::io::Error),
    /// The typst compiler rejected the layout program or the document (its diagnostics).
    #[cfg(feature = "pdf")]
    #[error("could not lay out the PDF: {0}")]
    Typst(String),
}

/// What an export needs besides the document and the format.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The links around an HTML page: its place in the site, the page in other languages, the
    /// downloads. Empty for a page standing alone; other formats have no such links.
    pub nav: Nav,
}

/// Renders one document in one format.
pub fn export(doc: &Document, format: Format, options: &Options) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Docx => docx::to_docx(doc),
        Format::Html => Ok(html::to_html(doc, &options.nav).into_bytes()),
        Format::Markdown => Ok(markdown::to_markdown(doc).into_bytes()),
        #[cfg(feature = "pdf")]
        Format::Pdf => pdf::to_pdf(doc),
    }
}

/// Escaping round trips: any text the loader accepts reaches the reader verbatim, as text, in
/// every format (the Markdown round trip is in `markdown`).
#[cfg(test)]
mod properties {
    use super::*;
    use crate::document::{Block, Inline, Lang, List};
    use proptest::prelude::*;
    use std::io::Read;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// Text `Text` accepts (non-blank, none of the refused characters), rich in characters
    /// that mean something in XML, HTML, Markdown or Handlebars.
    fn loader_text() -> impl Strategy<Value = String> {
        let tricky = prop_oneof![
            3 => any::<char>(),
            2 => prop::sample::select(vec![
                '<', '>', '&', '"', '\'', '*', '_', '[', ']', '(', ')', '#', '\\', '`', '{', '}',
                '|', '!', '-', '+', '.', ' ', '\t', '\n', 'ñ', '§', '—', '€', '😀', '\u{A0}',
            ]),
            3 => prop::char::range('a', 'z'),
        ];
        prop::collection::vec(tricky, 1..40)
            .prop_map(|chars| chars.into_iter().collect::<String>())
            .prop_filter("accepted by the loader", |s| {
                // Only the markers the templates emit use the private-use area, which the
                // loader refuses, as it does U+FFFE/FFFF (not characters XML can hold).
                !crate::unicode::is_blank(s) && crate::unicode::first_refused(s).is_none()
            })
    }

    fn document(s: &str) -> Document {
        let text = |t: &str| Inline::Text(t.to_string());
        Document::new(
            s.to_string(),
            Lang::En,
            vec![
                Block::Title(vec![text(s)]),
                Block::Paragraph(vec![
                    text("before "),
                    Inline::Strong(vec![text(s)]),
                    text(" after"),
                ]),
                Block::List(List {
                    start: None,
                    items: vec![vec![Block::Paragraph(vec![Inline::Emphasis(vec![text(
                        s,
                    )])])]],
                }),
                Block::Quote(vec![Block::Paragraph(vec![text(s)])]),
                Block::Signature(vec![vec![text(s)]]),
            ],
            "Model language.".into(),
        )
    }

    /// Each paragraph's text as Word shows it: `w:t` text, `w:tab` as a tab, `w:br` as a newline.
    fn docx_paragraphs(bytes: Vec<u8>) -> Vec<String> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        let doc = roxmltree::Document::parse(&xml).expect("document.xml is well-formed");
        doc.descendants()
            .filter(|n| n.has_tag_name((W, "p")))
            .map(|p| {
                p.descendants()
                    .filter_map(|n| {
                        if n.has_tag_name((W, "t")) {
                            n.text().map(str::to_string)
                        } else if n.has_tag_name((W, "tab")) {
                            Some("\t".into())
                        } else if n.has_tag_name((W, "br")) {
                            Some("\n".into())
                        } else {
                            None
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// The text of each block element of the page's `article` (`br` as a newline).
    fn html_blocks(page: &str) -> Vec<String> {
        fn text(n: roxmltree::Node, out: &mut String) {
            for c in n.children() {
                if c.is_text() {
                    out.push_str(c.text().unwrap_or_default());
                } else if c.has_tag_name("br") {
                    out.push('\n');
                } else {
                    text(c, out);
                }
            }
        }
        let xml = page.strip_prefix("<!doctype html>\n").expect("doctype");
        let doc = roxmltree::Document::parse(xml).expect("the page is well-formed");
        doc.descendants()
            .filter(|n| ["h1", "p", "li"].iter().any(|t| n.has_tag_name(*t)))
            .map(|n| {
                let mut s = String::new();
                text(n, &mut s);
                s
            })
            .collect()
    }

    fn assert_shown(paragraphs: &[String], s: &str, format: &str) -> Result<(), TestCaseError> {
        // The model makes citations unbreakable (a no-break space after "§"): read as words.
        let words = |t: &str| t.replace('\u{A0}', " ");
        let paragraphs: Vec<String> = paragraphs.iter().map(|p| words(p)).collect();
        let s = &words(s);
        for wanted in [s.to_string(), format!("before {s} after")] {
            prop_assert!(
                paragraphs.iter().any(|p| p == &wanted),
                "{}: {:?} not a paragraph of {:?}",
                format,
                wanted,
                paragraphs
            );
        }
        // Title, list item, quote and signature each show it whole.
        let whole = paragraphs.iter().filter(|p| p.contains(s)).count();
        prop_assert!(
            whole >= 5,
            "{}: {:?} in {} paragraphs: {:?}",
            format,
            s,
            whole,
            paragraphs
        );
        Ok(())
    }

    proptest! {
        #[test]
        fn any_loader_text_is_verbatim_text_in_docx(s in loader_text()) {
            let paragraphs = docx_paragraphs(docx::to_docx(&document(&s)).unwrap());
            assert_shown(&paragraphs, &s, "DOCX")?;
        }

        #[test]
        fn any_loader_text_is_verbatim_text_in_html(s in loader_text()) {
            let page = html::to_html(&document(&s), &html::Nav::default());
            assert_shown(&html_blocks(&page), &s, "HTML")?;
        }
    }
}
