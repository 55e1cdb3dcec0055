//! The few strings the engine itself writes into documents (not template text): footer,
//! notices, labels for fill-ins, the "authorities cited" section. One table, both languages.

use crate::document::Lang;

/// A string the engine writes, in every language the kit supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// Footer before the page number: "Page" 3 "of" 7.
    Page,
    Of,
    /// The notice every document carries.
    ModelLanguageNotice,
    AuthoritiesCited,
    /// Label of the source link in the authorities list.
    Source,
    /// "official text, read on" DATE: a source that is the publisher's own.
    OfficialRead,
    /// "secondary copy, read on" DATE; the official text not confirmed.
    SecondaryRead,
    SecondaryCaveat,
    /// The word the HTML pages use for the skip link.
    SkipToContent,
    /// The signing line's caption.
    Signature,
    /// Labels of the site's navigation.
    Downloads,
    Breadcrumb,
    Languages,
    /// A language's own name for itself ("English", "Español").
    LanguageName,
    Home,
    /// The download link of a jurisdiction's zip.
    Bundle,
}

pub fn t(lang: Lang, text: Text) -> &'static str {
    use Lang::*;
    use Text::*;
    match (text, lang) {
        (Page, En) => "Page",
        (Page, Es) => "Página",
        (Of, En) => "of",
        (Of, Es) => "de",
        (ModelLanguageNotice, En) => {
            "Model language for review by counsel. Not legal advice. Adapt and verify before use."
        }
        (ModelLanguageNotice, Es) => {
            "Texto modelo para revisión por asesoría jurídica. No constituye asesoramiento legal. Adáptelo y verifíquelo antes de usarlo. Traducción no revisada aún por un traductor calificado."
        }
        (AuthoritiesCited, En) => "Authorities cited",
        (AuthoritiesCited, Es) => "Fuentes legales citadas",
        (Source, En) => "Source",
        (Source, Es) => "Fuente",
        (OfficialRead, En) => "official text, read on",
        (OfficialRead, Es) => "texto oficial, consultado el",
        (SecondaryRead, En) => "secondary copy, read on",
        (SecondaryRead, Es) => "copia no oficial, consultada el",
        (SecondaryCaveat, En) => "check against the official text",
        (SecondaryCaveat, Es) => "cotéjese con el texto oficial",
        (SkipToContent, En) => "Skip to content",
        (SkipToContent, Es) => "Ir al contenido",
        (Signature, En) => "Signature",
        (Signature, Es) => "Firma",
        (Downloads, En) => "Downloads",
        (Downloads, Es) => "Descargas",
        (Breadcrumb, En) => "You are here",
        (Breadcrumb, Es) => "Usted está aquí",
        (Languages, En) => "Other languages",
        (Languages, Es) => "Otros idiomas",
        (LanguageName, En) => "English",
        (LanguageName, Es) => "Español",
        (Home, En) => "Responsible release toolkit",
        (Home, Es) => "Kit de liberación responsable",
        (Bundle, En) => "All documents (zip)",
        (Bundle, Es) => "Todos los documentos (zip)",
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// A date as written in running text: "November 27, 2026" / "27 de noviembre de 2026".
pub fn long_date(lang: Lang, date: time::Date) -> String {
    let month = date.month() as usize - 1;
    match lang {
        Lang::En => format!("{} {}, {}", MONTHS_EN[month], date.day(), date.year()),
        Lang::Es => format!("{} de {} de {}", date.day(), MONTHS_ES[month], date.year()),
    }
}

/// "A, B and C" / "A, B y C" (Spanish "e" before a word sounding /i/: "A e Illinois").
pub fn join_list(lang: Lang, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => {
            let conjunction = match lang {
                Lang::En => "and",
                Lang::Es => {
                    let lower = last.to_lowercase();
                    let sounds_i = (lower.starts_with('i') || lower.starts_with("hi"))
                        && !lower.starts_with("hie")
                        && !lower.starts_with("ia")
                        && !lower.starts_with("io");
                    if sounds_i {
                        "e"
                    } else {
                        "y"
                    }
                }
            };
            // The serial comma is house style in English legal writing, never in Spanish.
            let comma = if lang == Lang::En && init.len() > 1 {
                ","
            } else {
                ""
            };
            format!("{}{comma} {conjunction} {last}", init.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally() {
        let d = time::macros::date!(2026 - 11 - 27);
        assert_eq!(long_date(Lang::En, d), "November 27, 2026");
        assert_eq!(long_date(Lang::Es, d), "27 de noviembre de 2026");
    }

    #[test]
    fn lists_join_with_the_right_conjunction() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(join_list(Lang::En, &v(&["A", "B", "C"])), "A, B, and C");
        assert_eq!(join_list(Lang::En, &v(&["A", "B"])), "A and B");
        assert_eq!(join_list(Lang::Es, &v(&["A", "B", "C"])), "A, B y C");
        assert_eq!(
            join_list(Lang::Es, &v(&["Oregón", "Illinois"])),
            "Oregón e Illinois"
        );
        assert_eq!(join_list(Lang::Es, &v(&["A"])), "A");
    }
}
