//! `responsekit report`: the yearly reports the states' laws ask of an agency, counted from the
//! request register — California's TRUTH Act forum data (Gov. Code § 7283.1(d), optional for
//! the agency) and Values Act report to the DOJ (§ 7284.6(c)), Illinois' report to the Attorney
//! General (5 ILCS 805/25) and a compilation for Oregon's CJC reports.
//!
//! A stage after `register` (it reads the register, read-only) and beside `respond` (it renders
//! through the kit's own templates and exporters): [`units`] says which (jurisdiction, agency)
//! had something in the year, [`count`] runs the named queries of `queries.sql` ([`queries`])
//! for one report and applies the "fewer than 5" rule to the public ones ([`suppress`]);
//! [`output`] turns the counts into the report's files in memory (CSV, DOCX, PDF). Writing them
//! is `build`'s ([`crate::build::replace_folder_private`]), called by the command.

pub mod figures;
pub mod output;
pub mod queries;
pub mod suppress;

use crate::diagnostic::Diagnostic;
use crate::register::query::ReadOnly;
use figures::Figure;
use std::collections::BTreeMap;

/// A report `report` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The agency's data for the governing body's TRUTH Act forum (public: suppressed).
    CaTruthForum,
    /// The Values Act report to the California DOJ (a filing: not suppressed).
    CaDojValues,
    /// The 5 ILCS 805/25 report to the Illinois Attorney General (a filing: not suppressed).
    IlTrust,
    /// A yearly compilation to check the CJC reports against (not a filing: suppressed).
    OrCjc,
}

impl Kind {
    /// Every report.
    pub const ALL: &'static [Kind] = &[
        Kind::CaTruthForum,
        Kind::CaDojValues,
        Kind::IlTrust,
        Kind::OrCjc,
    ];

    /// Its name: the files' and the template's (`templates/report-<name>/`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::CaTruthForum => "ca-truth-act-forum",
            Kind::CaDojValues => "ca-doj-values-act",
            Kind::IlTrust => "il-trust-act-805-25",
            Kind::OrCjc => "or-cjc-compilation",
        }
    }

    /// The reports of a state, by its postal code as the second segment of an id (`ca`).
    pub fn for_state(state: &str) -> &'static [Kind] {
        match state {
            "ca" => &[Kind::CaTruthForum, Kind::CaDojValues],
            "il" => &[Kind::IlTrust],
            "or" => &[Kind::OrCjc],
            _ => &[],
        }
    }

    /// Whether its figures are published (and so follow the "fewer than 5" rule).
    pub fn suppressed(self) -> bool {
        matches!(self, Kind::CaTruthForum | Kind::OrCjc)
    }

    /// Its per-item rows: the query and the items CSV's header, for the filings that list them.
    pub fn items(self) -> Option<(&'static str, &'static str)> {
        match self {
            Kind::CaDojValues => Some(("transfers", "n,transferred_at,offense")),
            Kind::IlTrust => Some((
                "il_items",
                "section,received,kind,form,requested,outcome,decided_on,documents_sent,bail_posted_at,released_or_transferred,released_or_transferred_at,to_agency",
            )),
            Kind::CaTruthForum | Kind::OrCjc => None,
        }
    }
}

/// The state of a jurisdiction id: its second segment (`us/ca/alameda` → `ca`).
pub fn state_of(id: &str) -> &str {
    id.split('/').nth(1).unwrap_or_default()
}

/// One figure as counted: its value, and whether it prints as "fewer than 5".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    /// What it is and which query counts it.
    pub figure: Figure,
    /// The count.
    pub value: u64,
    /// Whether the suppression rule hides it.
    pub suppressed: bool,
}

/// One report of one jurisdiction and agency, counted.
#[derive(Debug, Clone)]
pub struct Counts {
    /// Which report.
    pub kind: Kind,
    /// The year, e.g. `2026`.
    pub year: String,
    /// Its figures, in order.
    pub figures: Vec<Counted>,
    /// Its per-item rows (the filings'), as the items query returns them.
    pub items: Vec<Vec<String>>,
}

/// The named query `name`, or the message for a query the shipped file lacks (a build of a
/// broken file: the unit tests read it).
fn query(name: &str) -> Result<queries::Query, Diagnostic> {
    queries::get(name).ok_or_else(|| {
        Diagnostic::error(format!("no query `{name}` in the reports' queries.sql"))
            .with_hint("this build of responsekit is broken: report it")
    })
}

/// The (jurisdiction, agency) pairs with a request received in `year` or a custody event in it.
pub fn units(register: &ReadOnly, year: &str) -> Result<Vec<(String, String)>, Diagnostic> {
    let rows = register.rows(query("units")?.sql, &[(":year", year)])?;
    Ok(rows
        .into_iter()
        .filter_map(|r| match &r[..] {
            [j, a] => Some((j.clone(), a.clone())),
            _ => None,
        })
        .collect())
}

/// Counts report `kind` of `jurisdiction`'s `agency` for `year`, each query run once.
pub fn count(
    register: &ReadOnly,
    kind: Kind,
    year: &str,
    jurisdiction: &str,
    agency: &str,
) -> Result<Counts, Diagnostic> {
    let params = [
        (":year", year),
        (":jurisdiction", jurisdiction),
        (":agency", agency),
    ];
    let mut results: BTreeMap<&str, Vec<Vec<String>>> = BTreeMap::new();
    let mut values = Vec::new();
    let figures = figures::figures(kind);
    for f in &figures {
        if !results.contains_key(f.query) {
            let rows = register.rows(query(f.query)?.sql, &params)?;
            results.insert(f.query, rows);
        }
        let rows = &results[f.query];
        let cell = match &f.row {
            None => rows.first().and_then(|r| r.first()),
            Some(key) => rows
                .iter()
                .find(|r| r.first() == Some(key))
                .and_then(|r| r.get(1)),
        };
        values.push((
            f.key.clone(),
            cell.and_then(|c| c.parse().ok()).unwrap_or(0),
        ));
    }
    let hidden = if kind.suppressed() {
        suppress::suppressed(&values, &figures::groups(kind))
    } else {
        vec![false; values.len()]
    };
    let items = match kind.items() {
        Some((name, _)) => register.rows(query(name)?.sql, &params)?,
        None => Vec::new(),
    };
    Ok(Counts {
        kind,
        year: year.to_string(),
        figures: figures
            .into_iter()
            .zip(values)
            .zip(hidden)
            .map(|((figure, (_, value)), suppressed)| Counted {
                figure,
                value,
                suppressed,
            })
            .collect(),
        items,
    })
}
