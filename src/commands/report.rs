//! What a command has to say, in the order it happened, and how it ended: the value every
//! driver of [`crate::commands`] returns and the binary prints. Diagnostics are kept once each
//! (a broken shared template would otherwise be reported by every jurisdiction using it) and
//! the errors among them counted, so a summary's count matches what was shown.

use crate::config::builtin;
use crate::diagnostic::Diagnostic;
use std::collections::HashSet;
use std::fmt;

/// One thing to show on standard error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A problem found; a note is not shown with `--quiet`, an error always is.
    Problem(Diagnostic),
    /// What was done; not shown with `--quiet`.
    Info(String),
    /// More about what was done (each file written); shown only with `--verbose`.
    Detail(String),
    /// What a person must see even with `--quiet` (a warning, a failure's summary).
    Notice(String),
}

impl Message {
    /// Whether it is shown under these flags.
    pub fn shown(&self, quiet: bool, verbose: bool) -> bool {
        match self {
            Message::Problem(d) => d.is_error() || !quiet,
            Message::Info(_) => !quiet,
            Message::Detail(_) => verbose,
            Message::Notice(_) => true,
        }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Message::Problem(d) => d.fmt(f),
            Message::Info(t) | Message::Detail(t) | Message::Notice(t) => f.write_str(t),
        }
    }
}

/// How a command ended (the binary's exit status).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The work was done and no error was found (exit status 0).
    Success,
    /// Problems were found, or the work could not be done.
    Problems,
    /// `respond` met a request signed by a judge: nothing was written, counsel must look now.
    CourtOrder,
}

/// Everything a command has to show, and how it ended.
#[derive(Debug)]
pub struct Report {
    /// For standard error, in order.
    pub messages: Vec<Message>,
    /// For standard output.
    pub stdout: String,
    /// How many distinct errors are among the messages.
    pub errors: usize,
    /// How the command ended.
    pub status: Status,
    seen: HashSet<String>,
}

impl Default for Report {
    fn default() -> Self {
        Report {
            messages: Vec::new(),
            stdout: String::new(),
            errors: 0,
            status: Status::Success,
            seen: HashSet::new(),
        }
    }
}

impl Report {
    /// Adds `d`, unless the same text was reported already. A problem in a file of the
    /// built-in federal layer also says how to replace that file, since it is not on disk.
    pub fn problem(&mut self, d: &Diagnostic) {
        let mut d = d.clone();
        if let Some(replace) = d.file.as_deref().and_then(builtin::override_hint) {
            d.hint = Some(match d.hint {
                Some(hint) => format!("{hint}; {replace}"),
                None => replace,
            });
        }
        if self.seen.insert(d.to_string()) {
            if d.is_error() {
                self.errors += 1;
            }
            self.messages.push(Message::Problem(d));
        }
    }

    /// Adds each of `list` that was not reported already, in order.
    pub fn problems(&mut self, list: &[Diagnostic]) {
        for d in list {
            self.problem(d);
        }
    }

    /// Adds what was done: not shown with `--quiet`.
    pub fn info(&mut self, text: impl Into<String>) {
        self.messages.push(Message::Info(text.into()));
    }

    /// Adds more about what was done: shown only with `--verbose`.
    pub fn detail(&mut self, text: impl Into<String>) {
        self.messages.push(Message::Detail(text.into()));
    }

    /// Adds what a person must see: shown even with `--quiet`.
    pub fn notice(&mut self, text: impl Into<String>) {
        self.messages.push(Message::Notice(text.into()));
    }

    /// Ends a command that succeeded if it did its work (`done`) and reported no error.
    #[must_use]
    pub fn finish(mut self, done: bool) -> Report {
        if !done || self.errors > 0 {
            self.status = Status::Problems;
        }
        self
    }

    /// Ends a command with `status`, whatever was reported.
    #[must_use]
    pub fn end(mut self, status: Status) -> Report {
        self.status = status;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagnostic_reported_twice_is_shown_and_counted_once() {
        let mut report = Report::default();
        let broken = Diagnostic::error("broken").in_file("templates/letter.md.hbs");
        report.problems(&[broken.clone(), Diagnostic::note("fill-in"), broken]);
        assert_eq!(report.errors, 1);
        let shown: Vec<String> = report
            .messages
            .iter()
            .filter(|m| m.shown(true, false))
            .map(ToString::to_string)
            .collect();
        assert_eq!(shown, ["error: templates/letter.md.hbs: broken"]);
        assert_eq!(report.finish(true).status, Status::Problems);
    }
}
