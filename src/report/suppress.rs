//! The "fewer than 5" rule of the reports published for the public (the TRUTH Act forum data,
//! the Oregon compilation): a pure function from the figures' values to which of them print as
//! "fewer than 5". A filing the law requires (to the California DOJ, to the Illinois Attorney
//! General) is never suppressed: the law asks for its figures as they are.
//!
//! Primary: every figure from 1 to 4 is suppressed (0 and 5 or more print). Secondary: in a
//! group (cells with their total) whose total prints, a single suppressed cell could be worked
//! out from the total and the others, so the smallest other non-zero cell is suppressed too
//! (the first in the report's order on a tie). Each group is treated on its own.

/// A set of cells and the figure that is their total, by figure key.
#[derive(Debug, Clone)]
pub struct Group {
    /// The total's key.
    pub total: String,
    /// The cells' keys, in the report's order.
    pub cells: Vec<String>,
}

/// Whether a value alone is suppressed.
fn small(v: u64) -> bool {
    (1..5).contains(&v)
}

/// Which of `values` (key, count, in the report's order) print as "fewer than 5".
pub fn suppressed(values: &[(String, u64)], groups: &[Group]) -> Vec<bool> {
    let mut hidden: Vec<bool> = values.iter().map(|(_, v)| small(*v)).collect();
    let index = |key: &str| values.iter().position(|(k, _)| k == key);
    for g in groups {
        let Some(total) = index(&g.total) else {
            continue;
        };
        if small(values[total].1) {
            continue;
        }
        let cells: Vec<usize> = g.cells.iter().filter_map(|c| index(c)).collect();
        let primary: Vec<usize> = cells
            .iter()
            .copied()
            .filter(|&c| small(values[c].1))
            .collect();
        if let [only] = primary[..] {
            // `min_by_key` keeps the first of equal minimums: the first in the report's order.
            let other = cells
                .iter()
                .copied()
                .filter(|&c| c != only && values[c].1 > 0)
                .min_by_key(|&c| values[c].1);
            if let Some(c) = other {
                hidden[c] = true;
            }
        }
    }
    hidden
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(values: &[(&str, u64)], groups: &[(&str, &[&str])]) -> Vec<&'static str> {
        let values: Vec<(String, u64)> =
            values.iter().map(|(k, v)| ((*k).to_string(), *v)).collect();
        let groups: Vec<Group> = groups
            .iter()
            .map(|(t, cells)| Group {
                total: (*t).to_string(),
                cells: cells.iter().map(|c| (*c).to_string()).collect(),
            })
            .collect();
        suppressed(&values, &groups)
            .into_iter()
            .map(|h| if h { "hidden" } else { "shown" })
            .collect()
    }

    #[test]
    fn one_to_four_are_suppressed_zero_and_five_are_not() {
        let values = [("a", 0), ("b", 1), ("c", 4), ("d", 5), ("e", 12)];
        assert_eq!(
            run(&values, &[]),
            ["shown", "hidden", "hidden", "shown", "shown"]
        );
    }

    #[test]
    fn a_lone_suppressed_cell_takes_the_smallest_other_nonzero_cell_with_it() {
        // total 20 = 3 + 0 + 9 + 8: 3 alone would be 20 - 9 - 8; 8 goes too (0 is not a cell
        // that hides anything).
        let values = [("t", 20), ("x", 3), ("y", 0), ("z", 9), ("w", 8)];
        assert_eq!(
            run(&values, &[("t", &["x", "y", "z", "w"])]),
            ["shown", "hidden", "shown", "shown", "hidden"]
        );
    }

    #[test]
    fn a_tie_takes_the_first_in_order() {
        let values = [("t", 17), ("x", 2), ("y", 5), ("z", 5), ("w", 5)];
        assert_eq!(
            run(&values, &[("t", &["x", "y", "z", "w"])]),
            ["shown", "hidden", "hidden", "shown", "shown"]
        );
    }

    #[test]
    fn two_suppressed_cells_or_a_suppressed_total_need_nothing_more() {
        let two = [("t", 16), ("x", 2), ("y", 4), ("z", 10)];
        assert_eq!(
            run(&two, &[("t", &["x", "y", "z"])]),
            ["shown", "hidden", "hidden", "shown"]
        );
        let small_total = [("t", 4), ("x", 4), ("y", 0)];
        assert_eq!(
            run(&small_total, &[("t", &["x", "y"])]),
            ["hidden", "hidden", "shown"]
        );
    }

    #[test]
    fn each_group_is_taken_on_its_own() {
        // One total, two groups: in the first, 1 is alone (6 goes with it); in the second,
        // two cells are small already.
        let values = [
            ("t", 20),
            ("k1", 1),
            ("k2", 6),
            ("k3", 13),
            ("o1", 2),
            ("o2", 3),
            ("o3", 15),
        ];
        assert_eq!(
            run(
                &values,
                &[("t", &["k1", "k2", "k3"]), ("t", &["o1", "o2", "o3"])]
            ),
            ["shown", "hidden", "hidden", "shown", "hidden", "hidden", "shown"]
        );
    }
}
