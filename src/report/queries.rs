//! The named queries of `queries.sql`, embedded in the binary: each `-- name: <query>` line
//! starts one, and the SQL up to the next such line is its statement (comments before the
//! first one are the file's preamble). The reports run exactly these, and print them.

/// The file as shipped, printed into every report's "How each figure was counted".
pub const SQL: &str = include_str!("queries.sql");

/// One named query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// Its name, as each figure names it.
    pub name: &'static str,
    /// Its statement, as written in the file.
    pub sql: &'static str,
}

/// Every query of `text`, in file order.
pub fn parse(text: &'static str) -> Vec<Query> {
    let mut out: Vec<Query> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("-- name: ") {
        let after = &rest[at + "-- name: ".len()..];
        let (name, body) = after.split_once('\n').unwrap_or((after, ""));
        let end = body.find("-- name: ").unwrap_or(body.len());
        out.push(Query {
            name: name.trim(),
            sql: body[..end].trim(),
        });
        rest = &body[end..];
    }
    out
}

/// The shipped query named `name`.
pub fn get(name: &str) -> Option<Query> {
    parse(SQL).into_iter().find(|q| q.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_named_query_is_one_statement_and_names_are_unique() {
        let queries = parse(SQL);
        assert!(queries.len() >= 10, "{queries:?}");
        let mut names: Vec<&str> = queries.iter().map(|q| q.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), queries.len());
        for q in &queries {
            // One statement: only its last line ends it (a `';'` inside is a separator).
            let lines: Vec<&str> = q.sql.lines().collect();
            assert!(q.sql.ends_with(';'), "{}", q.name);
            assert!(
                lines[..lines.len() - 1]
                    .iter()
                    .all(|l| !l.trim_end().ends_with(';')),
                "{}",
                q.name
            );
        }
        assert_eq!(
            parse("-- preamble\n-- name: a\nSELECT 1;\n\n-- name: b\nSELECT 2;\n"),
            [
                Query {
                    name: "a",
                    sql: "SELECT 1;"
                },
                Query {
                    name: "b",
                    sql: "SELECT 2;"
                }
            ]
        );
    }
}
