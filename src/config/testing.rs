//! The shipped tree as unit tests read it: a copy in a temporary folder named `jurisdictions`
//! (as a person's tree is), with Alameda's county file replaced by the one the tests were
//! written against (`tests/fixtures/frozen-alameda/`), so that filling a fact in the shipped
//! tree does not change what they check.

use std::path::{Path, PathBuf};

/// A copy of the shipped tree; removed when dropped.
pub(crate) struct ShippedCopy {
    dir: tempfile::TempDir,
}

impl ShippedCopy {
    /// The copy's root: a folder named `jurisdictions`.
    pub(crate) fn root(&self) -> PathBuf {
        self.dir.path().join("jurisdictions")
    }
}

/// A fresh copy of the shipped tree with Alameda frozen.
pub(crate) fn shipped_copy() -> ShippedCopy {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shipped = manifest.join("jurisdictions");
    let copy = ShippedCopy {
        dir: tempfile::tempdir().unwrap(),
    };
    let root = copy.root();
    for entry in walkdir::WalkDir::new(&shipped) {
        let entry = entry.unwrap();
        let to = root.join(entry.path().strip_prefix(&shipped).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    std::fs::copy(
        manifest.join("tests/fixtures/frozen-alameda/jurisdiction.yaml"),
        root.join("us/ca/alameda/jurisdiction.yaml"),
    )
    .unwrap();
    copy
}
