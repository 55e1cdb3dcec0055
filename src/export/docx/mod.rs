//! DOCX exporter: turns a [`Document`] into a Word-native `.docx` — real paragraph styles,
//! real list numbering, external hyperlinks, a localized "Page X of Y" footer under the
//! model-language notice, and core properties carrying the title and language.
//!
//! This module owns the mapping from the document model to docx-rs elements; `styles`
//! owns the style sheet and numbering definitions, `package` the final zip package.
//! [`to_docx`] is pure and deterministic: the same document gives the same bytes in any
//! process, on any thread, however many documents were exported before it.

mod package;
mod styles;
#[cfg(test)]
mod tests;

use docx_rs::{
    AlignmentType, BreakType, DocumentChild, Docx, Footer, Hyperlink, HyperlinkData, HyperlinkType,
    IndentLevel, LineSpacing, NumPages, NumberingId, PageMargin, PageNum, Paragraph,
    ParagraphChild, Run,
};

use super::ExportError;
use crate::document::{Block, Document, Inline, List};
use crate::i18n::{t, Text};

/// Renders `doc` as the bytes of a `.docx` file.
pub fn to_docx(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let (docx, lists) = word(doc);
    // Styles and numbering definitions are the same in every document: their XML is built once
    // (styles) or once per set of lists (numbering) and put in place after docx-rs renders the
    // rest, instead of being rebuilt with every document.
    let mut xml = docx.build();
    xml.styles = styles::styles_xml().to_vec();
    xml.numberings = styles::numbering_xml(&lists).to_vec();
    let meta = package::Metadata {
        title: &doc.title,
        lang: doc.lang,
    };
    package::package(xml, &meta).map_err(|e| ExportError::Zip(e.into()))
}

/// The `word/document.xml` part [`to_docx`] writes, without zipping the package: what the
/// `markdown` fuzz target checks for well-formedness, many times faster than the whole file.
pub fn document_xml(doc: &Document) -> Vec<u8> {
    word(doc).0.build().document
}

/// The docx-rs document for `doc` (without its style sheet and numbering parts, which
/// [`to_docx`] puts in from `styles`), and the list instances its numbering part must define.
fn word(doc: &Document) -> (Docx, Vec<styles::ListInstance>) {
    let mut body = Body::default();
    for block in &doc.blocks {
        body.block(block, Context::default());
    }

    let mut docx = Docx::new()
        .page_size(styles::PAGE_WIDTH, styles::PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(styles::MARGIN)
                .bottom(styles::MARGIN)
                .left(styles::MARGIN)
                .right(styles::MARGIN)
                .header(styles::MARGIN / 2)
                .footer(styles::MARGIN / 2),
        )
        .footer(
            footer(doc)
                .into_iter()
                .zip(body.paragraphs.len() + 1..)
                .map(with_para_id)
                .fold(Footer::new(), Footer::add_paragraph),
        );
    // What `Docx::add_paragraph` does, without moving the whole `Docx` (kilobytes) per paragraph.
    let has_numbering = body.paragraphs.iter().any(|p| p.has_numbering);
    docx.document_rels.has_numberings |= has_numbering;
    docx.document.has_numbering |= has_numbering;
    docx.document.children.extend(
        body.paragraphs
            .into_iter()
            .zip(1..)
            .map(with_para_id)
            .map(|p| DocumentChild::Paragraph(Box::new(p))),
    );
    (docx, body.lists)
}

/// Numbers paragraphs per document: docx-rs takes `w14:paraId` from a thread-local counter,
/// which would make a document's bytes depend on what the thread built before.
fn with_para_id((paragraph, n): (Paragraph, usize)) -> Paragraph {
    paragraph.id(format!("{n:08x}"))
}

/// The footer paragraphs of every page: the notice, then "Page X of Y" in the document's
/// language.
fn footer(doc: &Document) -> Vec<Paragraph> {
    let page_number = Paragraph::new()
        .style(styles::NOTICE)
        .align(AlignmentType::Center)
        .add_run(text_run(
            &format!("{} ", t(doc.lang, Text::Page)),
            Format::default(),
        ))
        .add_page_num(PageNum::new())
        .add_run(text_run(
            &format!(" {} ", t(doc.lang, Text::Of)),
            Format::default(),
        ))
        .add_num_pages(NumPages::new());
    if doc.notice.is_empty() {
        return vec![page_number];
    }
    let notice = Paragraph::new()
        .style(styles::NOTICE)
        .add_run(text_run(&doc.notice, Format::default()));
    vec![notice, page_number]
}

/// Where a block sits: inside a quote, and at which level a list found here is drawn.
#[derive(Debug, Clone, Copy, Default)]
struct Context {
    in_quote: bool,
    list_level: usize,
}

/// The document body being built, with the per-document counters docx-rs would otherwise
/// take from process-wide state.
#[derive(Default)]
struct Body {
    paragraphs: Vec<Paragraph>,
    /// One numbering instance per list, in order: list `i` has numbering id
    /// `FIRST_LIST_NUM_ID + i`.
    lists: Vec<styles::ListInstance>,
    /// Hyperlinks issued so far; the next one gets relationship id `rIdHyperlink{links + 1}`.
    links: usize,
}

impl Body {
    fn block(&mut self, block: &Block, cx: Context) {
        match block {
            Block::Title(content) => self.paragraph(styles::TITLE, content),
            Block::Heading { level, content } => self.paragraph(styles::heading(*level), content),
            Block::Paragraph(content) => {
                let style = if cx.in_quote {
                    styles::QUOTE
                } else {
                    styles::NORMAL
                };
                self.paragraph(style, content)
            }
            Block::List(list) => self.list(list, cx.list_level),
            Block::Quote(blocks) => {
                let cx = Context {
                    in_quote: true,
                    ..cx
                };
                blocks.iter().for_each(|b| self.block(b, cx));
            }
            Block::PageBreak => self
                .paragraphs
                .push(Paragraph::new().add_run(Run::new().add_break(BreakType::Page))),
            Block::Signature(lines) => self.signature(lines),
        }
    }

    fn paragraph(&mut self, style: &str, content: &[Inline]) {
        let paragraph = self.with_inlines(Paragraph::new().style(style), content);
        self.paragraphs.push(paragraph);
    }

    fn list(&mut self, list: &List, level: usize) {
        let level = level.min(styles::MAX_LIST_LEVEL);
        let num_id = styles::FIRST_LIST_NUM_ID + self.lists.len();
        let start = list
            .start
            .map_or(1, |n| usize::try_from(n).unwrap_or(usize::MAX));
        self.lists.push(styles::ListInstance {
            ordered: list.start.is_some(),
            level,
            start,
        });
        let style = if list.start.is_some() {
            styles::LIST_NUMBER
        } else {
            styles::LIST_BULLET
        };
        let nested = Context {
            in_quote: false,
            list_level: level + 1,
        };

        for item in &list.items {
            // The item's first paragraph carries the number; an item that opens with
            // anything else (or is empty) still gets a numbered, empty paragraph so the
            // count stays visible.
            let (first, rest): (&[Inline], &[Block]) = match item.split_first() {
                Some((Block::Paragraph(content), rest)) => (content, rest),
                _ => (&[], item),
            };
            let numbered = Paragraph::new()
                .style(style)
                .numbering(NumberingId::new(num_id), IndentLevel::new(level));
            let numbered = self.with_inlines(numbered, first);
            self.paragraphs.push(numbered);

            for block in rest {
                match block {
                    // Later paragraphs of the item line up with its text, unnumbered.
                    Block::Paragraph(content) => {
                        let indented = Paragraph::new().style(style).indent(
                            Some(styles::list_text_indent(level)),
                            None,
                            None,
                            None,
                        );
                        let indented = self.with_inlines(indented, content);
                        self.paragraphs.push(indented);
                    }
                    other => self.block(other, nested),
                }
            }
        }
    }

    fn signature(&mut self, lines: &[Vec<Inline>]) {
        // Room to sign above the line; the block is kept on one page.
        self.paragraphs.push(
            Paragraph::new()
                .style(styles::SIGNATURE)
                .keep_next(true)
                .line_spacing(LineSpacing::new().before(720))
                .add_run(Run::new().add_text("______________________________")),
        );
        for (i, line) in lines.iter().enumerate() {
            let paragraph = Paragraph::new()
                .style(styles::SIGNATURE)
                .keep_next(i + 1 < lines.len());
            let paragraph = self.with_inlines(paragraph, line);
            self.paragraphs.push(paragraph);
        }
    }

    /// Appends `content` to `paragraph`, issuing hyperlink ids from this document's counter.
    fn with_inlines(&mut self, mut paragraph: Paragraph, content: &[Inline]) -> Paragraph {
        let mut pieces = Vec::new();
        collect(content, Format::default(), &mut pieces);
        // What `add_run` and `add_hyperlink` do, without moving the paragraph per piece.
        for piece in pieces {
            let child = match piece {
                Piece::Run(run) => ParagraphChild::Run(run),
                Piece::Link { url, runs } => {
                    let mut link = self.hyperlink(url);
                    link.children
                        .extend(runs.into_iter().map(|r| ParagraphChild::Run(Box::new(r))));
                    ParagraphChild::Hyperlink(link)
                }
            };
            paragraph.children.push(child);
        }
        paragraph
    }

    fn hyperlink(&mut self, url: &str) -> Hyperlink {
        self.links += 1;
        let mut link = Hyperlink::new(xml_safe(url).into_owned(), HyperlinkType::External);
        // docx-rs numbers relationship ids from a process-wide counter; renumber per document.
        if let HyperlinkData::External { rid, .. } = &mut link.link {
            *rid = format!("rIdHyperlink{}", self.links);
        }
        link
    }
}

/// Inline formatting inherited from enclosing inlines.
#[derive(Debug, Clone, Copy, Default)]
struct Format {
    bold: bool,
    italic: bool,
    link: bool,
}

impl Format {
    fn run(self) -> Run {
        let run = Run::new();
        let run = if self.bold { run.bold() } else { run };
        let run = if self.italic { run.italic() } else { run };
        if self.link {
            run.style(styles::HYPERLINK)
        } else {
            run
        }
    }
}

/// A paragraph child: a run, or a hyperlink around runs.
enum Piece<'a> {
    // Boxed: a `Run` is hundreds of bytes, the link variant a few words.
    Run(Box<Run>),
    Link { url: &'a str, runs: Vec<Run> },
}

impl From<Run> for Piece<'_> {
    fn from(run: Run) -> Self {
        Piece::Run(Box::new(run))
    }
}

impl Piece<'_> {
    fn into_runs(self) -> Vec<Run> {
        match self {
            Piece::Run(run) => vec![*run],
            Piece::Link { runs, .. } => runs,
        }
    }
}

fn collect<'a>(content: &'a [Inline], format: Format, out: &mut Vec<Piece<'a>>) {
    for inline in content {
        match inline {
            Inline::Text(text) => out.push(text_run(text, format).into()),
            Inline::Emphasis(inner) => collect(
                inner,
                Format {
                    italic: true,
                    ..format
                },
                out,
            ),
            Inline::Strong(inner) => collect(
                inner,
                Format {
                    bold: true,
                    ..format
                },
                out,
            ),
            Inline::Link { url, content } => {
                let mut inner = Vec::new();
                collect(
                    content,
                    Format {
                        link: true,
                        ..format
                    },
                    &mut inner,
                );
                // Word cannot nest hyperlinks: a link inside a link keeps the outer target.
                let runs = inner.into_iter().flat_map(Piece::into_runs).collect();
                out.push(Piece::Link { url, runs });
            }
            Inline::FillIn(label) => out.push(Piece::from(
                text_run(&format!("[{label}]"), format).highlight("yellow"),
            )),
            Inline::LineBreak => {
                out.push(Piece::from(format.run().add_break(BreakType::TextWrapping)))
            }
        }
    }
}

/// A run showing `text`: newlines become line breaks and tabs real tabs, because docx-rs
/// drops the former and writes the latter literally.
fn text_run(text: &str, format: Format) -> Run {
    let mut run = format.run();
    for (i, line) in xml_safe(text).split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        for (j, segment) in line.split('\t').enumerate() {
            if j > 0 {
                run = run.add_tab();
            }
            if !segment.is_empty() {
                run = run.add_text(segment);
            }
        }
    }
    run
}

/// `text` without the characters XML 1.0 forbids (docx-rs writes them raw and Word then
/// refuses the file). Tabs and newlines stay for the caller to map; carriage returns become
/// newlines.
fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let allowed =
        |c: char| matches!(c, '\t' | '\n') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'));
    // Almost all text is already safe: no copy then.
    if text.chars().all(allowed) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(xml_safe_owned(text))
}

fn xml_safe_owned(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|&c| {
            matches!(c, '\t' | '\n') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        })
        .collect()
}
