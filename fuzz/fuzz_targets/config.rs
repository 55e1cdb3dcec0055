//! Bytes → a `jurisdiction.yaml` and an `authorities.yaml` of a one-node tree → parse →
//! resolve. Any input must give a config or diagnostics, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use responsekit::authorities::AuthorityFile;
use responsekit::config::tree::{parse_config, Config, Node, Tree};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    // The loader refuses non-UTF-8 files before parsing (`yaml::read_text`).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = Path::new("us/jurisdiction.yaml");
    let parsed = parse_config(file, text);
    if let Err(problems) = &parsed {
        assert!(!problems.is_empty() && problems.iter().all(|d| !d.to_string().is_empty()));
    }
    let registry = Path::new("us/authorities.yaml");
    if let Ok(doc) = responsekit::yaml::parse_doc(registry, text) {
        let _ = doc.deserialize::<AuthorityFile>(registry, text);
    }
    let mut tree = Tree {
        root: "fuzz".into(),
        ..Tree::default()
    };
    tree.nodes.insert(
        "us".into(),
        Node {
            id: "us".into(),
            dir: "fuzz/us".into(),
            file: file.to_path_buf(),
            text: text.to_string(),
            config: parsed.ok().map(Config::from),
        },
    );
    let _ = responsekit::config::resolve_all(&mut tree);
});
