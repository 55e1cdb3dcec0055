//! `word/document.xml`, written straight from the document model: one
//! `w:p` per paragraph with its Word style, list numbering by reference to `numbering.xml`,
//! `w:hyperlink`s by relationship id, bold, italic and highlighted runs. Elements and
//! attributes follow the schema's order (`WordprocessingML`, ECMA-376 part 1).

use super::styles::{self, ListInstance};
use super::xml;
use crate::document::{Block, Document, Inline, Lang, Layout, List};
use std::fmt::Write as _;

pub(super) const NAMESPACES: &str = concat!(
    r#" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#,
    r#" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#,
);
pub(super) const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// The relationship id of the footer (`package` lists it in the document's relationships).
pub(super) const FOOTER_ID: &str = "rIdFooter1";
/// The relationship id of a letter's continuation header (docx-rs's id for the first header).
pub(super) const HEADER_ID: &str = "rIdHeader1";

/// The relationship id of the `n`th hyperlink of a document, from 1.
pub(super) fn hyperlink_id(n: usize) -> String {
    format!("rIdHyperlink{n}")
}

/// What the package needs besides the body: the lists its numbering part must define (list `i`
/// is numbering id `FIRST_LIST_NUM_ID + i`) and the hyperlinks' targets, in id order.
pub(super) struct Body<'a> {
    pub(super) xml: String,
    pub(super) lists: Vec<ListInstance>,
    pub(super) links: Vec<&'a str>,
}

/// The `word/document.xml` of `doc`.
///
/// A sheet (the handout, the one-pager) has no footer: its notice is its last paragraph, in
/// small type, and each link's address is printed after its words (it is read on paper).
pub(super) fn document(doc: &Document) -> Body<'_> {
    let handout = doc.layout().is_sheet();
    let mut body = Writer::part(4096, "w:document", doc.lang());
    body.handout = handout;
    body.out.push_str("<w:body>");
    let letter = doc.layout() == Layout::Letter;
    let mut after_signature = false;
    for (i, block) in doc.blocks().iter().enumerate() {
        let next = doc.blocks().get(i + 1);
        match block {
            // A letter's title names the file (core properties), it is not printed.
            Block::Title(_) if letter => {}
            // The closing ("Sincerely,") stays on the page of the signature under it.
            Block::Paragraph(content) if matches!(next, Some(Block::Signature(_))) => {
                let closing = Properties {
                    keep_next: true,
                    keep_lines: true,
                    ..Properties::default()
                };
                body.paragraph(styles::NORMAL, closing, content);
            }
            // What follows a letter's signature (enclosures, copies) is set a line apart from it.
            Block::Paragraph(content) if letter && after_signature => {
                let apart = Properties {
                    space_before: Some(styles::LINE),
                    ..Properties::default()
                };
                body.paragraph(styles::NORMAL, apart, content);
            }
            _ => body.block(block, Context::default()),
        }
        after_signature = after_signature || matches!(block, Block::Signature(_));
    }
    if handout && !doc.notice().is_empty() {
        body.open_paragraph(styles::NOTICE, Properties::default());
        body.run(Format::default(), false, doc.notice());
        body.out.push_str("</w:p>");
    }
    // A letter's later pages are headed by its continuation lines: page 1 has the letterhead.
    let header = if continuation(doc).is_some() {
        format!(
            r#"<w:headerReference w:type="default" r:id="{HEADER_ID}"/><w:footerReference w:type="first" r:id="{FOOTER_ID}"/>"#
        )
    } else {
        String::new()
    };
    let title_page = if header.is_empty() {
        ""
    } else {
        "<w:titlePg/>"
    };
    // A sheet has no footer at all (no page number, its notice at its end).
    let footer = if handout {
        String::new()
    } else {
        format!(r#"<w:footerReference w:type="default" r:id="{FOOTER_ID}"/>"#)
    };
    let margins = styles::margins(doc.layout());
    let _ = write!(
        body.out,
        concat!(
            r#"<w:sectPr>{header}{footer}"#,
            r#"<w:pgSz w:w="{width}" w:h="{height}"/>"#,
            r#"<w:pgMar w:top="{y}" w:right="{x}" w:bottom="{y}" w:left="{x}" w:header="{h}" w:footer="{h}" w:gutter="0"/>"#,
            r#"<w:cols w:space="720"/>{title_page}</w:sectPr></w:body></w:document>"#
        ),
        header = header,
        footer = footer,
        width = styles::PAGE_WIDTH,
        height = styles::PAGE_HEIGHT,
        x = margins.0,
        y = margins.1,
        h = styles::MARGIN / 2,
        title_page = title_page,
    );
    Body {
        xml: body.out,
        lists: body.lists,
        links: body.links,
    }
}

/// The continuation lines of a letter, if it has them.
pub(super) fn continuation(doc: &Document) -> Option<&[Vec<Inline>]> {
    doc.blocks().iter().find_map(|b| match b {
        Block::Continuation(lines) => Some(lines.as_slice()),
        _ => None,
    })
}

/// Where a block sits: inside a quote, and at which level a list found here is drawn.
#[derive(Debug, Clone, Copy, Default)]
struct Context {
    in_quote: bool,
    list_level: usize,
}

/// Paragraph properties other than the style, in the schema's order.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Properties {
    keep_next: bool,
    keep_lines: bool,
    /// Numbering id and level of a list item's first paragraph.
    numbering: Option<(usize, usize)>,
    /// A rule under the paragraph (the letterhead's last line).
    rule_below: bool,
    space_before: Option<u32>,
    left_indent: Option<i32>,
}

/// Inline formatting inherited from enclosing inlines.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Format {
    bold: bool,
    italic: bool,
    link: bool,
}

pub(super) struct Writer<'a> {
    pub(super) out: String,
    lists: Vec<ListInstance>,
    links: Vec<&'a str>,
    /// Links print their address after their words.
    handout: bool,
    /// What every run says of its language, so Word and a screen reader pronounce and check
    /// its words as the document's: its East Asian face (`w:rFonts`, if the language names
    /// one) and `w:lang`, the two parts of the run properties in schema order.
    run_fonts: String,
    run_lang: String,
}

impl<'a> Writer<'a> {
    /// A writer of a part whose root element is `root`, opened with the namespaces.
    pub(super) fn part(capacity: usize, root: &str, lang: Lang) -> Writer<'a> {
        let mut out = String::with_capacity(capacity);
        out.push_str(DECLARATION);
        out.push('<');
        out.push_str(root);
        out.push_str(NAMESPACES);
        out.push('>');
        let tag = super::package::language_tag(lang);
        Writer {
            out,
            lists: Vec::new(),
            links: Vec::new(),
            handout: false,
            run_fonts: crate::i18n::east_asian_font(lang)
                .map(|font| {
                    let mut element = String::from(r#"<w:rFonts w:eastAsia=""#);
                    xml::attribute(&mut element, font);
                    element.push_str(r#""/>"#);
                    element
                })
                .unwrap_or_default(),
            run_lang: format!(r#"<w:lang w:val="{tag}" w:eastAsia="{tag}"/>"#),
        }
    }

    fn block(&mut self, block: &'a Block, cx: Context) {
        match block {
            Block::Title(content) => self.paragraph(styles::TITLE, Properties::default(), content),
            Block::Heading { level, content } => {
                self.paragraph(styles::heading(*level), Properties::default(), content);
            }
            Block::Paragraph(content) => {
                let style = if cx.in_quote {
                    styles::QUOTE
                } else {
                    styles::NORMAL
                };
                self.paragraph(style, Properties::default(), content);
            }
            Block::List(list) => self.list(list, cx.list_level),
            Block::Quote(blocks) => {
                let cx = Context {
                    in_quote: true,
                    ..cx
                };
                for b in blocks {
                    self.block(b, cx);
                }
            }
            Block::PageBreak => self
                .out
                .push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#),
            Block::Signature(lines) => self.signature(lines),
            Block::Letterhead(lines) => self.letterhead(lines),
            // Not in the flow of the text: it is the header of later pages (`header`).
            Block::Continuation(_) => {}
        }
    }

    fn paragraph(&mut self, style: &str, properties: Properties, content: &'a [Inline]) {
        self.open_paragraph(style, properties);
        self.inlines(content, Format::default());
        self.out.push_str("</w:p>");
    }

    /// `<w:p>` and its properties: the style, then the others in the schema's order.
    pub(super) fn open_paragraph(&mut self, style: &str, properties: Properties) {
        self.out.push_str(r#"<w:p><w:pPr><w:pStyle w:val=""#);
        self.out.push_str(style);
        self.out.push_str(r#""/>"#);
        if properties.keep_next {
            self.out.push_str("<w:keepNext/>");
        }
        if properties.keep_lines {
            self.out.push_str("<w:keepLines/>");
        }
        if let Some((num_id, level)) = properties.numbering {
            let _ = write!(
                self.out,
                r#"<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>"#
            );
        }
        if properties.rule_below {
            self.out.push_str(
                r#"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="4" w:color="auto"/></w:pBdr>"#,
            );
        }
        if let Some(before) = properties.space_before {
            let _ = write!(self.out, r#"<w:spacing w:before="{before}"/>"#);
        }
        if let Some(left) = properties.left_indent {
            let _ = write!(self.out, r#"<w:ind w:left="{left}"/>"#);
        }
        self.out.push_str("</w:pPr>");
    }

    fn list(&mut self, list: &'a List, level: usize) {
        let level = level.min(styles::MAX_LIST_LEVEL);
        let num_id = styles::FIRST_LIST_NUM_ID + self.lists.len();
        let start = list
            .start
            .map_or(1, |n| usize::try_from(n).unwrap_or(usize::MAX));
        self.lists.push(ListInstance {
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
            // The item's first paragraph carries the number; an item that opens with anything
            // else (or is empty) still gets a numbered, empty paragraph so the count stays
            // visible.
            let (first, rest): (&[Inline], &[Block]) = match item.split_first() {
                Some((Block::Paragraph(content), rest)) => (content, rest),
                _ => (&[], item),
            };
            let numbered = Properties {
                numbering: Some((num_id, level)),
                ..Properties::default()
            };
            self.paragraph(style, numbered, first);
            for block in rest {
                match block {
                    // Later paragraphs of the item line up with its text, unnumbered.
                    Block::Paragraph(content) => {
                        let indented = Properties {
                            left_indent: Some(styles::list_text_indent(level)),
                            ..Properties::default()
                        };
                        self.paragraph(style, indented, content);
                    }
                    other => self.block(other, nested),
                }
            }
        }
    }

    /// The sender's lines, kept together, the last one ruled under.
    fn letterhead(&mut self, lines: &'a [Vec<Inline>]) {
        for (i, line) in lines.iter().enumerate() {
            let last = i + 1 == lines.len();
            let properties = Properties {
                keep_next: !last,
                rule_below: last,
                ..Properties::default()
            };
            self.paragraph(styles::LETTERHEAD, properties, line);
        }
    }

    fn signature(&mut self, lines: &'a [Vec<Inline>]) {
        // Room to sign above the line; the block is kept on one page.
        let line = Properties {
            keep_next: true,
            keep_lines: true,
            space_before: Some(720),
            ..Properties::default()
        };
        self.open_paragraph(styles::SIGNATURE, line);
        self.out
            .push_str("<w:r><w:t>______________________________</w:t></w:r></w:p>");
        for (i, line) in lines.iter().enumerate() {
            let properties = Properties {
                keep_next: i + 1 < lines.len(),
                keep_lines: true,
                ..Properties::default()
            };
            self.paragraph(styles::SIGNATURE, properties, line);
        }
    }

    fn inlines(&mut self, content: &'a [Inline], format: Format) {
        for inline in content {
            match inline {
                Inline::Text(text) => self.run(format, false, text),
                Inline::Emphasis(inner) => self.inlines(
                    inner,
                    Format {
                        italic: true,
                        ..format
                    },
                ),
                Inline::Strong(inner) => self.inlines(
                    inner,
                    Format {
                        bold: true,
                        ..format
                    },
                ),
                // Word cannot nest hyperlinks (nor does the model): inside one, a link's words
                // keep the outer target.
                Inline::Link { content, .. } if format.link => self.inlines(content, format),
                Inline::Link { url, content } => {
                    self.links.push(url);
                    self.out.push_str(r#"<w:hyperlink r:id=""#);
                    self.out.push_str(&hyperlink_id(self.links.len()));
                    self.out.push_str(r#"" w:history="1">"#);
                    let format = Format {
                        link: true,
                        ..format
                    };
                    self.inlines(content, format);
                    self.out.push_str("</w:hyperlink>");
                    if let Some(shown) = Inline::printed_url(url, content).filter(|_| self.handout)
                    {
                        self.run(
                            Format {
                                link: false,
                                ..format
                            },
                            false,
                            &format!(" ({shown})"),
                        );
                    }
                }
                Inline::FillIn(label) => self.run(format, true, &format!("[{label}]")),
                Inline::LineBreak => {
                    self.run_start(format, false);
                    self.out.push_str(r#"<w:br w:type="textWrapping"/></w:r>"#);
                }
            }
        }
    }

    /// Opens a run and writes its properties: character style, East Asian face, bold, italic,
    /// highlight, language.
    fn run_start(&mut self, format: Format, highlight: bool) {
        self.out.push_str("<w:r><w:rPr>");
        if format.link {
            self.out.push_str(r#"<w:rStyle w:val=""#);
            self.out.push_str(styles::HYPERLINK);
            self.out.push_str(r#""/>"#);
        }
        self.out.push_str(&self.run_fonts);
        if format.bold {
            self.out.push_str("<w:b/><w:bCs/>");
        }
        if format.italic {
            self.out.push_str("<w:i/><w:iCs/>");
        }
        if highlight {
            self.out.push_str(r#"<w:highlight w:val="yellow"/>"#);
        }
        self.out.push_str(&self.run_lang);
        self.out.push_str("</w:rPr>");
    }

    /// A run showing `text`: its newlines as line breaks and its tabs as tabs, which `w:t`
    /// cannot hold.
    pub(super) fn run(&mut self, format: Format, highlight: bool, text: &str) {
        self.run_start(format, highlight);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.out.push_str(r#"<w:br w:type="textWrapping"/>"#);
            }
            for (j, segment) in line.split('\t').enumerate() {
                if j > 0 {
                    self.out.push_str("<w:tab/>");
                }
                if !segment.is_empty() {
                    xml::w_t(&mut self.out, segment);
                }
            }
        }
        self.out.push_str("</w:r>");
    }
}
