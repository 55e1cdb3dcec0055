//! The toolkit website's own pages: the home page (what a kit is and who each part is for,
//! the states with their jurisdictions, a search box), the search index it reads, and each
//! jurisdiction's page (its documents grouped by who they are for, each with its formats).
//! Who a document is for and its one-line description come from its template's name, in one
//! table here ([`Audience::of`], [`about`]); the words are in the i18n tables. Document pages
//! come from [`super::html`]; every page shares its shell, so the site makes no request
//! outside itself and works from `file://` as from any static host. Pure functions: data in,
//! HTML or script out.

use super::html::{link, page, Nav};
use crate::document::Lang;
use crate::i18n::{t, Text};
use html_escape::{encode_double_quoted_attribute, encode_text};
use serde::Serialize;
use std::fmt::Write as _;

/// The script of the home page's search box, written once at the site's root.
pub const SEARCH_SCRIPT: &str = include_str!("site/search.js");

/// The search script's file name, at the site's root.
pub const SEARCH_SCRIPT_FILE: &str = "search.js";

/// The home page's file name for `lang` (English is `index.html`).
pub fn home_file(lang: Lang) -> String {
    match lang {
        Lang::En => "index.html".to_string(),
        other => format!("index.{}.html", other.code()),
    }
}

/// The search index's file name for `lang`, at the site's root: a script, since a page opened
/// from `file://` may not fetch a JSON file.
pub fn search_index_file(lang: Lang) -> String {
    format!("search-index.{}.js", lang.code())
}

/// Who a document is for, in the order a jurisdiction's page lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Audience {
    /// The person released: the handout.
    Person,
    /// Immigration authorities: the letters.
    Ice,
    /// The agency itself: its policies, notices and forms.
    Agency,
    /// The lawyer who reviews the kit: the memo.
    Counsel,
    /// Advocates and community groups asking for local policy: the one-pager.
    Advocates,
    /// A document whose name says none of these (a template a tree adds).
    Other,
}

impl Audience {
    const ALL: [Audience; 6] = [
        Audience::Person,
        Audience::Ice,
        Audience::Agency,
        Audience::Counsel,
        Audience::Advocates,
        Audience::Other,
    ];

    /// The audience of the document made from template `doc`, read from its name's prefix.
    pub fn of(doc: &str) -> Audience {
        match doc.split('-').next() {
            Some("handout") => Audience::Person,
            Some("letter") => Audience::Ice,
            Some("policy" | "notice" | "form") => Audience::Agency,
            Some("memo") => Audience::Counsel,
            Some("advocates") => Audience::Advocates,
            _ => Audience::Other,
        }
    }

    /// Its heading on a jurisdiction's page.
    pub fn heading(self) -> Text {
        match self {
            Audience::Person => Text::ForPerson,
            Audience::Ice => Text::ForIce,
            Audience::Agency => Text::ForAgency,
            Audience::Counsel => Text::ForCounsel,
            Audience::Advocates => Text::ForAdvocates,
            Audience::Other => Text::ForOther,
        }
    }

    /// What the home page says of this audience's documents (none for [`Audience::Other`]).
    fn about(self) -> Option<Text> {
        match self {
            Audience::Person => Some(Text::ForPersonAbout),
            Audience::Ice => Some(Text::ForIceAbout),
            Audience::Agency => Some(Text::ForAgencyAbout),
            Audience::Counsel => Some(Text::ForCounselAbout),
            Audience::Advocates => Some(Text::ForAdvocatesAbout),
            Audience::Other => None,
        }
    }
}

/// The one-line description of the shipped document made from template `doc` (none for a
/// template a tree adds).
pub fn about(doc: &str) -> Option<Text> {
    Some(match doc {
        "advocates-one-pager" => Text::AboutAdvocatesOnePager,
        "form-interview-consent" => Text::AboutFormInterviewConsent,
        "handout-release-packet" => Text::AboutHandoutReleasePacket,
        "letter-administrative-subpoena" => Text::AboutLetterAdministrativeSubpoena,
        "letter-detainer" => Text::AboutLetterDetainer,
        "letter-information-request" => Text::AboutLetterInformationRequest,
        "memo-counsel" => Text::AboutMemoCounsel,
        "notice-public-defender" => Text::AboutNoticePublicDefender,
        "notice-release-contacts" => Text::AboutNoticeReleaseContacts,
        "notice-request-to-person" => Text::AboutNoticeRequestToPerson,
        "notice-simultaneous" => Text::AboutNoticeSimultaneous,
        "policy-adult" => Text::AboutPolicyAdult,
        "policy-juvenile" => Text::AboutPolicyJuvenile,
        _ => return None,
    })
}

/// One jurisdiction on the home page and in the search index.
#[derive(Debug, Clone, Serialize)]
pub struct KitEntry {
    /// The jurisdiction's name, as the link's text.
    pub name: String,
    /// Its page, relative to the site root.
    pub href: String,
    /// The documents whose pages its kit has, for the search index.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<IndexedDocument>,
}

/// A document in the search index: what it is (its description, or its template's name), who
/// it is for, and its page. Not its title: a kit carried over from an earlier build is not
/// rendered again, and the index lists every kit in the folder.
#[derive(Debug, Clone, Serialize)]
pub struct IndexedDocument {
    /// The description the index searches and the result shows.
    pub title: String,
    /// Its audience's heading (searched too: "letter", "memo").
    pub audience: String,
    /// Its page, relative to the site root.
    pub href: String,
}

/// A state on the home page: its own kit, if built, and the jurisdictions within it.
#[derive(Debug, Clone, Serialize)]
pub struct StateGroup {
    /// The state's name.
    pub name: String,
    /// The state's own kit (none when only kits within it are in the output folder).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<KitEntry>,
    /// Its counties, cities and agencies, in the order listed.
    pub kits: Vec<KitEntry>,
    /// Its directory and coverage pages, relative to the site root, if written in this language.
    #[serde(skip)]
    pub pages: Option<(String, String)>,
}

/// The home page in `lang`: what the kits are, the search box (shown by its script; without
/// it the list below is the way in), who each part of a kit is for, then each state with its
/// jurisdictions, with links to the home page in the other `languages`.
pub fn home(lang: Lang, groups: &[StateGroup], languages: &[Lang]) -> String {
    let mut body = format!("<h1>{}</h1>\n", encode_text(t(lang, Text::Home)));
    for paragraph in [Text::SiteIntroPurpose, Text::SiteIntroUse].map(|p| t(lang, p)) {
        let _ = writeln!(body, "<p>{}</p>", encode_text(paragraph));
    }
    search_box(&mut body, lang);
    let _ = writeln!(
        body,
        "<h2>{}</h2>\n<dl class=\"audiences\">",
        encode_text(t(lang, Text::SiteAudiences))
    );
    for audience in Audience::ALL {
        if let Some(about) = audience.about() {
            let _ = writeln!(
                body,
                "<dt>{}</dt>\n<dd>{}</dd>",
                encode_text(t(lang, audience.heading())),
                encode_text(t(lang, about))
            );
        }
    }
    body.push_str("</dl>\n");
    let _ = writeln!(
        body,
        "<h2>{}</h2>\n<ul class=\"kit-list\">",
        encode_text(t(lang, Text::SiteKits))
    );
    for group in groups {
        body.push_str("<li>");
        match &group.state {
            Some(state) => body.push_str(&link(&state.href, &group.name)),
            None => body.push_str(&encode_text(&group.name)),
        }
        if let Some((directory, coverage)) = &group.pages {
            body.push('\n');
            state_pages(&mut body, lang, directory, coverage);
        }
        if !group.kits.is_empty() {
            body.push_str("\n<ul>\n");
            for kit in &group.kits {
                let _ = writeln!(body, "<li>{}</li>", link(&kit.href, &kit.name));
            }
            body.push_str("</ul>\n");
        }
        body.push_str("</li>\n");
    }
    body.push_str("</ul>\n");
    let _ = writeln!(
        body,
        "<script src=\"{}\" defer=\"defer\"></script>\n<script src=\"{SEARCH_SCRIPT_FILE}\" defer=\"defer\"></script>",
        search_index_file(lang)
    );
    let nav = Nav {
        languages: languages.iter().map(|l| (*l, home_file(*l))).collect(),
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

/// The search form, hidden until the script shows it: a page without scripts lists everything
/// and offers no box that does nothing. The script reads its words from the form's data.
fn search_box(body: &mut String, lang: Lang) {
    let attr = |text| encode_double_quoted_attribute(t(lang, text)).into_owned();
    let _ = writeln!(
        body,
        "<form class=\"search\" role=\"search\" hidden=\"hidden\" data-found=\"{}\" data-none=\"{}\">\n\
         <label for=\"search\">{}</label>\n\
         <input type=\"search\" id=\"search\" autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"search-status\" />\n\
         <p id=\"search-status\" class=\"search-status\" role=\"status\" aria-live=\"polite\"></p>\n\
         <ul id=\"search-results\" class=\"search-results\"></ul>\n\
         </form>",
        attr(Text::SearchResults),
        attr(Text::SearchNone),
        encode_text(t(lang, Text::SearchLabel)),
    );
}

/// The search index of the home page in one language: a script that sets
/// `window.responsekitIndex` to the states, each with its kits and their documents.
pub fn search_index(groups: &[StateGroup]) -> String {
    // JSON is a JavaScript expression; nothing in it can end the script early.
    let json = serde_json::to_string(groups).unwrap_or_else(|_| "[]".to_string());
    format!("window.responsekitIndex = {json};\n")
}

/// A document on a jurisdiction's page: its template's name, its title, and the files it was
/// written as (label, relative href), its page first.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The template it was made from (`letter-detainer`): says its audience and description.
    pub doc: String,
    /// Its title, as its page's link.
    pub title: String,
    /// Its HTML page, relative to the jurisdiction's page.
    pub href: String,
    /// Its other formats written: (label, relative href).
    pub formats: Vec<(String, String)>,
    /// How far its translation was checked (`None`: the English original).
    pub translation: Option<crate::i18n::Translation>,
}

/// The links to a state's directory and coverage pages.
fn state_pages(body: &mut String, lang: Lang, directory: &str, coverage: &str) {
    let _ = write!(
        body,
        "<ul class=\"state-pages\">\n<li>{}</li>\n<li>{}</li>\n</ul>",
        link(directory, t(lang, Text::DirectoryLink)),
        link(coverage, t(lang, Text::DirectoryCoverageLink))
    );
}

/// A jurisdiction's page in one language: its documents grouped by who they are for, each
/// with its description and its formats, and its downloads; a state's links to its directory
/// and coverage pages beside it (`state`).
pub fn jurisdiction(
    lang: Lang,
    name: &str,
    documents: &[Listed],
    nav: &Nav,
    state: bool,
) -> String {
    let mut body = format!("<h1>{}</h1>\n", encode_text(name));
    if state {
        state_pages(
            &mut body,
            lang,
            super::directory::DIRECTORY_FILE,
            super::directory::COVERAGE_FILE,
        );
        body.push('\n');
    }
    for audience in Audience::ALL {
        let mut members = documents
            .iter()
            .filter(|d| Audience::of(&d.doc) == audience)
            .peekable();
        if members.peek().is_none() {
            continue;
        }
        let _ = writeln!(
            body,
            "<h2>{}</h2>\n<ul class=\"doc-list\">",
            encode_text(t(lang, audience.heading()))
        );
        for document in members {
            listed(&mut body, lang, document);
        }
        body.push_str("</ul>\n");
    }
    page(lang, name, nav, &body, t(lang, Text::ModelLanguageNotice))
}

fn listed(body: &mut String, lang: Lang, document: &Listed) {
    let _ = write!(
        body,
        "<li>\n<p class=\"doc-title\">{}",
        link(&document.href, &document.title)
    );
    // Said in words, beside the title, not by a colour: a draft is read as one.
    if let Some(status) = document.translation {
        let _ = write!(
            body,
            " <span class=\"translation\">({})</span>",
            encode_text(status.label(lang))
        );
    }
    body.push_str("</p>\n");
    if let Some(about) = about(&document.doc) {
        let _ = writeln!(body, "<p>{}</p>", encode_text(t(lang, about)));
    }
    if !document.formats.is_empty() {
        let _ = writeln!(
            body,
            "<ul class=\"formats\" aria-label=\"{}\">",
            encode_double_quoted_attribute(t(lang, Text::Downloads))
        );
        for (label, href) in &document.formats {
            // Each link names its document, for a list of links read out of context, in words
            // only a screen reader reads: its name starts with what it shows (WCAG 2.5.3).
            let _ = writeln!(
                body,
                "<li><a href=\"{}\">{}<span class=\"visually-hidden\"> ({})</span></a></li>",
                encode_double_quoted_attribute(href),
                encode_text(label),
                encode_text(&document.title)
            );
        }
        body.push_str("</ul>\n");
    }
    body.push_str("</li>\n");
}
