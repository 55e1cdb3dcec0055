//! Bytes → rendered Markdown → the document model → DOCX, HTML and Markdown. Never a panic;
//! the HTML page and the DOCX's `word/document.xml` are well-formed XML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use responsekit::document::{parse_markdown, Document, Lang};
use responsekit::export::{docx, export, Format, Options};
use std::io::Read;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = parse_markdown(text);
    let doc = Document::new(
        "Fuzz".into(),
        Lang::En,
        parsed.blocks,
        "Model language.".into(),
    );
    let options = Options::default();
    let page = String::from_utf8(export(&doc, Format::Html, &options).expect("a page"))
        .expect("the page is UTF-8");
    let xml = page
        .strip_prefix("<!doctype html>\n")
        .expect("the page starts with its doctype");
    if let Err(e) = roxmltree::Document::parse(xml) {
        panic!("HTML is not well-formed: {e}");
    }
    // The body as it goes into the package, for every input; the whole package (styles,
    // numbering, zip) for one input in 64, as zipping twice costs far more than the rest.
    let body = String::from_utf8(docx::document_xml(&doc)).expect("document.xml is UTF-8");
    if let Err(e) = roxmltree::Document::parse(&body) {
        panic!("document.xml is not well-formed: {e}");
    }
    if data.iter().fold(0u8, |a, b| a.wrapping_add(*b)) % 64 == 0 {
        let bytes = export(&doc, Format::Docx, &options).expect("a DOCX is assembled");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
        let mut packed = String::new();
        zip.by_name("word/document.xml")
            .expect("a DOCX has word/document.xml")
            .read_to_string(&mut packed)
            .expect("document.xml is UTF-8");
        assert_eq!(packed, body);
    }
    let _ = export(&doc, Format::Markdown, &options);
});
