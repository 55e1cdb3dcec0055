//! User-facing problems: what is wrong, where (file, line, column), and how to fix it.
//!
//! Every stage reports [`Diagnostic`]s instead of failing on the first problem, so `check` can
//! show all of them at once and one broken jurisdiction never hides the others.

use std::fmt;
use std::path::{Path, PathBuf};

/// How much a diagnostic weighs: an error fails the run, a note does not.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Wrong: the run ends in error.
    Error,
    /// Not wrong, but a person must act before the documents are used (e.g. a fill-in).
    Note,
}

/// One problem for the person running the tool: what is wrong, where, and how to fix it.
/// Shown as `error: FILE:LINE:COLUMN: MESSAGE` with `  hint: …` on the next line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether it fails the run.
    pub severity: Severity,
    /// The file it is about, as the user would open it; `None` for the run as a whole.
    pub file: Option<PathBuf>,
    /// The 1-based line in `file`, where known.
    pub line: Option<usize>,
    /// The 1-based column (in characters) on `line`, where known.
    pub column: Option<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, shown after `hint:`.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error with `message`, about no file yet.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A note with `message`, about no file yet.
    pub fn note(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(message)
        }
    }

    /// The same diagnostic, about `file`.
    #[must_use]
    pub fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        self
    }

    /// The same diagnostic, at 1-based `line` and (where known) `column`.
    #[must_use]
    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    /// The same diagnostic, with `hint` saying how to fix it.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this diagnostic fails the run.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.severity {
            Severity::Error => "error: ",
            Severity::Note => "note: ",
        })?;
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(col) = self.column {
                    write!(f, ":{col}")?;
                }
            }
            f.write_str(": ")?;
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// "did you mean `x`?" for a misspelled name, when one candidate is close enough.
pub fn did_you_mean<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(typed, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
