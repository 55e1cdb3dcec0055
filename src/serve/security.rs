//! What keeps the desk to the person who started it: the session token printed in its address
//! (exchanged once for an `HttpOnly`, `SameSite=Strict` cookie, as Jupyter does), the CSRF
//! token every form carries, the Host check against DNS rebinding, and the headers every
//! response carries (a strict Content-Security-Policy, no caching of pages holding personal
//! data). Applied to every route by [`guard`]; nothing here sees a form's other fields.

use super::state::App;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::sync::Arc;

/// The session cookie's name.
pub(crate) const SESSION_COOKIE: &str = "responsekit_session";
/// The name of the hidden field holding the CSRF token in every form.
pub(crate) const CSRF_FIELD: &str = "csrf";

/// The Content-Security-Policy of every response: nothing from anywhere but the desk itself, no
/// inline script or style, no framing, forms posting only back to it.
pub(crate) const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// A new random token: 32 bytes from the operating system, as hex.
pub(crate) fn random_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Equal in time independent of where they differ (a token compared byte by byte would leak
/// its prefix through timing).
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A cookie's value in the request's `Cookie` headers.
pub(crate) fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A query parameter of the request's address (raw, not decoded: tokens are hex).
fn query_param<'q>(query: Option<&'q str>, name: &str) -> Option<&'q str> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Every request passes here first: a foreign Host is refused (421); the printed address's
/// `?token=` is exchanged for the session cookie and a redirect to the same page without it;
/// a request without the session is refused (403); a POST without the CSRF token in its
/// form, or from another origin, is refused (403) before any handler reads it. Every response
/// gets the security headers.
pub(crate) async fn guard(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let mut response = check(&app, request, next).await;
    let headers = response.headers_mut();
    // `same-origin`, not `no-referrer`: under `no-referrer` a browser sends `Origin: null` with
    // every form it posts, which the Origin check refuses; the desk's addresses still reach
    // no other site (it links to none).
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    response
}

async fn check(app: &App, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if !host.is_some_and(|h| app.allowed_hosts.iter().any(|a| a == h)) {
        return refuse(StatusCode::MISDIRECTED_REQUEST, app, &request);
    }
    let uri = request.uri().clone();
    if let Some(token) = query_param(uri.query(), "token") {
        if !same(token, &app.token) {
            return refuse(StatusCode::FORBIDDEN, app, &request);
        }
        let mut response = Redirect::to(uri.path()).into_response();
        let cookie = format!(
            "{SESSION_COOKIE}={}; HttpOnly; SameSite=Strict; Path=/",
            app.token
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, v);
        }
        return response;
    }
    if !cookie(request.headers(), SESSION_COOKIE).is_some_and(|c| same(c, &app.token)) {
        return refuse(StatusCode::FORBIDDEN, app, &request);
    }
    if request.method() == Method::POST {
        let lang = super::page::lang_of(request.headers());
        return match csrf_checked(app, request).await {
            Ok(request) => next.run(request).await,
            Err(status) => super::page::refusal(app, status, lang),
        };
    }
    next.run(request).await
}

/// The largest form body read (a request's answers are a few kilobytes).
const MAX_FORM_BYTES: usize = 256 * 1024;

/// Reads a POST's body, checks that it comes from the desk's own pages (`Origin`, when the
/// browser sends one, is the desk's) and that its form holds the CSRF token, and hands the
/// request on with the same body.
async fn csrf_checked(app: &App, request: Request) -> Result<Request, StatusCode> {
    if let Some(origin) = request.headers().get(header::ORIGIN) {
        let ok = origin
            .to_str()
            .is_ok_and(|o| app.allowed_hosts.iter().any(|h| o == format!("http://{h}")));
        if !ok {
            return Err(StatusCode::FORBIDDEN);
        }
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE)?;
    let given = form_urlencoded_value(&bytes, CSRF_FIELD);
    if !given.is_some_and(|t| same(&t, &app.csrf)) {
        return Err(StatusCode::FORBIDDEN);
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// One field of an `application/x-www-form-urlencoded` body.
fn form_urlencoded_value(body: &[u8], name: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
    pairs.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

fn refuse(status: StatusCode, app: &App, request: &Request) -> Response {
    super::page::refusal(app, status, super::page::lang_of(request.headers()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
        assert!(!same("", "a"));
    }

    #[test]
    fn a_token_is_64_hex_digits_and_new_each_time() {
        let (a, b) = (random_token().unwrap(), random_token().unwrap());
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn a_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; responsekit_session=xyz; b=2"),
        );
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("xyz"));
        assert_eq!(cookie(&h, "c"), None);
    }
}
