//! Post-processing of the zip package docx-rs writes: the parts docx-rs cannot express
//! (core properties, default language) and everything that would make output vary by run.
//!
//! docx-rs stores entries uncompressed, stamps them with whatever time the zip crate picks,
//! writes "unknown" as title and creator and orders hyperlink relationships by `HashMap`
//! iteration order. Re-packing every entry here, in the original order, with Deflate and a
//! fixed timestamp makes the bytes a function of the document alone.

use std::io::{Cursor, Read, Write};

use zip::result::ZipResult;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::document::Lang;

const CORE_PART: &str = "docProps/core.xml";
const STYLES_PART: &str = "word/styles.xml";
const DOCUMENT_RELS_PART: &str = "word/_rels/document.xml.rels";

/// What the re-packed package says about the document.
pub struct Metadata<'a> {
    pub title: &'a str,
    pub lang: Lang,
}

/// The BCP 47 tag Word and LibreOffice use for spelling and hyphenation.
pub fn language_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en-US",
        Lang::Es => "es-ES",
    }
}

/// Re-packs `packed` (docx-rs output) deterministically, with our own core properties.
pub fn repack(packed: &[u8], meta: &Metadata) -> ZipResult<Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(packed))?;
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());

    for index in 0..archive.len() {
        let mut entry = archive.by_index(index)?;
        let name = entry.name().to_owned();
        if entry.is_dir() {
            out.add_directory(name, options)?;
            continue;
        }
        let mut content = Vec::new();
        entry.read_to_end(&mut content)?;
        let content = match name.as_str() {
            CORE_PART => core_properties(meta).into_bytes(),
            STYLES_PART => with_default_language(content, meta.lang),
            DOCUMENT_RELS_PART => with_sorted_relationships(content),
            _ => content,
        };
        out.start_file(name, options)?;
        out.write_all(&content)?;
    }
    Ok(out.finish()?.into_inner())
}

/// `docProps/core.xml` with title, language, creator and fixed dates (never the clock).
fn core_properties(meta: &Metadata) -> String {
    const DATE: &str = "2000-01-01T00:00:00Z";
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties"#,
            r#" xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties""#,
            r#" xmlns:dc="http://purl.org/dc/elements/1.1/""#,
            r#" xmlns:dcterms="http://purl.org/dc/terms/""#,
            r#" xmlns:dcmitype="http://purl.org/dc/dcmitype/""#,
            r#" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<dc:title>{title}</dc:title>"#,
            r#"<dc:creator>responsekit</dc:creator>"#,
            r#"<cp:lastModifiedBy>responsekit</cp:lastModifiedBy>"#,
            r#"<dc:language>{lang}</dc:language>"#,
            r#"<cp:revision>1</cp:revision>"#,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>"#,
            r#"</cp:coreProperties>"#
        ),
        title = xml_escape(&super::xml_safe(meta.title)),
        lang = language_tag(meta.lang),
        date = DATE,
    )
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Adds `<w:lang>` to the document default run properties, which docx-rs has no setter for.
///
/// `w:lang` is the last child of `w:rPr` that docx-rs could write there, so appending it just
/// before the default run properties close keeps the schema's element order.
fn with_default_language(styles: Vec<u8>, lang: Lang) -> Vec<u8> {
    const ANCHOR: &str = "</w:rPr></w:rPrDefault>";
    let xml = match String::from_utf8(styles) {
        Ok(xml) => xml,
        // docx-rs writes UTF-8; anything else is passed through rather than mangled.
        Err(not_utf8) => return not_utf8.into_bytes(),
    };
    let tag = language_tag(lang);
    let lang_element = format!(r#"<w:lang w:val="{tag}" w:eastAsia="{tag}" w:bidi="{tag}" />"#);
    xml.replacen(ANCHOR, &format!("{lang_element}{ANCHOR}"), 1)
        .into_bytes()
}

/// The relationships part with hyperlink relationships in id order.
///
/// docx-rs collects hyperlinks through a `HashMap`, so their order changes from run to run.
/// Every `<` in well-formed XML opens markup (attribute values escape it), so splitting at
/// `<` yields whole `<Relationship … />` elements.
fn with_sorted_relationships(rels: Vec<u8>) -> Vec<u8> {
    const CLOSE: &str = "</Relationships>";
    let xml = match String::from_utf8(rels) {
        Ok(xml) => xml,
        Err(not_utf8) => return not_utf8.into_bytes(),
    };
    let (Some(start), Some(end)) = (xml.find("<Relationship "), xml.rfind(CLOSE)) else {
        return xml.into_bytes();
    };
    let mut elements: Vec<&str> = xml[start..end]
        .split('<')
        .filter(|element| !element.is_empty())
        .collect();
    // Stable: other relationships keep their order and stay ahead of the hyperlinks.
    elements.sort_by_key(|element| hyperlink_number(element));
    let mut sorted = String::with_capacity(xml.len());
    sorted.push_str(&xml[..start]);
    for element in elements {
        sorted.push('<');
        sorted.push_str(element);
    }
    sorted.push_str(&xml[end..]);
    sorted.into_bytes()
}

/// `n` for a relationship with id `rIdHyperlink{n}`, `None` for any other.
fn hyperlink_number(element: &str) -> Option<usize> {
    let rest = element.split_once(r#"Id="rIdHyperlink"#)?.1;
    rest[..rest.find('"')?].parse().ok()
}
