//! `responsekit init DIR`: the starter tree, a new folder that builds as it is written. It holds
//! California as the tool ships it ([`STATE`]: its config and its registry of state law, so the
//! documents state real, sourced law), one county of it ([`COUNTY`]) scaffolded by
//! [`crate::scaffold`] with every fact a visible fill-in and a comment on each key, and the JSON
//! Schemas its `$schema` lines point at. The federal layer is the built-in one
//! ([`crate::config::builtin`]). Nothing is made up: the county's name is its folder's, and
//! every fact of it is `unknown` until the person fills it in from a source.

use crate::build::write_atomic;
use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};

/// The state the starter tree holds, as shipped.
pub const STATE: &str = "us/ca";
/// The county the starter tree scaffolds under [`STATE`]: a real county the tool ships no
/// facts for, so each of its facts is a fill-in.
pub const COUNTY: &str = "us/ca/marin";
/// The tree's folder in DIR: where `build` and `check` look by default.
pub const TREE: &str = "jurisdictions";

/// The shipped state's files, by name.
const STATE_FILES: [(&str, &str); 3] = crate::config::builtin::shipped_layer!("us/ca");

/// What each key of the county's config is for, written above them in its file.
const KEYS: &str = "\
# The keys (a key left out is inherited from us/ca; `responsekit check` lists every fill-in):
#   kind            what this jurisdiction is: a county's kit is for its jail, probation and juvenile hall.
#   name            its name in each language, as the documents print it.
#   agencies        its offices by role (sheriff, probation, public_defender, county_counsel): each
#                   one's name, phone and address, with `source:` (where you read them) and
#                   `verified:` (the date you did).
#   rapid_response  the local rapid-response network(s) the documents give to the person released.
#   legal_services  the immigration legal-services providers they list.
#   signatory       who signs the letters (name, title in each language) and for which agency.
#   letterhead      the agency whose name, address and phone head the letters.
#   The state's law (`law:` in ../jurisdiction.yaml) and the federal law are stated by the
#   documents themselves; never write law here.
";

/// A `.gitignore` for the starter tree: the kits are made from it, and `respond`'s answers and
/// requests hold a person's name and date of birth.
const GITIGNORE: &str = "\
# Built kits (remade by `responsekit build`).
/dist/
# `responsekit respond` answers and the requests they answer hold personal data: keep them out.
/response/
/incoming.yaml
";

/// Writes the starter tree into `dir`, which must be empty or not exist yet; returns the files
/// written, in order. A folder holding anything is refused: nothing of the person's is replaced.
pub fn write(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    refuse_unless_empty(dir)?;
    let root = dir.join(TREE);
    let mut files: Vec<(PathBuf, String)> = crate::schema::schemas()
        .into_iter()
        .map(|(name, text)| (dir.join("schema").join(name), text))
        .collect();
    files.extend(
        STATE_FILES
            .iter()
            .map(|(name, text)| (root.join(STATE).join(name), (*text).to_string())),
    );
    files.push((dir.join(".gitignore"), GITIGNORE.to_string()));
    let mut written = Vec::new();
    for (path, text) in &files {
        write_one(path, text)?;
        written.push(path.clone());
    }
    // The county is scaffolded over the state as written, so it offers what the state leaves
    // unknown, and finds the schema written above.
    let (path, text) = crate::scaffold::config_text(&root, COUNTY)?;
    write_one(&path, &with_keys(&text))?;
    written.push(path);
    Ok(written)
}

/// What to do next, for standard output.
pub fn next_steps(dir: &Path) -> String {
    let state = format!("{TREE}/{STATE}/");
    let county = format!("{TREE}/{COUNTY}/");
    format!(
        "wrote a starter tree in {dir}:
  {state:<32}California, with its law as responsekit ships it
  {county:<32}Marin County: every fact a fill-in to complete from a source
  {:<32}JSON Schemas, for completion in an editor
Next steps:
  cd {dir}
  responsekit check               lists every fill-in, with its file and line
  responsekit build               writes the kits into dist/
  responsekit new us/ca/<county>  adds another county (the federal law is built in)
Every document is model language for review by counsel, not legal advice.
",
        "schema/",
        dir = dir.display()
    )
}

fn write_one(path: &Path, text: &str) -> Result<(), Diagnostic> {
    write_atomic(path, text.as_bytes())
        .map_err(|e| Diagnostic::error(format!("cannot write ({e})")).in_file(path))
}

/// `text` with [`KEYS`] after its opening comment, just above its first key.
fn with_keys(text: &str) -> String {
    let at = text
        .lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| l.len() + 1)
        .sum::<usize>()
        .min(text.len());
    format!("{}{KEYS}{}", &text[..at], &text[at..])
}

/// Refuses a `dir` that is anything but an empty folder or nothing at all.
fn refuse_unless_empty(dir: &Path) -> Result<(), Diagnostic> {
    let hint = "`init` writes a new tree into a new or empty folder only: name another, e.g. `responsekit init my-tree`";
    let refuse = |what: String| Err(Diagnostic::error(what).in_file(dir).with_hint(hint));
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => refuse(format!("cannot read the folder ({e})")),
        Ok(meta) if !meta.is_dir() => refuse("is not a folder".into()),
        Ok(_) => match std::fs::read_dir(dir).map(|mut entries| entries.next()) {
            Ok(None) => Ok(()),
            Ok(Some(_)) => {
                refuse("the folder is not empty: `init` never writes over what is there".into())
            }
            Err(e) => refuse(format!("cannot read the folder ({e})")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_go_after_the_opening_comment() {
        assert_eq!(
            with_keys("# a\n# b\nkind: county\n"),
            format!("# a\n# b\n{KEYS}kind: county\n")
        );
    }
}
