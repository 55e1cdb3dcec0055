//! The release-packet handout as the person released gets it, in each language and format:
//! no footer and no page number, a larger sans-serif in Word, the rights card's address as a
//! live link printed once, and the one plain notice for the agency at its end.

use crate::common::{alameda_build, docx_part, docx_text, pdftotext};
use std::path::PathBuf;

const CARD: &str = "https://www.ilrc.org/red-cards-tarjetas-rojas";

/// The handout of Alameda County in `lang`, with `ext`, as `build` writes it.
fn handout(lang: &str, ext: &str) -> PathBuf {
    alameda_build().join(format!("us/ca/alameda/{lang}/handout-release-packet.{ext}"))
}

fn notice(lang: &str) -> &'static str {
    match lang {
        "en" => "Model text for the agency's counsel to review before it is handed out. General information, not legal advice.",
        _ => "Texto modelo que la asesoría jurídica de la agencia debe revisar antes de entregarlo. Es información general, no asesoramiento legal.",
    }
}

#[test]
fn the_docx_has_no_footer_is_set_in_arial_and_ends_with_the_notice() {
    for lang in ["en", "es"] {
        let docx = handout(lang, "docx");
        let zip =
            zip::ZipArchive::new(std::fs::File::open(&docx).expect("the DOCX")).expect("a zip");
        assert!(
            !zip.file_names().any(|n| n.contains("footer")),
            "{lang}: a footer part: {:?}",
            zip.file_names().collect::<Vec<_>>()
        );
        let body = docx_part(&docx, "word/document.xml");
        assert!(!body.contains("footerReference"), "{lang}: {body}");
        assert!(
            !body.contains("instrText"),
            "{lang}: a field (PAGE?) in {body}"
        );
        let styles = docx_part(&docx, "word/styles.xml");
        assert!(
            styles.contains(r#"<w:sz w:val="26" />"#)
                && styles.contains(r#"w:ascii="Arial" w:hAnsi="Arial""#),
            "{lang}: not Arial 13 pt: {styles}"
        );
        let text = docx_text(&body);
        let last = text.lines().last().unwrap_or_default();
        assert!(last.starts_with(notice(lang)), "{lang}: ends with {last:?}");
        assert_eq!(text.matches(notice(lang)).count(), 1, "{lang}: {text}");
        // The address is a live link whose words are the address: printed once.
        let rels = docx_part(&docx, "word/_rels/document.xml.rels");
        assert!(
            rels.contains(&format!(r#"Target="{CARD}""#)),
            "{lang}: {rels}"
        );
        assert_eq!(text.matches(CARD).count(), 1, "{lang}: {text}");
    }
}

#[test]
fn the_pdf_has_no_page_number_and_ends_with_the_notice() {
    for lang in ["en", "es"] {
        let pdf = std::fs::read(handout(lang, "pdf")).expect("the PDF");
        let text = pdftotext(&pdf);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for page in ["Page 1", "Página 1", "1 of 1", "1 de 1"] {
            assert!(!flat.contains(page), "{lang}: `{page}` in {flat}");
        }
        assert!(flat.contains(notice(lang)), "{lang}: {flat}");
        assert_eq!(flat.matches(notice(lang)).count(), 1, "{lang}: {flat}");
        // The notice closes the page: nothing is printed below it but its own last words.
        let after = &flat[flat.find(notice(lang)).unwrap_or(0)..];
        assert!(after.len() < notice(lang).len() + 80, "{lang}: {after}");
        // The printed address may wrap inside (after "www."), as a long address does on paper.
        let unwrapped: String = flat.split_whitespace().collect();
        assert!(unwrapped.contains(CARD), "{lang}: {flat}");
    }
}

#[test]
fn the_html_prints_the_address_once_and_the_notice_in_its_footer() {
    for lang in ["en", "es"] {
        let html = std::fs::read_to_string(handout(lang, "html")).expect("the page");
        // Pages are well-formed XML but for the doctype, which an XML parser does not read.
        let xml = html.strip_prefix("<!doctype html>").unwrap_or(&html);
        let page = roxmltree::Document::parse(xml).expect("well-formed");
        let card = page
            .descendants()
            .find(|n| n.has_tag_name("a") && n.attribute("href") == Some(CARD))
            .unwrap_or_else(|| panic!("{lang}: no link to the card"));
        // Its words are the address: the print rules add nothing after it.
        assert_eq!(card.attribute("class"), Some("address"), "{lang}");
        let footer = page
            .descendants()
            .find(|n| n.has_tag_name("footer"))
            .expect("a footer");
        let words: String = footer.descendants().filter_map(|n| n.text()).collect();
        assert!(words.trim().starts_with(notice(lang)), "{lang}: {words}");
    }
}
