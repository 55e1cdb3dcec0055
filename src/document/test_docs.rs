//! Builders of small documents for the unit tests of the parser and of every exporter, so all
//! of them describe a document the same way.

use super::{Block, Document, Inline, Lang, Layout};

pub(crate) fn text(s: &str) -> Inline {
    Inline::Text(s.to_owned())
}

pub(crate) fn para(s: &str) -> Block {
    Block::Paragraph(vec![text(s)])
}

/// The notice the test documents carry: a fixed text (the real, translated one is `i18n`'s),
/// so the exporters' tests do not change when a table's words do.
pub(crate) const NOTICE: &str =
    "Model language for review by counsel. Not legal advice. Adapt and verify before use.";

/// The title the test documents carry unless one is given.
pub(crate) const TITLE: &str = "Responsible Release Policy";

/// A document in `lang` holding `blocks`, with a notice as every kit document carries.
pub(crate) fn doc(lang: Lang, blocks: Vec<Block>) -> Document {
    titled(TITLE, lang, blocks, NOTICE)
}

/// A document with the given title and notice.
pub(crate) fn titled(title: &str, lang: Lang, blocks: Vec<Block>, notice: &str) -> Document {
    Document::new(title.to_owned(), lang, blocks, notice.to_owned())
}

/// A handout in `lang`: a link whose words are not its address, one whose words are, and a
/// mail link, with the handout's kind of notice.
pub(crate) fn handout(lang: Lang) -> Document {
    let link = |url: &str, words: &str| Inline::link(url, vec![text(words)]).remove(0);
    let blocks = vec![
        Block::Title(vec![text("When You Leave")]),
        Block::Paragraph(vec![
            text("Get the card at "),
            link("https://example.org/card", "the card's page"),
            text(", see "),
            link("https://example.org/bare", "https://example.org/bare"),
            text(" or "),
            link("mailto:help@example.org", "write to us"),
            text("."),
        ]),
    ];
    titled("When You Leave", lang, blocks, HANDOUT_NOTICE).with_layout(Layout::Handout)
}

/// The notice [`handout`] carries.
pub(crate) const HANDOUT_NOTICE: &str = "Model text for counsel to review. Not legal advice.";

/// Depth of the deepest list or quote in `blocks`.
pub(crate) fn block_depth(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::List(l) => 1 + l.items.iter().map(|i| block_depth(i)).max().unwrap_or(0),
            Block::Quote(q) => 1 + block_depth(q),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}
