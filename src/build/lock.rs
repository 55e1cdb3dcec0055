//! The output folder itself: checks of the `--out` a person gave, and the lock that gives one
//! build at a time the right to write into it.

use super::files::real_path;
use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};

/// Refuses an output folder that cannot be one: a link that leads nowhere, a file, or a folder
/// inside one of the `inputs` (the jurisdiction tree, a templates folder), where the build's
/// files would be read back as input by the next build and published with the tree.
pub fn check_out_folder(out: &Path, inputs: &[(&Path, &str)]) -> Result<(), Diagnostic> {
    if let Ok(meta) = std::fs::symlink_metadata(out) {
        if meta.file_type().is_symlink() && std::fs::metadata(out).is_err() {
            let target = std::fs::read_link(out)
                .map(|t| format!(" to `{}`", t.display()))
                .unwrap_or_default();
            return Err(Diagnostic::error(format!(
                "the output folder is a symbolic link{target} that leads nowhere"
            ))
            .in_file(out)
            .with_hint("create the folder it points to, remove the link, or pass another --out"));
        }
        if !out.is_dir() {
            return Err(
                Diagnostic::error("the output folder is a file, not a folder")
                    .in_file(out)
                    .with_hint("pass --out a folder (it is created if missing)"),
            );
        }
    }
    let Some(out_real) = real_path(out) else {
        return Ok(());
    };
    for (input, what) in inputs {
        if real_path(input).is_some_and(|input_real| out_real.starts_with(input_real)) {
            return Err(Diagnostic::error(format!(
                "the output folder is inside the {what} `{}`",
                input.display()
            ))
            .in_file(out)
            .with_hint(format!(
                "write outside it (e.g. --out dist): files written inside the {what} would be read back as input and published with it"
            )));
        }
    }
    Ok(())
}

/// Exclusive right to write into an output folder, held until dropped (the operating system
/// releases it if the process dies, so a killed build never leaves a stale lock). The lock is
/// taken on the output folder itself, which is created first: every build locks the same
/// folder whether it existed or not, and a lock taken on a folder that was since removed or
/// replaced is let go and taken again on the folder now there.
pub struct OutputLock {
    dir: std::fs::File,
    path: PathBuf,
    /// Whether this build created the folder (it removes it again if it wrote nothing).
    created: bool,
}

impl OutputLock {
    /// Takes the lock, calling `waiting` first if another build holds it, then waiting for it.
    pub fn acquire(out: &Path, waiting: impl FnOnce()) -> Result<OutputLock, Diagnostic> {
        let cannot = |e: std::io::Error| {
            Diagnostic::error(format!("cannot lock the output folder ({e})")).in_file(out)
        };
        let mut waiting = Some(waiting);
        loop {
            let created = !out.exists();
            std::fs::create_dir_all(out).map_err(|e| {
                Diagnostic::error(format!("cannot create the output folder ({e})"))
                    .in_file(out)
                    .with_hint("check that its parent folder exists and that you may write there")
            })?;
            let dir = std::fs::File::open(out).map_err(cannot)?;
            match dir.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    if let Some(waiting) = waiting.take() {
                        waiting();
                    }
                    dir.lock().map_err(cannot)?;
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(cannot(e)),
            }
            if same_folder(&dir, out) {
                return Ok(OutputLock {
                    dir,
                    path: out.to_path_buf(),
                    created,
                });
            }
        }
    }

    /// Lets go of the lock, removing the output folder first if this build created it and
    /// left it empty: a build that wrote nothing leaves no trace.
    pub fn release(self) {
        if self.created {
            let _ = std::fs::remove_dir(&self.path);
        }
        drop(self.dir);
    }
}

/// Whether the open folder `dir` is still the one at `path` (not removed or replaced since it
/// was opened).
fn same_folder(dir: &std::fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (dir.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (dir, path);
        true
    }
}
