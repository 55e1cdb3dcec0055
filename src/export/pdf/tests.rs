//! Unit tests of the PDF export: every kind of block lays out, the bytes are the same on every call
//! and thread, hostile text prints as text, accents survive and every font is embedded.

use super::*;
use crate::document::test_docs::{doc, handout, para, text, titled, HANDOUT_NOTICE, TITLE};
use crate::document::Lang;
use crate::document::{Block, Inline, List};
use std::process::Command;

/// A document with every block and inline kind, over two pages.
fn sample(lang: Lang) -> Document {
    doc(
        lang,
        vec![
            Block::Title(vec![text("Responsible Release Policy")]),
            Block::Heading {
                level: 1,
                content: vec![text("Purpose")],
            },
            Block::Paragraph(vec![
                text("This policy governs "),
                Inline::Emphasis(vec![text("detainer requests")]),
                text(" and "),
                Inline::Strong(vec![text("administrative warrants")]),
                text(". See "),
                Inline::Link {
                    url: "https://example.org/8-cfr-287-7".into(),
                    content: vec![text("8 C.F.R. § 287.7")],
                },
                text("."),
                Inline::LineBreak,
                text("Contact: "),
                Inline::FillIn("Sheriff's name".into()),
            ]),
            Block::Heading {
                level: 2,
                content: vec![text("Scope")],
            },
            Block::List(List {
                start: Some(3),
                items: vec![
                    vec![
                        para("third"),
                        Block::List(List {
                            start: None,
                            items: vec![vec![para("bullet")], vec![para("other bullet")]],
                        }),
                    ],
                    vec![para("fourth")],
                ],
            }),
            Block::List(List {
                start: Some(1),
                items: vec![vec![para("restarted")]],
            }),
            Block::Heading {
                level: 3,
                content: vec![text("Detail")],
            },
            Block::Quote(vec![para("Quoted statute text.")]),
            Block::PageBreak,
            para("Second page."),
            Block::Signature(vec![
                vec![Inline::FillIn("Name".into())],
                vec![text("County Counsel")],
            ]),
        ],
    )
}

fn render(doc: &Document) -> Vec<u8> {
    to_pdf(doc).unwrap_or_else(|e| panic!("{e}"))
}

/// Runs a poppler tool on `pdf`. Without it the test fails (`.ci/run` installs poppler):
/// a check that stops where its tool is missing passes without checking.
fn poppler(tool: &str, pdf: &[u8], args_after_file: &[&str]) -> String {
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    std::io::Write::write_all(&mut file, pdf).expect("write temp file");
    let output = Command::new(tool)
        .arg(file.path())
        .args(args_after_file)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run {tool} ({e}): install poppler-utils (apt-get install poppler-utils) to run the PDF tests")
        });
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The text of `pdf` with every run of whitespace collapsed to one space.
fn extracted_text(pdf: &[u8]) -> String {
    let raw = poppler("pdftotext", pdf, &["-"]);
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_kind_of_block_and_inline_lays_out() {
    let pdf = render(&sample(Lang::En));
    assert!(pdf.starts_with(b"%PDF-"));
    let info = poppler("pdfinfo", &pdf, &[]);
    assert!(info.contains("Pages:           2"), "{info}");
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    assert!(
        info.contains("Title:           Responsible Release Policy"),
        "{info}"
    );
    let text = extracted_text(&pdf);
    for expected in [
        "Responsible Release Policy",
        "Purpose",
        "detainer requests",
        "8 C.F.R. § 287.7",
        "[Sheriff's name]",
        "3. third",
        "• bullet",
        "4. fourth",
        "1. restarted",
        "Quoted statute text.",
        "Second page.",
        "[Name] County Counsel",
        "Page 1 of 2",
        "Page 2 of 2",
        "Model language for review by counsel.",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from {text}");
    }
}

#[test]
fn bytes_are_identical_across_calls_and_threads() {
    let d = sample(Lang::Es);
    let first = render(&d);
    let other = doc(Lang::En, vec![para("Something else in between.")]);
    render(&other);
    assert_eq!(first, render(&d));
    let on_thread = std::thread::spawn(move || render(&d))
        .join()
        .expect("thread");
    assert_eq!(first, on_thread);
}

#[test]
fn hostile_text_prints_as_text() {
    let hostile = [
        "#set page(width: 1cm)",
        "$x^2$",
        "<script>alert(1)</script>",
        "*bold* _emph_ = heading",
        "@ref [link] \\ {code} #pagebreak()",
        "\" ) } ] #panic(\"boom\")",
    ];
    let line = hostile.join(" ");
    let d = titled(
        hostile[5],
        Lang::En,
        vec![
            Block::Title(vec![text(hostile[0])]),
            Block::Paragraph(vec![text(&line)]),
            Block::Paragraph(vec![Inline::FillIn(hostile[1].into())]),
            Block::Paragraph(vec![Inline::Link {
                url: "\") #panic(\"boom".into(),
                content: vec![text(hostile[2])],
            }]),
            Block::Signature(vec![vec![text(hostile[5])]]),
        ],
        hostile[0],
    );
    let pdf = render(&d);
    let info = poppler("pdfinfo", &pdf, &[]);
    // One page, still Letter: no `#set page` or `#pagebreak()` took effect.
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    assert!(info.contains(hostile[5]), "title metadata: {info}");
    let text = extracted_text(&pdf);
    for h in hostile {
        assert!(text.contains(h), "{h:?} missing from {text}");
    }
    assert!(text.contains(&format!("[{}]", hostile[1])), "{text}");
}

#[test]
fn spanish_accents_survive() {
    let mut blocks = sample(Lang::Es).blocks().to_vec();
    blocks.push(para(
        "¿Qué política aplica? ¡Sí! Año, niño, acción, común, también.",
    ));
    let d = titled(
        TITLE,
        Lang::Es,
        blocks,
        t(Lang::Es, Text::ModelLanguageNotice),
    );
    let pdf = render(&d);
    // The document language in the catalog, with the region of the table's tag (es-US).
    assert!(pdf.windows(12).any(|w| w == b"/Lang(es-US)"));
    let text = extracted_text(&pdf);
    for expected in [
        "Página 1 de 2",
        "Página 2 de 2",
        "¿Qué política aplica? ¡Sí! Año, niño, acción, común, también.",
        "revisión por asesoría jurídica",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from {text}");
    }
}

#[test]
fn every_font_is_embedded() {
    let pdf = render(&sample(Lang::Es));
    let fonts = poppler("pdffonts", &pdf, &[]);
    // Two header lines, then one line per font: name type encoding emb sub uni object-id.
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        let emb = columns.len().checked_sub(5).map(|i| columns[i]);
        assert_eq!(emb, Some("yes"), "not embedded: {row}\n{fonts}");
    }
}

#[test]
fn odd_input_lays_out_without_error() {
    let mut deep = para("bottom");
    for i in 0..100 {
        deep = if i % 2 == 0 {
            Block::Quote(vec![deep, Block::PageBreak])
        } else {
            Block::List(List {
                start: Some(u64::MAX),
                items: vec![vec![deep]],
            })
        };
    }
    let mut inline = text("innermost");
    for _ in 0..100 {
        inline = Inline::Strong(vec![Inline::Emphasis(vec![inline])]);
    }
    // Through the model's constructor, as every link is made.
    let link = |url: &str| Inline::link(url, vec![text("words")]);
    let d = titled(
        "",
        Lang::En,
        vec![
            deep,
            Block::Paragraph(vec![inline]),
            Block::Paragraph(vec![]),
            Block::Heading {
                level: 9,
                content: vec![],
            },
            Block::List(List {
                start: Some(0),
                items: vec![vec![], vec![Block::Signature(vec![])]],
            }),
            Block::Paragraph(
                [
                    link(""),
                    link("javascript:alert(1)"),
                    link(&format!("https://{}", "x".repeat(MAX_URL_BYTES + 1))),
                    vec![
                        text("tab\there, nul\0, bell\u{7}, cr\r\nlf\n"),
                        Inline::FillIn(String::new()),
                    ],
                ]
                .concat(),
            ),
        ],
        "",
    );
    render(&d);
    render(&doc(Lang::Es, vec![]));
}

/// The handout's PDF has no footer (no page number, the notice once at its end) and prints
/// each link's address after its words, in both languages.
#[test]
fn a_handout_has_no_footer_and_prints_each_address() {
    for lang in [Lang::En, Lang::Es] {
        let text = extracted_text(&render(&handout(lang)));
        assert!(
            text.contains(
                "Get the card at the card's page (https://example.org/card), see https://example.org/bare or write to us (help@example.org)."
            ),
            "{lang}: {text}"
        );
        assert!(text.ends_with(HANDOUT_NOTICE), "{lang}: {text}");
        assert_eq!(text.matches(HANDOUT_NOTICE).count(), 1, "{lang}: {text}");
        for page in ["Page", "Página", " of 1", " de 1"] {
            assert!(!text.contains(page), "{lang}: `{page}` in {text}");
        }
    }
    let standard = extracted_text(&render(&doc(Lang::En, vec![para("Text.")])));
    assert!(standard.contains("Page 1 of 1"), "{standard}");
}

#[test]
fn a_letter_never_leaves_its_closing_apart_from_the_signature() {
    // However long the letter runs, "Sincerely," is on the page of the signature under it: with
    // one-line paragraphs, some length in this range puts a page break right after the closing.
    for filler in 18..40 {
        let mut blocks: Vec<Block> = (0..filler)
            .map(|i| para(&format!("Paragraph {i} of the letter.")))
            .collect();
        blocks.push(para("Sincerely,"));
        blocks.push(Block::Signature(vec![
            vec![text("Jane Roe")],
            vec![text("County Counsel")],
        ]));
        let letter = doc(Lang::En, blocks).with_layout(crate::document::Layout::Letter);
        let pages = poppler("pdftotext", &render(&letter), &["-"]);
        let page_of = |words: &str| {
            pages
                .split('\u{c}')
                .position(|page| page.contains(words))
                .unwrap_or_else(|| panic!("no `{words}` in {pages}"))
        };
        assert_eq!(
            page_of("Sincerely,"),
            page_of("Jane Roe"),
            "{filler} paragraphs"
        );
    }
}

#[test]
fn text_is_ragged_right() {
    // Justified, every line of a paragraph but its last would end at the right margin.
    let words = "The agency will not notify DHS of the date, time or place of a release \
        (Cal. Gov't Code § 7284.6(a)(1)(C)), nor keep anyone past release on a detainer. ";
    let pdf = render(&doc(Lang::En, vec![para(&words.repeat(6))]));
    let layout = poppler("pdftotext", &pdf, &["-bbox-layout", "-"]);
    let ends: Vec<f64> = layout
        .lines()
        .filter(|l| l.trim_start().starts_with("<line "))
        .filter_map(|l| l.split("xMax=\"").nth(1)?.split('"').next()?.parse().ok())
        .collect();
    // Lines that run most of the way across (the paragraph's last and the footer's do not).
    let full: Vec<f64> = ends.iter().copied().filter(|&x| x > 400.0).collect();
    assert!(full.len() > 8, "{layout}");
    let (low, high) = full
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), &x| (lo.min(x), hi.max(x)));
    assert!(
        high - low > 5.0,
        "the lines end alike, as justified text does: {full:?}"
    );
}
