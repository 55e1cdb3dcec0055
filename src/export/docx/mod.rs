//! DOCX exporter: turns a [`Document`] into a Word-native `.docx` — real paragraph styles,
//! real list numbering, external hyperlinks, a localized "Page X of Y" footer under the
//! model-language notice (a handout has none: it is set larger, in a sans-serif, with its
//! notice at its end), a letter's continuation header on its later pages, and core properties
//! carrying the title and language.
//!
//! `body` writes the document's own XML (`word/document.xml`, the footer) straight from the
//! model with the escaping of `xml`; `styles` owns the style sheet and numbering definitions
//! (built with docx-rs, once); `package` the zip package around them. `to_docx` is pure and
//! deterministic: the same document gives the same bytes in any process, on any thread,
//! however many documents were exported before it.

mod body;
mod package;
mod running;
mod styles;
#[cfg(test)]
mod tests;
mod xml;

use super::ExportError;
use crate::document::Document;

/// Renders `doc` as the bytes of a `.docx` file.
pub(super) fn to_docx(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let body = body::document(doc);
    let footer = running::footer(doc);
    let header = running::header(doc);
    let numbering = styles::numbering_xml(&body.lists);
    package::package(&package::Parts {
        title: doc.title(),
        lang: doc.lang(),
        document: body.xml.as_bytes(),
        footer: footer.as_deref().map(str::as_bytes),
        header: header.as_bytes(),
        styles: styles::styles_xml(doc.lang(), doc.layout()),
        numbering: &numbering,
        links: &body.links,
    })
    .map_err(ExportError::Write)
}

/// The `word/document.xml` part `to_docx` writes, without zipping the package: what the
/// `markdown` fuzz target checks for well-formedness, many times faster than the whole file.
pub fn document_xml(doc: &Document) -> Vec<u8> {
    body::document(doc).xml.into_bytes()
}
