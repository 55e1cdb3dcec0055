//! The library's top-level modules depend on one another one way only: no import cycle.
//!
//! Reads every file of the library under `src/` (not `main.rs` and its modules: the binary's),
//! collects each `crate::<module>` reference of its code (in `use` lines, grouped ones such as
//! `use crate::{a, b::c}`, and paths inside bodies; `super::` resolved through the file's and
//! its inline modules' nesting; comments and string literals skipped), builds the graph of
//! top-level modules and fails naming a cycle, with the file and line of each of its edges.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Where one module first names another: the file and line of the reference.
type Edges = BTreeMap<String, BTreeMap<String, String>>;

#[test]
fn the_modules_of_the_library_form_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = declared_modules(&std::fs::read_to_string(src.join("lib.rs")).unwrap());
    let edges = library_edges(&src, &modules);
    // The scan sees the references it is meant to (it cannot pass by finding nothing).
    assert!(
        edges.get("build").is_some_and(|to| to.contains_key("kit")),
        "the scan found no `crate::kit` in build: {edges:#?}"
    );
    // Hashing is the floor every stage stands on: it uses nothing of the crate.
    assert_eq!(
        edges.get("digest"),
        None,
        "digest must import nothing of the crate"
    );
    if let Some(cycle) = find_cycle(&edges) {
        let steps: Vec<String> = cycle
            .windows(2)
            .map(|w| format!("  {} → {} ({})", w[0], w[1], edges[&w[0]][&w[1]]))
            .collect();
        panic!(
            "the modules of src/ import one another in a circle: {}\n{}\n\
             move what the lower module needs below both (as `digest` and `values` are)",
            cycle.join(" → "),
            steps.join("\n")
        );
    }
}

/// A module that uses something of a module above it (as `templates` once used `build`'s
/// hashing) is reported as the cycle it makes.
#[test]
fn a_back_edge_is_reported_as_the_cycle_it_makes() {
    fn add(edges: &mut Edges, from: &str, to: &str) {
        let at = format!("src/{from}.rs:1");
        edges.entry(from.into()).or_default().insert(to.into(), at);
    }
    let mut edges = Edges::new();
    add(&mut edges, "build", "kit");
    add(&mut edges, "kit", "templates");
    add(&mut edges, "templates", "values");
    assert_eq!(find_cycle(&edges), None);
    add(&mut edges, "templates", "build");
    assert_eq!(
        find_cycle(&edges).unwrap(),
        ["build", "kit", "templates", "build"]
    );
}

#[test]
fn references_are_found_in_code_only_and_super_is_resolved() {
    let text = r##"
//! Uses [`crate::doc_link`] in a doc comment: not code.
use crate::{alpha, beta::{X, Y}};
use super::gamma::Z;
/* crate::block_comment /* nested crate::nested */ */
fn f() -> &'static str {
    let _ = crate::delta::call();
    let _ = '"'; // a quote in a char literal opens no string: crate::after_char
    let _lifetime: &'static str = "crate::in_string \" crate::still_in_string";
    r#"crate::in_raw_string "# ; crate::epsilon::X
}
mod inner {
    use super::super::zeta;
    use super::sibling;
}
"##;
    // As if this were `src/export/html.rs`: `super::` is `export`, `super::super::` in
    // `mod inner` is `export` too.
    let found: Vec<(String, usize)> = references(text, &["export".into(), "html".into()]);
    let names: Vec<&str> = found.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(
        names,
        ["alpha", "beta", "export", "delta", "epsilon", "export", "export"]
    );
    // From `src/kit.rs` itself, `super::` is the crate root: `super::gamma` is module `gamma`.
    let found = references("use super::gamma::Z;", &["kit".into()]);
    assert_eq!(found, [("gamma".to_string(), 1)]);
}

/// The modules `lib.rs` declares (`pub mod x;`, `mod x;`).
fn declared_modules(lib: &str) -> BTreeSet<String> {
    lib.lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub ").unwrap_or(l);
            l.strip_prefix("mod ")?
                .strip_suffix(';')
                .map(str::to_string)
        })
        .collect()
}

/// Every edge between two top-level modules of the library, with the first place it is made.
fn library_edges(src: &Path, modules: &BTreeSet<String>) -> Edges {
    let mut files: Vec<PathBuf> = Vec::new();
    collect_rs(src, &mut files);
    files.sort();
    let mut edges = Edges::new();
    let mut unknown = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(src).unwrap();
        // The crate roots, and the binary's own modules (`cli`, `print`, …: what `main.rs`
        // declares, which lib.rs does not), are no part of the library.
        let Some(path) = module_path(rel).filter(|path| modules.contains(&path[0])) else {
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for (to, line) in references(&text, &path) {
            let at = format!("src/{}:{line}", rel.display());
            if !modules.contains(&to) {
                unknown.push(format!("{at}: `{to}`"));
            } else if to != path[0] {
                let from = edges.entry(path[0].clone()).or_default();
                from.entry(to).or_insert(at);
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "these name something at the crate root that is no module of lib.rs, so the test \
         cannot tell which module they use (name the module in the path):\n{}",
        unknown.join("\n")
    );
    edges
}

fn collect_rs(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_rs(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The module a file under `src/` is (`kit.rs` → `[kit]`, `build/mod.rs` → `[build]`,
/// `export/docx/tests.rs` → `[export, docx, tests]`); `None` for the crate roots.
fn module_path(rel: &Path) -> Option<Vec<String>> {
    let mut path: Vec<String> = rel
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if path.last().is_some_and(|l| l == "mod") {
        path.pop();
    }
    let root = matches!(path.as_slice(), [one] if one == "lib" || one == "main");
    (!root && !path.is_empty()).then_some(path)
}

/// The top-level module of each `crate::…` and `super::…` path in the code of `text`, a file
/// that is module `file_path`, with its line, in order.
fn references(text: &str, file_path: &[String]) -> Vec<(String, usize)> {
    let tokens = tokens(text);
    let mut found = Vec::new();
    // Inline modules open in the file: their name and the brace depth their body is at.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < tokens.len() {
        let (tok, line) = (&tokens[i].0, tokens[i].1);
        match tok.as_str() {
            "{" => depth += 1,
            "}" => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth -= 1;
            }
            "mod" if tokens.get(i + 2).is_some_and(|t| t.0 == "{") => {
                inline.push((tokens[i + 1].0.clone(), depth + 1));
            }
            "crate" | "super" if tokens.get(i + 1).is_some_and(|t| t.0 == "::") => {
                let here: Vec<&str> = file_path
                    .iter()
                    .map(String::as_str)
                    .chain(inline.iter().map(|(n, _)| n.as_str()))
                    .collect();
                let (target, next) = resolve(&tokens, i, &here);
                found.extend(target.into_iter().map(|m| (m, line)));
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// The top-level modules the path starting at token `i` names (several for a group `{a, b}`
/// right after the crate root), and the token after what was read.
fn resolve(tokens: &[(String, usize)], mut i: usize, here: &[&str]) -> (Vec<String>, usize) {
    let mut at: Vec<&str> = here.to_vec();
    if tokens[i].0 == "crate" {
        at.clear();
        i += 2;
    } else {
        while tokens.get(i).is_some_and(|t| t.0 == "super")
            && tokens.get(i + 1).is_some_and(|t| t.0 == "::")
        {
            at.pop();
            i += 2;
        }
    }
    if let Some(top) = at.first() {
        return (vec![top.to_string()], i);
    }
    match tokens.get(i).map(|t| t.0.as_str()) {
        Some("{") => {
            // `crate::{a, b::{c, d}}`: the first name of each item at the group's own level.
            let mut names = Vec::new();
            let mut level = 0;
            let mut expect_name = true;
            while let Some((tok, _)) = tokens.get(i) {
                match tok.as_str() {
                    "{" => level += 1,
                    "}" => {
                        level -= 1;
                        if level == 0 {
                            return (names, i + 1);
                        }
                    }
                    "," if level == 1 => expect_name = true,
                    name if level == 1 && expect_name => {
                        if name != "self" {
                            names.push(name.to_string());
                        }
                        expect_name = false;
                    }
                    _ => {}
                }
                i += 1;
            }
            (names, i)
        }
        Some(name) if is_ident(name) => (vec![name.to_string()], i + 1),
        _ => (Vec::new(), i),
    }
}

fn is_ident(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// The code of `text` as tokens with their line: identifiers, `::`, and single punctuation
/// characters. Comments (nested block comments too), string, raw string, byte string and
/// character literals are left out; a lifetime is read as `'` and its name.
fn tokens(text: &str) -> Vec<(String, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut nesting = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    nesting += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    nesting -= 1;
                    i += 2;
                    if nesting == 0 {
                        break;
                    }
                } else {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
            }
        } else if let Some(end) = raw_string_end(&chars, i) {
            line += chars[i..end].iter().filter(|&&c| c == '\n').count();
            i = end;
        } else if c == '"' || (c == 'b' && at(i + 1) == '"') {
            i += if c == 'b' { 2 } else { 1 };
            while i < chars.len() && chars[i] != '"' {
                line += usize::from(chars[i] == '\n');
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c == '\'' && (at(i + 1) == '\\' || at(i + 2) == '\'') {
            // A character literal ('x', '\n', '\u{..}'); otherwise `'` starts a lifetime.
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push((chars[start..i].iter().collect(), line));
        } else if c == ':' && at(i + 1) == ':' {
            out.push(("::".into(), line));
            i += 2;
        } else {
            out.push((c.to_string(), line));
            i += 1;
        }
    }
    out
}

/// Where the raw string (`r"…"`, `r#"…"#`, `br#"…"#`) starting at `i` ends, if one does.
fn raw_string_end(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    if chars.get(j) == Some(&'b') {
        j += 1;
    }
    if chars.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let hashes = chars[j..].iter().take_while(|&&c| c == '#').count();
    j += hashes;
    if chars.get(j) != Some(&'"') {
        return None;
    }
    j += 1;
    while j < chars.len() {
        if chars[j] == '"'
            && chars[j + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == '#')
                .count()
                == hashes
        {
            return Some(j + 1 + hashes);
        }
        j += 1;
    }
    Some(chars.len())
}

/// A cycle of the graph, as its modules from and back to the first, if there is one.
fn find_cycle(edges: &Edges) -> Option<Vec<String>> {
    // Depth-first search; a module met again while still on the path closes a cycle.
    fn visit(
        node: &str,
        edges: &Edges,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flat_map(BTreeMap::keys) {
            if let Some(cycle) = visit(next, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
}
