//! The desk's pages: handlebars templates in `src/serve/pages/` (embedded; `layout.hbs` is the
//! shell every page shares — skip link, language switch, navigation, `main`, the counsel
//! notice), rendered with the words of the page's language (the `t` helper), the CSRF token and
//! the links to the same page in the other languages. The page's language is the
//! `responsekit_lang` cookie, set by following a language link (`?lang=es`).

use super::state::App;
use super::words;
use crate::document::Lang;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderErrorReason,
};
use rust_embed::RustEmbed;
use serde_json::{json, Value};
use std::sync::LazyLock;

#[derive(RustEmbed)]
#[folder = "src/serve/pages"]
#[include = "*.hbs"]
struct Pages;

/// The cookie holding the page language's code.
pub(crate) const LANG_COOKIE: &str = "responsekit_lang";

/// Every page template by its file name less `.hbs`, `layout` among them as a partial.
static REGISTRY: LazyLock<Handlebars<'static>> = LazyLock::new(|| {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_helper("t", Box::new(words_helper));
    for file in Pages::iter() {
        let Some(name) = file.strip_suffix(".hbs") else {
            continue;
        };
        let Some(text) =
            Pages::get(&file).and_then(|f| String::from_utf8(f.data.into_owned()).ok())
        else {
            continue;
        };
        // A broken page template is found by the tests rendering every page.
        let _ = hb.register_template_string(name, &text);
        let _ = hb.register_partial(name, text);
    }
    hb
});

/// `{{t "key"}}`: the words for `key` in the page's language (`@root.lang`); `{{t "key"
/// name=value}}` fills `{name}` in them. A key no table holds fails the render.
fn words_helper(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    ctx: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    let key = h
        .param(0)
        .and_then(|p| p.value().as_str())
        .ok_or(RenderErrorReason::ParamNotFoundForIndex("t", 0))?;
    let lang = ctx
        .data()
        .get("lang")
        .and_then(Value::as_str)
        .and_then(Lang::from_code)
        .unwrap_or(Lang::En);
    let text = words::get(lang, key)
        .ok_or_else(|| RenderErrorReason::Other(format!("no words for `{key}`")))?;
    let mut text = text.to_string();
    for (name, value) in h.hash() {
        let value = match value.value() {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        text = text.replace(&format!("{{{name}}}"), &value);
    }
    out.write(&handlebars::html_escape(&text))?;
    Ok(())
}

/// The id of form field `name`'s element: `f-` and the name, every character outside
/// `[A-Za-z0-9_-]` made a `-` (`fact.agencies.sheriff.phone` → `f-fact-agencies-sheriff-phone`),
/// so a config path can name a field.
pub(crate) fn field_id(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("f-{safe}")
}

/// The page language the request asks for: its cookie, else English.
pub(crate) fn lang_of(headers: &HeaderMap) -> Lang {
    super::security::cookie(headers, LANG_COOKIE)
        .and_then(Lang::from_code)
        .filter(|l| words::languages().contains(l))
        .unwrap_or(Lang::En)
}

/// A GET with `?lang=CODE` sets the language cookie and goes back to the same page without it.
pub(crate) async fn switch_language(request: Request, next: Next) -> Response {
    let uri = request.uri();
    let wanted = uri.query().and_then(|q| {
        q.split('&')
            .filter_map(|p| p.split_once('='))
            .find(|(k, _)| *k == "lang")
            .map(|(_, v)| v)
    });
    let Some(lang) = wanted
        .and_then(Lang::from_code)
        .filter(|l| words::languages().contains(l))
    else {
        return next.run(request).await;
    };
    let rest: Vec<&str> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.starts_with("lang="))
        .collect();
    let to = if rest.is_empty() {
        uri.path().to_string()
    } else {
        format!("{}?{}", uri.path(), rest.join("&"))
    };
    let mut response = Redirect::to(&to).into_response();
    let cookie = format!("{LANG_COOKIE}={}; SameSite=Strict; Path=/", lang.code());
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    response
}

/// What every page's template sees besides its own values: `lang`, `csrf`, `csrf_field`, and
/// `languages` (each other language's name, in that language, and the link switching to it).
fn common(app: &App, lang: Lang, path: &str) -> Value {
    let languages: Vec<Value> = words::languages()
        .into_iter()
        .filter(|l| *l != lang)
        .map(|l| {
            json!({
                "code": l.code(),
                "name": words::t(l, "language.name"),
                "href": format!("{path}?lang={}", l.code()),
            })
        })
        .collect();
    json!({
        "lang": lang.code(),
        "csrf": app.csrf,
        "csrf_field": super::security::CSRF_FIELD,
        "languages": languages,
        "path": path,
        "nav": true,
    })
}

/// Renders page `template` in `lang` at `path` (the address its language links return to),
/// with `values` (an object) beside the common ones. A template that fails to render is an
/// error page naming no value.
pub(crate) fn render(app: &App, lang: Lang, path: &str, template: &str, values: Value) -> Response {
    render_with_status(app, lang, path, template, values, StatusCode::OK)
}

/// [`render`] with another status (a form sent back with its errors is 422).
pub(crate) fn render_with_status(
    app: &App,
    lang: Lang,
    path: &str,
    template: &str,
    values: Value,
    status: StatusCode,
) -> Response {
    let mut data = common(app, lang, path);
    if let (Some(data), Value::Object(values)) = (data.as_object_mut(), values) {
        data.extend(values);
    }
    match REGISTRY.render(template, &data) {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            // The template's name and the engine's reason: never a value of the page.
            eprintln!(
                "responsekit serve: page `{template}` failed to render: {}",
                e.reason()
            );
            failure(app, lang)
        }
    }
}

/// The page for something that went wrong inside the desk: no detail, no value.
pub(crate) fn failure(app: &App, lang: Lang) -> Response {
    let data = common(app, lang, "/");
    let html = REGISTRY
        .render("failure", &data)
        .unwrap_or_else(|_| "<!doctype html><title>Error</title><p>Error</p>".to_string());
    (StatusCode::INTERNAL_SERVER_ERROR, Html(html)).into_response()
}

/// The page for a refused request (no session, a foreign Host, a form without its token): what
/// happened and what to do, in `lang`, with no form and no link that would need the session.
pub(crate) fn refusal(app: &App, status: StatusCode, lang: Lang) -> Response {
    let reason = match status {
        StatusCode::MISDIRECTED_REQUEST => "refused.host",
        StatusCode::PAYLOAD_TOO_LARGE => "refused.too_large",
        _ => "refused.session",
    };
    let mut data = common(app, lang, "/");
    if let Some(d) = data.as_object_mut() {
        d.insert("reason".into(), json!(words::t(lang, reason)));
        // The page is shown without a session: no links (they would be refused too).
        d.insert("languages".into(), json!([]));
        d.insert("nav".into(), json!(false));
    }
    let html = REGISTRY
        .render("refused", &data)
        .unwrap_or_else(|_| "<!doctype html><title>Refused</title><p>Refused</p>".to_string());
    (status, Html(html)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shell's own pages render in every language the desk speaks, with its words.
    #[test]
    fn the_shell_pages_render_in_every_language() {
        for lang in words::languages() {
            for page in ["home", "refused", "failure", "not-found"] {
                let data = json!({
                    "lang": lang.code(), "csrf": "t", "csrf_field": "csrf", "languages": [],
                    "path": "/", "nav": true, "reason": "why",
                });
                let html = REGISTRY.render(page, &data).unwrap();
                assert!(
                    html.contains(&format!("<html lang=\"{}\">", lang.code())),
                    "{page}"
                );
                assert!(
                    html.contains(words::t(lang, "layout.notice")),
                    "{page} in {lang}"
                );
            }
        }
    }
}
