//! Unit tests of YAML reading: located unknown and duplicate keys, every problem of a file at
//! once, the size limit on an endless input, and the alias bomb refused.

use super::read::read_capped;
use super::*;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Agency {
    name: String,
    phone: Option<String>,
}

#[test]
fn unknown_key_is_located_with_a_suggestion() {
    let d = parse::<Agency>(Path::new("x.yaml"), "name: a\nphnoe: b\n").unwrap_err();
    assert_eq!(
        d.to_string(),
        "error: x.yaml:2:1: unknown key `phnoe`\n  hint: did you mean `phone`? allowed here: `name`, `phone`"
    );
}

#[test]
fn duplicate_key_points_at_the_copy() {
    let text = "a: 1\nagencies:\n  sheriff:\n    name: x\n    phone: y\n    name: z\n";
    let d = parse::<serde_yaml::Value>(Path::new("x.yaml"), text).unwrap_err();
    assert_eq!(
        d.to_string(),
        "error: x.yaml:6:5: key `name` is written twice in `agencies.sheriff`\n  hint: delete one of them: only one value per key is allowed"
    );
}

#[test]
fn an_endless_input_is_read_only_up_to_the_limit() {
    let bytes = read_capped(std::io::repeat(b'x')).unwrap();
    assert_eq!(bytes.len() as u64, MAX_FILE_BYTES + 1);
}

#[test]
fn alias_bomb_is_refused() {
    let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n";
    let d = parse::<serde_yaml::Value>(Path::new("x.yaml"), bomb).unwrap_err();
    assert!(d.message.contains("too much data"), "{d}");
    assert_eq!(d.line, Some(2), "{d}");
}

/// Every problem of `text` read as `T`, as `file:line:col` and message.
fn problems<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> Vec<String> {
    let path = Path::new("x.yaml");
    let doc = parse_doc(path, text).unwrap();
    doc.deserialize::<T>(path, text)
        .unwrap_err()
        .iter()
        .map(|d| format!("{}:{} {}", d.line.unwrap(), d.column.unwrap(), d.message))
        .collect()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Office {
    agency: Agency,
    count: u32,
}

#[test]
fn every_type_error_of_a_file_is_reported_in_file_order() {
    // The required `name` refused: the read again without it misses it, which is not the
    // file's problem; `agency` itself (a map, missing nothing) is not either.
    let text = "agency:\n  name: [a]\n  phone: {b: c}\ncount: x\n";
    assert_eq!(
        problems::<Office>(text),
        [
            "2:9 agency.name: invalid type: sequence, expected a string",
            "3:10 agency.phone: invalid type: map, expected a string",
            "4:8 count: invalid type: string \"x\", expected u32",
        ]
    );
}

#[test]
fn a_missing_key_is_reported_with_the_type_errors_beside_it_in_file_order() {
    // `agency` is missing `name` whatever else goes wrong in it: that is the file's problem.
    let text = "agency:\n  phone: [5]\n  phnoe: 6\ncount: x\n";
    assert_eq!(
        problems::<Office>(text),
        [
            "2:3 agency: missing field `name`",
            "2:10 agency.phone: invalid type: sequence, expected a string",
            "3:3 unknown key `phnoe` in `agency`",
            "4:8 count: invalid type: string \"x\", expected u32",
        ]
    );
}

#[test]
fn a_list_item_refused_leaves_the_later_items_their_index() {
    let text = "- 1\n- x\n- 3\n- y\n";
    assert_eq!(
        problems::<Vec<u8>>(text),
        [
            "2:3 .[1]: invalid type: string \"x\", expected u8",
            "4:3 .[3]: invalid type: string \"y\", expected u8",
        ]
    );
}

#[test]
fn the_problems_of_one_file_are_capped() {
    let text: String = (0..MAX_PROBLEMS + 5).map(|i| format!("- x{i}\n")).collect();
    let path = Path::new("x.yaml");
    let problems = parse_doc(path, &text)
        .unwrap()
        .deserialize::<Vec<u8>>(path, &text)
        .unwrap_err();
    assert_eq!(problems.len(), MAX_PROBLEMS + 1);
    assert_eq!(
        problems[MAX_PROBLEMS].to_string(),
        "note: x.yaml: stopped reading after 20 problems: there may be more\n  hint: fix these, then run again to see the rest"
    );
}
