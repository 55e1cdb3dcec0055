//! The config files as written: every key optional (a child inherits what it leaves out),
//! unknown keys refused. `resolve` turns a merged chain of these into a checked
//! [`super::Jurisdiction`].

use super::values::{present, Fact, IsoDate, Localized, Text};
use crate::document::Lang;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    /// The legal authorities (registry keys) behind each provision of the kit.
    #[serde(default, deserialize_with = "present")]
    pub law: Option<BTreeMap<Provision, Vec<Text>>>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Country,
    State,
    County,
    City,
}

/// The agencies a kit speaks of or for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Sheriff,
    Probation,
    Corrections,
    ParoleBoard,
    JuvenileFacilities,
    PublicDefender,
    CountyCounsel,
    AttorneyGeneral,
}

impl Role {
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

/// The points of law a kit's documents rest on. Each maps to the registry keys that carry it in
/// a jurisdiction; an empty or absent list means the jurisdiction has no law of its own on it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Provision {
    /// Holding someone on an immigration detainer.
    Detainers,
    /// Telling immigration authorities a release date or answering notification requests.
    ReleaseDates,
    /// Sharing home or work addresses and other personal information.
    PersonalInformation,
    /// Transferring someone to immigration custody.
    Transfers,
    /// Immigration agents' access to facilities and to people in custody (office space included).
    FacilityAccess,
    /// Immigration agents' access to the agency's files, records and databases.
    RecordsAccess,
    /// Conditions on immigration interviews (consent forms, counsel).
    Interviews,
    /// Asking about immigration status or place of birth.
    StatusInquiry,
    /// Giving the person a copy of any request and saying whether the agency will comply.
    CopyToPerson,
    /// Sending the person and counsel whatever is sent to immigration authorities.
    NotifyPersonAndCounsel,
    /// Confidentiality of juvenile records.
    JuvenileRecords,
    /// How administrative subpoenas and court orders are treated.
    Subpoenas,
    /// Declining every request and reporting it to a state body.
    DeclineAndReport,
    /// Notice forms to detainees about requests.
    DetaineeNoticeForms,
    /// Records of immigration-authority access being public.
    PublicRecords,
    /// Parole boards and officers working with immigration authorities.
    Parole,
}

impl Provision {
    pub const ALL: [Provision; 16] = [
        Provision::Detainers,
        Provision::ReleaseDates,
        Provision::PersonalInformation,
        Provision::Transfers,
        Provision::FacilityAccess,
        Provision::RecordsAccess,
        Provision::Interviews,
        Provision::StatusInquiry,
        Provision::CopyToPerson,
        Provision::NotifyPersonAndCounsel,
        Provision::JuvenileRecords,
        Provision::Subpoenas,
        Provision::DeclineAndReport,
        Provision::DetaineeNoticeForms,
        Provision::PublicRecords,
        Provision::Parole,
    ];

    pub fn key(self) -> String {
        serde_yaml::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

/// An agency, network, provider or card: a name and facts, with the source they came from.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRecord {
    #[serde(default, deserialize_with = "present")]
    pub name: Option<Localized>,
    /// Name of the person who heads it.
    #[serde(default, deserialize_with = "present")]
    pub head: Option<Fact>,
    /// That person's title, e.g. `{en: Chief Probation Officer, es: Jefe de Libertad Condicional}`.
    #[serde(default, deserialize_with = "present")]
    pub head_title: Option<Localized>,
    #[serde(default, deserialize_with = "present")]
    pub address: Option<Fact>,
    #[serde(default, deserialize_with = "present")]
    pub phone: Option<Fact>,
    #[serde(default, deserialize_with = "present")]
    pub email: Option<Fact>,
    #[serde(default, deserialize_with = "present")]
    pub website: Option<Fact>,
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

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSignatory {
    #[serde(default, deserialize_with = "present")]
    pub name: Option<Fact>,
    #[serde(default, deserialize_with = "present")]
    pub title: Option<Localized>,
    /// The agency (role) the signatory signs for.
    #[serde(default, deserialize_with = "present")]
    pub agency: Option<Role>,
    #[serde(default, deserialize_with = "present")]
    pub source: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub verified: Option<IsoDate>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLetterhead {
    /// The agency (role) whose name and address head the letters.
    #[serde(default, deserialize_with = "present")]
    pub agency: Option<Role>,
}
