//! Which characters text for a legal document may hold: the one rule for config values, request
//! files, the registry and templates, read from the Unicode Character Database (ICU4X's compiled
//! data) rather than from a hand-kept list.
//!
//! Refused: control characters (tab and newline aside), format characters, line and paragraph
//! separators, private-use and unassigned code points, and every character Unicode says a
//! program should not show (`Default_Ignorable_Code_Point`: zero-width characters, fillers, tags,
//! variation selectors). Each is invisible on paper, reorders the text around it (the
//! bidirectional controls), or breaks a line in one format and not in another, so what a reader
//! sees is not what the file says.
//!
//! Emoji are the exception, as UTS #51 defines them: a zero-width joiner between two pictographs
//! (👩‍⚖️, 🏳️‍🌈), a variation selector after an emoji (☎️), and tag characters in a subdivision
//! flag (🏴 followed by tags and the cancel tag) are parts of one visible picture.

use icu_properties::props::{
    BidiControl, DefaultIgnorableCodePoint, Emoji, EmojiModifier, ExtendedPictographic,
    GeneralCategory, WhiteSpace,
};
use icu_properties::{CodePointMapData, CodePointSetData};
use std::fmt;

const ZWJ: char = '\u{200D}';
const VARIATION_SELECTORS: [char; 2] = ['\u{FE0E}', '\u{FE0F}'];
/// The black flag that a subdivision flag's tags follow, and the tag that ends them.
const FLAG: char = '\u{1F3F4}';
const TAGS: std::ops::RangeInclusive<char> = '\u{E0020}'..='\u{E007E}';
const CANCEL_TAG: char = '\u{E007F}';

/// What is wrong with a refused character; each says so in its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A control character other than tab and newline.
    Control,
    /// A bidirectional control, which reorders the text around it.
    Bidi,
    /// U+2028 LINE SEPARATOR.
    LineSeparator,
    /// U+2029 PARAGRAPH SEPARATOR.
    ParagraphSeparator,
    /// A private-use code point: it shows as nothing, or as a box.
    PrivateUse,
    /// A code point Unicode has not assigned.
    Unassigned,
    /// A letter that shows as blank space (U+3164 HANGUL FILLER).
    Filler,
    /// Any other character a program should not show: format characters, zero-width
    /// characters, tags, variation selectors.
    Invisible,
}

/// A character text may not hold, and where: `column` counts characters from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    /// The character.
    pub c: char,
    /// What is wrong with it.
    pub kind: Kind,
    /// Where it is in the text checked, in characters from 1.
    pub column: usize,
}

impl Refused {
    /// Why the character may not stay, after "… contains this character (U+XXXX), ".
    pub fn risk(&self) -> &'static str {
        match self.kind {
            Kind::Bidi => {
                "which would be invisible and reorder the text around it in a legal document (the Trojan Source attack)"
            }
            Kind::LineSeparator | Kind::ParagraphSeparator => {
                "which breaks the line in the PDF but not in Word or on the site"
            }
            Kind::Filler => "which shows as blank space in a legal document",
            Kind::PrivateUse | Kind::Unassigned => {
                "which would show as nothing, or as a box, in a legal document"
            }
            Kind::Control | Kind::Invisible => "which would be invisible in a legal document",
        }
    }

    /// How to fix it.
    pub fn hint(&self) -> &'static str {
        match self.kind {
            Kind::LineSeparator | Kind::ParagraphSeparator => {
                "delete it, or start a new line instead (an editor that shows invisible characters helps find it)"
            }
            _ => "delete it (an editor that shows invisible characters helps find it)",
        }
    }
}

/// `a bidirectional-override character (U+202E)`.
impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            Kind::Control => "a control character",
            Kind::Bidi => "a bidirectional-override character",
            Kind::LineSeparator => "a line separator",
            Kind::ParagraphSeparator => "a paragraph separator",
            Kind::PrivateUse => "a private-use character",
            Kind::Unassigned => "an unassigned code point",
            Kind::Filler => "a blank filler character",
            Kind::Invisible if is_zero_width(self.c) => "an invisible zero-width character",
            Kind::Invisible if (TAGS.contains(&self.c) || self.c == CANCEL_TAG) => {
                "an invisible tag character"
            }
            Kind::Invisible => "an invisible formatting character",
        };
        write!(f, "{what} (U+{:04X})", self.c as u32)
    }
}

/// Zero-width spaces and joiners and the byte-order mark: the invisible characters people
/// know by that name.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// What is wrong with `c` anywhere outside an emoji sequence, if anything.
fn kind(c: char) -> Option<Kind> {
    use GeneralCategory as G;
    if matches!(c, '\n' | '\t') {
        return None;
    }
    if CodePointSetData::new::<BidiControl>().contains(c) {
        return Some(Kind::Bidi);
    }
    let category = CodePointMapData::<GeneralCategory>::new().get(c);
    Some(match category {
        G::Control => Kind::Control,
        G::LineSeparator => Kind::LineSeparator,
        G::ParagraphSeparator => Kind::ParagraphSeparator,
        G::PrivateUse => Kind::PrivateUse,
        G::Unassigned => Kind::Unassigned,
        G::Format => Kind::Invisible,
        _ if !CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c) => return None,
        G::OtherLetter => Kind::Filler,
        _ => Kind::Invisible,
    })
}

/// The first character of `s` that text may not hold, if any.
pub fn first_refused(s: &str) -> Option<Refused> {
    let chars: Vec<char> = s.chars().collect();
    // Characters before this index belong to a subdivision flag's tag sequence.
    let mut flag_end = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == FLAG {
            flag_end = tag_sequence_end(&chars, i + 1);
        }
        if i < flag_end {
            continue;
        }
        let Some(kind) = kind(c) else { continue };
        if !part_of_emoji(&chars, i) {
            return Some(Refused {
                c,
                kind,
                column: i + 1,
            });
        }
    }
    None
}

/// Where the tags that follow a black flag at `start - 1` end (after the cancel tag), or
/// `start` when they are not one or more tags closed by the cancel tag.
fn tag_sequence_end(chars: &[char], start: usize) -> usize {
    let tags = chars[start..]
        .iter()
        .take_while(|&&c| TAGS.contains(&c))
        .count();
    match chars.get(start + tags) {
        Some(&CANCEL_TAG) if tags > 0 => start + tags + 1,
        _ => start,
    }
}

/// Whether the joiner or variation selector at `i` joins or styles an emoji.
fn part_of_emoji(chars: &[char], i: usize) -> bool {
    let pictographic = |c: char| CodePointSetData::new::<ExtendedPictographic>().contains(c);
    let before = i.checked_sub(1).map(|j| chars[j]);
    match chars[i] {
        // Between a pictograph (perhaps with its skin tone or emoji style) and a pictograph.
        ZWJ => {
            before.is_some_and(|b| {
                pictographic(b)
                    || b == VARIATION_SELECTORS[1]
                    || CodePointSetData::new::<EmojiModifier>().contains(b)
            }) && chars.get(i + 1).is_some_and(|&n| pictographic(n))
        }
        c if VARIATION_SELECTORS.contains(&c) => {
            before.is_some_and(|b| CodePointSetData::new::<Emoji>().contains(b))
        }
        _ => false,
    }
}

/// Whether `s` shows as nothing: only white space and characters a program does not show.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| {
        CodePointSetData::new::<WhiteSpace>().contains(c)
            || CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(s: &str) -> Option<String> {
        first_refused(s).map(|r| format!("{r} at {}", r.column))
    }

    #[test]
    fn invisible_characters_the_old_list_let_through_are_refused() {
        for (s, expected) in [
            ("\u{3164}", "a blank filler character (U+3164) at 1"),
            ("a\u{FFA0}", "a blank filler character (U+FFA0) at 2"),
            (
                "a\u{2060}b",
                "an invisible zero-width character (U+2060) at 2",
            ),
            (
                "a\u{2064}b",
                "an invisible formatting character (U+2064) at 2",
            ),
            (
                "so\u{AD}ft",
                "an invisible formatting character (U+00AD) at 3",
            ),
            (
                "\u{61C}x",
                "a bidirectional-override character (U+061C) at 1",
            ),
            (
                "x\u{180E}",
                "an invisible formatting character (U+180E) at 2",
            ),
            (
                "x\u{34F}",
                "an invisible formatting character (U+034F) at 2",
            ),
            ("x\u{E0041}", "an invisible tag character (U+E0041) at 2"),
            ("a\u{2028}b", "a line separator (U+2028) at 2"),
            ("a\u{2029}b", "a paragraph separator (U+2029) at 2"),
            ("a\u{E000}", "a private-use character (U+E000) at 2"),
            ("a\u{0378}", "an unassigned code point (U+0378) at 2"),
            ("a\u{7}", "a control character (U+0007) at 2"),
            (
                "a\u{202E}b",
                "a bidirectional-override character (U+202E) at 2",
            ),
            (
                "a\u{200B}b",
                "an invisible zero-width character (U+200B) at 2",
            ),
        ] {
            assert_eq!(refused(s).as_deref(), Some(expected), "{s:?}");
        }
    }

    #[test]
    fn emoji_sequences_are_text() {
        for s in [
            "Judge 👩\u{200D}⚖\u{FE0F}",
            "👩🏽\u{200D}⚖\u{FE0F}",
            "🏳\u{FE0F}\u{200D}🌈 pride",
            "☎\u{FE0F} 555",
            "1\u{FE0F}\u{20E3}",
            "Scotland 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
            "tab\tand\nnewline, non-breaking\u{A0}space, ñ § —",
        ] {
            assert_eq!(refused(s), None, "{s:?}");
        }
    }

    #[test]
    fn joiners_selectors_and_tags_outside_emoji_are_refused() {
        assert_eq!(
            refused("a\u{200D}b").as_deref(),
            Some("an invisible zero-width character (U+200D) at 2")
        );
        // A joiner with nothing to join after it.
        assert_eq!(
            refused("👩\u{200D}").as_deref(),
            Some("an invisible zero-width character (U+200D) at 2")
        );
        assert_eq!(
            refused("x\u{FE0F}").as_deref(),
            Some("an invisible formatting character (U+FE0F) at 2")
        );
        // Tags not closed by the cancel tag, or not after the black flag.
        assert_eq!(
            refused("🏴\u{E0067}\u{E0062}").as_deref(),
            Some("an invisible tag character (U+E0067) at 2")
        );
        assert_eq!(
            refused("🏳\u{E0067}\u{E007F}").as_deref(),
            Some("an invisible tag character (U+E0067) at 2")
        );
        assert_eq!(
            refused("🏴\u{E007F}").as_deref(),
            Some("an invisible tag character (U+E007F) at 2")
        );
    }

    #[test]
    fn blank_is_white_space_and_invisible_characters_only() {
        assert!(is_blank(" \u{3164}\u{200B}\u{3000}"));
        assert!(!is_blank(" a\u{3164}"));
        assert!(!is_blank("👩\u{200D}⚖"));
    }
}
