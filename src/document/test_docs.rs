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

/// A document in `lang` holding `blocks`, with a notice as every kit document carries.
pub(crate) fn doc(lang: Lang, blocks: Vec<Block>) -> Document {
    Document {
        title: "Responsible Release Policy".to_owned(),
        lang,
        blocks,
        notice: NOTICE.to_owned(),
    }
}
