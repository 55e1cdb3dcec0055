//! Brings the CJK faces the PDF exporter embeds (feature `pdf`): Noto Sans SC, TC and KR,
//! regular and bold, from Google Fonts as the npm registry packages them
//! (`@expo-google-fonts/noto-sans-*`, SIL Open Font License 1.1), into `OUT_DIR`, where
//! `src/export/pdf.rs` includes them (`assets/fonts/README.md`).
//!
//! They are 48 MB, too large to keep in the repository or in a crate, so they come from the
//! registry once and are kept in `target/cjk-fonts/` for every later build: `npm pack` (npm
//! checks the package against the registry's integrity hash), `tar` takes the six files out,
//! and each must have the SHA-256 written below, so every build embeds the same bytes. Offline,
//! set `RESPONSEKIT_CJK_FONTS` to a folder holding the six files.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

/// A package of the npm registry and the faces taken from it: (path in the package, SHA-256).
struct Package {
    name: &'static str,
    version: &'static str,
    faces: &'static [(&'static str, &'static str)],
}

const PACKAGES: &[Package] = &[
    Package {
        name: "@expo-google-fonts/noto-sans-sc",
        version: "0.4.3",
        faces: &[
            (
                "400Regular/NotoSansSC_400Regular.ttf",
                "d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16",
            ),
            (
                "700Bold/NotoSansSC_700Bold.ttf",
                "9a38ae0ab28cd5a256f9ea8e00dedc688aac17f7915fcb000572990afa956b96",
            ),
        ],
    },
    Package {
        name: "@expo-google-fonts/noto-sans-tc",
        version: "0.4.3",
        faces: &[
            (
                "400Regular/NotoSansTC_400Regular.ttf",
                "add35d53f70727657b4509531677c4e3712b67df3d54661efdee5d3a0c16d954",
            ),
            (
                "700Bold/NotoSansTC_700Bold.ttf",
                "ed4ae6ed781e34d0beee896e9be5d835a938ac7adabbcc1b6b6904290006f372",
            ),
        ],
    },
    Package {
        name: "@expo-google-fonts/noto-sans-kr",
        version: "0.4.3",
        faces: &[
            (
                "400Regular/NotoSansKR_400Regular.ttf",
                "8cbc9b353bb9ce848fd69bb6a507319dfacc659cf5fd643db5d88f3c4970e1dd",
            ),
            (
                "700Bold/NotoSansKR_700Bold.ttf",
                "4ffa20c272ae6d689f7c8d34ff9c8039a326e9c334d9fc8852b2a7396227d077",
            ),
        ],
    },
];

const OFFLINE: &str = "RESPONSEKIT_CJK_FONTS";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed={OFFLINE}");
    if env::var_os("CARGO_FEATURE_PDF").is_none() {
        return;
    }
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let given = env::var_os(OFFLINE).map(PathBuf::from);
    // OUT_DIR is target/<profile>/build/<crate>-<hash>/out: the cache sits in target/, shared
    // by every profile and by a rebuild of this script.
    let cache = given
        .clone()
        .unwrap_or_else(|| out.ancestors().nth(4).unwrap_or(&out).join("cjk-fonts"));
    for package in PACKAGES {
        let missing: Vec<_> = package
            .faces
            .iter()
            .filter(|(path, sha)| !has(&cache.join(file_name(path)), sha))
            .collect();
        if missing.is_empty() {
            continue;
        }
        if given.is_some() {
            fail(&format!(
                "{OFFLINE}={} lacks {} (or holds other bytes)",
                cache.display(),
                missing
                    .iter()
                    .map(|(p, _)| file_name(p))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        fetch(package, &cache);
    }
    for package in PACKAGES {
        for (path, _) in package.faces {
            let name = file_name(path);
            let target = out.join(name);
            let _ = fs::remove_file(&target);
            if fs::hard_link(cache.join(name), &target).is_err() {
                if let Err(e) = fs::copy(cache.join(name), &target) {
                    fail(&format!("cannot copy {name} into {}: {e}", out.display()));
                }
            }
        }
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Whether `file` exists with the SHA-256 `sha`.
fn has(file: &Path, sha: &str) -> bool {
    fs::read(file).is_ok_and(|bytes| hex(&Sha256::digest(&bytes)) == sha)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Downloads `package` with npm and puts its faces into `cache`, checked.
fn fetch(package: &Package, cache: &Path) {
    let spec = format!("{}@{}", package.name, package.version);
    let work = cache.join(format!(".fetch-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    if let Err(e) = fs::create_dir_all(&work) {
        fail(&format!("cannot create {}: {e}", work.display()));
    }
    let packed = Command::new("npm")
        .args(["pack", &spec, "--silent", "--pack-destination"])
        .arg(&work)
        .output();
    let tarball = match packed {
        Ok(o) if o.status.success() => work.join(String::from_utf8_lossy(&o.stdout).trim()),
        Ok(o) => fail(&format!(
            "`npm pack {spec}` failed: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        )),
        Err(e) => fail(&format!("cannot run npm ({e}): install Node.js and npm")),
    };
    let members: Vec<String> = package
        .faces
        .iter()
        .map(|(path, _)| format!("package/{path}"))
        .collect();
    let untar = Command::new("tar")
        .arg("-xzf")
        .arg(&tarball)
        .arg("-C")
        .arg(&work)
        .args(&members)
        .status();
    if !untar.is_ok_and(|s| s.success()) {
        fail(&format!("cannot unpack {}", tarball.display()));
    }
    for (path, sha) in package.faces {
        let from = work.join("package").join(path);
        if !has(&from, sha) {
            fail(&format!(
                "{spec}: {path} is not the file this build expects (SHA-256 {sha})"
            ));
        }
        if let Err(e) = fs::rename(&from, cache.join(file_name(path))) {
            fail(&format!(
                "cannot move {} into {}: {e}",
                from.display(),
                cache.display()
            ));
        }
    }
    let _ = fs::remove_dir_all(&work);
}

fn fail(message: &str) -> ! {
    eprintln!(
        "error: {message}\n  the PDF exporter embeds Noto Sans CJK (SC, TC, KR) for Chinese and Korean documents.\n  hint: with network, make sure `npm` reaches its registry; offline, put the six .ttf files\n  (assets/fonts/README.md lists them) in a folder and set {OFFLINE} to it; or build without\n  PDF: `cargo build --no-default-features`"
    );
    std::process::exit(1);
}
