//! Markdown (as rendered by the templates) → the document model.
//!
//! pulldown-cmark does the Markdown; this module only maps its events onto [`Block`] and
//! [`Inline`]. Two things Markdown has no syntax for travel as markers the template helpers emit
//! and values can never contain (the loader rejects private-use characters in input):
//! fill-ins (`FILL_OPEN label FILL_CLOSE`) and citations (`CITE_OPEN key CITE_CLOSE`, invisible,
//! collected so the document can list the authorities it cited). Page breaks and the blocks of
//! lines a letter is made of are HTML comments on a line of their own: `<!-- pagebreak -->`,
//! `<!-- signature -->`, `<!-- letterhead -->`, `<!-- continuation -->`.

use super::{Block, Inline, List, MAX_DEPTH};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Opens a fill-in's label (a private-use character).
pub const FILL_OPEN: char = '\u{E000}';
/// Closes a fill-in's label.
pub const FILL_CLOSE: char = '\u{E001}';
/// Opens a cited authority's key (a private-use character).
pub const CITE_OPEN: char = '\u{E002}';
/// Closes a cited authority's key.
pub const CITE_CLOSE: char = '\u{E003}';

/// What parsing rendered Markdown yields: the blocks, the authority keys cited, in order of
/// first citation, and whether raw HTML was dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The document's blocks, in reading order.
    pub blocks: Vec<Block>,
    /// The authority keys cited, in order of first citation, each once.
    pub cited: Vec<String>,
    /// Raw HTML (other than the markers) was left out, with any text inside it. Templates are
    /// checked for it before rendering ([`unsupported_markup`]); this catches what is assembled
    /// only at render time, from pieces that are not HTML on their own.
    pub dropped_html: bool,
}

/// The HTML comments that mean something: `<!-- pagebreak -->`, and the markers of blocks
/// of lines ([`lines_block`]).
const MARKERS: [&str; 4] = ["pagebreak", "signature", "letterhead", "continuation"];

/// How a block of lines is made from its lines.
type MakeLines = fn(Vec<Vec<Inline>>) -> Block;

/// The block a marker of lines makes of the lines of the paragraph right after it (each line
/// end kept): a signature, a letterhead, a letter's continuation header.
fn lines_block(marker: &str) -> Option<MakeLines> {
    match marker {
        "signature" => Some(Block::Signature),
        "letterhead" => Some(Block::Letterhead),
        "continuation" => Some(Block::Continuation),
        _ => None,
    }
}

/// Markup the model has no place for, whose words would be lost or run together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsupported {
    /// Raw HTML, inline or as a block (a marker aside): every format drops it.
    Html,
    /// A table (GitHub syntax): its cells would run together as one paragraph.
    Table,
}

/// The first unsupported markup of `markdown` and its byte offset, read as a template author
/// would expect it to be read (tables on).
pub fn unsupported_markup(markdown: &str) -> Option<(usize, Unsupported)> {
    Parser::new_ext(markdown, Options::ENABLE_TABLES)
        .into_offset_iter()
        .find_map(|(event, range)| match event {
            Event::Start(Tag::Table(_)) => Some((range.start, Unsupported::Table)),
            Event::Html(h) | Event::InlineHtml(h) if !is_marker(&h) => {
                Some((range.start, Unsupported::Html))
            }
            _ => None,
        })
}

fn is_marker(html: &str) -> bool {
    marker_name(html).is_some_and(|m| MARKERS.contains(&m))
}

/// Parses rendered Markdown. Never fails: constructs the model has no place for (images, and
/// tables, which are not read as such) are flattened to text, and raw HTML is dropped and
/// reported in [`Parsed::dropped_html`].
pub fn parse_markdown(markdown: &str) -> Parsed {
    // Explicit options: no tables, footnotes or smart punctuation, so what a template author
    // writes is what a reader gets.
    let options = Options::empty();
    let mut walker = Walker {
        events: Parser::new_ext(markdown, options).peekable(),
        cited: Vec::new(),
        seen_title: false,
        depth: 0,
        dropped_html: false,
    };
    let blocks = walker.blocks(None);
    Parsed {
        blocks,
        cited: walker.cited,
        dropped_html: walker.dropped_html,
    }
}

struct Walker<'a> {
    events: std::iter::Peekable<Parser<'a>>,
    cited: Vec<String>,
    seen_title: bool,
    /// Containers and inline tags open around the current event. At [`MAX_DEPTH`] the rest is
    /// read as plain text ([`Walker::flatten`]), so a template nesting thousands deep never
    /// makes this parser recurse thousands of times.
    depth: usize,
    dropped_html: bool,
}

#[derive(Default)]
struct InlineBuilder {
    out: Vec<Inline>,
    text: String,
    /// Inside a fill-in or citation marker: the label or key read so far.
    marker: Option<(char, String)>,
}

impl InlineBuilder {
    fn push_text(&mut self, s: &str, cited: &mut Vec<String>) {
        for c in s.chars() {
            match (&mut self.marker, c) {
                (None, FILL_OPEN | CITE_OPEN) => {
                    self.flush();
                    self.marker = Some((c, String::new()));
                }
                (Some((FILL_OPEN, label)), FILL_CLOSE) => {
                    let label = std::mem::take(label);
                    self.marker = None;
                    self.out.push(Inline::FillIn(label));
                }
                (Some((CITE_OPEN, key)), CITE_CLOSE) => {
                    let key = std::mem::take(key);
                    self.marker = None;
                    if !cited.contains(&key) {
                        cited.push(key);
                    }
                }
                (Some((_, buf)), c) => buf.push(c),
                (None, c) => self.text.push(c),
            }
        }
    }

    fn flush(&mut self) {
        if !self.text.is_empty() {
            let text = std::mem::take(&mut self.text);
            match self.out.last_mut() {
                Some(Inline::Text(prev)) => prev.push_str(&text),
                _ => self.out.push(Inline::Text(text)),
            }
        }
    }

    fn push(&mut self, inline: Inline) {
        self.flush();
        self.out.push(inline);
    }

    fn finish(mut self) -> Vec<Inline> {
        // An unterminated marker is shown as it was typed rather than lost.
        if let Some((_, rest)) = self.marker.take() {
            self.text.push_str(&rest);
        }
        self.flush();
        self.out
    }
}

impl Walker<'_> {
    /// Reads blocks until the end tag of the enclosing container (consumed), or the end of input.
    fn blocks(&mut self, until: Option<TagEnd>) -> Vec<Block> {
        let mut blocks = Vec::new();
        // A marker of lines was just read: the next paragraph is its lines.
        let mut lines_next: Option<MakeLines> = None;
        // Inline content directly inside a tight list item, without a paragraph around it.
        let mut loose = InlineBuilder::default();
        while let Some(event) = self.events.next() {
            match event {
                Event::End(end) if Some(end) == until => break,
                Event::Start(Tag::Paragraph) => {
                    let content = self.inlines(TagEnd::Paragraph, lines_next.is_some());
                    if let Some(make) = lines_next.take() {
                        blocks.push(make(split_lines(content)));
                    } else if !content.is_empty() {
                        blocks.push(Block::Paragraph(content));
                    }
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    let end = TagEnd::Heading(level);
                    let content = self.inlines(end, false);
                    if level == HeadingLevel::H1 && !self.seen_title {
                        self.seen_title = true;
                        blocks.push(Block::Title(content));
                    } else {
                        let level = match level {
                            HeadingLevel::H1 | HeadingLevel::H2 => 1,
                            HeadingLevel::H3 => 2,
                            _ => 3,
                        };
                        blocks.push(Block::Heading { level, content });
                    }
                }
                Event::Start(tag @ (Tag::List(_) | Tag::BlockQuote(_) | Tag::Item))
                    if self.depth >= MAX_DEPTH =>
                {
                    let flat = self.flatten(tag.to_end());
                    if !flat.is_empty() {
                        blocks.push(Block::Paragraph(flat));
                    }
                }
                Event::Start(Tag::List(start)) => {
                    let flushed = std::mem::take(&mut loose).finish();
                    if !flushed.is_empty() {
                        blocks.push(Block::Paragraph(flushed));
                    }
                    self.depth += 1;
                    blocks.push(Block::List(self.list(start)));
                    self.depth -= 1;
                }
                Event::Start(Tag::BlockQuote(kind)) => {
                    self.depth += 1;
                    blocks.push(Block::Quote(self.blocks(Some(TagEnd::BlockQuote(kind)))));
                    self.depth -= 1;
                }
                Event::Start(Tag::HtmlBlock) => {
                    let html = self.html_block();
                    let name = marker_name(&html);
                    match name.map(|n| (n, lines_block(n))) {
                        Some(("pagebreak", _)) => blocks.push(Block::PageBreak),
                        // The block's lines are the paragraph right after the marker; a marker
                        // without one is an empty block (a bare signing line), not a claim on
                        // whatever paragraph comes later.
                        Some((_, Some(make)))
                            if matches!(self.events.peek(), Some(Event::Start(Tag::Paragraph))) =>
                        {
                            lines_next = Some(make);
                        }
                        Some((_, Some(make))) => blocks.push(make(Vec::new())),
                        _ => self.dropped_html = true,
                    }
                }
                Event::Start(Tag::CodeBlock(_)) => {
                    let content = self.inlines(TagEnd::CodeBlock, false);
                    if !content.is_empty() {
                        blocks.push(Block::Paragraph(content));
                    }
                }
                Event::Rule => blocks.push(Block::PageBreak),
                Event::InlineHtml(_) => self.dropped_html = true,
                Event::Text(t) | Event::Code(t) => loose.push_text(&t, &mut self.cited),
                Event::SoftBreak => loose.push_text(" ", &mut self.cited),
                Event::HardBreak => loose.push(Inline::LineBreak),
                Event::Start(tag) => {
                    // Inline formatting directly in a tight list item.
                    let end = tag.to_end();
                    if self.depth >= MAX_DEPTH {
                        loose.push_all(self.flatten(end));
                    } else {
                        self.depth += 1;
                        let inner = self.inlines(end, false);
                        self.depth -= 1;
                        loose.push_all(wrap(tag, inner));
                    }
                }
                _ => {}
            }
        }
        let rest = loose.finish();
        if !rest.is_empty() {
            blocks.insert(0, Block::Paragraph(rest));
        }
        blocks
    }

    fn list(&mut self, start: Option<u64>) -> List {
        let mut items = Vec::new();
        while let Some(event) = self.events.next() {
            match event {
                Event::Start(Tag::Item) => items.push(self.blocks(Some(TagEnd::Item))),
                Event::End(TagEnd::List(_)) => break,
                _ => {}
            }
        }
        List { start, items }
    }

    fn html_block(&mut self) -> String {
        let mut html = String::new();
        for event in self.events.by_ref() {
            match event {
                Event::Html(h) => html.push_str(&h),
                Event::End(TagEnd::HtmlBlock) => break,
                _ => {}
            }
        }
        html
    }

    /// Reads inline content until `end` (consumed). In a signature, line ends are kept.
    fn inlines(&mut self, end: TagEnd, keep_lines: bool) -> Vec<Inline> {
        let mut builder = InlineBuilder::default();
        while let Some(event) = self.events.next() {
            match event {
                Event::End(e) if e == end => break,
                Event::InlineHtml(_) => self.dropped_html = true,
                Event::Text(t) | Event::Code(t) => builder.push_text(&t, &mut self.cited),
                Event::SoftBreak if keep_lines => builder.push(Inline::LineBreak),
                Event::SoftBreak => builder.push_text(" ", &mut self.cited),
                Event::HardBreak => builder.push(Inline::LineBreak),
                Event::Start(tag) if self.depth >= MAX_DEPTH => {
                    builder.push_all(self.flatten(tag.to_end()));
                }
                Event::Start(tag) => {
                    self.depth += 1;
                    let inner = self.inlines(tag.to_end(), keep_lines);
                    self.depth -= 1;
                    builder.push_all(wrap(tag, inner));
                }
                _ => {}
            }
        }
        builder.finish()
    }
}

impl Walker<'_> {
    /// Reads everything up to `end` (consumed) without recursing, keeping only its text (with
    /// fill-ins and citations): what nests deeper than [`MAX_DEPTH`] becomes plain text.
    fn flatten(&mut self, end: TagEnd) -> Vec<Inline> {
        let mut builder = InlineBuilder::default();
        let mut open: Vec<TagEnd> = vec![end];
        for event in self.events.by_ref() {
            match event {
                Event::Start(tag) => {
                    if matches!(tag, Tag::Paragraph | Tag::Item) && !builder.is_empty() {
                        builder.push_text(" ", &mut self.cited);
                    }
                    open.push(tag.to_end());
                }
                // pulldown-cmark's tags are balanced: each end closes the last start.
                Event::End(_) => {
                    open.pop();
                    if open.is_empty() {
                        break;
                    }
                }
                Event::Text(t) | Event::Code(t) => builder.push_text(&t, &mut self.cited),
                Event::SoftBreak | Event::HardBreak => builder.push_text(" ", &mut self.cited),
                Event::Html(_) | Event::InlineHtml(_) => self.dropped_html = true,
                _ => {}
            }
        }
        builder.finish()
    }
}

impl InlineBuilder {
    fn is_empty(&self) -> bool {
        self.out.is_empty() && self.text.is_empty()
    }

    fn push_all(&mut self, inlines: Vec<Inline>) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => self.text.push_str(&t),
                other => self.push(other),
            }
        }
    }
}

/// Applies an inline tag to its content; tags the model has no place for keep their text.
fn wrap(tag: Tag<'_>, inner: Vec<Inline>) -> Vec<Inline> {
    match tag {
        Tag::Emphasis => vec![Inline::Emphasis(inner)],
        Tag::Strong => vec![Inline::Strong(inner)],
        Tag::Link { dest_url, .. } => Inline::link(&dest_url, inner),
        _ => inner,
    }
}

fn marker_name(html: &str) -> Option<&str> {
    html.trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")
        .map(str::trim)
}

fn split_lines(content: Vec<Inline>) -> Vec<Vec<Inline>> {
    let mut lines = vec![Vec::new()];
    for inline in content {
        match inline {
            Inline::LineBreak => lines.push(Vec::new()),
            other => lines.last_mut().expect("starts with one line").push(other),
        }
    }
    lines.retain(|l| !l.is_empty());
    lines
}

#[cfg(test)]
mod tests;
