use super::table::{self, fill};
use super::*;
use std::path::PathBuf;

/// The shipped tables, as `load` reads them: (path, text).
fn shipped_files() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n");
    let mut files: Vec<(PathBuf, String)> = std::fs::read_dir(&dir)
        .expect("i18n/ exists")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable");
            (Path::new("i18n").join(p.file_name().expect("a name")), text)
        })
        .collect();
    files.sort();
    files
}

/// The messages `load` gives for the shipped tables with `lang`'s text changed by `edit`.
fn problems_with(lang: &str, edit: impl Fn(&str) -> String) -> Vec<String> {
    let files: Vec<(PathBuf, String)> = shipped_files()
        .into_iter()
        .map(|(path, text)| {
            let text = if path.ends_with(format!("{lang}.yaml")) {
                let edited = edit(&text);
                assert_ne!(edited, text, "the edit changes {}", path.display());
                edited
            } else {
                text
            };
            (path, text)
        })
        .collect();
    messages(&files)
}

/// What `load` says of `files` (nothing when they load).
fn messages(files: &[(PathBuf, String)]) -> Vec<String> {
    match table::load(files) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

use std::path::Path;

/// The shipped table of `lang`.
fn shipped_text(lang: &str) -> String {
    let file = format!("{lang}.yaml");
    shipped_files()
        .into_iter()
        .find(|(p, _)| p.ends_with(&file))
        .expect("a shipped table")
        .1
}

/// The line (from 1) of the first line of `text` holding `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    1 + text
        .lines()
        .position(|l| l.contains(needle))
        .expect("the needle is there")
}

#[test]
fn the_shipped_tables_are_complete_and_consistent() {
    let problems: Vec<String> = problems().iter().map(ToString::to_string).collect();
    assert_eq!(problems, Vec::<String>::new());
    // The languages are the shipped tables, and every string is in each.
    assert_eq!(
        Lang::codes(),
        ["en", "es", "ko", "tl", "vi", "zh-hans", "zh-hant"]
    );
    for &lang in Lang::all() {
        for &text in Text::ALL {
            assert!(!t(lang, text).is_empty(), "{lang}: {text:?}");
        }
    }
    assert_eq!(t(Lang::Es, Text::Page), "Página");
    assert_eq!(
        t_with(Lang::En, Text::ReasonCourtForm, &[("form", "AO 442")]),
        "the form named in the request is AO 442"
    );
}

#[test]
fn a_missing_or_unknown_key_is_named_with_its_line() {
    let es = shipped_text("es");
    assert_eq!(
        problems_with("es", |t| t.replace("    signature: Firma\n", "    signatur: Firma\n")),
        [
            format!("error: i18n/es.yaml:{}: unknown key `text.document.signatur`\n  hint: every table has the keys of the engine (those of i18n/en.yaml): check the spelling, or remove it", line_of(&es, "signature: Firma")),
            format!("error: i18n/es.yaml:{}: `text.document.signature` is missing\n  hint: add it (i18n/en.yaml says what it is for)", line_of(&es, "  document:")),
        ]
    );
}

/// Asserts that `lang`'s table with `from` replaced by `to` gets one error, `message`, at the
/// line of the shipped table holding `at`.
fn assert_refused(lang: &str, (from, to): (&str, &str), at: &str, message: &str) {
    let line = line_of(&shipped_text(lang), at);
    assert_eq!(
        problems_with(lang, |t| t.replace(from, to)),
        [format!("error: i18n/{lang}.yaml:{line}: {message}")]
    );
}

#[test]
fn a_placeholder_must_be_the_engines() {
    assert_refused(
        "es",
        ("solicitud es {form}\"", "solicitud es {formulario}\""),
        "court_form:",
        "`text.reason.court_form` has `{formulario}`, where the engine fills `{form}`\n  hint: write the placeholders the engine fills, as `{name}`, and no other",
    );
    assert_refused(
        "en",
        ("{month} {day}, {year}", "{month} {day}"),
        "pattern:",
        "the date pattern has `{day}`, `{month}`, where the engine fills `{day}`, `{month}`, `{year}`\n  hint: write `{day}`, `{month}` and `{year}` in it, each where it goes",
    );
}

#[test]
fn a_string_is_never_blank() {
    assert_refused(
        "es",
        ("    signature: Firma\n", "    signature: \" \"\n"),
        "signature: Firma",
        "`text.document.signature` is empty\n  hint: write the string in this language",
    );
}

#[test]
fn a_rule_list_must_end_with_a_rule_for_every_word() {
    let problems = problems_with("es", |t| t.replace("    - write: \" y \"\n", ""));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]
            .contains("`list.and` does not end with a rule for every word, so some fit none"),
        "{problems:?}"
    );
}

#[test]
fn a_new_language_is_a_new_table() {
    let mut files = shipped_files();
    files.push((PathBuf::from("i18n/fr.yaml"), shipped_text("es")));
    let tables = table::load(&files).expect("a complete table is a language");
    assert!(tables.contains_key("fr"), "{:?}", tables.keys());
    assert_eq!(tables.len(), Lang::all().len() + 1);
}

#[test]
fn a_table_is_named_by_a_language_code_and_english_is_one() {
    let mut files = shipped_files();
    let en = files
        .iter()
        .position(|(p, _)| p.ends_with("en.yaml"))
        .unwrap();
    files[en].0 = PathBuf::from("i18n/English.yaml");
    assert_eq!(
        messages(&files),
        [
            "error: i18n/English.yaml: `English` cannot name a language\n  hint: name a table by its language's code: lowercase letters, digits and `-` (`es`, `zh-hant`)",
            "error: i18n/en.yaml: no table of the engine's strings for `en`\n  hint: English is the language of the tool's messages and of a template that names none: restore the table",
        ]
    );
}

#[test]
fn a_yaml_mistake_is_located() {
    let problems = problems_with("en", |t| {
        t.replace("serial_comma: true", "serial_comma: yes please")
    });
    assert_eq!(problems.len(), 1, "{problems:?}");
    let line = line_of(&shipped_text("en"), "serial_comma:");
    assert!(
        problems[0].starts_with(&format!("error: i18n/en.yaml:{line}:")),
        "{problems:?}"
    );
}

#[test]
fn placeholders_are_filled_in_one_pass() {
    assert_eq!(
        fill("{a} and {b}", &[("a", "{b}"), ("b", "2")]),
        "{b} and 2"
    );
    assert_eq!(
        fill("{ not one } {Nor} {a}", &[("a", "x")]),
        "{ not one } {Nor} x"
    );
}

#[test]
fn dates_read_naturally() {
    let d = time::macros::date!(2026 - 11 - 27);
    assert_eq!(long_date(Lang::En, d), "November 27, 2026");
    assert_eq!(long_date(Lang::Es, d), "27 de noviembre de 2026");
}

#[test]
fn lists_join_with_the_right_conjunction() {
    let v = |s: &[&str]| s.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert_eq!(join_list(Lang::En, &v(&["A", "B", "C"])), "A, B, and C");
    assert_eq!(join_list(Lang::En, &v(&["A", "B"])), "A and B");
    assert_eq!(join_list(Lang::Es, &v(&["A", "B", "C"])), "A, B y C");
    assert_eq!(
        join_list(Lang::Es, &v(&["Oregón", "Illinois"])),
        "Oregón e Illinois"
    );
    assert_eq!(join_list(Lang::Es, &v(&["agua", "hielo"])), "agua y hielo");
    assert_eq!(join_list(Lang::Es, &v(&["A"])), "A");
}

#[test]
fn a_fill_in_names_whose_fact_it_is() {
    let cases = [
        (Lang::En, "Sheriff", Text::FieldPhone, "Sheriff's phone"),
        (
            Lang::En,
            "Department of Corrections",
            Text::FieldName,
            "Department of Corrections' name",
        ),
        (
            Lang::Es,
            "el Departamento Correccional",
            Text::FieldPhone,
            "Teléfono del Departamento Correccional",
        ),
        (
            Lang::Es,
            "la Defensoría Pública",
            Text::FieldAddress,
            "Dirección de la Defensoría Pública",
        ),
    ];
    for (lang, owner, field, label) in cases {
        assert_eq!(possessive(lang, owner, field), label);
    }
}

#[test]
fn a_rule_fills_only_what_the_engine_gives() {
    assert_refused(
        "es",
        ("\"{field} de {owner}\"", "\"{field} de {owner} {lugar}\""),
        "  rules:",
        "a rule of `possessive.rules` has `{lugar}`, which the engine does not fill\n  hint: a rule there can hold `{field}`, `{owner}`, `{rest}`",
    );
}
