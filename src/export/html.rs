//! HTML exporter (stub).
use crate::document::Document;
pub fn to_html(_doc: &Document) -> String {
    String::new()
}
