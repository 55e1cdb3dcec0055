//! What Word shows of the shipped letters and policy, pinned: each paragraph's style, list
//! numbering (format, marker, level, start), layout (keep with next, keep lines together, a
//! rule below, space before, indent, alignment), and its runs with bold, italic, highlighting
//! and hyperlink targets, body, header (a letter's continuation header) and footer alike. `docx_view.txt` holds the view; `BLESS=1 cargo test --test cli docx_view`
//! writes it (read the diff: it is what a county's counsel sees change in Word).
//!
//! The view is read from the XML as Word reads it, not as one writer happens to write it
//! (property order, empty property elements, runs split or joined, field runs), so it pins
//! the document, not the bytes.

use crate::common::{docx_part, shipped_build, ROOT, W};
use roxmltree::{Document, Node};
use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const EXPECTED: &str = "tests/cli/docx_view.txt";
const DOCUMENTS: [&str; 4] = [
    "letter-detainer",
    "letter-administrative-subpoena",
    "letter-information-request",
    "policy-adult",
];

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name((W, name)))
}

fn val<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    child(n, name).and_then(|c| c.attribute((W, "val")))
}

/// Numbering instance id → (format, marker text, start override) per level.
type Lists = HashMap<String, HashMap<String, (String, String, Option<String>)>>;

fn lists(numbering: &str) -> Lists {
    let xml = Document::parse(numbering).expect("numbering.xml is well-formed");
    let mut abstracts: HashMap<&str, HashMap<String, (String, String)>> = HashMap::new();
    for a in xml
        .descendants()
        .filter(|n| n.has_tag_name((W, "abstractNum")))
    {
        let levels = a
            .children()
            .filter(|l| l.has_tag_name((W, "lvl")))
            .map(|l| {
                let level = l.attribute((W, "ilvl")).unwrap_or_default().to_owned();
                let format = val(l, "numFmt").unwrap_or_default().to_owned();
                (
                    level,
                    (format, val(l, "lvlText").unwrap_or_default().to_owned()),
                )
            })
            .collect();
        abstracts.insert(
            a.attribute((W, "abstractNumId")).unwrap_or_default(),
            levels,
        );
    }
    let mut out = Lists::new();
    for num in xml.descendants().filter(|n| n.has_tag_name((W, "num"))) {
        let id = num.attribute((W, "numId")).unwrap_or_default().to_owned();
        let levels = abstracts
            .get(val(num, "abstractNumId").unwrap_or_default())
            .cloned()
            .unwrap_or_default();
        let starts: HashMap<&str, &str> = num
            .children()
            .filter(|o| o.has_tag_name((W, "lvlOverride")))
            .filter_map(|o| Some((o.attribute((W, "ilvl"))?, val(o, "startOverride")?)))
            .collect();
        let levels = levels
            .into_iter()
            .map(|(level, (format, text))| {
                let start = starts
                    .get(level.as_str())
                    .map(std::string::ToString::to_string);
                (level, (format, text, start))
            })
            .collect();
        out.insert(id, levels);
    }
    out
}

/// One paragraph: `style [properties] | runs`, each stretch of runs formatted alike as
/// `<link …><style:…><b><i><mark:…>text</>` (plain text bare), tabs as `→`, line breaks as `⏎`,
/// no-break spaces as `⍽`,
/// fields as `{PAGE}` (their cached result left out).
fn paragraph(p: Node, lists: &Lists, links: &HashMap<&str, &str>) -> String {
    let mut line = String::new();
    let ppr = child(p, "pPr");
    line.push_str(ppr.and_then(|p| val(p, "pStyle")).unwrap_or("-"));
    if let Some(ppr) = ppr {
        if child(ppr, "keepNext").is_some() {
            line.push_str(" keep-next");
        }
        if child(ppr, "keepLines").is_some() {
            line.push_str(" keep-lines");
        }
        if let Some(num) = child(ppr, "numPr") {
            let id = val(num, "numId").unwrap_or_default();
            let level = val(num, "ilvl").unwrap_or("0");
            let (format, text, start) = lists
                .get(id)
                .and_then(|l| l.get(level))
                .cloned()
                .unwrap_or_default();
            let start = start.unwrap_or_else(|| "-".into());
            write!(
                line,
                " list={id} {format} {text:?} level={level} start={start}"
            )
            .unwrap();
        }
        if child(ppr, "pBdr")
            .and_then(|b| child(b, "bottom"))
            .is_some()
        {
            line.push_str(" rule-below");
        }
        if let Some(before) = child(ppr, "spacing").and_then(|s| s.attribute((W, "before"))) {
            write!(line, " before={before}").unwrap();
        }
        if let Some(left) = child(ppr, "ind").and_then(|s| s.attribute((W, "left"))) {
            write!(line, " indent={left}").unwrap();
        }
        if let Some(jc) = val(ppr, "jc") {
            write!(line, " align={jc}").unwrap();
        }
    }
    line.push_str(" | ");
    // (formatting, text) of each stretch of runs formatted alike.
    let mut runs: Vec<(String, String)> = Vec::new();
    let mut in_field_result = false;
    for run in p.descendants().filter(|n| n.has_tag_name((W, "r"))) {
        let mut format = String::new();
        if let Some(link) = run
            .ancestors()
            .find(|a| a.has_tag_name((W, "hyperlink")))
            .and_then(|h| h.attribute((R, "id")))
        {
            write!(format, "<link {}>", links.get(link).copied().unwrap_or("?")).unwrap();
        }
        if let Some(rpr) = child(run, "rPr") {
            if let Some(style) = val(rpr, "rStyle") {
                write!(format, "<style:{style}>").unwrap();
            }
            for (name, shown) in [("b", "<b>"), ("i", "<i>")] {
                if child(rpr, name).is_some() {
                    format.push_str(shown);
                }
            }
            if let Some(colour) = val(rpr, "highlight") {
                write!(format, "<mark:{colour}>").unwrap();
            }
        }
        let mut text = String::new();
        for c in run.children() {
            match c.tag_name().name() {
                // A no-break space shows as `⍽`, so the view says where a line cannot break.
                "t" if !in_field_result => {
                    text.push_str(&c.text().unwrap_or_default().replace('\u{A0}', "⍽"));
                }
                "tab" => text.push('→'),
                "br" if c.attribute((W, "type")) == Some("page") => text.push_str("{page break}"),
                "br" => text.push('⏎'),
                "instrText" => write!(text, "{{{}}}", c.text().unwrap_or_default().trim()).unwrap(),
                "fldChar" => in_field_result = c.attribute((W, "fldCharType")) == Some("separate"),
                _ => {}
            }
        }
        if text.is_empty() {
            continue;
        }
        match runs.last_mut() {
            Some((last, shown)) if *last == format => shown.push_str(&text),
            _ => runs.push((format, text)),
        }
    }
    for (format, text) in runs {
        if format.is_empty() {
            line.push_str(&text);
        } else {
            write!(line, "{format}{text}</>").unwrap();
        }
    }
    line
}

fn view(docx: &Path) -> String {
    let rels = docx_part(docx, "word/_rels/document.xml.rels");
    let rels = Document::parse(&rels).expect("relationships are well-formed");
    let links: HashMap<&str, &str> = rels
        .descendants()
        .filter(|r| r.attribute("TargetMode") == Some("External"))
        .filter_map(|r| Some((r.attribute("Id")?, r.attribute("Target")?)))
        .collect();
    let lists = lists(&docx_part(docx, "word/numbering.xml"));
    let mut out = String::new();
    for part in ["word/document.xml", "word/header1.xml", "word/footer1.xml"] {
        let xml = docx_part(docx, part);
        let xml = Document::parse(&xml).expect("well-formed");
        writeln!(out, "-- {part}").unwrap();
        for p in xml.descendants().filter(|n| n.has_tag_name((W, "p"))) {
            writeln!(out, "{}", paragraph(p, &lists, &links)).unwrap();
        }
    }
    out
}

#[test]
fn shipped_letters_show_in_word_what_they_showed() {
    let built = shipped_build();
    let mut actual = String::new();
    for lang in ["en", "es"] {
        for doc in DOCUMENTS {
            let file = format!("us/ca/alameda/{lang}/{doc}.docx");
            writeln!(actual, "== {file}").unwrap();
            actual.push_str(&view(&built.join(&file)));
        }
    }
    let expected_path = Path::new(ROOT).join(EXPECTED);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&expected_path, &actual).expect("write the view");
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "the shipped documents show differently in Word from {EXPECTED}, from line {}:\n  expected: {:?}\n  actual:   {:?}\n(BLESS=1 rewrites it: read the diff)",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}
