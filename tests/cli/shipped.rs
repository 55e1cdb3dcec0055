//! Guards the shipped kit: the repository's own tree and templates check clean.

use crate::common::*;

#[test]
fn shipped_tree_checks_clean() {
    let run = shipped_check();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.errors().is_empty(), "{}", run.stderr);
}
