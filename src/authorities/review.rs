//! What `check` says of the registry ([`Registry::review`]): the points of law that rest only
//! on a secondary copy, and the authorities not confirmed recently.

use super::{pinpointed, Registry};
use crate::diagnostic::Diagnostic;
use crate::values::IsoDate;

impl Registry {
    /// What `check` says of the registry, as notes: every point of law that rests only on a
    /// secondary copy (its quote not read at the official publisher), and every authority not
    /// confirmed within `stale_days` of `today`.
    pub fn review(&self, today: IsoDate, stale_days: u32) -> Vec<Diagnostic> {
        let mut notes = Vec::new();
        for (key, (p, path)) in &self.propositions {
            let Some(a) = self.get(p.authority.as_str()) else {
                continue;
            };
            let source = p.source(a);
            if !source.official {
                notes.push(
                    Diagnostic::note(format!(
                        "`{key}` ({}) rests only on a secondary copy: {}",
                        pinpointed(a, p.pinpoint.as_str()),
                        source.url.as_str()
                    ))
                    .in_file(path)
                    .with_hint("read the quote at the official publisher (legislature, agency or court), then set `official: true` and `read:`"),
                );
            }
        }
        let cutoff = today.0 - time::Duration::days(i64::from(stale_days));
        for (key, (a, path)) in &self.entries {
            if a.confirmed.0 < cutoff {
                notes.push(
                    Diagnostic::note(format!(
                        "authority `{key}` was last confirmed on {} (more than {stale_days} days before {today})",
                        a.confirmed
                    ))
                    .in_file(path)
                    .with_hint("check its text and status at the source, then update `confirmed:` (and `status:`)"),
                );
            }
        }
        notes
    }
}
