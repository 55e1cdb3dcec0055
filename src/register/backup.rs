//! `register export` and `register import`: every table as CSV (for a person to read) and JSON
//! (what `import` reads back), rows in a fixed order so the same register exports the same
//! bytes. Import is idempotent: a row already held (the same request `uid`, the same number of
//! the same request) is left as it is, so importing a backup twice adds nothing.

use super::{failure, schema, Register};
use crate::diagnostic::Diagnostic;
use crate::kit::OutputFile;
use rusqlite::types::Value as Sql;
use serde_json::{json, Value};
use std::path::Path;

/// One table as exported: its columns and its rows, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The table's name.
    pub name: &'static str,
    /// Its columns, in the table's order.
    pub columns: Vec<String>,
    /// Its rows: integers, text or null.
    pub rows: Vec<Vec<Value>>,
}

/// `word` as the one of `allowed` it is (the tables' CHECK constraints keep to them).
pub(super) fn known(word: &str, allowed: &[&'static str]) -> &'static str {
    allowed.iter().find(|a| **a == word).copied().unwrap_or("")
}

/// The order rows are exported in: requests by number, the rest by their request's number.
fn order(table: &str) -> &'static str {
    match table {
        "requests" => "id",
        "requested" => "(SELECT id FROM requests WHERE uid = request_uid), item",
        "required_documents" => "(SELECT id FROM requests WHERE uid = request_uid), document",
        _ => "(SELECT id FROM requests WHERE uid = request_uid), seq",
    }
}

impl Register {
    /// Every table, every row.
    pub fn export(&self) -> Result<Vec<Table>, Diagnostic> {
        let read = |name: &'static str| -> rusqlite::Result<Table> {
            let mut stmt = self
                .db
                .prepare(&format!("SELECT * FROM {name} ORDER BY {}", order(name)))?;
            let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
            let n = columns.len();
            let rows = stmt
                .query_map([], |r| {
                    (0..n)
                        .map(|i| {
                            Ok(match r.get::<_, Sql>(i)? {
                                Sql::Integer(v) => json!(v),
                                Sql::Text(s) => json!(s),
                                Sql::Null | Sql::Real(_) | Sql::Blob(_) => Value::Null,
                            })
                        })
                        .collect()
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(Table {
                name,
                columns,
                rows,
            })
        };
        schema::TABLES
            .iter()
            .map(|(t, _)| read(t))
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| failure(&self.path, "read", &e))
    }

    /// Adds every row of `tables` the register does not hold yet; returns how many it added.
    /// One transaction: a backup is imported whole or not at all.
    pub fn import(&mut self, tables: &[Table]) -> Result<usize, Diagnostic> {
        self.write("import into", |tx| {
            let mut added = 0;
            for table in tables {
                // Only the table's own columns reach the SQL: a backup names them, and a name
                // is never trusted into a statement unchecked.
                let mut stmt = tx.prepare(&format!(
                    "SELECT name FROM pragma_table_info('{}')",
                    table.name
                ))?;
                let known: Vec<String> = stmt
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                if let Some(bad) = table.columns.iter().find(|c| !known.contains(c)) {
                    return Err(rusqlite::Error::InvalidColumnName(bad.clone()));
                }
                for row in &table.rows {
                    let values: Vec<Sql> = row
                        .iter()
                        .map(|v| match v {
                            Value::Number(n) => n.as_i64().map_or(Sql::Null, Sql::Integer),
                            Value::String(s) => Sql::Text(s.clone()),
                            Value::Bool(b) => Sql::Integer(i64::from(*b)),
                            _ => Sql::Null,
                        })
                        .collect();
                    added += insert_new(tx, table, values)?;
                }
            }
            Ok(added)
        })
    }
}

/// Inserts one row unless the register holds it; a request whose number is taken here by
/// another request gets the next free number.
fn insert_new(
    tx: &rusqlite::Transaction<'_>,
    table: &Table,
    values: Vec<Sql>,
) -> rusqlite::Result<usize> {
    let mut columns = table.columns.clone();
    let mut values = values;
    if table.name == "requests" {
        let at = |name: &str| columns.iter().position(|c| c == name);
        let uid = at("uid")
            .and_then(|i| values.get(i).cloned())
            .unwrap_or(Sql::Null);
        let held: bool = tx.query_row(
            "SELECT count(*) > 0 FROM requests WHERE uid = ?1",
            [uid],
            |r| r.get(0),
        )?;
        if held {
            return Ok(0);
        }
        if let Some(i) = at("id") {
            let taken: bool = tx.query_row(
                "SELECT count(*) > 0 FROM requests WHERE id = ?1",
                [values.get(i).cloned().unwrap_or(Sql::Null)],
                |r| r.get(0),
            )?;
            if taken {
                columns.remove(i);
                values.remove(i);
            }
        }
    }
    let marks = vec!["?"; columns.len()].join(", ");
    let sql = format!(
        "INSERT OR IGNORE INTO {} ({}) VALUES ({marks})",
        table.name,
        columns.join(", ")
    );
    tx.execute(&sql, rusqlite::params_from_iter(values))
}

/// A CSV field: quoted when it holds a comma, quote or line break (RFC 4180).
fn csv_field(v: &Value) -> String {
    match v {
        Value::String(s) => csv_text(s),
        Value::Null => String::new(),
        other => csv_text(&other.to_string()),
    }
}

/// `s` as a CSV field: quoted when it holds a comma, quote or line break (RFC 4180). The one
/// CSV rule of the crate: the reports' CSV files are written by it too.
pub fn csv_text(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The files of an export: `<table>.csv` and `<table>.json` for each table. Pure.
pub fn files(tables: &[Table]) -> Vec<OutputFile> {
    let mut out = Vec::new();
    for t in tables {
        let mut csv = t.columns.join(",");
        csv.push_str("\r\n");
        for row in &t.rows {
            csv.push_str(&row.iter().map(csv_field).collect::<Vec<_>>().join(","));
            csv.push_str("\r\n");
        }
        let json = json!({
            "register_version": schema::latest(),
            "table": t.name,
            "columns": t.columns,
            "rows": t.rows,
        });
        let mut json = serde_json::to_string_pretty(&json).unwrap_or_default();
        json.push('\n');
        out.push(OutputFile {
            path: format!("{}.csv", t.name),
            bytes: csv.into_bytes(),
        });
        out.push(OutputFile {
            path: format!("{}.json", t.name),
            bytes: json.into_bytes(),
        });
    }
    out
}

/// Reads the JSON files of an export in `dir`. A table added after the version the export
/// was written by (`requests.json` says which) has no file in it, and is read as empty.
pub fn read(dir: &Path) -> Result<Vec<Table>, Diagnostic> {
    let mut tables = Vec::new();
    let mut written_by = schema::latest();
    for &(name, added_in) in schema::TABLES {
        let path = dir.join(format!("{name}.json"));
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && added_in > written_by => {
                tables.push(Table {
                    name,
                    columns: Vec::new(),
                    rows: Vec::new(),
                });
                continue;
            }
            Err(e) => {
                return Err(Diagnostic::error(format!("cannot read the export ({e})"))
                    .in_file(&path)
                    .with_hint("name a folder `responsekit register export --out DIR` wrote"))
            }
        };
        let bad = |what: &str| {
            Diagnostic::error(format!("is not a register export: {what}"))
                .in_file(&path)
                .with_hint("name a folder `responsekit register export --out DIR` wrote, its files unedited")
        };
        let value: Value = serde_json::from_str(&text).map_err(|e| {
            // The place goes where every message puts it, not at the end of the text too.
            let place = format!(" at line {} column {}", e.line(), e.column());
            let what = e.to_string();
            bad(what.strip_suffix(&place).unwrap_or(&what))
                .at(e.line(), (e.column() > 0).then_some(e.column()))
        })?;
        if value["table"] != name {
            return Err(bad(&format!("`table` is not `{name}`")));
        }
        let version = value["register_version"].as_i64().unwrap_or(0);
        if version > i64::from(schema::latest()) {
            return Err(bad(&format!(
                "it was written by a newer responsekit (register version {version})"
            )));
        }
        if name == schema::TABLES[0].0 {
            written_by = i32::try_from(version).unwrap_or(0);
        }
        let strings = |v: &Value| v.as_str().map(str::to_string);
        let columns: Option<Vec<String>> = value["columns"]
            .as_array()
            .and_then(|c| c.iter().map(strings).collect());
        let rows: Option<Vec<Vec<Value>>> = value["rows"]
            .as_array()
            .and_then(|r| r.iter().map(|row| row.as_array().cloned()).collect());
        let (Some(columns), Some(rows)) = (columns, rows) else {
            return Err(bad("`columns` or `rows` is missing"));
        };
        if rows.iter().any(|r| r.len() != columns.len()) {
            return Err(bad("a row does not have one value per column"));
        }
        tables.push(Table {
            name,
            columns,
            rows,
        });
    }
    Ok(tables)
}
