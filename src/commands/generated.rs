//! `responsekit completions` and `responsekit man`: text the binary generates from its own
//! command-line definitions (a shell's completion script, manual pages), printed on standard
//! output or written into a folder with the one atomic writer. The binary renders the text
//! (it owns the flags); this writes it.

use super::Report;
use crate::build;
use crate::diagnostic::Diagnostic;
use std::path::Path;

/// A text for standard output (a completion script, one manual page).
pub fn print(text: String) -> Report {
    let mut report = Report::default();
    report.stdout = text;
    report.finish(true)
}

/// Writes `pages` (file name, contents) into `dir`, creating it if missing.
pub fn write(dir: &Path, pages: &[(String, Vec<u8>)]) -> Report {
    let mut report = Report::default();
    if let Err(e) = std::fs::create_dir_all(dir) {
        report.problem(
            &Diagnostic::error(format!("cannot create the folder ({e})"))
                .in_file(dir)
                .with_hint("name a folder you can write to with `--out DIR`"),
        );
        return report.finish(false);
    }
    for (name, bytes) in pages {
        let path = dir.join(name);
        match build::write_atomic(&path, bytes) {
            Ok(()) => report.detail(format!("wrote {}", path.display())),
            Err(e) => {
                report.problem(&Diagnostic::error(format!("cannot write ({e})")).in_file(&path));
            }
        }
    }
    if report.errors == 0 {
        report.info(format!(
            "wrote {} manual pages into {}",
            pages.len(),
            dir.display()
        ));
    }
    report.finish(true)
}
