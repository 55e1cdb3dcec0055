//! The law in every document holds up (the legal review of December 2026): one test per class
//! of error it found, each reading the built documents — Markdown and DOCX text — of the
//! shipped tree, so that the class cannot come back quietly.

use crate::common::*;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// California's kits for county agencies: the state's and each county's.
fn california() -> Vec<String> {
    std::iter::once("us/ca".to_string())
        .chain(california_counties())
        .collect()
}
const STATE_PRISON_KIT: &str = "us/ca/cdcr";

/// The texts of the shipped tree's build: `(id, lang, document)` → the text of the Markdown
/// file and the text of the DOCX file.
struct Built {
    md: BTreeMap<(String, String, String), String>,
    docx: BTreeMap<(String, String, String), String>,
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let out = shipped_build();
        let mut md = BTreeMap::new();
        let mut docx = BTreeMap::new();
        for file in files_under(out) {
            let Some((rest, ext)) = file.rsplit_once('.') else {
                continue;
            };
            let Some((dir, doc)) = rest.rsplit_once('/') else {
                continue;
            };
            let Some((id, lang)) = dir.rsplit_once('/') else {
                continue;
            };
            let key = (id.to_string(), lang.to_string(), doc.to_string());
            let path = out.join(&file);
            match ext {
                "md" => {
                    md.insert(key, markdown_text(&read(&path)).0);
                }
                "docx" => {
                    docx.insert(key, docx_text(&docx_part(&path, "word/document.xml")));
                }
                _ => {}
            }
        }
        Built { md, docx }
    })
}

/// Both texts of one document (Markdown first), which every assertion checks alike.
fn texts(id: &str, lang: &str, doc: &str) -> [&'static str; 2] {
    let key = (id.to_string(), lang.to_string(), doc.to_string());
    let b = built();
    let md =
        b.md.get(&key)
            .unwrap_or_else(|| panic!("{id} {lang} {doc}.md not built"));
    let docx = b
        .docx
        .get(&key)
        .unwrap_or_else(|| panic!("{id} {lang} {doc}.docx not built"));
    [md.as_str(), docx.as_str()]
}

/// Every built document's texts with its name.
fn all() -> impl Iterator<Item = (&'static (String, String, String), &'static str)> {
    let b = built();
    b.md.iter()
        .chain(b.docx.iter())
        .map(|(k, v)| (k, v.as_str()))
}

/// The sentences of `text` (split at line ends and sentence stops followed by a space).
fn sentences(text: &str) -> Vec<String> {
    text.split('\n')
        .flat_map(|line| line.split(". "))
        .map(str::to_string)
        .collect()
}

fn exists(id: &str, lang: &str, doc: &str) -> bool {
    built()
        .md
        .contains_key(&(id.to_string(), lang.to_string(), doc.to_string()))
}

/// Class 1: § 7284.6(a)(5) bars only office space dedicated to immigration authorities; it
/// never supports a sentence about interview access. § 7284.6(b)(5) permits interview access,
/// subject to the TRUTH Act, and the letters say so.
#[test]
fn office_space_subsection_supports_only_office_space() {
    // Paragraph by paragraph, as Word holds them (a proof-table entry is one paragraph).
    for ((id, lang, doc), text) in &built().docx {
        for s in text.lines() {
            if s.contains("7284.6(a)(5)") {
                let office = if lang == "en" {
                    "office space"
                } else {
                    "oficina"
                };
                assert!(
                    s.contains(office),
                    "{id} {lang} {doc}: § 7284.6(a)(5) cited for more than office space: {s}"
                );
            }
        }
    }
    for id in &california() {
        for text in texts(id, "en", "letter-information-request") {
            assert!(
                text.contains("7284.6(b)(5)"),
                "{id}: interview access under (b)(5) not stated"
            );
        }
    }
}

/// Class 2: the consent form the TRUTH Act requires (purpose, voluntary, decline, attorney,
/// the six languages) and the § 7283.1(b) notice are documents of every California kit; every
/// county kit has a consent form, and where no law prescribes one it says it is policy.
#[test]
fn consent_form_and_notice_to_the_person_exist_with_the_required_content() {
    for id in &california() {
        for text in texts(id, "en", "form-interview-consent") {
            for must in [
                "purpose of the interview",
                "voluntary",
                "decline",
                "attorney present",
                "Chinese, Tagalog, Vietnamese and Korean",
                "7283.1(a)",
            ] {
                assert!(text.contains(must), "{id} consent form lacks `{must}`");
            }
        }
        for text in texts(id, "es", "form-interview-consent") {
            for must in [
                "propósito de la entrevista",
                "voluntaria",
                "negarse",
                "abogado",
            ] {
                assert!(text.contains(must), "{id} (es) consent form lacks `{must}`");
            }
        }
        for text in texts(id, "en", "notice-request-to-person") {
            assert!(
                text.contains("7283.1(b)"),
                "{id}: the notice does not rest on § 7283.1(b)"
            );
            assert!(
                text.contains("intends to comply"),
                "{id}: the notice does not say whether the agency will comply"
            );
        }
    }
    for id in &county_kits() {
        for lang in ["en", "es"] {
            assert!(
                exists(id, lang, "form-interview-consent"),
                "{id} {lang}: no consent form"
            );
            assert!(
                exists(id, lang, "notice-request-to-person"),
                "{id} {lang}: no notice to the person"
            );
        }
    }
    // Illinois has no interview law in the registry: its form says the advisement is policy.
    for text in texts("us/il", "en", "form-interview-consent") {
        assert!(
            text.contains("agency's own advisement"),
            "us/il: the form is not marked as policy"
        );
    }
    // Washington's form rests on RCW 10.93.160(6)(b).
    for text in texts("us/wa", "en", "form-interview-consent") {
        assert!(
            text.contains("10.93.160(6)(b)"),
            "us/wa: the form does not cite RCW 10.93.160(6)(b)"
        );
    }
}

/// Class 3: since SB 54, § 7282.5 allows only notification and transfer in the cases it lists;
/// no document says it allows a hold.
#[test]
fn trust_act_is_never_said_to_allow_a_hold() {
    for ((id, lang, doc), text) in all() {
        for s in sentences(text) {
            if s.contains("7282.5") {
                for hold in ["a hold", "hold a person", "retener", "retención"] {
                    assert!(
                        !s.contains(hold),
                        "{id} {lang} {doc}: § 7282.5 said to allow a hold: {s}"
                    );
                }
            }
        }
    }
}

/// Class 4: a county kit binds the county's own agencies: no parole board, no "jails and
/// prisons", no state Department of Corrections signing as "General Counsel"; the state prison
/// department has a kit of its own with no county policy or letter in it.
#[test]
fn each_kit_binds_only_its_own_agency() {
    for id in &county_kits() {
        for lang in ["en", "es"] {
            for text in texts(id, lang, "policy-adult") {
                for never in [
                    "parole board",
                    "Parole Board",
                    "Junta de Libertad",
                    "Jails and Prisons",
                    "cárceles y prisiones",
                ] {
                    assert!(
                        !text.contains(never),
                        "{id} {lang} policy-adult binds or names `{never}`"
                    );
                }
            }
        }
    }
    // The state-level kits are written for a county jail: the sheriff's letterhead, signed by
    // county counsel (New York City's jail is its Department of Correction, a city agency).
    for id in [
        "us/ca", "us/co", "us/il", "us/nj", "us/ny", "us/or", "us/wa",
    ] {
        for text in texts(id, "en", "letter-detainer") {
            assert!(
                !text.contains("General Counsel"),
                "{id}: the letter is signed by a state general counsel"
            );
            assert!(
                !text.contains("Department of Corrections"),
                "{id}: the letter is on a state prison's letterhead"
            );
            assert!(
                text.contains("Sheriff"),
                "{id}: the letter is not on the sheriff's letterhead"
            );
        }
    }
    let prison: Vec<&str> = built()
        .md
        .keys()
        .filter(|(id, lang, _)| id == STATE_PRISON_KIT && lang == "en")
        .map(|(_, _, doc)| doc.as_str())
        .collect();
    assert_eq!(
        prison,
        [
            "form-interview-consent",
            "handout-release-packet",
            "memo-counsel",
            "notice-request-to-person"
        ]
    );
    for text in texts(STATE_PRISON_KIT, "en", "form-interview-consent") {
        assert!(
            text.contains("7284.10(a)(1)"),
            "the state prison form does not rest on § 7284.10"
        );
        assert!(
            !text.contains("7283.1"),
            "the state prison form cites the TRUTH Act, which binds local agencies"
        );
    }
}

/// Class 5: "judicial warrant" is not "any judge's warrant": the policy defers to the state's
/// narrower definition, and California's (a federal judge, federal criminal immigration law)
/// is in its counsel memo.
#[test]
fn judicial_warrant_is_not_defined_as_any_judges_warrant() {
    for ((id, lang, doc), text) in all() {
        assert!(
            !text.contains("signed by a federal or state judge"),
            "{id} {lang} {doc}: judicial warrant defined as any judge's"
        );
    }
    for id in &california() {
        for text in texts(id, "en", "memo-counsel") {
            assert!(
                text.contains("federal criminal immigration law") && text.contains("7284.4(i)"),
                "{id}: the memo lacks California's definition of judicial warrant"
            );
        }
    }
}

/// Class 6: where a state's law binds, the documents cite it, not "agency policy": Illinois,
/// New Jersey, Washington, Oregon and Colorado on holds, New York through Wells v. `DeMarco`,
/// and Illinois' annual report duty.
#[test]
fn binding_state_law_is_stated_as_law() {
    for (id, law) in [
        ("us/il", "805/15(a)"),
        ("us/nj", "Directive No. 2018-6"),
        ("us/wa", "10.93.160(8)"),
        ("us/or", "181A.820"),
        ("us/co", "HB19-1124"),
        ("us/ny", "DeMarco"),
    ] {
        for text in texts(id, "en", "letter-detainer") {
            assert!(
                text.contains(law),
                "{id}: the detainer letter does not state `{law}`"
            );
        }
    }
    for text in texts("us/il", "en", "policy-adult") {
        assert!(
            text.contains("805/25"),
            "us/il: the annual report duty is not in the policy"
        );
    }
}

/// Class 7: California's juvenile-records law and 8 U.S.C. § 1373 are put to counsel as a
/// conflict, with both authorities; no juvenile document says that nothing restricts sharing
/// immigration status.
#[test]
fn juvenile_records_conflict_is_stated_not_papered_over() {
    for id in &california() {
        for text in texts(id, "en", "policy-juvenile") {
            assert!(
                text.contains("Welf. & Inst. Code § 831"),
                "{id}: no W&I § 831"
            );
            assert!(
                text.contains("1373"),
                "{id}: no 8 U.S.C. § 1373 beside W&I § 831"
            );
            assert!(
                text.contains("counsel"),
                "{id}: the conflict is not put to counsel"
            );
            assert!(
                !text.contains("Nothing in this policy prohibits or restricts"),
                "{id}: the juvenile policy says nothing restricts sharing status"
            );
        }
        for text in texts(id, "en", "memo-counsel") {
            assert!(
                text.contains("Juvenile records and federal law"),
                "{id}: the memo does not state the conflict"
            );
        }
    }
}

/// Class 8: New Jersey's Directive conditions an interview on written consent, not on "advice
/// of counsel".
#[test]
fn new_jersey_interviews_need_written_consent() {
    for ((id, lang, doc), text) in all() {
        if id == "us/nj" {
            assert!(
                !text.contains("advice of counsel"),
                "us/nj {lang} {doc}: `advice of counsel`"
            );
        }
    }
    for text in texts("us/nj", "en", "letter-information-request") {
        assert!(
            text.contains("written consent"),
            "us/nj: written consent not stated"
        );
    }
}

/// The headings of the counsel memo's sections that the tests read.
const ADVERSE: &str = "4. Authority against the agency's position";
const DEVELOPMENTS: &str = "5. Federal pressure and litigation, 2025–26";
const RISKS: &str = "6. Risks";

/// The text of the memo between the heading `from` and the heading `to`.
fn memo_section<'t>(text: &'t str, from: &str, to: &str) -> Option<&'t str> {
    text.split(from).nth(1).and_then(|s| s.split(to).next())
}

/// Class 9: each state's own circuit, adverse authority included, is in its memo.
#[test]
fn each_memo_has_its_own_circuit_and_the_adverse_authority() {
    for (id, case) in [
        ("us/ny", "Second Circuit"),
        ("us/nj", "Ocean"),
        ("us/il", "United States v. Illinois"),
    ] {
        for text in texts(id, "en", "memo-counsel") {
            assert!(text.contains(case), "{id}: the memo lacks `{case}`");
        }
    }
    for id in &county_kits() {
        for text in texts(id, "en", "memo-counsel") {
            let adverse = memo_section(text, ADVERSE, DEVELOPMENTS)
                .unwrap_or_else(|| panic!("{id}: the memo has no adverse-authority section"));
            assert!(
                adverse.contains("Gomez"),
                "{id}: the subpoena enforcement against Denver is missing"
            );
        }
    }
}

/// Class 10: every memo has the 2025–26 section with the executive orders and the suits that
/// concern its state, each with a status and a date; no suit about another place.
#[test]
fn each_memo_has_the_2025_26_developments_that_concern_it() {
    for id in county_kits()
        .iter()
        .map(String::as_str)
        .chain([STATE_PRISON_KIT])
    {
        for text in texts(id, "en", "memo-counsel") {
            let section = memo_section(text, DEVELOPMENTS, RISKS)
                .unwrap_or_else(|| panic!("{id}: no 2025–26 section"));
            assert!(section.contains("14287"), "{id}: no Executive Order 14287");
            assert!(
                section.contains(", as of "),
                "{id}: developments without their date"
            );
        }
    }
    for (id, must, never) in [
        ("us/ca/alameda", "SB 627", "City of New York"),
        ("us/ca/alameda", "SB 627", "Judge Fernando"),
        ("us/il", "P.A. 104-440", "SB 627"),
        ("us/ny/new-york-city", "Executive Order 50", "P.A. 104-440"),
        ("us/co", "SB25-276", "Safe Communities Act"),
        ("us/nj", "Safe Communities Act", "SB25-276"),
    ] {
        for text in texts(id, "en", "memo-counsel") {
            let section = memo_section(text, DEVELOPMENTS, RISKS).unwrap_or_default();
            assert!(
                section.contains(must),
                "{id}: the 2025–26 section lacks `{must}`"
            );
            assert!(
                !section.contains(never),
                "{id}: the 2025–26 section speaks of `{never}`"
            );
        }
    }
}

/// Class 11: no document prints "verified"; each source says whether it is the official text
/// or a secondary copy, and when it was read.
#[test]
fn sources_are_never_called_verified() {
    for ((id, lang, doc), text) in all() {
        for word in ["verified", "verificad"] {
            assert!(
                !text.contains(&format!("{word} November")) && !text.contains(&format!("({word}")),
                "{id} {lang} {doc}: a source called `{word}`"
            );
        }
        let label = if lang == "en" { "Source: " } else { "Fuente: " };
        for entry in text.split(label).skip(1) {
            let entry: String = entry.chars().take(600).collect();
            let kinds = [
                "official text, read on",
                "secondary copy, read on",
                "texto oficial, consultado el",
                "copia no oficial, consultada el",
            ];
            assert!(
                kinds.iter().any(|k| entry.contains(k)),
                "{id} {lang} {doc}: a source without official/secondary: {entry}"
            );
        }
    }
}

/// Class 12: the kit's letters carry ICE's identifiers, a delivery line, enclosures, a cc
/// block without instructions, one signature; the Spanish letters are courtesy translations.
#[test]
fn letters_are_ready_to_send() {
    for id in &county_kits() {
        for letter in [
            "letter-detainer",
            "letter-information-request",
            "letter-administrative-subpoena",
        ] {
            for text in texts(id, "en", letter) {
                for must in [
                    "A-number",
                    "ICE subject ID",
                    "ICE event number",
                    "How this letter is sent",
                    "Enclosures:",
                    "cc:",
                ] {
                    assert!(text.contains(must), "{id} {letter}: no `{must}`");
                }
                assert_eq!(
                    text.matches("Sincerely,").count(),
                    1,
                    "{id} {letter}: signature blocks"
                );
                assert!(
                    !text.contains("only if the person is a minor"),
                    "{id} {letter}: an instruction in the cc block"
                );
            }
            for text in texts(id, "es", letter) {
                assert!(
                    text.contains("Traducción de cortesía"),
                    "{id} {letter} (es): not marked a courtesy translation"
                );
            }
        }
    }
}

/// Class 13: the Spanish reads as U.S. Spanish, with one term for a detainer.
#[test]
fn spanish_has_no_leftover_english_or_spain_only_terms() {
    for ((id, lang, doc), text) in all() {
        if lang != "es" {
            continue;
        }
        for never in [
            "(DHS Form I-247A)",
            "n.º de registro",
            "n.º de causa",
            "mandamiento",
            "medida de acogimiento",
            "decline comunicarlos",
            "solicitud de retención",
        ] {
            assert!(!text.contains(never), "{id} es {doc}: `{never}`");
        }
    }
}

/// The Done-when's `check`: every proposition has a quote, a pinpoint and a source (or the tree
/// would not load); the secondary-only points and the stale entries are listed.
#[test]
fn check_lists_secondary_only_points_and_stale_entries() {
    let run = shipped_check();
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The two other dates' checks are independent runs: side by side.
    let (later, short) = std::thread::scope(|s| {
        let later = s.spawn(|| responsekit(&["check", "--today", "2028-01-01"]));
        let short =
            s.spawn(|| responsekit(&["check", "--today", "2026-12-01", "--stale", "100000"]));
        (later.join().unwrap(), short.join().unwrap())
    });
    let notes = run.notes();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("rests only on a secondary copy")),
        "no secondary-only point listed"
    );
    assert!(
        later
            .notes()
            .iter()
            .any(|n| n.contains("was last confirmed on") && n.contains("more than 180 days")),
        "nothing is stale two years on"
    );
    assert!(
        later
            .notes()
            .iter()
            .any(|n| n.contains("was last verified on")),
        "no config fact is stale two years on"
    );
    assert!(
        !short
            .notes()
            .iter()
            .any(|n| n.contains("was last confirmed on")),
        "stale entries listed with a threshold of 100000 days"
    );
    let bad = responsekit(&["check", "--today", "2026-13-01"]);
    assert_eq!(
        bad.code, 2,
        "a bad --today is a bad command line: {}",
        bad.stderr
    );
}
