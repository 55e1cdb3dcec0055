//! California's kits in the TRUTH Act's languages (Gov. Code § 7283.1(a)): the documents for the
//! person in seven languages, each translation marked on its first page and on the site and
//! listed by `check`; DOCX runs that name their language and East Asian face; PDFs whose CJK
//! text extracts; a language switch in each language's own script.

use crate::common::{
    alameda_build, docx_part, docx_text, pdftotext, read, shipped_build, shipped_check, W,
};

/// The languages of a California kit, as the config lists them.
const CALIFORNIA: [&str; 7] = ["en", "es", "zh-hant", "zh-hans", "tl", "vi", "ko"];

/// The documents written for the person released, in every language of the kit.
const FOR_THE_PERSON: [&str; 4] = [
    "advocates-one-pager",
    "form-interview-consent",
    "handout-release-packet",
    "notice-request-to-person",
];

fn alameda(lang: &str) -> std::path::PathBuf {
    alameda_build().join("us/ca/alameda").join(lang)
}

#[test]
fn a_california_county_kit_holds_the_documents_for_the_person_in_seven_languages() {
    for lang in CALIFORNIA {
        for doc in FOR_THE_PERSON {
            for ext in ["docx", "pdf", "html", "md"] {
                let file = alameda(lang).join(format!("{doc}.{ext}"));
                assert!(file.is_file(), "{}", file.display());
            }
        }
    }
    // The letters to ICE and the counsel memo stay in English and Spanish.
    assert!(alameda("es").join("letter-detainer.docx").is_file());
    assert!(!alameda("ko").join("letter-detainer.docx").exists());
    assert!(!alameda("vi").join("memo-counsel.pdf").exists());
    // Outside California, English and Spanish only.
    assert!(!shipped_build().join("us/il/cook/ko").exists());
}

#[test]
fn every_translation_says_on_its_first_page_that_it_is_a_draft() {
    // Each language's own words (`document.translation_draft` of its table).
    let lines = [
        ("es", "Traducción preliminar"),
        ("zh-hant", "翻譯"),
        ("zh-hans", "译文"),
        ("tl", "Paunang salin"),
        ("ko", "번역 초안"),
        ("vi", "Bản dịch"),
    ];
    for (lang, words) in lines {
        for doc in FOR_THE_PERSON {
            let pdf = std::fs::read(alameda(lang).join(format!("{doc}.pdf"))).expect("a PDF");
            let first_page = pdftotext(&pdf);
            let first_page = first_page.split('\u{c}').next().unwrap_or_default();
            assert!(first_page.contains(words), "{lang}/{doc}: {first_page}");
            let docx = docx_text(&docx_part(
                alameda(lang).join(format!("{doc}.docx")),
                "word/document.xml",
            ));
            assert!(docx.contains(words), "{lang}/{doc}.docx");
        }
    }
    // English is the original: no such line.
    let english = docx_text(&docx_part(
        alameda("en").join("form-interview-consent.docx"),
        "word/document.xml",
    ));
    assert!(
        !english.contains("Translation not yet reviewed"),
        "{english}"
    );
}

#[test]
fn the_site_marks_each_draft_beside_its_document() {
    let page = read(alameda("ko").join("index.html"));
    assert_eq!(
        page.matches("class=\"translation\"").count(),
        FOR_THE_PERSON.len(),
        "{page}"
    );
    assert!(page.contains("번역 초안"), "{page}");
    let english = read(alameda("en").join("index.html"));
    assert!(!english.contains("class=\"translation\""));
}

#[test]
fn check_lists_every_draft_translation() {
    let run = shipped_check();
    for lang in &CALIFORNIA[1..] {
        for doc in FOR_THE_PERSON {
            let note = format!("note: templates/{doc}/{lang}.md.hbs: draft translation ({lang})");
            assert!(run.stderr.contains(&note), "{note} not in check's output");
        }
    }
    assert!(!run
        .stderr
        .contains("templates/letter-detainer/en.md.hbs: draft"));
}

#[test]
fn the_chinese_and_korean_pdfs_embed_their_faces_and_their_text_extracts() {
    for (lang, face, sample) in [
        ("zh-hant", "NotoSansTC", '權'),
        ("zh-hans", "NotoSansSC", '权'),
        ("ko", "NotoSansKR", '권'),
    ] {
        let pdf = std::fs::read(alameda(lang).join("handout-release-packet.pdf")).expect("a PDF");
        let bytes = String::from_utf8_lossy(&pdf);
        assert!(bytes.contains(face), "{lang}: {face} not embedded");
        let text = pdftotext(&pdf);
        assert!(text.contains(sample), "{lang}: `{sample}` not in {text}");
    }
}

#[test]
fn every_docx_run_names_its_language_and_a_cjk_run_its_east_asian_face() {
    let xml = docx_part(
        alameda("zh-hant").join("form-interview-consent.docx"),
        "word/document.xml",
    );
    let doc = roxmltree::Document::parse(&xml).expect("well-formed");
    let runs: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "r")))
        .collect();
    assert!(runs.len() > 20);
    for run in runs
        .iter()
        .filter(|r| r.children().any(|c| c.has_tag_name((W, "t"))))
    {
        let props = run
            .children()
            .find(|c| c.has_tag_name((W, "rPr")))
            .expect("run properties");
        let lang = props
            .children()
            .find(|c| c.has_tag_name((W, "lang")))
            .expect("w:lang");
        assert_eq!(lang.attribute((W, "val")), Some("zh-TW"));
        assert_eq!(lang.attribute((W, "eastAsia")), Some("zh-TW"));
        let fonts = props
            .children()
            .find(|c| c.has_tag_name((W, "rFonts")))
            .expect("w:rFonts");
        assert_eq!(fonts.attribute((W, "eastAsia")), Some("Microsoft JhengHei"));
    }
    // Document language and title of the package.
    let core = docx_part(
        alameda("ko").join("form-interview-consent.docx"),
        "docProps/core.xml",
    );
    assert!(core.contains("<dc:language>ko-KR</dc:language>"), "{core}");
    assert!(core.contains("<dc:title>동의서"), "{core}");
    // A Latin-script language names no East Asian face.
    let xml = docx_part(
        alameda("vi").join("form-interview-consent.docx"),
        "word/document.xml",
    );
    assert!(!xml.contains("w:eastAsia=\"Microsoft"), "vi");
    assert!(xml.contains("<w:lang w:val=\"vi-VN\""), "vi");
}

#[test]
fn the_language_switch_lists_every_language_of_the_page_in_its_own_script() {
    let page = read(alameda("en").join("form-interview-consent.html"));
    for name in [
        "English",
        "Español",
        "繁體中文",
        "简体中文",
        "Tagalog",
        "Tiếng Việt",
        "한국어",
    ] {
        assert!(page.contains(name), "{name} not in the switch");
    }
    // Each named in its own language, this page's not a link.
    assert!(page.contains(
        "<a href=\"../ko/form-interview-consent.html\" hreflang=\"ko\" lang=\"ko\">한국어</a>"
    ));
    assert!(page.contains("<span aria-current=\"page\">English</span>"));
    // A letter exists in English and Spanish only: its switch lists those two.
    let letter = read(alameda("en").join("letter-detainer.html"));
    assert!(letter.contains(">Español</a>") && !letter.contains("한국어"));
    // The page's own language, for the screen reader.
    assert!(read(alameda("zh-hant").join("handout-release-packet.html"))
        .contains("<html lang=\"zh-hant\">"));
}

/// Word and LibreOffice set a CJK face's "single" line at about 1.45 of the type size: the
/// Chinese and Korean one-pagers set their lines exactly, or a county's page runs onto a
/// second sheet; headings keep their own height, and English keeps single spacing.
#[test]
fn the_cjk_one_pager_sets_exact_lines_and_english_single() {
    let spacing = |lang: &str| {
        let xml = docx_part(
            alameda(lang).join("advocates-one-pager.docx"),
            "word/styles.xml",
        );
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        let of = |node: Option<roxmltree::Node>| {
            let spacing = node
                .and_then(|n| n.descendants().find(|c| c.has_tag_name((W, "spacing"))))
                .expect("w:spacing");
            (
                spacing.attribute((W, "line")).map(str::to_owned),
                spacing.attribute((W, "lineRule")).map(str::to_owned),
            )
        };
        let body = of(doc
            .descendants()
            .find(|n| n.has_tag_name((W, "pPrDefault"))));
        let heading = of(doc.descendants().find(|n| {
            n.has_tag_name((W, "style")) && n.attribute((W, "styleId")) == Some("Heading1")
        }));
        (body, heading)
    };
    let single = (Some("240".to_owned()), Some("auto".to_owned()));
    let exact = (Some("210".to_owned()), Some("exact".to_owned()));
    for lang in ["zh-hant", "zh-hans", "ko"] {
        assert_eq!(spacing(lang), (exact.clone(), single.clone()), "{lang}");
    }
    for lang in ["en", "es", "tl", "vi"] {
        assert_eq!(spacing(lang), (single.clone(), single.clone()), "{lang}");
    }
}
