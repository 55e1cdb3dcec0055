//! Hashing: SHA-256 in lowercase hex, the labelled-parts hasher input fingerprints are made
//! of, and the fingerprint of the running tool. A leaf: it imports nothing of the crate, so
//! every stage (registry, templates, kits, bundles, the build) can hash without depending on
//! the stage that writes.

use sha2::{Digest, Sha256};
use std::path::Path;

/// The SHA-256 of `bytes`, in lowercase hex (64 characters).
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
    /// Adds one part: its label, its length in bytes and its bytes.
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

/// The running tool: the identity of its executable file (path, device, inode, size and
/// modification time), so a rebuilt or reinstalled responsekit never trusts outputs of an older
/// one. Not its bytes: hashing the executable cost each run ~0.2 s (a debug binary is hundreds
/// of megabytes), and every way a binary is replaced (a new build, `cargo install`, a copy)
/// changes one of these, while a false change costs only a rebuild. Falls back to the version
/// when the executable cannot be found.
pub fn tool_fingerprint() -> &'static str {
    static TOOL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TOOL.get_or_init(|| {
        std::env::current_exe()
            .and_then(|exe| Ok((std::fs::metadata(&exe)?, exe)))
            .map_or_else(
                |_| env!("CARGO_PKG_VERSION").to_string(),
                |(meta, exe)| {
                    let mut hasher = PartsHasher::default();
                    hasher.part("version", env!("CARGO_PKG_VERSION").as_bytes());
                    hasher.part("path", exe.as_os_str().as_encoded_bytes());
                    hasher.part("size", &meta.len().to_le_bytes());
                    if let Ok(modified) = meta.modified() {
                        hasher.part("modified", format!("{modified:?}").as_bytes());
                    }
                    #[cfg(unix)]
                    {
                        use std::os::unix::fs::MetadataExt;
                        hasher.part("device", &meta.dev().to_le_bytes());
                        hasher.part("inode", &meta.ino().to_le_bytes());
                        hasher.part(
                            "changed",
                            format!("{}.{}", meta.ctime(), meta.ctime_nsec()).as_bytes(),
                        );
                    }
                    hasher.finish()
                },
            )
    })
}

#[cfg(test)]
mod tests {
    /// The running test binary is found and identified, not replaced by the version fallback
    /// (which would let outputs of another build of the same version be trusted).
    #[test]
    fn the_running_executable_is_identified() {
        let fingerprint = super::tool_fingerprint();
        assert_eq!(fingerprint.len(), 64, "{fingerprint}");
        assert_ne!(fingerprint, env!("CARGO_PKG_VERSION"));
    }
}
