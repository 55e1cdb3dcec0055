//! The languages the kit has: one for each table of strings in `i18n/` (`es.yaml` is `es`),
//! so adding a language is adding its table (and its templates), not changing the code.

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::sync::LazyLock;

/// A language a document is written in. Only languages the kit has strings for exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang(&'static str);

/// The codes of the shipped tables that can name a language, sorted.
static CODES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut codes: Vec<&'static str> = super::table::SHIPPED_CODES
        .iter()
        .map(String::as_str)
        .filter(|code| is_code(code))
        .collect();
    codes.sort_unstable();
    codes
});

static ALL: LazyLock<Vec<Lang>> = LazyLock::new(|| CODES.iter().map(|&c| Lang(c)).collect());

/// Whether `code` can name a language: it becomes a folder of the output and part of a
/// template's name, so lowercase ASCII letters, digits and `-` (`en`, `zh-hant`), from a letter.
pub(super) fn is_code(code: &str) -> bool {
    code.len() <= 16
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[allow(non_upper_case_globals)] // named like the variants they were, so call sites read alike
impl Lang {
    /// English: the language of the tool's messages, and of a template that names no language.
    pub const En: Lang = Lang("en");
    /// Spanish, the other shipped language (the tests and examples name it).
    pub const Es: Lang = Lang("es");

    /// Every language the kit has, by code.
    pub fn all() -> &'static [Lang] {
        &ALL
    }

    /// Their codes, in the same order.
    pub fn codes() -> &'static [&'static str] {
        &CODES
    }

    /// Its code, the name of its table (`en`, `es`): the folder of its outputs and the last part
    /// of its templates' names.
    pub fn code(self) -> &'static str {
        self.0
    }

    /// The language `code` names, if the kit has a table for it.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::all().iter().copied().find(|l| l.0 == code)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Lang;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a language code: {}", Lang::codes().join(", "))
            }
            fn visit_str<E: de::Error>(self, code: &str) -> Result<Lang, E> {
                Lang::from_code(code).ok_or_else(|| E::unknown_variant(code, Lang::codes()))
            }
        }
        d.deserialize_str(V)
    }
}

impl JsonSchema for Lang {
    fn schema_name() -> Cow<'static, str> {
        "Lang".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A language a document is written in. Only languages the kit has strings for exist.",
            "enum": Lang::codes(),
            "type": "string"
        })
    }
}
