//! Markdown exporter (stub).
use crate::document::Document;
pub fn to_markdown(_doc: &Document) -> String {
    String::new()
}
