//! PDF exporter: lays a [`Document`] out on US Letter pages with the typst compiler, used as a
//! library, fully offline (the fonts are embedded in the binary).
//!
//! This module owns the bridge to typst: the document model serialized to JSON, the in-memory
//! [`World`] that serves that JSON and the fixed layout program `pdf.typ` (which owns the page
//! design), and the mapping of typst's diagnostics to [`ExportError`]. User text reaches typst
//! only as data, never as markup. `to_pdf` is pure and deterministic: no clock, no disk, no
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
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use super::ExportError;
use crate::document::{Block, Document, Inline, Layout};
use crate::i18n::{t, Text};

/// The layout program; it reads the document from [`DATA_PATH`].
const PROGRAM: &str = include_str!("pdf.typ");
const PROGRAM_PATH: &str = "/main.typ";
const DATA_PATH: &str = "/doc.json";

/// The faces `pdf.typ` sets text in: Liberation Serif (letters, policies, the memo) and
/// Liberation Sans (the handout), metric-compatible with the Times New Roman and Arial the DOCX
/// names, so both formats break lines and pages alike (`assets/fonts/README.md`).
const FONTS: [&[u8]; 14] = [
    include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
    include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../../assets/fonts/LiberationSans-BoldItalic.ttf"),
    // Chinese (Simplified, Traditional) and Korean, after the Latin faces for the characters
    // those lack: each language's table names its own (`typography.pdf_fonts`). Brought from
    // the npm registry by build.rs (assets/fonts/README.md).
    include_bytes!(concat!(env!("OUT_DIR"), "/NotoSansSC_400Regular.ttf")),
    include_bytes!(concat!(env!("OUT_DIR"), "/NotoSansSC_700Bold.ttf")),
    include_bytes!(concat!(env!("OUT_DIR"), "/NotoSansTC_400Regular.ttf")),
    include_bytes!(concat!(env!("OUT_DIR"), "/NotoSansTC_700Bold.ttf")),
    include_bytes!(concat!(env!("OUT_DIR"), "/NotoSansKR_400Regular.ttf")),
    include_bytes!(concat!(env!("OUT_DIR"), "/NotoSansKR_700Bold.ttf")),
];

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
    fonts.extend(FONTS.iter().flat_map(|&data| {
        Font::iter(Bytes::new(data)).map(|font| {
            let info = font.info().clone();
            (font, info)
        })
    }));
    // typst's own fonts stay behind ours, for a character Liberation lacks.
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
pub(super) fn to_pdf(doc: &Document) -> Result<Vec<u8>, ExportError> {
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
    // PDF/UA-1: tagged (headings, lists, links, the reading order), with the document's
    // title and language, for screen readers. What its rules refuse — a character no embedded
    // face has (an emoji in a name), a heading with no words — is still a tagged PDF, without
    // the claim: a document is never lost to its accessibility mark (pdf-check holds every
    // shipped one to PDF/UA-1).
    let accessible = PdfStandards::new(&[PdfStandard::Ua_1])
        .map_err(|e| ExportError::Typst(format!("PDF/UA-1: {}", e.message())))?;
    let options = |standards: PdfStandards| PdfOptions {
        creator: Smart::Custom(Some("responsekit".to_owned())),
        // No creation date: `set document(date: none)` in the program, and no timestamp here.
        timestamp: None,
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&paged, &options(accessible))
        .or_else(|_| typst_pdf::pdf(&paged, &options(PdfStandards::default())))
        .map_err(|errors| ExportError::Typst(messages(&errors)))
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
    let letter = doc.layout() == Layout::Letter;
    // A letter's title names the file (the PDF's title), it is not printed on the page.
    let printed: Vec<&Block> = doc
        .blocks()
        .iter()
        .filter(|b| !(letter && matches!(b, Block::Title(_))))
        .collect();
    let continuation = doc.blocks().iter().find_map(|b| match b {
        Block::Continuation(lines) => Some(lines.iter().map(|l| inlines(l)).collect::<Vec<_>>()),
        _ => None,
    });
    let mut language = t(doc.lang(), Text::LanguageTag).split('-');
    json!({
        "title": doc.title(),
        // typst takes a language code and a region apart (`zh` and `TW` of the tag `zh-TW`):
        // the PDF's /Lang, line breaking and which glyph forms a CJK face shows.
        "lang": language.next().unwrap_or("en").to_ascii_lowercase(),
        "region": language.next(),
        "fonts": crate::i18n::pdf_fonts(doc.lang()),
        "notice": doc.notice(),
        "page": t(doc.lang(), Text::Page),
        "of": t(doc.lang(), Text::Of),
        "layout": match doc.layout() {
            Layout::Standard => "standard",
            Layout::Letter => "letter",
            Layout::Handout => "handout",
            Layout::OnePage => "one-page",
        },
        "continuation": continuation,
        "blocks": blocks(&printed, false),
    })
}

/// `nested`: inside a list or quote. Nesting depth is the model's (`document::MAX_DEPTH`),
/// well within typst's 80 nested calls of `pdf.typ`'s recursion. A paragraph right before a
/// signature is its closing ("Sincerely,"), sent with it so the two are never split.
fn blocks(items: &[&Block], nested: bool) -> Vec<Value> {
    let mut out = Vec::with_capacity(items.len());
    for (i, b) in items.iter().enumerate() {
        let closing = match (i.checked_sub(1).map(|p| items[p]), b) {
            (Some(Block::Paragraph(content)), Block::Signature(_)) => {
                out.pop();
                Some(inlines(content))
            }
            _ => None,
        };
        out.extend(block(b, nested, closing.as_deref()));
    }
    out
}

fn block(b: &Block, nested: bool, closing: Option<&[Value]>) -> Option<Value> {
    let inner = |items: &[Block]| blocks(&items.iter().collect::<Vec<_>>(), true);
    Some(match b {
        Block::Title(content) => json!({"kind": "title", "content": inlines(content)}),
        Block::Heading { level, content } => json!({
            "kind": "heading",
            "level": level,
            "content": inlines(content),
        }),
        Block::Paragraph(content) => json!({"kind": "paragraph", "content": inlines(content)}),
        Block::List(list) => json!({
            "kind": "list",
            "start": list.start.map(|n| n.min(MAX_LIST_START)),
            "items": list.items.iter().map(|item| inner(item)).collect::<Vec<_>>(),
        }),
        Block::Quote(quoted) => json!({"kind": "quote", "blocks": inner(quoted)}),
        // typst allows page breaks only at the top level, not inside a list or quote.
        Block::PageBreak if nested => return None,
        Block::PageBreak => json!({"kind": "page-break"}),
        Block::Signature(lines) => json!({
            "kind": "signature",
            "closing": closing,
            "lines": lines.iter().map(|l| inlines(l)).collect::<Vec<_>>(),
        }),
        Block::Letterhead(lines) => json!({
            "kind": "letterhead",
            "lines": lines.iter().map(|l| inlines(l)).collect::<Vec<_>>(),
        }),
        // The header of later pages (`continuation` in the document's JSON), not the flow.
        Block::Continuation(_) => return None,
    })
}

fn inlines(items: &[Inline]) -> Vec<Value> {
    items.iter().map(inline).collect()
}

fn inline(i: &Inline) -> Value {
    match i {
        Inline::Text(text) => json!({"kind": "text", "text": text}),
        Inline::Emphasis(inner) => json!({"kind": "emph", "content": inlines(inner)}),
        Inline::Strong(inner) => json!({"kind": "strong", "content": inlines(inner)}),
        Inline::Link { url, content } => json!({
            "kind": "link",
            // The model links only web and mail addresses; one longer than typst takes shows
            // its words unlinked.
            "url": Some(url).filter(|u| u.len() <= MAX_URL_BYTES),
            "content": inlines(content),
            // What a handout prints after the words, on paper.
            "printed": Inline::printed_url(url, content),
        }),
        Inline::FillIn(label) => json!({"kind": "fill-in", "label": label}),
        Inline::LineBreak => json!({"kind": "line-break"}),
    }
}

#[cfg(test)]
mod tests;
