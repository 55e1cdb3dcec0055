//! A state's directory page (every rapid response network and legal service provider, with the
//! counties it serves, its phone, website and hours, and the date each was last read: a stale
//! one marked in words) and its coverage page (per county, how many facts are known, unknown
//! and stale). Sorted by name and filterable without a script: a real table per kind, and an
//! index of counties linking to a section per county that names who serves it. Pure
//! functions: the data [`crate::kit`] reads from the configs in, HTML out, in the shell of
//! [`super::html`].

use super::html::{page, Nav};
use crate::document::Lang;
use crate::i18n::{t, t_with, Text};
use html_escape::{encode_double_quoted_attribute, encode_text};
use std::fmt::Write as _;

/// A network or provider: which table it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EntryKind {
    /// A rapid response network.
    Network,
    /// A legal service provider.
    Provider,
}

impl EntryKind {
    fn class(self) -> &'static str {
        match self {
            EntryKind::Network => "networks",
            EntryKind::Provider => "providers",
        }
    }

    fn heading(self) -> Text {
        match self {
            EntryKind::Network => Text::DirectoryNetworks,
            EntryKind::Provider => Text::DirectoryProviders,
        }
    }
}

/// One fact of an entry as the directory shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// Not written in any config.
    Absent,
    /// Declared `unknown`.
    Unknown,
    /// Known: its value, when it was last read (if written), and whether that is stale.
    Known {
        /// The value, in the page's language.
        value: String,
        /// Its `verified` date, `YYYY-MM-DD`.
        verified: Option<String>,
        /// Read before the cutoff.
        stale: bool,
    },
}

/// A network or provider, once however many counties name it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Which table.
    pub kind: EntryKind,
    /// Its name, in the page's language.
    pub name: String,
    /// The counties (jurisdictions) it serves: (name, anchor), sorted by name.
    pub counties: Vec<(String, String)>,
    /// Its phone, website and hours.
    pub phone: Shown,
    /// See `phone`.
    pub website: Shown,
    /// See `phone`.
    pub hours: Shown,
}

/// One county's (jurisdiction's) count of facts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Count {
    /// Known and verified since the cutoff.
    pub known: usize,
    /// Declared `unknown`.
    pub unknown: usize,
    /// Known but verified before the cutoff.
    pub stale: usize,
}

impl Count {
    /// The share of its facts known and fresh, as a whole percentage (0 with no facts).
    pub fn share(&self) -> usize {
        let all = self.known + self.unknown + self.stale;
        (self.known * 100).checked_div(all).unwrap_or(0)
    }
}

/// A county (or any jurisdiction with a kit in the state) on the pages.
#[derive(Debug, Clone)]
pub struct County {
    /// Its name, in the page's language.
    pub name: String,
    /// Its section's anchor on the directory page (`county-alameda`).
    pub anchor: String,
    /// Its facts.
    pub count: Count,
}

/// What a state's two pages show, in one language.
#[derive(Debug, Clone)]
pub struct StateDirectory {
    /// The state's name.
    pub state: String,
    /// Its networks and providers, sorted by name.
    pub entries: Vec<Entry>,
    /// Its counties, sorted by name.
    pub counties: Vec<County>,
    /// The stale threshold in days.
    pub stale_days: u32,
    /// The date it counts from, `YYYY-MM-DD`.
    pub today: String,
}

/// The directory page's file name, in a state's language folder.
pub const DIRECTORY_FILE: &str = "directory.html";
/// The coverage page's file name, beside it.
pub const COVERAGE_FILE: &str = "coverage.html";

/// The directory page: the rule for "stale", the index of counties, a table per kind, and a
/// section per county naming who serves it.
pub fn directory(lang: Lang, data: &StateDirectory, nav: &Nav) -> String {
    let (title, mut body) = opening(
        lang,
        data,
        [Text::DirectoryTitle, Text::DirectoryIntro],
        (COVERAGE_FILE, Text::DirectoryCoverageLink),
    );
    let _ = writeln!(
        body,
        "<nav aria-labelledby=\"counties\">\n<h2 id=\"counties\">{}</h2>\n<ul class=\"county-index\">",
        encode_text(t(lang, Text::DirectoryCounties))
    );
    for county in &data.counties {
        let _ = writeln!(
            body,
            "<li>{}</li>",
            super::html::link(&format!("#{}", county.anchor), &county.name)
        );
    }
    body.push_str("</ul>\n</nav>\n");
    for kind in [EntryKind::Network, EntryKind::Provider] {
        table(&mut body, lang, data, kind);
    }
    body.push_str("<h2>");
    body.push_str(&encode_text(t(lang, Text::DirectoryByCounty)));
    body.push_str("</h2>\n");
    for county in &data.counties {
        let _ = writeln!(
            body,
            "<section id=\"{a}\" aria-labelledby=\"{a}-name\">\n<h3 id=\"{a}-name\">{}</h3>",
            encode_text(&county.name),
            a = encode_double_quoted_attribute(&county.anchor),
        );
        let serving: Vec<&Entry> = data
            .entries
            .iter()
            .filter(|e| e.counties.iter().any(|(_, a)| *a == county.anchor))
            .collect();
        if serving.is_empty() {
            let _ = writeln!(body, "<p>{}</p>", encode_text(t(lang, Text::DirectoryNone)));
        } else {
            body.push_str("<ul>\n");
            for e in serving {
                let _ = writeln!(
                    body,
                    "<li>{} ({})</li>",
                    encode_text(&e.name),
                    encode_text(t(lang, e.kind.heading()))
                );
            }
            body.push_str("</ul>\n");
        }
        body.push_str("</section>\n");
    }
    page(lang, &title, nav, &body, t(lang, Text::ModelLanguageNotice))
}

/// The coverage page: one row per county, sorted by name, and the totals.
pub fn coverage(lang: Lang, data: &StateDirectory, nav: &Nav) -> String {
    let (title, mut body) = opening(
        lang,
        data,
        [Text::DirectoryCoverageTitle, Text::DirectoryCoverageIntro],
        (DIRECTORY_FILE, Text::DirectoryLink),
    );
    let columns = [
        Text::DirectoryCounty,
        Text::DirectoryKnown,
        Text::DirectoryUnknown,
        Text::DirectoryStale,
        Text::DirectoryShare,
    ];
    table_head(
        &mut body,
        lang,
        ("coverage", t(lang, Text::DirectoryCounties)),
        &columns,
    );
    let mut total = Count::default();
    for county in &data.counties {
        count_row(&mut body, &county.name, &county.count);
        total.known += county.count.known;
        total.unknown += county.count.unknown;
        total.stale += county.count.stale;
    }
    body.push_str("</tbody>\n<tfoot>\n");
    count_row(&mut body, t(lang, Text::DirectoryTotal), &total);
    body.push_str("</tfoot>\n</table>\n</div>\n");
    page(lang, &title, nav, &body, t(lang, Text::ModelLanguageNotice))
}

/// A page's title (`title` names the state) and the start of its body: the heading, what the
/// page is (`about`), the rule for "stale", and the link to the other page.
fn opening(
    lang: Lang,
    data: &StateDirectory,
    [title, about]: [Text; 2],
    (other, other_label): (&str, Text),
) -> (String, String) {
    let title = t_with(lang, title, &[("state", &data.state)]);
    let days = data.stale_days.to_string();
    let rule = t_with(
        lang,
        Text::DirectoryStaleRule,
        &[("days", &days), ("today", &data.today)],
    );
    let body = format!(
        "<h1>{}</h1>\n<p>{}</p>\n<p>{}</p>\n<p>{}</p>\n",
        encode_text(&title),
        encode_text(t(lang, about)),
        encode_text(&rule),
        super::html::link(other, t(lang, other_label))
    );
    (title, body)
}

fn count_row(body: &mut String, name: &str, count: &Count) {
    let _ = writeln!(
        body,
        "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}%</td></tr>",
        encode_text(name),
        count.known,
        count.unknown,
        count.stale,
        count.share()
    );
}

/// A table's opening up to its body: the region it scrolls in on a phone (named by its
/// caption), the caption saying it lists `what` (`class` is also the caption's id's stem), and
/// the column headers.
fn table_head(body: &mut String, lang: Lang, (class, what): (&str, &str), columns: &[Text]) {
    let _ = writeln!(
        body,
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{class}-caption\">\n\
         <table class=\"{class}\">\n<caption id=\"{class}-caption\">{}</caption>\n<thead>\n<tr>",
        encode_text(&t_with(lang, Text::DirectorySortedByName, &[("what", what)]))
    );
    for head in columns {
        let _ = writeln!(
            body,
            "<th scope=\"col\">{}</th>",
            encode_text(t(lang, *head))
        );
    }
    body.push_str("</tr>\n</thead>\n<tbody>\n");
}

/// The table of one kind's entries, or a sentence saying there is none.
fn table(body: &mut String, lang: Lang, data: &StateDirectory, kind: EntryKind) {
    let heading = t(lang, kind.heading());
    let _ = writeln!(body, "<h2>{}</h2>", encode_text(heading));
    let entries: Vec<&Entry> = data.entries.iter().filter(|e| e.kind == kind).collect();
    if entries.is_empty() {
        let _ = writeln!(body, "<p>{}</p>", encode_text(t(lang, Text::DirectoryNone)));
        return;
    }
    let columns = [
        Text::DirectoryName,
        Text::DirectoryServes,
        Text::DirectoryPhone,
        Text::DirectoryWebsite,
        Text::DirectoryHours,
    ];
    table_head(body, lang, (kind.class(), heading), &columns);
    for e in entries {
        let counties: Vec<String> = e
            .counties
            .iter()
            .map(|(name, anchor)| super::html::link(&format!("#{anchor}"), name))
            .collect();
        let _ = write!(
            body,
            "<tr>\n<th scope=\"row\">{}</th>\n<td>{}</td>\n",
            encode_text(&e.name),
            counties.join(", ")
        );
        for fact in [&e.phone, &e.website, &e.hours] {
            body.push_str("<td>");
            cell(body, lang, data, fact);
            body.push_str("</td>\n");
        }
        body.push_str("</tr>\n");
    }
    body.push_str("</tbody>\n</table>\n</div>\n");
}

fn cell(body: &mut String, lang: Lang, data: &StateDirectory, fact: &Shown) {
    match fact {
        Shown::Absent => {}
        Shown::Unknown => {
            let _ = write!(
                body,
                "<em>{}</em>",
                encode_text(t(lang, Text::DirectoryNotKnown))
            );
        }
        Shown::Known {
            value,
            verified,
            stale,
        } => {
            body.push_str(&encode_text(value));
            if let Some(date) = verified {
                let days = data.stale_days.to_string();
                let values = [("date", date.as_str()), ("days", days.as_str())];
                if *stale {
                    let _ = write!(
                        body,
                        "<br /><strong class=\"stale\">{}</strong>",
                        encode_text(&t_with(lang, Text::DirectoryStaleRead, &values))
                    );
                } else {
                    let _ = write!(
                        body,
                        "<br /><span class=\"read\">{}</span>",
                        encode_text(&t_with(lang, Text::DirectoryLastRead, &values))
                    );
                }
            }
        }
    }
}
