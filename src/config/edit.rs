//! Setting a fact a config declares `unknown`: the check a typed value passes before it is
//! taken ([`check_value`], the loader's own rules), the fact set in a resolved
//! [`Jurisdiction`] for one answer ([`set_fact`]), and the same fact written into the text of
//! the config file that declares it unknown ([`write_sourced_fact`]: that one `unknown`
//! replaced by `{value, source, verified}`, every other byte of the file as it was).

use super::raw::Role;
use super::values::{self, Fact, IsoDate, Localized, Text};
use super::{Jurisdiction, Record};
use serde::Deserialize;
use std::path::Path;

/// The fact a config path names: whose (`holder`) and which (`field`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactPath {
    /// The record (or the signatory) holding the fact.
    pub holder: Holder,
    /// The fact of it.
    pub field: Field,
}

/// What holds a fact: the records of a jurisdiction, and the signatory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// `agencies.<role>`.
    Agency(Role),
    /// `rapid_response[i]`.
    RapidResponse(usize),
    /// `legal_services[i]`.
    LegalServices(usize),
    /// `rights_card`.
    RightsCard,
    /// `signatory` (its name only).
    Signatory,
}

/// A fact of a record (or the signatory's name), by its key in the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `name` (text per language: the config gives it no source of its own).
    Name,
    /// `head`.
    Head,
    /// `address`.
    Address,
    /// `phone`.
    Phone,
    /// `email`.
    Email,
    /// `website`.
    Website,
    /// `hours`.
    Hours,
}

impl Field {
    const ALL: [(Field, &'static str); 7] = [
        (Field::Name, "name"),
        (Field::Head, "head"),
        (Field::Address, "address"),
        (Field::Phone, "phone"),
        (Field::Email, "email"),
        (Field::Website, "website"),
        (Field::Hours, "hours"),
    ];

    /// The key as written in the config.
    pub fn key(self) -> &'static str {
        Field::ALL
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("name", |(_, k)| k)
    }
}

impl FactPath {
    /// The fact `path` names, as `Jurisdiction::unknown` writes paths (`agencies.sheriff.phone`,
    /// `legal_services[0].name`, `signatory.name`); `None` for anything else.
    pub fn parse(path: &str) -> Option<FactPath> {
        let (holder, field) = path.rsplit_once('.')?;
        let field = Field::ALL.iter().find(|(_, k)| *k == field)?.0;
        let indexed = |list: &str| {
            holder
                .strip_prefix(list)?
                .strip_prefix('[')?
                .strip_suffix(']')?
                .parse::<usize>()
                .ok()
        };
        let holder = if let Some(role) = holder.strip_prefix("agencies.") {
            Holder::Agency(*Role::ALL.iter().find(|r| r.key() == role)?)
        } else if let Some(i) = indexed("rapid_response") {
            Holder::RapidResponse(i)
        } else if let Some(i) = indexed("legal_services") {
            Holder::LegalServices(i)
        } else if holder == "rights_card" {
            Holder::RightsCard
        } else if holder == "signatory" && field == Field::Name {
            Holder::Signatory
        } else {
            return None;
        };
        Some(FactPath { holder, field })
    }
}

/// Why a value typed for a fact (or its source) is not taken: the loader would refuse it, or
/// it would mean something else once written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueProblem {
    /// Nothing, or only characters that show as nothing.
    Blank,
    /// More than one line: a fact is printed on one.
    Newline,
    /// A character the config's text refuses (control, invisible, direction-changing).
    Characters,
    /// The word `unknown`, which declares a fact not known.
    Unknown,
    /// A website that is not an `https:`/`http:` address.
    NotWebAddress,
}

/// `value` as text for the fact `field`, checked as the loader checks such a fact (a phone,
/// address or name is taken as typed: never reformatted, never guessed).
pub fn check_value(field: Field, value: &str) -> Result<Text, ValueProblem> {
    let text = check_text(value)?;
    if value == values::UNKNOWN {
        return Err(ValueProblem::Unknown);
    }
    if field == Field::Website && values::not_web_address(value).is_some() {
        return Err(ValueProblem::NotWebAddress);
    }
    Ok(text)
}

/// `value` as the text of a fact's source (an address or a description of where it was read).
pub fn check_source(value: &str) -> Result<Text, ValueProblem> {
    check_text(value)
}

/// One line of text, with what the config's `Text` refuses refused (by its own reader).
fn check_text(value: &str) -> Result<Text, ValueProblem> {
    if value.contains(['\n', '\r']) {
        return Err(ValueProblem::Newline);
    }
    let read =
        Text::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(value));
    read.map_err(|_| {
        if crate::unicode::is_blank(value) || value.trim().is_empty() {
            ValueProblem::Blank
        } else {
            ValueProblem::Characters
        }
    })
}

/// A path `set_fact` cannot place: no such record in the jurisdiction, or no such fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoSuchFact(pub String);

/// Sets the fact at `path` of `j` to `fact`, and, when it is known, takes it off `j.unknown`.
/// A record's `name` has no source of its own in the config: it takes the fact's value.
pub fn set_fact(j: &mut Jurisdiction, path: &str, fact: Fact) -> Result<(), NoSuchFact> {
    let no_such = || NoSuchFact(path.to_string());
    let at = FactPath::parse(path).ok_or_else(no_such)?;
    let known = matches!(fact, Fact::Known { .. });
    if at.holder == Holder::Signatory {
        j.signatory.name = fact;
    } else {
        let record = record_mut(j, at.holder).ok_or_else(no_such)?;
        let slot = match at.field {
            Field::Name => {
                record.name = match fact {
                    Fact::Known { value, .. } => value,
                    Fact::Unknown => Localized::Same(Text(values::UNKNOWN.to_string())),
                };
                return drop_unknown(j, path, known);
            }
            Field::Head => &mut record.head,
            Field::Address => &mut record.address,
            Field::Phone => &mut record.phone,
            Field::Email => &mut record.email,
            Field::Website => &mut record.website,
            Field::Hours => &mut record.hours,
        };
        *slot = Some(fact);
    }
    drop_unknown(j, path, known)
}

/// Takes `path` off `j.unknown` once it is `known`.
fn drop_unknown(j: &mut Jurisdiction, path: &str, known: bool) -> Result<(), NoSuchFact> {
    if known {
        j.unknown.retain(|u| u.path != path);
    }
    Ok(())
}

fn record_mut(j: &mut Jurisdiction, holder: Holder) -> Option<&mut Record> {
    match holder {
        Holder::Agency(role) => j.agencies.get_mut(&role),
        Holder::RapidResponse(i) => j.rapid_response.get_mut(i),
        Holder::LegalServices(i) => j.legal_services.get_mut(i),
        Holder::RightsCard => Some(&mut j.rights_card),
        Holder::Signatory => None,
    }
}

/// Why a sourced fact cannot be written into a config file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditRefused {
    /// The file no longer reads as YAML.
    Unreadable,
    /// The file no longer declares the fact `unknown` at that line (it was edited since).
    NotUnknownThere,
    /// A record's name: the config has no place for a source of its own.
    NameHasNoSource,
    /// The path names no fact of a config.
    NoSuchFact,
}

/// `text` (the config file `file`) with the `unknown` the fact `path` is declared with at line
/// `line` replaced by `{value: …, source: …, verified: …}` — the config's form of a fact with
/// its own source, as one flow mapping in place of the word, so every other byte (comments,
/// order, layout, the rest of that line) stays as it was. Values are written double-quoted and
/// escaped; they must have passed [`check_value`] / [`check_source`] (one line each).
pub fn write_sourced_fact(
    text: &str,
    file: &Path,
    (path, line): (&str, usize),
    value: &Text,
    source: &Text,
    verified: IsoDate,
) -> Result<String, EditRefused> {
    let at = FactPath::parse(path).ok_or(EditRefused::NoSuchFact)?;
    if at.field == Field::Name {
        return Err(EditRefused::NameHasNoSource);
    }
    let doc = crate::yaml::parse_doc(file, text).map_err(|_| EditRefused::Unreadable)?;
    let keys: Vec<&str> = path.split(['.', '[']).collect();
    let (key, node) = doc.get(&keys).ok_or(EditRefused::NotUnknownThere)?;
    if key.line != line || node.mark.line != line || node.text() != Some(values::UNKNOWN) {
        return Err(EditRefused::NotUnknownThere);
    }
    let start =
        byte_offset(text, node.mark.line, node.mark.column).ok_or(EditRefused::NotUnknownThere)?;
    let written = ["unknown", "\"unknown\"", "'unknown'"]
        .into_iter()
        .find(|w| text[start..].starts_with(w))
        .ok_or(EditRefused::NotUnknownThere)?;
    let replacement = format!(
        "{{value: {}, source: {}, verified: {verified}}}",
        double_quoted(value.as_str()),
        double_quoted(source.as_str())
    );
    let mut out = String::with_capacity(text.len() + replacement.len());
    out.push_str(&text[..start]);
    out.push_str(&replacement);
    out.push_str(&text[start + written.len()..]);
    Ok(out)
}

/// The byte offset of `line`, `column` (both from 1, the column in characters) in `text`.
fn byte_offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = &text[line_start..];
    let within = rest
        .char_indices()
        .nth(column.checked_sub(1)?)
        .map(|(i, _)| i)?;
    Some(line_start + within)
}

/// `s` as a YAML double-quoted scalar: `"` and `\` escaped, nothing else needs it on one line
/// (a `:` or `#` inside quotes is text).
fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests;
