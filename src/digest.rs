//! Hashing: SHA-256 in lowercase hex, the labelled-parts hasher input fingerprints are made
//! of, and the fingerprint of the running tool. A leaf: it imports nothing of the crate, so
//! every stage (registry, templates, kits, bundles, the build) can hash without depending on
//! the stage that writes.

use sha2::{Digest, Sha256};
use std::path::Path;

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The SHA-256 of a regular file's bytes, read in pieces (outputs can be large).
pub fn sha256_file(path: &Path) -> Option<String> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).ok()?;
    Some(hex(&hasher.finalize()))
}

/// Lowercase hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// SHA-256 over labelled, length-prefixed parts, so two different lists of parts never hash
/// alike: what input hashes are made of.
#[derive(Default)]
pub struct PartsHasher(Sha256);

impl PartsHasher {
    pub fn part(&mut self, label: &str, value: &[u8]) {
        self.0.update(label.as_bytes());
        self.0.update((value.len() as u64).to_le_bytes());
        self.0.update(value);
    }

    /// The digest, in lowercase hex.
    pub fn finish(self) -> String {
        hex(&self.0.finalize())
    }
}

/// The running tool: its executable's hash, so a rebuilt responsekit never trusts outputs of
/// an older one (falls back to the version when the executable cannot be read).
pub fn tool_fingerprint() -> &'static str {
    static TOOL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TOOL.get_or_init(|| {
        std::env::current_exe()
            .and_then(std::fs::read)
            .map(|bytes| sha256_hex(&bytes))
            .unwrap_or_else(|_| env!("CARGO_PKG_VERSION").to_string())
    })
}
