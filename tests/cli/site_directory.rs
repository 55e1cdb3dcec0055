//! Each state's directory and coverage pages as a coalition reads them: a network named by two
//! counties is listed once with both, an entry read too long ago says so in words, and the
//! coverage page's counts are those made here, independently, from the config files
//! themselves — for a small fixture and for the shipped California tree.

use crate::common::{build, read, responsekit};
use crate::site::xml;
use roxmltree::{Document, Node};
use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;
use std::path::Path;

const TODAY: &str = "2026-12-02";

fn text(node: &Node) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect::<String>()
        .trim()
        .to_string()
}

/// The rows of the first table on `page` whose caption starts with `caption`: each row's
/// header cell and its other cells, as text.
fn rows(page: &str, caption: &str) -> Vec<(String, Vec<String>)> {
    let doc = Document::parse(xml(page)).expect("well-formed");
    let table = doc
        .descendants()
        .filter(|n| n.has_tag_name("table"))
        .find(|t| {
            t.children()
                .find(|c| c.has_tag_name("caption"))
                .is_some_and(|c| text(&c).starts_with(caption))
        })
        .unwrap_or_else(|| panic!("a table captioned {caption:?}"));
    table
        .descendants()
        .filter(|n| n.has_tag_name("tr"))
        .filter_map(|tr| {
            let th = tr
                .children()
                .find(|c| c.has_tag_name("th") && c.attribute("scope") == Some("row"))?;
            let cells = tr
                .children()
                .filter(|c| c.has_tag_name("td"))
                .map(|c| text(&c))
                .collect();
            Some((text(&th), cells))
        })
        .collect()
}

/// The coverage page's figures: county (or "All counties") → [known, unknown, stale].
fn coverage(page: &str) -> BTreeMap<String, [usize; 3]> {
    rows(page, "Counties")
        .into_iter()
        .map(|(name, cells)| {
            let n = |i: usize| cells[i].parse::<usize>().expect("a count");
            (name, [n(0), n(1), n(2)])
        })
        .collect()
}

/// `over` merged onto `base` as the configs inherit: maps key by key, anything else replaced.
fn merge(base: &Value, over: &Value) -> Value {
    match (base, over) {
        (Value::Mapping(b), Value::Mapping(o)) => {
            let mut out = b.clone();
            for (k, v) in o {
                let merged = b.get(k).map_or_else(|| v.clone(), |old| merge(old, v));
                out.insert(k.clone(), merged);
            }
            Value::Mapping(out)
        }
        _ => over.clone(),
    }
}

fn is_unknown(v: &Value) -> bool {
    match v {
        Value::String(s) => s == "unknown",
        Value::Mapping(m) => m.values().any(is_unknown),
        _ => false,
    }
}

fn date(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_str)
}

/// [known, unknown, stale] of one record as written: its name, then each fact; a fact's date is
/// its own when it gives its own source, else the record's.
fn count_record(record: &Mapping, cutoff: &str, out: &mut [usize; 3]) {
    let name_unknown = record.get("name").is_some_and(is_unknown);
    out[usize::from(name_unknown)] += 1;
    for field in ["head", "address", "phone", "email", "website", "hours"] {
        let Some(fact) = record.get(field) else {
            continue;
        };
        if is_unknown(fact) {
            out[1] += 1;
            continue;
        }
        let verified = match fact.as_mapping() {
            Some(m) if m.contains_key("source") => date(m.get("verified")),
            _ => date(record.get("verified")),
        };
        if verified.is_some_and(|d| d < cutoff) {
            out[2] += 1;
        } else {
            out[0] += 1;
        }
    }
}

/// The counts made from the YAML of `tree` for every jurisdiction within `state` (its folder's
/// id, `us/ca`): each file merged over its parents', every record of its agencies, networks
/// and providers counted. Keyed by the English name.
fn counted(tree: &Path, state: &str, cutoff: &str) -> BTreeMap<String, [usize; 3]> {
    let read_yaml = |path: &Path| -> Value {
        serde_yaml::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(tree.join(state)).sort_by_file_name() {
        let entry = entry.expect("walk");
        let own = entry.path();
        if own.file_name() != Some("jurisdiction.yaml".as_ref())
            || own.parent() == Some(&tree.join(state))
        {
            continue;
        }
        let mut chain = Vec::new();
        let mut folder = own.parent();
        while let Some(f) = folder.filter(|f| f.starts_with(tree) && *f != tree) {
            let file = f.join("jurisdiction.yaml");
            if file.exists() {
                chain.push(read_yaml(&file));
            }
            folder = f.parent();
        }
        let merged = chain
            .iter()
            .rev()
            .fold(Value::Mapping(Mapping::new()), |acc, v| merge(&acc, v));
        let mut counts = [0; 3];
        if let Some(agencies) = merged.get("agencies").and_then(Value::as_mapping) {
            for record in agencies.values().filter_map(Value::as_mapping) {
                count_record(record, cutoff, &mut counts);
            }
        }
        for list in ["rapid_response", "legal_services"] {
            for record in merged
                .get(list)
                .and_then(Value::as_sequence)
                .into_iter()
                .flatten()
                .filter_map(Value::as_mapping)
            {
                count_record(record, cutoff, &mut counts);
            }
        }
        let name = merged["name"]["en"].as_str().expect("an English name");
        out.insert(name.to_string(), counts);
    }
    let total = out.values().fold([0; 3], |mut t, c| {
        for i in 0..3 {
            t[i] += c[i];
        }
        t
    });
    out.insert("All counties".to_string(), total);
    out
}

/// The day 180 days before [`TODAY`]: a fact verified before it is stale.
fn cutoff(days: i64) -> String {
    let today = time::Date::parse(
        TODAY,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .expect("a date");
    (today - time::Duration::days(days)).to_string()
}

fn fixture_site(extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut args = vec!["--format", "html", "--today", TODAY];
    args.extend(extra);
    let run = build("directory", &dir.path().join("out"), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

#[test]
fn a_network_two_counties_name_is_listed_once_with_both() {
    let dir = fixture_site(&[]);
    let page = read(dir.path().join("out/us/xx/en/directory.html"));
    let networks = rows(&page, "Rapid response networks");
    let shared: Vec<_> = networks
        .iter()
        .filter(|(name, _)| name == "Tri-County Rapid Response")
        .collect();
    assert_eq!(shared.len(), 1, "listed once: {networks:?}");
    assert_eq!(shared[0].1[0], "Alpha County, Beta County");
    let names: Vec<String> = rows(&page, "Legal service providers")
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted, "sorted by name");
    assert_eq!(names.len(), 4, "{names:?}");
    // The home page's state links to both pages.
    let home = read(dir.path().join("out/index.html"));
    for file in ["directory", "coverage"] {
        assert!(
            home.contains(&format!("href=\"us/xx/en/{file}.html\"")),
            "{home}"
        );
    }
    // Each county's section is reached from the index, without a script.
    for county in ["alpha", "beta", "gamma"] {
        assert!(page.contains(&format!("href=\"#county-{county}\"")));
        assert!(page.contains(&format!("<section id=\"county-{county}\"")));
    }
}

#[test]
fn an_entry_read_too_long_ago_is_marked_in_words() {
    let dir = fixture_site(&[]);
    let page = read(dir.path().join("out/us/xx/en/directory.html"));
    let providers = rows(&page, "Legal service providers");
    let cell = |name: &str, column: usize| {
        providers.iter().find(|(n, _)| n == name).map_or_else(
            || panic!("{name} in {providers:?}"),
            |(_, cells)| cells[column].clone(),
        )
    };
    // Beta's provider was read on 2024-06-30; Alpha's clinic's website on 2026-11-01.
    assert_eq!(
        cell("Beta Immigrant Defense", 1),
        "(555) 040-0001Last read 2024-06-30 — older than 180 days: re-check"
    );
    assert_eq!(
        cell("Alpha Legal Clinic", 2),
        "https://example.org/alpha-clinicLast read 2026-11-01"
    );
    assert_eq!(cell("Alpha Legal Clinic", 1), "Not known yet");
    let spanish = read(dir.path().join("out/us/xx/es/directory.html"));
    assert!(spanish.contains("Consultado el 2024-06-30, hace más de 180 días: volver a verificar"));
}

#[test]
fn the_coverage_totals_are_those_counted_from_the_fixture_configs() {
    let dir = fixture_site(&[]);
    let page = read(dir.path().join("out/us/xx/en/coverage.html"));
    let tree = Path::new("tests/fixtures/directory/jurisdictions");
    let expected = counted(tree, "us/xx", &cutoff(180));
    assert_eq!(coverage(&page), expected);
    assert!(
        expected["All counties"].iter().all(|n| *n > 0),
        "{expected:?}"
    );
}

#[test]
fn another_threshold_rebuilds_the_pages() {
    let dir = fixture_site(&[]);
    let out = dir.path().join("out");
    let stale = |page: &str| coverage(page)["All counties"][2];
    assert!(stale(&read(out.join("us/xx/en/coverage.html"))) > 0);
    let run = build(
        "directory",
        &out,
        &["--format", "html", "--today", TODAY, "--stale", "1000"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(out.join("us/xx/en/coverage.html"));
    assert_eq!(stale(&page), 0, "nothing is 1000 days old");
    assert_eq!(
        coverage(&page),
        counted(
            Path::new("tests/fixtures/directory/jurisdictions"),
            "us/xx",
            &cutoff(1000)
        )
    );
}

#[test]
fn the_california_coverage_page_counts_what_its_configs_say() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let run = responsekit(&[
        "build",
        "-q",
        "--format",
        "html",
        "--today",
        TODAY,
        "-j",
        "us/ca",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(out.join("us/ca/en/coverage.html"));
    assert_eq!(
        coverage(&page),
        counted(Path::new("jurisdictions"), "us/ca", &cutoff(180))
    );
}
