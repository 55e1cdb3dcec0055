use super::*;
use crate::config::testing::shipped_copy;
use crate::config::{load_tree, resolve_all};

/// Reads one fact of a jurisdiction.
type Read = fn(&Jurisdiction) -> Option<Fact>;

/// The jurisdictions of the tree at `root`, resolved.
fn resolved(root: &Path) -> Vec<(String, Jurisdiction)> {
    let mut tree = load_tree(root);
    resolve_all(&mut tree)
        .into_iter()
        .filter_map(|(id, r)| r.ok().map(|j| (id, j)))
        .collect()
}

fn jurisdiction(root: &Path, id: &str) -> Jurisdiction {
    resolved(root)
        .into_iter()
        .find(|(i, _)| i == id)
        .map(|(_, j)| j)
        .unwrap()
}

fn known(value: &str) -> Fact {
    Fact::Known {
        value: Localized::Same(Text(value.into())),
        source: Some(Text("https://example.gov/page".into())),
        verified: IsoDate::parse("2026-12-01"),
    }
}

#[test]
fn every_path_unknown_holds_parses_and_nothing_else_does() {
    // Every path any shipped jurisdiction declares unknown names a fact.
    let copy = shipped_copy();
    let all = resolved(&copy.root());
    let paths: Vec<&str> = all
        .iter()
        .flat_map(|(_, j)| j.unknown.iter().map(|u| u.path.as_str()))
        .collect();
    assert!(paths.len() > 20, "{paths:?}");
    for p in &paths {
        assert!(FactPath::parse(p).is_some(), "{p}");
    }
    assert_eq!(
        FactPath::parse("legal_services[2].phone"),
        Some(FactPath {
            holder: Holder::LegalServices(2),
            field: Field::Phone
        })
    );
    for bad in [
        "agencies.mayor.phone",
        "agencies.sheriff.fax",
        "signatory.phone",
        "rapid_response[x].phone",
        "rapid_response.phone",
        "phone",
        "",
    ] {
        assert_eq!(FactPath::parse(bad), None, "{bad}");
    }
}

#[test]
fn set_fact_places_every_kind_of_fact_and_drops_it_from_unknown() {
    let copy = shipped_copy();
    let mut j = jurisdiction(&copy.root(), "us/ca/alameda");
    let before = j.unknown.len();
    for path in [
        "agencies.sheriff.phone",
        "agencies.county_counsel.head",
        "legal_services[0].phone",
        "signatory.name",
    ] {
        assert!(j.unknown.iter().any(|u| u.path == path), "{path}");
        set_fact(&mut j, path, known(path)).unwrap();
        assert!(!j.unknown.iter().any(|u| u.path == path), "{path}");
    }
    assert_eq!(j.unknown.len(), before - 4);
    assert_eq!(
        j.agencies[&Role::Sheriff].phone,
        Some(known("agencies.sheriff.phone"))
    );
    assert_eq!(
        j.agencies[&Role::CountyCounsel].head,
        Some(known("agencies.county_counsel.head"))
    );
    assert_eq!(
        j.legal_services[0].phone,
        Some(known("legal_services[0].phone"))
    );
    assert_eq!(j.signatory.name, known("signatory.name"));
    let others: [(&str, Read); 4] = [
        ("rapid_response[0].hours", |j: &Jurisdiction| {
            j.rapid_response[0].hours.clone()
        }),
        ("rights_card.website", |j: &Jurisdiction| {
            j.rights_card.website.clone()
        }),
        ("agencies.probation.email", |j: &Jurisdiction| {
            j.agencies[&Role::Probation].email.clone()
        }),
        ("agencies.sheriff.address", |j: &Jurisdiction| {
            j.agencies[&Role::Sheriff].address.clone()
        }),
    ];
    for (path, read) in others {
        set_fact(&mut j, path, known(path)).unwrap();
        assert_eq!(read(&j), Some(known(path)), "{path}");
    }
    // A name takes the value (the config gives a name no source of its own).
    set_fact(&mut j, "rights_card.name", known("Red card")).unwrap();
    assert_eq!(
        j.rights_card.name.get(crate::document::Lang::Es),
        Some("Red card")
    );
    // A path the jurisdiction has no record for is refused, nothing changed.
    for bad in [
        "legal_services[9].phone",
        "agencies.attorney_general.phone",
        "x.phone",
    ] {
        assert_eq!(
            set_fact(&mut j, bad, known("x")),
            Err(NoSuchFact(bad.to_string()))
        );
    }
}

#[test]
fn a_value_is_checked_as_the_loader_checks_it() {
    assert_eq!(
        check_value(Field::Phone, "(510) 272-6878")
            .unwrap()
            .as_str(),
        "(510) 272-6878"
    );
    assert_eq!(check_value(Field::Phone, "  "), Err(ValueProblem::Blank));
    assert_eq!(
        check_value(Field::Phone, "\u{200B}"),
        Err(ValueProblem::Blank)
    );
    assert_eq!(
        check_value(Field::Address, "1 Main\nSt"),
        Err(ValueProblem::Newline)
    );
    assert_eq!(
        check_value(Field::Head, "Ann\u{202E}Lee"),
        Err(ValueProblem::Characters)
    );
    assert_eq!(
        check_value(Field::Head, "unknown"),
        Err(ValueProblem::Unknown)
    );
    assert_eq!(
        check_value(Field::Website, "javascript:alert(1)"),
        Err(ValueProblem::NotWebAddress)
    );
    assert!(check_value(Field::Website, "https://acgov.org").is_ok());
    // `unknown` is a word only for a fact, not for a source.
    assert!(check_source("unknown").is_ok());
    assert_eq!(check_source(""), Err(ValueProblem::Blank));
}

fn text(s: &str) -> Text {
    check_value(Field::Phone, s).unwrap()
}

#[test]
fn the_write_back_replaces_that_unknown_only_and_reads_back_as_the_fact() {
    let copy = shipped_copy();
    let root = &copy.root();
    let j = jurisdiction(root, "us/ca/alameda");
    let u = j
        .unknown
        .iter()
        .find(|u| u.path == "agencies.sheriff.phone")
        .unwrap();
    let old = std::fs::read_to_string(&u.file).unwrap();
    // Every character YAML could take for syntax, in the value and in the source.
    let value = text(r#"(510) 272-6878: ext. #2 "front" desk's \ line"#);
    let source = text("https://acsheriff.org/contact#phone: \"main\" 'line'");
    let verified = IsoDate::parse("2026-12-01").unwrap();
    let new =
        write_sourced_fact(&old, &u.file, (&u.path, u.line), &value, &source, verified).unwrap();
    let (old_lines, new_lines): (Vec<&str>, Vec<&str>) =
        (old.lines().collect(), new.lines().collect());
    assert_eq!(old_lines.len(), new_lines.len());
    for (i, (a, b)) in old_lines.iter().zip(&new_lines).enumerate() {
        if i + 1 == u.line {
            assert_eq!(*a, "    phone: unknown");
            assert!(b.starts_with("    phone: {value: "), "{b}");
        } else {
            assert_eq!(a, b, "line {} changed", i + 1);
        }
    }
    assert!(
        new.starts_with("# yaml-language-server"),
        "comments are kept"
    );
    std::fs::write(&u.file, &new).unwrap();
    // Through the loader: exactly the new fact, and no longer unknown.
    let again = jurisdiction(root, "us/ca/alameda");
    assert_eq!(
        again.agencies[&Role::Sheriff].phone,
        Some(Fact::Known {
            value: Localized::Same(value.clone()),
            source: Some(source.clone()),
            verified: Some(verified),
        })
    );
    assert!(!again.unknown.iter().any(|x| x.path == u.path));
    assert_eq!(again.unknown.len(), j.unknown.len() - 1);
    // Written again at the same place: the file no longer says `unknown` there.
    assert_eq!(
        write_sourced_fact(&new, &u.file, (&u.path, u.line), &value, &source, verified),
        Err(EditRefused::NotUnknownThere)
    );
}

#[test]
fn a_file_changed_since_it_was_loaded_or_a_name_is_refused() {
    let copy = shipped_copy();
    let file = copy.root().join("us/ca/alameda/jurisdiction.yaml");
    let old = std::fs::read_to_string(&file).unwrap();
    let (value, source) = (text("1"), text("2"));
    let day = IsoDate::parse("2026-12-01").unwrap();
    let at = ("agencies.sheriff.phone", 15);
    assert!(write_sourced_fact(&old, &file, at, &value, &source, day).is_ok());
    // A line added above: the fact is no longer at the line it was declared unknown at.
    let shifted = format!("# a new comment\n{old}");
    assert_eq!(
        write_sourced_fact(&shifted, &file, at, &value, &source, day),
        Err(EditRefused::NotUnknownThere)
    );
    // Filled in by hand meanwhile.
    let filled = old.replace(
        "    phone: unknown\n    source: https://www.openpublica",
        "    phone: (510) 1\n    source: https://www.openpublica",
    );
    assert_ne!(filled, old);
    assert_eq!(
        write_sourced_fact(&filled, &file, at, &value, &source, day),
        Err(EditRefused::NotUnknownThere)
    );
    assert_eq!(
        write_sourced_fact(
            &old,
            &file,
            ("agencies.sheriff.name", 10),
            &value,
            &source,
            day
        ),
        Err(EditRefused::NameHasNoSource)
    );
    assert_eq!(
        write_sourced_fact("a: [", &file, at, &value, &source, day),
        Err(EditRefused::Unreadable)
    );
}
