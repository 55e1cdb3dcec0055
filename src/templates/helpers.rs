//! Template helpers and the Markdown escaper.
//!
//! Values from configs reach Markdown escaped (so a name with `*` or `#` stays text). Helpers
//! write their own output, escaped the same way, plus the private-use markers the document
//! parser turns into fill-ins and citations. `if` and `unless` are replaced by strict versions:
//! stock Handlebars silently takes the else branch for a misspelled name. Handlebars' `log` is
//! removed: it would write template-controlled text into the program's log.

use crate::authorities::{case_name, pinpointed, Authority, Registry};
use crate::document::{Lang, CITE_CLOSE, CITE_OPEN, FILL_CLOSE, FILL_OPEN};
use crate::i18n;
use crate::values::IsoDate;
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, PathAndJson, RenderContext,
    RenderError, RenderErrorReason, Renderable,
};
use serde_json::Value;
use std::sync::Arc;

/// Backslash-escapes every ASCII punctuation character, which CommonMark always reads back as
/// the literal character. Line breaks become spaces: a value is one run of text. An empty value
/// (a `null` in the context) becomes a visible fill-in, never a silent blank.
pub fn escape_markdown(value: &str) -> String {
    if value.is_empty() {
        return format!("{FILL_OPEN}…{FILL_CLOSE}");
    }
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A fill-in marker for `label`, as a value in the template context (escaped on output like
/// any other value).
pub fn fill_in(label: &str) -> String {
    format!("{FILL_OPEN}{label}{FILL_CLOSE}")
}

/// Every helper a template may call: its name, how many arguments it takes, and how a call is
/// written (for the message that refuses a call with another number of arguments).
pub(super) const SIGNATURES: &[(&str, usize, &str)] = &[
    ("prop", 1, "{{prop \"key\"}}"),
    ("props", 1, "{{props law.release_dates}}"),
    ("cite", 1, "{{cite \"key\"}}"),
    ("cite_list", 1, "{{cite_list law.release_dates}}"),
    ("date", 1, "{{date request.received}}"),
    ("list", 1, "{{list request.items}}"),
    ("fill", 1, "{{fill \"Date of release\"}}"),
    ("eq", 2, "(eq jurisdiction.kind \"county\")"),
    ("first", 1, "(first law.release_dates)"),
    ("if", 1, "{{#if value}}…{{/if}}"),
    ("unless", 1, "{{#unless value}}…{{/unless}}"),
    ("each", 1, "{{#each list}}…{{/each}}"),
    ("with", 1, "{{#with value}}…{{/with}}"),
];

/// Registers every helper of [`SIGNATURES`] on `hb` (the citing ones reading `registry`), and
/// removes Handlebars' `log`, which would write template-controlled text into the program's log.
pub(super) fn register(hb: &mut Handlebars<'static>, registry: &Arc<Registry>) {
    hb.unregister_helper("log");
    hb.register_helper("if", Box::new(StrictIf { positive: true }));
    hb.register_helper("unless", Box::new(StrictIf { positive: false }));
    for kind in CiteKind::ALL {
        hb.register_helper(
            kind.name(),
            Box::new(Cite {
                registry: registry.clone(),
                kind,
            }),
        );
    }
    hb.register_helper("date", Box::new(TextHelper(date)));
    hb.register_helper("list", Box::new(TextHelper(list)));
    hb.register_helper("fill", Box::new(TextHelper(fill)));
    hb.register_helper("eq", Box::new(ValueHelper(eq)));
    hb.register_helper("first", Box::new(ValueHelper(first)));
}

fn lang_of(ctx: &Context) -> Lang {
    ctx.data()
        .get("lang")
        .and_then(Value::as_str)
        .and_then(Lang::from_code)
        .unwrap_or(Lang::En)
}

fn param<'a, 'rc>(
    h: &'a Helper<'rc>,
    idx: usize,
    helper: &'static str,
) -> Result<&'a PathAndJson<'rc>, RenderError> {
    let p = h
        .param(idx)
        .ok_or(RenderErrorReason::ParamNotFoundForIndex(helper, idx))?;
    if p.is_value_missing() {
        return Err(RenderErrorReason::MissingVariable(p.relative_path().cloned()).into());
    }
    Ok(p)
}

fn str_param<'a>(
    h: &'a Helper<'_>,
    idx: usize,
    helper: &'static str,
) -> Result<&'a str, RenderError> {
    param(h, idx, helper)?
        .value()
        .as_str()
        .ok_or_else(|| RenderErrorReason::InvalidParamType("text").into())
}

struct StrictIf {
    positive: bool,
}

impl HelperDef for StrictIf {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let name = if self.positive { "if" } else { "unless" };
        let value = param(h, 0, name)?.value();
        let truthy = match value {
            Value::Null | Value::Bool(false) => false,
            Value::String(s) => !s.is_empty(),
            Value::Array(a) => !a.is_empty(),
            Value::Object(o) => !o.is_empty(),
            Value::Number(n) => n.as_f64() != Some(0.0),
            Value::Bool(true) => true,
        };
        let branch = if truthy == self.positive {
            h.template()
        } else {
            h.inverse()
        };
        match branch {
            Some(t) => t.render(r, ctx, rc, out),
            None => Ok(()),
        }
    }
}

/// `citation` of `a` as Markdown: escaped, a case name in italics.
fn citation_markdown(a: &Authority, citation: &str) -> String {
    match case_name(a, citation) {
        Some((name, rest)) => format!("*{}*{}", escape_markdown(name), escape_markdown(rest)),
        None => escape_markdown(citation),
    }
}

#[derive(Clone, Copy)]
enum CiteKind {
    /// `{{cite "key"}}`: the citation of an authority, or of a proposition with its pinpoint;
    /// the authority is recorded as cited.
    Short,
    /// `{{cite_list law.release_dates}}`: the citations of a list of keys, "A, B and C".
    List,
    /// `{{prop "key"}}`: a proposition's statement in the document's language, with its
    /// pinpointed citation.
    Prop,
    /// `{{props law.release_dates}}`: the statements of a list of propositions, one after the other.
    Props,
}

impl CiteKind {
    const ALL: [CiteKind; 4] = [
        CiteKind::Short,
        CiteKind::List,
        CiteKind::Prop,
        CiteKind::Props,
    ];

    fn name(self) -> &'static str {
        match self {
            CiteKind::Short => "cite",
            CiteKind::List => "cite_list",
            CiteKind::Prop => "prop",
            CiteKind::Props => "props",
        }
    }
}

struct Cite {
    registry: Arc<Registry>,
    kind: CiteKind,
}

impl Cite {
    fn one(&self, key: &str, lang: Lang) -> Result<String, RenderError> {
        let unknown = |what: &str| {
            RenderError::from(RenderErrorReason::Other(format!("unknown {what} `{key}`")))
        };
        let marker = |authority: &str| format!("{CITE_OPEN}{authority}{CITE_CLOSE}");
        match self.kind {
            CiteKind::Short | CiteKind::List => {
                if let Some((p, a)) = self.registry.proposition(key) {
                    return Ok(format!(
                        "{}{}",
                        citation_markdown(a, &pinpointed(a, p.pinpoint.as_str())),
                        marker(p.authority.as_str())
                    ));
                }
                let a = self.registry.get(key).ok_or_else(|| unknown("authority"))?;
                Ok(format!(
                    "{}{}",
                    citation_markdown(a, a.citation.short.as_str()),
                    marker(key)
                ))
            }
            CiteKind::Prop | CiteKind::Props => {
                let (p, a) = self
                    .registry
                    .proposition(key)
                    .ok_or_else(|| unknown("proposition"))?;
                // A statement of law is never shown in another language than the document's.
                let text = p.text.given(lang).ok_or_else(|| {
                    let file = self
                        .registry
                        .file_of(key)
                        .map(|f| format!(" in {}", f.display()))
                        .unwrap_or_default();
                    RenderError::from(RenderErrorReason::Other(format!(
                        "proposition `{key}` has no `{lang}` text: add `{lang}:` under its `text`{file}"
                    )))
                })?;
                let text = text.trim_end();
                // The citation goes before the sentence's full stop, in the parentheses of the
                // sentence's script: "… (Cal. Gov't Code § 7283.1(a))." / "…（Cal. Gov't Code § 7283.1(a)）。"
                let (body, open, close, end) = if let Some(body) = text.strip_suffix('.') {
                    (body, " (", ")", ".")
                } else if let Some(body) = text.strip_suffix('。') {
                    (body, "（", "）", "。")
                } else {
                    (text, " (", ")", "")
                };
                Ok(format!(
                    "{}{open}{}{}{close}{end}",
                    escape_markdown(body),
                    citation_markdown(a, &pinpointed(a, p.pinpoint.as_str())),
                    marker(p.authority.as_str())
                ))
            }
        }
    }
}

impl HelperDef for Cite {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let lang = lang_of(ctx);
        let name = self.kind.name();
        let text = match self.kind {
            CiteKind::List | CiteKind::Props => {
                let keys = param(h, 0, name)?
                    .value()
                    .as_array()
                    .ok_or(RenderErrorReason::InvalidParamType("list of registry keys"))?;
                let mut cited = Vec::new();
                for key in keys {
                    let one = self.one(key.as_str().unwrap_or_default(), lang)?;
                    // Two propositions of one subsection cite it once.
                    if !cited.contains(&one) {
                        cited.push(one);
                    }
                }
                match self.kind {
                    CiteKind::List => i18n::join_list(lang, &cited),
                    _ => cited.join(" "),
                }
            }
            _ => self.one(str_param(h, 0, name)?, lang)?,
        };
        out.write(&text)?;
        Ok(())
    }
}

/// A helper that writes text: the function gets the call and the document's language and
/// returns Markdown, already escaped.
struct TextHelper(fn(&Helper<'_>, Lang) -> Result<String, RenderError>);

impl HelperDef for TextHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        out.write(&(self.0)(h, lang_of(ctx))?)?;
        Ok(())
    }
}

/// `{{date value}}`: an ISO date in running text; a fill-in passes through unchanged.
fn date(h: &Helper<'_>, lang: Lang) -> Result<String, RenderError> {
    let value = str_param(h, 0, "date")?;
    match IsoDate::parse(value) {
        Some(d) => Ok(escape_markdown(&i18n::long_date(lang, d.0))),
        None if value.starts_with(FILL_OPEN) => Ok(escape_markdown(value)),
        None => {
            Err(RenderErrorReason::Other(format!("`{value}` is not a date (YYYY-MM-DD)")).into())
        }
    }
}

/// `{{list items}}`: "A, B and C" / "A, B y C".
fn list(h: &Helper<'_>, lang: Lang) -> Result<String, RenderError> {
    let items = param(h, 0, "list")?
        .value()
        .as_array()
        .ok_or(RenderErrorReason::InvalidParamType("list"))?
        .iter()
        .map(|v| match v {
            Value::String(s) => escape_markdown(s),
            other => escape_markdown(&other.to_string()),
        })
        .collect::<Vec<_>>();
    Ok(i18n::join_list(lang, &items))
}

/// `{{fill "Date of release"}}`: a visible fill-in written into the template itself.
fn fill(h: &Helper<'_>, _: Lang) -> Result<String, RenderError> {
    Ok(escape_markdown(&fill_in(str_param(h, 0, "fill")?)))
}

/// A helper that gives a value to the expression around it (`(eq a b)`, `(first list)`) rather
/// than writing text.
struct ValueHelper(fn(&Helper<'_>) -> Result<Value, RenderError>);

impl HelperDef for ValueHelper {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<handlebars::ScopedJson<'rc>, RenderError> {
        Ok(handlebars::ScopedJson::Derived((self.0)(h)?))
    }
}

/// `{{#if (eq jurisdiction.kind "county")}}`
fn eq(h: &Helper<'_>) -> Result<Value, RenderError> {
    let a = param(h, 0, "eq")?.value();
    let b = param(h, 1, "eq")?.value();
    Ok(Value::Bool(a == b))
}

/// `{{prop (first law.release_dates)}}`: the first item of a list — a subject's leading
/// proposition, where a document has room for one (the one-pager). An empty list or another
/// value is an error naming the helper, never a silent blank.
fn first(h: &Helper<'_>) -> Result<Value, RenderError> {
    let list = param(h, 0, "first")?.value().as_array();
    match list.and_then(|items| items.first()) {
        Some(item) => Ok(item.clone()),
        None => Err(RenderErrorReason::Other(
            "`first` needs a list with at least one item: guard it with `{{#if …}}`".into(),
        )
        .into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_round_trips_through_the_parser() {
        for s in [
            "# x",
            "*y* _z_",
            "1. a",
            "<script>alert(1)</script>",
            "[l](u)",
            "a\\b",
            "`c`",
            "- d",
            "> q",
        ] {
            let parsed = crate::document::parse_markdown(&escape_markdown(s));
            let text = match &parsed.blocks[..] {
                [crate::document::Block::Paragraph(i)] => crate::document::Inline::plain_text(i),
                other => panic!("{s}: {other:?}"),
            };
            assert_eq!(text, s);
        }
    }
}
