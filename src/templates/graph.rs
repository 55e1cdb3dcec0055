//! The partial graph of a compiled set: what each template holds ([`Walk`]: its partial calls,
//! helper calls checked against their signatures, and the constructs refused anywhere), how far
//! each template reaches with the partials it includes ([`reaches`]), and the cycles among
//! them ([`find_cycles`]). Nothing here recurses once per partial: a chain may be thousands long.

use super::{helpers, EXTENSION, MAX_NESTING, PARTIALS};
use crate::diagnostic::Diagnostic;
use std::collections::{BTreeMap, BTreeSet};

/// One call in a chain of partial calls: the calling template and the call's line and column.
pub(super) type Step<'a> = (&'a str, usize, usize);

/// A partial call in a compiled template: the name it includes (`None` when computed at render
/// time), where, and inside how many blocks.
pub(super) struct PartialCall {
    pub(super) name: Option<String>,
    pub(super) line: usize,
    pub(super) column: usize,
    pub(super) depth: usize,
}

/// What one compiled template holds that the set is checked for: its partial calls, and the
/// constructs refused wherever they are (located, without a file yet).
#[derive(Default)]
pub(super) struct Walk {
    pub(super) calls: Vec<PartialCall>,
    pub(super) problems: Vec<Diagnostic>,
}

impl Walk {
    /// Walks `template`'s elements, `depth` blocks deep.
    pub(super) fn template(&mut self, template: &handlebars::template::Template, depth: usize) {
        for (i, element) in template.elements.iter().enumerate() {
            let (line, column) = template.mapping.get(i).map_or((1, 1), |m| (m.0, m.1));
            self.element(element, line, column, depth);
        }
    }

    fn element(
        &mut self,
        element: &handlebars::template::TemplateElement,
        line: usize,
        column: usize,
        depth: usize,
    ) {
        use handlebars::template::TemplateElement as E;
        let mut refuse = |d: Diagnostic| self.problems.push(d.at(line, Some(column)));
        match element {
            E::PartialExpression(d) => self.calls.push(PartialCall {
                name: d.name.as_name().map(str::to_string),
                line,
                column,
                depth,
            }),
            // Its content is rendered into a buffer of its own, past the size limit's reach.
            E::PartialBlock(_) => refuse(
                Diagnostic::error("template uses a partial block (`{{#> …}}…{{/…}}`), which responsekit does not support")
                    .with_hint("include the partial with `{{> name}}` and write the text around the call"),
            ),
            E::DecoratorExpression(_) | E::DecoratorBlock(_) => refuse(
                Diagnostic::error("template uses a decorator (`{{*…}}` or `{{#*inline}}`), which responsekit does not support")
                    .with_hint(format!("put the shared text in a partial file, `templates/{PARTIALS}/<name>{EXTENSION}`")),
            ),
            // Unescaped, a value could write Markdown or HTML into the document.
            E::HtmlExpression(h) => {
                refuse(
                    Diagnostic::error("template writes a value unescaped (`{{{…}}}` or `{{&…}}`)")
                        .with_hint("write `{{name}}`: values are escaped so that they stay text"),
                );
                self.call(h, line, column, depth);
            }
            E::Expression(h) => self.call(h, line, column, depth),
            E::HelperBlock(h) => {
                self.call(h, line, column, depth);
                for t in h.template.iter().chain(h.inverse.iter()) {
                    self.template(t, depth + 1);
                }
            }
            _ => {} // text and comments
        }
    }

    /// Checks a helper call's arguments against the helper's signature, and its sub-expressions.
    fn call(
        &mut self,
        h: &handlebars::template::HelperTemplate,
        line: usize,
        column: usize,
        depth: usize,
    ) {
        for p in h.params.iter().chain(h.hash.values()) {
            if let handlebars::template::Parameter::Subexpression(s) = p {
                self.element(&s.element, line, column, depth);
            }
        }
        let Some(name) = h.name.as_name() else {
            return;
        };
        if name == "log" {
            self.problems.push(
                Diagnostic::error(
                    "template calls `log`, which would write template text into the program's log",
                )
                .at(line, Some(column))
                .with_hint("delete the `{{log …}}` call"),
            );
            return;
        }
        let Some(&(_, takes, usage)) = helpers::SIGNATURES.iter().find(|s| s.0 == name) else {
            return;
        };
        let given = h.params.len();
        let gives = if !h.hash.is_empty() {
            "named arguments (`name=…`)".to_string()
        } else if given == takes {
            return;
        } else {
            match given {
                0 => "none".to_string(),
                n => n.to_string(),
            }
        };
        let s = if takes == 1 { "" } else { "s" };
        self.problems.push(
            Diagnostic::error(format!(
                "`{name}` takes {takes} argument{s}, and this call gives {gives}"
            ))
            .at(line, Some(column))
            .with_hint(format!("write it as `{usage}`")),
        );
    }
}

/// A partial call between two templates of the set.
pub(super) struct Edge {
    pub(super) to: String,
    pub(super) line: usize,
    pub(super) column: usize,
    /// Blocks around the call.
    pub(super) depth: usize,
}

/// How far rendering a template goes with the partials it includes.
#[derive(Clone, Copy)]
pub(super) struct Reach {
    /// Levels of nesting: its own blocks, or a call's blocks, the call, and the callee's reach.
    pub(super) depth: usize,
    /// Partial inclusions, each call counted every time it is reached.
    pub(super) inclusions: usize,
    /// The call (index into the template's edges) through which it reaches deepest, if any.
    pub(super) deepest: Option<usize>,
}

/// The [`Reach`] of every template, computed without recursion (a chain of partials may be
/// thousands of files long). A call back into a template still being measured closes a cycle,
/// reported on its own, and counts for nothing here.
pub(super) fn reaches<'a>(
    graph: &'a BTreeMap<&'a str, Vec<Edge>>,
    nesting: &BTreeMap<&'a str, usize>,
) -> BTreeMap<&'a str, Reach> {
    let mut done: BTreeMap<&str, Reach> = BTreeMap::new();
    let mut open: BTreeSet<&str> = BTreeSet::new();
    for &root in nesting.keys() {
        if done.contains_key(root) {
            continue;
        }
        open.insert(root);
        let mut stack = vec![(root, 0)];
        while let Some((at, next)) = stack.pop() {
            let edges = graph.get(at).map_or(&[][..], Vec::as_slice);
            if let Some(edge) = edges.get(next) {
                stack.push((at, next + 1));
                let to = edge.to.as_str();
                if !done.contains_key(to) && open.insert(to) {
                    stack.push((to, 0));
                }
                continue;
            }
            let mut reach = Reach {
                depth: nesting.get(at).copied().unwrap_or(0),
                inclusions: 0,
                deepest: None,
            };
            for (i, edge) in edges.iter().enumerate() {
                let Some(callee) = done.get(edge.to.as_str()) else {
                    continue;
                };
                let depth = edge.depth + 1 + callee.depth;
                if depth > reach.depth {
                    reach.depth = depth;
                    reach.deepest = Some(i);
                }
                reach.inclusions = reach.inclusions.saturating_add(1 + callee.inclusions);
            }
            open.remove(at);
            done.insert(at, reach);
        }
    }
    done
}

/// Calls `found` with each path of calls from `start` back to it that goes through `at`
/// (visiting each template once). Paths longer than [`MAX_NESTING`] are not followed: the
/// recursion stays shallow, and a document reaching that deep is refused for its depth.
pub(super) fn find_cycles<'a>(
    graph: &'a BTreeMap<&'a str, Vec<Edge>>,
    start: &'a str,
    at: &'a str,
    path: &mut Vec<Step<'a>>,
    visited: &mut BTreeSet<&'a str>,
    found: &mut dyn FnMut(&[Step<'a>]),
) {
    if path.len() > MAX_NESTING || !visited.insert(at) {
        return;
    }
    for edge in graph.get(at).into_iter().flatten() {
        path.push((at, edge.line, edge.column));
        if edge.to == start {
            found(path);
        } else {
            find_cycles(graph, start, &edge.to, path, visited, found);
        }
        path.pop();
    }
}
