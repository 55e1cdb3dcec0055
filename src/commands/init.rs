//! `responsekit init DIR`: writes the starter tree ([`crate::starter`]) and prints the next
//! steps on standard output.

use super::Report;
use crate::starter;
use std::path::Path;

/// Writes the starter tree into `dir`.
pub fn run(dir: &Path) -> Report {
    let mut report = Report::default();
    match starter::write(dir) {
        Ok(files) => {
            for file in files {
                report.detail(format!("wrote {}", file.display()));
            }
            report.stdout = starter::next_steps(dir);
            report.finish(true)
        }
        Err(d) => {
            report.problem(&d);
            report.finish(false)
        }
    }
}
