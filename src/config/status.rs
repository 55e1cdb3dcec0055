//! Every fact of a jurisdiction with its status — known, declared `unknown`, or known but last
//! verified before a cutoff (stale) — in one enumeration ([`facts`]) that `check --stale`,
//! `facts --unknown` and the site's directory and coverage pages all read, and the one default
//! of how many days make a fact stale ([`DEFAULT_STALE_DAYS`]).

use super::values::{Fact, IsoDate, Text, UNKNOWN};
use super::Jurisdiction;
use crate::document::Lang;

/// How many days after it was last verified a fact is stale, unless `--stale` says otherwise.
pub const DEFAULT_STALE_DAYS: u32 = 180;

/// When a fact counts as stale: verified more than `stale_days` before `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Freshness {
    /// The threshold in days (`--stale`).
    pub stale_days: u32,
    /// The date counted from (`--today`, else the real date).
    pub today: IsoDate,
}

impl Freshness {
    /// The first date a fact may be verified on and not be stale.
    pub fn cutoff(&self) -> IsoDate {
        IsoDate(self.today.0 - time::Duration::days(i64::from(self.stale_days)))
    }
}

/// What is known of a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Declared `unknown`: a fill-in in the documents.
    Unknown,
    /// Known, but last verified before the cutoff.
    Stale,
    /// Known, and verified since the cutoff (or with no cutoff asked).
    Known,
}

impl Status {
    /// Its word, as the facts sheet's `status` column writes it.
    pub fn word(self) -> &'static str {
        match self {
            Status::Unknown => "unknown",
            Status::Stale => "stale",
            Status::Known => "known",
        }
    }
}

/// One fact of a jurisdiction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactStatus<'a> {
    /// Where it sits in the config: `agencies.sheriff.phone`, `rapid_response[0].name`.
    pub path: String,
    /// Known, unknown or stale.
    pub status: Status,
    /// Where a known fact was read.
    pub source: Option<&'a Text>,
    /// When a known fact was last verified, if written.
    pub verified: Option<IsoDate>,
}

impl FactStatus<'_> {
    /// Whether it is a fact of an agency, a rapid response network or a legal service provider
    /// (not of the rights card or the signatory): what the coverage page counts.
    pub fn of_a_record(&self) -> bool {
        ["agencies.", "rapid_response[", "legal_services["]
            .iter()
            .any(|p| self.path.starts_with(p))
    }
}

/// Every fact of `j`, in config order: each record's name (known or unknown: a name has no
/// date of its own) and its facts, then the signatory's name; with `cutoff`, a known fact
/// verified before it is [`Status::Stale`].
pub fn facts(j: &Jurisdiction, cutoff: Option<IsoDate>) -> Vec<FactStatus<'_>> {
    let mut out = Vec::new();
    for (path, r) in j.records() {
        let unknown_name = Lang::all()
            .iter()
            .any(|&lang| r.name.get(lang) == Some(UNKNOWN));
        out.push(FactStatus {
            path: format!("{path}.name"),
            status: if unknown_name {
                Status::Unknown
            } else {
                Status::Known
            },
            source: None,
            verified: None,
        });
        for (field, fact) in r.facts() {
            out.push(status(format!("{path}.{field}"), fact, cutoff));
        }
    }
    out.push(status("signatory.name".into(), &j.signatory.name, cutoff));
    out
}

/// Every known fact of `j` last verified before `cutoff`, as `(path, date)`: what `check
/// --stale` reports and the facts sheet lists as `stale`.
pub fn stale(j: &Jurisdiction, cutoff: IsoDate) -> impl Iterator<Item = (String, IsoDate)> + '_ {
    facts(j, Some(cutoff))
        .into_iter()
        .filter(|f| f.status == Status::Stale)
        .filter_map(|f| Some((f.path, f.verified?)))
}

fn status(path: String, fact: &Fact, cutoff: Option<IsoDate>) -> FactStatus<'_> {
    match fact {
        Fact::Unknown => FactStatus {
            path,
            status: Status::Unknown,
            source: None,
            verified: None,
        },
        Fact::Known {
            source, verified, ..
        } => FactStatus {
            path,
            status: match (verified, cutoff) {
                (Some(date), Some(cutoff)) if *date < cutoff => Status::Stale,
                _ => Status::Known,
            },
            source: source.as_ref(),
            verified: *verified,
        },
    }
}
