//! A look at a template's source before Handlebars parses it: where its mustaches (`{{…}}`) are,
//! and how deeply its blocks and sub-expressions nest.
//!
//! Handlebars' parser (pest) recurses once per nested block, sub-expression or literal, and so do
//! rendering and dropping the compiled template: a template nesting thousands deep would overflow
//! the stack and abort the whole program before any message. The depth is therefore measured
//! here, on the text, and a template over [`MAX_NESTING`] is never handed to the parser.
//! The same scan lets the Markdown check read a template with its mustaches masked out
//! ([`mask_mustaches`]), so what it finds is the template's own text, never a value.

/// How deeply blocks (`{{#if}}`, each `{{else if}}` of a chain), sub-expressions (`(eq a b)`)
/// and, through partials, included templates may nest. The shipped templates reach 3; a
/// render thread's stack holds many times this limit.
pub const MAX_NESTING: usize = 64;

/// One `{{…}}` of a template: its byte range and what is between the braces (without `~`).
struct Mustache<'a> {
    start: usize,
    end: usize,
    inner: &'a str,
    /// A comment (`{{! … }}`, `{{!-- … --}}`): nothing of it is rendered.
    comment: bool,
}

/// The mustaches of `text`, in order, as Handlebars reads them: `\{{` is literal text, comments
/// end at `--}}` or `}}`, quoted strings may hold braces, and a raw block's content is text.
/// Stops at an unterminated `{{` (the parser reports it).
fn mustaches(text: &str) -> Vec<Mustache<'_>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            let run = b[i..].iter().take_while(|&&c| c == b'\\').count();
            // One backslash makes the `{{` after it literal; more leave it a mustache.
            i += if run == 1 && b[i + 1..].starts_with(b"{{") {
                3
            } else {
                run
            };
            continue;
        }
        if !b[i..].starts_with(b"{{") {
            i += 1;
            continue;
        }
        let start = i;
        let (open, close): (&[u8], &[u8]) = if b[i..].starts_with(b"{{!--") {
            (b"{{!--", b"--}}")
        } else if b[i..].starts_with(b"{{{{") {
            (b"{{{{", b"}}}}")
        } else if b[i..].starts_with(b"{{{") {
            (b"{{{", b"}}}")
        } else {
            (b"{{", b"}}")
        };
        let comment = b[i..].starts_with(b"{{!");
        let Some(len) = find_close(&b[i + open.len()..], close, !comment) else {
            break;
        };
        let end = i + open.len() + len + close.len();
        let inner = text[i + open.len()..end - close.len()]
            .trim_matches(|c: char| c == '~' || c.is_whitespace());
        out.push(Mustache {
            start,
            end,
            inner,
            comment,
        });
        i = end;
        // A raw block's content is text up to its end tag, never mustaches.
        if open == b"{{{{" && !inner.starts_with('/') {
            match text[i..].find("{{{{/") {
                Some(p) => i += p,
                None => break,
            }
        }
    }
    out
}

/// Where `close` first appears in `b`, skipping quoted strings when `quotes`.
fn find_close(b: &[u8], close: &[u8], quotes: bool) -> Option<usize> {
    let mut i = 0;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        match (quote, b[i]) {
            (Some(_), b'\\') => i += 1,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, c @ (b'"' | b'\'')) if quotes => quote = Some(c),
            (None, _) if b[i..].starts_with(close) => return Some(i),
            (None, _) => {}
        }
        i += 1;
    }
    None
}

/// How deeply brackets nest inside one mustache: `(` sub-expressions and `[`/`{` literals, all
/// recursive in the grammar. Brackets in quoted strings are text.
fn bracket_depth(inner: &str) -> usize {
    let (mut depth, mut max, mut quote) = (0usize, 0usize, None);
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(_), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[' | '{') => {
                depth += 1;
                max = max.max(depth);
            }
            (None, ')' | ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// How deeply a template's blocks and sub-expressions nest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Nesting {
    /// The deepest level reached.
    pub(super) depth: usize,
    /// Line and column (1-based) of the mustache that first went deeper than [`MAX_NESTING`].
    pub(super) too_deep: Option<(usize, usize)>,
}

/// Measures `text`'s nesting: each open block is a level (each `{{else if …}}` of its chain one
/// more, as Handlebars nests the chain), and each bracket inside a mustache one more.
pub(super) fn nesting(text: &str) -> Nesting {
    // Per open block: 1, plus one per `{{else …}}` chained onto it.
    let mut blocks: Vec<usize> = Vec::new();
    let mut deepest = 0;
    for m in mustaches(text).into_iter().filter(|m| !m.comment) {
        let inner = m.inner.trim_start_matches('{');
        let opens = inner.starts_with('#') || (inner.starts_with('^') && inner.len() > 1);
        if inner.starts_with('/') {
            blocks.pop();
            continue;
        }
        if opens {
            blocks.push(1);
        } else if let Some(chained) = inner.strip_prefix("else").filter(|r| !r.trim().is_empty()) {
            if chained.starts_with(char::is_whitespace) {
                if let Some(last) = blocks.last_mut() {
                    *last += 1;
                }
            }
        }
        let depth = blocks.iter().sum::<usize>() + bracket_depth(inner);
        deepest = deepest.max(depth);
        if depth > MAX_NESTING {
            return Nesting {
                depth,
                too_deep: Some(line_column(text, m.start)),
            };
        }
    }
    Nesting {
        depth: deepest,
        too_deep: None,
    }
}

/// `text` with every mustache replaced by `x`s of the same length (line ends kept), so a
/// Markdown reading of it finds the template's own markup at the template's own offsets.
pub(super) fn mask_mustaches(text: &str) -> String {
    let mut masked = text.as_bytes().to_vec();
    for m in mustaches(text) {
        for byte in &mut masked[m.start..m.end] {
            if *byte != b'\n' {
                *byte = b'x';
            }
        }
    }
    // Only whole UTF-8 sequences inside mustaches were replaced, by ASCII.
    String::from_utf8(masked).unwrap_or_default()
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
pub(super) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit_once('\n')
        .map_or(before, |(_, rest)| rest)
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_chains_and_brackets_each_count_a_level() {
        assert_eq!(nesting("a {{x}} b").depth, 0);
        assert_eq!(
            nesting("{{#if a}}{{#each b}}{{this}}{{/each}}{{/if}}").depth,
            2
        );
        assert_eq!(
            nesting("{{#if a}}{{else if b}}{{else if c}}x{{/if}}").depth,
            3
        );
        assert_eq!(nesting("{{#if a}}{{else}}{{^}}{{/if}}").depth, 1);
        assert_eq!(
            nesting("{{#if (eq (f a) b)}}{{/if}}{{g [1, [2]]}}").depth,
            3
        );
        // Brackets in strings, comments and escaped mustaches are text.
        assert_eq!(
            nesting(r#"{{fill "a (b) [c] }} d"}} {{!-- {{#if}} ((( --}} \{{#if x}}"#).depth,
            0
        );
    }

    #[test]
    fn too_deep_is_located_at_the_mustache_that_crosses_the_limit() {
        let text = format!(
            "# T\n\n{}x{}",
            "{{#if a}}".repeat(MAX_NESTING + 1),
            "{{/if}}".repeat(MAX_NESTING + 1)
        );
        let n = nesting(&text);
        assert_eq!(n.too_deep, Some((3, 9 * MAX_NESTING + 1)));
        assert_eq!(
            nesting(&format!("{{{{x {}y{}}}}}", "(".repeat(70), ")".repeat(70))).too_deep,
            Some((1, 1))
        );
        let ok = "{{#if a}}".repeat(MAX_NESTING) + &"{{/if}}".repeat(MAX_NESTING);
        assert_eq!(nesting(&ok).too_deep, None);
    }

    #[test]
    fn masking_keeps_offsets_and_lines() {
        let text = "é {{name}}\n{{#if\n a}}<b>";
        let masked = mask_mustaches(text);
        assert_eq!(masked, "é xxxxxxxx\nxxxxx\nxxxx<b>");
        assert_eq!(line_column(text, text.find("<b>").unwrap()), (3, 5));
    }
}
