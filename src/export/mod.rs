//! Exporters: pure functions from a [`Document`] to the bytes of one file format.
//! None of them touches the disk; [`crate::build`] is the one place that writes files.

pub mod bundle;
pub mod docx;
pub mod html;
pub mod markdown;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod site;

use crate::document::Document;

/// An output format of the kit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    Docx,
    Html,
    #[value(name = "md")]
    Markdown,
    #[cfg(feature = "pdf")]
    Pdf,
}

impl Format {
    #[cfg(feature = "pdf")]
    pub const ALL: [Format; 4] = [Format::Docx, Format::Html, Format::Markdown, Format::Pdf];
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
    /// docx-rs or the zip writer failed while assembling the package in memory.
    #[error("could not assemble a zip package ({0})")]
    Zip(#[from] zip::result::ZipError),
    /// The typst compiler rejected the layout program or the document (its diagnostics).
    #[cfg(feature = "pdf")]
    #[error("could not lay out the PDF: {0}")]
    Typst(String),
}

/// Renders one document in one format.
pub fn export(doc: &Document, format: Format) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Docx => docx::to_docx(doc),
        Format::Html => Ok(html::to_html(doc, &html::Nav::default()).into_bytes()),
        Format::Markdown => Ok(markdown::to_markdown(doc).into_bytes()),
        #[cfg(feature = "pdf")]
        Format::Pdf => pdf::to_pdf(doc),
    }
}
