//! The checks a template set passes before anything renders, beyond parsing: characters a
//! template may not hold, the set's structure over the partial graph (depth, inclusions,
//! cycles, computed partial names) and the Markdown markup no format can show.

use super::graph::{find_cycles, reaches, Edge, Step, Walk};
use super::{scan, Source, MAX_INCLUSIONS, MAX_NESTING, PARTIALS};
use crate::diagnostic::Diagnostic;
use handlebars::Handlebars;
use std::collections::{BTreeMap, BTreeSet};

/// The first character a template may not hold (the rule of [`crate::unicode`]), with its line
/// and column. Line ends written `\r\n` are fine.
pub(super) fn forbidden_in_template(text: &str) -> Option<Diagnostic> {
    text.split('\n').enumerate().find_map(|(i, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let refused = crate::unicode::first_refused(line)?;
        Some(
            Diagnostic::error(format!("template contains {refused}, {}", refused.risk()))
                .at(i + 1, Some(refused.column))
                .with_hint(refused.hint()),
        )
    })
}

/// `4194302` as `4,194,302`.
pub(super) fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `a → b → c`, shortened in the middle when long.
fn chain(names: &[&str]) -> String {
    if names.len() <= 6 {
        return names.join(" → ");
    }
    let (head, tail) = (&names[..3], &names[names.len() - 2..]);
    format!("{} → … → {}", head.join(" → "), tail.join(" → "))
}

/// What is wrong with the set as a whole, read from the compiled templates (those of `nesting`,
/// the ones that parsed): each template's refused constructs; partials Handlebars would recurse
/// through without end (it only notices a template that includes itself directly, and
/// overflows the stack on `a` → `b` → `a`) or whose name is computed at render time (which
/// could do the same); and documents whose partials nest deeper than [`MAX_NESTING`] or are
/// included more than [`MAX_INCLUSIONS`] times.
pub(super) fn structure_problems(
    hb: &Handlebars,
    sources: &BTreeMap<String, Source>,
    nesting: &BTreeMap<&str, usize>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let file = |name: &str| {
        sources
            .get(name)
            .map(|s| s.origin.display_path(name))
            .unwrap_or_default()
    };
    let mut graph: BTreeMap<&str, Vec<Edge>> = BTreeMap::new();
    for &name in nesting.keys() {
        let Some(template) = hb.get_template(name) else {
            continue;
        };
        let mut walk = Walk::default();
        walk.template(template, 0);
        problems.extend(walk.problems.into_iter().map(|d| d.in_file(file(name))));
        for call in walk.calls {
            match call.name {
                Some(p) if p == "@partial-block" => {}
                Some(p) if sources.contains_key(&p) => graph.entry(name).or_default().push(Edge {
                    to: p,
                    line: call.line,
                    column: call.column,
                    depth: call.depth,
                }),
                Some(_) => {} // not found: reported when rendered, with the name
                None => problems.push(
                    Diagnostic::error("template includes a partial whose name is computed")
                        .in_file(file(name))
                        .at(call.line, Some(call.column))
                        .with_hint(format!(
                            "write the partial's name out, e.g. `{{{{> {PARTIALS}/closing/en}}}}`"
                        )),
                ),
            }
        }
    }
    let reach = reaches(&graph, nesting);
    let mut reported = BTreeSet::new();
    for (&doc, r) in &reach {
        if doc.starts_with(PARTIALS) {
            continue;
        }
        if r.depth > MAX_NESTING {
            // Reported at the call where the limit is crossed, once however many documents
            // lead there.
            let (mut at, mut level, mut names) = (doc, 0, vec![doc]);
            while let Some(edge) = reach[at].deepest.map(|i| &graph[at][i]) {
                let inside = level + edge.depth + 1;
                names.push(edge.to.as_str());
                if inside + nesting.get(edge.to.as_str()).copied().unwrap_or(0) > MAX_NESTING {
                    if reported.insert((at, edge.line, edge.column)) {
                        problems.push(
                            Diagnostic::error(format!(
                                "including `{}` here nests partials and blocks {} levels deep, through {}; the limit is {MAX_NESTING}",
                                edge.to, grouped(r.depth), chain(&names)
                            ))
                            .in_file(file(at))
                            .at(edge.line, Some(edge.column))
                            .with_hint("include fewer partials inside one another: move a partial's text into the template that includes it"),
                        );
                    }
                    break;
                }
                (at, level) = (edge.to.as_str(), inside);
            }
        }
        if r.inclusions > MAX_INCLUSIONS {
            // At the document's call that includes the most.
            let heaviest = graph[doc]
                .iter()
                .max_by_key(|e| reach.get(e.to.as_str()).map_or(0, |c| c.inclusions));
            if let Some(edge) = heaviest {
                problems.push(
                    Diagnostic::error(format!(
                        "document `{doc}` would include partials {} times, counting each inclusion every time it is reached; the limit is {}",
                        grouped(r.inclusions), grouped(MAX_INCLUSIONS)
                    ))
                    .in_file(file(doc))
                    .at(edge.line, Some(edge.column))
                    .with_hint("include each partial once, where it is needed, rather than from several partials that are themselves included several times"),
                );
            }
        }
    }
    // Each cycle is reported once, at the call made by its first template (by name).
    let mut reported: BTreeSet<Vec<String>> = BTreeSet::new();
    for &start in graph.keys() {
        let mut path: Vec<Step> = Vec::new();
        let mut visited = BTreeSet::new();
        find_cycles(
            &graph,
            start,
            start,
            &mut path,
            &mut visited,
            &mut |cycle| {
                let mut names: Vec<String> = cycle.iter().map(|c| c.0.to_string()).collect();
                let key = {
                    let mut k = names.clone();
                    k.sort();
                    k
                };
                if !reported.insert(key) {
                    return;
                }
                let (_, line, column) = cycle[0];
                let message = if names.len() == 1 {
                    "template includes itself".to_string()
                } else {
                    names.push(start.to_string());
                    format!("template includes itself, through {}", names.join(" → "))
                };
                problems.push(
                    Diagnostic::error(message)
                        .in_file(file(start))
                        .at(line, Some(column))
                        .with_hint("remove the partial call that points back at this template"),
                );
            },
        );
    }
    problems
}

/// Markup a template writes that no format can show (raw HTML, tables), located in the
/// template. It is read with its mustaches masked out: values reach Markdown escaped, so the
/// template's own text is where such markup comes from, and only that text is quoted.
pub(super) fn markup_problem(text: &str) -> Option<Diagnostic> {
    use crate::document::Unsupported;
    let (offset, what) = crate::document::unsupported_markup(&scan::mask_mustaches(text))?;
    let (line, column) = scan::line_column(text, offset);
    let d = match what {
        Unsupported::Html => {
            let rest = text[offset..].lines().next().unwrap_or_default();
            let tag = &rest[..rest.find('>').map_or(rest.len(), |i| i + 1)];
            let excerpt: String = tag.chars().take(40).collect();
            let more = if excerpt.len() < tag.len() { "…" } else { "" };
            Diagnostic::error(format!(
                "template writes raw HTML (`{excerpt}{more}`), which every format would drop, with any text inside it"
            ))
            .with_hint("to print `<`, write `\\<` (e.g. `\\<Alameda County Clerk>`); for a blank to fill in, `{{fill \"Name\"}}`; for emphasis, Markdown (`**bold**`)")
        }
        Unsupported::Table => Diagnostic::error(
            "template writes a table, which the documents cannot show as one: its cells would run together",
        )
        .with_hint("write the rows as a list (`- Name: …`), or write the first `|` of each line as `\\|` to keep the lines as text"),
    };
    Some(d.at(line, Some(column)))
}
