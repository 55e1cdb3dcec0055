//! Unit tests of the self-checking value types: what `Text` refuses (null, numbers, bidi overrides,
//! blank text) and the three forms of a `Fact`.

use super::*;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Rec {
    #[serde(default, deserialize_with = "present")]
    #[allow(dead_code)] // only its errors are looked at
    name: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    phone: Option<Fact>,
}

fn err(yaml: &str) -> String {
    serde_yaml::from_str::<Rec>(yaml).unwrap_err().to_string()
}

#[test]
fn null_and_tilde_are_refused_not_turned_into_text() {
    assert!(
        err("name: ~\n").starts_with("name: empty value (null or ~)"),
        "{}",
        err("name: ~\n")
    );
    assert!(err("name: null\n").contains("empty value"));
    assert!(err("name:\n").contains("empty value"));
}

#[test]
fn numbers_must_be_quoted() {
    assert!(err("phone: 5102414011\n").contains("put it in quotes"));
}

#[test]
fn bidi_override_is_refused() {
    assert!(err("name: \"abc\u{202E}def\"\n").contains("bidirectional-override character (U+202E)"));
}

#[test]
fn only_white_space_and_fillers_is_blank() {
    assert!(
        err("name: \" \u{3164} \"\n").contains("name: empty text: it holds only white space and characters that show as nothing, such as a blank filler character (U+3164)"),
        "{}",
        err("name: \" \u{3164} \"\n")
    );
    assert!(err("name: \" \u{3000}\"\n").contains("name: empty text; write the value"));
}

#[test]
fn facts_in_three_forms() {
    let r: Rec = serde_yaml::from_str("phone: unknown\n").unwrap();
    assert_eq!(r.phone, Some(Fact::Unknown));
    let r: Rec =
        serde_yaml::from_str("phone: {value: '1', source: 'https://x', verified: 2026-01-02}\n")
            .unwrap();
    assert!(matches!(
        r.phone,
        Some(Fact::Known {
            source: Some(_),
            verified: Some(_),
            ..
        })
    ));
    assert!(
        err("phone: {value: '1', source: 'x', verified: 2026-13-02}\n")
            .contains("not a valid date")
    );
}

/// Text per language, wherever a schema offers it (a `Localized`, a `Fact`, a fact's
/// `value`), has one key for each language the kit has, each non-empty text.
#[test]
fn the_schemas_offer_text_in_every_language_and_no_other() {
    let codes: Vec<String> = Lang::all().iter().map(|l| l.code().to_string()).collect();
    let expected = serde_json::json!({ "type": "string", "minLength": 1 });
    let mut generator = SchemaGenerator::default();
    let localized = Localized::json_schema(&mut generator).to_value();
    let fact = Fact::json_schema(&mut generator).to_value();
    let per_language = [
        &localized["anyOf"][1],
        &fact["anyOf"][1],
        &fact["anyOf"][2]["properties"]["value"]["anyOf"][1],
    ];
    for block in per_language {
        let properties = block["properties"].as_object().expect("a map of languages");
        assert_eq!(
            properties.keys().cloned().collect::<Vec<_>>(),
            codes,
            "{block}"
        );
        assert!(properties.values().all(|p| *p == expected), "{block}");
        assert_eq!(block["additionalProperties"], false, "{block}");
    }
}
