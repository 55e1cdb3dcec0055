//! Unit tests of YAML reading: located unknown and duplicate keys, the size limit on an endless
//! input, and the alias bomb refused.

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
