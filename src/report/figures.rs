//! The figures of each report: their keys in order, the query that counts each (and the row of
//! it, for a query that counts by kind, outcome or month), the groups the suppression rule
//! works on, and their labels in each language (`labels.json`, embedded: words, not Rust).

use super::Kind;
use crate::document::Lang;
use serde_json::Value;
use std::sync::OnceLock;

/// One figure of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// Its key, e.g. `requests.kind.detainer`.
    pub key: String,
    /// The query of `queries.sql` that counts it.
    pub query: &'static str,
    /// The first column's value of the row it is (a query counting by group), if any.
    pub row: Option<String>,
}

/// The kinds of request, as the register records them, in the reports' order.
const KINDS: &[&str] = &[
    "detainer",
    "information_request",
    "administrative_subpoena",
    "court_order",
];
/// The outcomes, in the reports' order (`open`: no decision yet).
const OUTCOMES: &[&str] = &[
    "declined",
    "notified",
    "transferred",
    "interview-with-consent",
    "court-order-obeyed",
    "other",
    "open",
];

fn one(key: &str, query: &'static str) -> Figure {
    Figure {
        key: key.to_string(),
        query,
        row: None,
    }
}

fn by(prefix: &str, query: &'static str, rows: impl IntoIterator<Item = String>) -> Vec<Figure> {
    rows.into_iter()
        .map(|row| Figure {
            key: format!("{prefix}.{row}"),
            query,
            row: Some(row),
        })
        .collect()
}

fn months() -> impl Iterator<Item = String> {
    (1..=12).map(|m| format!("{m:02}"))
}

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| (*w).to_string()).collect()
}

/// The figures of `kind`, in order.
pub fn figures(kind: Kind) -> Vec<Figure> {
    let mut f = Vec::new();
    let counts = |f: &mut Vec<Figure>| {
        f.push(one("requests.total", "requests_total"));
        f.extend(by("requests.kind", "requests_by_kind", words(KINDS)));
        f.extend(by("outcome", "outcomes", words(OUTCOMES)));
    };
    match kind {
        Kind::CaTruthForum => {
            counts(&mut f);
            f.push(one("requested.interview", "requested_interview"));
            f.push(one("juvenile.total", "juvenile_total"));
            f.push(one("access.total", "access_total"));
            f.extend(by("access.month", "access_by_month", months()));
        }
        Kind::OrCjc => {
            counts(&mut f);
            f.extend(by("month", "requests_by_month", months()));
        }
        Kind::CaDojValues => f.push(one("transfers.total", "transfers_total")),
        Kind::IlTrust => {
            f.push(one("dhs_requests.total", "dhs_requests_total"));
            f.push(one("detainers.total", "detainers_total"));
        }
    }
    f
}

/// The groups the suppression rule works on (none for a filing, which is not suppressed).
pub fn groups(kind: Kind) -> Vec<super::suppress::Group> {
    let group = |total: &str, cells: Vec<String>| super::suppress::Group {
        total: total.to_string(),
        cells,
    };
    let kinds = || KINDS.iter().map(|k| format!("requests.kind.{k}")).collect();
    let outcomes = || OUTCOMES.iter().map(|o| format!("outcome.{o}")).collect();
    match kind {
        Kind::CaTruthForum => vec![
            group("requests.total", kinds()),
            group("requests.total", outcomes()),
            group(
                "access.total",
                months().map(|m| format!("access.month.{m}")).collect(),
            ),
        ],
        Kind::OrCjc => vec![
            group("requests.total", kinds()),
            group("requests.total", outcomes()),
            group(
                "requests.total",
                months().map(|m| format!("month.{m}")).collect(),
            ),
        ],
        Kind::CaDojValues | Kind::IlTrust => Vec::new(),
    }
}

fn labels() -> &'static Value {
    static LABELS: OnceLock<Value> = OnceLock::new();
    // The file is part of the binary and a unit test reads it: it always parses.
    LABELS.get_or_init(|| serde_json::from_str(include_str!("labels.json")).unwrap_or_default())
}

/// A word of `labels.json` in `lang` (empty if missing: the unit test sees none is).
pub fn word(lang: Lang, key: &str) -> &'static str {
    labels()[lang.code()][key].as_str().unwrap_or_default()
}

/// The label of figure `key` in `lang`.
pub fn label(lang: Lang, key: &str) -> String {
    let month = |m: &str| {
        let n: usize = m.parse().unwrap_or(1);
        labels()[lang.code()]["months"][n.saturating_sub(1)]
            .as_str()
            .unwrap_or_default()
    };
    if let Some(m) = key.strip_prefix("access.month.") {
        word(lang, "access.month").replace("{month}", month(m))
    } else if let Some(m) = key.strip_prefix("month.") {
        word(lang, "month").replace("{month}", month(m))
    } else {
        word(lang, key).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_has_a_label_and_a_shipped_query_in_every_language_of_the_reports() {
        // The languages every report is written in.
        let shipped = crate::templates::shipped();
        let langs: Vec<&Lang> = Lang::all()
            .iter()
            .filter(|l| {
                Kind::ALL.iter().all(|k| {
                    shipped.contains_key(&format!("{}/{l}", super::super::output::template(*k)))
                })
            })
            .collect();
        assert!(langs.len() >= 2, "{langs:?}");
        for kind in Kind::ALL {
            for f in figures(*kind) {
                assert!(super::super::queries::get(f.query).is_some(), "{}", f.query);
                for lang in &langs {
                    let l = label(**lang, &f.key);
                    assert!(!l.is_empty() && !l.contains('{'), "{lang}: {}", f.key);
                }
            }
            for g in groups(*kind) {
                let keys: Vec<String> = figures(*kind).into_iter().map(|f| f.key).collect();
                assert!(keys.contains(&g.total));
                assert!(g.cells.iter().all(|c| keys.contains(c)), "{g:?}");
            }
        }
        for lang in &langs {
            assert!(!word(**lang, "suppressed").is_empty());
        }
    }
}
