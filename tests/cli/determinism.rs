//! Two builds of the same tree give the same bytes, whatever order rayon renders in.

use crate::common::*;

#[test]
fn two_builds_into_different_folders_give_identical_manifests() {
    for case in ["basic", "escaping", "overrides"] {
        let first = built(case);
        let second = built(case);
        let a = std::fs::read(first.path().join("out/manifest.json")).unwrap();
        let b = std::fs::read(second.path().join("out/manifest.json")).unwrap();
        let manifest: serde_json::Value = serde_json::from_slice(&a).unwrap();
        let jurisdictions: std::collections::BTreeSet<String> = manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["jurisdiction"].as_str().map(str::to_string))
            .collect();
        assert!(jurisdictions.len() >= 3, "{case}: {jurisdictions:?}");
        assert!(a == b, "{case}: manifests differ between two builds");
    }
}
