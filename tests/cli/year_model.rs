//! What each report of the year must say, computed from the tests' own record of what they did
//! ([`crate::year_plan`], and the request numbers the register gave): never by reading the
//! register or running the report's SQL. The definitions and the suppression rule are the
//! spec's (`/work/prompts/spec16.md`, "Part P"), written again here on their own.

use crate::year_plan::{Kind, Req};
use std::collections::{BTreeMap, BTreeSet};

/// The year reported.
pub(crate) const YEAR: &str = "2026";

/// The outcomes in the order the reports list them; `open` is a request with no decision.
pub(crate) const OUTCOMES: [&str; 7] = [
    "declined",
    "notified",
    "transferred",
    "interview-with-consent",
    "court-order-obeyed",
    "other",
    "open",
];

/// The outcomes that gave ICE access (Gov. Code § 7283(d)), counted by `access.*`.
const ACCESS: [&str; 3] = ["notified", "transferred", "interview-with-consent"];

/// A group of cells and the figure that is their total, for the suppression rule.
pub(crate) type Group = (String, Vec<String>);

/// One report the year must produce.
#[derive(Debug)]
pub(crate) struct Expected {
    pub(crate) jurisdiction: &'static str,
    pub(crate) agency: &'static str,
    pub(crate) report: &'static str,
    /// Each figure and its count, in the report's order.
    pub(crate) figures: Vec<(String, u64)>,
    /// The groups the suppression rule applies to; `None` for a filing that is not suppressed.
    pub(crate) groups: Option<Vec<Group>>,
    /// The items CSV (header first), for the reports that have one.
    pub(crate) items: Option<Vec<Vec<String>>>,
}

impl Expected {
    /// Each figure as printed in `lang`: digits, or the words for "fewer than 5".
    pub(crate) fn printed(&self, lang: &str) -> Vec<(String, String)> {
        let hidden = match &self.groups {
            Some(groups) => suppressed(&self.figures, groups),
            None => BTreeSet::new(),
        };
        let fewer = if lang == "es" {
            "menos de 5"
        } else {
            "fewer than 5"
        };
        self.figures
            .iter()
            .map(|(f, v)| {
                let shown = if hidden.contains(f) {
                    fewer.to_string()
                } else {
                    v.to_string()
                };
                (f.clone(), shown)
            })
            .collect()
    }
}

/// The figures the rule hides: every figure of 1–4 (primary); then in each group whose total
/// is shown, when exactly one cell is hidden, the smallest other non-zero cell too (the first
/// listed on a tie).
pub(crate) fn suppressed(figures: &[(String, u64)], groups: &[Group]) -> BTreeSet<String> {
    let value: BTreeMap<&str, u64> = figures.iter().map(|(f, v)| (f.as_str(), *v)).collect();
    let primary: BTreeSet<String> = figures
        .iter()
        .filter(|(_, v)| (1..=4).contains(v))
        .map(|(f, _)| f.clone())
        .collect();
    let mut hidden = primary.clone();
    for (total, cells) in groups {
        let hidden_cells = cells.iter().filter(|c| primary.contains(*c)).count();
        if primary.contains(total) || hidden_cells != 1 {
            continue;
        }
        let second = cells
            .iter()
            .filter(|c| !primary.contains(*c) && value[c.as_str()] > 0)
            .min_by_key(|c| value[c.as_str()]);
        hidden.extend(second.cloned());
    }
    hidden
}

/// A request of the plan with the number the register gave it.
pub(crate) type Numbered<'a> = (&'a Req, i64);

fn count(reqs: &[Numbered], keep: impl Fn(&Req) -> bool) -> u64 {
    reqs.iter().filter(|(r, _)| keep(r)).count() as u64
}

fn outcome(r: &Req) -> &'static str {
    r.outcome().map_or("open", |(o, _)| o)
}

fn month_figures(prefix: &str, dates: &[&str]) -> Vec<(String, u64)> {
    (1..=12)
        .map(|m| {
            let month = format!("{YEAR}-{m:02}");
            let n = dates.iter().filter(|d| d.starts_with(&month)).count() as u64;
            (format!("{prefix}{m:02}"), n)
        })
        .collect()
}

fn names(figures: &[(String, u64)]) -> Vec<String> {
    figures.iter().map(|(f, _)| f.clone()).collect()
}

/// `requests.total`, the kinds and the outcomes of the requests received in the year, and the
/// two groups they make.
fn requests_and_outcomes(of_year: &[Numbered]) -> (Vec<(String, u64)>, Vec<Group>) {
    let kinds: Vec<(String, u64)> = Kind::ALL
        .iter()
        .map(|k| {
            let n = count(of_year, |r| r.kind == *k);
            (format!("requests.kind.{}", k.key()), n)
        })
        .collect();
    let outcomes: Vec<(String, u64)> = OUTCOMES
        .iter()
        .map(|o| (format!("outcome.{o}"), count(of_year, |r| outcome(r) == *o)))
        .collect();
    let total = "requests.total".to_string();
    let groups = vec![
        (total.clone(), names(&kinds)),
        (total.clone(), names(&outcomes)),
    ];
    let mut figures = vec![(total, of_year.len() as u64)];
    figures.extend(kinds);
    figures.extend(outcomes);
    (figures, groups)
}

fn truth_act_forum(all: &[Numbered], of_year: &[Numbered]) -> (Vec<(String, u64)>, Vec<Group>) {
    let (mut figures, mut groups) = requests_and_outcomes(of_year);
    let interview = count(of_year, |r| r.requested.contains(&"interview"));
    figures.push(("requested.interview".into(), interview));
    figures.push(("juvenile.total".into(), count(of_year, |r| r.juvenile)));
    let access: Vec<&str> = all
        .iter()
        .filter_map(|(r, _)| r.outcome())
        .filter(|(o, on)| ACCESS.contains(o) && on.starts_with(YEAR))
        .map(|(_, on)| on)
        .collect();
    figures.push(("access.total".into(), access.len() as u64));
    let months = month_figures("access.month.", &access);
    groups.push(("access.total".into(), names(&months)));
    figures.extend(months);
    (figures, groups)
}

fn cjc_compilation(of_year: &[Numbered]) -> (Vec<(String, u64)>, Vec<Group>) {
    let (mut figures, mut groups) = requests_and_outcomes(of_year);
    let received: Vec<&str> = of_year.iter().map(|(r, _)| r.received).collect();
    let months = month_figures("month.", &received);
    groups.push(("requests.total".into(), names(&months)));
    figures.extend(months);
    (figures, groups)
}

/// `transfers.total` and its items: every `transferred` custody event of the year, whenever
/// the request arrived.
fn values_act(all: &[Numbered]) -> (Vec<(String, u64)>, Vec<Vec<String>>) {
    let mut events: Vec<(&str, i64, &str)> = all
        .iter()
        .flat_map(|(r, id)| r.custody.iter().map(move |c| (c, *id)))
        .filter(|(c, _)| c.event == "transferred" && c.at.starts_with(YEAR))
        .map(|(c, id)| (c.at, id, c.offense.unwrap_or_default()))
        .collect();
    events.sort();
    let mut items = vec![strings(&["n", "transferred_at", "offense"])];
    for (n, (at, _, offense)) in events.iter().enumerate() {
        items.push(vec![(n + 1).to_string(), (*at).into(), (*offense).into()]);
    }
    (vec![("transfers.total".into(), events.len() as u64)], items)
}

/// The columns of the Illinois items CSV.
pub(crate) const IL_COLUMNS: [&str; 12] = [
    "section",
    "received",
    "kind",
    "form",
    "requested",
    "outcome",
    "decided_on",
    "documents_sent",
    "bail_posted_at",
    "released_or_transferred",
    "released_or_transferred_at",
    "to_agency",
];

/// The columns after `decided_on`, which section A rows may leave empty.
pub(crate) const IL_CUSTODY_FROM: usize = 7;

fn il_row(section: &str, r: &Req) -> Vec<String> {
    let mut requested = r.requested.clone();
    requested.sort_unstable();
    let sent: BTreeSet<&str> = r.sent.iter().map(|(d, _)| *d).collect();
    let bail = r.custody.iter().rev().find(|c| c.event == "bail-posted");
    let moved = r
        .custody
        .iter()
        .rev()
        .find(|c| c.event == "released" || c.event == "transferred");
    vec![
        section.to_string(),
        r.received.into(),
        r.kind.key().into(),
        r.kind.form().into(),
        requested.join(";"),
        outcome(r).into(),
        r.outcome().map(|(_, on)| on).unwrap_or_default().into(),
        sent.into_iter().collect::<Vec<_>>().join(";"),
        bail.map(|c| c.at).unwrap_or_default().into(),
        moved.map(|c| c.event).unwrap_or_default().into(),
        moved.map(|c| c.at).unwrap_or_default().into(),
        moved.and_then(|c| c.to).unwrap_or_default().into(),
    ]
}

fn trust_act(of_year: &[Numbered]) -> (Vec<(String, u64)>, Vec<Vec<String>>) {
    let mut sorted = of_year.to_vec();
    sorted.sort_by_key(|(r, id)| (r.received, *id));
    let dhs: Vec<&Req> = sorted
        .iter()
        .map(|(r, _)| *r)
        .filter(|r| r.kind != Kind::Court)
        .collect();
    let detainers: Vec<&Req> = sorted
        .iter()
        .map(|(r, _)| *r)
        .filter(|r| r.kind == Kind::Detainer)
        .collect();
    let mut items = vec![strings(&IL_COLUMNS)];
    items.extend(dhs.iter().map(|r| il_row("A", r)));
    items.extend(detainers.iter().map(|r| il_row("B", r)));
    let figures = vec![
        ("dhs_requests.total".into(), dhs.len() as u64),
        ("detainers.total".into(), detainers.len() as u64),
    ];
    (figures, items)
}

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(ToString::to_string).collect()
}

/// Every report `report --year 2026` must write for the year `numbered` records, for each
/// (jurisdiction, agency) with a request received or a custody event in the year, in order.
pub(crate) fn expected(numbered: &[Numbered]) -> Vec<Expected> {
    let active: BTreeSet<(&'static str, &'static str)> = numbered
        .iter()
        .filter(|(r, _)| r.year() == YEAR || r.custody.iter().any(|c| c.at.starts_with(YEAR)))
        .map(|(r, _)| (r.jurisdiction, r.agency))
        .collect();
    let mut out = Vec::new();
    for (jurisdiction, agency) in active {
        let all: Vec<Numbered> = numbered
            .iter()
            .filter(|(r, _)| r.jurisdiction == jurisdiction && r.agency == agency)
            .copied()
            .collect();
        let of_year: Vec<Numbered> = all
            .iter()
            .filter(|(r, _)| r.year() == YEAR)
            .copied()
            .collect();
        let mut push = |report, figures, groups, items| {
            out.push(Expected {
                jurisdiction,
                agency,
                report,
                figures,
                groups,
                items,
            });
        };
        // The state is the id's second segment (`us/ca/alameda` → `ca`).
        match jurisdiction.split('/').nth(1) {
            Some("ca") => {
                let (figures, groups) = truth_act_forum(&all, &of_year);
                push("ca-truth-act-forum", figures, Some(groups), None);
                let (figures, items) = values_act(&all);
                push("ca-doj-values-act", figures, None, Some(items));
            }
            Some("il") => {
                let (figures, items) = trust_act(&of_year);
                push("il-trust-act-805-25", figures, None, Some(items));
            }
            Some("or") => {
                let (figures, groups) = cjc_compilation(&of_year);
                push("or-cjc-compilation", figures, Some(groups), None);
            }
            _ => {}
        }
    }
    out
}
