//! A child inherits what it leaves out: maps merge key by key, text and lists replace.

use crate::common::*;

fn notice(out: &std::path::Path, id: &str) -> String {
    markdown_text(&read(out.join(format!("out/{id}/en/notice.md")))).0
}

#[test]
fn a_county_inherits_agencies_from_its_state() {
    let dir = built("basic");
    let beta = notice(dir.path(), "us/xx/beta");
    // Beta has no agencies of its own: both come from Examplia, with their phones.
    assert!(
        beta.contains("Examplia Department of Corrections: (555) 010-0001"),
        "{beta}"
    );
    assert!(
        beta.contains("Examplia State Public Defender: (555) 010-0002"),
        "{beta}"
    );
    // and the country's rights card, and the state's letterhead.
    assert!(beta.contains("Rights card: Red card."), "{beta}");
    assert!(
        beta.lines()
            .any(|l| l == "Examplia Department of Corrections"),
        "{beta}"
    );
    let alpha = notice(dir.path(), "us/xx/alpha");
    assert!(
        alpha.contains("Examplia Department of Corrections: (555) 010-0001"),
        "{alpha}"
    );
}

#[test]
fn a_county_value_overrides_its_state_maps_merge_lists_replace() {
    let dir = built("basic");
    let alpha = notice(dir.path(), "us/xx/alpha");
    // `agencies.public_defender` merges: the state's name, the county's phone.
    assert!(
        alpha.contains("Examplia State Public Defender: (555) 020-0002"),
        "{alpha}"
    );
    assert!(!alpha.contains("(555) 010-0002"), "{alpha}");
    // `agencies` merges: the county's sheriff is added to the state's agencies.
    assert!(
        alpha.contains("Alpha County Sheriff: (555) 020-0001"),
        "{alpha}"
    );
    // `legal_services` is a list: the county's replaces the state's entirely.
    assert!(
        alpha.contains("Alpha Legal Clinic: (555) 020-0004"),
        "{alpha}"
    );
    assert!(!alpha.contains("Examplia Legal Aid"), "{alpha}");
    assert!(!alpha.contains("Examplia Immigrant Law Center"), "{alpha}");
    // `letterhead.agency` is text: replaced.
    assert!(
        alpha.lines().any(|l| l == "Alpha County Sheriff"),
        "{alpha}"
    );

    let beta = notice(dir.path(), "us/xx/beta");
    assert!(
        beta.contains("Examplia Legal Aid: (555) 010-0004"),
        "{beta}"
    );
    assert!(
        beta.contains("Examplia Immigrant Law Center: (555) 010-0005"),
        "{beta}"
    );
}
