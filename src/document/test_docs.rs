//! Builders of small documents for the unit tests of the parser and of every exporter, so all
//! of them describe a document the same way.

use super::{Block, Document, Inline, Lang};
use crate::i18n::{t, Text};

pub(crate) fn text(s: &str) -> Inline {
    Inline::Text(s.to_owned())
}

pub(crate) fn para(s: &str) -> Block {
    Block::Paragraph(vec![text(s)])
}

/// A document in `lang` holding `blocks`, with the notice every kit document carries.
pub(crate) fn doc(lang: Lang, blocks: Vec<Block>) -> Document {
    Document {
        title: "Responsible Release Policy".to_owned(),
        lang,
        blocks,
        notice: t(lang, Text::ModelLanguageNotice).to_owned(),
    }
}
