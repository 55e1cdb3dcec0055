//! The style sheet and list numbering definitions every exported DOCX carries, built with
//! docx-rs's typed style and numbering builders: once per process (styles) or once per set of
//! lists (numbering), never per document.
//!
//! Style ids and names follow Word's built-in styles ("heading 1", "List Number", …) so that
//! Word's navigation pane, outline view and style gallery treat the output as native.

use super::package::language_tag;
use crate::document::{Lang, Layout};
use docx_rs::{
    AbstractNumbering, AlignmentType, BuildXML, Docx, Level, LevelJc, LevelOverride, LevelText,
    LineSpacing, LineSpacingType, NumberFormat, Numbering, Numberings, RunFonts, SpecialIndentType,
    Start, Style, StyleType,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// One font for every script slot, so accented Spanish text never falls back to another face.
const FONT: &str = "Times New Roman";
/// Body text size in half-points (12 pt).
const BODY_SIZE: usize = 24;

/// The type of a style sheet: its font and body size (half-points), the line height of body
/// text and the space after a paragraph (twips).
#[derive(Debug, Clone, Copy)]
struct Type {
    font: &'static str,
    body: usize,
    line: Line,
    after: u32,
    /// The title's and the first two heading levels' sizes (half-points).
    title: usize,
    headings: [usize; 2],
    /// The space before and after a heading (twips).
    heading_space: (u32, u32),
}

/// The height of a line of body text.
#[derive(Debug, Clone, Copy)]
enum Line {
    /// In 240ths of the face's own line (240 = single).
    Auto(i32),
    /// Exactly this many twips, whatever the face.
    Exact(i32),
}

/// What a layout is set in. The handout is read by a person just released, often under
/// stress: a larger sans-serif, with room between the lines. The one-pager holds a county's
/// agencies, law and contacts on one sheet: a small sans-serif, headings close to their text.
///
/// Set in an East Asian face (`east_asian`), the one-pager's lines are exact: "single" spacing
/// is the face's own line, which for the CJK faces (Noto Sans CJK, Malgun Gothic and the
/// Microsoft faces) is about 1.45 of the type size against Arial's 1.15, and a Chinese or
/// Korean county page would run onto a second sheet. 10.5 pt lines for 8.5 pt type clip no
/// glyph.
fn type_of(layout: Layout, east_asian: bool) -> Type {
    match layout {
        Layout::Handout => Type {
            font: "Arial",
            body: 26,
            line: Line::Auto(240),
            after: 80,
            title: 36,
            headings: [30, 26],
            heading_space: (240, 120),
        },
        Layout::OnePage => Type {
            font: "Arial",
            body: 17,
            line: if east_asian {
                Line::Exact(210)
            } else {
                Line::Auto(240)
            },
            after: 60,
            title: 28,
            headings: [22, 20],
            heading_space: (120, 40),
        },
        Layout::Standard | Layout::Letter => Type {
            font: FONT,
            body: BODY_SIZE,
            line: Line::Auto(240),
            after: 160,
            title: 36,
            headings: [30, 26],
            heading_space: (240, 120),
        },
    }
}

pub(super) const NORMAL: &str = "Normal";
pub(super) const TITLE: &str = "Title";
pub(super) const LIST_NUMBER: &str = "ListNumber";
pub(super) const LIST_BULLET: &str = "ListBullet";
pub(super) const QUOTE: &str = "Quote";
pub(super) const SIGNATURE: &str = "Signature";
pub(super) const NOTICE: &str = "Notice";
pub(super) const LETTERHEAD: &str = "Letterhead";
/// A letter's continuation header (Word's built-in "header" style).
pub(super) const HEADER: &str = "Header";
/// One line of body text, in twips: the space set between a letter's signature and what
/// follows it.
pub(super) const LINE: u32 = 240;
/// Character style of hyperlink text.
pub(super) const HYPERLINK: &str = "Hyperlink";

/// The style id of a heading of `level` 1–3 (the model's levels).
pub(super) fn heading(level: u8) -> &'static str {
    match level {
        1 => "Heading1",
        2 => "Heading2",
        _ => "Heading3",
    }
}

/// Abstract numbering ids: every list instance refers to one of these two. docx-rs always
/// writes its own abstract numbering 1 and numbering instance 1, so ours start at 2.
const DECIMAL_ABSTRACT: usize = 2;
const BULLET_ABSTRACT: usize = 3;
/// The numbering id of the first list instance.
pub(super) const FIRST_LIST_NUM_ID: usize = 2;

/// Word supports list levels 0–8; deeper nesting is drawn at the last level.
pub(super) const MAX_LIST_LEVEL: usize = 8;

/// Left indent of list text at `level` (twips); the number hangs 360 twips to its left. A
/// level past `MAX_LIST_LEVEL` is indented as the last level, where it is drawn.
pub(super) fn list_text_indent(level: usize) -> i32 {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_possible_wrap,
        reason = "clamped to 0–8 first, so the cast keeps the value"
    )]
    let level = level.min(MAX_LIST_LEVEL) as i32;
    720 * (level + 1)
}
const LIST_HANGING: i32 = 360;

/// Page geometry: US Letter with 1-inch margins, in twips.
pub(super) const PAGE_WIDTH: u32 = 12240;
pub(super) const PAGE_HEIGHT: u32 = 15840;
pub(super) const MARGIN: i32 = 1440;

/// The side and top/bottom margins of `layout`, as in its PDF: the handout's narrower ones
/// (¾ inch at the sides, 0.6 inch at top and bottom) let its larger type fit one sheet; the
/// one-pager's half inch all round hold a county's whole page.
pub(super) fn margins(layout: Layout) -> (i32, i32) {
    match layout {
        Layout::Handout => (1080, 864),
        Layout::OnePage => (720, 720),
        Layout::Standard | Layout::Letter => (MARGIN, MARGIN),
    }
}

fn fonts(font: &str) -> RunFonts {
    RunFonts::new()
        .ascii(font)
        .hi_ansi(font)
        .east_asia(font)
        .cs(font)
}

fn paragraph_style(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on(NORMAL)
        .next(NORMAL)
}

fn heading_style(level: u8, size: usize, (before, after): (u32, u32)) -> Style {
    let mut style = paragraph_style(heading(level), &format!("heading {level}"))
        .outline_lvl(usize::from(level - 1))
        .bold()
        .size(size)
        .line_spacing(single(LineSpacing::new().before(before).after(after)));
    // A heading stranded at the foot of a page reads as a layout error.
    style.paragraph_property = style.paragraph_property.keep_next(true);
    style
}

/// `spacing` at the face's single line: a title or heading larger than the body keeps its own
/// height where the body's lines are exact.
fn single(spacing: LineSpacing) -> LineSpacing {
    spacing.line(240).line_rule(LineSpacingType::Auto)
}

/// Adds the document defaults and every style the exporter refers to, set in `ty`.
fn add_styles(docx: Docx, ty: Type) -> Docx {
    let title = paragraph_style(TITLE, "Title")
        .bold()
        .size(ty.title)
        .align(AlignmentType::Center)
        .line_spacing(single(LineSpacing::new().after(240)));
    let list =
        |id: &str, name: &str| paragraph_style(id, name).line_spacing(LineSpacing::new().after(80));
    let quote = paragraph_style(QUOTE, "Quote")
        .italic()
        .indent(Some(720), None, Some(720), None);
    let signature =
        paragraph_style(SIGNATURE, "Signature").line_spacing(LineSpacing::new().after(0));
    let letterhead = paragraph_style(LETTERHEAD, "Letterhead")
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().after(0));
    let header = paragraph_style(HEADER, "header")
        .size(20)
        .line_spacing(LineSpacing::new().after(0));
    let notice = paragraph_style(NOTICE, "Notice")
        .size(16)
        .italic()
        .line_spacing(LineSpacing::new().after(60));
    let hyperlink = Style::new(HYPERLINK, StyleType::Character)
        .name("Hyperlink")
        .color("0563C1")
        .underline("single");

    // docx-rs already defines Normal, which every style here is based on.
    [
        title,
        heading_style(1, ty.headings[0], ty.heading_space),
        heading_style(2, ty.headings[1], ty.heading_space),
        heading_style(3, ty.body, ty.heading_space),
        list(LIST_NUMBER, "List Number"),
        list(LIST_BULLET, "List Bullet"),
        quote,
        signature,
        letterhead,
        header,
        notice,
        hyperlink,
    ]
    .into_iter()
    .fold(
        docx.default_fonts(fonts(ty.font))
            .default_size(ty.body)
            .default_line_spacing(match ty.line {
                Line::Auto(line) => LineSpacing::new()
                    .after(ty.after)
                    .line(line)
                    .line_rule(LineSpacingType::Auto),
                Line::Exact(twips) => LineSpacing::new()
                    .after(ty.after)
                    .line(twips)
                    .line_rule(LineSpacingType::Exact),
            }),
        Docx::add_style,
    )
}

/// The marker drawn at `level` of a list: format and text.
fn marker(ordered: bool, level: usize) -> (&'static str, String) {
    if ordered {
        // Legal outlines conventionally go 1. → a. → i. and then repeat.
        let format = ["decimal", "lowerLetter", "lowerRoman"][level % 3];
        (format, format!("%{}.", level + 1))
    } else {
        ("bullet", ["•", "◦", "▪"][level % 3].to_owned())
    }
}

fn abstract_numbering(id: usize, ordered: bool) -> AbstractNumbering {
    (0..=MAX_LIST_LEVEL).fold(AbstractNumbering::new(id), |abs, level| {
        let (format, text) = marker(ordered, level);
        abs.add_level(
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new(format),
                LevelText::new(text),
                LevelJc::new("left"),
            )
            .indent(
                Some(list_text_indent(level)),
                Some(SpecialIndentType::Hanging(LIST_HANGING)),
                None,
                None,
            ),
        )
    })
}

/// `word/styles.xml` for a document in `lang` laid out as `layout`: the styles of
/// [`add_styles`] as docx-rs writes them, with `lang` as the default language. The same bytes
/// for every document of a language and layout, so built once per process.
pub(super) fn styles_xml(lang: Lang, layout: Layout) -> &'static [u8] {
    // Letters share the standard sheet.
    const SHEETS: [Layout; 3] = [Layout::Standard, Layout::Handout, Layout::OnePage];
    static XML: OnceLock<[Vec<Vec<u8>>; 3]> = OnceLock::new();
    let sheets = XML.get_or_init(|| {
        SHEETS.map(|layout| {
            Lang::all()
                .iter()
                .map(|&lang| {
                    let east_asian = crate::i18n::east_asian_font(lang).is_some();
                    let ty = type_of(layout, east_asian);
                    let styles = ragged_right(&add_styles(Docx::new(), ty).styles.build());
                    with_default_language(&styles, lang)
                })
                .collect()
        })
    });
    let sheet = &sheets[SHEETS.iter().position(|&l| l == layout).unwrap_or(0)];
    let index = Lang::all().iter().position(|&l| l == lang).unwrap_or(0);
    &sheet[index]
}

/// Adds left alignment (ragged right) to the document default paragraph properties, which
/// docx-rs has no setter for: justified text opens gaps between the words of long citations.
/// Said explicitly, so no default of Word's can turn it justified. `w:jc` follows `w:spacing`,
/// the last of the default paragraph properties docx-rs writes.
fn ragged_right(styles: &[u8]) -> Vec<u8> {
    const ANCHOR: &str = "</w:pPr></w:pPrDefault>";
    String::from_utf8_lossy(styles)
        .replacen(ANCHOR, &format!(r#"<w:jc w:val="left" />{ANCHOR}"#), 1)
        .into_bytes()
}

/// Adds `<w:lang>` to the document default run properties, which docx-rs has no setter for.
///
/// `w:lang` is the last child of `w:rPr` that docx-rs could write there, so appending it just
/// before the default run properties close keeps the schema's element order.
fn with_default_language(styles: &[u8], lang: Lang) -> Vec<u8> {
    const ANCHOR: &str = "</w:rPr></w:rPrDefault>";
    // docx-rs writes UTF-8 and escapes nothing here that a lossy read could change.
    let xml = String::from_utf8_lossy(styles);
    let tag = language_tag(lang);
    let lang_element = format!(r#"<w:lang w:val="{tag}" w:eastAsia="{tag}" w:bidi="{tag}" />"#);
    xml.replacen(ANCHOR, &format!("{lang_element}{ANCHOR}"), 1)
        .into_bytes()
}

/// One list of a document: numbered or bulleted, drawn at `level`, counting from `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct ListInstance {
    pub ordered: bool,
    pub level: usize,
    pub start: usize,
}

/// `word/numbering.xml` for a document whose lists are `lists` (list `i` has numbering id
/// `FIRST_LIST_NUM_ID + i`): the two abstract numberings (decimal and bullet) lists refer to,
/// and one [`list_instance`] per list. Documents made from one template have the same lists, so the
/// XML is kept per list of lists (a bounded cache: emptied when full).
pub(super) fn numbering_xml(lists: &[ListInstance]) -> Arc<Vec<u8>> {
    type Cache = Mutex<HashMap<Vec<ListInstance>, Arc<Vec<u8>>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    const ENTRIES: usize = 256;
    let cache = CACHE.get_or_init(Default::default);
    if let Some(xml) = cache.lock().ok().and_then(|c| c.get(lists).cloned()) {
        return xml;
    }
    let numberings = lists.iter().enumerate().fold(
        Numberings::new()
            .add_abstract_numbering(abstract_numbering(DECIMAL_ABSTRACT, true))
            .add_abstract_numbering(abstract_numbering(BULLET_ABSTRACT, false)),
        |numberings, (i, list)| {
            numberings.add_numbering(list_instance(
                FIRST_LIST_NUM_ID + i,
                list.ordered,
                list.level,
                list.start,
            ))
        },
    );
    let xml = Arc::new(numberings.build());
    if let Ok(mut cache) = cache.lock() {
        if cache.len() >= ENTRIES {
            cache.clear();
        }
        cache.insert(lists.to_vec(), xml.clone());
    }
    xml
}

/// A list instance `num_id` whose `level` starts counting at `start`.
///
/// Every list gets its own instance with an explicit start override: Word otherwise continues
/// counting across instances that share an abstract numbering.
pub(super) fn list_instance(num_id: usize, ordered: bool, level: usize, start: usize) -> Numbering {
    let abstract_id = if ordered {
        DECIMAL_ABSTRACT
    } else {
        BULLET_ABSTRACT
    };
    Numbering::new(num_id, abstract_id).add_override(LevelOverride::new(level).start(start))
}
