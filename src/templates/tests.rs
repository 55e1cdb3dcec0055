//! Unit tests of the partial graph and the limits: a chain of twenty thousand partials is
//! measured and searched on a small stack, and the shipped set stays far within the limits.

use super::check::grouped;
use super::graph::{find_cycles, reaches, Edge, Walk};
use super::*;

/// The shipped set and what it reaches: its limits must stay far above it.
fn shipped_reach() -> (usize, usize) {
    let sources = shipped();
    let set = TemplateSet::compile(sources.clone(), &Arc::new(Registry::default()))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let nesting: BTreeMap<&str, usize> = sources
        .iter()
        .map(|(n, s)| (n.as_str(), scan::nesting(&s.text).depth))
        .collect();
    let mut graph: BTreeMap<&str, Vec<Edge>> = BTreeMap::new();
    for &name in nesting.keys() {
        let mut walk = Walk::default();
        walk.template(set.handlebars.get_template(name).unwrap(), 0);
        for c in walk.calls {
            graph.entry(name).or_default().push(Edge {
                to: c.name.unwrap(),
                line: c.line,
                column: c.column,
                depth: c.depth,
            });
        }
    }
    let reach = reaches(&graph, &nesting);
    let depth = reach.values().map(|r| r.depth).max().unwrap_or(0);
    let inclusions = reach.values().map(|r| r.inclusions).max().unwrap_or(0);
    (depth, inclusions)
}

#[test]
fn a_chain_of_twenty_thousand_partials_is_measured_and_searched_on_a_small_stack() {
    let names: Vec<String> = (0..20_000).map(|i| format!("{PARTIALS}/p{i}")).collect();
    let edge = |to: &str| Edge {
        to: to.to_string(),
        line: 1,
        column: 1,
        depth: 0,
    };
    let mut graph: BTreeMap<&str, Vec<Edge>> = names
        .windows(2)
        .map(|w| (w[0].as_str(), vec![edge(&w[1])]))
        .collect();
    // The last one closes a cycle back to the first.
    graph.insert(names[names.len() - 1].as_str(), vec![edge(&names[0])]);
    let nesting: BTreeMap<&str, usize> = names.iter().map(|n| (n.as_str(), 0)).collect();
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn_scoped(scope, || {
                let reach = reaches(&graph, &nesting);
                assert_eq!(reach[names[0].as_str()].depth, names.len() - 1);
                let mut cycles = 0;
                find_cycles(
                    &graph,
                    &names[0],
                    &names[0],
                    &mut Vec::new(),
                    &mut BTreeSet::new(),
                    &mut |_| cycles += 1,
                );
                // Too long to follow: refused for its depth instead.
                assert_eq!(cycles, 0);
            })
            .unwrap()
            .join()
            .expect("no stack overflow");
    });
}

#[test]
fn numbers_are_grouped_by_thousands() {
    assert_eq!(grouped(7), "7");
    assert_eq!(grouped(10_000), "10,000");
    assert_eq!(grouped(4_194_302), "4,194,302");
}

#[test]
fn shipped_templates_are_far_within_the_limits() {
    let (depth, inclusions) = shipped_reach();
    eprintln!("shipped: nesting {depth}, inclusions {inclusions}");
    assert!(depth * 4 <= MAX_NESTING, "{depth}");
    assert!(inclusions * 100 <= MAX_INCLUSIONS, "{inclusions}");
}

/// Tests render the set compiled into the binary, as a release build does: without
/// rust-embed's `debug-embed` (Cargo.toml) a debug build reads `templates/` from disk instead.
#[test]
fn the_shipped_set_is_the_one_compiled_in() {
    use super::sources::Shipped;
    let names: Vec<_> = Shipped::iter().collect();
    assert!(names.len() > 10, "{names:?}");
    for name in names {
        let file = Shipped::get(&name).expect("listed");
        assert!(
            matches!(file.data, std::borrow::Cow::Borrowed(_)),
            "{name} is read from disk, not compiled in"
        );
    }
}
