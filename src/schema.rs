//! JSON Schemas (draft-07, which common YAML editor extensions read) of the files people edit:
//! `jurisdiction.yaml`, `authorities.yaml` and `propositions.yaml`. Shipped files point at them in their first line.

use crate::authorities::{AuthorityFile, PropositionFile};
use crate::config::raw::RawJurisdiction;
use schemars::generate::SchemaSettings;

/// The file name of the schema of a `jurisdiction.yaml`.
pub const JURISDICTION_SCHEMA: &str = "jurisdiction.schema.json";
/// The file name of the schema of an `authorities.yaml`.
pub const AUTHORITIES_SCHEMA: &str = "authorities.schema.json";
/// The file name of the schema of a `propositions.yaml`.
pub const PROPOSITIONS_SCHEMA: &str = "propositions.schema.json";

/// Each schema file's name and text.
pub fn schemas() -> Vec<(&'static str, String)> {
    let generator = || SchemaSettings::draft07().into_generator();
    let jurisdiction = generator().into_root_schema_for::<RawJurisdiction>();
    let authorities = generator().into_root_schema_for::<AuthorityFile>();
    let propositions = generator().into_root_schema_for::<PropositionFile>();
    [
        (JURISDICTION_SCHEMA, jurisdiction),
        (AUTHORITIES_SCHEMA, authorities),
        (PROPOSITIONS_SCHEMA, propositions),
    ]
    .into_iter()
    .map(|(name, schema)| {
        let mut value = schema.to_value();
        drop_null(&mut value);
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        (name, text)
    })
    .collect()
}

/// Optional keys come out as "X or null"; the loader refuses `null` (it would silently mean
/// "inherit"), so the schema must not offer it either.
fn drop_null(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(any)) = map.get_mut("anyOf") {
                any.retain(|s| s.get("type").and_then(Value::as_str) != Some("null"));
            }
            if map.get("default") == Some(&Value::Null) {
                map.remove("default");
            }
            map.values_mut().for_each(drop_null);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null),
        _ => {}
    }
}
