//! The toolkit website's own pages: the home page (jurisdictions grouped by state) and each
//! jurisdiction's page (its documents and downloads). Document pages come from
//! [`super::html`]; every page shares its shell, so the site makes no external request and
//! works from `file://` as from any static host. Pure functions: data in, HTML out.

use super::html::{link, page, Nav};
use crate::document::Lang;
use crate::i18n::{t, Text};
use html_escape::encode_text;
use std::fmt::Write as _;

/// The home page's file name for `lang` (English is `index.html`).
pub fn home_file(lang: Lang) -> String {
    match lang {
        Lang::En => "index.html".to_string(),
        other => format!("index.{}.html", other.code()),
    }
}

/// One jurisdiction on the home page.
#[derive(Debug, Clone)]
pub struct KitEntry {
    /// The jurisdiction's name, as the link's text.
    pub name: String,
    /// Relative to the site root.
    pub href: String,
}

/// The jurisdictions of one state (the state's own kit first).
#[derive(Debug, Clone)]
pub struct StateGroup {
    /// The state's name, as the group's heading.
    pub name: String,
    /// Its jurisdictions, in the order listed.
    pub kits: Vec<KitEntry>,
}

/// The home page in `lang`: the site's purpose, then each state's jurisdictions linked,
/// with links to the home page in the other `languages`.
pub fn home(lang: Lang, groups: &[StateGroup], languages: &[Lang]) -> String {
    let mut body = format!("<h1>{}</h1>\n", encode_text(t(lang, Text::Home)));
    for paragraph in [Text::SiteIntroPurpose, Text::SiteIntroUse].map(|p| t(lang, p)) {
        let _ = writeln!(body, "<p>{}</p>", encode_text(paragraph));
    }
    for group in groups {
        let _ = writeln!(
            body,
            "<h2>{}</h2>\n<ul class=\"kit-list\">",
            encode_text(&group.name)
        );
        for kit in &group.kits {
            let _ = writeln!(body, "<li>{}</li>", link(&kit.href, &kit.name));
        }
        body.push_str("</ul>\n");
    }
    let nav = Nav {
        alternates: languages
            .iter()
            .filter(|l| **l != lang)
            .map(|l| (*l, home_file(*l)))
            .collect(),
        ..Nav::default()
    };
    page(
        lang,
        t(lang, Text::Home),
        &nav,
        &body,
        t(lang, Text::ModelLanguageNotice),
    )
}

/// A jurisdiction's page in one language: its documents, each linked, and its downloads.
pub fn jurisdiction(lang: Lang, name: &str, documents: &[(String, String)], nav: &Nav) -> String {
    let mut body = format!("<h1>{}</h1>\n<ul class=\"kit-list\">\n", encode_text(name));
    for (title, href) in documents {
        let _ = writeln!(body, "<li>{}</li>", link(href, title));
    }
    body.push_str("</ul>\n");
    page(lang, name, nav, &body, t(lang, Text::ModelLanguageNotice))
}
