//! The request the answers make: classified as `respond` classifies, each error on its field.

use super::*;
use crate::respond::Classification as C;

fn day(s: &str) -> IsoDate {
    IsoDate::parse(s).expect("a date")
}

/// An interview at the sheriff's office with a detainer's paper and a person answered.
fn detainer() -> Interview {
    let answers: &[(&str, &[&str])] = &[
        ("signed_by_judge", &["no"]),
        ("form", &["I-247A"]),
        ("requested", &["hold", "release_date"]),
        ("received", &["2026-11-20"]),
        ("delivered", &["fax"]),
        ("office", &["ICE ERO San Francisco"]),
        ("officer", &["Deportation Officer J. Doe"]),
        ("subject_name", &["Jane Roe"]),
    ];
    Interview {
        jurisdiction: Some("us/ca/alameda".into()),
        received_by: Some("sheriff".into()),
        answers: answers
            .iter()
            .map(|(k, v)| {
                (
                    (*k).to_string(),
                    v.iter().map(|s| (*s).to_string()).collect(),
                )
            })
            .collect(),
        ..Interview::default()
    }
}

/// Answers changed: each field with its new values (none: left out).
type Changes = &'static [(&'static str, &'static [&'static str])];

fn with(mut i: Interview, changes: &[(&str, &[&str])]) -> Interview {
    for (name, values) in changes {
        if values.is_empty() {
            i.answers.remove(*name);
        } else {
            let v = values.iter().map(|s| (*s).to_string()).collect();
            i.answers.insert((*name).to_string(), v);
        }
    }
    i
}

fn classified(i: &Interview, step: Step) -> Decision {
    match check("id", i, step, day("2026-11-27"), Lang::En) {
        Ok((_, d)) => d,
        Err(e) => panic!("refused: {:?}", e.summary()),
    }
}

/// What a person writing the request file by hand would write for the same paper, read
/// and classified by `respond` itself.
fn by_hand(lines: &str) -> Decision {
    let text = format!(
        "received: 2026-11-20\ndelivered: fax\nissued_by: {{office: ICE, officer: Doe}}\nsubject: {{name: Jane Roe}}\nreceived_by: sheriff\n{lines}"
    );
    let path = Path::new("request.yaml");
    let req = respond::parse_request(path, &text, day("2026-11-27")).expect("a good request");
    respond::classify(&req, path).expect("classified")
}

/// Each kind of paper the interview offers is classified as `respond` classifies the file a
/// person would write for it: the same classification and the same reason.
#[test]
fn each_kind_of_paper_classifies_as_respond_classifies_it() {
    let cases: &[(Changes, &str, C)] = &[
        (&[], "form: I-247A\nsigned_by_judge: false\nrequested: [hold, release_date]", C::Detainer),
        (
            &[("form", &["I-138"]), ("requested", &["records"])],
            "form: I-138\nsigned_by_judge: false\nrequested: [records]",
            C::AdministrativeSubpoena,
        ),
        (
            &[("form", &["none"]), ("requested", &["home_address"])],
            "kind: information_request\nsigned_by_judge: false\nrequested: [home_address]",
            C::InformationRequest,
        ),
        (
            &[("form", &["none"]), ("requested", &["hold"])],
            "signed_by_judge: false\nrequested: [hold]",
            C::Detainer,
        ),
        (
            &[("form", &["other"]), ("form_other", &["Warrant for Arrest of Alien"])],
            "form: Warrant for Arrest of Alien\nsigned_by_judge: false\nrequested: [hold, release_date]",
            C::Detainer,
        ),
        (
            &[("signed_by_judge", &["yes"]), ("form", &["none"])],
            "signed_by_judge: true\nrequested: [hold, release_date]",
            C::CourtOrder,
        ),
        (
            &[("form", &["court"]), ("form_other", &["AO 442"]), ("requested", &["access"])],
            "kind: court_order\nform: AO 442\nsigned_by_judge: false\nrequested: [access]",
            C::CourtOrder,
        ),
    ];
    for (changes, file, expected) in cases {
        let interview = with(detainer(), changes);
        let desk = classified(&interview, Step::Person);
        let cli = by_hand(file);
        assert_eq!(desk.classification, *expected, "{changes:?}");
        assert_eq!(desk.classification, cli.classification, "{changes:?}");
        for lang in [Lang::En, Lang::Es] {
            assert_eq!(desk.reason(lang), cli.reason(lang), "{changes:?}");
        }
        // The paper step alone (the person not asked yet) classifies it the same way.
        let paper = classified(&interview, Step::Paper);
        assert_eq!(paper.classification, desk.classification);
    }
}

/// A paper a judge signed, or a court's form whoever signed it, stops the interview: it is
/// a court order, for which `respond` writes no letter.
#[test]
fn a_court_paper_stops() {
    for changes in [
        &[("signed_by_judge", &["yes"][..])][..],
        &[("form", &["court"]), ("form_other", &["AO 88"])],
        &[
            ("form", &["other"]),
            ("form_other", &["Search and Seizure Warrant"]),
        ],
    ] {
        let d = classified(&with(detainer(), changes), Step::Paper);
        assert_eq!(d.classification, C::CourtOrder, "{changes:?}");
        assert_eq!(d.classification.letter(), None);
    }
}

/// English words a Spanish message must not hold (the form titles, proper names, are
/// not among them).
const ENGLISH: &[&str] = &[
    " the ", "enter ", "choose ", " date", " is ", " and ", " or ", " it ", "check ", "type ",
];

/// Each kind of error — the desk's own (a required field left out, a date not YYYY-MM-DD,
/// a choice outside its list, a character no document holds) and each of `respond`'s
/// checks — lands on its own field, in both languages, with no English in the Spanish.
#[test]
fn every_kind_of_error_lands_on_its_field_in_both_languages() {
    let cases: &[(Changes, &str)] = &[
        (&[("office", &[])], "office"),
        (&[("signed_by_judge", &[])], "signed_by_judge"),
        (&[("requested", &[])], "requested"),
        (&[("form", &["other"])], "form_other"),
        (&[("received", &["20/11/2026"])], "received"),
        (&[("delivered", &["pigeon"])], "delivered"),
        (&[("requested", &["hold", "everything"])], "requested"),
        (&[("officer", &["J.\u{202e}Doe"])], "officer"),
        (&[("received", &["2026-12-01"])], "received"),
        (&[("received", &["1999-12-31"])], "received"),
        (&[("return_date", &["2026-11-19"])], "return_date"),
        (&[("return_date", &["2029-01-01"])], "return_date"),
        (&[("form", &["I-138"])], "requested"),
        (&[("form", &["court"])], "form_other"),
        (
            &[("form", &["court"]), ("form_other", &["I-247A"])],
            "form_other",
        ),
        (&[("subject_name", &[])], "subject_name"),
        (&[("subject_juvenile", &["yes"])], "subject_guardian"),
        (&[("subject_dob", &["2026-11-21"])], "subject_dob"),
        (&[("subject_dob", &["1899-12-31"])], "subject_dob"),
        (
            &[
                ("subject_juvenile", &["yes"]),
                ("subject_guardian", &["A. Roe"]),
                ("subject_dob", &["1990-01-01"]),
            ],
            "subject_dob",
        ),
        (&[("signer_name", &["Pat Example"])], "signer_title"),
        (&[("signer_title", &["County Counsel"])], "signer_name"),
        (&[("reply_by", &["email", "fax"])], "reply_by"),
    ];
    for (changes, field) in cases {
        let interview = with(detainer(), changes);
        // Checked on the page the field is on.
        let step = Step::of(field).unwrap_or(Step::Paper);
        let message = |lang| match check("id", &interview, step, day("2026-11-27"), lang) {
            Ok(_) => panic!("{changes:?} was accepted"),
            Err(errors) => errors
                .on(field)
                .unwrap_or_else(|| {
                    panic!("{changes:?}: no error on {field}: {:?}", errors.summary())
                })
                .to_string(),
        };
        let (en, es) = (message(Lang::En), message(Lang::Es));
        assert!(
            !en.contains("[missing words]") && !es.contains("[missing words]"),
            "{changes:?}"
        );
        assert_ne!(en, es, "{changes:?}");
        let folded = format!(" {} ", es.to_lowercase());
        for word in ENGLISH {
            assert!(!folded.contains(word), "{changes:?}: `{word}` in {es}");
        }
    }
}

/// No value typed reaches the request file unquoted: a text that reads as YAML (a key, a
/// list, a comment) is still the text.
#[test]
fn a_typed_text_stays_one_text() {
    let typed = "Doe: #1 [x], {y}\" \\ 'z'";
    let interview = with(detainer(), &[("officer", &[typed])]);
    let (req, _) = check("id", &interview, Step::Person, day("2026-11-27"), Lang::En)
        .unwrap_or_else(|e| panic!("{:?}", e.summary()));
    assert_eq!(req.issued_by.officer.as_str(), typed);
}
