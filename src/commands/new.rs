//! `responsekit new`: scaffolds a jurisdiction's config under its parent ([`crate::scaffold`])
//! and says what to do next.

use super::Report;
use crate::scaffold;
use std::path::Path;

/// Creates the config of jurisdiction `id` in the tree at `root`.
pub fn run(root: &Path, id: &str) -> Report {
    let mut report = Report::default();
    match scaffold::new_jurisdiction(root, id) {
        Ok(path) => {
            report.info(format!(
                "created {}\nfill in what it marks, then run `responsekit check`",
                path.display()
            ));
            report.finish(true)
        }
        Err(d) => {
            report.problem(&d);
            report.finish(false)
        }
    }
}
