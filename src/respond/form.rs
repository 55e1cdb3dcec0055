//! Form recognition: which paper a request's `form` names, however it is written (any case,
//! dash or spacing, with prefixes or inside a title), from the table of ICE's and the federal
//! courts' forms, and what class of paper that is (a detainer, an officer's warrant or
//! subpoena, a court's form). Only the table's own number and title ever name it in a message.

use super::request::RequestKind;
use crate::document::Lang;
use crate::i18n::{t, Text};

/// What a form is, by who issues it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormClass {
    /// ICE's detainers and requests for notification or transfer (the I-247 series).
    Detainer,
    /// Warrants and orders an immigration officer signs (I-200, I-205, I-203): not a judge's.
    AdministrativeWarrant,
    /// ICE's own subpoena (I-138, or one titled so).
    AdministrativeSubpoena,
    /// A federal court's form (AO 442, AO 93, AO 88): possibly binding, for counsel.
    Judicial,
}

impl FormClass {
    /// The `kind` a request on such a form has; none for a court's form, which is never
    /// answered with a letter.
    pub fn kind(self) -> Option<RequestKind> {
        match self {
            FormClass::Detainer | FormClass::AdministrativeWarrant => Some(RequestKind::Detainer),
            FormClass::AdministrativeSubpoena => Some(RequestKind::AdministrativeSubpoena),
            FormClass::Judicial => None,
        }
    }

    fn what(self, lang: Lang) -> &'static str {
        t(
            lang,
            match self {
                FormClass::Detainer => Text::FormDetainer,
                FormClass::AdministrativeWarrant => Text::FormAdministrativeWarrant,
                FormClass::AdministrativeSubpoena => Text::FormAdministrativeSubpoena,
                FormClass::Judicial => Text::FormJudicial,
            },
        )
    }
}

/// A form responsekit knows: (series, number, title, class).
type KnownForm = (&'static str, &'static str, &'static str, FormClass);

/// ICE's forms and the federal courts' forms a request can come on, by number.
const FORMS: &[KnownForm] = &[
    ("I", "247", "Immigration Detainer", FormClass::Detainer),
    (
        "I",
        "247A",
        "Immigration Detainer – Notice of Action",
        FormClass::Detainer,
    ),
    (
        "I",
        "247D",
        "Immigration Detainer – Request for Voluntary Action",
        FormClass::Detainer,
    ),
    (
        "I",
        "247N",
        "Request for Voluntary Notification of Release",
        FormClass::Detainer,
    ),
    (
        "I",
        "247X",
        "Request for Voluntary Transfer",
        FormClass::Detainer,
    ),
    (
        "I",
        "200",
        "Warrant for Arrest of Alien",
        FormClass::AdministrativeWarrant,
    ),
    (
        "I",
        "205",
        "Warrant of Removal/Deportation",
        FormClass::AdministrativeWarrant,
    ),
    (
        "I",
        "203",
        "Order to Detain or Release Alien",
        FormClass::AdministrativeWarrant,
    ),
    ("I", "138", "Subpoena", FormClass::AdministrativeSubpoena),
    ("AO", "442", "Arrest Warrant", FormClass::Judicial),
    (
        "AO",
        "93",
        "Search and Seizure Warrant",
        FormClass::Judicial,
    ),
    (
        "AO",
        "93C",
        "Search and Seizure Warrant by Telephone or Other Reliable Electronic Means",
        FormClass::Judicial,
    ),
    (
        "AO",
        "88",
        "Subpoena to Appear and Testify at a Hearing or Trial in a Civil Action",
        FormClass::Judicial,
    ),
    (
        "AO",
        "88A",
        "Subpoena to Testify at a Deposition in a Civil Action",
        FormClass::Judicial,
    ),
    (
        "AO",
        "88B",
        "Subpoena to Produce Documents, Information, or Objects",
        FormClass::Judicial,
    ),
];

/// Titles that name a form without its number, lowercase: (words, class, the number of the
/// form they are, if one).
const TITLES: &[(&str, FormClass, Option<&str>)] = &[
    (
        "administrative subpoena",
        FormClass::AdministrativeSubpoena,
        None,
    ),
    ("detainer", FormClass::Detainer, None),
    (
        "warrant for arrest of alien",
        FormClass::AdministrativeWarrant,
        Some("200"),
    ),
    (
        "warrant of removal",
        FormClass::AdministrativeWarrant,
        Some("205"),
    ),
    (
        "warrant of deportation",
        FormClass::AdministrativeWarrant,
        Some("205"),
    ),
    (
        "search and seizure warrant",
        FormClass::Judicial,
        Some("93"),
    ),
];

/// The form a request's `form` names, recognised however it is written: any case, any dash or
/// space (`I-247A`, `I247A`, `I‑247A` with a non-breaking hyphen), with prefixes (`DHS Form`,
/// `ICE Form`) or inside a title (`Immigration Detainer – Notice of Action (I-247A)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    /// Who issues such a form.
    pub class: FormClass,
    /// The numbered form, when the text names one (by number or by its title).
    known: Option<&'static KnownForm>,
}

impl Form {
    /// The form `text` names, if it names one this module knows (a numbered form, or a class
    /// of forms by its title); `None` otherwise.
    pub fn recognise(text: &str) -> Option<Form> {
        let upper = text.to_uppercase();
        // Every character that is not a letter or a digit (dashes of all kinds, spaces,
        // brackets, dots) only separates words.
        let words: Vec<&str> = upper
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let numbered = (0..words.len()).find_map(|i| {
            let (series, number) = ["AO", "I"]
                .iter()
                .find_map(|series| {
                    let number = words[i].strip_prefix(series)?;
                    number
                        .starts_with(|c: char| c.is_ascii_digit())
                        .then_some((*series, number))
                })
                .or_else(|| Some((words[i], *words.get(i + 1)?)))?;
            FORMS.iter().find(|f| f.0 == series && f.1 == number)
        });
        if let Some(known) = numbered {
            return Some(Form {
                class: known.3,
                known: Some(known),
            });
        }
        let title = format!(" {} ", words.join(" ").to_lowercase());
        TITLES
            .iter()
            .find(|(words, ..)| title.contains(&format!(" {words} ")))
            .map(|&(_, class, number)| Form {
                class,
                known: number.and_then(|n| FORMS.iter().find(|f| f.1 == n)),
            })
    }

    /// What it is, for a message or the memo: its number and title (never the text as
    /// written) and its class.
    pub fn name(self, lang: Lang) -> String {
        match self.known {
            Some((series, number, title, _)) => {
                let separator = if *series == "AO" { " " } else { "-" };
                format!(
                    "{series}{separator}{number} ({title}), {}",
                    self.class.what(lang)
                )
            }
            None => self.class.what(lang).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_is_recognised_however_it_is_written() {
        use FormClass::*;
        let table: &[(&str, Option<(FormClass, &str)>)] = &[
            ("I-247A", Some((Detainer, "I-247A"))),
            ("i-247a", Some((Detainer, "I-247A"))),
            ("DHS Form I-247A", Some((Detainer, "I-247A"))),
            ("ICE Form I-247A", Some((Detainer, "I-247A"))),
            ("Form I-247A (5/15)", Some((Detainer, "I-247A"))),
            ("I247A", Some((Detainer, "I-247A"))),
            ("I 247A", Some((Detainer, "I-247A"))),
            ("I\u{2010}247A", Some((Detainer, "I-247A"))),
            ("I\u{2011}247A", Some((Detainer, "I-247A"))),
            ("I\u{2012}247A", Some((Detainer, "I-247A"))),
            ("I\u{2013}247A", Some((Detainer, "I-247A"))),
            ("I\u{2014}247A", Some((Detainer, "I-247A"))),
            ("I\u{2015}247A", Some((Detainer, "I-247A"))),
            ("I\u{2212}247A", Some((Detainer, "I-247A"))),
            (
                "Immigration Detainer – Notice of Action (I-247A)",
                Some((Detainer, "I-247A")),
            ),
            (
                "Immigration Detainer - Notice of Action",
                Some((Detainer, "")),
            ),
            ("I-247D", Some((Detainer, "I-247D"))),
            ("I-247N", Some((Detainer, "I-247N"))),
            ("I-247X", Some((Detainer, "I-247X"))),
            ("I-247", Some((Detainer, "I-247 "))),
            ("I-200", Some((AdministrativeWarrant, "I-200"))),
            (
                "Warrant for Arrest of Alien",
                Some((AdministrativeWarrant, "I-200")),
            ),
            ("ICE Form I-205", Some((AdministrativeWarrant, "I-205"))),
            (
                "Warrant of Removal/Deportation",
                Some((AdministrativeWarrant, "I-205")),
            ),
            ("I-203", Some((AdministrativeWarrant, "I-203"))),
            ("I-138", Some((AdministrativeSubpoena, "I-138"))),
            (
                "Administrative subpoena",
                Some((AdministrativeSubpoena, "")),
            ),
            (
                "ADMINISTRATIVE  SUBPOENA",
                Some((AdministrativeSubpoena, "")),
            ),
            ("AO 442", Some((Judicial, "AO 442"))),
            ("AO-442 Arrest Warrant", Some((Judicial, "AO 442"))),
            ("AO442", Some((Judicial, "AO 442"))),
            ("AO 93", Some((Judicial, "AO 93 "))),
            ("Search and Seizure Warrant", Some((Judicial, "AO 93 "))),
            ("AO 88", Some((Judicial, "AO 88 "))),
            ("AO 88A", Some((Judicial, "AO 88A"))),
            ("ao 88b", Some((Judicial, "AO 88B"))),
            ("I-213", None),
            ("Letter", None),
            ("", None),
        ];
        for (text, expected) in table {
            let got = Form::recognise(text);
            assert_eq!(got.map(|f| f.class), expected.map(|e| e.0), "{text:?}");
            if let (Some(form), Some((_, number))) = (got, expected) {
                assert!(
                    form.name(Lang::En).starts_with(number),
                    "{text:?}: {}",
                    form.name(Lang::En)
                );
            }
        }
    }
}
