//! Builders of small documents for the unit tests of the parser and of every exporter, so all
//! of them describe a document the same way.

use super::{Block, Document, Inline, Lang};

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
