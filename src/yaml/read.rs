//! Reading an input file: regular files only (never a pipe or device), at most
//! [`MAX_FILE_BYTES`], UTF-8, each refusal a located message.

use crate::diagnostic::Diagnostic;
use std::io::Read;
use std::path::Path;

/// No hand-written config comes near this; a bigger file is a mistake or an attack.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Reads a text input file, refusing with a located message anything that is not a regular
/// file (a device, a named pipe or a folder: reading one can block or never end), a file over
/// [`MAX_FILE_BYTES`] (also one that grows while it is read) and non-UTF-8 text.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let cannot =
        |e: std::io::Error| Diagnostic::error(format!("cannot read file ({e})")).in_file(path);
    let too_big = |size: String| {
        Diagnostic::error(format!(
            "file is {size}, over the {MAX_FILE_BYTES} byte limit for input files"
        ))
        .in_file(path)
        .with_hint("split it into smaller files, or check that this is the file you meant")
    };
    // Looked at before it is opened: opening a named pipe for reading waits for a writer.
    let meta = std::fs::metadata(path).map_err(cannot)?;
    regular_file(path, &meta)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(format!("{} bytes", meta.len())));
    }
    let file = open_without_waiting(path).map_err(cannot)?;
    // The path may name something else by now: what was opened is checked too.
    regular_file(path, &file.metadata().map_err(cannot)?)?;
    let bytes = read_capped(file).map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(format!("more than {MAX_FILE_BYTES} bytes")));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let column = valid.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        Diagnostic::error("file is not valid UTF-8 text")
            .in_file(path)
            .at(line, Some(column))
            .with_hint(
                "save the file as UTF-8 (most editors offer this under \"Save with encoding\")",
            )
    })
}

/// Refuses what is not a regular file, naming what it is.
fn regular_file(path: &Path, meta: &std::fs::Metadata) -> Result<(), Diagnostic> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    let what = if kind.is_dir() {
        "a folder"
    } else {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_fifo() {
                "a named pipe (FIFO)"
            } else if kind.is_socket() {
                "a socket"
            } else if kind.is_char_device() || kind.is_block_device() {
                "a device"
            } else {
                "not a regular file"
            }
        }
        #[cfg(not(unix))]
        "not a regular file"
    };
    Err(Diagnostic::error(format!("this is {what}, not a file"))
        .in_file(path)
        .with_hint("give the path of a YAML file; input is read from regular files only"))
}

/// Opens `path` for reading without waiting for a writer, were it swapped for a named pipe
/// after it was looked at (on a regular file the flag changes nothing).
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Reads at most one byte past [`MAX_FILE_BYTES`]: enough to tell a file is too big, however
/// much it holds or keeps growing.
pub(super) fn read_capped(file: impl Read) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}
