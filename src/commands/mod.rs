//! One driver per command of the `responsekit` binary (`build`, `check`, `facts`, `init`, `list`, `new`,
//! `register`, `report` — in `annual`, since `report` is the value every driver returns —,
//! `respond`, `schema`, and `generated` for `completions` and `man`): each takes the command's
//! options as library values, does the work and returns a [`Report`] — what to show, in order,
//! and how the run ended. The binary parses the flags, calls one driver, prints its report and
//! exits; nothing here parses flags or prints, so every command can be run and its output
//! checked from Rust.

pub mod annual;
pub mod build;
pub mod check;
pub mod facts;
pub mod generated;
pub mod init;
pub mod list;
pub mod new;
pub mod register;
mod report;
pub mod respond;
pub mod schema;

pub use report::{Message, Report, Status};

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::kit::{Project, Selection};
use std::path::PathBuf;

/// Where a command reads the kits from: the jurisdiction tree, and the template set that
/// replaces the shipped one (`--templates`), if any.
#[derive(Debug, Clone)]
pub struct TreePaths {
    /// The root of the jurisdiction tree (`--jurisdictions`).
    pub root: PathBuf,
    /// The folder whose templates replace the shipped set (`--templates`), if given.
    pub templates: Option<PathBuf>,
}

/// Loads and resolves the tree, reporting what loading found (and what is wrong with the
/// engine's own strings, should the binary have been built from broken tables).
fn load(report: &mut Report, tree: &TreePaths) -> Project {
    report.problems(crate::i18n::problems());
    let project = Project::load(&tree.root, tree.templates.as_deref());
    report.problems(&project.tree.diagnostics);
    project
}

/// `message` about an id naming no jurisdiction, with the closest of `ids` as the hint.
fn no_jurisdiction<'a>(
    message: String,
    typed: &str,
    ids: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let d = Diagnostic::error(message);
    match did_you_mean(typed, ids) {
        Some(s) => d.with_hint(format!("did you mean `{s}`?")),
        None => d.with_hint("`responsekit list` shows the jurisdictions"),
    }
}

/// Refuses a `--jurisdiction` that matches nothing, suggesting the closest id.
fn check_selection(report: &mut Report, project: &Project, selection: &Selection) -> bool {
    let ids: Vec<&str> = project.ids().collect();
    let mut ok = true;
    for wanted in &selection.jurisdictions {
        if let Err(d) = crate::config::tree::check_id(wanted.trim_end_matches('/')) {
            report.problem(&d);
            ok = false;
            continue;
        }
        let one = Selection {
            jurisdictions: vec![wanted.clone()],
            ..Selection::default()
        };
        if !ids.iter().any(|id| one.selects(id)) {
            let message = format!(
                "no jurisdiction `{wanted}` in {}",
                project.tree.root.display()
            );
            report.problem(&no_jurisdiction(message, wanted, ids.iter().copied()));
            ok = false;
        }
    }
    ok
}
