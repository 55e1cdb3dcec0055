//! The document model: what a rendered kit document *is*, independent of any output format.
//!
//! Templates render Markdown; [`parse_markdown`] turns that Markdown into this model; exporters in
//! [`crate::export`] turn the model into bytes. Keeping the model small (headings, paragraphs,
//! lists, quotes, page breaks, signature blocks, fill-ins) is what lets every format show the
//! same structure. A [`Document`] is made only by [`Document::new`], which applies the model's
//! rules once (`normalize`: nesting depth, heading levels, what may be a live link — see
//! [`Inline::link`] — and which characters text may hold), so every exporter receives a
//! document that obeys them and none applies them again.

mod normalize;
mod parse;
#[cfg(test)]
pub(crate) mod test_docs;

pub use normalize::MAX_DEPTH;
pub use parse::{
    parse_markdown, unsupported_markup, Parsed, Unsupported, CITE_CLOSE, CITE_OPEN, FILL_CLOSE,
    FILL_OPEN,
};

/// The languages live with the tables that make them (`i18n`); a document is in one.
pub use crate::i18n::Lang;
pub use crate::i18n::Translation;

/// One rendered document of a kit, ready for any exporter. Its fields are private: a
/// document exists only as [`Document::new`] made it, normalised.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    title: String,
    lang: Lang,
    blocks: Vec<Block>,
    notice: String,
    layout: Layout,
    translation: Option<Translation>,
}

/// How a document is laid out on the page, by whom it is read: the exporters' one switch
/// between the kinds of document a kit holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Policies, notices, forms and the counsel memo.
    #[default]
    Standard,
    /// A letter sent to DHS/ICE (`letter-*` templates).
    Letter,
    /// A handout for the person released (`handout-*` templates).
    Handout,
    /// A one-page sheet for advocates (`advocates-*` templates): small type, narrow margins.
    OnePage,
}

impl Layout {
    /// The layout of the document a template named `doc` makes (`letter-detainer`,
    /// `handout-release-packet`, …): the name's prefix says what it is.
    pub fn of_template(doc: &str) -> Layout {
        if doc.starts_with("letter-") {
            Layout::Letter
        } else if doc.starts_with("handout-") {
            Layout::Handout
        } else if doc.starts_with("advocates-") {
            Layout::OnePage
        } else {
            Layout::Standard
        }
    }

    /// A sheet printed and handed out (the handout, the one-pager): no footer — its notice
    /// closes it, once, in small type — and each link's address printed after its words.
    pub fn is_sheet(self) -> bool {
        matches!(self, Layout::Handout | Layout::OnePage)
    }
}

/// A block of a document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document title (the first `#` heading). Exactly one per document, first.
    Title(Vec<Inline>),
    /// `level` is 1–3 (Markdown `##` is level 1: the title takes `#`).
    Heading {
        /// 1–3.
        level: u8,
        /// The heading's text.
        content: Vec<Inline>,
    },
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A numbered or bulleted list.
    List(List),
    /// A block quote (Markdown `>`), holding blocks.
    Quote(Vec<Block>),
    /// `<!-- pagebreak -->`: what follows starts a new page.
    PageBreak,
    /// A signature block: a signing line followed by the given lines (name, title, agency).
    Signature(Vec<Vec<Inline>>),
    /// A letter's letterhead (`<!-- letterhead -->`): the sender's name, address and phone,
    /// one line each, with a rule under them.
    Letterhead(Vec<Vec<Inline>>),
    /// A letter's continuation header (`<!-- continuation -->`): the lines (addressee, subject,
    /// date) heading every page after the first, above its page number. It is not part of the
    /// flow of the text: formats without pages leave it out.
    Continuation(Vec<Vec<Inline>>),
}

/// A list: its numbering and its items.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// `Some(start)` for a numbered list, `None` for bullets.
    pub start: Option<u64>,
    /// Each item is a sequence of blocks (a paragraph, then possibly a nested list).
    pub items: Vec<Vec<Block>>,
}

/// Text within a block.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Plain text, as it reads (unescaped).
    Text(String),
    /// Italic (Markdown `*…*`).
    Emphasis(Vec<Inline>),
    /// Bold (Markdown `**…**`).
    Strong(Vec<Inline>),
    /// Made only by [`Inline::link`]: `url` is a web or mail address, as checked there.
    Link {
        /// The address.
        url: String,
        /// The link's text.
        content: Vec<Inline>,
    },
    /// A fact nobody has supplied yet; shown as `[label]`, highlighted, never left blank.
    FillIn(String),
    /// A hard line break within the block.
    LineBreak,
}

/// The schemes a document links to, in every format: web pages and e-mail addresses.
const LINK_SCHEMES: [&str; 3] = ["https", "http", "mailto"];

/// The URL as a browser or Word reads it, and its scheme in lowercase if it has one. Browsers
/// drop leading and trailing spaces and control characters and every tab or newline before
/// looking at the scheme (so `java\tscript:` is `javascript:`): the cleaned URL is what is
/// checked and what is written.
fn scheme(url: &str) -> (String, Option<String>) {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let scheme = cleaned
        .split_once(':')
        .map(|(scheme, _)| scheme)
        .filter(|s| {
            // A colon after a path, query or fragment has begun is not a scheme separator.
            let mut chars = s.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
        .map(str::to_ascii_lowercase);
    (cleaned, scheme)
}

/// Whether `url` is a web address (`https:` or `http:`), as the registry's and the configs'
/// addresses must be.
pub fn is_web_address(url: &str) -> bool {
    matches!(scheme(url).1.as_deref(), Some("https" | "http"))
}

impl Inline {
    /// A link to `url` showing `content` where `url` is a web or mail address. Any other
    /// target (`javascript:`, `file:`, `data:`, `ms-word:…`, a path without a scheme) is
    /// shown as text after the words, `words (file:///…)`, and is live in no format.
    pub fn link(url: &str, content: Vec<Inline>) -> Vec<Inline> {
        let (cleaned, scheme) = scheme(url);
        if scheme.is_some_and(|s| LINK_SCHEMES.contains(&s.as_str())) {
            return vec![Inline::Link {
                url: cleaned,
                content,
            }];
        }
        let mut out = content;
        // An address nobody has supplied yet (a fill-in) stays a visible fill-in, once.
        let unknown = url
            .strip_prefix(FILL_OPEN)
            .and_then(|u| u.strip_suffix(FILL_CLOSE))
            .filter(|label| !label.contains([FILL_OPEN, FILL_CLOSE]))
            .map(|label| Inline::FillIn(label.to_string()));
        if let Some(fill_in) = unknown {
            if out != [fill_in.clone()] {
                out.extend([Inline::Text(" (".into()), fill_in, Inline::Text(")".into())]);
            }
            return out;
        }
        if Inline::plain_text(&out) == url {
            return vec![Inline::Text(url.to_string())];
        }
        out.push(Inline::Text(format!(" ({url})")));
        out
    }

    /// The address printed after a link's words where the page is read on paper (the
    /// handout), or `None` when the words already show it. A mail link prints the address
    /// without `mailto:`.
    pub fn printed_url<'a>(url: &'a str, content: &[Inline]) -> Option<&'a str> {
        let shown = url
            .get(..7)
            .filter(|s| s.eq_ignore_ascii_case("mailto:"))
            .map_or(url, |_| &url[7..]);
        let words = Inline::plain_text(content);
        (words.trim() != shown && words.trim() != url).then_some(shown)
    }

    /// The plain text a reader sees, fill-ins shown in brackets.
    pub fn plain_text(inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            match inline {
                Inline::Text(t) => out.push_str(t),
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => {
                    out.push_str(&Inline::plain_text(c));
                }
                Inline::FillIn(label) => {
                    out.push('[');
                    out.push_str(label);
                    out.push(']');
                }
                Inline::LineBreak => out.push('\n'),
            }
        }
        out
    }
}

impl Document {
    /// The document of `blocks` in `lang`, with its plain-text `title` (the first level-1
    /// heading of the template) and the `notice` shown at the foot of every page (the "model
    /// language" notice; empty for none), normalised (see `normalize`).
    pub fn new(title: String, lang: Lang, blocks: Vec<Block>, notice: String) -> Document {
        Document {
            title: normalize::text(title),
            lang,
            blocks: normalize::blocks(blocks),
            notice: normalize::text(notice),
            layout: Layout::Standard,
            translation: None,
        }
    }

    /// The same document laid out as `layout`.
    #[must_use]
    pub fn with_layout(mut self, layout: Layout) -> Document {
        self.layout = layout;
        self
    }

    /// The same document opening with `line` in bold, just after its title (a mark it must
    /// carry on its first page, such as a draft's).
    #[must_use]
    pub fn with_opening_line(mut self, line: &str) -> Document {
        let at = usize::from(matches!(self.blocks.first(), Some(Block::Title(_))));
        let text = vec![Inline::Strong(vec![Inline::Text(line.to_string())])];
        let block = normalize::blocks(vec![Block::Paragraph(text)]);
        self.blocks.splice(at..at, block);
        self
    }

    /// The same document as a translation checked as far as `status` says, which its first
    /// page then states: just after its title (and a letter's letterhead), or on a sheet in
    /// its closing notice.
    #[must_use]
    pub fn with_translation(mut self, status: Translation) -> Document {
        self.translation = Some(status);
        let line = status.line(self.lang);
        if self.layout.is_sheet() {
            // A sheet is one page, closed by its notice: the line joins it there, on the page.
            self.notice = normalize::text(format!("{} {line}", self.notice));
            return self;
        }
        // A letter opens with its letterhead, then the line.
        let at = self
            .blocks
            .iter()
            .take_while(|b| matches!(b, Block::Title(_) | Block::Letterhead(_)))
            .count();
        let text = vec![Inline::Emphasis(vec![Inline::Text(line.to_string())])];
        let block = normalize::blocks(vec![Block::Paragraph(text)]);
        self.blocks.splice(at..at, block);
        self
    }

    /// How far its translation was checked; `None` for an original (English).
    pub fn translation(&self) -> Option<Translation> {
        self.translation
    }

    /// How it is laid out on the page.
    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// The title, as plain text, normalised.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The language it is written in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Its blocks, in reading order, normalised.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The footer line, empty for none.
    pub fn notice(&self) -> &str {
        &self.notice
    }

    /// Every fill-in label left in the document, in reading order.
    pub fn fill_ins(&self) -> Vec<String> {
        fn inlines(out: &mut Vec<String>, items: &[Inline]) {
            for i in items {
                match i {
                    Inline::FillIn(l) => out.push(l.clone()),
                    Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => {
                        inlines(out, c);
                    }
                    Inline::Text(_) | Inline::LineBreak => {}
                }
            }
        }
        fn blocks(out: &mut Vec<String>, items: &[Block]) {
            for b in items {
                match b {
                    Block::Title(c) | Block::Paragraph(c) | Block::Heading { content: c, .. } => {
                        inlines(out, c);
                    }
                    Block::List(l) => l.items.iter().for_each(|i| blocks(out, i)),
                    Block::Quote(q) => blocks(out, q),
                    Block::Signature(lines)
                    | Block::Letterhead(lines)
                    | Block::Continuation(lines) => lines.iter().for_each(|l| inlines(out, l)),
                    Block::PageBreak => {}
                }
            }
        }
        let mut out = Vec::new();
        blocks(&mut out, &self.blocks);
        out
    }
}
