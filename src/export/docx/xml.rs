//! The few XML writing rules the DOCX parts written here need: text and attribute values
//! escaped, and `xml:space="preserve"` on text whose spaces XML would otherwise let a reader
//! drop. Text reaching here is normalised (no character XML forbids, see
//! [`crate::document`]), so escaping is all that keeps a part well-formed.

/// Appends `text` as element content: `&`, `<` and `>` escaped (`>` for `]]>`).
pub(super) fn text(out: &mut String, text: &str) {
    escaped(out, text, false);
}

/// Appends `value` as the content of a double-quoted attribute: `"` escaped as well, and tab
/// and line ends as character references (a parser would read them as spaces).
pub(super) fn attribute(out: &mut String, value: &str) {
    escaped(out, value, true);
}

fn escaped(out: &mut String, s: &str, in_attribute: bool) {
    let mut rest = s;
    while let Some(i) = rest.find(|c| needs_escape(c, in_attribute)) {
        out.push_str(&rest[..i]);
        let c = rest[i..].chars().next().unwrap_or_default();
        out.push_str(match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\t' => "&#9;",
            '\n' => "&#10;",
            _ => "&#13;",
        });
        rest = &rest[i + c.len_utf8()..];
    }
    out.push_str(rest);
}

fn needs_escape(c: char, in_attribute: bool) -> bool {
    matches!(c, '&' | '<' | '>') || (in_attribute && matches!(c, '"' | '\t' | '\n' | '\r'))
}

/// Appends `<w:t>text</w:t>`, with `xml:space="preserve"` when `text` has a space at either
/// end or two in a row: without it, Word drops or joins them.
pub(super) fn w_t(out: &mut String, s: &str) {
    if s.starts_with(' ') || s.ends_with(' ') || s.contains("  ") {
        out.push_str(r#"<w:t xml:space="preserve">"#);
    } else {
        out.push_str("<w:t>");
    }
    text(out, s);
    out.push_str("</w:t>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped_and_spaces_kept() {
        let mut out = String::new();
        text(&mut out, r#"a & <b> "c" ]]>"#);
        assert_eq!(out, r#"a &amp; &lt;b&gt; "c" ]]&gt;"#);
        out.clear();
        attribute(&mut out, "x=\"1\"&y\t\n\r");
        assert_eq!(out, "x=&quot;1&quot;&amp;y&#9;&#10;&#13;");
        for (s, xml) in [
            ("word", "<w:t>word</w:t>"),
            ("two words", "<w:t>two words</w:t>"),
            (" lead", r#"<w:t xml:space="preserve"> lead</w:t>"#),
            ("trail ", r#"<w:t xml:space="preserve">trail </w:t>"#),
            ("a  b", r#"<w:t xml:space="preserve">a  b</w:t>"#),
        ] {
            out.clear();
            w_t(&mut out, s);
            assert_eq!(out, xml);
        }
    }
}
