//! What the desk holds while it runs: the jurisdiction tree as loaded (reloaded after facts are
//! written back into it), where the register is, the session and CSRF tokens, the Host names
//! it answers to, and the interviews in progress — in memory only: nothing a person types is
//! written anywhere until they record or download an answer.

use super::interview::Interview;
use crate::commands::TreePaths;
use crate::config::values::IsoDate;
use crate::kit::Project;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

/// The running desk's state, shared by every handler.
pub(crate) struct App {
    /// Where the jurisdiction tree and the templates are read from.
    pub(crate) tree: TreePaths,
    /// The tree as loaded and resolved: replaced whole when facts are written back.
    project: RwLock<Arc<Project>>,
    /// The register file requests are recorded in.
    pub(crate) register: PathBuf,
    /// The token in the printed address, and the session cookie's value.
    pub(crate) token: String,
    /// The token every form carries (`security::CSRF_FIELD`).
    pub(crate) csrf: String,
    /// The `Host` headers the desk answers: `127.0.0.1:PORT` and `localhost:PORT`.
    pub(crate) allowed_hosts: Vec<String>,
    /// The day to count from, when fixed (`--today`); otherwise the computer's date.
    today: Option<IsoDate>,
    /// The interviews in progress, by their random id.
    pub(crate) interviews: Mutex<HashMap<String, Interview>>,
}

impl App {
    /// The state of a desk reading `tree`, recording in `register`, listening on `port`.
    pub(crate) fn new(
        tree: TreePaths,
        register: PathBuf,
        port: u16,
        today: Option<IsoDate>,
        (token, csrf): (String, String),
    ) -> App {
        let project = Project::load(&tree.root, tree.templates.as_deref());
        App {
            tree,
            project: RwLock::new(Arc::new(project)),
            register,
            token,
            csrf,
            allowed_hosts: vec![format!("127.0.0.1:{port}"), format!("localhost:{port}")],
            today,
            interviews: Mutex::new(HashMap::new()),
        }
    }

    /// The tree as it is now (a handler keeps this one for its whole request).
    pub(crate) fn project(&self) -> Arc<Project> {
        Arc::clone(&self.project.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Loads the tree again (after facts were written into it).
    pub(crate) fn reload(&self) {
        let project = Project::load(&self.tree.root, self.tree.templates.as_deref());
        *self.project.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(project);
    }

    /// The day to count from.
    pub(crate) fn today(&self) -> IsoDate {
        self.today.unwrap_or_else(IsoDate::today)
    }

    /// The interviews, locked (a handler that panicked cannot leave them unusable).
    pub(crate) fn interviews(&self) -> std::sync::MutexGuard<'_, HashMap<String, Interview>> {
        self.interviews
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}
