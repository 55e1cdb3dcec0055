//! The zip package of a `.docx`: docx-rs renders the XML parts ([`docx_rs::XMLDocx`]); this
//! module adds what docx-rs cannot express (core properties, default language), removes what
//! would make output vary by run, and writes the zip itself.
//!
//! docx-rs writes "unknown" as title and creator and orders hyperlink relationships by
//! `HashMap` iteration order; its own zip writer stores entries uncompressed with whatever time
//! the zip crate picks. Here every entry is written in docx-rs's order, deflated, with a fixed
//! timestamp, so the bytes are a function of the document alone.
//!
//! Speed: most parts (styles, settings, fonts, the footer, …) are the same in every document of
//! a language, so their deflated bytes are kept in a small process-wide cache keyed by their
//! content; the body, and parts not seen before, are compressed per document, with one
//! compressor per thread reused across documents. The output does not depend on the cache.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use docx_rs::XMLDocx;
use flate2::{Compress, Compression, FlushCompress, Status};

use crate::document::Lang;

const CORE_PART: &str = "docProps/core.xml";
const STYLES_PART: &str = "word/styles.xml";
const DOCUMENT_RELS_PART: &str = "word/_rels/document.xml.rels";
const DOCUMENT_PART: &str = "word/document.xml";

/// What the package says about the document.
pub struct Metadata<'a> {
    pub title: &'a str,
    pub lang: Lang,
}

/// The BCP 47 tag Word and LibreOffice use for spelling and hyphenation.
pub fn language_tag(lang: Lang) -> &'static str {
    crate::i18n::t(lang, crate::i18n::Text::LanguageTag)
}

/// The `.docx` bytes of docx-rs's parts, deterministically, with our own core properties.
pub fn package(xml: XMLDocx, meta: &Metadata) -> std::io::Result<Vec<u8>> {
    let mut zip = ZipOut::default();
    for dir in ["word/", "word/_rels/", "_rels/", "docProps/"] {
        zip.directory(dir);
    }
    let styles = with_default_language(xml.styles, meta.lang);
    let rels = with_sorted_relationships(xml.document_rels);
    let core = core_properties(meta).into_bytes();
    let parts: [(&str, &[u8]); 14] = [
        ("[Content_Types].xml", &xml.content_type),
        ("_rels/.rels", &xml.rels),
        ("docProps/app.xml", &xml.doc_props.app),
        (CORE_PART, &core),
        ("docProps/custom.xml", &xml.doc_props.custom),
        (DOCUMENT_RELS_PART, &rels),
        (DOCUMENT_PART, &xml.document),
        (STYLES_PART, &styles),
        ("word/settings.xml", &xml.settings),
        ("word/fontTable.xml", &xml.font_table),
        ("word/comments.xml", &xml.comments),
        ("word/numbering.xml", &xml.numberings),
        ("word/commentsExtended.xml", &xml.comments_extended),
        ("word/footnotes.xml", &xml.footnotes),
    ];
    for (name, content) in parts {
        zip.file(name, content)?;
    }
    for (i, header) in xml.headers.iter().enumerate() {
        zip.file(&format!("word/header{}.xml", i + 1), header)?;
        if let Some(rels) = xml.header_rels.get(i) {
            zip.file(&format!("word/_rels/header{}.xml.rels", i + 1), rels)?;
        }
    }
    for (i, footer) in xml.footers.iter().enumerate() {
        zip.file(&format!("word/footer{}.xml", i + 1), footer)?;
        if let Some(rels) = xml.footer_rels.get(i) {
            zip.file(&format!("word/_rels/footer{}.xml.rels", i + 1), rels)?;
        }
    }
    if !xml.media.is_empty() {
        zip.directory("word/media/");
        for (id, bytes) in &xml.media {
            zip.file(&format!("word/media/{id}.png"), bytes)?;
        }
    }
    // Task panes, web extensions and custom XML items: the exporter never adds any.
    debug_assert!(xml.taskpanes.is_none() && xml.custom_items.is_empty());
    Ok(zip.finish())
}

/// A part's deflated bytes, with what the zip headers record about it.
struct Deflated {
    crc: u32,
    size: u32,
    bytes: Vec<u8>,
}

/// Deflated parts seen before, by content: most parts are the same in every document of a
/// language (styles, settings, fonts, the footer) or of a template (numbering, relationships,
/// core properties). Bounded: emptied when full, so a process exporting thousands of different
/// documents keeps only what recurs.
fn cache() -> &'static Mutex<HashMap<Vec<u8>, Arc<Deflated>>> {
    static CACHE: OnceLock<Mutex<HashMap<Vec<u8>, Arc<Deflated>>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}
const CACHE_ENTRIES: usize = 512;

/// `content` deflated, from the cache when it was seen before. The body differs in every
/// document and is never cached.
fn deflated(name: &str, content: &[u8]) -> std::io::Result<Arc<Deflated>> {
    if name == DOCUMENT_PART {
        return deflate(content, true).map(Arc::new);
    }
    if let Some(hit) = cache().lock().ok().and_then(|c| c.get(content).cloned()) {
        return Ok(hit);
    }
    let part = Arc::new(deflate(content, false)?);
    if let Ok(mut cache) = cache().lock() {
        if cache.len() >= CACHE_ENTRIES {
            cache.clear();
        }
        cache.insert(content.to_vec(), part.clone());
    }
    Ok(part)
}

/// The body's deflate level: zlib's quickest (1) instead of the default (6) compresses a kit
/// document's body several times faster; the shipped kits' DOCX are 13% larger (13.4 KB on
/// average instead of 11.9 KB). Parts that are cached are compressed once, at the default level.
const BODY_LEVEL: u32 = 1;

thread_local! {
    /// Raw-deflate compressors, one per thread for bodies and one for other parts, reset
    /// between parts: setting one up allocates and clears a few hundred kilobytes.
    static COMPRESSORS: RefCell<[Compress; 2]> = RefCell::new([
        Compress::new(Compression::new(BODY_LEVEL), false),
        Compress::new(Compression::default(), false),
    ]);
}

/// Raw deflate of `content` (the zip method 8 stream): a body at [`BODY_LEVEL`], any other part
/// at the default level.
fn deflate(content: &[u8], body: bool) -> std::io::Result<Deflated> {
    let mut bytes = Vec::with_capacity(content.len() / 3 + 1024);
    COMPRESSORS.with(|c| {
        let mut compressors = c.borrow_mut();
        let (slot, level) = if body {
            (0, Compression::new(BODY_LEVEL))
        } else {
            (1, Compression::default())
        };
        let c = &mut compressors[slot];
        c.reset();
        let done = run(c, content, &mut bytes);
        if done.is_err() {
            // Leave a fresh compressor for the next part.
            *c = Compress::new(level, false);
        }
        done
    })?;
    let mut crc = crc32fast::Hasher::new();
    crc.update(content);
    Ok(Deflated {
        crc: crc.finalize(),
        size: u32::try_from(content.len()).map_err(std::io::Error::other)?,
        bytes,
    })
}

/// Feeds all of `content` through `c` into `out`, to the end of the stream.
fn run(c: &mut Compress, content: &[u8], out: &mut Vec<u8>) -> std::io::Result<()> {
    loop {
        let consumed = usize::try_from(c.total_in()).unwrap_or(usize::MAX);
        let input = content.get(consumed..).unwrap_or_default();
        out.reserve(1024);
        match c.compress_vec(input, out, FlushCompress::Finish) {
            Ok(Status::StreamEnd) => return Ok(()),
            Ok(_) => continue,
            Err(e) => return Err(std::io::Error::other(e)),
        }
    }
}

/// A zip archive being written in memory: local headers and data, then the central directory.
/// Every entry has the same fixed time (1980-01-01 00:00, the earliest a zip can say).
#[derive(Default)]
struct ZipOut {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;
const UNIX_FILE: u32 = 0o100644;
const UNIX_DIR: u32 = 0o040755;
/// MS-DOS directory attribute, in the low byte of the external attributes.
const DOS_DIR: u32 = 0x10;

impl ZipOut {
    fn directory(&mut self, name: &str) {
        let empty = Deflated {
            crc: 0,
            size: 0,
            bytes: Vec::new(),
        };
        self.entry(name, 0, &empty, (UNIX_DIR << 16) | DOS_DIR);
    }

    fn file(&mut self, name: &str, content: &[u8]) -> std::io::Result<()> {
        let part = deflated(name, content)?;
        self.entry(name, 8, &part, UNIX_FILE << 16);
        Ok(())
    }

    fn entry(&mut self, name: &str, method: u16, data: &Deflated, external: u32) {
        let offset = u32::try_from(self.out.len()).unwrap_or(u32::MAX);
        let compressed = u32::try_from(data.bytes.len()).unwrap_or(u32::MAX);
        let name_len = u16::try_from(name.len()).unwrap_or(u16::MAX);
        // UTF-8 names (bit 11) only when a name is not ASCII.
        let flags: u16 = if name.is_ascii() { 0 } else { 1 << 11 };
        let common = |buf: &mut Vec<u8>| {
            put16(buf, 20); // version needed: 2.0 (deflate)
            put16(buf, flags);
            put16(buf, method);
            put16(buf, DOS_TIME);
            put16(buf, DOS_DATE);
            put32(buf, data.crc);
            put32(buf, compressed);
            put32(buf, data.size);
            put16(buf, name_len);
            put16(buf, 0); // extra field length
        };
        put32(&mut self.out, 0x0403_4b50);
        common(&mut self.out);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(&data.bytes);

        put32(&mut self.central, 0x0201_4b50);
        put16(&mut self.central, (3 << 8) | 20); // made by: Unix, zip 2.0
        common(&mut self.central);
        put16(&mut self.central, 0); // comment length
        put16(&mut self.central, 0); // disk number
        put16(&mut self.central, 0); // internal attributes
        put32(&mut self.central, external);
        put32(&mut self.central, offset);
        self.central.extend_from_slice(name.as_bytes());
        self.entries += 1;
    }

    fn finish(mut self) -> Vec<u8> {
        let start = u32::try_from(self.out.len()).unwrap_or(u32::MAX);
        let size = u32::try_from(self.central.len()).unwrap_or(u32::MAX);
        self.out.append(&mut self.central);
        put32(&mut self.out, 0x0605_4b50);
        put16(&mut self.out, 0); // this disk
        put16(&mut self.out, 0); // disk with the central directory
        put16(&mut self.out, self.entries);
        put16(&mut self.out, self.entries);
        put32(&mut self.out, size);
        put32(&mut self.out, start);
        put16(&mut self.out, 0); // comment length
        self.out
    }
}

fn put16(buf: &mut Vec<u8>, v: u16) {
    buf.extend_from_slice(&v.to_le_bytes());
}

fn put32(buf: &mut Vec<u8>, v: u32) {
    buf.extend_from_slice(&v.to_le_bytes());
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
