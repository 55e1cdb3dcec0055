//! JSON Schemas (draft-07, which common YAML editor extensions read) of the files people edit:
//! `jurisdiction.yaml` and `authorities.yaml`. Shipped files point at them in their first line.

use crate::authorities::AuthorityFile;
use crate::config::raw::RawJurisdiction;
use schemars::generate::SchemaSettings;

pub const JURISDICTION_SCHEMA: &str = "jurisdiction.schema.json";
pub const AUTHORITIES_SCHEMA: &str = "authorities.schema.json";

/// Each schema file's name and text.
pub fn schemas() -> Vec<(&'static str, String)> {
    let generator = || SchemaSettings::draft07().into_generator();
    let jurisdiction = generator().into_root_schema_for::<RawJurisdiction>();
    let authorities = generator().into_root_schema_for::<AuthorityFile>();
    [
        (JURISDICTION_SCHEMA, jurisdiction),
        (AUTHORITIES_SCHEMA, authorities),
    ]
    .into_iter()
    .map(|(name, schema)| {
        let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        text.push('\n');
        (name, text)
    })
    .collect()
}
