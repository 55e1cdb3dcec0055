//! The zip package of a `.docx`: the parts `body` writes for each document (body, footer, header,
//! hyperlink relationships) and core properties, with the parts that are the same in every
//! document: styles and numbering (`styles`), and the package's skeleton — content types,
//! package and document relationships, settings, font table, app and custom properties,
//! comments and footnotes — as docx-rs writes them for a document with a footer and lists,
//! built once per process. Entries are written in a fixed order, deflated, with a fixed
//! timestamp, so the bytes are a function of the document alone.
//!
//! Speed: the skeleton's parts, the styles and a template's numbering are the same across
//! documents, so their deflated bytes are kept in a small process-wide cache keyed by their
//! content; the body, and parts not seen before, are compressed per document, with one
//! compressor per thread reused across documents. The output does not depend on the cache.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use docx_rs::{Docx, Footer, Header, XMLDocx};
use flate2::{Compress, Compression, FlushCompress, Status};

use super::xml;
use crate::document::Lang;

const DOCUMENT_PART: &str = "word/document.xml";
const CORE_PART: &str = "docProps/core.xml";
/// Parts that differ in every document (the body; the core properties carry the title):
/// compressed like the body and never cached, where they would only push out what recurs.
const PER_DOCUMENT: [&str; 2] = [DOCUMENT_PART, CORE_PART];

/// The parts of one document's package that are not the same in every document.
pub(super) struct Parts<'a> {
    pub(super) title: &'a str,
    pub(super) lang: Lang,
    pub(super) document: &'a [u8],
    /// `None` for a document without a footer (the handout): the package then has no footer
    /// part at all.
    pub(super) footer: Option<&'a [u8]>,
    /// `word/header1.xml`: a letter's continuation header, referred to only by letters.
    pub(super) header: &'a [u8],
    pub(super) styles: &'a [u8],
    pub(super) numbering: &'a [u8],
    /// Hyperlink targets: the `n`th (from 1) has relationship id `hyperlink_id(n)`.
    pub(super) links: &'a [&'a str],
}

/// The BCP 47 tag Word and LibreOffice use for spelling and hyphenation.
pub(super) fn language_tag(lang: Lang) -> &'static str {
    crate::i18n::t(lang, crate::i18n::Text::LanguageTag)
}

/// The parts docx-rs writes for an empty document with one header, a numbering part and one
/// footer if `footer`: what every package holds besides its own parts.
fn skeleton(footer: bool) -> &'static XMLDocx {
    static SKELETONS: OnceLock<[XMLDocx; 2]> = OnceLock::new();
    let [without, with] = SKELETONS.get_or_init(|| {
        [false, true].map(|footer| {
            let mut docx = Docx::new().header(Header::new());
            if footer {
                docx = docx.footer(Footer::new());
            }
            docx.document_rels.has_numberings = true;
            docx.build()
        })
    });
    if footer {
        with
    } else {
        without
    }
}

/// The `.docx` bytes of `parts` with the skeleton.
pub(super) fn package(parts: &Parts) -> std::io::Result<Vec<u8>> {
    let skeleton = skeleton(parts.footer.is_some());
    let mut zip = ZipOut::default();
    for dir in ["word/", "word/_rels/", "_rels/", "docProps/"] {
        zip.directory(dir);
    }
    let rels = document_relationships(&skeleton.document_rels, parts.links);
    let core = core_properties(parts.title, parts.lang).into_bytes();
    let footer_rels = skeleton.footer_rels.first().map_or(&[][..], Vec::as_slice);
    let header_rels = skeleton.header_rels.first().map_or(&[][..], Vec::as_slice);
    let entries: [(&str, &[u8]); 16] = [
        ("[Content_Types].xml", &skeleton.content_type),
        ("_rels/.rels", &skeleton.rels),
        ("docProps/app.xml", &skeleton.doc_props.app),
        (CORE_PART, &core),
        ("docProps/custom.xml", &skeleton.doc_props.custom),
        ("word/_rels/document.xml.rels", &rels),
        (DOCUMENT_PART, parts.document),
        ("word/styles.xml", parts.styles),
        ("word/settings.xml", &skeleton.settings),
        ("word/fontTable.xml", &skeleton.font_table),
        ("word/comments.xml", &skeleton.comments),
        ("word/numbering.xml", parts.numbering),
        ("word/commentsExtended.xml", &skeleton.comments_extended),
        ("word/footnotes.xml", &skeleton.footnotes),
        ("word/header1.xml", parts.header),
        ("word/_rels/header1.xml.rels", header_rels),
    ];
    for (name, content) in entries {
        zip.file(name, content)?;
    }
    if let Some(footer) = parts.footer {
        zip.file("word/footer1.xml", footer)?;
        zip.file("word/_rels/footer1.xml.rels", footer_rels)?;
    }
    Ok(zip.finish())
}

/// The skeleton's document relationships (styles, fonts, settings, numbering, footer, …)
/// followed by one external relationship per hyperlink, in id order.
fn document_relationships(skeleton: &[u8], links: &[&str]) -> Vec<u8> {
    const CLOSE: &[u8] = b"</Relationships>";
    let end = skeleton
        .windows(CLOSE.len())
        .rposition(|w| w == CLOSE)
        .unwrap_or(skeleton.len());
    let mut out = String::with_capacity(skeleton.len() + links.len() * 160);
    for (n, url) in links.iter().enumerate() {
        out.push_str(r#"<Relationship Id=""#);
        out.push_str(&super::body::hyperlink_id(n + 1));
        out.push_str(concat!(
            r#"" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink""#,
            r#" Target=""#
        ));
        xml::attribute(&mut out, url);
        out.push_str(r#"" TargetMode="External"/>"#);
    }
    let mut bytes = Vec::with_capacity(skeleton.len() + out.len());
    bytes.extend_from_slice(&skeleton[..end]);
    bytes.extend_from_slice(out.as_bytes());
    bytes.extend_from_slice(&skeleton[end..]);
    bytes
}

/// A part's deflated bytes, with what the zip headers record about it.
struct Deflated {
    crc: u32,
    size: u32,
    bytes: Vec<u8>,
}

/// Deflated parts seen before, by content: most parts are the same in every document of a
/// language (styles, settings, fonts, the footer) or of a template (numbering, relationships). Bounded: emptied when full, so a process exporting thousands of different
/// documents keeps only what recurs.
fn cache() -> &'static Mutex<HashMap<Vec<u8>, Arc<Deflated>>> {
    static CACHE: OnceLock<Mutex<HashMap<Vec<u8>, Arc<Deflated>>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}
const CACHE_ENTRIES: usize = 512;

/// `content` deflated, from the cache when it was seen before ([`PER_DOCUMENT`] parts never
/// are).
fn deflated(name: &str, content: &[u8]) -> std::io::Result<Arc<Deflated>> {
    if PER_DOCUMENT.contains(&name) {
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

/// The deflate level of per-document parts: zlib's quickest (1) instead of the default (6)
/// compresses a kit document's body several times faster; the shipped kits' DOCX are 13%
/// larger (13.4 KB on average instead of 11.9 KB). Parts that are cached are compressed once,
/// at the default level.
const BODY_LEVEL: u32 = 1;

thread_local! {
    /// Raw-deflate compressors, one per thread for bodies and one for other parts, reset
    /// between parts: setting one up allocates and clears a few hundred kilobytes.
    static COMPRESSORS: RefCell<[Compress; 2]> = RefCell::new([
        Compress::new(Compression::new(BODY_LEVEL), false),
        Compress::new(Compression::default(), false),
    ]);
}

/// Raw deflate of `content` (the zip method 8 stream): a per-document part at [`BODY_LEVEL`],
/// any other at the default level.
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
fn core_properties(title: &str, lang: Lang) -> String {
    const DATE: &str = "2000-01-01T00:00:00Z";
    let mut escaped = String::with_capacity(title.len());
    xml::text(&mut escaped, title);
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
        title = escaped,
        lang = language_tag(lang),
        date = DATE,
    )
}
