//! The rule for a jurisdiction id: lowercase folder names joined by `/`, which become paths
//! of the output, and the folder of a jurisdiction's template overrides.

use crate::diagnostic::Diagnostic;
use std::path::Path;

/// The folder, inside a jurisdiction's folder, holding its template overrides.
pub const TEMPLATES_DIR: &str = "templates";

/// Whether `segment` may be part of a jurisdiction id (and so of an output path).
pub fn valid_segment(segment: &str) -> bool {
    segment != TEMPLATES_DIR
        && segment.len() <= 64
        && segment
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && segment
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Checks a jurisdiction id typed by a person (`new`, `--jurisdiction`): lowercase folder
/// names joined by `/`, so never absolute, never `..`, never empty.
pub fn check_id(id: &str) -> Result<(), Diagnostic> {
    let hint = "ids are lowercase folder names joined by `/`, e.g. `us/ca/marin`";
    let absolute =
        id.starts_with(['/', '\\']) || Path::new(id).has_root() || id.get(1..2) == Some(":");
    if id.is_empty() {
        return Err(Diagnostic::error("the jurisdiction id is empty").with_hint(hint));
    }
    if absolute {
        return Err(Diagnostic::error(format!(
            "`{id}` is an absolute path, not a jurisdiction id"
        ))
        .with_hint(hint));
    }
    if let Some(bad) = id.split('/').find(|s| !valid_segment(s)) {
        let bad = if bad.is_empty() { "//" } else { bad };
        return Err(Diagnostic::error(format!(
            "`{bad}` cannot be part of a jurisdiction id (in `{id}`)"
        ))
        .with_hint(hint));
    }
    Ok(())
}
