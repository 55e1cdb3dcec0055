//! The config files as written: every key optional (a child inherits what it leaves out),
//! unknown keys refused. `resolve` turns a merged chain of these into a checked
//! [`super::Jurisdiction`].

use super::values::{present, Fact, IsoDate, Localized, Text};
use crate::authorities::Binds;
use crate::document::Lang;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use crate::authorities::Provision;

/// One `jurisdiction.yaml`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "responsekit jurisdiction",
    description = "One jurisdiction of a responsekit tree. A child inherits every key it leaves out from its parent folder's jurisdiction.yaml: maps merge, text and lists replace."
)]
pub struct RawJurisdiction {
    /// country (defaults shared by its states; no kit of its own), state, county or city.
    #[serde(default, deserialize_with = "present")]
    pub kind: Option<Kind>,
    /// Display name, e.g. `{en: Alameda County, es: Condado de Alameda}`.
    #[serde(default, deserialize_with = "present")]
    pub name: Option<Localized>,
    /// Languages the kit is written in, e.g. `[en, es]`.
    #[serde(default, deserialize_with = "present")]
    pub languages: Option<Vec<Lang>>,
    /// Agencies by role; each record carries `source` and `verified`.
    #[serde(default, deserialize_with = "present")]
    pub agencies: Option<BTreeMap<Role, RawRecord>>,
    /// Rapid response network(s) for people being released.
    #[serde(default, deserialize_with = "present")]
    pub rapid_response: Option<Vec<RawRecord>>,
    /// Immigration legal service providers.
    #[serde(default, deserialize_with = "present")]
    pub legal_services: Option<Vec<RawRecord>>,
    /// Where a released person gets a know-your-rights ("red") card.
    #[serde(default, deserialize_with = "present")]
    pub rights_card: Option<RawRecord>,
    /// Who signs the letters.
    #[serde(default, deserialize_with = "present")]
    pub signatory: Option<RawSignatory>,
    /// Whose letterhead the letters are on.
    #[serde(default, deserialize_with = "present")]
    pub letterhead: Option<RawLetterhead>,
    /// The kind of agency the kit is for: `county` (a county jail, probation and juvenile
    /// hall: the default) or `state_prison` (the state's prison department).
    #[serde(default, deserialize_with = "present")]
    pub kit: Option<KitKind>,
    /// The statements of law (proposition keys) behind each provision of the kit.
    #[serde(default, deserialize_with = "present")]
    pub law: Option<BTreeMap<Provision, Vec<Text>>>,
}

/// What a jurisdiction is (`kind:`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A country.
    Country,
    /// A state.
    State,
    /// A county.
    County,
    /// A city.
    City,
    /// A state agency with a kit of its own, e.g. the state prison department.
    Agency,
}

/// The kind of agency a kit is written for: the law binds each differently.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum KitKind {
    /// A county's (or city's) agencies: the sheriff's jail, probation, juvenile hall.
    #[default]
    County,
    /// The state's prison department.
    StatePrison,
}

impl KitKind {
    /// Documents of a state prison department's kit: the forms and notices its own statute
    /// requires, the handout and the memo. The county policies and declination letters are not
    /// written for it (its duties and its own release rules differ: the memo says how).
    const STATE_PRISON: &'static [&'static str] = &[
        "form-interview-consent",
        "notice-request-to-person",
        "handout-release-packet",
        "memo-counsel",
    ];

    /// Whether document `doc` belongs in a kit of this kind.
    pub fn includes(self, doc: &str) -> bool {
        match self {
            KitKind::County => true,
            KitKind::StatePrison => Self::STATE_PRISON.contains(&doc),
        }
    }

    /// Whether a proposition binding `binds` may be stated as the law of this kit's agency.
    pub fn bound_by(self, binds: Binds) -> bool {
        match self {
            KitKind::County => binds != Binds::StatePrisons,
            KitKind::StatePrison => matches!(binds, Binds::All | Binds::StatePrisons),
        }
    }

    /// Whether a proposition binding `binds` is this kit's law: it binds nobody in particular
    /// (a case, a development) or binds at least one agency of this kind.
    pub fn admits(self, binds: &[Binds]) -> bool {
        binds.is_empty() || binds.iter().any(|b| self.bound_by(*b))
    }

    /// What this kind of kit is written for, as a phrase for messages.
    pub fn describe(self) -> &'static str {
        match self {
            KitKind::County => "a county's agencies (jail, probation, juvenile hall)",
            KitKind::StatePrison => "the state prison department",
        }
    }
}

/// The agencies a kit speaks of or for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The sheriff's office (it runs the county jail).
    Sheriff,
    /// The probation department.
    Probation,
    /// The corrections department.
    Corrections,
    /// The parole board.
    ParoleBoard,
    /// The juvenile halls and camps.
    JuvenileFacilities,
    /// The public defender's office.
    PublicDefender,
    /// County counsel: the county's lawyers.
    CountyCounsel,
    /// The state's attorney general.
    AttorneyGeneral,
}

impl Role {
    /// Every role, in the order declared here.
    pub const ALL: [Role; 8] = [
        Role::Sheriff,
        Role::Probation,
        Role::Corrections,
        Role::ParoleBoard,
        Role::JuvenileFacilities,
        Role::PublicDefender,
        Role::CountyCounsel,
        Role::AttorneyGeneral,
    ];

    /// The key as written in YAML and seen by templates.
    pub fn key(self) -> &'static str {
        match self {
            Role::Sheriff => "sheriff",
            Role::Probation => "probation",
            Role::Corrections => "corrections",
            Role::ParoleBoard => "parole_board",
            Role::JuvenileFacilities => "juvenile_facilities",
            Role::PublicDefender => "public_defender",
            Role::CountyCounsel => "county_counsel",
            Role::AttorneyGeneral => "attorney_general",
        }
    }
}

/// An agency, network, provider or card: a name and facts, with the source they came from.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRecord {
    /// Its name, per language, e.g. `{en: Alameda County Sheriff's Office}`.
    #[serde(default, deserialize_with = "present")]
    pub name: Option<Localized>,
    /// Name of the person who heads it.
    #[serde(default, deserialize_with = "present")]
    pub head: Option<Fact>,
    /// That person's title, e.g. `{en: Chief Probation Officer, es: Jefe de Libertad Condicional}`.
    #[serde(default, deserialize_with = "present")]
    pub head_title: Option<Localized>,
    /// Postal or street address.
    #[serde(default, deserialize_with = "present")]
    pub address: Option<Fact>,
    /// Telephone number, as it should be printed.
    #[serde(default, deserialize_with = "present")]
    pub phone: Option<Fact>,
    /// Email address.
    #[serde(default, deserialize_with = "present")]
    pub email: Option<Fact>,
    /// Web address (https://…).
    #[serde(default, deserialize_with = "present")]
    pub website: Option<Fact>,
    /// Opening or answering hours, as they should be printed.
    #[serde(default, deserialize_with = "present")]
    pub hours: Option<Fact>,
    /// Area or people served, e.g. `{en: Alameda County, es: condado de Alameda}`.
    #[serde(default, deserialize_with = "present")]
    pub serves: Option<Localized>,
    /// Where the facts of this record were found (URL or document).
    #[serde(default, deserialize_with = "present")]
    pub source: Option<Text>,
    /// When they were last checked there (YYYY-MM-DD).
    #[serde(default, deserialize_with = "present")]
    pub verified: Option<IsoDate>,
}

/// The person who signs the letters (`signatory:`).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSignatory {
    /// Their name (or `unknown`: a fill-in).
    #[serde(default, deserialize_with = "present")]
    pub name: Option<Fact>,
    /// Their title, per language.
    #[serde(default, deserialize_with = "present")]
    pub title: Option<Localized>,
    /// The agency (role) the signatory signs for.
    #[serde(default, deserialize_with = "present")]
    pub agency: Option<Role>,
    /// Where the signatory was found (URL or document).
    #[serde(default, deserialize_with = "present")]
    pub source: Option<Text>,
    /// When it was last checked there (YYYY-MM-DD).
    #[serde(default, deserialize_with = "present")]
    pub verified: Option<IsoDate>,
}

/// Whose letterhead the letters carry (`letterhead:`).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLetterhead {
    /// The agency (role) whose name and address head the letters.
    #[serde(default, deserialize_with = "present")]
    pub agency: Option<Role>,
}
