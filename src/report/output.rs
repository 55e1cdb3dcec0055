//! A counted report as files, in memory: per language, `<report>.csv` (figure, label, value as
//! printed, query), the filings' `<report>-items.csv`, and the document rendered through the
//! kit's own templates (`templates/report-<name>/`, with the letterhead, the notice and the
//! authorities list every document has) and exporters, as DOCX (and PDF with the `pdf`
//! feature). Pure: nothing here touches the disk.

use super::{figures, queries, Counts, Kind};
use crate::config::{Jurisdiction, Role};
use crate::diagnostic::Diagnostic;
use crate::document::Lang;
use crate::export::{self, Format};
use crate::kit::{OutputFile, Project};
use crate::register::csv_text;
use serde_json::{json, Value};

/// The formats of a report's document: DOCX to edit and sign, and PDF when built with it.
const FORMATS: &[Format] = &[
    Format::Docx,
    #[cfg(feature = "pdf")]
    Format::Pdf,
];

/// A CSV line of `fields`, ended as RFC 4180 says.
fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields
        .iter()
        .map(|f| csv_text(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// The rows of the figures in `lang`: (key, label, value as printed, query).
fn rows(counts: &Counts, lang: Lang) -> Vec<[String; 4]> {
    counts
        .figures
        .iter()
        .map(|c| {
            let value = if c.suppressed {
                figures::word(lang, "suppressed").to_string()
            } else {
                c.value.to_string()
            };
            [
                c.figure.key.clone(),
                figures::label(lang, &c.figure.key),
                value,
                c.figure.query.to_string(),
            ]
        })
        .collect()
}

/// The value of figure `key` (0 if the report has none).
fn value(counts: &Counts, key: &str) -> u64 {
    counts
        .figures
        .iter()
        .find(|c| c.figure.key == key)
        .map_or(0, |c| c.value)
}

/// What the report's template sees as `response`.
fn context(counts: &Counts, agency: Role, lang: Lang) -> Value {
    let rows = rows(counts, lang);
    let mut used: Vec<&str> = counts.figures.iter().map(|c| c.figure.query).collect();
    used.extend(counts.kind.items().map(|(q, _)| q));
    used.dedup();
    let shown: Vec<Value> = queries::parse(queries::SQL)
        .into_iter()
        .filter(|q| used.contains(&q.name))
        .map(|q| json!({ "name": q.name, "sql": q.sql.split_whitespace().collect::<Vec<_>>().join(" ") }))
        .collect();
    json!({
        "year": counts.year,
        "report": counts.kind.name(),
        "agency_role": agency.key(),
        "figures": rows.iter().map(|[key, label, value, query]| json!({
            "key": key, "label": label, "value": value, "query": query,
        })).collect::<Vec<_>>(),
        "queries": shown,
        "items_file": counts.kind.items().map(|_| format!("{}-items.csv", counts.kind.name())),
        "items": counts.items.len(),
        "no_dhs_requests": value(counts, "dhs_requests.total") == 0,
        "no_detainers": value(counts, "detainers.total") == 0,
    })
}

/// The files of `counts` for `j`'s `agency` in each of `langs`, under
/// `<jurisdiction id>/<agency>/<lang>/`.
pub fn files(
    project: &Project,
    j: &Jurisdiction,
    agency: Role,
    counts: &Counts,
    langs: &[Lang],
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut j = j.clone();
    // The report is the agency's: its letterhead.
    j.letterhead = agency;
    let name = counts.kind.name();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    // A report is written in the languages its template is: not every language of the kit.
    for &lang in langs
        .iter()
        .filter(|&&l| project.is_written_in(&j, &template(counts.kind), l))
    {
        let dir = format!("{}/{}/{}", j.id, agency.key(), lang.code());
        let mut csv = csv_line(&["figure", "label", "value", "query"]);
        for row in rows(counts, lang) {
            csv.push_str(&csv_line(&row));
        }
        files.push(OutputFile {
            path: format!("{dir}/{name}.csv"),
            bytes: csv.into_bytes(),
        });
        if let Some((_, header)) = counts.kind.items() {
            let mut items = header.to_string();
            items.push_str("\r\n");
            for row in &counts.items {
                items.push_str(&csv_line(row));
            }
            files.push(OutputFile {
                path: format!("{dir}/{name}-items.csv"),
                bytes: items.into_bytes(),
            });
        }
        let doc = match project.render(
            &j,
            &template(counts.kind),
            lang,
            crate::render::kit_request(lang),
            context(counts, agency, lang),
        ) {
            Ok(doc) => doc,
            Err(e) => {
                problems.extend(e);
                continue;
            }
        };
        for &format in FORMATS {
            match export::export(&doc, format, &export::Options::default()) {
                Ok(bytes) => files.push(OutputFile {
                    path: format!("{dir}/{name}.{}", format.extension()),
                    bytes,
                }),
                Err(e) => problems.push(Diagnostic::error(format!("{name}: {e}"))),
            }
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// The template of a report.
pub fn template(kind: Kind) -> String {
    format!("{}{}", crate::templates::REPORT_ONLY, kind.name())
}
