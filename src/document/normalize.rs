//! The rules every [`Document`](super::Document) obeys, applied once when it is made
//! ([`Document::new`](super::Document::new)), so no exporter has to apply them again or can
//! forget one:
//!
//! - nesting: lists and quotes nest at most [`MAX_DEPTH`] deep, and so do emphasis, strong and
//!   links within a block; deeper content joins the deepest level (every exporter, and dropping
//!   the model, recurses once per level);
//! - heading levels are 1–3;
//! - a link is live only to a web or mail address ([`Inline::link`]), and never inside another
//!   link (no format can nest them: the outer target is kept);
//! - a citation never breaks across lines after "§" or inside "8 C.F.R.": the spaces after
//!   "§"/"§§", inside the abbreviations of `CITATION_ABBREVIATIONS`, between such an
//!   abbreviation and the title number before it or the "§" after it are no-break spaces (U+00A0), so every
//!   format keeps "8 C.F.R. § 287.7" on one line;
//! - text holds no character XML 1.0 forbids (C0 controls other than tab and line feed,
//!   U+FFFE, U+FFFF): Word refuses such a file and XML tools such a page. A carriage return is
//!   a line end (`\r\n` and `\r` become `\n`).
//!
//! Limits of one format alone (Word's nine list levels, what typst can number or link) stay
//! with that format's exporter.

use super::{Block, Inline, List};

/// How deep lists and quotes may nest in a document, and separately emphasis, strong and links
/// within a block. The parser keeps Markdown within it as it reads (its own recursion must stop
/// there too); here it holds for every document, however it was built.
pub const MAX_DEPTH: usize = 16;

/// The blocks of a document, normalised.
pub(super) fn blocks(items: Vec<Block>) -> Vec<Block> {
    nested_blocks(items, 0)
}

fn nested_blocks(items: Vec<Block>, depth: usize) -> Vec<Block> {
    let mut out = Vec::with_capacity(items.len());
    for b in items {
        block(&mut out, b, depth);
    }
    out
}

fn block(out: &mut Vec<Block>, b: Block, depth: usize) {
    match b {
        Block::Title(content) => out.push(Block::Title(inlines(content))),
        Block::Heading { level, content } => out.push(Block::Heading {
            level: level.clamp(1, 3),
            content: inlines(content),
        }),
        Block::Paragraph(content) => out.push(Block::Paragraph(inlines(content))),
        // Past the depth limit a container's blocks join its own level.
        Block::List(list) if depth >= MAX_DEPTH => {
            for b in list.items.into_iter().flatten() {
                block(out, b, depth);
            }
        }
        Block::Quote(inner) if depth >= MAX_DEPTH => {
            for b in inner {
                block(out, b, depth);
            }
        }
        Block::List(List { start, items }) => out.push(Block::List(List {
            start,
            items: items
                .into_iter()
                .map(|item| nested_blocks(item, depth + 1))
                .collect(),
        })),
        Block::Quote(inner) => out.push(Block::Quote(nested_blocks(inner, depth + 1))),
        Block::PageBreak => out.push(Block::PageBreak),
        Block::Signature(lines) => out.push(Block::Signature(lines_of(lines))),
        Block::Letterhead(lines) => out.push(Block::Letterhead(lines_of(lines))),
        Block::Continuation(lines) => out.push(Block::Continuation(lines_of(lines))),
    }
}

fn lines_of(lines: Vec<Vec<Inline>>) -> Vec<Vec<Inline>> {
    lines.into_iter().map(inlines).collect()
}

/// Inline content of one block (or signature line), normalised.
fn inlines(items: Vec<Inline>) -> Vec<Inline> {
    nested_inlines(items, 0, false)
}

fn nested_inlines(items: Vec<Inline>, depth: usize, in_link: bool) -> Vec<Inline> {
    let mut out = Vec::with_capacity(items.len());
    for i in items {
        inline(&mut out, i, depth, in_link);
    }
    out
}

fn inline(out: &mut Vec<Inline>, i: Inline, depth: usize, in_link: bool) {
    match i {
        Inline::Text(t) => out.push(Inline::Text(text(t))),
        Inline::FillIn(label) => out.push(Inline::FillIn(text(label))),
        Inline::LineBreak => out.push(Inline::LineBreak),
        // Past the depth limit, or a link inside a link: the content keeps the outer formatting.
        Inline::Emphasis(inner) | Inline::Strong(inner) if depth >= MAX_DEPTH => {
            for i in inner {
                inline(out, i, depth, in_link);
            }
        }
        Inline::Link { content, .. } if depth >= MAX_DEPTH || in_link => {
            for i in content {
                inline(out, i, depth, in_link);
            }
        }
        Inline::Emphasis(inner) => {
            out.push(Inline::Emphasis(nested_inlines(inner, depth + 1, in_link)));
        }
        Inline::Strong(inner) => {
            out.push(Inline::Strong(nested_inlines(inner, depth + 1, in_link)));
        }
        Inline::Link { url, content } => {
            let content = nested_inlines(content, depth + 1, true);
            // The URL rule sees the address as written; what it yields is then cleaned like
            // any text (a refused address is shown as text after the words).
            for shown in Inline::link(&url, content) {
                out.push(match shown {
                    Inline::Link { url, content } => Inline::Link {
                        url: text(url),
                        content,
                    },
                    Inline::Text(t) => Inline::Text(text(t)),
                    other => other,
                });
            }
        }
    }
}

/// The citation abbreviations whose words, and the number before them, stay on one line.
const CITATION_ABBREVIATIONS: [&str; 4] = ["C.F.R.", "U.S.C.", "Cal. Gov't Code", "Cal. Gov. Code"];

const NBSP: char = '\u{A0}';

/// `s` without the characters XML 1.0 forbids, line ends as `\n`, citations unbreakable. Almost
/// all text is already so, and is returned as it is.
pub(super) fn text(s: String) -> String {
    let s = if s.chars().all(allowed) {
        s
    } else {
        s.replace("\r\n", "\n")
            .chars()
            .map(|c| if c == '\r' { '\n' } else { c })
            .filter(|&c| allowed(c))
            .collect()
    };
    unbreakable_citations(s)
}

/// `s` with no-break spaces after "§", and in, before (a title number) and after (a "§") the
/// [`CITATION_ABBREVIATIONS`].
fn unbreakable_citations(s: String) -> String {
    let cites = |s: &str| s.contains("§ ") || CITATION_ABBREVIATIONS.iter().any(|a| s.contains(a));
    if !cites(&s) {
        return s;
    }
    let mut out = s.replace("§ ", "§\u{A0}");
    for abbreviation in CITATION_ABBREVIATIONS {
        let kept = abbreviation.replace(' ', "\u{A0}");
        out = out
            .replace(&format!("{abbreviation} §"), &format!("{kept}\u{A0}§"))
            .replace(abbreviation, &kept);
        // The title number before it: "8 C.F.R." (a digit, a space, the abbreviation).
        let spaced = format!(" {kept}");
        let mut joined = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(at) = rest.find(&spaced) {
            joined.push_str(&rest[..at]);
            let digit_before = rest[..at].ends_with(|c: char| c.is_ascii_digit());
            joined.push(if digit_before { NBSP } else { ' ' });
            rest = &rest[at + 1..];
        }
        joined.push_str(rest);
        out = joined;
    }
    out
}

fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

#[cfg(test)]
mod tests;
