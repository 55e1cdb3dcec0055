//! The desk's own words, per language: `src/serve/words/<lang>.yaml`, embedded in the binary,
//! nested sections flattened to dotted keys (`interview.person.name`). Every language holds
//! every key (a test); a page names its words by key, and a key no table holds is an error
//! when the page renders, never a blank. Documents' words are not here (`crate::i18n`).

use crate::document::Lang;
use rust_embed::RustEmbed;
use std::collections::BTreeMap;
use std::sync::LazyLock;

#[derive(RustEmbed)]
#[folder = "src/serve/words"]
#[include = "*.yaml"]
struct Tables;

/// Every language's words, by language code then key.
static WORDS: LazyLock<BTreeMap<String, BTreeMap<String, String>>> = LazyLock::new(|| {
    Tables::iter()
        .filter_map(|file| {
            let code = file.strip_suffix(".yaml")?.to_string();
            let bytes = Tables::get(&file)?.data;
            let value: serde_yaml::Value = serde_yaml::from_slice(&bytes).ok()?;
            let mut flat = BTreeMap::new();
            flatten("", &value, &mut flat);
            Some((code, flat))
        })
        .collect()
});

fn flatten(prefix: &str, value: &serde_yaml::Value, out: &mut BTreeMap<String, String>) {
    match value {
        serde_yaml::Value::Mapping(map) => {
            for (k, v) in map {
                if let Some(k) = k.as_str() {
                    let key = if prefix.is_empty() {
                        k.to_string()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    flatten(&key, v, out);
                }
            }
        }
        serde_yaml::Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        _ => {}
    }
}

/// The languages the desk speaks: those with a table, English first.
pub(crate) fn languages() -> Vec<Lang> {
    let mut langs: Vec<Lang> = WORDS.keys().filter_map(|c| Lang::from_code(c)).collect();
    langs.sort_by_key(|l| (l.code() != "en", l.code()));
    langs
}

/// The words for `key` in `lang`, if its table holds them.
pub(crate) fn get(lang: Lang, key: &str) -> Option<&'static str> {
    WORDS.get(lang.code())?.get(key).map(String::as_str)
}

/// The words for `key` in `lang`; a key no table holds shows as itself in brackets, which the
/// tests look for on every page.
pub(crate) fn t(lang: Lang, key: &str) -> &'static str {
    get(lang, key).unwrap_or("[missing words]")
}

/// `key`'s words with each `{name}` replaced by its value.
pub(crate) fn t_with(lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
    let mut text = t(lang, key).to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_holds_every_key() {
        let en: Vec<&String> = WORDS["en"].keys().collect();
        assert!(en.len() > 10, "the English table is read");
        for (code, table) in WORDS.iter() {
            let keys: Vec<&String> = table.keys().collect();
            assert_eq!(keys, en, "{code}.yaml holds other keys than en.yaml");
            for (k, v) in table {
                assert!(!v.trim().is_empty(), "{code}: `{k}` is empty");
            }
        }
    }

    #[test]
    fn the_desk_speaks_english_first_then_spanish() {
        let codes: Vec<&str> = languages().iter().map(|l| l.code()).collect();
        assert_eq!(codes[..2], ["en", "es"]);
    }
}
