//! The shipped kit's content (issue: documents for California and six more states): every
//! jurisdiction gets every document in both languages, cites its own state's law and never
//! another state's, states the legal points each document exists for, keeps Spanish documents
//! free of English sentences, and prints no phone number that is not a sourced config fact.

use responsekit::config::values::{Fact, Localized};
use responsekit::config::Jurisdiction;
use responsekit::document::{Block, Document, Inline, Lang};
use responsekit::kit::Project;
use responsekit::render;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use crate::common::county_kits;

const DOCUMENTS: [&str; 13] = [
    "policy-adult",
    "policy-juvenile",
    "letter-information-request",
    "letter-administrative-subpoena",
    "letter-detainer",
    "notice-public-defender",
    "notice-simultaneous",
    "notice-release-contacts",
    "handout-release-packet",
    "memo-counsel",
    "form-interview-consent",
    "notice-request-to-person",
    "advocates-one-pager",
];

/// The California Department of Corrections and Rehabilitation: not a "California law
/// enforcement agency" (Gov. Code § 7284.4(a)), so its kit has its own documents and law.
const STATE_PRISON_KIT: &str = "us/ca/cdcr";

struct Rendered {
    project: Project,
    /// (jurisdiction id, document, lang, document)
    docs: Vec<(String, String, Lang, Document)>,
}

fn shipped() -> &'static Rendered {
    static KIT: OnceLock<Rendered> = OnceLock::new();
    KIT.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("jurisdictions");
        let project = Project::load(&root, None);
        let mut docs = Vec::new();
        for (id, resolved) in &project.resolved {
            let j = resolved
                .as_ref()
                .unwrap_or_else(|e| panic!("{id} does not resolve: {e:?}"));
            for lang in [Lang::En, Lang::Es] {
                for doc in DOCUMENTS.into_iter().filter(|d| j.kit.includes(d)) {
                    let d = project
                        .render(
                            j,
                            doc,
                            lang,
                            render::kit_request(lang),
                            serde_json::Value::Null,
                        )
                        .unwrap_or_else(|e| panic!("{id} {doc} {lang}: {e:?}"));
                    docs.push((id.clone(), doc.to_string(), lang, d));
                }
            }
        }
        Rendered { project, docs }
    })
}

fn jurisdiction(id: &str) -> &'static Jurisdiction {
    let kit = shipped();
    let (_, resolved) = kit
        .project
        .resolved
        .iter()
        .find(|(j, _)| j == id)
        .expect(id);
    resolved.as_ref().expect(id)
}

fn text_of(doc: &Document) -> String {
    fn blocks(out: &mut String, items: &[Block]) {
        for b in items {
            match b {
                Block::Title(c) | Block::Paragraph(c) | Block::Heading { content: c, .. } => {
                    out.push_str(&Inline::plain_text(c));
                    out.push('\n');
                }
                Block::List(l) => l.items.iter().for_each(|i| blocks(out, i)),
                Block::Quote(q) => blocks(out, q),
                Block::Signature(lines) | Block::Letterhead(lines) | Block::Continuation(lines) => {
                    for l in lines {
                        out.push_str(&Inline::plain_text(l));
                        out.push('\n');
                    }
                }
                Block::PageBreak => {}
            }
        }
    }
    let mut out = String::new();
    blocks(&mut out, doc.blocks());
    crate::common::words(&out)
}

fn doc(id: &str, name: &str, lang: Lang) -> &'static Document {
    &shipped()
        .docs
        .iter()
        .find(|(j, d, l, _)| j == id && d == name && *l == lang)
        .unwrap_or_else(|| panic!("{id} {name} {lang} not rendered"))
        .3
}

/// The registry keys whose full citation appears in the document's "authorities cited" list.
fn cited(d: &Document) -> BTreeSet<String> {
    let registry = &shipped().project.registry;
    let text = text_of(d);
    registry
        .keys()
        .filter(|k| {
            let a = registry.get(k).expect("key from registry");
            text.contains(&format!("{} — ", a.citation.full.as_str()))
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn every_jurisdiction_has_every_document_in_both_languages() {
    let kit = shipped();
    let ids: BTreeSet<&str> = kit
        .project
        .resolved
        .iter()
        .map(|(id, _)| id.as_str())
        .collect();
    let kits = county_kits();
    let mut expected: BTreeSet<&str> = kits.iter().map(String::as_str).collect();
    expected.insert(STATE_PRISON_KIT);
    assert_eq!(ids, expected);
    let prison_documents = [
        "form-interview-consent",
        "notice-request-to-person",
        "handout-release-packet",
        "memo-counsel",
    ];
    assert_eq!(
        kit.docs.len(),
        (kits.len() * DOCUMENTS.len() + prison_documents.len()) * 2
    );
    for (id, name, _, _) in &kit.docs {
        if id == STATE_PRISON_KIT {
            assert!(prison_documents.contains(&name.as_str()), "{id} has {name}");
        }
    }
}

#[test]
fn documents_cite_only_federal_law_and_their_own_states() {
    let registry = &shipped().project.registry;
    for (id, name, lang, d) in &shipped().docs {
        let j = jurisdiction(id);
        let own: Vec<&str> = std::iter::once("us")
            .chain(j.ancestors.iter().map(String::as_str))
            .chain(std::iter::once(id.as_str()))
            .collect();
        for key in cited(d) {
            let whose = registry
                .get(&key)
                .expect("cited key")
                .jurisdiction
                .as_str()
                .to_string();
            // Federal cases decided elsewhere (e.g. Lunn in Massachusetts) are persuasive
            // authority any kit may cite; state statutes are not.
            let federal_case =
                whose.starts_with("us/") && !own.iter().any(|o| *o == whose) && key.contains("-v-");
            assert!(
                own.contains(&whose.as_str()) || federal_case,
                "{id} {name} ({lang}) cites `{key}`, which is the law of {whose}"
            );
        }
    }
}

#[test]
fn each_state_policy_cites_its_own_law() {
    for id in &county_kits() {
        let j = jurisdiction(id);
        let registry = &shipped().project.registry;
        let state_keys: BTreeSet<&str> = j
            .law
            .values()
            .flatten()
            .filter_map(|k| registry.proposition(k))
            .filter(|(_, a)| a.jurisdiction.as_str() != "us")
            .map(|(p, _)| p.authority.as_str())
            .collect();
        for lang in [Lang::En, Lang::Es] {
            let policy = cited(doc(id, "policy-adult", lang));
            if !state_keys.is_empty() {
                assert!(
                    state_keys.iter().any(|k| policy.contains(*k)),
                    "{id} policy-adult ({lang}) cites none of its own law {state_keys:?}; it cites {policy:?}"
                );
            }
        }
    }
}

#[test]
fn california_juvenile_policy_cites_wi_831() {
    for id in [
        "us/ca",
        "us/ca/alameda",
        "us/ca/los-angeles",
        "us/ca/santa-clara",
    ] {
        for lang in [Lang::En, Lang::Es] {
            let keys = cited(doc(id, "policy-juvenile", lang));
            assert!(keys.contains("ca-wic-831"), "{id} ({lang}): {keys:?}");
        }
    }
}

#[test]
fn subpoena_letter_cites_1225_and_promises_to_answer_a_court_order() {
    for id in &county_kits() {
        for (lang, promise) in [(Lang::En, "federal court"), (Lang::Es, "tribunal federal")] {
            let d = doc(id, "letter-administrative-subpoena", lang);
            assert!(cited(d).contains("usc-8-1225-d-4"), "{id} ({lang})");
            let text = text_of(d).to_lowercase();
            assert!(
                text.contains(promise),
                "{id} ({lang}) does not promise to answer a federal court order"
            );
            for never in ["ignore", "disregard", "ignorar", "no responderemos"] {
                assert!(!text.contains(never), "{id} ({lang}) says `{never}`");
            }
        }
    }
}

#[test]
fn detainer_letter_rests_on_287_7() {
    for id in &county_kits() {
        for lang in [Lang::En, Lang::Es] {
            let keys = cited(doc(id, "letter-detainer", lang));
            assert!(
                keys.contains("cfr-8-287.7") && keys.contains("miranda-olivares-v-clackamas"),
                "{id} ({lang}): {keys:?}"
            );
        }
    }
}

#[test]
fn information_letter_never_claims_to_withhold_immigration_status() {
    for id in &county_kits() {
        let d = doc(id, "letter-information-request", Lang::En);
        let keys = cited(d);
        assert!(
            keys.contains("us-v-california") || keys.contains("steinle-v-sf"),
            "{id}: {keys:?}"
        );
        let text = text_of(d).to_lowercase();
        for claim in [
            "withhold immigration status",
            "refuse to share immigration status",
            "right to withhold citizenship",
        ] {
            assert!(!text.contains(claim), "{id}: `{claim}`");
        }
    }
}

#[test]
fn every_document_says_it_is_model_language_for_counsel() {
    for (id, name, lang, d) in &shipped().docs {
        // The handout speaks to the agency handing it out, in plain words, once at its end.
        let handout = name.starts_with("handout-");
        let (expected, not_advice) = match (*lang, handout) {
            (Lang::En, false) => ("Model language for review by counsel", "Not legal advice"),
            (Lang::En, true) => (
                "Model text for the agency's counsel to review before it is handed out",
                "not legal advice",
            ),
            (Lang::Es, false) => (
                "Texto modelo para revisión por asesoría jurídica",
                "No constituye asesoramiento legal",
            ),
            (Lang::Es, true) => (
                "Texto modelo que la asesoría jurídica de la agencia debe revisar",
                "no asesoramiento legal",
            ),
            (other, _) => panic!("{id} {name}: no notice known for `{other}`"),
        };
        assert!(d.notice().starts_with(expected), "{id} {name} ({lang})");
        assert!(d.notice().contains(not_advice), "{id} {name} ({lang})");
    }
}

/// Words that only English uses: a sentence with several of them is English.
const ENGLISH_MARKERS: [&str; 24] = [
    "the", "and", "of", "to", "is", "that", "will", "with", "for", "this", "not", "are", "be",
    "any", "by", "or", "from", "which", "shall", "must", "has", "have", "its", "their",
];

fn sentences(text: &str) -> Vec<String> {
    text.split(['\n', '.', '?', '!', ';', ':'])
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| s.split(' ').count() >= 5)
        .collect()
}

fn looks_english(sentence: &str) -> bool {
    let words: Vec<String> = sentence
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words
        .iter()
        .filter(|w| ENGLISH_MARKERS.contains(&w.as_str()))
        .count()
        >= 3
}

#[test]
fn spanish_documents_contain_no_english_sentence() {
    for (id, name, lang, d) in &shipped().docs {
        if *lang != Lang::Es {
            continue;
        }
        // The registry's own text stays in the source's language: the quotes of the proof
        // table, citations (pinpoints included: a section's English title) and the names of laws.
        let registry = &shipped().project.registry;
        let mut registry_text: Vec<String> = Vec::new();
        for (_, p, a, _) in registry.propositions() {
            registry_text.push(p.quote.as_str().to_string());
            registry_text.push(responsekit::authorities::pinpointed(a, p.pinpoint.as_str()));
        }
        for key in registry.keys() {
            let a = registry.get(key).expect("key");
            registry_text.push(a.citation.full.as_str().to_string());
            registry_text.push(a.citation.short.as_str().to_string());
            if let Localized::PerLanguage(m) = &a.title {
                registry_text.extend(m.values().map(|t| t.as_str().to_string()));
            }
        }
        // So do the proper names of agencies, networks and providers, as their config writes them.
        let j = jurisdiction(id);
        for r in j
            .rapid_response
            .iter()
            .chain(&j.legal_services)
            .chain(j.agencies.values())
        {
            if let Some(name) = r.name.get(Lang::Es) {
                registry_text.push(name.to_string());
            }
        }
        // Longest first: a short citation is often the start of a full one.
        registry_text.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let mut stripped = text_of(d);
        for t in &registry_text {
            stripped = stripped.replace(t.as_str(), "");
        }
        let english = text_of(doc(id, name, Lang::En));
        for sentence in sentences(&english).iter().filter(|s| looks_english(s)) {
            assert!(
                !stripped.contains(sentence.as_str()),
                "{id} {name} (es) contains the English sentence: {sentence}"
            );
        }
        // Anything else English is a leftover.
        let english_looking: Vec<String> = sentences(&stripped)
            .into_iter()
            .filter(|s| looks_english(s))
            .collect();
        assert!(
            english_looking.is_empty(),
            "{id} {name} (es) has English-looking sentences: {english_looking:?}"
        );
    }
}

/// The digits of `s`, in order.
fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Phone numbers as people write them in the U.S.: (510) 241-4011, 888-624-4752, 408.290.1144.
fn phone_numbers(text: &str) -> Vec<String> {
    let digits: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < digits.len() {
        // A run of digits and phone punctuation holding exactly 10 or 11 digits.
        let start = i;
        let mut count = 0;
        let mut end = i;
        while end < digits.len()
            && (digits[end].1.is_ascii_digit() || "()-. ".contains(digits[end].1))
        {
            if digits[end].1.is_ascii_digit() {
                count += 1;
            }
            end += 1;
        }
        let s: String = digits[start..end].iter().map(|(_, c)| c).collect();
        let groups: Vec<usize> = s
            .split(|c: char| !c.is_ascii_digit())
            .map(str::len)
            .filter(|n| *n > 0)
            .collect();
        if (10..=11).contains(&count)
            && matches!(groups.as_slice(), [3, 3, 4] | [1, 3, 3, 4] | [10 | 11])
        {
            found.push(s.trim_matches(|c: char| ".- ".contains(c)).to_string());
        }
        i = end.max(i + 1);
    }
    found
}

#[test]
fn every_phone_number_printed_is_a_sourced_config_fact() {
    let mut sourced = BTreeSet::new();
    for (_, resolved) in &shipped().project.resolved {
        let j = resolved.as_ref().expect("resolves");
        let records = j
            .agencies
            .values()
            .chain(&j.rapid_response)
            .chain(&j.legal_services);
        for r in records {
            if let Some(Fact::Known {
                value,
                source: Some(_),
                ..
            }) = &r.phone
            {
                for lang in [Lang::En, Lang::Es] {
                    sourced.insert(value.get(lang).unwrap_or_default().to_string());
                }
            }
        }
    }
    assert!(
        !sourced.is_empty(),
        "the shipped tree has no sourced phone number at all"
    );
    let mut checked = 0;
    for (id, name, lang, d) in &shipped().docs {
        // Digits in a source's address or a citation (a docket, a section, a year) are not a
        // phone number.
        let mut text: String = text_of(d)
            .split(' ')
            .filter(|w| !w.contains("://"))
            .collect::<Vec<_>>()
            .join(" ");
        let registry = &shipped().project.registry;
        for (_, p, a, _) in registry.propositions() {
            text = text.replace(
                &responsekit::authorities::pinpointed(a, p.pinpoint.as_str()),
                "",
            );
        }
        for key in registry.keys() {
            let a = registry.get(key).expect("key");
            for t in [a.citation.full.as_str(), a.citation.short.as_str()] {
                text = text.replace(t, "");
            }
        }
        for number in phone_numbers(&text) {
            checked += 1;
            assert!(
                // Compared by their digits: a number printed between brackets, or next to
                // its hours "(24 hours)", is still the sourced one.
                sourced.iter().any(|s| digits(s).contains(&digits(&number))),
                "{id} {name} ({lang}) prints the phone number {number}, which no sourced config value has"
            );
        }
    }
    assert!(
        checked > 0,
        "no phone number found in any document: the check would pass vacuously"
    );
}

#[test]
fn the_phone_finder_finds_phone_numbers() {
    assert_eq!(
        phone_numbers("call (510) 241-4011 now"),
        vec!["(510) 241-4011"]
    );
    assert_eq!(phone_numbers("or 888-624-4752."), vec!["888-624-4752"]);
    assert!(phone_numbers("8 U.S.C. § 1225(d)(4), 745 F.3d 634").is_empty());
    assert!(phone_numbers("HB19-1124 (2019)").is_empty());
}
