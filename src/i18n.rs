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
    Verified,
    /// The word the HTML pages use for the skip link.
    SkipToContent,
    /// The signing line's caption.
    Signature,
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
            "Texto modelo para revisión por asesoría jurídica. No constituye asesoramiento legal. Adáptelo y verifíquelo antes de usarlo."
        }
        (AuthoritiesCited, En) => "Authorities cited",
        (AuthoritiesCited, Es) => "Fuentes legales citadas",
        (Source, En) => "Source",
        (Source, Es) => "Fuente",
        (Verified, En) => "verified",
        (Verified, Es) => "verificada el",
        (SkipToContent, En) => "Skip to content",
        (SkipToContent, Es) => "Ir al contenido",
        (Signature, En) => "Signature",
        (Signature, Es) => "Firma",
    }
}
