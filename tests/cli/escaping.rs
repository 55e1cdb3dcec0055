//! Values from configs are text in every format: never HTML, Markdown or any other markup.

use crate::common::*;

const SCRIPT: &str = "<script>alert(1)</script>";
const TYPST: &str = "#set page(width: 1cm)";

#[test]
fn html_declares_the_document_language() {
    let dir = built("basic");
    let out = dir.path().join("out/us/xx/alpha");
    assert!(read(out.join("es/notice.html")).contains("<html lang=\"es\">"));
    assert!(read(out.join("en/notice.html")).contains("<html lang=\"en\">"));
}

#[test]
fn markup_in_names_renders_as_text_in_html_docx_and_markdown() {
    let dir = built("escaping");
    let base = dir.path().join("out/us/xx/evil/en/notice");

    let html = read(base.with_extension("html"));
    assert!(
        !html.to_lowercase().contains("<script"),
        "a <script> element in the HTML:\n{html}"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains(TYPST), "{html}");
    // The site's own pages carry the name too: the home page and the jurisdiction's page.
    for page in [
        "out/index.html",
        "out/index.es.html",
        "out/us/xx/evil/en/index.html",
    ] {
        // The home pages' own scripts (the search) are the only ones.
        let html = read(dir.path().join(page))
            .replace(
                "<script src=\"search-index.en.js\" defer=\"defer\"></script>",
                "",
            )
            .replace(
                "<script src=\"search-index.es.js\" defer=\"defer\"></script>",
                "",
            )
            .replace("<script src=\"search.js\" defer=\"defer\"></script>", "");
        assert!(!html.to_lowercase().contains("<script"), "{page}:\n{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page}:\n{html}"
        );
    }

    // The search index holds the name as a JSON string, which its script shows as text.
    let index = read(dir.path().join("out/search-index.en.js"));
    assert!(
        index.contains("\"name\":\"<script>alert(1)</script>\""),
        "{index}"
    );

    let docx = docx_text(&docx_part(base.with_extension("docx"), "word/document.xml"));
    assert!(
        docx.contains(&format!("Release notice for {SCRIPT}")),
        "{docx}"
    );
    assert!(docx.lines().any(|l| l == TYPST), "{docx}");

    let (text, structure) = markdown_text(&read(base.with_extension("md")));
    assert!(
        text.contains(&format!("Release notice for {SCRIPT}")),
        "{text}"
    );
    assert!(text.lines().any(|l| l == TYPST), "{text}");
    // The only raw HTML is the exporter's own comments (`<!-- signature -->`).
    assert!(
        structure
            .iter()
            .all(|s| !s.starts_with("html") || s.starts_with("html <!--")),
        "raw HTML in the Markdown: {structure:?}"
    );
}

#[test]
fn markdown_syntax_in_names_stays_text() {
    let dir = built("escaping");
    let md = read(dir.path().join("out/us/xx/stars/en/notice.md"));
    let (text, structure) = markdown_text(&md);
    assert!(
        text.contains("Release notice for *Star* & #1 County"),
        "{text}"
    );
    assert!(text.lines().any(|l| l == "# Not a heading"), "{text}");
    // Same headings and emphasis as a document whose names hold no Markdown syntax.
    let plain = built("basic");
    let (_, expected) = markdown_text(&read(plain.path().join("out/us/xx/alpha/en/notice.md")));
    assert_eq!(
        structure, expected,
        "a name turned into Markdown structure:\n{md}"
    );

    let docx = docx_text(&docx_part(
        dir.path().join("out/us/xx/stars/en/notice.docx"),
        "word/document.xml",
    ));
    assert!(
        docx.contains("Release notice for *Star* & #1 County"),
        "{docx}"
    );
    assert!(docx.lines().any(|l| l == "# Not a heading"), "{docx}");
}

#[test]
fn emoji_sequences_in_names_are_accepted_and_written_whole() {
    // 👩‍⚖️ and 🏳️‍🌈 hold zero-width joiners and variation selectors; the flag of Scotland
    // holds tag characters: all refused anywhere else, and kept here in every format.
    const NAME: &str = "\u{1F469}\u{200D}\u{2696}\u{FE0F} Pride \u{1F3F3}\u{FE0F}\u{200D}\u{1F308} County \u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
    let dir = built("escaping");
    let base = dir.path().join("out/us/xx/emoji/en/notice");
    let expected = format!("Release notice for {NAME}");

    let (text, _) = markdown_text(&read(base.with_extension("md")));
    assert!(text.contains(&expected), "{text}");
    assert!(read(base.with_extension("html")).contains(&expected));
    let docx = docx_text(&docx_part(base.with_extension("docx"), "word/document.xml"));
    assert!(docx.contains(&expected), "{docx}");
    assert!(docx.contains("Sheriff \u{260E}\u{FE0F}"), "{docx}");
}
