//! Value types of the config files and the registry, each checking itself while it is read so
//! its errors carry the line and column: [`Text`] (never null, never a number by accident,
//! never blank, none of the characters [`crate::unicode`] refuses), [`Localized`] text,
//! [`Fact`]s with their source, and ISO dates, [`WebAddress`]es; and the rule for a jurisdiction
//! id ([`valid_segment`], [`check_id`]). Low in the crate (it needs only `diagnostic`,
//! `document::Lang`, `unicode` and `yaml`'s hint joining), so the registry, the configs and the
//! templates can all read these values without depending on one another.

use crate::document::Lang;
use crate::unicode;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// Deserializes a present key as `Some`, so that an explicit `null`/`~` reaches the value type
/// (which refuses it) instead of silently meaning "absent, inherit from the parent".
pub fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// Non-empty text from a config file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl Text {
    /// The text, as written (never blank).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn check_text<E: de::Error>(s: &str) -> Result<Text, E> {
    if s.trim().is_empty() {
        return Err(E::custom(
            "empty text; write the value, or `unknown` where a fact is not known yet",
        ));
    }
    if let Some(refused) = unicode::first_refused(s) {
        // A value that shows as nothing is blank, whatever characters make it up.
        let (message, hint) = if unicode::is_blank(s) {
            (
                format!("empty text: it holds only white space and characters that show as nothing, such as {refused}"),
                "write the value, or `unknown` where a fact is not known yet",
            )
        } else {
            (
                format!("text contains {refused}, {}", refused.risk()),
                refused.hint(),
            )
        };
        return Err(E::custom(crate::yaml::with_hint(&message, hint)));
    }
    Ok(Text(s.to_string()))
}

struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        check_text(v)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
        Err(E::custom(
            "empty value (null or ~) where text is required; write the value, or `unknown` where a fact is not known yet",
        ))
    }

    fn visit_none<E: de::Error>(self) -> Result<Text, E> {
        self.visit_unit()
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
        Err(E::custom(format!(
            "expected text, found the boolean `{v}`; put it in quotes if it is text"
        )))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
        found_number(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
        found_number(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
        found_number(v)
    }
}

/// A number where text is required, quoted as the parser read it: a `u64` past `i64::MAX`
/// too, which a cast to `i64` would have shown as a negative number.
fn found_number<E: de::Error>(v: impl fmt::Display) -> Result<Text, E> {
    Err(E::custom(format!(
        "expected text, found the number {v}; put it in quotes (\"{v}\")"
    )))
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "minLength": 1 })
    }
}

/// A web address (`https:` or `http:`): where the registry read a text. Documents link to it,
/// so a scheme Word or a browser would run (`ms-word:`, `javascript:`, `file:`) is refused.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct WebAddress(pub Text);

impl WebAddress {
    /// The address, as written.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// What is wrong with `s` as a web address, with the hint, if anything.
pub fn not_web_address(s: &str) -> Option<(&'static str, &'static str)> {
    (!crate::document::is_web_address(s)).then_some((
        "not a web address: only `https:` and `http:` addresses may be given here",
        "write the page's address as a browser shows it, starting with https://",
    ))
}

impl<'de> Deserialize<'de> for WebAddress {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Checked inside the visitor, so the error carries the value's line and column.
        struct V;
        impl Visitor<'_> for V {
            type Value = WebAddress;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a web address (https://…)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<WebAddress, E> {
                let text = check_text(v)?;
                match not_web_address(v) {
                    Some((message, hint)) => Err(E::custom(crate::yaml::with_hint(message, hint))),
                    None => Ok(WebAddress(text)),
                }
            }
            fn visit_unit<E: de::Error>(self) -> Result<WebAddress, E> {
                TextVisitor.visit_unit().map(WebAddress)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for WebAddress {
    fn schema_name() -> Cow<'static, str> {
        "WebAddress".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?:" })
    }
}

/// Text that may differ per language: `Alameda County`, or `{en: Alameda County, es: Condado de Alameda}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Localized {
    /// One text for every language.
    Same(Text),
    /// A text for each language given.
    PerLanguage(BTreeMap<Lang, Text>),
}

impl Localized {
    /// The text in `lang`, else the English (a name is shown as the config gives it).
    pub fn get(&self, lang: Lang) -> Option<&str> {
        self.given(lang).or_else(|| self.given(Lang::En))
    }
    /// The text written for `lang` itself.
    pub fn given(&self, lang: Lang) -> Option<&str> {
        match self {
            Localized::Same(t) => Some(t.as_str()),
            Localized::PerLanguage(map) => map.get(&lang).map(Text::as_str),
        }
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Localized;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text, or a map of language code to text (en: …, es: …)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Localized, E> {
                check_text(v).map(Localized::Same)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Localized, E> {
                TextVisitor.visit_unit().map(Localized::Same)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Localized, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(code) = map.next_key::<String>()? {
                    let lang = Lang::from_code(&code).ok_or_else(|| {
                        de::Error::custom(format!(
                            "unknown language `{code}`; the kit has text for: {}",
                            Lang::codes().join(", ")
                        ))
                    })?;
                    let text: Text = map.next_value()?;
                    if out.insert(lang, text).is_some() {
                        return Err(de::Error::custom(format!("language `{code}` given twice")));
                    }
                }
                Ok(Localized::PerLanguage(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Localized {
    fn schema_name() -> Cow<'static, str> {
        "Localized".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Text, or the text in each language.",
            "anyOf": localized_schemas()
        })
    }
}

/// The schema of text: a string that is not empty.
fn text_schema() -> serde_json::Value {
    serde_json::json!({ "type": "string", "minLength": 1 })
}

/// The two ways to write [`Localized`] text: the same in every language, or text per
/// language — a map with a key for each language the kit has.
fn localized_schemas() -> [serde_json::Value; 2] {
    let languages: serde_json::Map<String, serde_json::Value> = Lang::all()
        .iter()
        .map(|lang| (lang.code().to_string(), text_schema()))
        .collect();
    [
        text_schema(),
        serde_json::json!({
            "type": "object",
            "properties": languages,
            "additionalProperties": false
        }),
    ]
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate(pub time::Date);

const ISO: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

impl IsoDate {
    /// `s` as a date, if it is a real one written `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<IsoDate> {
        time::Date::parse(s, ISO).ok().map(IsoDate)
    }

    /// Today, in the machine's time zone (UTC where it cannot be told).
    pub fn today() -> IsoDate {
        IsoDate(
            time::OffsetDateTime::now_local()
                .unwrap_or_else(|_| time::OffsetDateTime::now_utc())
                .date(),
        )
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(f, "{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Checked inside the visitor, so the error carries the value's line and column; the
        // message leaves the value out (it may be personal, e.g. a date of birth).
        struct V;
        impl Visitor<'_> for V {
            type Value = IsoDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<IsoDate, E> {
                IsoDate::parse(v)
                    .ok_or_else(|| E::custom("not a valid date; write it as YYYY-MM-DD"))
            }
            fn visit_unit<E: de::Error>(self) -> Result<IsoDate, E> {
                TextVisitor.visit_unit().map(|_| IsoDate(time::Date::MIN))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<IsoDate, E> {
                Err(E::custom("not a valid date; write it as YYYY-MM-DD"))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<IsoDate, E> {
                Err(E::custom("not a valid date; write it as YYYY-MM-DD"))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for IsoDate {
    fn schema_name() -> Cow<'static, str> {
        "IsoDate".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
    }
}

/// A fact that could be wrong on paper (a phone number, an address, a person's name, hours).
///
/// Written as text (sourced by the `source` of the record it sits in), as text per language
/// (`{en: …, es: …}`), as `{value: …, source: …, verified: YYYY-MM-DD}`, or as `unknown`,
/// which renders as a visible fill-in and is listed by `check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    /// Written `unknown`: not known yet, rendered as a fill-in.
    Unknown,
    /// Known.
    Known {
        /// The fact, in one text or per language.
        value: Localized,
        /// Where it was read; `None` when the record's own `source` covers it.
        source: Option<Text>,
        /// When it was last confirmed, if written.
        verified: Option<IsoDate>,
    },
}

/// The word that declares a fact unknown.
pub const UNKNOWN: &str = "unknown";

impl<'de> Deserialize<'de> for Fact {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Fact;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text, `unknown`, {en: …, es: …}, or {value, source, verified}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Fact, E> {
                if v == UNKNOWN {
                    return Ok(Fact::Unknown);
                }
                Ok(Fact::Known {
                    value: Localized::Same(check_text(v)?),
                    source: None,
                    verified: None,
                })
            }
            fn visit_unit<E: de::Error>(self) -> Result<Fact, E> {
                TextVisitor.visit_unit().map(|_| Fact::Unknown)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Fact, E> {
                TextVisitor.visit_i64(v).map(|_| Fact::Unknown)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Fact, E> {
                TextVisitor.visit_u64(v).map(|_| Fact::Unknown)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Fact, E> {
                TextVisitor.visit_bool(v).map(|_| Fact::Unknown)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fact, A::Error> {
                let (mut value, mut source, mut verified) = (None, None, None);
                let mut per_language = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "value" => value = Some(map.next_value::<Localized>()?),
                        "source" => source = Some(map.next_value::<Text>()?),
                        "verified" => verified = Some(map.next_value::<IsoDate>()?),
                        code => match Lang::from_code(code) {
                            Some(lang) => {
                                per_language.insert(lang, map.next_value::<Text>()?);
                            }
                            None => {
                                return Err(de::Error::custom(format!(
                                    "unknown key `{code}` in a fact; write {{value, source, verified}} or {{en: …, es: …}}"
                                )))
                            }
                        },
                    }
                }
                match (value, per_language.is_empty()) {
                    (None, false) if source.is_none() && verified.is_none() => Ok(Fact::Known {
                        value: Localized::PerLanguage(per_language),
                        source: None,
                        verified: None,
                    }),
                    (Some(value), true) if source.is_some() && verified.is_some() => {
                        Ok(Fact::Known { value, source, verified })
                    }
                    _ => Err(de::Error::custom(
                        "a fact is {value: …, source: …, verified: YYYY-MM-DD} (all three) or {en: …, es: …}",
                    )),
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Fact {
    fn schema_name() -> Cow<'static, str> {
        "Fact".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let localized_schemas = localized_schemas();
        json_schema!({
            "description": "A fact that could be wrong on paper: text (sourced by the record's `source`), `unknown` (renders as a visible fill-in), or {value, source, verified}.",
            "anyOf": [
                localized_schemas[0],
                localized_schemas[1],
                {
                    "type": "object",
                    "properties": {
                        "value": { "anyOf": localized_schemas },
                        "source": { "type": "string", "minLength": 1 },
                        "verified": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }
                    },
                    "required": ["value", "source", "verified"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

mod id;
pub use id::{check_id, valid_segment, TEMPLATES_DIR};

#[cfg(test)]
mod tests;
