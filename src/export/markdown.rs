//! Markdown exporter: the document model back to CommonMark.
//!
//! This module owns the inverse of [`parse_markdown`]: for every document the parser can produce
//! (fill-ins aside, which print as their `[label]` text), `parse_markdown(&to_markdown(doc))`
//! gives the same blocks back, followed by the notice paragraph. Text is never trusted to be
//! free of Markdown syntax: every ASCII punctuation character in it is backslash-escaped, and
//! whitespace CommonMark would strip or reinterpret is written as a character reference.
//!
//! [`parse_markdown`]: crate::document::parse_markdown

use crate::document::{Block, Document, Inline, List};
use std::fmt::Write as _;

/// Written where two blocks would otherwise read as one: adjacent lists (CommonMark merges
/// them), and a signature without lines before a paragraph (the parser takes the next
/// paragraph as the signature's lines). The parser ignores comments it has no meaning for.
const SEPARATOR: &str = "<!-- -->";

pub(super) fn to_markdown(doc: &Document) -> String {
    let mut out = blocks(doc.blocks());
    if !doc.notice().is_empty() {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&delimited("*", &escape_text(doc.notice())));
    }
    out.push('\n');
    out
}

/// Blocks separated by blank lines; no trailing newline.
fn blocks(items: &[Block]) -> String {
    let mut out = String::new();
    for (i, b) in items.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
            if needs_separator(&items[i - 1], b) {
                out.push_str(SEPARATOR);
                out.push_str("\n\n");
            }
        }
        out.push_str(&block(b));
    }
    out
}

fn needs_separator(previous: &Block, next: &Block) -> bool {
    match (previous, next) {
        (Block::List(_), Block::List(_)) => true,
        (
            Block::Signature(lines) | Block::Letterhead(lines) | Block::Continuation(lines),
            Block::Paragraph(_),
        ) => lines.is_empty(),
        _ => false,
    }
}

fn block(b: &Block) -> String {
    match b {
        Block::Title(content) => heading(1, content),
        // Level 1 is `##`: the title takes `#`.
        Block::Heading { level, content } => heading(usize::from(*level) + 1, content),
        Block::Paragraph(content) => inline_block(content),
        Block::List(list) => list_markdown(list),
        Block::Quote(inner) => prefix_lines(&blocks(inner), ">"),
        Block::PageBreak => "<!-- pagebreak -->".to_string(),
        Block::Signature(lines) => marked_lines("signature", lines),
        Block::Letterhead(lines) => marked_lines("letterhead", lines),
        Block::Continuation(lines) => marked_lines("continuation", lines),
    }
}

/// A block of lines as the templates write it: its marker, then one physical line each (the
/// parser keeps the line ends of the paragraph right after the marker).
fn marked_lines(marker: &str, lines: &[Vec<Inline>]) -> String {
    let mut out = format!("<!-- {marker} -->");
    for line in lines {
        out.push('\n');
        out.push_str(&inline_block(line));
    }
    out
}

fn heading(hashes: usize, content: &[Inline]) -> String {
    let mut text = inline_block(content);
    // A run of `#` ending a heading's line is read as its closing sequence, not as text
    // (`# a #` is the heading "a"): escaping its first `#` keeps it text.
    if let Some(before) = text.strip_suffix('#').map(|t| t.trim_end_matches('#')) {
        // Unless it is escaped already (a line-start `#`, or text ending in `\#`).
        let backslashes = before.len() - before.trim_end_matches('\\').len();
        if backslashes % 2 == 0 {
            text.insert(before.len(), '\\');
        }
    }
    let hashes = "#".repeat(hashes);
    if text.is_empty() {
        hashes
    } else {
        format!("{hashes} {text}")
    }
}

fn list_markdown(list: &List) -> String {
    let tight = is_tight(list);
    let mut out = String::new();
    for (i, item) in list.items.iter().enumerate() {
        if i > 0 {
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        let marker = match list.start {
            Some(start) => format!("{}.", start + i as u64),
            None => "-".to_string(),
        };
        let content = if tight {
            item.iter().map(block).collect::<Vec<_>>().join("\n")
        } else {
            blocks(item)
        };
        // Continuation lines sit under the item's first character, so nested blocks stay in it.
        let indent = " ".repeat(marker.len() + 1);
        let mut lines = content.split('\n');
        out.push_str(&marker);
        if let Some(first) = lines.next().filter(|l| !l.is_empty()) {
            out.push(' ');
            out.push_str(first);
        }
        for line in lines {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(&indent);
                out.push_str(line);
            }
        }
    }
    out
}

/// Whether the list can be written without blank lines and still parse back the same: every
/// item is empty, one paragraph, or one paragraph then a list that may interrupt a paragraph
/// (CommonMark lets only non-empty bullet lists and lists starting at 1 do so).
fn is_tight(list: &List) -> bool {
    list.items.iter().all(|item| match item.as_slice() {
        [] | [Block::Paragraph(_)] => true,
        [Block::Paragraph(_), Block::List(nested)] => {
            matches!(nested.start, None | Some(1))
                && nested.items.first().is_some_and(|first| !first.is_empty())
        }
        _ => false,
    })
}

fn prefix_lines(text: &str, prefix: &str) -> String {
    if text.is_empty() {
        return prefix.to_string();
    }
    text.split('\n')
        .map(|line| {
            if line.is_empty() {
                prefix.to_string()
            } else {
                format!("{prefix} {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Inline content standing as a block (or a signature line): CommonMark strips spaces and tabs
/// at the start and end of each line, so those are written as character references.
fn inline_block(content: &[Inline]) -> String {
    let mut out = String::new();
    inlines(&mut out, content, false);
    out.split('\n')
        .map(|line| protect_line_edges(&protect_line_start(line)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn protect_line_edges(line: &str) -> String {
    // Text backslashes are escaped in pairs, so an odd run at the end is a hard break: syntax,
    // not text, and the edge is just before it.
    let trailing_backslashes = line.len() - line.trim_end_matches('\\').len();
    let (body, hard_break) = if trailing_backslashes % 2 == 1 {
        (&line[..line.len() - 1], "\\")
    } else {
        (line, "")
    };
    let mut out = String::with_capacity(line.len());
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at_edge = i == 0 || chars.peek().is_none();
        if at_edge && matches!(c, ' ' | '\t') {
            let _ = write!(out, "&#{};", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out.push_str(hard_break);
    out
}

/// `nested_in_delimiters`: the parent is emphasis or strong, whose `*` would merge with this
/// emphasis's `*` into a different reading (`***x***` is emphasis around strong), so nested
/// emphasis uses `_`.
fn inlines(out: &mut String, content: &[Inline], nested_in_delimiters: bool) {
    for inline in content {
        match inline {
            Inline::Text(t) => out.push_str(&escape_text(t)),
            Inline::Emphasis(inner) => {
                let mark = if nested_in_delimiters { "_" } else { "*" };
                out.push_str(&delimited(mark, &rendered(inner, true)));
            }
            Inline::Strong(inner) => out.push_str(&delimited("**", &rendered(inner, true))),
            Inline::Link { url, content } => {
                out.push('[');
                inlines(out, content, false);
                out.push_str("](");
                out.push_str(&link_destination(url));
                out.push(')');
            }
            Inline::FillIn(label) => out.push_str(&escape_text(&format!("[{label}]"))),
            Inline::LineBreak => out.push_str("\\\n"),
        }
    }
}

fn rendered(content: &[Inline], nested_in_delimiters: bool) -> String {
    let mut out = String::new();
    inlines(&mut out, content, nested_in_delimiters);
    out
}

/// Empty emphasis shows nothing, and its bare delimiters (`****`) could read as a thematic break.
fn delimited(mark: &str, inner: &str) -> String {
    if inner.is_empty() {
        String::new()
    } else {
        format!("{mark}{inner}{mark}")
    }
}

/// Backslash-escapes the characters that can start inline syntax anywhere in a line, so no text
/// becomes syntax while ordinary punctuation (`,` `.` `:` `-` `§`) stays readable; characters
/// that are syntax only at the start of a line are handled by [`protect_line_start`]. Line ends
/// become character references so text never ends a paragraph or becomes a soft break.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '!' | '~' | '|' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Escapes what would make a line a heading, list item, quote or setext underline.
fn protect_line_start(line: &str) -> String {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &line[digits..];
    if (1..=9).contains(&digits) && (rest.starts_with('.') || rest.starts_with(')')) {
        return format!("{}\\{}", &line[..digits], rest);
    }
    match line.chars().next() {
        Some('#' | '-' | '+' | '=') => format!("\\{line}"),
        _ => line.to_string(),
    }
}

/// A link destination that reads back as `url`: pointy brackets when it has spaces or
/// parentheses, and escapes only where CommonMark would otherwise interpret a character, so
/// ordinary URLs stay readable.
fn link_destination(url: &str) -> String {
    let bracketed = url.is_empty()
        || url
            .chars()
            .any(|c| c.is_whitespace() || c == '(' || c == ')');
    let mut out = String::with_capacity(url.len() + 2);
    if bracketed {
        out.push('<');
    }
    for (i, c) in url.char_indices() {
        let escape = match c {
            '\\' | '<' | '>' => true,
            // `&copy;` in a destination is a character reference; a bare `&` is not.
            '&' => starts_reference(&url[i + 1..]),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    if bracketed {
        out.push('>');
    }
    out
}

/// Whether the text after an `&` could complete a character reference (`name;`, `#123;`).
fn starts_reference(rest: &str) -> bool {
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .unwrap_or(rest.len());
    name_len > 0 && rest[name_len..].starts_with(';')
}

#[cfg(test)]
mod tests;
