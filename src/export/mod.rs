//! Exporters: pure functions from a [`Document`] to the bytes of one file format.
//! None of them touches the disk; [`crate::build`] is the one place that writes files.

pub mod docx;
pub mod html;
pub mod markdown;

use crate::document::Document;

/// An output format of the kit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    Docx,
    Html,
    #[value(name = "md")]
    Markdown,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Docx, Format::Html, Format::Markdown];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Markdown => "md",
        }
    }
}

/// Why a document could not be exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// docx-rs or the zip writer failed while assembling the package in memory.
    #[error("could not assemble the DOCX package: {0}")]
    DocxPackage(#[from] zip::result::ZipError),
}

/// Renders one document in one format.
pub fn export(doc: &Document, format: Format) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Docx => docx::to_docx(doc),
        Format::Html => Ok(html::to_html(doc).into_bytes()),
        Format::Markdown => Ok(markdown::to_markdown(doc).into_bytes()),
    }
}
