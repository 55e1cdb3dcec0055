//! Rendering one document of a compiled set to Markdown, stopped at [`MAX_DOCUMENT_BYTES`],
//! and what a failed render tells the person who wrote the template.

use super::sources::is_template_name;
use super::{helpers, TemplateSet, EXTENSION, MAX_DOCUMENT_BYTES, PARTIALS};
use crate::diagnostic::Diagnostic;
use crate::document::Lang;

impl TemplateSet {
    /// Renders document `doc` in `lang` to Markdown. The context is Handlebars' own, built
    /// once and shared by every document rendered with it: given any `Serialize` value,
    /// Handlebars would copy the whole context into a new one for each render.
    pub fn render(
        &self,
        doc: &str,
        lang: Lang,
        context: &handlebars::Context,
    ) -> Result<String, Diagnostic> {
        let name = format!("{doc}/{lang}");
        let mut out = Capped::default();
        let result = self
            .handlebars
            .render_with_context_to_write(&name, context, &mut out);
        result.map_err(|e| {
            let template = e.template_name.clone().unwrap_or(name.clone());
            let file = self
                .sources
                .get(&template)
                .map(|s| s.origin.display_path(&template))
                .unwrap_or_default();
            let (message, hint) = if out.over {
                (
                    format!("document `{name}` grows past {} MiB of Markdown here; rendering stopped", MAX_DOCUMENT_BYTES >> 20),
                    "no document comes near this: look for a partial or a `{{#each}}` that repeats large text many times over".to_string(),
                )
            } else {
                describe(e.reason(), context.data())
            };
            let mut d = Diagnostic::error(message).in_file(file).with_hint(hint);
            if let Some(line) = e.line_no {
                d = d.at(line, e.column_no);
            }
            d
        })?;
        Ok(out.text)
    }
}

/// Rendered Markdown, refusing to grow past [`MAX_DOCUMENT_BYTES`]: the write that would cross
/// it fails, which ends the render there (time and memory stay small).
#[derive(Default)]
struct Capped {
    text: String,
    over: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.text.len() + buf.len() > MAX_DOCUMENT_BYTES {
            self.over = true;
            return Err(std::io::Error::other("document over the size limit"));
        }
        // Handlebars writes whole `str` segments (`write_all(seg.as_bytes())`).
        self.text
            .push_str(std::str::from_utf8(buf).map_err(std::io::Error::other)?);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a context value is, in words, when it is not a list (`None` for lists, maps and
/// paths that do not name a value from the top of the context).
fn not_a_list(context: &serde_json::Value, path: &str) -> Option<&'static str> {
    let plain = path
        .split('.')
        .all(|seg| !seg.is_empty() && seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    if !plain {
        return None;
    }
    match context.pointer(&format!("/{}", path.replace('.', "/")))? {
        serde_json::Value::String(_) => Some("text"),
        serde_json::Value::Number(_) => Some("a number"),
        serde_json::Value::Bool(_) => Some("true or false"),
        serde_json::Value::Null => Some("empty (null)"),
        serde_json::Value::Array(_) | serde_json::Value::Object(_) => None,
    }
}

fn describe(
    reason: &handlebars::RenderErrorReason,
    context: &serde_json::Value,
) -> (String, String) {
    use handlebars::RenderErrorReason as R;
    match reason {
        // Handlebars' `each` reports a value it cannot go through as missing.
        R::MissingVariable(Some(path)) => match not_a_list(context, path) {
            Some(what) => (
                format!("`{{{{#each {path}}}}}` goes through a list, but `{path}` is {what}"),
                format!("write the value with `{{{{{path}}}}}`, or go through a list (such as `rapid_response`) with `{{{{#each}}}}`"),
            ),
            None => (
                format!("template uses `{path}`, which this jurisdiction does not define"),
                "fix the name in the template, or add the value to the jurisdiction's config".to_string(),
            ),
        },
        R::MissingVariable(None) => (
            "template uses a value this jurisdiction does not define".to_string(),
            "check the names used on this line".to_string(),
        ),
        R::PartialNotFound(p) | R::TemplateNotFound(p) if !is_template_name(p) => (
            format!("template includes `{p}`, which is not a template name"),
            format!("partials are named like `{PARTIALS}/closing/en` (lowercase letters, digits, `-` and `/`), never a file path"),
        ),
        R::PartialNotFound(p) | R::TemplateNotFound(p) => (
            format!("template includes `{p}`, which does not exist"),
            format!("add templates/{p}{EXTENSION} or fix the name"),
        ),
        R::HelperNotFound(h) => (
            format!("unknown helper `{h}`"),
            format!(
                "available helpers: {}",
                helpers::SIGNATURES.iter().map(|s| s.0).collect::<Vec<_>>().join(", ")
            ),
        ),
        R::CannotIncludeSelf => (
            "template includes itself".to_string(),
            "remove the partial call that points back at this template".to_string(),
        ),
        other => (other.to_string(), "check the template on this line".to_string()),
    }
}
