//! The kinds of a proposition's reach: which agencies it binds ([`Binds`]), and the points of
//! law a kit's documents rest on ([`Provision`]), each naming the registry keys that carry it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Which agencies a proposition binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Binds {
    /// Every agency (federal law, cases).
    All,
    /// County and city law enforcement: sheriffs' jails, police, probation.
    Local,
    /// Probation departments.
    Probation,
    /// Juvenile halls and camps.
    Juvenile,
    /// The state's prison department.
    StatePrisons,
}

impl Binds {
    /// Who is bound, in an error message (`every agency`, `probation departments`).
    pub fn describe(self) -> &'static str {
        match self {
            Binds::All => "every agency",
            Binds::Local => "county and city law enforcement agencies",
            Binds::Probation => "probation departments",
            Binds::Juvenile => "juvenile facilities",
            Binds::StatePrisons => "the state prison department",
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
    /// What the law's terms mean (e.g. "judicial warrant").
    Definitions,
    /// What federal law does and does not reach (8 U.S.C. §§ 1373 and 1644, commandeering).
    FederalScope,
    /// Federal pressure and litigation of 2025–26 (the counsel memo's own section).
    Developments,
    /// Authority against the agency's position, which honest advice states.
    Adverse,
    /// Joint task forces with immigration authorities.
    TaskForces,
    /// Agreements under 8 U.S.C. § 1357(g) ("287(g)").
    #[serde(rename = "agreements_287g")]
    Agreements287g,
}

impl Provision {
    /// Every provision, each once, in declaration order.
    pub const ALL: [Provision; 22] = [
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
        Provision::Definitions,
        Provision::FederalScope,
        Provision::Developments,
        Provision::Adverse,
        Provision::TaskForces,
        Provision::Agreements287g,
    ];

    /// The key that names the provision under `law:` (e.g. `release_dates`).
    pub fn key(self) -> String {
        serde_yaml::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}
