//! The running parts of a page, written straight from the document model as the body is:
//! `word/header1.xml` (a letter's continuation header on its later pages) and
//! `word/footer1.xml` (the notice and "Page X of Y"; none for a sheet).

use super::body::{continuation, Format, Properties, Writer, DECLARATION, NAMESPACES};
use super::styles;
use super::xml;
use crate::document::{Document, Inline};
use crate::i18n::{t, Text};
use std::fmt::Write as _;

/// `word/header1.xml`: a letter's continuation header (its lines, then "Page N"), shown on
/// every page but the first; for any other document an empty header nothing refers to.
pub(super) fn header(doc: &Document) -> String {
    let mut w = Writer::part(1024, "w:hdr", doc.lang());
    match continuation(doc) {
        Some(lines) => {
            for line in lines {
                w.open_paragraph(styles::HEADER, Properties::default());
                // Text and highlighted fill-ins: a link here would need relationships of the
                // header's own, and a running head has no use for one.
                for inline in line {
                    match inline {
                        Inline::FillIn(label) => {
                            w.run(Format::default(), true, &format!("[{label}]"));
                        }
                        other => w.run(
                            Format::default(),
                            false,
                            &Inline::plain_text(std::slice::from_ref(other)),
                        ),
                    }
                }
                w.out.push_str("</w:p>");
            }
            w.open_paragraph(styles::HEADER, Properties::default());
            w.out.push_str("<w:r>");
            xml::w_t(&mut w.out, &format!("{} ", t(doc.lang(), Text::Page)));
            w.out.push_str("</w:r>");
            field(&mut w.out, "PAGE");
            w.out.push_str("</w:p>");
        }
        None => w.out.push_str("<w:p/>"),
    }
    w.out.push_str("</w:hdr>");
    w.out
}

/// A field (`PAGE`, `NUMPAGES`) Word fills in, showing 1 until it does.
fn field(out: &mut String, instruction: &str) {
    out.push_str(r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#);
    let _ = write!(
        out,
        r#"<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>"#
    );
    out.push_str(r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r>"#);
    out.push_str("<w:r><w:t>1</w:t></w:r>");
    out.push_str(r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#);
}

/// The footer of every page: the notice, then "Page X of Y" in the document's language; none
/// for a sheet (the handout, the one-pager).
pub(super) fn footer(doc: &Document) -> Option<String> {
    if doc.layout().is_sheet() {
        return None;
    }
    let mut out = String::with_capacity(1024);
    out.push_str(DECLARATION);
    out.push_str("<w:ftr");
    out.push_str(NAMESPACES);
    out.push('>');
    if !doc.notice().is_empty() {
        let _ = write!(
            out,
            r#"<w:p><w:pPr><w:pStyle w:val="{}"/></w:pPr><w:r>"#,
            styles::NOTICE
        );
        xml::w_t(&mut out, doc.notice());
        out.push_str("</w:r></w:p>");
    }
    let _ = write!(
        out,
        r#"<w:p><w:pPr><w:pStyle w:val="{}"/><w:jc w:val="center"/></w:pPr><w:r>"#,
        styles::NOTICE
    );
    xml::w_t(&mut out, &format!("{} ", t(doc.lang(), Text::Page)));
    out.push_str("</w:r>");
    field(&mut out, "PAGE");
    out.push_str("<w:r>");
    xml::w_t(&mut out, &format!(" {} ", t(doc.lang(), Text::Of)));
    out.push_str("</w:r>");
    field(&mut out, "NUMPAGES");
    out.push_str("</w:p></w:ftr>");
    Some(out)
}
