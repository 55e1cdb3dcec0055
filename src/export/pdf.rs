//! PDF exporter: lays a [`Document`] out on US Letter pages with the typst compiler, used as a
//! library, fully offline (the fonts are embedded in the binary).
//!
//! This module owns the bridge to typst: the document model serialized to JSON, the in-memory
//! [`World`] that serves that JSON and the fixed layout program `pdf.typ` (which owns the page
//! design), and the mapping of typst's diagnostics to [`ExportError`]. User text reaches typst
//! only as data, never as markup. [`to_pdf`] is pure and deterministic: no clock, no disk, no
//! network, the same bytes on every call and thread.

use std::panic::AssertUnwindSafe;
use std::sync::{LazyLock, OnceLock};

use serde_json::{json, Value};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use super::ExportError;
use crate::document::{Block, Document, Inline, List};
use crate::i18n::{t, Text};

/// The layout program; it reads the document from [`DATA_PATH`].
const PROGRAM: &str = include_str!("pdf.typ");
const PROGRAM_PATH: &str = "/main.typ";
const DATA_PATH: &str = "/doc.json";

/// How deep lists and quotes (and, separately, emphasis, strong and links) may nest before
/// deeper levels are drawn at the deepest one. Each level is one recursive call in `pdf.typ`,
/// and typst stops at 80 nested calls.
const MAX_DEPTH: usize = 16;

/// The highest number a list may start at: far beyond any real list, and below where typst's
/// numeral formatting overflows (letters) or writes thousands of characters (roman numerals).
const MAX_LIST_START: u64 = 100_000;

/// The longest URL typst accepts as a link target.
const MAX_URL_BYTES: usize = 8000;

/// Everything that is the same for every document: built once per process, because loading
/// the standard library and indexing the fonts costs far more than laying out a letter.
struct Environment {
    library: LazyHash<Library>,
    fonts: FontStore,
    main: Source,
    data: FileId,
}

static ENVIRONMENT: LazyLock<Result<Environment, String>> = LazyLock::new(|| {
    let file = |path: &str| {
        VirtualPath::new(path)
            .map(|vpath| RootedPath::new(VirtualRoot::Project, vpath).intern())
            .map_err(|e| format!("invalid virtual path {path}: {e:?}"))
    };
    let mut fonts = FontStore::new();
    fonts.extend(typst_kit::fonts::embedded());
    Ok(Environment {
        library: LazyHash::new(Library::default()),
        fonts,
        main: Source::new(file(PROGRAM_PATH)?, PROGRAM.to_owned()),
        data: file(DATA_PATH)?,
    })
});

/// One document's view of the world: the shared environment plus this document's data.
struct DocumentWorld<'a> {
    env: &'a Environment,
    data: Bytes,
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.env.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.env.fonts.book()
    }

    fn main(&self) -> FileId {
        self.env.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.env.main.id() {
            Ok(self.env.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.env.data {
            Ok(self.data.clone())
        } else if id == self.env.main.id() {
            Ok(Bytes::from_string(self.env.main.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.env.fonts.font(index)
    }

    /// A fixed date: the program never shows one, and the output must not depend on the clock.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Datetime::from_ymd(2000, 1, 1)
    }
}

/// Renders `doc` as the bytes of a PDF file.
pub fn to_pdf(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let env = ENVIRONMENT
        .as_ref()
        .map_err(|e| ExportError::Typst(e.clone()))?;
    let data = serde_json::to_vec(&document_json(doc))
        .map_err(|e| ExportError::Typst(format!("could not serialize the document: {e}")))?;
    let world = DocumentWorld {
        env,
        data: Bytes::new(data),
    };
    // typst reports problems as diagnostics, but a panic deep in layout (an arithmetic edge
    // case, say) must cost one document, not the whole kit build running on other threads.
    let result = on_typst_pool(|| {
        std::panic::catch_unwind(AssertUnwindSafe(|| compile(&world)))
            .unwrap_or_else(|_| Err(ExportError::Typst("the typst compiler panicked".to_owned())))
    })
    .unwrap_or_else(|e| {
        Err(ExportError::Typst(format!(
            "could not start a thread ({e})"
        )))
    });
    // Compilation is memoized process-wide; drop what recent documents have not reused so a
    // long run stays flat in memory while the program's own parse and evaluation stay cached.
    typst::comemo::evict(10);
    result
}

/// Runs `job` (a typst compilation) on the pool that runs nothing but typst.
///
/// typst and its PDF writer parallelize with rayon and, while they wait, run whatever else
/// their pool has queued (`rayon::yield_now`). On the build's pool that is another
/// jurisdiction's kit, which calls typst again on the same stack: a tree of a few hundred
/// jurisdictions overflowed it. So typst gets a pool of its own, and a thread of any other pool
/// hands the job to a plain thread and waits for it without running other work.
fn on_typst_pool<T: Send>(job: impl FnOnce() -> T + Send) -> std::io::Result<T> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    let pool = POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("typst-{i}"))
            .build()
            .ok()
    });
    let Some(pool) = pool else {
        return Ok(job());
    };
    if pool.current_thread_index().is_some() {
        return Ok(job());
    }
    if rayon::current_thread_index().is_none() {
        // Not a worker of any pool: `install` blocks this thread and runs nothing else on it.
        return Ok(pool.install(job));
    }
    std::thread::scope(|scope| {
        let waiter = std::thread::Builder::new().spawn_scoped(scope, || pool.install(job))?;
        // `job` catches its own panics, so joining fails only if the thread could not run it.
        waiter
            .join()
            .map_err(|_| std::io::Error::other("the typst thread stopped"))
    })
}

fn compile(world: &DocumentWorld) -> Result<Vec<u8>, ExportError> {
    let paged = typst::compile::<PagedDocument>(world)
        .output
        .map_err(|errors| ExportError::Typst(messages(&errors)))?;
    let options = PdfOptions {
        creator: Smart::Custom(Some("responsekit".to_owned())),
        // No creation date: `set document(date: none)` in the program, and no timestamp here.
        timestamp: None,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&paged, &options).map_err(|errors| ExportError::Typst(messages(&errors)))
}

fn messages(errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The JSON `pdf.typ` reads (its header documents the shape).
fn document_json(doc: &Document) -> Value {
    json!({
        "title": doc.title,
        "lang": doc.lang.code(),
        "notice": doc.notice,
        "page": t(doc.lang, Text::Page),
        "of": t(doc.lang, Text::Of),
        "blocks": blocks(&doc.blocks, 0),
    })
}

fn blocks(items: &[Block], depth: usize) -> Vec<Value> {
    let mut out = Vec::new();
    for b in items {
        block(&mut out, b, depth);
    }
    out
}

fn block(out: &mut Vec<Value>, b: &Block, depth: usize) {
    match b {
        Block::Title(content) => out.push(json!({"kind": "title", "content": inlines(content, 0)})),
        Block::Heading { level, content } => out.push(json!({
            "kind": "heading",
            "level": (*level).clamp(1, 3),
            "content": inlines(content, 0),
        })),
        Block::Paragraph(content) => {
            out.push(json!({"kind": "paragraph", "content": inlines(content, 0)}))
        }
        // Past the depth limit the inner blocks join their container's level.
        Block::List(List { items, .. }) if depth >= MAX_DEPTH => {
            items.iter().for_each(|item| {
                item.iter().for_each(|b| block(out, b, depth));
            });
        }
        Block::Quote(inner) if depth >= MAX_DEPTH => {
            inner.iter().for_each(|b| block(out, b, depth));
        }
        Block::List(list) => out.push(json!({
            "kind": "list",
            "start": list.start.map(|n| n.min(MAX_LIST_START)),
            "items": list
                .items
                .iter()
                .map(|item| blocks(item, depth + 1))
                .collect::<Vec<_>>(),
        })),
        Block::Quote(inner) => {
            out.push(json!({"kind": "quote", "blocks": blocks(inner, depth + 1)}))
        }
        // typst allows page breaks only at the top level, not inside a list or quote.
        Block::PageBreak if depth > 0 => {}
        Block::PageBreak => out.push(json!({"kind": "page-break"})),
        Block::Signature(lines) => out.push(json!({
            "kind": "signature",
            "lines": lines.iter().map(|l| inlines(l, 0)).collect::<Vec<_>>(),
        })),
    }
}

fn inlines(items: &[Inline], depth: usize) -> Vec<Value> {
    let mut out = Vec::new();
    for i in items {
        inline(&mut out, i, depth);
    }
    out
}

fn inline(out: &mut Vec<Value>, i: &Inline, depth: usize) {
    match i {
        Inline::Text(text) => out.push(json!({"kind": "text", "text": text})),
        // Past the depth limit the inner inlines keep only the outer formatting.
        Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Link { content: inner, .. }
            if depth >= MAX_DEPTH =>
        {
            inner.iter().for_each(|i| inline(out, i, depth));
        }
        Inline::Emphasis(inner) => {
            out.push(json!({"kind": "emph", "content": inlines(inner, depth + 1)}))
        }
        Inline::Strong(inner) => {
            out.push(json!({"kind": "strong", "content": inlines(inner, depth + 1)}))
        }
        Inline::Link { url, content } => out.push(json!({
            "kind": "link",
            // The model links only web and mail addresses (`Inline::link`); one longer than
            // typst takes shows its words unlinked.
            "url": Some(url).filter(|u| u.len() <= MAX_URL_BYTES),
            "content": inlines(content, depth + 1),
        })),
        Inline::FillIn(label) => out.push(json!({"kind": "fill-in", "label": label})),
        Inline::LineBreak => out.push(json!({"kind": "line-break"})),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::test_docs::{doc, para, text};
    use crate::document::Lang;
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
        let mut d = doc(
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
        );
        d.title = hostile[5].into();
        d.notice = hostile[0].into();
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
        let mut d = sample(Lang::Es);
        d.notice = t(Lang::Es, Text::ModelLanguageNotice).into();
        d.blocks.push(para(
            "¿Qué política aplica? ¡Sí! Año, niño, acción, común, también.",
        ));
        let pdf = render(&d);
        // The document language in the catalog, for screen readers and hyphenation.
        assert!(pdf.windows(9).any(|w| w == b"/Lang(es)"));
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
        let mut d = doc(
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
        );
        d.title = String::new();
        d.notice = String::new();
        render(&d);
        render(&doc(Lang::Es, vec![]));
    }
}
