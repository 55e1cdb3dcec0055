//! DOCX exporter (stub until the real one lands).
use crate::document::Document;
pub fn to_docx(_doc: &Document) -> Result<Vec<u8>, super::ExportError> {
    Ok(Vec::new())
}
