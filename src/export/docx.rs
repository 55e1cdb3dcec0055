//! DOCX exporter (stub).
use crate::document::Document;
pub fn to_docx(_doc: &Document) -> Vec<u8> {
    todo!()
}
